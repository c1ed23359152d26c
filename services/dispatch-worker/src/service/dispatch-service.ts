/**
 * The service's domain layer: every API operation, on the durable {@link OrderStore} and the
 * in-memory state the dispatch loop reads (stores and stock, riders, orders in progress, offers,
 * events). The HTTP layer parses and authenticates; this layer authorises against the resource,
 * applies the lifecycle (dispatch-core's state machine, compare-and-set in the store), holds and
 * releases stock, and publishes events. Algorithms (matching, epochs, ETAs, fees) are
 * dispatch-core's; nothing here plans.
 *
 * In memory: orders from `accepted` until delivered or cancelled (what dispatch and ETAs need).
 * Orders still `placed` live only in the store, so a burst of orders that merchants have not
 * accepted yet costs disk, not memory.
 */
import { randomBytes } from 'node:crypto';
import {
  DEFAULT_DISPATCH_CONFIG,
  HeatmapSnapshot,
  LiveEtaTracker,
  type LiveStop,
  ORDER_STATUSES,
  SurgeSmoother,
  quoteDeliveryFee,
  type DispatchConfig,
  type Order,
  type OrderStatus,
  type Reservation,
} from '@o2o/dispatch-core';
import { H3Heatmap, haversineDistanceM, type LngLat } from '@o2o/geo';
import { ApiError, badInput, notFound, tooBusy } from '../api/api-error.js';
import type { CreateOrderBody, CreateRiderBody, CreateStoreBody, LocationBatchResult, LocationEntry, OrderView, QuoteBody, ShiftBody } from '../api/api-types.js';
import { checkCreateOrderBody, ID_PATTERN } from '../api/body-checks.js';
import { accessScope, assertCanAttempt, authorize, isInScope } from '../auth/access-policy.js';
import { ForbiddenError } from '../auth/forbidden-error.js';
import type { Principal } from '../auth/principal.js';
import type { OrderSource, ServiceMetrics } from '../observability/service-metrics.js';
import type { CatalogRow, OrderStore } from '../store/order-store.js';
import { MAX_ORDER_PAGE_SIZE } from '../store/order-query.js';
import { fingerprintOrderBody } from '../api/order-body-fingerprint.js';
import type { RiderRoute, RouteStop } from '../store/rider-route.js';
import { EventBus } from './event-bus.js';
import { OfferBook, type Offer } from './offer-book.js';
import { offerOfRow, offerRow } from './offer-row.js';
import { toOrderView } from './order-view.js';
import { ROAD_DETOUR_FACTOR } from '../ops/store-service-area.js';
import type { GuestRider, RiderGate } from './rider-gate.js';
import { RiderRegistry, type RiderProfile, type RiderState } from './rider-registry.js';
import { DEFAULT_SERVICE_OPTIONS, type ServiceOptions } from './service-options.js';
import { DEFAULT_PREP_TIME_SEC, StoreCatalog, type StoreRecord } from './store-catalog.js';

/** Integer Unix seconds now. */
export type Clock = () => number;

export const systemClock: Clock = () => Math.floor(Date.now() / 1000);

/** Statuses kept in memory (see the module doc). */
const ACTIVE: ReadonlySet<OrderStatus> = new Set(['accepted', 'ready', 'assigned', 'picked_up']);

/** What a create answers. */
export interface CreateAnswer {
  readonly status: 201;
  readonly body: OrderView;
  /** `JSON.stringify(body)` when the service has it (a fresh create: the text it stored), so HTTP need not serialise again. */
  readonly bodyText?: string;
  readonly replayed: boolean;
}

/** One assignment of an epoch, as the dispatch loop hands it over. */
export interface PlannedAssignment {
  readonly riderId: string;
  readonly orderIds: readonly string[];
  readonly pickupAt: number;
  readonly dropoffAt: readonly number[];
}

export interface DispatchServiceDeps {
  readonly store: OrderStore;
  readonly clock?: Clock;
  readonly metrics?: ServiceMetrics;
  readonly options?: Partial<ServiceOptions>;
  readonly config?: DispatchConfig;
  /** Claims riders before offers when other dispatchers see them too (regions of a city on several instances). */
  readonly riderGate?: RiderGate;
}

/** How long a claim on a rider lasts once it carries this service's orders (renewed on every assignment). */
const CARRYING_CLAIM_SEC = 4 * 3600;

export class DispatchService {
  readonly store: OrderStore;
  readonly clock: Clock;
  readonly options: ServiceOptions;
  readonly config: DispatchConfig;
  readonly metrics: ServiceMetrics | undefined;
  readonly catalog = new StoreCatalog();
  readonly riders = new RiderRegistry();
  readonly events = new EventBus();
  readonly offers: OfferBook;
  readonly heatmap: H3Heatmap;
  private readonly surge = new SurgeSmoother();
  /** Orders from `accepted` until final (see the module doc). */
  private readonly active = new Map<string, Order>();
  /** Held reservation id per order in memory (placed orders: looked up in the store). */
  private readonly orderSeqPrefix: string;
  private orderSeq = 0;
  /** Orders per status: open ones counted now, final ones since this process started. */
  private readonly counts = Object.fromEntries(ORDER_STATUSES.map((s) => [s, 0])) as Record<OrderStatus, number>;
  private heatSnapshot: { at: number; snap: HeatmapSnapshot } | undefined;
  private eta: LiveEtaTracker | undefined;
  private readonly etaOrders = new Set<string>();
  private readonly etaRiders = new Set<string>();
  private readonly gate: RiderGate | undefined;

  private constructor(deps: DispatchServiceDeps) {
    this.gate = deps.riderGate;
    this.store = deps.store;
    this.clock = deps.clock ?? systemClock;
    this.options = { ...DEFAULT_SERVICE_OPTIONS, ...deps.options };
    this.config = deps.config ?? DEFAULT_DISPATCH_CONFIG;
    this.metrics = deps.metrics;
    const boot = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
    this.orderSeqPrefix = `o-${boot}-`;
    this.offers = new OfferBook(`of-${boot}-`);
    this.heatmap = new H3Heatmap({ resolution: this.options.heatmapResolution, windowSec: this.options.heatmapWindowSec, bucketSec: this.options.heatmapBucketSec });
    this.metrics?.setOrdersByStateSource(() => this.countsByStatus());
  }

  /** Opens the service on `store`, restoring stores, riders, open orders and held stock. */
  static async open(deps: DispatchServiceDeps): Promise<DispatchService> {
    const service = new DispatchService(deps);
    await service.restore();
    return service;
  }

  private async restore(): Promise<void> {
    const state = await this.store.restore();
    const offerRows: unknown[] = [];
    for (const row of state.catalog) {
      if (row.kind === 'store') this.catalog.put(row.data as StoreRecord);
      else if (row.kind === 'rider') this.riders.put(row.data as RiderProfile);
      else offerRows.push(row.data);
    }
    for (const order of state.openOrders) {
      this.counts[order.status]++;
      if (!ACTIVE.has(order.status)) continue;
      this.active.set(order.id, order);
      if (order.riderId !== undefined) this.riders.get(order.riderId)?.orders.add(order.id);
    }
    this.catalog.restoreHeld(state.heldReservations);
    for (const data of offerRows) await this.restoreOffer(offerOfRow(data));
  }

  /**
   * An open offer from before the restart, with the orders still assigned to its rider. With
   * other dispatchers in the city (a region taken over), the rider's claim is renewed first, as
   * when the offer was made, so no other region offers it work meanwhile.
   */
  private async restoreOffer(offer: Offer | undefined): Promise<void> {
    if (offer === undefined || offer.status !== 'open') return;
    const rider = this.riders.get(offer.riderId);
    offer.orderIds = offer.orderIds.filter((id) => {
      const order = this.active.get(id);
      return order !== undefined && order.status === 'assigned' && order.riderId === offer.riderId;
    });
    if (rider === undefined || offer.orderIds.length === 0 || rider.offerId !== undefined) return;
    this.offers.add(offer);
    rider.offerId = offer.id;
    if (this.gate !== undefined) await this.gate.claim(rider.profile.id, Math.max(0, offer.expiresAt - this.clock()) + 30).catch(() => false);
  }

  /**
   * Forgets idempotency keys older than the retention (`idempotencyRetentionSec`), oldest first,
   * in slices of 10,000 until none is left; resolves with how many went.
   */
  async pruneIdempotencyKeys(nowMs = Date.now()): Promise<number> {
    const cutoff = nowMs - this.options.idempotencyRetentionSec * 1000;
    let total = 0;
    for (;;) {
      const n = await this.store.pruneIdempotencyKeys(cutoff, 10_000);
      total += n;
      if (n < 10_000) return total;
    }
  }

  /** Orders per status (open ones now, final ones since start). */
  countsByStatus(): Record<OrderStatus, number> {
    return { ...this.counts };
  }

  /** Orders in memory (accepted → picked up). */
  activeOrders(): IterableIterator<Order> {
    return this.active.values();
  }

  activeOrder(orderId: string): Order | undefined {
    return this.active.get(orderId);
  }

  // ---------------------------------------------------------------- stores

  async createStore(principal: Principal, body: CreateStoreBody): Promise<StoreRecord> {
    authorize(principal, 'stores.create', { storeId: body.id });
    if (this.catalog.get(body.id) !== undefined) throw new ApiError(409, 'DUPLICATE_ID', `store ${JSON.stringify(body.id)} already exists`, { field: 'id', value: body.id });
    const record: StoreRecord = {
      id: body.id,
      ...(body.name === undefined ? {} : { name: body.name }),
      kind: body.kind,
      location: [body.location.lng, body.location.lat],
      ...(body.inventory === undefined ? {} : { inventory: body.inventory }),
      prepTimeSec: body.prepTimeSec ?? DEFAULT_PREP_TIME_SEC,
      open: true,
    };
    await this.store.saveCatalog([{ kind: 'store', id: record.id, data: record }]);
    this.catalog.put(record);
    return record;
  }

  listStores(principal: Principal, storeId: string | undefined): StoreRecord[] {
    const scope = authorize(principal, 'stores.list', { storeId });
    return this.catalog.list().filter((s) => (storeId === undefined || s.id === storeId) && isInScope(scope, { storeId: s.id }));
  }

  getStore(principal: Principal, storeId: string): StoreRecord {
    authorize(principal, 'stores.read', { storeId });
    return this.catalog.require(storeId);
  }

  async updateStore(principal: Principal, storeId: string, patch: { name?: string; prepTimeSec?: number; open?: boolean }): Promise<StoreRecord> {
    authorize(principal, 'stores.update', { storeId });
    const next: StoreRecord = { ...this.catalog.require(storeId), ...patch };
    await this.store.saveCatalog([{ kind: 'store', id: storeId, data: next }]);
    this.catalog.put(next);
    return next;
  }

  getInventory(principal: Principal, storeId: string): ReturnType<StoreCatalog['stockOf']> {
    authorize(principal, 'inventory.read', { storeId });
    return this.catalog.stockOf(storeId);
  }

  async setInventory(principal: Principal, storeId: string, inventory: Record<string, number>): Promise<StoreRecord> {
    authorize(principal, 'inventory.update', { storeId });
    const next: StoreRecord = { ...this.catalog.require(storeId), inventory };
    await this.store.saveCatalog([{ kind: 'store', id: storeId, data: next }]);
    this.catalog.put(next);
    return next;
  }

  // ---------------------------------------------------------------- riders

  async createRider(principal: Principal, body: CreateRiderBody): Promise<RiderProfile> {
    authorize(principal, 'riders.create', { riderId: body.id });
    if (this.riders.get(body.id) !== undefined) throw new ApiError(409, 'DUPLICATE_ID', `rider ${JSON.stringify(body.id)} already exists`, { field: 'id', value: body.id });
    const profile: RiderProfile = {
      id: body.id,
      ...(body.name === undefined ? {} : { name: body.name }),
      mode: body.mode,
      capacity: body.capacity ?? 10,
      bagLimit: body.bagLimit ?? 3,
      ...(body.home === undefined ? {} : { home: body.home }),
      onShift: false,
      shiftEnd: 0,
    };
    await this.store.saveCatalog([{ kind: 'rider', id: profile.id, data: profile }]);
    this.riders.put(profile);
    return profile;
  }

  listRiders(principal: Principal): ReturnType<DispatchService['riderView']>[] {
    authorize(principal, 'riders.list', {});
    return [...this.riders.values()].filter((r) => r.guestOf === undefined).map((r) => this.riderView(r));
  }

  getRider(principal: Principal, riderId: string): ReturnType<DispatchService['riderView']> {
    authorize(principal, 'riders.read', { riderId });
    return this.riderView(this.riders.require(riderId));
  }

  riderView(r: RiderState): RiderProfile & { position: { lat: number; lng: number } | null; locatedAt: number | null; orders: string[]; offerId: string | null } {
    return {
      ...r.profile,
      position: r.locAt > 0 ? { lat: r.lat, lng: r.lng } : null,
      locatedAt: r.locAt > 0 ? r.locAt : null,
      orders: [...r.orders],
      offerId: r.offerId ?? null,
    };
  }

  async shift(principal: Principal, riderId: string, body: ShiftBody): Promise<ReturnType<DispatchService['riderView']>> {
    authorize(principal, 'riders.shift', { riderId });
    const rider = this.riders.require(riderId);
    const now = this.clock();
    let profile: RiderProfile;
    if (body.action === 'start') {
      const shiftEnd = body.shiftEnd ?? now + 8 * 3600;
      if (shiftEnd <= now) throw badInput('shiftEnd', `must be later than now (${now})`, shiftEnd);
      profile = { ...rider.profile, onShift: true, shiftEnd };
    } else {
      if (rider.orders.size > 0) {
        throw new ApiError(409, 'RIDER_BUSY', `rider ${JSON.stringify(riderId)} still carries ${rider.orders.size} order(s); deliver or hand them back first`, { details: { orders: [...rider.orders] } });
      }
      profile = { ...rider.profile, onShift: false, shiftEnd: 0 };
    }
    await this.store.saveCatalog([{ kind: 'rider', id: riderId, data: profile }]);
    rider.profile = profile;
    if (body.position !== undefined) this.riders.move(riderId, body.position.lng, body.position.lat, now);
    if (body.action === 'start') this.heatmap.add('supply', rider.lng, rider.lat, now);
    this.events.publish('rider.shift', now, { riderId, data: { action: body.action, shiftEnd: profile.shiftEnd } });
    return this.riderView(rider);
  }

  /** One position report (hot path). */
  moveRider(principal: Principal, riderId: string, lat: number, lng: number, at: number | undefined): void {
    authorize(principal, 'riders.location', { riderId });
    const rider = this.riders.require(riderId);
    if (!rider.profile.onShift) throw new ApiError(409, 'RIDER_OFF_SHIFT', `rider ${JSON.stringify(riderId)} is not on shift`, { details: { riderId } });
    this.riders.move(riderId, lng, lat, at ?? this.clock());
    this.metrics?.locationUpdates.inc();
  }

  /** A batch of position reports (hot path): each entry checked on its rider. */
  moveRiders(principal: Principal, entries: readonly LocationEntry[]): LocationBatchResult {
    // A role that may never report positions is refused as such (403 FORBIDDEN_ROLE), not per entry.
    assertCanAttempt(principal, 'riders.locations');
    const rejected: { index: number; riderId: string; code: string }[] = [];
    const now = this.clock();
    const scope = principal.role === 'admin' ? undefined : accessScope(principal, 'riders.locations');
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      if (scope !== undefined && !isInScope(scope, { riderId: e.riderId })) {
        throw new ForbiddenError('FORBIDDEN_SCOPE', 'riders.locations', principal.role, `locations[${i}].riderId ${JSON.stringify(e.riderId)} is outside this token's scope`);
      }
      if (!this.riders.move(e.riderId, e.lng, e.lat, e.at ?? now)) rejected.push({ index: i, riderId: e.riderId, code: this.riders.get(e.riderId) === undefined ? 'UNKNOWN_RIDER' : 'RIDER_OFF_SHIFT' });
    }
    const accepted = entries.length - rejected.length;
    this.metrics?.locationUpdates.inc(accepted);
    return { accepted, rejected };
  }

  // ---------------------------------------------------------------- orders

  /**
   * Places an order (hot path): validated, authorised on its store, replayed for a known
   * idempotency key, stock held, stored durably (the promise resolves after the commit).
   */
  async createOrder(principal: Principal, raw: unknown, idempotencyKey: string | undefined, source: OrderSource = 'api'): Promise<CreateAnswer> {
    const body = checkCreateOrderBody(raw);
    return this.createCheckedOrder(principal, body, idempotencyKey, source);
  }

  /** As {@link createOrder} for a body already checked (ingest, adapters). */
  async createCheckedOrder(principal: Principal, body: CreateOrderBody, idempotencyKey: string | undefined, source: OrderSource): Promise<CreateAnswer> {
    authorize(principal, 'orders.create', { storeId: body.storeId });
    let key: string | undefined;
    let fingerprint: string | undefined;
    if (idempotencyKey !== undefined) {
      if (!ID_PATTERN.test(idempotencyKey)) throw badInput('Idempotency-Key', 'must be 1 to 128 characters of A-Z, a-z, 0-9, ".", "_", ":" or "-"', idempotencyKey);
      key = `${principal.sub}|${idempotencyKey}`;
      fingerprint = fingerprintOrderBody(body);
      // Only stock needs the answer first (a replay must not hold stock again); otherwise the
      // create itself answers a replay, saving a round trip to the store.
      const holdsStock = body.storeId === undefined || this.catalog.get(body.storeId)?.inventory !== undefined;
      const replay = holdsStock ? await this.store.findReplay<OrderView>(key, fingerprint) : undefined;
      if (replay !== undefined) return { status: 201, body: replay.response, replayed: true };
    }
    const pending = this.store.pendingWrites;
    this.metrics?.storePendingWrites.set(pending);
    if (pending > this.options.maxPendingWrites) {
      this.metrics?.rejectedRequests.inc({ reason: 'backpressure' });
      throw tooBusy(`${pending} writes waiting for their commit`, this.options.retryAfterSec);
    }
    const now = this.clock();
    // Zero-padded so generated ids sort in creation order (the store's id index then appends).
    const id = body.id ?? `${this.orderSeqPrefix}${(++this.orderSeq).toString(36).padStart(8, '0')}`;
    const placedAt = body.placedAt ?? now;
    const promisedBy = body.promisedBy ?? placedAt + this.options.promiseSec;
    if (promisedBy <= placedAt) throw badInput('promisedBy', `must be greater than placedAt (${placedAt})`, promisedBy);
    const dropOff: LngLat = [body.dropOff.lng, body.dropOff.lat];
    const choice = this.catalog.choose(id, body.storeId, body.items, dropOff, now);
    let size = body.size;
    if (size === undefined) {
      size = 0;
      for (const item of body.items) size += item.quantity * (item.size ?? 1);
      size = Math.max(1, size);
    }
    const order: Order = {
      id,
      items: body.items,
      storeId: choice.store.id,
      dropOff,
      placedAt,
      readyAt: placedAt + choice.store.prepTimeSec,
      promisedBy,
      size,
      status: 'placed',
    };
    const view = toOrderView(order);
    const viewText = JSON.stringify(view);
    let result;
    try {
      // Plain literals, not spreads: in process, the spread-built input was the largest source of
      // objects promoted to the old generation at 3,000 creations/s (430 → 122 KB a scavenge).
      const reservations = choice.reservation === undefined ? undefined : [choice.reservation];
      result = await this.store.createOrder<OrderView>(
        key === undefined
          ? reservations === undefined ? { order, response: view, responseText: viewText } : { order, response: view, responseText: viewText, reservations }
          : reservations === undefined
            ? { idempotencyKey: key, fingerprint: fingerprint as string, order, response: view, responseText: viewText }
            : { idempotencyKey: key, fingerprint: fingerprint as string, order, response: view, responseText: viewText, reservations },
      );
    } catch (error) {
      if (choice.reservation !== undefined) this.catalog.release(choice.reservation.id, now);
      throw error;
    }
    if (result.replayed) {
      // A concurrent create with the same key won the race: give our hold back.
      if (choice.reservation !== undefined) this.catalog.release(choice.reservation.id, now);
      return { status: 201, body: result.response, replayed: true };
    }
    this.counts.placed++;
    this.metrics?.ordersCreated.inc({ source });
    this.heatmap.add('demand', dropOff[0], dropOff[1], now);
    if (this.events.wants('order.placed', order.storeId)) this.events.publish('order.placed', now, { orderId: id, storeId: order.storeId, data: { order: view } });
    return { status: 201, body: result.response, bodyText: viewText, replayed: false };
  }

  async getOrder(principal: Principal, orderId: string): Promise<OrderView> {
    assertCanAttempt(principal, 'orders.read');
    const order = await this.loadOrder(orderId);
    authorize(principal, 'orders.read', { storeId: order.storeId, riderId: order.riderId });
    const eta = this.etaOf(orderId);
    return eta === undefined ? toOrderView(order) : { ...toOrderView(order), eta };
  }

  async listOrders(
    principal: Principal,
    query: { status?: OrderStatus[]; storeId?: string; riderId?: string; cursor?: string; limit?: number },
  ): Promise<{ orders: OrderView[]; nextCursor?: string }> {
    const scope = authorize(principal, 'orders.list', { storeId: query.storeId, riderId: query.riderId });
    let { storeId, riderId } = query;
    if (scope.kind === 'rider') riderId = scope.riderId;
    if (scope.kind === 'stores' && storeId === undefined) {
      if (scope.storeIds.length !== 1) throw badInput('storeId', 'is required for a merchant acting for several stores', storeId);
      storeId = scope.storeIds[0];
    }
    const page = await this.store.listOrders({
      ...(query.status === undefined ? {} : { status: query.status }),
      ...(storeId === undefined ? {} : { storeId }),
      ...(riderId === undefined ? {} : { riderId }),
      ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
      // The API accepts limits up to 1,000; a page holds at most the store's maximum (the rest follows the cursor).
      ...(query.limit === undefined ? {} : { limit: Math.min(query.limit, MAX_ORDER_PAGE_SIZE) }),
    });
    return { orders: page.orders.map(toOrderView), ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }) };
  }

  /** Merchant accepts: `placed → accepted`. */
  async acceptOrder(principal: Principal, orderId: string): Promise<OrderView> {
    assertCanAttempt(principal, 'orders.accept');
    const order = await this.loadOrder(orderId);
    authorize(principal, 'orders.accept', { storeId: order.storeId });
    const now = this.clock();
    const next = await this.store.transition(orderId, { expected: order.status, to: 'accepted', at: Math.max(now, order.placedAt), details: { storeId: order.storeId as string } });
    this.moved(order, next);
    this.events.publish('order.accepted', now, { orderId, storeId: next.storeId, data: { status: next.status } });
    return toOrderView(next);
  }

  /** Merchant marks ready: `accepted → ready`; the order joins the next epoch. */
  async markReady(principal: Principal, orderId: string): Promise<OrderView> {
    assertCanAttempt(principal, 'orders.ready');
    const order = await this.loadOrder(orderId);
    authorize(principal, 'orders.ready', { storeId: order.storeId });
    const now = this.clock();
    const next = await this.store.transition(orderId, { expected: order.status, to: 'ready', at: Math.max(now, lastAt(order)) });
    this.moved(order, next);
    this.events.publish('order.ready', now, { orderId, storeId: next.storeId, data: { status: next.status } });
    return toOrderView(next);
  }

  /** Cancels from any status the lifecycle allows; held stock goes back; the rider's route drops it. */
  async cancelOrder(principal: Principal, orderId: string, reason: string | undefined): Promise<OrderView> {
    assertCanAttempt(principal, 'orders.cancel');
    const order = await this.loadOrder(orderId);
    authorize(principal, 'orders.cancel', { storeId: order.storeId });
    const now = this.clock();
    const held = await this.heldStockOf(order);
    const released: Reservation[] = [];
    for (const r of held) {
      const done = this.catalog.release(r.id, now);
      released.push(done ?? { ...r, status: 'released', endedAt: now });
    }
    const rider = order.riderId === undefined ? undefined : this.riders.get(order.riderId);
    const route = rider === undefined ? undefined : this.routeWithout(rider, orderId, now);
    let next: Order;
    try {
      next = await this.store.transition(orderId, {
        expected: order.status,
        to: 'cancelled',
        at: Math.max(now, lastAt(order)),
        reservations: released,
        ...(route === undefined ? {} : { routes: [route] }),
      });
    } catch (error) {
      // Nothing changed: hold the stock again (best effort; the store still has it held).
      if (released.length > 0) this.catalog.restoreHeld(held);
      throw error;
    }
    this.moved(order, next);
    this.dropFromOffer(order.riderId, orderId);
    this.events.publish('order.cancelled', now, { orderId, storeId: next.storeId, riderId: order.riderId, data: { from: order.status, ...(reason === undefined ? {} : { reason }) } });
    return toOrderView(next);
  }

  /** The assigned rider picked the order up: stock leaves the store (same transaction). */
  async pickupOrder(principal: Principal, orderId: string): Promise<OrderView> {
    assertCanAttempt(principal, 'orders.pickup');
    const order = await this.loadOrder(orderId);
    authorize(principal, 'orders.pickup', { riderId: order.riderId });
    const now = this.clock();
    const held = await this.heldStockOf(order);
    const committed: Reservation[] = [];
    const catalogRows: CatalogRow[] = [];
    for (const r of held) {
      const done = this.catalog.commit(r.id, now);
      if (done !== undefined) {
        committed.push(done.reservation);
        catalogRows.push({ kind: 'store', id: done.store.id, data: done.store });
      }
    }
    const rider = order.riderId === undefined ? undefined : this.riders.get(order.riderId);
    // A pickup accepts the rider's open offer holding the order: durably, with the pickup.
    const offer = this.openOfferHolding(rider, orderId);
    if (offer !== undefined) catalogRows.push(offerRow(offer, 'accepted'));
    const next = await this.store.transition(orderId, {
      expected: order.status,
      to: 'picked_up',
      at: Math.max(now, lastAt(order)),
      reservations: committed,
      catalog: catalogRows,
      ...(rider === undefined ? {} : { routes: [this.routeWithout(rider, orderId, now, 'pickup')] }),
    });
    this.moved(order, next);
    this.acceptOnPickup(next.riderId, orderId, now);
    this.events.publish('order.picked_up', now, { orderId, storeId: next.storeId, riderId: next.riderId, data: {} });
    return toOrderView(next);
  }

  /** The assigned rider delivered the order. */
  async dropoffOrder(principal: Principal, orderId: string): Promise<OrderView> {
    assertCanAttempt(principal, 'orders.dropoff');
    const order = await this.loadOrder(orderId);
    authorize(principal, 'orders.dropoff', { riderId: order.riderId });
    const now = this.clock();
    const rider = order.riderId === undefined ? undefined : this.riders.get(order.riderId);
    const next = await this.store.transition(orderId, {
      expected: order.status,
      to: 'delivered',
      at: Math.max(now, lastAt(order)),
      ...(rider === undefined ? {} : { routes: [this.routeWithout(rider, orderId, now)] }),
    });
    this.moved(order, next);
    const late = now > order.promisedBy;
    this.events.publish('order.delivered', now, { orderId, storeId: next.storeId, riderId: next.riderId, data: { late, promisedBy: order.promisedBy } });
    return toOrderView(next);
  }

  // ---------------------------------------------------------------- offers

  /** Applies one epoch assignment: the orders go to the rider, who gets an offer. */
  async applyAssignment(a: PlannedAssignment, now: number): Promise<Offer | undefined> {
    const rider = this.riders.get(a.riderId);
    if (rider === undefined || !rider.profile.onShift || rider.offerId !== undefined) return undefined;
    const orders = a.orderIds.map((id) => this.active.get(id)).filter((o): o is Order => o !== undefined && o.status === 'ready');
    if (orders.length === 0) return undefined;
    const taken: Order[] = [];
    const stops = this.stopsFor(orders, a);
    const route: RiderRoute = { riderId: rider.profile.id, updatedAt: now, stops: [...this.currentStops(rider), ...stops] };
    // Reserve the rider now (synchronously), so a concurrent epoch cannot offer it again.
    rider.offerId = 'pending';
    // Another region may see this rider too: only the one holding the claim offers it work.
    if (this.gate !== undefined && !(await this.gate.claim(rider.profile.id, this.options.offerTtlSec + 30).catch(() => false))) {
      rider.offerId = undefined;
      this.metrics?.offers.inc({ outcome: 'rider_claimed_elsewhere' });
      return undefined;
    }
    // The offer's row goes with each order's assignment (whichever commits, the offer is known).
    const offer = this.offers.draft(rider.profile.id, orders.map((o) => o.id), now, this.options.offerTtlSec, a.pickupAt, a.dropoffAt);
    const catalog = [offerRow(offer)];
    try {
      const results = await Promise.allSettled(
        orders.map((o, i) =>
          this.store.recordAssignment({ orderId: o.id, riderId: rider.profile.id, at: Math.max(now, lastAt(o)), expected: 'ready', catalog, ...(i === orders.length - 1 ? { route } : {}) }),
        ),
      );
      results.forEach((r, i) => {
        if (r.status === 'fulfilled') {
          this.moved(orders[i]!, r.value);
          taken.push(r.value);
        }
      });
    } finally {
      rider.offerId = undefined;
    }
    if (taken.length === 0) {
      this.riderMaybeFree(rider);
      return undefined;
    }
    offer.orderIds = taken.map((o) => o.id);
    this.offers.add(offer);
    rider.offerId = offer.id;
    this.metrics?.offers.inc({ outcome: 'sent' });
    for (const o of taken) this.events.publish('order.assigned', now, { orderId: o.id, storeId: o.storeId, riderId: rider.profile.id, data: { offerId: offer.id } });
    this.events.publish('offer.sent', now, { riderId: rider.profile.id, data: { offerId: offer.id, orderIds: offer.orderIds, expiresAt: offer.expiresAt, pickupAt: offer.pickupAt, dropoffAt: offer.dropoffAt } });
    return offer;
  }

  async acceptOffer(principal: Principal, riderId: string, offerId: string): Promise<Offer> {
    authorize(principal, 'offers.accept', { riderId });
    const offer = this.openOfferOf(riderId, offerId);
    const rider = this.riders.require(riderId);
    // Durable before answered: after a restart the orders stay with the rider instead of expiring.
    offer.status = 'accepted';
    try {
      await this.store.saveCatalog([offerRow(offer)]);
    } catch (error) {
      offer.status = 'open';
      throw error;
    }
    if (rider.offerId === offer.id) rider.offerId = undefined;
    if (this.gate !== undefined) void this.gate.extend(riderId, CARRYING_CLAIM_SEC).catch(() => undefined);
    this.metrics?.offers.inc({ outcome: 'accepted' });
    this.events.publish('offer.accepted', this.clock(), { riderId, data: { offerId, orderIds: offer.orderIds } });
    return offer;
  }

  async declineOffer(principal: Principal, riderId: string, offerId: string): Promise<Offer> {
    authorize(principal, 'offers.decline', { riderId });
    const offer = this.openOfferOf(riderId, offerId);
    await this.endOffer(offer, 'declined');
    return offer;
  }

  /** Expires offers whose time is up (called by the dispatch loop every tick). */
  async expireOffers(now: number): Promise<number> {
    const due = this.offers.due(now);
    for (const offer of due) await this.endOffer(offer, 'expired');
    this.offers.prune(now - 3600);
    return due.length;
  }

  /** Declined or expired: the orders go back to `ready` for the next epoch; the rider cools down. */
  private async endOffer(offer: Offer, outcome: 'declined' | 'expired'): Promise<void> {
    const now = this.clock();
    offer.status = outcome;
    const rider = this.riders.get(offer.riderId);
    if (rider !== undefined) {
      if (rider.offerId === offer.id) rider.offerId = undefined;
      rider.coolDownUntil = now + this.options.declineCoolDownSec;
    }
    for (const orderId of offer.orderIds) {
      const order = this.active.get(orderId);
      if (order === undefined || order.status !== 'assigned' || order.riderId !== offer.riderId) continue;
      try {
        const route = rider === undefined ? undefined : this.routeWithout(rider, orderId, now);
        const next = await this.store.transition(orderId, { expected: 'assigned', to: 'ready', at: Math.max(now, lastAt(order)), ...(route === undefined ? {} : { routes: [route] }) });
        this.moved(order, next);
        this.events.publish('order.unassigned', now, { orderId, storeId: next.storeId, riderId: offer.riderId, data: { offerId: offer.id, reason: outcome } });
      } catch {
        // The order moved on meanwhile (cancelled, picked up): nothing to hand back.
      }
    }
    if (rider !== undefined) this.riderMaybeFree(rider);
    this.metrics?.offers.inc({ outcome });
    this.events.publish(outcome === 'declined' ? 'offer.declined' : 'offer.expired', now, { riderId: offer.riderId, data: { offerId: offer.id, orderIds: offer.orderIds } });
  }

  private openOfferOf(riderId: string, offerId: string): Offer {
    const offer = this.offers.get(offerId);
    if (offer === undefined || offer.riderId !== riderId) throw notFound('offer', offerId);
    if (offer.status !== 'open') throw new ApiError(409, 'OFFER_CLOSED', `offer ${JSON.stringify(offerId)} is ${offer.status}`, { details: { offerId, status: offer.status } });
    return offer;
  }

  /**
   * A pickup answers the rider's open offer holding that order: it counts as accepted (otherwise the
   * offer would later expire, publish `offer.expired` for orders on their way, and cool the rider down).
   */
  private acceptOnPickup(riderId: string | undefined, orderId: string, now: number): void {
    const rider = riderId === undefined ? undefined : this.riders.get(riderId);
    const offer = this.openOfferHolding(rider, orderId);
    if (rider === undefined || offer === undefined) return;
    offer.status = 'accepted';
    rider.offerId = undefined;
    if (this.gate !== undefined) void this.gate.extend(rider.profile.id, CARRYING_CLAIM_SEC).catch(() => undefined);
    this.metrics?.offers.inc({ outcome: 'accepted' });
    this.events.publish('offer.accepted', now, { riderId: rider.profile.id, data: { offerId: offer.id, orderIds: offer.orderIds, byPickup: true } });
  }

  /** The rider's open offer when it holds `orderId`. */
  private openOfferHolding(rider: RiderState | undefined, orderId: string): Offer | undefined {
    const offer = rider?.offerId === undefined ? undefined : this.offers.get(rider.offerId);
    return offer !== undefined && offer.status === 'open' && offer.orderIds.includes(orderId) ? offer : undefined;
  }

  private dropFromOffer(riderId: string | undefined, orderId: string): void {
    if (riderId === undefined) return;
    const rider = this.riders.get(riderId);
    const offer = rider?.offerId === undefined ? undefined : this.offers.get(rider.offerId);
    if (offer === undefined) return;
    offer.orderIds = offer.orderIds.filter((id) => id !== orderId);
    if (offer.orderIds.length === 0 && offer.status === 'open') {
      offer.status = 'withdrawn';
      rider!.offerId = undefined;
      this.riderMaybeFree(rider!);
    }
  }

  /**
   * A rider with no order and no offer of this service's is free of it: its claim goes back (other
   * regions may offer it work) and a guest leaves the registry.
   */
  private riderMaybeFree(rider: RiderState): void {
    if (rider.orders.size > 0 || rider.offerId !== undefined) return;
    if (this.gate !== undefined) void this.gate.release(rider.profile.id).catch(() => undefined);
    if (rider.guestOf !== undefined) this.riders.dropGuest(rider.profile.id);
  }

  /**
   * Riders of other regions near this one (from the dispatch loop, before an epoch): added or
   * refreshed as guests; guests no longer listed leave unless they carry this region's work.
   */
  setGuests(guests: readonly GuestRider[]): void {
    const listed = new Set<string>();
    for (const g of guests) if (this.riders.putGuest(g.profile, g.lng, g.lat, g.at, g.home)) listed.add(g.profile.id);
    for (const r of [...this.riders.values()]) {
      if (r.guestOf !== undefined && !listed.has(r.profile.id) && r.orders.size === 0 && r.offerId === undefined) this.riders.dropGuest(r.profile.id);
    }
  }

  // ---------------------------------------------------------------- quotes and heatmap

  quote(principal: Principal, body: QuoteBody): { feeCents: number; breakdown: object; surgeMultiplier: number; distanceM: number; etaSec: number; promisedBy: number } {
    authorize(principal, 'quotes.create', { storeId: body.storeId });
    const store = this.catalog.get(body.storeId);
    if (store === undefined) throw badInput('storeId', 'must name a registered store', body.storeId, 'UNKNOWN_REFERENCE');
    const at = body.at ?? this.clock();
    const distanceM = Math.round(haversineDistanceM(store.location[0], store.location[1], body.dropOff.lng, body.dropOff.lat) * ROAD_DETOUR_FACTOR);
    const maxM = this.config.pricing.distance.maxDistanceM;
    if (distanceM > maxM) throw badInput('dropOff', `must be within ${maxM} m of the store by road (estimated ${distanceM} m)`, body.dropOff, 'OUT_OF_RANGE');
    const snap = this.heatmapSnapshot(at);
    const cell = this.heatmap.cellOf(body.dropOff.lng, body.dropOff.lat);
    const fee = quoteDeliveryFee({ distanceM, atSec: at, weather: 'clear', surge: { cell, supplyDemand: snap, smoother: this.surge } }, this.config);
    const rideSec = Math.round(distanceM / 4.5);
    const etaSec = store.prepTimeSec + rideSec + fee.promiseExtraSec;
    return { feeCents: fee.feeCents, breakdown: fee.breakdown, surgeMultiplier: fee.surgeMultiplier, distanceM, etaSec, promisedBy: at + Math.max(etaSec, this.options.promiseSec) };
  }

  heatmapView(principal: Principal): ReturnType<H3Heatmap['toGeoJSON']> {
    authorize(principal, 'heatmap.read', {});
    return this.heatmap.toGeoJSON(this.clock());
  }

  private heatmapSnapshot(at: number): HeatmapSnapshot {
    if (this.heatSnapshot === undefined || at - this.heatSnapshot.at >= 10 || at < this.heatSnapshot.at) {
      this.heatSnapshot = { at, snap: HeatmapSnapshot.fromHeatmap(this.heatmap, at) };
    }
    return this.heatSnapshot.snap;
  }

  // ---------------------------------------------------------------- ETAs and lateness

  /**
   * Re-predicts every order on a rider (dispatch-core's `LiveEtaTracker`, from the riders' last
   * positions and remaining stops) and publishes `lateness.alert` / `lateness.cleared` once per
   * crossing. The dispatch loop calls it every epoch.
   */
  refreshEtas(now: number): number {
    const first = this.catalog.list()[0];
    if (first === undefined) return 0;
    const eta = (this.eta ??= new LiveEtaTracker({ origin: first.location, eta: this.config.eta }));
    const onRider = new Set<string>();
    for (const o of this.active.values()) {
      if ((o.status !== 'assigned' && o.status !== 'picked_up') || o.storeId === undefined) continue;
      const store = this.catalog.get(o.storeId);
      if (store === undefined) continue;
      eta.upsertOrder({ id: o.id, store: store.location, dropOff: o.dropOff, readyAt: o.readyAt, promisedBy: o.promisedBy });
      onRider.add(o.id);
    }
    const ridersNow = new Set<string>();
    for (const rider of this.riders.values()) {
      if (rider.orders.size === 0 || rider.locAt === 0) continue;
      const stops: LiveStop[] = [];
      for (const id of rider.orders) if (onRider.has(id) && this.active.get(id)?.status === 'assigned') stops.push({ kind: 'pickup', orderIds: [id] });
      for (const id of rider.orders) if (onRider.has(id)) stops.push({ kind: 'dropoff', orderIds: [id] });
      eta.upsertRider({ id: rider.profile.id, position: [rider.lng, rider.lat], at: Math.min(now, Math.max(rider.locAt, now - 3600)), stops });
      ridersNow.add(rider.profile.id);
    }
    for (const id of this.etaRiders) if (!ridersNow.has(id)) eta.removeRider(id);
    for (const id of this.etaOrders) if (!onRider.has(id)) eta.removeOrder(id);
    this.etaRiders.clear();
    for (const id of ridersNow) this.etaRiders.add(id);
    this.etaOrders.clear();
    for (const id of onRider) this.etaOrders.add(id);
    const events = eta.refresh(now);
    for (const e of events) {
      const order = this.active.get(e.orderId);
      const kind = e.type === 'lateness_alert' ? 'alert' : 'clear';
      this.metrics?.latenessAlerts.inc({ kind });
      this.events.publish(kind === 'alert' ? 'lateness.alert' : 'lateness.cleared', now, {
        orderId: e.orderId,
        storeId: order?.storeId,
        riderId: e.riderId ?? order?.riderId,
        data: { predictedDropoffAt: e.predictedDropoffAt, promisedBy: e.promisedBy, lateBySec: e.predictedDropoffAt - e.promisedBy },
      });
    }
    return events.length;
  }

  /** The last prediction for an order on a rider, if any. */
  etaOf(orderId: string): { pickupAt: number; dropoffAt: number; late: boolean } | undefined {
    const e = this.eta?.etaOf(orderId);
    return e === undefined ? undefined : { pickupAt: e.pickupAt, dropoffAt: e.dropoffAt, late: e.late };
  }

  // ---------------------------------------------------------------- helpers

  private async loadOrder(orderId: string): Promise<Order> {
    if (!ID_PATTERN.test(orderId)) throw badInput('orderId', 'must be 1 to 128 characters of A-Z, a-z, 0-9, ".", "_", ":" or "-"', orderId);
    const order = this.active.get(orderId) ?? (await this.store.getOrder(orderId));
    if (order === undefined) throw notFound('order', orderId);
    return order;
  }

  /** The order's held stock; an order of a store that does not track stock holds none (no read). */
  private async heldStockOf(order: Order): Promise<Reservation[]> {
    if (order.storeId === undefined || this.catalog.get(order.storeId)?.inventory === undefined) return [];
    return (await this.store.reservationsOf(order.id)).filter((r) => r.status === 'held');
  }

  /** Keeps memory in step with a committed transition. */
  private moved(before: Order, after: Order): void {
    if (before.status !== after.status) {
      this.counts[before.status]--;
      this.counts[after.status]++;
    }
    if (ACTIVE.has(after.status)) this.active.set(after.id, after);
    else this.active.delete(after.id);
    if (before.riderId !== undefined && before.riderId !== after.riderId) {
      const was = this.riders.get(before.riderId);
      if (was !== undefined) {
        was.orders.delete(after.id);
        this.riderMaybeFree(was);
      }
    }
    if (after.riderId !== undefined) {
      const rider = this.riders.get(after.riderId);
      if (ACTIVE.has(after.status)) rider?.orders.add(after.id);
      else if (rider !== undefined) {
        rider.orders.delete(after.id);
        this.riderMaybeFree(rider);
      }
    }
  }

  /** The rider's current planned stops (from its orders in memory). */
  private currentStops(rider: RiderState): RouteStop[] {
    const stops: RouteStop[] = [];
    for (const id of rider.orders) {
      const o = this.active.get(id);
      if (o === undefined) continue;
      const store = o.storeId === undefined ? undefined : this.catalog.get(o.storeId);
      if (o.status === 'assigned' && store !== undefined) stops.push({ kind: 'pickup', orderId: id, location: store.location });
    }
    for (const id of rider.orders) {
      const o = this.active.get(id);
      if (o !== undefined) stops.push({ kind: 'dropoff', orderId: id, location: o.dropOff });
    }
    return stops;
  }

  private stopsFor(orders: readonly Order[], a: PlannedAssignment): RouteStop[] {
    const stops: RouteStop[] = [];
    for (const o of orders) {
      const store = this.catalog.get(o.storeId as string);
      stops.push({ kind: 'pickup', orderId: o.id, ...(store === undefined ? {} : { location: store.location }), etaAt: a.pickupAt });
    }
    for (const o of orders) {
      const at = a.dropoffAt[a.orderIds.indexOf(o.id)];
      stops.push({ kind: 'dropoff', orderId: o.id, location: o.dropOff, ...(at === undefined ? {} : { etaAt: at }) });
    }
    return stops;
  }

  /** The rider's route without the order's stops (`pickup`: only its pickup stop). */
  private routeWithout(rider: RiderState, orderId: string, now: number, only?: 'pickup'): RiderRoute {
    const stops = this.currentStops(rider).filter((s) => s.orderId !== orderId || (only !== undefined && s.kind !== only));
    return { riderId: rider.profile.id, updatedAt: now, stops };
  }

  // ---------------------------------------------------------------- read-only views (the ops view)

  /** The rider's planned stops as memory holds them (pickups still ahead, then drop-offs); empty for an unknown rider. */
  plannedStopsOf(riderId: string): RouteStop[] {
    const rider = this.riders.get(riderId);
    return rider === undefined ? [] : this.currentStops(rider);
  }
}

/** The latest time recorded on an order. */
function lastAt(order: Order): number {
  let last = order.placedAt;
  for (const at of Object.values(order.statusAt ?? {})) if (at !== undefined && at > last) last = at;
  return last;
}
