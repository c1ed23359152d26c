import assert from 'node:assert/strict';
import { TwoOptStar } from '@o2o/dispatch-core';
import { checkOperatorOnRandomSolutions, lineProblem, recomputedTotal, solutionOf, stopsOf } from '../helpers.js';
import { twoOptStarReference } from '../reference-moves.js';

describe('TwoOptStar', () => {
  it('evaluates the exact delta of the best move on random solutions, and applies it', () => {
    const { finite, improving, applied } = checkOperatorOnRandomSolutions({ reference: twoOptStarReference, make: (st, prune) => new TwoOptStar(st, { prune }) });
    assert.ok(finite > 250 && improving > 80 && applied > 100, `only ${finite} finite deltas, ${improving} improving, ${applied} applied`);
  });

  // Open routes: a starts at x=0, b at x=100. Locations: 0, 100, 10, 90, 95, 5.
  const xs = [0, 100, 10, 90, 95, 5];
  const vehicles = [
    { id: 'a', startLocation: 0, capacity: [2] },
    { id: 'b', startLocation: 1, capacity: [2] },
  ];

  it('swaps the tails so that each rider keeps its own side (hand-built)', () => {
    const d = lineProblem(xs, vehicles, [2, 3, 4, 5].map((location) => ({ id: `j${xs[location]}`, location })));
    // Stops: j10 = 0, j90 = 1, j95 = 2, j5 = 3. a: 10, 90 (90); b: 95, 5 (95).
    const { sol, st } = solutionOf(d, [
      [0, 1],
      [2, 3],
    ]);
    const op = new TwoOptStar(st);
    // j10 → j5: a = 10, 5 (15); b = 95, 90 (10).
    assert.equal(op.evaluate(0, 3), -160);
    op.apply();
    assert.deepEqual([stopsOf(sol, 0), stopsOf(sol, 1)], [
      [0, 3],
      [2, 1],
    ]);
    assert.equal(recomputedTotal(sol), 25);
  });

  it('does not cut between a pickup and its delivery', () => {
    const d = lineProblem(xs, vehicles, [4, 5].map((location) => ({ id: `j${xs[location]}`, location })), [
      { id: 's', pickup: { location: 2 }, delivery: { location: 3 }, demand: [1] },
    ]);
    // Stops: j95 = 0, j5 = 1, pickup 10 = 2, delivery 90 = 3. a: pickup, delivery (90); b: 95, 5 (95).
    const { st } = solutionOf(d, [
      [2, 3],
      [0, 1],
    ]);
    // Only "v → u" is allowed: a gives its whole route to b after j5: b = 95, 5, 10, 90 (180), a empty.
    assert.equal(new TwoOptStar(st, { prune: false }).evaluate(2, 1), -5);
  });
});
