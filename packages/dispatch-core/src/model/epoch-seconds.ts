/**
 * Time in the domain model: **integer Unix epoch seconds** (seconds since 1970-01-01T00:00:00Z,
 * UTC, no leap seconds), e.g. `1700000000`. No `Date` objects and no milliseconds: a service turns
 * `Date.now()` into `Math.floor(Date.now() / 1000)` at its boundary. The route solver (a later
 * issue) converts these to integer offsets from the planning horizon's start.
 */

/** Integer Unix epoch seconds (see the module doc). */
export type EpochSeconds = number;

/** A duration in integer seconds. */
export type DurationSec = number;

/**
 * Largest accepted timestamp: 2100-01-01T00:00:00Z. The bound catches milliseconds passed by
 * mistake (`Date.now()` is about 1000× larger).
 */
export const MAX_EPOCH_SECONDS: EpochSeconds = 4_102_444_800;

/** True when `value` is an integer in [0, {@link MAX_EPOCH_SECONDS}]. */
export function isEpochSeconds(value: unknown): value is EpochSeconds {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_EPOCH_SECONDS;
}

/** Converts a `Date` (or epoch milliseconds) to {@link EpochSeconds}, rounding down. */
export function toEpochSeconds(date: Date | number): EpochSeconds {
  const ms = typeof date === 'number' ? date : date.getTime();
  return Math.floor(ms / 1000);
}
