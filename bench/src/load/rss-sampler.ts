/** Samples the resident memory of another process (with its child processes) once per interval (default every second). */
import type { ProcessMemory } from './process-memory.js';
import { readProcessTreeMemory } from './process-tree.js';

export interface RssSample {
  /** Seconds since {@link RssSampler.start}. */
  readonly atSec: number;
  readonly rssKb: number;
}

export class RssSampler {
  readonly #pid: number;
  readonly #intervalMs: number;
  readonly #samples: RssSample[] = [];
  #startMs = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(pid: number, intervalMs = 1000) {
    this.#pid = pid;
    this.#intervalMs = intervalMs;
  }

  /** Takes a first sample now, then one per interval until {@link stop}. */
  start(): void {
    this.#startMs = performance.now();
    this.#sample();
    this.#timer = setInterval(() => this.#sample(), this.#intervalMs);
  }

  /** Takes a last sample and stops; returns the process's memory at that moment (undefined if unreadable). */
  stop(): ProcessMemory | undefined {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    return this.#sample();
  }

  get samples(): readonly RssSample[] {
    return this.#samples;
  }

  /** Largest sampled RSS in KiB, or undefined without samples. */
  get peakKb(): number | undefined {
    return this.#samples.length === 0 ? undefined : Math.max(...this.#samples.map((s) => s.rssKb));
  }

  /**
   * Median RSS in KiB of the samples taken in `[fromSec, toSec)`, or undefined when none was: the
   * level of a sawtooth (the V8 heap grows and is collected), which one sample cannot tell.
   */
  medianKbBetween(fromSec: number, toSec: number): number | undefined {
    const values = this.#samples.filter((s) => s.atSec >= fromSec && s.atSec < toSec).map((s) => s.rssKb).sort((a, b) => a - b);
    if (values.length === 0) return undefined;
    const mid = values.length >> 1;
    return values.length % 2 === 1 ? values[mid] : Math.round(((values[mid - 1] as number) + (values[mid] as number)) / 2);
  }

  /** Seconds since {@link RssSampler.start} of the last sample (0 without samples). */
  get lastAtSec(): number {
    return this.#samples.at(-1)?.atSec ?? 0;
  }

  /** The first sample taken at or after `atSec` (the last one when none), or undefined without samples. */
  sampleAt(atSec: number): RssSample | undefined {
    return this.#samples.find((s) => s.atSec >= atSec) ?? this.#samples.at(-1);
  }

  #sample(): ProcessMemory | undefined {
    const memory = readProcessTreeMemory(this.#pid);
    if (memory !== undefined) this.#samples.push({ atSec: (performance.now() - this.#startMs) / 1000, rssKb: memory.rssKb });
    return memory;
  }
}
