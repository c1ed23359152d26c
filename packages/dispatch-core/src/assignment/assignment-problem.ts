/**
 * Inputs and output of the minimum-cost assignment solvers ({@link solveAssignment} for a dense
 * matrix, {@link solveSparseAssignment} for candidate lists): rows are the things to place (e.g.
 * bundles of an epoch), columns the places (e.g. riders).
 *
 * Semantics, shared by both solvers. Each row goes to at most one column and each column takes at
 * most one row; columns may stay unused at no cost. A row may stay unassigned:
 * - at `unassignedCost[r]` when that is finite: the solver then weighs it against every
 *   assignment (a row is left out exactly when that makes the total cheaper);
 * - when `unassignedCost[r]` is `Infinity` (or no `unassignedCost` is given) the row is a must: as
 *   many must rows as possible are assigned, and only then is the cost minimised. Must rows left
 *   unassigned (no column could take them) add nothing to `totalCost`.
 *
 * So the objective is lexicographic: first the fewest must rows unassigned, then the least
 * `totalCost` = Σ cost of the assigned pairs + Σ finite `unassignedCost` of the rows left out.
 */
import type { solveAssignment } from './solve-assignment.js';
import type { solveSparseAssignment } from './solve-sparse-assignment.js';

/**
 * A dense `numRows × numCols` cost matrix. `cost[r * numCols + c]` is the cost of giving row `r` to
 * column `c`; `Infinity` forbids the pair. Finite costs may be negative; their magnitude is at most
 * {@link MAX_ASSIGNMENT_COST}.
 */
export interface DenseAssignmentProblem {
  readonly numRows: number;
  readonly numCols: number;
  /** Row-major, length `numRows × numCols`. */
  readonly cost: Float64Array;
  /**
   * Per row (length `numRows`): the cost of leaving the row unassigned, ≥ 0, or `Infinity` for a
   * row that must be assigned if at all possible. Default: every row is a must.
   */
  readonly unassignedCost?: Float64Array;
}

/**
 * A sparse cost matrix in CSR form: the candidate columns of row `r` are
 * `col[rowStart[r] … rowStart[r + 1] - 1]` (each at most once per row, in any order), at the matching
 * `cost[k]`. Pairs not listed are forbidden; an `Infinity` cost forbids a listed pair too.
 */
export interface SparseAssignmentProblem {
  readonly numRows: number;
  readonly numCols: number;
  /** Length `numRows + 1`, `rowStart[0] = 0`, non-decreasing, `rowStart[numRows] = col.length`. */
  readonly rowStart: Int32Array;
  /** Candidate column of each entry, in `[0, numCols)`. */
  readonly col: Int32Array;
  /** Cost of each entry (same length as `col`). */
  readonly cost: Float64Array;
  /** As in {@link DenseAssignmentProblem.unassignedCost}. */
  readonly unassignedCost?: Float64Array;
}

/** An optimal assignment. */
export interface AssignmentResult {
  /** Column of each row, or -1 when the row is unassigned. */
  readonly rowToCol: Int32Array;
  /** Row of each column, or -1 when the column is unused. */
  readonly colToRow: Int32Array;
  /** Σ cost of the assigned pairs + Σ finite `unassignedCost` of the unassigned rows. */
  readonly totalCost: number;
  /** Rows assigned to a column. */
  readonly numAssigned: number;
}

/**
 * Largest magnitude of a finite cost or unassigned cost. Far below `Number.MAX_VALUE`, so no sum of
 * costs and dual potentials the solvers form can overflow to `Infinity` (which means "forbidden").
 */
export const MAX_ASSIGNMENT_COST = 1e100;
