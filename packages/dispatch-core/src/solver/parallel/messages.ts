/** Typed messages between the main thread and solver workers. */
import type { SearchParams } from '../ruin-recreate-search.js';

/** One search to run in a worker. */
export interface SolveTask {
  /** The packed problem (ProblemData buffer), shared by every worker with zero copies. */
  readonly problem: SharedArrayBuffer;
  /** Int32[0] becomes 1 when the main thread wants every worker to stop and report its best. */
  readonly stopFlag: SharedArrayBuffer;
  readonly seed: number;
  readonly timeLimitMs?: number;
  /**
   * Wall-clock deadline (Date.now() milliseconds) set by the main thread, so the time a worker
   * takes to start counts against the limit.
   */
  readonly deadlineEpochMs?: number;
  readonly maxIterations?: number;
  readonly targetCost?: number;
  readonly minimiseVehicles?: boolean;
  readonly params: SearchParams;
}

/** What a worker sends back: its best solution (stop sequences) and statistics. */
export interface SolveTaskResult {
  readonly routes: Int32Array[];
  readonly unassigned: number[];
  readonly cost: number;
  readonly iterations: number;
  readonly timeMs: number;
  readonly stoppedBy: 'time_limit' | 'max_iterations' | 'target_cost' | 'aborted';
  readonly history: Array<{ timeMs: number; iteration: number; cost: number; numVehicles: number; numUnassigned: number }>;
}
