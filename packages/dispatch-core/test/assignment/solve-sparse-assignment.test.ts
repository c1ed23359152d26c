import assert from 'node:assert/strict';
import { solveAssignment, solveSparseAssignment, type SparseAssignmentProblem } from '@o2o/dispatch-core';
import { mulberry32 } from '@o2o/geo';
import { assertInputError } from '../helpers/assert-input-error.js';
import {
  assertCostClose,
  assertNoNegativeCycle,
  assertValidResult,
  bruteForce,
  denseToSparse,
  mustUnassigned,
  randomSmall,
  randomSparse,
  sparseToDense,
  type RandomSparseOptions,
} from './assignment-test-kit.js';

/** CSR from per-row `[col, cost]` lists. */
function csr(numCols: number, rows: readonly (readonly (readonly [number, number])[])[], unassignedCost?: readonly number[]): SparseAssignmentProblem {
  const rowStart = new Int32Array(rows.length + 1);
  rows.forEach((entries, r) => (rowStart[r + 1] = rowStart[r]! + entries.length));
  const flat = rows.flat();
  const p = { numRows: rows.length, numCols, rowStart, col: Int32Array.from(flat, (e) => e[0]), cost: Float64Array.from(flat, (e) => e[1]) };
  return unassignedCost === undefined ? p : { ...p, unassignedCost: Float64Array.from(unassignedCost) };
}

describe('solveSparseAssignment', () => {
  it('matches brute force on 3,000 random small problems (shuffled entries, some listed as Infinity)', () => {
    const rng = mulberry32(4242);
    for (let t = 0; t < 3000; t++) {
      const dense = randomSmall(rng);
      const sparse = denseToSparse(rng, dense, rng() < 0.3);
      const result = solveSparseAssignment(sparse);
      assertValidResult(dense, result);
      const best = bruteForce(dense);
      assert.equal(mustUnassigned(dense, result), best.mustUnassigned, `instance ${t}: must rows left unassigned`);
      assertCostClose(result.totalCost, best.cost, `instance ${t}: totalCost`);
    }
  });

  it('matches brute force on 1,500 problems where every row must be assigned if possible (either shape)', () => {
    const rng = mulberry32(99);
    for (let t = 0; t < 1500; t++) {
      const dense = randomSmall(rng, 'none');
      const result = solveSparseAssignment(denseToSparse(rng, dense));
      assertValidResult(dense, result);
      const best = bruteForce(dense);
      assert.equal(mustUnassigned(dense, result), best.mustUnassigned, `instance ${t}`);
      assertCostClose(result.totalCost, best.cost, `instance ${t}: totalCost`);
    }
  });

  describe('agrees with the dense solver on medium instances, and is certified optimal', () => {
    const shapes: readonly (Omit<RandomSparseOptions, 'integer' | 'unassigned'> & { readonly label: string })[] = [
      { label: '200 × 600, 20 random candidates', numRows: 200, numCols: 600, candidatesPerRow: 20 },
      { label: '200 × 600, 20 local candidates', numRows: 200, numCols: 600, candidatesPerRow: 20, local: true },
      { label: '300 × 150, 10 local candidates', numRows: 300, numCols: 150, candidatesPerRow: 10, local: true },
      { label: '250 × 250, 5 random candidates', numRows: 250, numCols: 250, candidatesPerRow: 5 },
      // Few candidates on a line: crowded stretches where must rows are dropped after exhaustive searches.
      { label: '150 × 150, 4 local candidates', numRows: 150, numCols: 150, candidatesPerRow: 4, local: true },
    ];
    for (const shape of shapes) {
      for (const unassigned of ['none', 'finite', 'mixed'] as const) {
        it(`${shape.label}, unassigned costs: ${unassigned}`, () => {
          const rng = mulberry32(shape.numRows * 7 + shape.candidatesPerRow + unassigned.length);
          for (const integer of [true, false]) {
            const sparse = randomSparse(rng, { ...shape, integer, unassigned });
            const dense = sparseToDense(sparse);
            const fromSparse = solveSparseAssignment(sparse);
            const fromDense = solveAssignment(dense);
            assertValidResult(dense, fromSparse);
            assertValidResult(dense, fromDense);
            assert.equal(mustUnassigned(sparse, fromSparse), mustUnassigned(dense, fromDense));
            assertCostClose(fromSparse.totalCost, fromDense.totalCost, 'sparse vs dense totalCost');
            if (integer) {
              assertNoNegativeCycle(sparse, fromSparse, 1e9);
              assertNoNegativeCycle(sparse, fromDense, 1e9);
            }
          }
        });
      }
    }
  });

  it('stays optimal when must rows crowd each other out (more rows than columns, 90% must rows)', () => {
    const rng = mulberry32(31);
    for (let t = 0; t < 13; t++) {
      const [numRows, numCols, candidatesPerRow] = t < 10 ? [100, 60, 5] : [400, 150, 8];
      const sparse = randomSparse(rng, { numRows, numCols, candidatesPerRow, integer: true, unassigned: 'mixed', mustShare: 0.9, local: true });
      const dense = sparseToDense(sparse);
      const fromSparse = solveSparseAssignment(sparse);
      const fromDense = solveAssignment(dense);
      assertValidResult(dense, fromSparse);
      assertValidResult(dense, fromDense);
      assertNoNegativeCycle(sparse, fromSparse, 1e9);
      assertNoNegativeCycle(sparse, fromDense, 1e9);
    }
  });

  it('handles empty problems and rows without candidates', () => {
    const empty = solveSparseAssignment({ numRows: 0, numCols: 0, rowStart: Int32Array.of(0), col: new Int32Array(0), cost: new Float64Array(0) });
    assert.equal(empty.rowToCol.length, 0);
    assert.equal(empty.totalCost, 0);
    const none = solveSparseAssignment({ ...csr(5, [[], [], []], [1, Infinity, 2]) });
    assert.deepEqual([...none.rowToCol], [-1, -1, -1]);
    assert.deepEqual([...none.colToRow], [-1, -1, -1, -1, -1]);
    assert.equal(none.totalCost, 3);
    const some = solveSparseAssignment(csr(3, [[], [[2, 4]], [], [[2, 1], [0, 6]]]));
    assert.deepEqual([...some.rowToCol], [-1, 2, -1, 0]);
    assert.equal(some.totalCost, 10);
    const noCols = solveSparseAssignment(csr(0, [[], []]));
    assert.deepEqual([...noCols.rowToCol], [-1, -1]);
  });

  it('solves the documented example', () => {
    const result = solveSparseAssignment(csr(3, [[[1, 1], [2, 3]], [[1, 1]]]));
    assert.deepEqual([...result.rowToCol], [2, 1]);
    assert.equal(result.totalCost, 4);
  });

  it('ignores listed Infinity entries and handles ties, zeros and large costs', () => {
    const inf = solveSparseAssignment(csr(2, [[[0, Infinity], [1, 3]], [[0, 2]]]));
    assert.deepEqual([...inf.rowToCol], [1, 0]);
    assert.equal(inf.totalCost, 5);
    const allInf = solveSparseAssignment(csr(2, [[[0, Infinity]], [[1, Infinity]]]));
    assert.equal(allInf.numAssigned, 0);
    const zeros = solveSparseAssignment(csr(3, [[[0, 0], [1, 0]], [[0, 0], [1, 0]], [[0, 0], [1, 0], [2, 0]]]));
    assert.equal(zeros.numAssigned, 3);
    assert.equal(zeros.totalCost, 0);
    const big = solveSparseAssignment(csr(2, [[[0, 1e100], [1, 1]], [[0, 1], [1, 1e100]]]));
    assert.equal(big.totalCost, 2);
  });

  it('transposes when every row is a must and rows outnumber columns, with the same result as dense', () => {
    const rng = mulberry32(12);
    const sparse = randomSparse(rng, { numRows: 2000, numCols: 300, candidatesPerRow: 8, integer: true, unassigned: 'none', local: true });
    const fromSparse = solveSparseAssignment(sparse);
    const dense = sparseToDense(sparse);
    assertValidResult(dense, fromSparse);
    const fromDense = solveAssignment(dense);
    assert.equal(fromSparse.numAssigned, fromDense.numAssigned);
    assertCostClose(fromSparse.totalCost, fromDense.totalCost);
  });

  it('does not modify its input', () => {
    const p = randomSparse(mulberry32(1), { numRows: 30, numCols: 40, candidatesPerRow: 6, integer: false, unassigned: 'mixed' });
    const copy = { rowStart: p.rowStart.slice(), col: p.col.slice(), cost: p.cost.slice(), unassignedCost: p.unassignedCost!.slice() };
    solveSparseAssignment(p);
    assert.deepEqual({ rowStart: p.rowStart, col: p.col, cost: p.cost, unassignedCost: p.unassignedCost }, copy);
  });

  describe('input validation', () => {
    const good = (): SparseAssignmentProblem => csr(4, [[[0, 1], [2, 3]], [[1, 2]], [[3, 5], [0, 4]]]);

    it('rejects a bad CSR structure', () => {
      assertInputError(() => solveSparseAssignment({ ...good(), rowStart: Int32Array.of(0, 2, 3) }), { code: 'INVALID_INPUT', field: 'rowStart.length', got: '3' });
      assertInputError(() => solveSparseAssignment({ ...good(), rowStart: Int32Array.of(1, 2, 3, 5) }), { code: 'INVALID_INPUT', field: 'rowStart[0]', got: '1' });
      assertInputError(() => solveSparseAssignment({ ...good(), rowStart: Int32Array.of(0, 3, 2, 5) }), { code: 'INVALID_INPUT', field: 'rowStart[2]', got: '2' });
      assertInputError(() => solveSparseAssignment({ ...good(), rowStart: Int32Array.of(0, 2, 3, 4) }), { code: 'INVALID_INPUT', field: 'rowStart[3]', got: '4' });
      assertInputError(() => solveSparseAssignment({ ...good(), cost: Float64Array.of(1, 2, 3, 4) }), { code: 'INVALID_INPUT', field: 'cost.length', got: '4' });
      const plain = [0, 2, 3, 5] as unknown as Int32Array;
      assertInputError(() => solveSparseAssignment({ ...good(), rowStart: plain }), { code: 'INVALID_INPUT', field: 'rowStart', got: '[0, 2, 3, 5]' });
    });

    it('rejects out-of-range and repeated columns, naming the entry and its row', () => {
      const range = assertInputError(() => solveSparseAssignment({ ...good(), col: Int32Array.of(0, 2, 1, 4, 0) }), { code: 'INVALID_INPUT', field: 'col[3]', got: '4' });
      assert.match(range.message, /^col\[3\] \(row 2\) must be a column index in \[0, numCols\) = \[0, 4\)/);
      assertInputError(() => solveSparseAssignment({ ...good(), col: Int32Array.of(0, -1, 1, 3, 0) }), { code: 'INVALID_INPUT', field: 'col[1]', got: '-1' });
      const repeat = assertInputError(() => solveSparseAssignment({ ...good(), col: Int32Array.of(0, 2, 1, 3, 3) }), { code: 'INVALID_INPUT', field: 'col[4]', got: '3' });
      assert.match(repeat.message, /also at col\[3\]/);
      // The same column in different rows is fine.
      assert.equal(solveSparseAssignment({ ...good(), col: Int32Array.of(0, 2, 0, 3, 0) }).numAssigned, 3);
    });

    it('rejects NaN, -Infinity and out-of-range costs and bad unassigned costs', () => {
      const nan = assertInputError(() => solveSparseAssignment({ ...good(), cost: Float64Array.of(1, 3, 2, NaN, 4) }), { code: 'INVALID_INPUT', field: 'cost[3]', got: 'NaN' });
      assert.match(nan.message, /^cost\[3\] \(row 2, column 3\) must be a number in/);
      assertInputError(() => solveSparseAssignment({ ...good(), cost: Float64Array.of(1, 3, -Infinity, 5, 4) }), { code: 'INVALID_INPUT', field: 'cost[2]', got: '-Infinity' });
      assertInputError(() => solveSparseAssignment({ ...good(), cost: Float64Array.of(1, -1e101, 2, 5, 4) }), { code: 'INVALID_INPUT', field: 'cost[1]', got: '-1e+101' });
      assertInputError(() => solveSparseAssignment({ ...good(), unassignedCost: Float64Array.of(1, -0.5, 2) }), { code: 'INVALID_INPUT', field: 'unassignedCost[1]', got: '-0.5' });
      assertInputError(() => solveSparseAssignment({ ...good(), unassignedCost: Float64Array.of(1, 2, -Infinity) }), { code: 'INVALID_INPUT', field: 'unassignedCost[2]', got: '-Infinity' });
      assertInputError(() => solveSparseAssignment({ ...good(), unassignedCost: Float64Array.of(1, 2) }), { code: 'INVALID_INPUT', field: 'unassignedCost.length', got: '2' });
      assertInputError(() => solveSparseAssignment({ ...good(), numCols: -3 }), { code: 'INVALID_INPUT', field: 'numCols', got: '-3' });
    });
  });
});
