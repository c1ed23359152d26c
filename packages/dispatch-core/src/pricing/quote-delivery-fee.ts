/**
 * `quoteDeliveryFee`: the delivery fee of an order in integer cents, with its breakdown — base +
 * distance tiers + surge + weather + time of day — and how much weather widens the promise.
 */
import { H3Heatmap } from '@o2o/geo';
import { DEFAULT_DISPATCH_CONFIG, type DispatchConfig } from '../config/dispatch-config.js';
import { WEATHER_CONDITIONS, type PricingConfig, type Weather } from '../config/pricing-config.js';
import type { DispatchInputError } from '../errors.js';
import type { EpochSeconds } from '../model/epoch-seconds.js';
import { IssueCollector } from '../model/issue-collector.js';
import { distanceFeeCents } from './distance-fee.js';
import { HeatmapSnapshot, type SupplyDemand, type SupplyDemandFn } from './heatmap-snapshot.js';
import { surgeTargetMultiplier } from './surge-curve.js';
import { SurgeSmoother } from './surge-smoother.js';
import { timeOfDaySurcharge } from './time-of-day-surcharge.js';

/** Where surge reads demand and supply around the order. */
export interface FeeSurgeInput {
  /** H3 index of the order's cell (at the heatmap's resolution); also the smoothing key. */
  readonly cell: string;
  /**
   * Demand and supply of the order's cell smoothed over its k-ring: a live `H3Heatmap` (its
   * `smoothedDemand` / `smoothedSupply` as it stands; one scan of its cells per quote), a
   * {@link HeatmapSnapshot} (a map lookup: better for many quotes) or a plain callback.
   */
  readonly supplyDemand: H3Heatmap | HeatmapSnapshot | SupplyDemandFn;
  /** Smooths the multiplier per cell over time (see {@link SurgeSmoother}); omit for the raw curve. */
  readonly smoother?: SurgeSmoother;
}

/** Input of {@link quoteDeliveryFee}. */
export interface FeeQuoteInput {
  /** Route distance from the store to the drop-off, metres: finite, ≥ 0, ≤ `pricing.distance.maxDistanceM`. */
  readonly distanceM: number;
  /** When the quote is made, integer Unix epoch seconds (picks the peak window; drives smoothing). */
  readonly atSec: EpochSeconds;
  /** Weather at the drop-off area. */
  readonly weather: Weather;
  /** Omit for no surge (multiplier 1). */
  readonly surge?: FeeSurgeInput;
}

/** The components of a fee, integer cents; they sum to `feeCents`. */
export interface FeeBreakdown {
  readonly baseCents: number;
  readonly distanceCents: number;
  readonly surgeCents: number;
  readonly weatherCents: number;
  readonly timeOfDayCents: number;
}

/** A delivery fee quote. */
export interface FeeQuote {
  /** Total fee, integer cents: the sum of the breakdown. */
  readonly feeCents: number;
  readonly breakdown: FeeBreakdown;
  /** Surge multiplier applied to base + distance, in `[1, maxMultiplier]`, rounded to 0.01. */
  readonly surgeMultiplier: number;
  /** Seconds the weather adds to the promised delivery window. */
  readonly promiseExtraSec: number;
  /** Name of the peak window whose surcharge applies, `null` off-peak. */
  readonly timeOfDayWindow: string | null;
}

/**
 * Quotes the delivery fee of one order (all amounts integer cents):
 * - `baseCents` = `pricing.baseCents`;
 * - `distanceCents` = the distance tiers ({@link distanceFeeCents});
 * - `surgeCents` = `round((baseCents + distanceCents) × (surgeMultiplier − 1))`, where the
 *   multiplier is the surge curve ({@link surgeTargetMultiplier}) of the smoothed demand/supply
 *   around the order, smoothed over time per cell by `surge.smoother`, clamped to
 *   `[1, maxMultiplier]` and rounded to 0.01;
 * - `weatherCents` = `pricing.weather[weather].feeCents` (and `promiseExtraSec` its widening);
 * - `timeOfDayCents` = the largest surcharge of the peak windows containing `atSec` in local time.
 *
 * Updates `surge.smoother` (its only side effect). `config` is a resolved {@link DispatchConfig}.
 * @throws {@link DispatchInputError} `INVALID_INPUT` naming every bad field under `field`, e.g.
 *   `quote.distanceM must be a finite number of metres in [0, 30000] (pricing.distance.maxDistanceM), got -5`.
 */
export function quoteDeliveryFee(input: FeeQuoteInput, config: DispatchConfig = DEFAULT_DISPATCH_CONFIG, field = 'quote'): FeeQuote {
  const { pricing } = config;
  checkFeeQuoteInput(input, pricing, field);
  const { distanceM, atSec, weather, surge } = input;
  const baseCents = pricing.baseCents;
  const distanceCents = distanceFeeCents(distanceM, pricing.distance.tiers);
  const surgeMultiplier = surge === undefined ? 1 : surgeMultiplierOf(surge, atSec, pricing, `${field}.surge`);
  const surgeCents = Math.round((baseCents + distanceCents) * (surgeMultiplier - 1));
  const { feeCents: weatherCents, promiseExtraSec } = pricing.weather[weather];
  const peak = timeOfDaySurcharge(atSec, pricing.timeOfDay);
  const breakdown = { baseCents, distanceCents, surgeCents, weatherCents, timeOfDayCents: peak.surchargeCents };
  return Object.freeze({
    feeCents: baseCents + distanceCents + surgeCents + weatherCents + peak.surchargeCents,
    breakdown: Object.freeze(breakdown),
    surgeMultiplier,
    promiseExtraSec,
    timeOfDayWindow: peak.window,
  });
}

function surgeMultiplierOf(surge: FeeSurgeInput, atSec: EpochSeconds, pricing: PricingConfig, field: string): number {
  const { demand, supply } = readSupplyDemand(surge, field);
  const target = surgeTargetMultiplier(demand, supply, pricing.surge).multiplier;
  const smoothed = surge.smoother === undefined ? target : surge.smoother.smooth(surge.cell, target, atSec, pricing.surge.halfLifeSec);
  const bounded = Math.min(pricing.surge.maxMultiplier, Math.max(1, smoothed));
  return Math.round(bounded * 100) / 100;
}

/** Demand and supply of the order's cell from any of the three sources, checked. */
function readSupplyDemand(surge: FeeSurgeInput, field: string): SupplyDemand {
  const { cell, supplyDemand: source } = surge;
  let read: SupplyDemand | undefined;
  if (source instanceof HeatmapSnapshot) read = source.supplyDemandOf(cell);
  else if (source instanceof H3Heatmap) {
    const c = source.cells().find((x) => x.h3 === cell);
    read = c === undefined ? undefined : { demand: c.smoothedDemand, supply: c.smoothedSupply };
  } else read = source(cell);
  if (read === undefined) return { demand: 0, supply: 0 };
  const at = `${field}.supplyDemand(${JSON.stringify(cell)})`;
  const issues = new IssueCollector();
  if (issues.checkObject(at, read)) {
    for (const key of ['demand', 'supply'] as const) {
      const v = read[key];
      if (!(typeof v === 'number' && Number.isFinite(v) && v >= 0)) issues.invalid(`${at}.${key}`, 'must be a finite number ≥ 0', v);
    }
  }
  issues.throwIfAny();
  return read;
}

/** Records every bad field of a quote input; throws them all at once. */
function checkFeeQuoteInput(input: FeeQuoteInput, pricing: PricingConfig, field: string): void {
  const issues = new IssueCollector();
  if (!issues.checkObject(field, input)) issues.throwIfAny();
  const { distanceM, atSec, weather, surge } = input as unknown as Record<string, unknown>;
  const maxM = pricing.distance.maxDistanceM;
  if (!(typeof distanceM === 'number' && Number.isFinite(distanceM) && distanceM >= 0 && distanceM <= maxM)) {
    issues.invalid(`${field}.distanceM`, `must be a finite number of metres in [0, ${maxM}] (pricing.distance.maxDistanceM)`, distanceM);
  }
  issues.checkEpochSeconds(`${field}.atSec`, atSec);
  issues.checkOneOf(`${field}.weather`, weather, WEATHER_CONDITIONS);
  if (surge !== undefined && issues.checkObject(`${field}.surge`, surge)) {
    issues.checkNonEmptyString(`${field}.surge.cell`, surge.cell);
    const source = surge.supplyDemand;
    if (!(source instanceof H3Heatmap || source instanceof HeatmapSnapshot || typeof source === 'function')) {
      issues.invalid(`${field}.surge.supplyDemand`, 'must be an H3Heatmap, a HeatmapSnapshot or a function (cell) => { demand, supply }', source);
    }
    if (surge.smoother !== undefined && !(surge.smoother instanceof SurgeSmoother)) {
      issues.invalid(`${field}.surge.smoother`, 'must be a SurgeSmoother when given', surge.smoother);
    }
  }
  issues.throwIfAny();
}
