/** Tunables of the dispatch service (the CLI maps flags and env vars onto them; see service-config.ts). */
export interface ServiceOptions {
  /** Promise time when an order gives none, seconds. Default 2,700 (45 min). */
  readonly promiseSec: number;
  /** Seconds a rider has to answer an offer. Default 60. */
  readonly offerTtlSec: number;
  /** After declining (or letting an offer expire), no new offer for this long, seconds. Default 60. */
  readonly declineCoolDownSec: number;
  /** Writes waiting for their commit above which order creation answers 429. Default 20,000. */
  readonly maxPendingWrites: number;
  /** Retry-After of a 429, seconds. Default 1. */
  readonly retryAfterSec: number;
  /** H3 resolution of the supply/demand heatmap. Default 8. */
  readonly heatmapResolution: number;
  /** Demand and supply count over this many recent seconds (surge follows the last minutes). Default 300. */
  readonly heatmapWindowSec: number;
}

export const DEFAULT_SERVICE_OPTIONS: ServiceOptions = Object.freeze({
  promiseSec: 2_700,
  offerTtlSec: 60,
  declineCoolDownSec: 60,
  maxPendingWrites: 20_000,
  retryAfterSec: 1,
  heatmapResolution: 8,
  heatmapWindowSec: 300,
});
