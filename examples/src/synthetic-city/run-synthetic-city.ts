/**
 * The end-to-end example: a seeded synthetic city around a real city centre, then for every
 * order the nearest 3 stores in its zone with the stock, the nearest 5 idle riders to the nearest
 * of them, the riders × stores travel-time matrix (each rider in its own mode, with time-of-day
 * traffic) and the pair that delivers first; plus an
 * H3 supply/demand heatmap of the city. Everything runs in-process with no external server.
 */
import {
  RiderLocator,
  StoreLocator,
  generateSyntheticCity,
  type NoStoreReason,
  type SyntheticCityOptions,
} from '@o2o/dispatch-core';
import { H3Heatmap, StraightLineProvider, ZoneIndex, type HeatmapCell } from '@o2o/geo';

/** Options of {@link runSyntheticCity}: the city, plus its UTC offset for traffic. */
export interface SyntheticCityRunOptions extends SyntheticCityOptions {
  /** Local UTC offset of the city, minutes (Bogotá −300). Default −300. */
  readonly utcOffsetMin?: number;
}

/** One order's plan: candidate stores and riders, and the rider's estimated time of arrival. */
export interface OrderPlan {
  readonly orderId: string;
  readonly storeIds: readonly string[];
  readonly riderIds: readonly string[];
  /** The (rider, store) pair that delivers first. */
  readonly chosenStoreId: string;
  readonly chosenRiderId: string;
  /** Riders × stores travel times (seconds, row-major, riderIds × storeIds) at placement time. */
  readonly durationSec: Int32Array;
  /** Chosen rider's trip: to the store, wait until ready, to the drop-off (seconds). */
  readonly toStoreSec: number;
  readonly toDropOffSec: number;
  readonly placedAt: number;
  readonly promisedBy: number;
  readonly deliveredAt: number;
  readonly lateSec: number;
}

/** What the example computed. */
export interface SyntheticCitySummary {
  readonly numZones: number;
  readonly numStores: number;
  readonly numRiders: number;
  readonly numIdleRiders: number;
  readonly numOrders: number;
  readonly plans: readonly OrderPlan[];
  readonly unserved: Readonly<Record<NoStoreReason | 'no_rider', number>>;
  readonly matrixCells: number;
  readonly hottest: readonly HeatmapCell[];
  readonly timingsMs: Readonly<Record<string, number>>;
}

/** Runs the example and returns its summary (printing is left to the caller). */
export async function runSyntheticCity(options: SyntheticCityRunOptions = {}): Promise<SyntheticCitySummary> {
  const timingsMs: Record<string, number> = {};
  const timed = <T>(name: string, f: () => T): T => {
    const t0 = performance.now();
    const value = f();
    timingsMs[name] = Math.round((performance.now() - t0) * 10) / 10;
    return value;
  };

  const city = timed('generate city', () => generateSyntheticCity(options));
  const zones = timed('zone index', () => ZoneIndex.build(city.zones));
  const stores = timed('store locator', () => StoreLocator.build(city.stores, zones));
  const riders = timed('rider locator', () => new RiderLocator(city.riders));
  const travel = new StraightLineProvider({ utcOffsetMin: options.utcOffsetMin ?? -300 });

  const heatmap = timed('heatmap', () => {
    const h = new H3Heatmap({ resolution: 8, windowSec: 3600 });
    for (const o of city.orders) h.add('demand', o.dropOff[0], o.dropOff[1], o.placedAt);
    const at = city.orders.at(-1)?.placedAt ?? city.startAt;
    for (const r of city.riders) if (r.status === 'idle') h.add('supply', r.position[0], r.position[1], at);
    return h;
  });

  const unserved: Record<NoStoreReason | 'no_rider', number> = { outside_zones: 0, no_store_in_zone: 0, out_of_stock: 0, no_rider: 0 };
  const plans: OrderPlan[] = [];
  let matrixCells = 0;
  const t0 = performance.now();
  for (const order of city.orders) {
    const found = stores.candidatesFor(order, { k: 3 });
    if (found.reason) {
      unserved[found.reason]++;
      continue;
    }
    const candidateStores = found.candidates.map((c) => stores.store(c.storeIdx));
    const nearest = candidateStores[0]!;
    const near = riders.nearestAvailable(nearest.location[0], nearest.location[1], { k: 5, atSec: order.placedAt, minFreeCapacity: order.size });
    if (near.length === 0) {
      unserved.no_rider++;
      continue;
    }
    // The riders × stores travel-time matrix, one row per rider in the rider's own mode; then the
    // (rider, store) pair that delivers first: ride to the store, wait for the food, ride on.
    const storeLocations = candidateStores.map((s) => s.location);
    let best: { r: number; s: number; toStoreSec: number; toDropOffSec: number; deliveredAt: number } | undefined;
    const durationSec = new Int32Array(near.length * candidateStores.length);
    for (let r = 0; r < near.length; r++) {
      const rider = city.riders[near[r]!.riderIdx]!;
      const row = await travel.matrix([riders.positionOf(rider.id)], storeLocations, order.placedAt, { mode: rider.mode });
      durationSec.set(row.durationSec, r * candidateStores.length);
      matrixCells += row.durationSec.length;
      for (let s = 0; s < candidateStores.length; s++) {
        const toStoreSec = row.durationSec[s]!;
        const leaveStoreAt = Math.max(order.placedAt + toStoreSec, order.readyAt);
        const leg = await travel.duration(storeLocations[s]!, order.dropOff, leaveStoreAt, { mode: rider.mode });
        const deliveredAt = leaveStoreAt + leg.durationSec;
        if (!best || deliveredAt < best.deliveredAt) best = { r, s, toStoreSec, toDropOffSec: leg.durationSec, deliveredAt };
      }
    }
    if (!best) continue;
    plans.push({
      orderId: order.id,
      storeIds: found.candidates.map((c) => c.storeId),
      riderIds: near.map((c) => c.riderId),
      chosenStoreId: found.candidates[best.s]!.storeId,
      chosenRiderId: near[best.r]!.riderId,
      durationSec,
      toStoreSec: best.toStoreSec,
      toDropOffSec: best.toDropOffSec,
      placedAt: order.placedAt,
      promisedBy: order.promisedBy,
      deliveredAt: best.deliveredAt,
      lateSec: Math.max(0, best.deliveredAt - order.promisedBy),
    });
  }
  timingsMs['per-order candidates + matrices'] = Math.round((performance.now() - t0) * 10) / 10;

  const hottest = timed('hottest cells', () => heatmap.hottest(5, 'smoothedDemand'));
  return {
    numZones: city.zones.length,
    numStores: city.stores.length,
    numRiders: city.riders.length,
    numIdleRiders: city.riders.filter((r) => r.status === 'idle').length,
    numOrders: city.orders.length,
    plans,
    unserved,
    matrixCells,
    hottest,
    timingsMs,
  };
}
