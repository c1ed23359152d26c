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
  /**
   * The heatmap counts events in buckets of this many seconds (an event leaves the window up to
   * this much early), so its memory is bounded by buckets × cells whatever the order rate; with
   * exact times it held one 16-byte entry per order in the window (24 MB at 5,000 orders/s over
   * 5 minutes, growing through a soak's first minutes). 0 keeps exact times. Default 5.
   */
  readonly heatmapBucketSec: number;
  /**
   * How long an idempotency key replays its first answer, seconds (a request repeated later is a
   * new one). Default 86,400 (24 h); the service prunes older keys every minute.
   */
  readonly idempotencyRetentionSec: number;
}

export const DEFAULT_SERVICE_OPTIONS: ServiceOptions = Object.freeze({
  promiseSec: 2_700,
  offerTtlSec: 60,
  declineCoolDownSec: 60,
  maxPendingWrites: 20_000,
  retryAfterSec: 1,
  heatmapResolution: 8,
  heatmapWindowSec: 300,
  heatmapBucketSec: 5,
  idempotencyRetentionSec: 86_400,
});

/** How often the service prunes idempotency keys past their retention. */
export const KEY_PRUNE_EVERY_MS = 60_000;
