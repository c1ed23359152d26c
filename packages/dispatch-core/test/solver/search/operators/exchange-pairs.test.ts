import assert from 'node:assert/strict';
import { ExchangePairs } from '@o2o/dispatch-core';
import { checkOperatorOnRandomSolutions, lineProblem, recomputedTotal, solutionOf, stopsOf } from '../helpers.js';
import { exchangePairsReference } from '../reference-moves.js';

describe('ExchangePairs', () => {
  it('evaluates the exact delta of the best move on random solutions, and applies it', () => {
    const { finite, improving, applied } = checkOperatorOnRandomSolutions({ reference: exchangePairsReference, make: (st, prune) => new ExchangePairs(st, { prune }) });
    assert.ok(finite > 500 && improving > 150 && applied > 200, `only ${finite} finite deltas, ${improving} improving, ${applied} applied`);
  });

  it('swaps two shipments each near the other rider (hand-built)', () => {
    // Open routes: a starts at x=0 with 90 → 95 (95); b starts at x=100 with 10 → 5 (95).
    const d = lineProblem(
      [0, 100, 90, 95, 10, 5],
      [
        { id: 'a', startLocation: 0, capacity: [1] },
        { id: 'b', startLocation: 1, capacity: [1] },
      ],
      [],
      [
        { id: 's1', pickup: { location: 2 }, delivery: { location: 3 }, demand: [1] },
        { id: 's2', pickup: { location: 4 }, delivery: { location: 5 }, demand: [1] },
      ],
    );
    // Stops: s1 = 0, 1; s2 = 2, 3.
    const { sol, st } = solutionOf(d, [
      [0, 1],
      [2, 3],
    ]);
    const op = new ExchangePairs(st);
    assert.equal(op.evaluate(1, 2), -160);
    op.apply();
    assert.deepEqual([stopsOf(sol, 0), stopsOf(sol, 1)], [
      [2, 3],
      [0, 1],
    ]);
    assert.equal(recomputedTotal(sol), 30);
  });
});
