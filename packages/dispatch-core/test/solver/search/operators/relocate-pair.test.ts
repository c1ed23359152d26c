import assert from 'node:assert/strict';
import { RelocatePair } from '@o2o/dispatch-core';
import { checkOperatorOnRandomSolutions, lineProblem, recomputedTotal, solutionOf, stopsOf } from '../helpers.js';
import { relocatePairReference } from '../reference-moves.js';

describe('RelocatePair', () => {
  it('evaluates the exact delta of the best move on random solutions, and applies it', () => {
    const { finite, improving, applied } = checkOperatorOnRandomSolutions({ reference: relocatePairReference, make: (st, prune) => new RelocatePair(st, { prune }) });
    assert.ok(finite > 1000 && improving > 300 && applied > 500, `only ${finite} finite deltas, ${improving} improving, ${applied} applied`);
  });

  it('hands a shipment to the rider already next to it (hand-built)', () => {
    // Open routes: a starts at x=0 with the shipment 50 → 60 (60); b starts at x=45 with a job at 40 (5).
    const d = lineProblem(
      [0, 45, 50, 60, 40],
      [
        { id: 'a', startLocation: 0, capacity: [1] },
        { id: 'b', startLocation: 1, capacity: [1] },
      ],
      [{ id: 'j40', location: 4 }],
      [{ id: 's', pickup: { location: 2 }, delivery: { location: 3 }, demand: [1] }],
    );
    // Stops: j40 = 0, pickup = 1, delivery = 2. Best on b: 40, 50, 60 (25).
    const { sol, st } = solutionOf(d, [[1, 2], [0]]);
    const op = new RelocatePair(st);
    assert.equal(op.evaluate(1, 0), -40);
    op.apply();
    assert.deepEqual([stopsOf(sol, 0), stopsOf(sol, 1)], [[], [0, 1, 2]]);
    assert.equal(recomputedTotal(sol), 25);
  });
});
