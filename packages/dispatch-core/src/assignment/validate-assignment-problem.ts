/**
 * @internal Input checks of the assignment solvers: every broken rule is collected into one
 * {@link DispatchInputError} naming the field (`cost[7]`, `rowStart[3]`, …), the rule and the value.
 * One pass over the entries, no allocation beyond one stamp array for the sparse duplicate check.
 */
import type { DispatchInputError } from '../errors.js';
import { IssueCollector } from '../model/issue-collector.js';
import { MAX_ASSIGNMENT_COST, type DenseAssignmentProblem, type SparseAssignmentProblem } from './assignment-problem.js';

const COST_RULE = `must be a number in [-${MAX_ASSIGNMENT_COST}, ${MAX_ASSIGNMENT_COST}] or Infinity (forbidden pair)`;
const UNASSIGNED_RULE = `must be a number in [0, ${MAX_ASSIGNMENT_COST}] or Infinity (row must be assigned)`;

/** @internal Checks a dense problem. @throws {DispatchInputError} listing every broken rule. */
export function validateDenseAssignmentProblem(problem: DenseAssignmentProblem): void {
  const c = new IssueCollector();
  const sizesOk = checkSizes(c, problem);
  const { numRows, numCols, cost } = problem;
  if (checkTypedArray(c, 'cost', cost, Float64Array) && sizesOk) {
    const expected = numRows * numCols;
    if (cost.length !== expected) c.invalid('cost.length', `must equal numRows × numCols (${expected})`, cost.length);
    else {
      for (let k = 0; k < expected && !c.truncated; k++) {
        const x = cost[k]!;
        if (!isCost(x)) c.invalid(`cost[${k}]`, `(row ${Math.floor(k / numCols)}, column ${k % numCols}) ${COST_RULE}`, x);
      }
    }
  }
  checkUnassignedCost(c, problem.unassignedCost, sizesOk ? numRows : -1);
  c.throwIfAny();
}

/** @internal Checks a sparse (CSR) problem. @throws {DispatchInputError} listing every broken rule. */
export function validateSparseAssignmentProblem(problem: SparseAssignmentProblem): void {
  const c = new IssueCollector();
  const sizesOk = checkSizes(c, problem);
  const { numRows, rowStart, col, cost } = problem;
  const rowStartOk = checkTypedArray(c, 'rowStart', rowStart, Int32Array);
  const colOk = checkTypedArray(c, 'col', col, Int32Array);
  const costOk = checkTypedArray(c, 'cost', cost, Float64Array);
  if (costOk && colOk && cost.length !== col.length) c.invalid('cost.length', `must equal col.length (${col.length})`, cost.length);
  if (rowStartOk && sizesOk && colOk && costOk && c.issues.length === 0) checkEntries(c, problem);
  checkUnassignedCost(c, problem.unassignedCost, sizesOk ? numRows : -1);
  c.throwIfAny();
}

/** The CSR structure (monotone `rowStart`, columns in range and unique per row) and the costs. */
function checkEntries(c: IssueCollector, { numRows, numCols, rowStart, col, cost }: SparseAssignmentProblem): void {
  if (rowStart.length !== numRows + 1) {
    c.invalid('rowStart.length', `must equal numRows + 1 (${numRows + 1})`, rowStart.length);
    return;
  }
  if (rowStart[0] !== 0) c.invalid('rowStart[0]', 'must be 0', rowStart[0]);
  for (let r = 0; r < numRows; r++) {
    const next = rowStart[r + 1]!;
    if (next < rowStart[r]!) c.invalid(`rowStart[${r + 1}]`, `must be ≥ rowStart[${r}] (${rowStart[r]!})`, next);
  }
  if (rowStart[numRows] !== col.length) c.invalid(`rowStart[${numRows}]`, `must equal col.length (${col.length})`, rowStart[numRows]);
  if (c.issues.length > 0) return;
  // seenAt[j] = 1 + entry of column j in the row being checked (rows visit disjoint entry ranges).
  const seenAt = new Int32Array(numCols);
  for (let r = 0; r < numRows && !c.truncated; r++) {
    const start = rowStart[r]!;
    for (let k = start, end = rowStart[r + 1]!; k < end; k++) {
      const j = col[k]!;
      if (j < 0 || j >= numCols) {
        c.invalid(`col[${k}]`, `(row ${r}) must be a column index in [0, numCols) = [0, ${numCols})`, j);
        continue;
      }
      const prev = seenAt[j]! - 1;
      if (prev >= start) c.invalid(`col[${k}]`, `(row ${r}) must not repeat a column of its row (also at col[${prev}])`, j);
      seenAt[j] = k + 1;
      const x = cost[k]!;
      if (!isCost(x)) c.invalid(`cost[${k}]`, `(row ${r}, column ${j}) ${COST_RULE}`, x);
    }
  }
}

/** `numRows` and `numCols` are non-negative integers that typed arrays can index. */
function checkSizes(c: IssueCollector, problem: { readonly numRows: unknown; readonly numCols: unknown }): boolean {
  const rowsOk = checkCount(c, 'numRows', problem.numRows);
  const colsOk = checkCount(c, 'numCols', problem.numCols);
  return rowsOk && colsOk;
}

function checkCount(c: IssueCollector, field: string, value: unknown): value is number {
  if (!c.checkNonNegativeInteger(field, value)) return false;
  if (value <= 0x7fffffff) return true;
  c.invalid(field, 'must be at most 2^31 - 1', value);
  return false;
}

function checkTypedArray<T>(c: IssueCollector, field: string, value: unknown, type: abstract new (...args: never[]) => T): value is T {
  if (value instanceof type) return true;
  c.invalid(field, `must be ${/^[AEIOU]/.test(type.name) ? 'an' : 'a'} ${type.name}`, value);
  return false;
}

/** `unassignedCost`, when given: length `numRows` (skipped when `numRows` < 0, i.e. invalid), values ≥ 0. */
function checkUnassignedCost(c: IssueCollector, unassignedCost: unknown, numRows: number): void {
  if (unassignedCost === undefined || !checkTypedArray(c, 'unassignedCost', unassignedCost, Float64Array) || numRows < 0) return;
  if (unassignedCost.length !== numRows) {
    c.invalid('unassignedCost.length', `must equal numRows (${numRows})`, unassignedCost.length);
    return;
  }
  for (let r = 0; r < numRows && !c.truncated; r++) {
    const x = unassignedCost[r]!;
    if (!(x === Infinity || (x >= 0 && x <= MAX_ASSIGNMENT_COST))) c.invalid(`unassignedCost[${r}]`, UNASSIGNED_RULE, x);
  }
}

/** A finite cost within ±{@link MAX_ASSIGNMENT_COST}, or `Infinity` (false for NaN and -Infinity). */
function isCost(x: number): boolean {
  return x === Infinity || (x >= -MAX_ASSIGNMENT_COST && x <= MAX_ASSIGNMENT_COST);
}
