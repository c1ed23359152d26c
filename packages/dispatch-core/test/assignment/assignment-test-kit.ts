/**
 * Shared helpers of the assignment tests: random dense and sparse problems, a brute force that
 * enumerates every assignment, an independent optimality certificate (no negative cycle in the
 * residual graph, by Bellman–Ford) and the invariants every result must keep.
 */
import assert from 'node:assert/strict';
import type { AssignmentResult, DenseAssignmentProblem, SparseAssignmentProblem } from '@o2o/dispatch-core';
import { randomInt, type Rng } from '@o2o/geo';

/** Relative tolerance on total costs (float sums in different orders). */
export const REL_TOLERANCE = 1e-9;

export function assertCostClose(actual: number, expected: number, message?: string): void {
  const tolerance = REL_TOLERANCE * Math.max(1, Math.abs(expected));
  assert.ok(Math.abs(actual - expected) <= tolerance, `${message ?? 'totalCost'}: got ${actual}, expected ${expected}`);
}

/** Options of {@link randomDense}. */
export interface RandomDenseOptions {
  readonly numRows: number;
  readonly numCols: number;
  /** Probability that a pair is forbidden. */
  readonly forbidden: number;
  /** Integer costs in [0, 9] (many ties) instead of fractional costs in [-20, 100). */
  readonly integer: boolean;
  /** 'none': no unassignedCost; 'finite': all finite; 'mixed': some Infinity (must rows). */
  readonly unassigned: 'none' | 'finite' | 'mixed';
  /** Share of must rows when `unassigned` is 'mixed'. Default 0.4. */
  readonly mustShare?: number;
}

/** A random dense problem as described by the options. */
export function randomDense(rng: Rng, o: RandomDenseOptions): DenseAssignmentProblem {
  const cost = new Float64Array(o.numRows * o.numCols);
  for (let k = 0; k < cost.length; k++) {
    cost[k] = rng() < o.forbidden ? Infinity : o.integer ? Math.floor(rng() * 10) : -20 + rng() * 120;
  }
  if (o.unassigned === 'none') return { numRows: o.numRows, numCols: o.numCols, cost };
  const unassignedCost = new Float64Array(o.numRows);
  for (let r = 0; r < o.numRows; r++) {
    const must = o.unassigned === 'mixed' && rng() < (o.mustShare ?? 0.4);
    unassignedCost[r] = must ? Infinity : o.integer ? Math.floor(rng() * 12) : rng() * 80;
  }
  return { numRows: o.numRows, numCols: o.numCols, cost, unassignedCost };
}

/** A random small problem: 1–7 rows × 1–8 columns, any forbidden share, cost and unassigned kind. */
export function randomSmall(rng: Rng, unassigned?: RandomDenseOptions['unassigned']): DenseAssignmentProblem {
  return randomDense(rng, {
    numRows: randomInt(rng, 1, 7),
    numCols: randomInt(rng, 1, 8),
    forbidden: [0, 0.25, 0.5, 0.8][randomInt(rng, 0, 3)]!,
    integer: rng() < 0.5,
    unassigned: unassigned ?? (['none', 'finite', 'mixed'] as const)[randomInt(rng, 0, 2)]!,
  });
}

/**
 * The same problem as CSR: the finite entries of each row in shuffled order, plus (when
 * `keepForbidden`) some of the `Infinity` entries, which must be ignored.
 */
export function denseToSparse(rng: Rng, p: DenseAssignmentProblem, keepForbidden = false): SparseAssignmentProblem {
  const rowStart = new Int32Array(p.numRows + 1);
  const cols: number[] = [];
  const costs: number[] = [];
  for (let r = 0; r < p.numRows; r++) {
    const entries: number[] = [];
    for (let c = 0; c < p.numCols; c++) {
      const x = p.cost[r * p.numCols + c]!;
      if (x !== Infinity || (keepForbidden && rng() < 0.5)) entries.push(c);
    }
    shuffle(rng, entries);
    for (const c of entries) {
      cols.push(c);
      costs.push(p.cost[r * p.numCols + c]!);
    }
    rowStart[r + 1] = cols.length;
  }
  const sparse = { numRows: p.numRows, numCols: p.numCols, rowStart, col: Int32Array.from(cols), cost: Float64Array.from(costs) };
  return p.unassignedCost === undefined ? sparse : { ...sparse, unassignedCost: p.unassignedCost };
}

/** The dense matrix of a sparse problem (unlisted pairs forbidden). */
export function sparseToDense(p: SparseAssignmentProblem): DenseAssignmentProblem {
  const cost = new Float64Array(p.numRows * p.numCols).fill(Infinity);
  for (let r = 0; r < p.numRows; r++) {
    for (let k = p.rowStart[r]!; k < p.rowStart[r + 1]!; k++) cost[r * p.numCols + p.col[k]!] = p.cost[k]!;
  }
  const dense = { numRows: p.numRows, numCols: p.numCols, cost };
  return p.unassignedCost === undefined ? dense : { ...dense, unassignedCost: p.unassignedCost };
}

/** Options of {@link randomSparse}. */
export interface RandomSparseOptions {
  readonly numRows: number;
  readonly numCols: number;
  readonly candidatesPerRow: number;
  /** Integer costs in [0, 999] instead of fractional costs in [0, 1000). */
  readonly integer: boolean;
  /** As in {@link RandomDenseOptions.unassigned}; finite unassigned costs are in [200, 1200). */
  readonly unassigned: 'none' | 'finite' | 'mixed';
  /** Share of must rows when `unassigned` is 'mixed'. Default 0.5. */
  readonly mustShare?: number;
  /**
   * Candidates near the row on a line (rows and columns spread over [0, 1), cost grows with the
   * gap), so rows compete for the same columns, instead of uniformly random columns.
   */
  readonly local?: boolean;
}

/** A random CSR problem with distinct candidate columns per row. */
export function randomSparse(rng: Rng, o: RandomSparseOptions): SparseAssignmentProblem {
  const k = Math.min(o.candidatesPerRow, o.numCols);
  const rowStart = new Int32Array(o.numRows + 1);
  const col = new Int32Array(o.numRows * k);
  const cost = new Float64Array(o.numRows * k);
  const seen = new Int32Array(o.numCols);
  for (let r = 0; r < o.numRows; r++) {
    const centre = Math.floor(rng() * o.numCols);
    for (let e = r * k; e < (r + 1) * k; e++) {
      let c: number;
      do {
        c = o.local === true ? (centre + Math.floor((rng() - 0.5) * 4 * k) + o.numCols) % o.numCols : Math.floor(rng() * o.numCols);
      } while (seen[c] === r + 1);
      seen[c] = r + 1;
      col[e] = c;
      const base = o.local === true ? 10 * Math.abs(c - centre) : 0;
      cost[e] = o.integer ? base + Math.floor(rng() * 1000) : base + rng() * 1000;
    }
    rowStart[r + 1] = (r + 1) * k;
  }
  if (o.unassigned === 'none') return { numRows: o.numRows, numCols: o.numCols, rowStart, col, cost };
  const unassignedCost = new Float64Array(o.numRows);
  for (let r = 0; r < o.numRows; r++) {
    const must = o.unassigned === 'mixed' && rng() < (o.mustShare ?? 0.5);
    unassignedCost[r] = must ? Infinity : o.integer ? 200 + Math.floor(rng() * 1000) : 200 + rng() * 1000;
  }
  return { numRows: o.numRows, numCols: o.numCols, rowStart, col, cost, unassignedCost };
}

/** Best objective: fewest must rows unassigned, then least cost. */
export interface Objective {
  readonly mustUnassigned: number;
  readonly cost: number;
}

/** Enumerates every assignment of a small dense problem (≤ 8 rows, ≤ 30 columns). */
export function bruteForce(p: DenseAssignmentProblem): Objective {
  const { numRows, numCols, cost, unassignedCost } = p;
  let bestMust = Infinity;
  let bestCost = Infinity;
  const visit = (r: number, used: number, must: number, acc: number): void => {
    if (r === numRows) {
      if (must < bestMust || (must === bestMust && acc < bestCost)) {
        bestMust = must;
        bestCost = acc;
      }
      return;
    }
    const leave = unassignedCost === undefined ? Infinity : unassignedCost[r]!;
    if (leave === Infinity) visit(r + 1, used, must + 1, acc);
    else visit(r + 1, used, must, acc + leave);
    for (let c = 0; c < numCols; c++) {
      const x = cost[r * numCols + c]!;
      if ((used & (1 << c)) === 0 && x !== Infinity) visit(r + 1, used | (1 << c), must, acc + x);
    }
  };
  visit(0, 0, 0, 0);
  return { mustUnassigned: bestMust, cost: bestCost };
}

/** Must rows (no finite unassigned cost) that the result leaves unassigned. */
export function mustUnassigned(p: { readonly unassignedCost?: Float64Array }, result: AssignmentResult): number {
  let n = 0;
  for (let r = 0; r < result.rowToCol.length; r++) {
    if (result.rowToCol[r] === -1 && (p.unassignedCost === undefined || p.unassignedCost[r] === Infinity)) n++;
  }
  return n;
}

/**
 * The invariants of any result: `rowToCol` and `colToRow` are inverse, only allowed pairs are used,
 * and `totalCost` / `numAssigned` match the pairs.
 */
export function assertValidResult(p: DenseAssignmentProblem, result: AssignmentResult): void {
  const { numRows, numCols, cost, unassignedCost } = p;
  assert.equal(result.rowToCol.length, numRows);
  assert.equal(result.colToRow.length, numCols);
  let total = 0;
  let numAssigned = 0;
  for (let r = 0; r < numRows; r++) {
    const c = result.rowToCol[r]!;
    if (c === -1) {
      if (unassignedCost !== undefined && unassignedCost[r] !== Infinity) total += unassignedCost[r]!;
      continue;
    }
    assert.ok(c >= 0 && c < numCols, `rowToCol[${r}] = ${c}`);
    assert.equal(result.colToRow[c], r, `colToRow[${c}] should be ${r}`);
    const x = cost[r * numCols + c]!;
    assert.notEqual(x, Infinity, `row ${r} got forbidden column ${c}`);
    total += x;
    numAssigned++;
  }
  let numUsed = 0;
  for (let c = 0; c < numCols; c++) {
    const r = result.colToRow[c]!;
    if (r === -1) continue;
    assert.equal(result.rowToCol[r], c, `rowToCol[${r}] should be ${c}`);
    numUsed++;
  }
  assert.equal(numUsed, numAssigned);
  assert.equal(result.numAssigned, numAssigned);
  assertCostClose(result.totalCost, total, 'totalCost vs its pairs');
}

/**
 * Independent optimality certificate: the assignment (rows on real columns or on their own dummy
 * column, must dummies at cost `bigM`) is a min-cost flow exactly when its residual graph has no
 * negative cycle, checked with Bellman–Ford from every node at once. Use integer costs (and
 * `bigM` above any cost difference) so the check is exact.
 */
export function assertNoNegativeCycle(p: SparseAssignmentProblem, result: AssignmentResult, bigM: number): void {
  const { numRows, numCols, rowStart, col, cost, unassignedCost } = p;
  // Nodes: rows [0, R), columns [R, R + C), dummies [R + C, 2R + C), sink 2R + C.
  const sink = 2 * numRows + numCols;
  const from: number[] = [];
  const to: number[] = [];
  const w: number[] = [];
  const edge = (a: number, b: number, x: number): void => {
    from.push(a);
    to.push(b);
    w.push(x);
  };
  for (let r = 0; r < numRows; r++) {
    for (let k = rowStart[r]!; k < rowStart[r + 1]!; k++) {
      if (cost[k] === Infinity) continue;
      const c = numRows + col[k]!;
      if (result.rowToCol[r] === col[k]) edge(c, r, -cost[k]!);
      else edge(r, c, cost[k]!);
    }
    const leave = unassignedCost === undefined || unassignedCost[r] === Infinity ? bigM : unassignedCost[r]!;
    const dummy = numRows + numCols + r;
    if (result.rowToCol[r] === -1) {
      edge(dummy, r, -leave);
      edge(sink, dummy, 0);
    } else {
      edge(r, dummy, leave);
      edge(dummy, sink, 0);
    }
  }
  for (let c = 0; c < numCols; c++) {
    if (result.colToRow[c] === -1) edge(numRows + c, sink, 0);
    else edge(sink, numRows + c, 0);
  }
  const dist = new Float64Array(sink + 1);
  let changed = true;
  for (let round = 0; round <= sink + 1 && changed; round++) {
    changed = false;
    for (let e = 0; e < from.length; e++) {
      const d = dist[from[e]!]! + w[e]!;
      if (d < dist[to[e]!]!) {
        dist[to[e]!] = d;
        changed = true;
      }
    }
  }
  assert.ok(!changed, 'the residual graph has a negative cycle: the assignment is not optimal');
}

function shuffle(rng: Rng, a: number[]): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
}
