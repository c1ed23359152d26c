/**
 * Shared helpers of the geo micro benches: benchmark.js runs with a smoke mode, a heap meter, and
 * a uniform result line. Benches use seeded data (mulberry32) so runs are comparable.
 */
import Benchmark from 'benchmark';

export interface BenchOptions {
  /** Tiny sizes and very short runs: checks the bench still works (CI), measures nothing. */
  smoke: boolean;
}

/** What one bench file returns: named figures, printed by run.ts in one summary table. */
export type BenchFigures = Record<string, number | string>;

/**
 * Runs `fn` under benchmark.js and returns its rate in calls per second.
 * In smoke mode the run is cut to a few samples.
 */
export function opsPerSec(name: string, fn: () => void, opts: BenchOptions): number {
  const bench = new Benchmark(name, fn, opts.smoke ? { maxTime: 0.05, minSamples: 2, initCount: 1 } : { maxTime: 2, minSamples: 10 });
  bench.run({ async: false });
  if (bench.error) throw bench.error;
  console.log(`  ${String(bench)}`);
  return bench.hz;
}

/** Forces a full garbage collection when node runs with --expose-gc; a no-op otherwise. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
}

/** Bytes the process holds in JS heap plus array buffers (typed arrays live in the latter). */
export function heldBytes(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/**
 * Builds a structure and returns it with the memory it retains (bytes, after GC), measured as the
 * difference of held bytes around the build. Needs --expose-gc for a meaningful figure.
 */
export function measureRetained<T>(build: () => T): { value: T; bytes: number } {
  collectGarbage();
  const before = heldBytes();
  const value = build();
  collectGarbage();
  const bytes = heldBytes() - before;
  return { value, bytes };
}

/** Median wall time of `fn` in milliseconds over `repeats` runs. */
export function medianMs(fn: () => void, repeats: number): number {
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

export const MB = 1024 * 1024;
