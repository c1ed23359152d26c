/**
 * Minimum-cost assignment on candidate lists (CSR): the same shortest-augmenting-path method as
 * {@link solveAssignment} (see its module doc for the unassigned-cost dummies and must rows), with
 * the per-insertion Dijkstra run on the listed entries only: one binary heap over the matched
 * live columns, one over the dead ones (searched only once the live part is exhausted), and free
 * columns kept out of the heaps (only the nearest one matters: it ends the search).
 *
 * Each insertion touches only the rows and columns its search reaches, and resets only those
 * (stamps instead of clearing arrays), so the time is driven by the number of entries explored:
 * O(entries explored × log columns) per insertion, typically a few rows per insertion when
 * candidates overlap moderately. Memory: O(numRows + numCols) beyond the input.
 */
import { type AssignmentResult, type SparseAssignmentProblem } from './assignment-problem.js';
import { IndexedMinHeap } from './indexed-min-heap.js';
import { allMust, augment, type solveAssignment } from './solve-assignment.js';
import { validateSparseAssignmentProblem } from './validate-assignment-problem.js';

/**
 * Solves a sparse minimum-cost assignment: row `r` may only take the columns listed for it. Same
 * semantics and result as {@link solveAssignment} on the dense matrix with every unlisted pair
 * forbidden; see {@link SparseAssignmentProblem} for the layout.
 *
 * @example
 * ```ts
 * // row 0: columns 1 (cost 1) and 2 (cost 3); row 1: column 1 (cost 1) only
 * const { rowToCol, totalCost } = solveSparseAssignment({
 *   numRows: 2, numCols: 3,
 *   rowStart: Int32Array.of(0, 2, 3), col: Int32Array.of(1, 2, 1), cost: Float64Array.of(1, 3, 1),
 * }); // rowToCol = [2, 1], totalCost = 4
 * ```
 * @throws {DispatchInputError} on bad sizes or CSR structure (row starts, column range, a column
 * repeated in a row), NaN or out-of-range costs, negative unassigned costs.
 */
export function solveSparseAssignment(problem: SparseAssignmentProblem): AssignmentResult {
  validateSparseAssignmentProblem(problem);
  const { numRows, numCols, rowStart, col, cost, unassignedCost } = problem;
  if (numRows > numCols && allMust(unassignedCost)) {
    // As in the dense solver: insert the fewer columns into the rows (the objective is symmetric).
    const t = transpose(numRows, numCols, rowStart, col, cost);
    const { rowToCol, colToRow } = insertRows(numCols, numRows, t.rowStart, t.col, t.cost, undefined);
    return sparseResult(problem, colToRow, rowToCol);
  }
  const { rowToCol, colToRow } = insertRows(numRows, numCols, rowStart, col, cost, unassignedCost);
  return sparseResult(problem, rowToCol, colToRow);
}

/** Inserts every row with a shortest augmenting path over the listed entries. */
function insertRows(
  numRows: number,
  numCols: number,
  rowStart: Int32Array,
  col: Int32Array,
  cost: Float64Array,
  unassignedCost: Float64Array | undefined,
): { rowToCol: Int32Array; colToRow: Int32Array } {
  const u = new Float64Array(numRows);
  const v = new Float64Array(numCols);
  const rowToCol = new Int32Array(numRows).fill(-1);
  const colToRow = new Int32Array(numCols).fill(-1);
  const path = new Int32Array(numCols);
  /** Distance of each matched column labelled in the current insertion (`labelled[j] === stamp`). */
  const dist = new Float64Array(numCols);
  const labelled = new Int32Array(numCols);
  const scanned = new Int32Array(numCols);
  /** Columns of the saturated must region (see the solveAssignment module doc): 1 = dead. */
  const dead = new Uint8Array(numCols);
  const liveHeap = new IndexedMinHeap(dist);
  const deadHeap = new IndexedMinHeap(dist);
  const scannedRows = new Int32Array(numRows);
  const scannedCols = new Int32Array(numCols);

  for (let cur = 0; cur < numRows; cur++) {
    const stamp = cur + 1;
    liveHeap.clear();
    deadHeap.clear();
    let numScannedRows = 0;
    let numScannedCols = 0;
    let minVal = 0;
    // Nearest finite sink so far: a free column (sinkCol ≥ 0) or a finite dummy (row sinkRow leaves).
    let sinkDist = Infinity;
    let sinkCol = -1;
    let sinkRow = -1;
    // Cheapest must row to drop, and whether the live part is exhausted (searching the dead region).
    let mustKey = Infinity;
    let mustRow = -1;
    let exhausted = false;
    let i = cur;
    for (;;) {
      scannedRows[numScannedRows++] = i;
      const h = minVal - u[i]!;
      const leave = unassignedCost === undefined ? Infinity : unassignedCost[i]!;
      if (leave !== Infinity) {
        if (h + leave < sinkDist) {
          sinkDist = h + leave;
          sinkCol = -1;
          sinkRow = i;
        }
      } else if (h < mustKey) {
        mustKey = h;
        mustRow = i;
      }
      for (let k = rowStart[i]!, end = rowStart[i + 1]!; k < end; k++) {
        const j = col[k]!;
        if (scanned[j] === stamp) continue;
        const d = h + cost[k]! - v[j]!;
        if (colToRow[j] === -1) {
          // Ties go to a free column over a dummy (prefer assigning).
          if (d < sinkDist || (d === sinkDist && sinkCol < 0 && d !== Infinity)) {
            sinkDist = d;
            sinkCol = j;
            path[j] = i;
          }
        } else if (labelled[j] !== stamp) {
          if (d !== Infinity) {
            labelled[j] = stamp;
            dist[j] = d;
            path[j] = i;
            if (dead[j] === 0) liveHeap.push(j);
            else deadHeap.push(j);
          }
        } else if (d < dist[j]!) {
          dist[j] = d;
          path[j] = i;
          if (dead[j] === 0) liveHeap.decreased(j);
          else deadHeap.decreased(j);
        }
      }
      let j = -1;
      if (!exhausted) {
        const top = liveHeap.minKey();
        if (sinkDist <= top && sinkDist !== Infinity) break;
        if (top !== Infinity) {
          j = liveHeap.pop();
          minVal = top;
        } else exhausted = true;
      }
      if (exhausted) {
        // No finite sink is reachable: only dropping a must row is left, and the dead region
        // (one M further away) is searched only as far as it can offer a cheaper drop.
        const top = deadHeap.minKey();
        if (top >= mustKey) {
          sinkDist = mustKey;
          sinkCol = -1;
          sinkRow = mustRow;
          break;
        }
        j = deadHeap.pop();
        minVal = top;
      }
      scanned[j] = stamp;
      scannedCols[numScannedCols++] = j;
      i = colToRow[j]!;
    }

    // Potentials: every scanned node moves by (sink distance - its distance); the new row's
    // distance is 0. After a must drop, the M parts are implicit: the scanned columns turn dead.
    const delta = sinkDist;
    u[cur] = u[cur]! + delta;
    for (let k = 1; k < numScannedRows; k++) {
      const r = scannedRows[k]!;
      u[r] = u[r]! + delta - dist[rowToCol[r]!]!;
    }
    for (let k = 0; k < numScannedCols; k++) {
      const j = scannedCols[k]!;
      v[j] = v[j]! - (delta - dist[j]!);
      if (exhausted) dead[j] = 1;
    }
    augment(cur, sinkCol, sinkRow, path, rowToCol, colToRow);
  }
  return { rowToCol, colToRow };
}

/** CSR of the transposed matrix (entries of each new row in original row order). */
function transpose(
  numRows: number,
  numCols: number,
  rowStart: Int32Array,
  col: Int32Array,
  cost: Float64Array,
): { rowStart: Int32Array; col: Int32Array; cost: Float64Array } {
  const tStart = new Int32Array(numCols + 1);
  for (let k = 0; k < col.length; k++) {
    const at = col[k]! + 1;
    tStart[at] = tStart[at]! + 1;
  }
  for (let j = 0; j < numCols; j++) tStart[j + 1] = tStart[j + 1]! + tStart[j]!;
  const next = tStart.slice(0, numCols);
  const tCol = new Int32Array(col.length);
  const tCost = new Float64Array(col.length);
  for (let r = 0; r < numRows; r++) {
    for (let k = rowStart[r]!, end = rowStart[r + 1]!; k < end; k++) {
      const j = col[k]!;
      const at = next[j]!;
      next[j] = at + 1;
      tCol[at] = r;
      tCost[at] = cost[k]!;
    }
  }
  return { rowStart: tStart, col: tCol, cost: tCost };
}

function sparseResult(problem: SparseAssignmentProblem, rowToCol: Int32Array, colToRow: Int32Array): AssignmentResult {
  const { rowStart, col, cost, unassignedCost } = problem;
  let totalCost = 0;
  let numAssigned = 0;
  for (let r = 0; r < rowToCol.length; r++) {
    const c = rowToCol[r]!;
    if (c >= 0) {
      let k = rowStart[r]!;
      while (col[k] !== c) k++;
      totalCost += cost[k]!;
      numAssigned++;
    } else if (unassignedCost !== undefined && unassignedCost[r]! !== Infinity) {
      totalCost += unassignedCost[r]!;
    }
  }
  return { rowToCol, colToRow, totalCost, numAssigned };
}
