/** What one solved instance reports: the solve command's JSON object and a row of a vrp run. */
import type { BenchObjective } from '../args/solve-args.js';
import type { InstanceFormat, NodeRoute } from '../instances/vrp-instance.js';

/** Our result against one BKS table entry. */
export interface BksComparison {
  /** BKS vehicle count. */
  readonly vehicles: number;
  /** BKS distance. */
  readonly distance: number;
  /** Our vehicles − BKS vehicles. */
  readonly vehicleDiff: number;
  /** 100 · (our distance − BKS distance) / BKS distance. */
  readonly gapPct: number;
}

/** One point of the time-to-quality curve (a new best solution). */
export interface CurvePoint {
  readonly timeMs: number;
  readonly iteration: number;
  readonly vehicles: number;
  readonly unassigned: number;
  /** The solver's objective (scaled units, fixed costs included). */
  readonly cost: number;
  /**
   * Distance implied by the objective: (cost − vehicles · fixed cost) / factor. Approximate (the
   * solver sees floored travel times, so it may be low by < legs/factor); null while customers
   * are unassigned (the cost then holds penalties).
   */
  readonly distance: number | null;
}

export interface InstanceResult {
  readonly instance: string;
  readonly objective: BenchObjective;
  /** Non-empty routes. */
  readonly vehicles: number;
  /** Total distance recomputed from the coordinates in doubles by walking `routes`. */
  readonly distance: number;
  /** The solver's own `SolveResult.timeMs`. */
  readonly timeMs: number;
  /** No violation from either checker, nothing unassigned, and the solver agrees. */
  readonly feasible: boolean;
  /** Benchmark class (`C1`, `LRC2`, …), null for other names. */
  readonly class: string | null;
  readonly format: InstanceFormat;
  /** Violations found by the bench's double-precision checker on the instance's own numbers. */
  readonly violations: readonly string[];
  /** Violations found by the solver's `verifySolution` on the scaled problem. */
  readonly solverViolations: readonly string[];
  readonly solverIsFeasible: boolean;
  /** Ids of jobs / shipments the solver left out. */
  readonly unassigned: readonly string[];
  readonly iterations: number;
  readonly stoppedBy: string;
  readonly seed: number;
  readonly timeLimitMs: number;
  readonly maxIterations?: number;
  readonly threads: number;
  /** Scaling, solve and checks, milliseconds. */
  readonly wallMs: number;
  readonly scaleFactor: number;
  /** The solver's objective value, scaled units. */
  readonly scaledCost: number;
  /** Against the folder's `bks.csv` (hierarchical objective). */
  readonly bks?: BksComparison;
  /** Against `bks_distance_objective.csv` (distance only; Solomon). */
  readonly bksDistanceObjective?: BksComparison;
  /** Time-to-quality curve, when asked for. */
  readonly curve?: readonly CurvePoint[];
  /** Customer ids in visit order per used vehicle, depot left out (as in the instance file). */
  readonly routes: readonly NodeRoute[];
}
