/**
 * The `eta` section of {@link DispatchConfig}: when a predicted drop-off raises a lateness alert,
 * and how often predictions are refreshed.
 */
import type { EpochSeconds } from '../model/epoch-seconds.js';
import { integerParam, type ConfigSchema } from './config-param.js';

/** The `eta` section (defaults, ranges and meanings: {@link ETA_CONFIG_SCHEMA}). */
export interface EtaConfig {
  /** Alert when the predicted drop-off is later than `promisedBy - alertMarginSec`. */
  readonly alertMarginSec: number;
  /** Seconds between two refreshes of an order's predicted drop-off. */
  readonly refreshIntervalSec: number;
}

/** Metadata (type, default, meaning, rule) of every `eta` parameter. */
export const ETA_CONFIG_SCHEMA: ConfigSchema<EtaConfig> = {
  alertMarginSec: integerParam(0, 0, 7200, 'Lateness alert when the predicted drop-off is later than the promise minus this many seconds (0: alert only when predicted late).'),
  refreshIntervalSec: integerParam(60, 5, 3600, 'Seconds between two refreshes of an order\'s predicted drop-off.'),
};

/**
 * True when an order predicted to be dropped off at `predictedDropoffAt` must raise a lateness
 * alert: `predictedDropoffAt > promisedBy - eta.alertMarginSec`.
 */
export function isLatenessAlert(predictedDropoffAt: EpochSeconds, promisedBy: EpochSeconds, eta: EtaConfig): boolean {
  return predictedDropoffAt > promisedBy - eta.alertMarginSec;
}
