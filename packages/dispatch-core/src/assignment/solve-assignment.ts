/**
 * Minimum-cost assignment on a dense cost matrix: shortest augmenting paths with dual potentials
 * (the Jonker–Volgenant family, in the form Crouse describes in "On implementing 2D rectangular
 * assignment algorithms", IEEE TAES 2016), extended with per-row unassigned costs.
 *
 * Rows are inserted one at a time. Each insertion runs Dijkstra on reduced costs
 * `cost - u[row] - v[col]` (never negative, so Dijkstra is exact) from the new row, through the
 * matched edges, to the nearest free column, moves every row on that path one step along it, and
 * updates the potentials so the reduced costs stay non-negative and the path is tight. After each
 * insertion the assignment of the rows inserted so far is optimal, so the last one is optimal.
 *
 * Unassigned costs are dummy columns, one per row, reachable only from that row, at reduced cost
 * `unassignedCost[r] - u[r]` (a free dummy's potential stays 0). They are implicit: scanning row r
 * offers "end the path here, r leaves" as one more candidate sink. A row that takes its dummy can
 * never be reached again (its dummy is its only way in), so it stays unassigned for good.
 *
 * Must rows (`Infinity`) have a dummy of cost M, more than any finite path: distances are pairs
 * (multiple of M, real part) compared lexicographically, but only the real parts are stored.
 * - A search that reaches a free column or a finite dummy never pays M.
 * - When none is reachable (the live part is exhausted), a must row has to be dropped: the one
 *   whose drop costs least, `distance - u[r]`. Every row such a search scanned is a must row whose
 *   candidate columns were all scanned: after the drop those columns form a closed, saturated
 *   region that can never lead to a finite sink. They turn "dead": their potentials implicitly
 *   carry −M (and their rows' +M), so entering the region costs one M, and inside it the real
 *   parts work as usual. A later search enters the dead region only once its live part is exhausted, and
 *   only as far as it can still offer a cheaper drop; without this, every further drop would
 *   re-explore the whole region.
 *
 * When every row is a must and rows outnumber columns, the objective (most pairs, then least
 * cost) is symmetric and the solver inserts the columns into the rows instead.
 *
 * Time: O(numRows² × numCols) worst case, typically far less (most rows find a free column in the
 * first scan). Memory: O(numRows + numCols) beyond the input (plus a transposed copy when it
 * transposes).
 */
import { type AssignmentResult, type DenseAssignmentProblem } from './assignment-problem.js';
import { validateDenseAssignmentProblem } from './validate-assignment-problem.js';

/**
 * Solves a dense minimum-cost assignment: each row to at most one column, each column to at most
 * one row, `Infinity` forbids a pair, and a row may stay unassigned at `unassignedCost[r]` (or, for
 * a must row, only when no column is left for it). See {@link DenseAssignmentProblem} for the
 * exact objective. Handles any shape (more rows than columns or the reverse). Among equally good
 * assignments, which one is returned is unspecified (but deterministic).
 *
 * @example
 * ```ts
 * const { rowToCol, totalCost } = solveAssignment({
 *   numRows: 2, numCols: 3,
 *   cost: Float64Array.of(4, 1, 3, 2, 1, Infinity),
 * }); // rowToCol = [1, 0], totalCost = 3
 * ```
 * @throws {DispatchInputError} on bad sizes, NaN or out-of-range costs, negative unassigned costs.
 */
export function solveAssignment(problem: DenseAssignmentProblem): AssignmentResult {
  validateDenseAssignmentProblem(problem);
  const { numRows, numCols, cost, unassignedCost } = problem;
  if (numRows > numCols && allMust(unassignedCost)) {
    // Every row a must: the objective (most pairs, then least cost) is symmetric, and inserting
    // the fewer columns avoids a must-row drop for every row left over.
    const transposed = new Float64Array(numRows * numCols);
    for (let r = 0; r < numRows; r++) {
      for (let c = 0, base = r * numCols; c < numCols; c++) transposed[c * numRows + r] = cost[base + c]!;
    }
    const { rowToCol, colToRow } = insertRows(numCols, numRows, transposed, undefined);
    return denseResult(numCols, cost, unassignedCost, colToRow, rowToCol);
  }
  const { rowToCol, colToRow } = insertRows(numRows, numCols, cost, unassignedCost);
  return denseResult(numCols, cost, unassignedCost, rowToCol, colToRow);
}

/** @internal True when no row may be left out at a finite cost. */
export function allMust(unassignedCost: Float64Array | undefined): boolean {
  if (unassignedCost === undefined) return true;
  for (let r = 0; r < unassignedCost.length; r++) if (unassignedCost[r]! !== Infinity) return false;
  return true;
}

/** Inserts every row with a shortest augmenting path (see the module doc). */
function insertRows(
  numRows: number,
  numCols: number,
  cost: Float64Array,
  unassignedCost: Float64Array | undefined,
): { rowToCol: Int32Array; colToRow: Int32Array } {
  const u = new Float64Array(numRows);
  const v = new Float64Array(numCols);
  const rowToCol = new Int32Array(numRows).fill(-1);
  const colToRow = new Int32Array(numCols).fill(-1);
  /** Row before each column on the shortest path tree. */
  const path = new Int32Array(numCols);
  /** Tentative (then final, once scanned) distance of each column. */
  const dist = new Float64Array(numCols);
  /** Columns not scanned yet: `remaining[0 … numRemaining - 1]`. */
  const remaining = new Int32Array(numCols);
  const scannedRows = new Int32Array(numRows);
  const scannedCols = new Int32Array(numCols);
  /** Columns of the saturated must region (see the module doc): 1 = dead. */
  const dead = new Uint8Array(numCols);

  for (let cur = 0; cur < numRows; cur++) {
    dist.fill(Infinity);
    for (let j = 0; j < numCols; j++) remaining[j] = j;
    let numRemaining = numCols;
    let numScannedRows = 0;
    let numScannedCols = 0;
    /** Distance of the row being scanned (= of the column it was reached through). */
    let minVal = 0;
    // Nearest finite sink among the dummies (row sinkRow leaves), or the free column sinkCol.
    let sinkDist = Infinity;
    let sinkRow = -1;
    let sinkCol = -1;
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
          sinkRow = i;
        }
      } else if (h < mustKey) {
        mustKey = h;
        mustRow = i;
      }
      // Nearest live column (ties to a free one) and nearest dead column.
      let lowest = Infinity;
      let index = -1;
      let lowestDead = Infinity;
      let indexDead = -1;
      const base = i * numCols;
      for (let it = 0; it < numRemaining; it++) {
        const j = remaining[it]!;
        const d = h + cost[base + j]! - v[j]!;
        let dj = dist[j]!;
        if (d < dj) {
          path[j] = i;
          dist[j] = dj = d;
        }
        if (dead[j] === 0) {
          if (dj < lowest || (dj === lowest && colToRow[j] === -1)) {
            lowest = dj;
            index = it;
          }
        } else if (dj < lowestDead) {
          lowestDead = dj;
          indexDead = it;
        }
      }
      if (!exhausted) {
        if (sinkDist < lowest || (sinkDist === lowest && sinkDist !== Infinity && colToRow[remaining[index]!] !== -1)) break;
        if (lowest === Infinity) exhausted = true;
      }
      if (exhausted) {
        // No finite sink is reachable: only dropping a must row is left, and the dead region
        // (one M further away) is searched only as far as it can offer a cheaper drop.
        if (lowestDead >= mustKey) {
          sinkDist = mustKey;
          sinkRow = mustRow;
          break;
        }
        index = indexDead;
        lowest = lowestDead;
      }
      const j = remaining[index]!;
      remaining[index] = remaining[--numRemaining]!;
      scannedCols[numScannedCols++] = j;
      minVal = lowest;
      if (colToRow[j] === -1) {
        sinkDist = minVal;
        sinkCol = j;
        break;
      }
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

/**
 * @internal Shifts every row on the path one step: the path ends at free column `sinkCol`, or (when
 * `sinkCol` is -1) with row `sinkRow` leaving its column for its dummy.
 */
export function augment(cur: number, sinkCol: number, sinkRow: number, path: Int32Array, rowToCol: Int32Array, colToRow: Int32Array): void {
  let j = sinkCol;
  if (j < 0) {
    j = rowToCol[sinkRow]!;
    rowToCol[sinkRow] = -1;
    if (sinkRow === cur) return;
  }
  for (;;) {
    const r = path[j]!;
    colToRow[j] = r;
    const prev = rowToCol[r]!;
    rowToCol[r] = j;
    if (r === cur) return;
    j = prev;
  }
}

function denseResult(
  numCols: number,
  cost: Float64Array,
  unassignedCost: Float64Array | undefined,
  rowToCol: Int32Array,
  colToRow: Int32Array,
): AssignmentResult {
  let totalCost = 0;
  let numAssigned = 0;
  for (let r = 0; r < rowToCol.length; r++) {
    const c = rowToCol[r]!;
    if (c >= 0) {
      totalCost += cost[r * numCols + c]!;
      numAssigned++;
    } else if (unassignedCost !== undefined && unassignedCost[r]! !== Infinity) {
      totalCost += unassignedCost[r]!;
    }
  }
  return { rowToCol, colToRow, totalCost, numAssigned };
}
