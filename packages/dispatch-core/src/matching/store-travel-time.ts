/**
 * Travel time from candidate stores to one drop-off, pluggable: the matcher asks once per order
 * for all its candidates (one many-to-one call, so a matrix provider answers it in one go).
 */
import { StraightLineProvider, UNREACHABLE, type LngLat, type TravelMode } from '@o2o/geo';
import type { EpochSeconds } from '../model/epoch-seconds.js';

/**
 * Travel time in integer seconds from each of `storeLocations` to `dropOff`, leaving at `departAt`;
 * `result[i]` answers `storeLocations[i]`. A negative value (geo's `UNREACHABLE`) means no route:
 * that store is dropped.
 */
export type StoreTravelTimeFn = (storeLocations: readonly LngLat[], dropOff: LngLat, departAt: EpochSeconds) => ArrayLike<number>;

/**
 * A {@link StoreTravelTimeFn} over geo's {@link StraightLineProvider} (`matrixSync`, stores × 1),
 * in `mode` (default: the provider's default mode).
 */
export function straightLineStoreTravelTime(provider: StraightLineProvider = new StraightLineProvider(), mode?: TravelMode): StoreTravelTimeFn {
  return (storeLocations, dropOff, departAt) => {
    if (storeLocations.length === 0) return [];
    return provider.matrixSync(storeLocations, [dropOff], departAt, mode === undefined ? undefined : { mode }).durationSec;
  };
}

/** True when a travel time from a {@link StoreTravelTimeFn} is usable (a finite number ≥ 0). */
export function isReachableSec(travelTimeSec: number | undefined): travelTimeSec is number {
  return typeof travelTimeSec === 'number' && Number.isFinite(travelTimeSec) && travelTimeSec >= 0 && travelTimeSec !== UNREACHABLE;
}
