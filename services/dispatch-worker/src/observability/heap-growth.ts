/**
 * How far V8 lets the main heap grow past its live objects before the next full GC. Left to its
 * own heuristics on a machine with gigabytes of memory, V8 allows up to 4× the live set and
 * settles on its size over minutes: under the load bench (3,000 creations/s, ~30 MB live) RSS
 * crept 214 → 244 MB over four minutes (+12.4 % after the first), and with a growing factor of
 * 1.5 stayed at 174 → 182 MB (+4.1 %) with the same p99 and service CPU (78 vs 82 %), one pair
 * of 240 s runs. V8 reads the flag at every full GC, so setting it at start-up takes effect
 * without a command-line flag; it also applies to the process's worker threads.
 *
 * The default is 35 (was 50): V8 sets the next full GC at max(live × factor, live + 8 MB), so
 * for the service's ~22 MB live set any factor up to ~1.36 gives live + 8 MB, and the limit moves
 * 1 MB (not 1.5) per MB the live set gains as code warms up and the event ring fills. 10-minute
 * soaks at 5,000 creations/s: RSS +8.0 % and +8.9 % after the first minute with 35 (median of
 * seconds 60–90 against the last 30 s; main old space 34 → 41 MB reserved) against +10.0 % and
 * +10.3 % with 50 (38 → 46.5 MB); 56 full GCs per 50 s instead of 40–42, 0.1–0.3 % more of the
 * event loop in GC pauses (service README, "Where the last 10 % went").
 */
import { setFlagsFromString } from 'node:v8';

/** Default of the service's `--heap-growing-percent`. */
export const DEFAULT_HEAP_GROWING_PERCENT = 35;
/** Largest `--heap-growing-percent` accepted (by the config parser and {@link applyHeapGrowingPercent}). */
export const MAX_HEAP_GROWING_PERCENT = 300;

/**
 * Sets V8's heap growing factor to `1 + percent / 100` (`--heap-growing-percent`); 0 leaves
 * V8's own heuristics. Call it once at start-up.
 */
export function applyHeapGrowingPercent(percent: number): void {
  if (!Number.isInteger(percent) || percent < 0 || percent > MAX_HEAP_GROWING_PERCENT) {
    throw new RangeError(`heap growing percent must be an integer in [0, ${MAX_HEAP_GROWING_PERCENT}], got ${percent}`);
  }
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${percent}`);
}
