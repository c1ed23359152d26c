import type { SolutionOutput } from './solution-output.js';

/** One point of the time-to-quality curve: a new best solution. */
export interface ImprovementEvent {
  /** Milliseconds since the solve started. */
  readonly timeMs: number;
  readonly iteration: number;
  /** Objective of the best solution (unassigned penalties included). */
  readonly cost: number;
  readonly numVehicles: number;
  readonly numUnassigned: number;
}

/** How long to search, and how. Every limit is optional; the search stops at the first one reached. */
export interface SolveOptions {
  /** Wall-clock limit, milliseconds. Default 1,000 (when no other limit is given). */
  readonly timeLimitMs?: number;
  /** Ruin-and-recreate iterations. */
  readonly maxIterations?: number;
  /** Stop as soon as a solution costs no more than this. */
  readonly targetCost?: number;
  /** Stop when aborted; the best solution so far is returned. */
  readonly signal?: AbortSignal;
  /** PRNG seed: same seed, same input, same iteration limit → same solution. Default 1. */
  readonly seed?: number;
  /**
   * Hierarchical objective: first use as few vehicles as possible, then minimise cost. Runs the
   * fleet-minimisation phase. Default false.
   */
  readonly minimiseVehicles?: boolean;
  /** Called on every new best solution. */
  readonly onImprovement?: (event: ImprovementEvent) => void;
}

/** Why the search stopped. */
export type StopReason = 'time_limit' | 'max_iterations' | 'target_cost' | 'aborted';

export interface SolveResult {
  readonly solution: SolutionOutput;
  readonly iterations: number;
  readonly timeMs: number;
  readonly stoppedBy: StopReason;
  /** Every improvement of the best solution, in order (the time-to-quality curve). */
  readonly history: readonly ImprovementEvent[];
}
