/**
 * The built-in demo feed: a simulated city that drives a running service so a newcomer sees
 * dispatch happen. It registers restaurants and dark stores (with stock) and riders, then every
 * second places orders at a rate that follows a lunch peak (a 3-hour lunch compressed into
 * `cycleSec`, rising from a trickle to `peakOrdersPerSec` and back), has merchants accept and
 * prepare them, and has riders answer offers (a few decline), ride to the store and the customer
 * (position updates every tick) and confirm pickup and drop-off. Everything goes through the same
 * service operations the HTTP API calls, as an admin principal.
 */
import { bearingDeg, destination, haversineDistanceM, mulberry32, randomPointInDisc, type LngLat, type Rng } from '@o2o/geo';
import type { Principal } from '../auth/principal.js';
import type { DispatchService } from '../service/dispatch-service.js';
import type { ServiceEvent } from '../service/event-bus.js';

export interface DemoFeedOptions {
  /** City centre `[lng, lat]`. Default Bogotá-like `[-74.08, 4.65]`. */
  readonly center?: LngLat;
  /** City radius, metres. Default 6,000. */
  readonly radiusM?: number;
  readonly restaurants?: number;
  readonly darkStores?: number;
  readonly riders?: number;
  /** Orders per second at the top of the peak. Default 2. */
  readonly peakOrdersPerSec?: number;
  /** Seconds one lunch cycle lasts (trickle → peak → trickle). Default 600. */
  readonly cycleSec?: number;
  /** Rider speed, m/s. Default 7 (a scooter in traffic; the demo runs in real time). */
  readonly riderSpeedMps?: number;
  /** Share of offers declined. Default 0.05. */
  readonly declineRate?: number;
  readonly seed?: number;
  /** Real milliseconds between ticks (one simulated second each); 0: the caller calls `tick()`. Default 1000. */
  readonly tickMs?: number;
  /** Called when a simulated action fails unexpectedly (the feed keeps going). */
  readonly onError?: (error: unknown) => void;
}

const ADMIN: Principal = Object.freeze({ role: 'admin', sub: 'demo-feed', expiresAt: Number.MAX_SAFE_INTEGER });
/** Prefix of the demo city's store, rider and order ids. */
const DEMO_PREFIX = 'demo-';
const SKUS = ['water', 'milk', 'bread', 'eggs', 'apples', 'rice', 'coffee', 'soap'];

interface Scheduled {
  readonly at: number;
  readonly run: () => Promise<unknown>;
}

export class DemoFeed {
  private readonly rng: Rng;
  private readonly o: Required<Omit<DemoFeedOptions, 'onError'>>;
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private queue: Scheduled[] = [];
  private storeIds: string[] = [];
  private started = 0;
  private carry = 0;
  private seq = 0;
  /** Totals, for the banner and tests. */
  readonly stats = { ordersPlaced: 0, accepted: 0, offersAccepted: 0, offersDeclined: 0, pickedUp: 0, delivered: 0, failures: 0 };

  constructor(
    private readonly service: DispatchService,
    private readonly options: DemoFeedOptions = {},
  ) {
    this.o = {
      center: options.center ?? [-74.08, 4.65],
      radiusM: options.radiusM ?? 6_000,
      restaurants: options.restaurants ?? 40,
      darkStores: options.darkStores ?? 4,
      riders: options.riders ?? 80,
      peakOrdersPerSec: options.peakOrdersPerSec ?? 2,
      cycleSec: options.cycleSec ?? 600,
      riderSpeedMps: options.riderSpeedMps ?? 7,
      declineRate: options.declineRate ?? 0.05,
      seed: options.seed ?? 7,
      tickMs: options.tickMs ?? 1000,
    };
    this.rng = mulberry32(this.o.seed);
  }

  /** Registers the demo city (skipping what a previous run already stored) and starts ticking. */
  async start(): Promise<void> {
    const s = this.service;
    for (let i = 0; i < this.o.restaurants + this.o.darkStores; i++) {
      const dark = i >= this.o.restaurants;
      const id = dark ? `demo-dark-${i - this.o.restaurants + 1}` : `demo-rest-${i + 1}`;
      this.storeIds.push(id);
      if (s.catalog.get(id) !== undefined) continue;
      const [lng, lat] = randomPointInDisc(this.rng, this.o.center, this.o.radiusM * 0.8);
      await s.createStore(ADMIN, {
        id,
        name: dark ? `Dark store ${i - this.o.restaurants + 1}` : `Restaurant ${i + 1}`,
        kind: dark ? 'dark_store' : 'store',
        location: { lat, lng },
        prepTimeSec: dark ? 120 : 300 + Math.floor(this.rng() * 600),
        ...(dark ? { inventory: Object.fromEntries(SKUS.map((sku) => [sku, 100_000])) } : {}),
      });
    }
    for (let i = 1; i <= this.o.riders; i++) {
      const id = `demo-rider-${i}`;
      if (s.riders.get(id) === undefined) await s.createRider(ADMIN, { id, mode: i % 5 === 0 ? 'bike' : 'escooter', bagLimit: 3 });
      if (!s.riders.require(id).profile.onShift) {
        const [lng, lat] = randomPointInDisc(this.rng, this.o.center, this.o.radiusM);
        await s.shift(ADMIN, id, { action: 'start', position: { lat, lng } });
      }
    }
    // Only its own stores' new orders and offers: a load on other stores builds no events for it.
    this.unsubscribe = s.events.subscribe((e) => this.onEvent(e), (type, storeId) => type === 'offer.sent' || (type === 'order.placed' && storeId?.startsWith(DEMO_PREFIX) === true));
    // Start on the rising side of the peak so the first minutes already have traffic.
    this.started = s.clock() - Math.round(0.35 * this.o.cycleSec);
    if (this.o.tickMs > 0) {
      this.timer = setInterval(() => void this.tick(), this.o.tickMs);
      this.timer.unref();
    }
  }

  async stop(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    this.unsubscribe?.();
  }

  /** Orders per second at `now` (a smooth lunch peak). */
  rateAt(now: number): number {
    const phase = (((now - this.started) % this.o.cycleSec) + this.o.cycleSec) % this.o.cycleSec / this.o.cycleSec;
    const peak = Math.exp(-((phase - 0.5) ** 2) / (2 * 0.15 ** 2));
    return this.o.peakOrdersPerSec * (0.1 + 0.9 * peak);
  }

  /** One second of the city. */
  async tick(): Promise<void> {
    const now = this.service.clock();
    this.carry += this.rateAt(now);
    while (this.carry >= 1) {
      this.carry -= 1;
      await this.safely(() => this.placeOrder());
    }
    const due = this.queue.filter((q) => q.at <= now);
    this.queue = this.queue.filter((q) => q.at > now);
    for (const q of due) await this.safely(q.run);
    await this.moveRiders(now);
  }

  private async placeOrder(): Promise<void> {
    const storeId = this.storeIds[Math.floor(this.rng() * this.storeIds.length)]!;
    const store = this.service.catalog.require(storeId);
    const [lng, lat] = randomPointInDisc(this.rng, store.location, 3_000);
    const n = 1 + Math.floor(this.rng() * 3);
    const items = Array.from({ length: n }, () => ({ sku: store.inventory === undefined ? `dish-${1 + Math.floor(this.rng() * 12)}` : SKUS[Math.floor(this.rng() * SKUS.length)]!, quantity: 1 }));
    await this.service.createOrder(ADMIN, { id: `demo-${this.started.toString(36)}-${++this.seq}`, storeId, items, dropOff: { lat, lng } }, undefined, 'demo');
    this.stats.ordersPlaced++;
  }

  /** Merchants accept their orders and riders answer their offers, after a human delay. */
  private onEvent(e: ServiceEvent): void {
    const now = e.at;
    if (e.type === 'order.placed' && e.storeId?.startsWith(DEMO_PREFIX) && e.orderId !== undefined) {
      const orderId = e.orderId;
      const prep = this.service.catalog.get(e.storeId)?.prepTimeSec ?? 300;
      this.later(now + 3 + Math.floor(this.rng() * 15), async () => {
        await this.service.acceptOrder(ADMIN, orderId);
        this.stats.accepted++;
        // The demo compresses preparation 6× so that riders get work within a minute or two.
        this.later(this.service.clock() + Math.ceil(prep / 6), () => this.service.markReady(ADMIN, orderId));
      });
    } else if (e.type === 'offer.sent' && e.riderId?.startsWith('demo-rider-')) {
      const riderId = e.riderId;
      const offerId = String(e.data.offerId);
      const decline = this.rng() < this.o.declineRate;
      this.later(now + 2 + Math.floor(this.rng() * 8), async () => {
        if (decline) {
          await this.service.declineOffer(ADMIN, riderId, offerId);
          this.stats.offersDeclined++;
        } else {
          await this.service.acceptOffer(ADMIN, riderId, offerId);
          this.stats.offersAccepted++;
        }
      });
    }
  }

  /** Riders ride towards their next stop and confirm it on arrival. */
  private async moveRiders(now: number): Promise<void> {
    const s = this.service;
    for (const rider of s.riders.values()) {
      if (!rider.profile.id.startsWith('demo-rider-') || !rider.profile.onShift || rider.orders.size === 0) continue;
      if (rider.offerId !== undefined) continue; // waiting to answer
      const next = this.nextStop(rider.orders);
      if (next === undefined) continue;
      const d = haversineDistanceM(rider.lng, rider.lat, next.at[0], next.at[1]);
      const step = this.o.riderSpeedMps;
      if (d > 25) {
        const [lng, lat] = d <= step ? next.at : destination(rider.lng, rider.lat, bearingDeg(rider.lng, rider.lat, next.at[0], next.at[1]), step);
        s.riders.move(rider.profile.id, lng, lat, now);
        continue;
      }
      await this.safely(async () => {
        if (next.kind === 'pickup') {
          await s.pickupOrder(ADMIN, next.orderId);
          this.stats.pickedUp++;
        } else {
          await s.dropoffOrder(ADMIN, next.orderId);
          this.stats.delivered++;
        }
      });
    }
  }

  /** Pickups first (orders assigned, not yet picked up), then drop-offs. */
  private nextStop(orderIds: ReadonlySet<string>): { kind: 'pickup' | 'dropoff'; orderId: string; at: LngLat } | undefined {
    let dropoff: { kind: 'dropoff'; orderId: string; at: LngLat } | undefined;
    for (const id of orderIds) {
      const o = this.service.activeOrder(id);
      if (o === undefined) continue;
      if (o.status === 'assigned') {
        const store = o.storeId === undefined ? undefined : this.service.catalog.get(o.storeId);
        if (store !== undefined) return { kind: 'pickup', orderId: id, at: store.location };
      } else if (o.status === 'picked_up' && dropoff === undefined) {
        dropoff = { kind: 'dropoff', orderId: id, at: o.dropOff };
      }
    }
    return dropoff;
  }

  private later(at: number, run: () => Promise<unknown>): void {
    this.queue.push({ at, run });
  }

  private async safely(run: () => Promise<unknown>): Promise<void> {
    try {
      await run();
    } catch (error) {
      // Races are part of the city (an order cancelled while its rider rode): count, go on.
      this.stats.failures++;
      if ((error as { status?: number }).status === undefined && !(error as { code?: string }).code) this.options.onError?.(error);
    }
  }
}
