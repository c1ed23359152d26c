/** The surge curve: demand/supply ratio around an order → target surge multiplier. */
import { supplyDemandRatio } from '@o2o/geo';
import type { SurgeConfig } from '../config/pricing-config.js';

/**
 * Target multiplier of a demand/supply ratio (before smoothing over time):
 * - 1 at or below `thresholdRatio`;
 * - linear from 1 at `thresholdRatio` to `maxMultiplier` at `capRatio`;
 * - `maxMultiplier` at or above `capRatio` (including `Infinity`: demand and no supply).
 * Always in `[1, maxMultiplier]`; NaN counts as no surge.
 */
export function surgeMultiplierOfRatio(ratio: number, surge: SurgeConfig): number {
  const { thresholdRatio, capRatio, maxMultiplier } = surge;
  if (!(ratio > thresholdRatio)) return 1;
  if (ratio >= capRatio) return maxMultiplier;
  return 1 + ((maxMultiplier - 1) * (ratio - thresholdRatio)) / (capRatio - thresholdRatio);
}

/**
 * Target multiplier for the (smoothed) demand and supply around an order: 1 while
 * `demand < minDemand` (too little evidence), otherwise {@link surgeMultiplierOfRatio} of geo's
 * `supplyDemandRatio(demand, supply)` (`demand / supply`; 0 when both are 0; `Infinity` when there
 * is demand and no supply).
 */
export function surgeTargetMultiplier(demand: number, supply: number, surge: SurgeConfig): { ratio: number; multiplier: number } {
  const ratio = supplyDemandRatio(demand, supply);
  if (demand < surge.minDemand) return { ratio, multiplier: 1 };
  return { ratio, multiplier: surgeMultiplierOfRatio(ratio, surge) };
}
