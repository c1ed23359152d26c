/**
 * A seeded epoch snapshot for tests and benches: orders waiting at stores spread over a city and
 * riders free now or soon, as lng/lat (for H3 regions) and as planar metres (for the engine).
 */
import { mulberry32, type LngLat } from '@o2o/geo';
import type { EpochOrder, EpochRider } from '../dispatch/epoch-problem.js';
import type { EpochTaskProblem } from '../dispatch/epoch-task.js';
import { DispatchInputError } from '../errors.js';

export interface SyntheticEpochOptions {
  readonly numOrders: number;
  readonly numRiders: number;
  /** Stores the orders come from. Default numOrders / 10, at least 10. */
  readonly numStores?: number;
  /** City centre. Default Porto. */
  readonly centre?: LngLat;
  /** City extent, degrees of longitude and latitude. Default 0.3 × 0.2 (about 25 × 22 km). */
  readonly spanDeg?: readonly [number, number];
  readonly seed?: number;
  /** The epoch instant, seconds. Default 900. */
  readonly now?: number;
}

export interface SyntheticEpoch {
  readonly problem: EpochTaskProblem;
  /** Store position of every order (for regions). */
  readonly orderStores: LngLat[];
  /** Position of every rider. */
  readonly riders: LngLat[];
}

const M_PER_DEG = 111_195;

export function generateSyntheticEpoch(o: SyntheticEpochOptions): SyntheticEpoch {
  for (const key of ['numOrders', 'numRiders'] as const) {
    if (!Number.isInteger(o[key]) || o[key] < 0) throw new DispatchInputError('INVALID_INPUT', key, 'must be an integer ≥ 0', o[key]);
  }
  const rand = mulberry32(o.seed ?? 9);
  const [lng0, lat0] = o.centre ?? [-8.61, 41.15];
  const [spanLng, spanLat] = o.spanDeg ?? [0.3, 0.2];
  const now = o.now ?? 900;
  const kx = M_PER_DEG * Math.cos((lat0 * Math.PI) / 180);
  const pt = (): [number, number] => [lng0 + (rand() - 0.5) * spanLng, lat0 + (rand() - 0.5) * spanLat];
  const stores = Array.from({ length: o.numStores ?? Math.max(10, Math.round(o.numOrders / 10)) }, pt);
  const orderStores: LngLat[] = [];
  const orders: EpochOrder[] = Array.from({ length: o.numOrders }, (_, i) => {
    const s = Math.floor(rand() * stores.length);
    const [slng, slat] = stores[s]!;
    const dlng = slng + (rand() - 0.5) * 0.04;
    const dlat = slat + (rand() - 0.5) * 0.03;
    orderStores.push([slng, slat]);
    const placedAt = Math.floor(rand() * now);
    return {
      ref: i,
      storeKey: s,
      storeX: (slng - lng0) * kx,
      storeY: (slat - lat0) * M_PER_DEG,
      dropX: (dlng - lng0) * kx,
      dropY: (dlat - lat0) * M_PER_DEG,
      placedAt,
      readyAt: placedAt + 600 + Math.floor(rand() * 900),
    };
  });
  const riderPts = Array.from({ length: o.numRiders }, pt);
  const riders: EpochRider[] = riderPts.map(([lng, lat], i) => ({
    ref: i,
    freeAt: now + Math.floor(rand() * 900),
    x: (lng - lng0) * kx,
    y: (lat - lat0) * M_PER_DEG,
    offAt: now + 8 * 3600,
    ordersSoFar: Math.floor(rand() * 8),
    guaranteedOrders: 12,
  }));
  const problem: EpochTaskProblem = {
    now,
    orders,
    riders,
    travel: { speedMps: 5, detourFactor: 1.3, roundUpToSec: 1 },
    pickupServiceSec: 240,
    dropoffServiceSec: 240,
    targetClickToDoorSec: 2400,
    maxClickToDoorSec: 5400,
    maxSpeedMps: 5 / 1.3,
  };
  return { problem, orderStores, riders: riderPts };
}
