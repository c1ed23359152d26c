/**
 * `corner-shop` fixtures for store matching: a handful of stores around one drop-off in Bogotá,
 * with travel times set by hand (not by geometry) so every cost can be checked on paper.
 */
import { validateStore, type Store, type StoreTravelTimeFn } from '@o2o/dispatch-core';
import type { LngLat } from '@o2o/geo';

export const T0 = 1_764_000_000;
export const DROP_OFF: LngLat = [-74.05, 4.66];

/** A store `id` at `dLng` degrees east of the drop-off (≈ 111 m per 0.001°). */
export function shop(id: string, dLng: number, inventory: Record<string, number>, extra: Record<string, unknown> = {}): Store {
  return validateStore({ id, kind: 'store', location: [DROP_OFF[0] + dLng, DROP_OFF[1]], inventory, ...extra });
}

/**
 * A travel-time function reading seconds from `bySec` by store location (stores must be built
 * with {@link shop}); a store missing from the table is unreachable (−1).
 */
export function tableTravelTime(stores: readonly Store[], bySec: Readonly<Record<string, number>>): StoreTravelTimeFn {
  const secByLocation = new Map(stores.map((s) => [s.location.join(','), bySec[s.id] ?? -1]));
  return (locations) => locations.map((l) => secByLocation.get(l.join(',')) ?? -1);
}

/** An order at the drop-off with the given `[sku, quantity]` lines, ready at T0. */
export function basket(...lines: [string, number][]): { dropOff: LngLat; items: { sku: string; quantity: number }[]; readyAt: number } {
  return { dropOff: DROP_OFF, items: lines.map(([sku, quantity]) => ({ sku, quantity })), readyAt: T0 };
}

