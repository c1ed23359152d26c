import assert from 'node:assert/strict';
import { Exchange } from '@o2o/dispatch-core';
import { checkOperatorOnRandomSolutions, lineProblem, recomputedTotal, solutionOf, stopsOf } from '../helpers.js';
import { exchangeReference } from '../reference-moves.js';

describe('Exchange', () => {
  it('evaluates the exact delta of the best move on random solutions, and applies it', () => {
    const { finite, improving, applied } = checkOperatorOnRandomSolutions({ reference: exchangeReference, make: (st, prune) => new Exchange(st, { prune }), numPairs: 800 });
    assert.ok(finite > 300 && improving > 80 && applied > 100, `only ${finite} finite deltas, ${improving} improving, ${applied} applied`);
  });

  it('swaps two jobs each served by the rider starting next to the other (hand-built)', () => {
    // Open routes: a starts at x=0 and serves x=95 (95), b starts at x=100 and serves x=5 (95).
    const d = lineProblem([0, 100, 95, 5], [{ id: 'a', startLocation: 0, capacity: [] }, { id: 'b', startLocation: 1, capacity: [] }], [
      { id: 'j95', location: 2 },
      { id: 'j5', location: 3 },
    ]);
    const { sol, st } = solutionOf(d, [[0], [1]]);
    const op = new Exchange(st);
    assert.equal(op.evaluate(0, 1), -180);
    op.apply();
    assert.deepEqual([stopsOf(sol, 0), stopsOf(sol, 1)], [[1], [0]]);
    assert.equal(recomputedTotal(sol), 10);
  });

  it('swaps within a route', () => {
    // One open route from x=0: 20, 10, 30 costs 20 + 10 + 20 = 50; swapping 20 and 10 gives 30.
    const d = lineProblem([0, 20, 10, 30], [{ id: 'a', startLocation: 0, capacity: [] }], [
      { id: 'j20', location: 1 },
      { id: 'j10', location: 2 },
      { id: 'j30', location: 3 },
    ]);
    const { sol, st } = solutionOf(d, [[0, 1, 2]]);
    const op = new Exchange(st);
    assert.equal(op.evaluate(0, 1), -20);
    op.apply();
    assert.deepEqual(stopsOf(sol, 0), [1, 0, 2]);
  });
});
