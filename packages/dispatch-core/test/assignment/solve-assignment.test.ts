import assert from 'node:assert/strict';
import { DispatchInputError, MAX_ASSIGNMENT_COST, solveAssignment, type DenseAssignmentProblem } from '@o2o/dispatch-core';
import { mulberry32, randomInt } from '@o2o/geo';
import { assertInputError } from '../helpers/assert-input-error.js';
import { assertCostClose, assertValidResult, bruteForce, mustUnassigned, randomDense, randomSmall } from './assignment-test-kit.js';

/** Solves, checks the invariants and compares with the brute force. */
function checkAgainstBruteForce(p: DenseAssignmentProblem, label: string): void {
  const result = solveAssignment(p);
  assertValidResult(p, result);
  const best = bruteForce(p);
  assert.equal(mustUnassigned(p, result), best.mustUnassigned, `${label}: must rows left unassigned`);
  assertCostClose(result.totalCost, best.cost, `${label}: totalCost`);
}

/** Row-major matrix from rows of numbers. */
function matrix(rows: readonly (readonly number[])[], unassignedCost?: readonly number[]): DenseAssignmentProblem {
  const numCols = rows[0]?.length ?? 0;
  const p = { numRows: rows.length, numCols, cost: Float64Array.from(rows.flat()) };
  return unassignedCost === undefined ? p : { ...p, unassignedCost: Float64Array.from(unassignedCost) };
}

describe('solveAssignment (dense)', () => {
  it('matches brute force on 3,000 random small matrices (forbidden pairs, unassigned costs, integer and fractional)', () => {
    const rng = mulberry32(20240601);
    for (let t = 0; t < 3000; t++) checkAgainstBruteForce(randomSmall(rng), `instance ${t}`);
  });

  it('matches brute force on 1,500 matrices where every row must be assigned if possible (either shape)', () => {
    const rng = mulberry32(77);
    for (let t = 0; t < 1500; t++) checkAgainstBruteForce(randomSmall(rng, 'none'), `instance ${t}`);
  });

  it('matches brute force on 3,000 matrices with more rows than columns, mostly must rows', () => {
    const rng = mulberry32(2);
    for (let t = 0; t < 3000; t++) {
      const numRows = randomInt(rng, 3, 7);
      const p = randomDense(rng, { numRows, numCols: randomInt(rng, 1, numRows - 1), forbidden: 0.3, integer: rng() < 0.5, unassigned: 'mixed', mustShare: 0.8 });
      checkAgainstBruteForce(p, `instance ${t}`);
    }
  });

  it('matches brute force on 1,000 matrices of costs near 1e12 (large magnitudes, small differences)', () => {
    const rng = mulberry32(5);
    for (let t = 0; t < 1000; t++) {
      const p = randomSmall(rng);
      const cost = p.cost.map((x) => (x === Infinity ? x : 1e12 + Math.round(x)));
      const unassignedCost = p.unassignedCost?.map((x) => (x === Infinity ? x : 1e12 + Math.round(x)));
      checkAgainstBruteForce(unassignedCost === undefined ? { ...p, cost } : { ...p, cost, unassignedCost }, `instance ${t}`);
    }
  });

  it('solves the documented example', () => {
    const result = solveAssignment({ numRows: 2, numCols: 3, cost: Float64Array.of(4, 1, 3, 2, 1, Infinity) });
    assert.deepEqual([...result.rowToCol], [1, 0]);
    assert.deepEqual([...result.colToRow], [1, 0, -1]);
    assert.equal(result.totalCost, 3);
    assert.equal(result.numAssigned, 2);
  });

  it('handles empty problems', () => {
    for (const [numRows, numCols] of [[0, 0], [0, 4], [3, 0]] as const) {
      const result = solveAssignment({ numRows, numCols, cost: new Float64Array(0) });
      assert.equal(result.rowToCol.length, numRows);
      assert.deepEqual([...result.rowToCol], new Array<number>(numRows).fill(-1));
      assert.deepEqual([...result.colToRow], new Array<number>(numCols).fill(-1));
      assert.equal(result.totalCost, 0);
      assert.equal(result.numAssigned, 0);
    }
    const leftOut = solveAssignment({ numRows: 2, numCols: 0, cost: new Float64Array(0), unassignedCost: Float64Array.of(3, Infinity) });
    assert.equal(leftOut.totalCost, 3, 'finite unassigned costs count, must rows add nothing');
  });

  it('leaves every row out when every pair is forbidden', () => {
    const p = matrix([[Infinity, Infinity], [Infinity, Infinity], [Infinity, Infinity]]);
    const result = solveAssignment(p);
    assert.deepEqual([...result.rowToCol], [-1, -1, -1]);
    assert.deepEqual([...result.colToRow], [-1, -1]);
    assert.equal(result.totalCost, 0);
    const withCosts = solveAssignment({ ...p, unassignedCost: Float64Array.of(1, 2, Infinity) });
    assert.equal(withCosts.totalCost, 3);
  });

  it('leaves out rows that have no allowed column and assigns the others', () => {
    const p = matrix([[Infinity, Infinity, Infinity], [5, 1, Infinity], [Infinity, Infinity, Infinity], [2, Infinity, 7]]);
    const result = solveAssignment(p);
    assert.deepEqual([...result.rowToCol], [-1, 1, -1, 0]);
    assert.equal(result.totalCost, 3);
  });

  it('handles ties and zeros', () => {
    const zeros = solveAssignment({ numRows: 4, numCols: 6, cost: new Float64Array(24) });
    assertValidResult({ numRows: 4, numCols: 6, cost: new Float64Array(24) }, zeros);
    assert.equal(zeros.numAssigned, 4);
    assert.equal(zeros.totalCost, 0);
    const equal = { numRows: 6, numCols: 4, cost: new Float64Array(24).fill(5) };
    const tied = solveAssignment(equal);
    assertValidResult(equal, tied);
    assert.equal(tied.numAssigned, 4);
    assert.equal(tied.totalCost, 20);
    // Assigning at cost 2 or leaving out at 2: the same total either way.
    assert.equal(solveAssignment(matrix([[2]], [2])).totalCost, 2);
    // Zero unassigned cost: nobody is assigned at a positive cost, zero-cost pairs are free.
    const free = solveAssignment(matrix([[0, 3], [4, 1]], [0, 0]));
    assert.equal(free.totalCost, 0);
    assert.notEqual(free.rowToCol[0], 1);
    assert.equal(free.rowToCol[1], -1);
  });

  it('handles very large and negative costs', () => {
    const big = MAX_ASSIGNMENT_COST;
    assert.equal(solveAssignment(matrix([[big, 1], [1, big]])).totalCost, 2);
    // A huge but finite cost is still allowed, unlike Infinity.
    const onlyBig = solveAssignment(matrix([[big, Infinity]]));
    assert.deepEqual([...onlyBig.rowToCol], [0]);
    assert.equal(onlyBig.totalCost, big);
    assert.equal(solveAssignment(matrix([[-big, 0], [0, -big]])).totalCost, -2 * big);
    const negative = solveAssignment(matrix([[-5, -1], [-4, -3], [-1, -9]]));
    assert.equal(negative.totalCost, -14);
    assert.deepEqual([...negative.rowToCol], [0, -1, 1]);
    // Integers near 2^50 stay exact.
    const p = matrix([[2 ** 50, 2 ** 50 + 1], [2 ** 50 + 3, 2 ** 50 + 7]]);
    assert.equal(solveAssignment(p).totalCost, 2 ** 51 + 4);
  });

  it('leaves a row out exactly when that is cheaper, and trades rows off against each other', () => {
    assert.deepEqual([...solveAssignment(matrix([[10]], [5])).rowToCol], [-1]);
    assert.deepEqual([...solveAssignment(matrix([[4]], [5])).rowToCol], [0]);
    // One column: row 1 saves more by taking it (100 - 8) than row 0 (3 - 10 < 0).
    const trade = solveAssignment(matrix([[10], [8]], [3, 100]));
    assert.deepEqual([...trade.rowToCol], [-1, 0]);
    assert.equal(trade.totalCost, 11);
    // Row 0 is better off out (cost 1) than pushing row 1 to its expensive column.
    const push = solveAssignment(matrix([[1, Infinity], [2, 50]], [1, Infinity]));
    assert.deepEqual([...push.rowToCol], [-1, 0]);
    assert.equal(push.totalCost, 3);
  });

  it('assigns as many must rows as possible before minimising cost', () => {
    // Only one of rows 0 and 1 can have column 0: the cheaper one gets it (whatever the order).
    const pick = solveAssignment(matrix([[10], [1]]));
    assert.deepEqual([...pick.rowToCol], [-1, 0]);
    assert.equal(pick.totalCost, 1);
    // Two assigned beat one assigned, however expensive.
    const most = solveAssignment(matrix([[1, 1000], [1, Infinity]]));
    assert.deepEqual([...most.rowToCol], [1, 0]);
    assert.equal(most.totalCost, 1001);
    // A must row beats an optional row for the same column, whatever the costs.
    const must = solveAssignment(matrix([[10], [1]], [Infinity, 100]));
    assert.deepEqual([...must.rowToCol], [0, -1]);
    assert.equal(must.totalCost, 110);
  });

  it('handles more rows than columns and more columns than rows', () => {
    const rng = mulberry32(3);
    for (const [numRows, numCols] of [[40, 12], [12, 40], [30, 30]] as const) {
      for (const unassigned of ['none', 'finite', 'mixed'] as const) {
        const p = randomDense(rng, { numRows, numCols, forbidden: 0.3, integer: false, unassigned });
        const result = solveAssignment(p);
        assertValidResult(p, result);
        if (unassigned === 'none') assert.equal(result.numAssigned, Math.min(numRows, numCols));
      }
    }
  });

  it('does not modify its input', () => {
    const p = randomDense(mulberry32(8), { numRows: 5, numCols: 7, forbidden: 0.3, integer: false, unassigned: 'mixed' });
    const before = [Float64Array.from(p.cost), Float64Array.from(p.unassignedCost!)];
    solveAssignment(p);
    assert.deepEqual([p.cost, p.unassignedCost], before);
  });

  describe('input validation', () => {
    it('rejects bad sizes', () => {
      assertInputError(() => solveAssignment({ numRows: -1, numCols: 2, cost: new Float64Array(0) }), { code: 'INVALID_INPUT', field: 'numRows', got: '-1' });
      assertInputError(() => solveAssignment({ numRows: 1, numCols: 1.5, cost: new Float64Array(1) }), { code: 'INVALID_INPUT', field: 'numCols', got: '1.5' });
      assertInputError(() => solveAssignment({ numRows: 2, numCols: 3, cost: new Float64Array(5) }), { code: 'INVALID_INPUT', field: 'cost.length', got: '5' });
      const plain = [1, 2] as unknown as Float64Array;
      assertInputError(() => solveAssignment({ numRows: 1, numCols: 2, cost: plain }), { code: 'INVALID_INPUT', field: 'cost', got: '[1, 2]' });
    });

    it('rejects NaN, -Infinity and out-of-range costs, naming the entry', () => {
      const cost = Float64Array.of(1, 2, 3, NaN, 5, 6);
      const error = assertInputError(() => solveAssignment({ numRows: 2, numCols: 3, cost }), { code: 'INVALID_INPUT', field: 'cost[3]', got: 'NaN' });
      assert.match(error.message, /^cost\[3\] \(row 1, column 0\) must be a number in/);
      assertInputError(() => solveAssignment({ numRows: 1, numCols: 2, cost: Float64Array.of(0, -Infinity) }), { code: 'INVALID_INPUT', field: 'cost[1]', got: '-Infinity' });
      assertInputError(() => solveAssignment({ numRows: 1, numCols: 1, cost: Float64Array.of(2e100) }), { code: 'INVALID_INPUT', field: 'cost[0]', got: '2e+100' });
    });

    it('rejects negative, NaN and mis-sized unassigned costs', () => {
      const cost = new Float64Array(4);
      assertInputError(() => solveAssignment({ numRows: 2, numCols: 2, cost, unassignedCost: Float64Array.of(0, -1) }), { code: 'INVALID_INPUT', field: 'unassignedCost[1]', got: '-1' });
      assertInputError(() => solveAssignment({ numRows: 2, numCols: 2, cost, unassignedCost: Float64Array.of(NaN, 1) }), { code: 'INVALID_INPUT', field: 'unassignedCost[0]', got: 'NaN' });
      assertInputError(() => solveAssignment({ numRows: 2, numCols: 2, cost, unassignedCost: Float64Array.of(1) }), { code: 'INVALID_INPUT', field: 'unassignedCost.length', got: '1' });
    });

    it('reports every broken rule in one error, capped', () => {
      let caught: unknown;
      try {
        solveAssignment({ numRows: 2, numCols: 2, cost: Float64Array.of(NaN, 0, NaN, 0), unassignedCost: Float64Array.of(-2, 0) });
      } catch (error) {
        caught = error;
      }
      assert.ok(caught instanceof DispatchInputError);
      assert.deepEqual(caught.issues.map((i) => i.field), ['cost[0]', 'cost[2]', 'unassignedCost[0]']);
      try {
        solveAssignment({ numRows: 100, numCols: 100, cost: new Float64Array(10_000).fill(NaN) });
      } catch (error) {
        caught = error;
      }
      assert.ok(caught instanceof DispatchInputError);
      assert.equal(caught.truncated, true);
      assert.equal(caught.issues.length, 100);
    });
  });
});
