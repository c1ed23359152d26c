/** The distance component of a delivery fee: a piecewise-linear rate over distance tiers. */
import type { DistanceTier } from '../config/pricing-config.js';

/**
 * Distance fee in integer cents:
 * `round(Σ_i centsPerKm_i × max(0, min(distanceM, fromM_{i+1}) − fromM_i) / 1000)`, where the last
 * tier runs on without end. Distance below the first tier's `fromM` is free (included in the base
 * fee). With tiers `[{2000 m, 60}, {5000 m, 90}]`, 7.5 km costs 3 km × 60 + 2.5 km × 90 = 405 cents.
 * Tiers must be ascending by `fromM` (as `resolveDispatchConfig` checks); `distanceM` ≥ 0.
 */
export function distanceFeeCents(distanceM: number, tiers: readonly DistanceTier[]): number {
  let milliCents = 0; // cents × metres / km, summed exactly before the one rounding
  for (let i = 0; i < tiers.length; i++) {
    const tier = tiers[i]!;
    const toM = Math.min(distanceM, tiers[i + 1]?.fromM ?? Infinity);
    if (toM > tier.fromM) milliCents += tier.centsPerKm * (toM - tier.fromM);
  }
  return Math.round(milliCents / 1000);
}
