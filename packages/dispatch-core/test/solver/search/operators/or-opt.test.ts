import assert from 'node:assert/strict';
import { OrOpt } from '@o2o/dispatch-core';
import { checkOperatorOnRandomSolutions, lineProblem, recomputedTotal, solutionOf, stopsOf } from '../helpers.js';
import { orOptReference } from '../reference-moves.js';

describe('OrOpt', () => {
  it('evaluates the exact delta of the best move on random solutions, and applies it', () => {
    const { finite, improving, applied } = checkOperatorOnRandomSolutions({ reference: orOptReference, make: (st, prune) => new OrOpt(st, { prune }) });
    assert.ok(finite > 400 && improving > 80 && applied > 150, `only ${finite} finite deltas, ${improving} improving, ${applied} applied`);
  });

  // One open route from x=0: jobs at 20, 21, then a shipment picked up at 5 and delivered at 6.
  const line = () =>
    lineProblem(
      [0, 20, 21, 5, 6],
      [{ id: 'a', startLocation: 0, capacity: [2] }],
      [
        { id: 'j20', location: 1 },
        { id: 'j21', location: 2 },
      ],
      [{ id: 's', pickup: { location: 3 }, delivery: { location: 4 }, demand: [1] }],
    );
  // Stops: j20 = 0, j21 = 1, pickup = 2, delivery = 3.

  it('moves a pickup and its delivery together to the front (hand-built)', () => {
    const d = line();
    const { sol, st } = solutionOf(d, [[0, 1, 2, 3]]);
    const op = new OrOpt(st);
    // 20 + 1 + 16 + 1 = 38 → 5 + 1 + 14 + 1 = 21.
    assert.equal(op.evaluate(2, 0), -17);
    op.apply();
    assert.deepEqual(stopsOf(sol, 0), [2, 3, 0, 1]);
    assert.equal(recomputedTotal(sol), 21);
  });

  it('never puts a delivery before its pickup', () => {
    const d = line();
    const { st } = solutionOf(d, [[0, 1, 2, 3]]);
    assert.equal(new OrOpt(st, { prune: false }).evaluate(3, 0), Infinity);
  });
});
