/**
 * Cuts an epoch into H3 regions: each order goes to the region of its store, each rider to the
 * region it stands in and to every neighbouring region within the border rings (so orders near a
 * border still see the riders across it; the merge keeps every rider to one assignment).
 */
import { H3Regions, type LngLat } from '@o2o/geo';
import { DispatchInputError } from '../errors.js';
import type { EpochRegion } from './epoch-pool.js';

/**
 * Regions of an epoch from the store position of every order and the position of every rider
 * (`[lng, lat]`, same order as the problem's arrays). Regions come sorted by key.
 */
export function partitionByH3(orderStores: readonly LngLat[], riders: readonly LngLat[], regions: H3Regions): EpochRegion[] {
  if (!Array.isArray(orderStores)) throw new DispatchInputError('INVALID_INPUT', 'orderStores', 'must be an array of [lng, lat]', orderStores);
  if (!Array.isArray(riders)) throw new DispatchInputError('INVALID_INPUT', 'riders', 'must be an array of [lng, lat]', riders);
  const byKey = new Map<string, { orders: number[]; riders: number[] }>();
  const slot = (key: string): { orders: number[]; riders: number[] } => {
    let s = byKey.get(key);
    if (!s) {
      s = { orders: [], riders: [] };
      byKey.set(key, s);
    }
    return s;
  };
  orderStores.forEach(([lng, lat], i) => slot(regions.regionOf(lng, lat)).orders.push(i));
  riders.forEach(([lng, lat], i) => {
    for (const key of regions.regionsNear(lng, lat)) slot(key).riders.push(i);
  });
  return [...byKey.entries()]
    .filter(([, s]) => s.orders.length > 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, s]) => ({ key, orders: s.orders, riders: s.riders }));
}
