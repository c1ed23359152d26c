/**
 * The `pricing` section of {@link DispatchConfig}: base fee, distance tiers, surge, weather and
 * time-of-day surcharges. Money is in integer cents; see {@link quoteDeliveryFee}.
 */
import type { IssueCollector } from '../model/issue-collector.js';
import { MAX_CONFIG_CENTS, checkDistanceTiers, checkPeakWindows, checkTimeZone } from './config-lists.js';
import { ConfigParam, integerParam, numberParam, type ConfigSchema } from './config-param.js';

/** Every {@link Weather} condition, in a stable order. */
export const WEATHER_CONDITIONS = ['clear', 'rain', 'heavy_rain', 'snow'] as const;

/** Weather at the drop-off area when the order is quoted. */
export type Weather = (typeof WEATHER_CONDITIONS)[number];

/** One distance tier: every km above `fromM` (up to the next tier's `fromM`) costs `centsPerKm`. */
export interface DistanceTier {
  readonly fromM: number;
  readonly centsPerKm: number;
}

/**
 * A peak window `[start, end)` in local time (`"HH:MM"`); `end` before `start` crosses midnight
 * (`"23:00"`–`"02:00"`).
 */
export interface PeakWindow {
  readonly name: string;
  readonly start: string;
  readonly end: string;
  readonly surchargeCents: number;
}

/** Fee and promise widening of one weather condition. */
export interface WeatherRule {
  /** Added to the fee, cents. */
  readonly feeCents: number;
  /** Added to the promised delivery window, seconds. */
  readonly promiseExtraSec: number;
}

/** Surge: demand/supply ratio → multiplier (flat, then linear, then capped), smoothed per cell. */
export interface SurgeConfig {
  readonly thresholdRatio: number;
  readonly capRatio: number;
  readonly maxMultiplier: number;
  readonly minDemand: number;
  readonly halfLifeSec: number;
}

/** The `pricing` section (defaults and meanings: {@link PRICING_CONFIG_SCHEMA}). */
export interface PricingConfig {
  readonly baseCents: number;
  readonly distance: { readonly tiers: readonly DistanceTier[]; readonly maxDistanceM: number };
  readonly surge: SurgeConfig;
  readonly weather: Readonly<Record<Weather, WeatherRule>>;
  readonly timeOfDay: { readonly timeZone: string; readonly windows: readonly PeakWindow[] };
}

function weatherRule(name: string, feeCents: number, promiseExtraSec: number): ConfigSchema<WeatherRule> {
  return {
    feeCents: integerParam(feeCents, 0, MAX_CONFIG_CENTS, `Fee added in ${name}, cents.`),
    promiseExtraSec: integerParam(promiseExtraSec, 0, 7200, `Seconds added to the promised delivery window in ${name}.`),
  };
}

/** Metadata (type, default, meaning, rule) of every `pricing` parameter. */
export const PRICING_CONFIG_SCHEMA: ConfigSchema<PricingConfig> = {
  baseCents: integerParam(299, 0, MAX_CONFIG_CENTS, 'Flat base fee of every delivery, cents.'),
  distance: {
    tiers: new ConfigParam<readonly DistanceTier[]>(
      '{ fromM, centsPerKm }[] (≤ 24)',
      [
        { fromM: 2000, centsPerKm: 60 },
        { fromM: 5000, centsPerKm: 90 },
        { fromM: 10_000, centsPerKm: 150 },
      ],
      'Piecewise distance rate: each km above a tier\'s `fromM` (up to the next tier\'s) costs its `centsPerKm`; distance below the first `fromM` is included in the base fee. `fromM` strictly ascending.',
      checkDistanceTiers,
    ),
    maxDistanceM: integerParam(30_000, 1, 1_000_000, 'Longest delivery distance quoted, metres; longer ones are rejected.'),
  },
  surge: {
    thresholdRatio: numberParam(1.2, 0, 100, 'Demand/supply ratio at or below which there is no surge.'),
    capRatio: numberParam(3, 0, 100, 'Ratio at which the surge reaches `maxMultiplier` (linear in between); must exceed `thresholdRatio`.'),
    maxMultiplier: numberParam(2, 1, 5, 'Largest surge multiplier (1 turns surge off).'),
    minDemand: numberParam(1, 0, 1000, 'No surge while the smoothed demand around the order is below this (too little evidence).'),
    halfLifeSec: integerParam(300, 0, 86_400, 'Half-life of the per-cell exponential smoothing of the multiplier, seconds (0: no smoothing).'),
  },
  weather: {
    clear: weatherRule('clear weather', 0, 0),
    rain: weatherRule('rain', 100, 300),
    heavy_rain: weatherRule('heavy rain', 250, 600),
    snow: weatherRule('snow', 300, 900),
  },
  timeOfDay: {
    timeZone: new ConfigParam('string (IANA time zone)', 'UTC', 'Time zone the peak windows are read in, e.g. `Europe/Paris` (daylight saving included).', checkTimeZone),
    windows: new ConfigParam<readonly PeakWindow[]>(
      '{ name, start, end, surchargeCents }[] (≤ 24)',
      [
        { name: 'lunch', start: '11:30', end: '14:00', surchargeCents: 100 },
        { name: 'dinner', start: '18:00', end: '21:00', surchargeCents: 150 },
        { name: 'late_night', start: '23:00', end: '02:00', surchargeCents: 120 },
      ],
      'Peak windows `[start, end)` in local `HH:MM` (end before start crosses midnight); the largest surcharge of the windows containing the quote time applies. Names unique.',
      checkPeakWindows,
    ),
  },
};

/** Rules between `pricing` fields, run once every field is valid on its own. */
export function checkPricingRules(pricing: PricingConfig, field: string, issues: IssueCollector): void {
  const { thresholdRatio, capRatio } = pricing.surge;
  if (!(capRatio > thresholdRatio)) {
    issues.invalid(`${field}.surge.capRatio`, `must be greater than ${field}.surge.thresholdRatio (${thresholdRatio})`, capRatio);
  }
}
