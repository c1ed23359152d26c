/** Per-cell exponential smoothing of the surge multiplier over time, so quotes do not jump. */
import { DispatchInputError } from '../errors.js';
import type { EpochSeconds } from '../model/epoch-seconds.js';

/** The smoothed multiplier of one cell and when it was last updated. */
export interface SurgeState {
  readonly multiplier: number;
  readonly atSec: EpochSeconds;
}

/** Default bound on the cells a {@link SurgeSmoother} remembers. */
export const DEFAULT_SURGE_SMOOTHER_MAX_CELLS = 100_000;

/**
 * Smoothed surge multiplier per cell (H3 index or any key), an exponential moving average in
 * continuous time with a half-life: after `dt` seconds the previous value keeps weight
 * `w = 2^(−dt / halfLifeSec)` and the new target gets `1 − w`:
 *
 *   smoothed(t) = target + (smoothed(t_prev) − target) · 2^(−(t − t_prev) / halfLifeSec)
 *
 * - A cell seen for the first time (or forgotten) starts at its target: a cell unseen for long
 *   would have converged to it anyway.
 * - A quote at or before the cell's last update (same second, or out of order) gets the stored
 *   value unchanged, so simultaneous quotes agree.
 * - `halfLifeSec = 0` turns smoothing off (the target is returned and stored).
 * - The value stays between the previous value and the target, so it keeps the curve's bounds.
 *
 * Memory is bounded: past `maxCells` cells the least recently updated one is forgotten.
 * One instance per process/city, shared across quotes; it is not safe to share across threads.
 */
export class SurgeSmoother {
  /** Most cells remembered. */
  readonly maxCells: number;
  private readonly byCell = new Map<string, SurgeState>();

  /** @throws {@link DispatchInputError} when `maxCells` is not a positive integer. */
  constructor(maxCells = DEFAULT_SURGE_SMOOTHER_MAX_CELLS) {
    if (!Number.isSafeInteger(maxCells) || maxCells < 1) {
      throw new DispatchInputError('INVALID_INPUT', 'maxCells', 'must be a positive integer', maxCells);
    }
    this.maxCells = maxCells;
  }

  /** Cells remembered. */
  get size(): number {
    return this.byCell.size;
  }

  /** The stored state of `cell`, if any. */
  peek(cell: string): SurgeState | undefined {
    return this.byCell.get(cell);
  }

  /**
   * Moves the cell's multiplier towards `targetMultiplier` as of `atSec` (see the class doc) and
   * returns the smoothed value. Inputs are trusted (validated by the caller, `quoteDeliveryFee`).
   */
  smooth(cell: string, targetMultiplier: number, atSec: EpochSeconds, halfLifeSec: number): number {
    const prev = this.byCell.get(cell);
    let multiplier = targetMultiplier;
    if (prev !== undefined && halfLifeSec > 0) {
      const dtSec = atSec - prev.atSec;
      if (dtSec <= 0) return prev.multiplier;
      multiplier = targetMultiplier + (prev.multiplier - targetMultiplier) * 2 ** (-dtSec / halfLifeSec);
    }
    this.byCell.delete(cell); // re-insert: the Map's order is least recently updated first
    this.byCell.set(cell, { multiplier, atSec: Math.max(atSec, prev?.atSec ?? atSec) });
    if (this.byCell.size > this.maxCells) {
      const oldest = this.byCell.keys().next();
      if (oldest.done !== true) this.byCell.delete(oldest.value);
    }
    return multiplier;
  }

  /** Forgets every cell. */
  clear(): void {
    this.byCell.clear();
  }
}
