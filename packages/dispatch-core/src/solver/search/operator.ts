/**
 * The local-search operator contract (our wording of PyVRP's `LocalSearchOperator`).
 *
 * `evaluate(u, v)` looks at the moves the operator defines for stop u and its neighbour stop v and
 * returns the cost delta of the best one it found, remembering it; `apply()` performs that move
 * (touching, editing and committing the routes through the {@link SearchState}). Contract on the
 * returned delta:
 * - negative: the exact delta (a full recomputation of the changed routes gives the same number);
 * - Infinity: no feasible move for this pair (locks, bindings, skills, hard rules);
 * - otherwise non-negative: exact, except that with `prune` on (the default) a move a lower bound
 *   proves non-improving is not fully evaluated and its bound (≥ 0) may be returned instead.
 * With `prune: false` every finite delta is exact (what the operator tests check).
 */
import type { ProblemData } from '../problem-data.js';

/** A move must lower the cost by more than this to count as improving. */
export const IMPROVEMENT_EPS = 1e-9;

/** Counters an operator keeps over its lifetime. */
export interface OperatorStats {
  numEvaluations: number;
  numApplications: number;
}

export interface SearchOperator {
  /** Kebab-case name of the move, as its file. */
  readonly name: string;
  readonly stats: OperatorStats;
  /** False when the problem has nothing this operator could move (e.g. no shipments). */
  supports(data: ProblemData): boolean;
  /** Delta of the best move for stop u and neighbour stop v (see the contract above). */
  evaluate(u: number, v: number): number;
  /** Applies the move found by the last `evaluate` (only valid while its delta is finite). */
  apply(): void;
}

export interface OperatorOptions {
  /** Skip the full evaluation of moves a lower bound proves non-improving. Default true. */
  readonly prune?: boolean;
}

export function newStats(): OperatorStats {
  return { numEvaluations: 0, numApplications: 0 };
}

/** True when request r may be served by vehicle v: skills, and its binding if it has one. */
export function canServe(d: ProblemData, v: number, r: number): boolean {
  const bound = d.boundVehicle[r]!;
  return (bound < 0 || bound === v) && d.vehicleHasSkills(v, r);
}
