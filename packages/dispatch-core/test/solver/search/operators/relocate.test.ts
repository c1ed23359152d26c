import assert from 'node:assert/strict';
import { Relocate } from '@o2o/dispatch-core';
import { checkOperatorOnRandomSolutions, lineProblem, recomputedTotal, solutionOf, stopsOf } from '../helpers.js';
import { relocateReference } from '../reference-moves.js';

describe('Relocate', () => {
  it('evaluates the exact delta of the best move on random solutions, and applies it', () => {
    const { finite, improving, applied } = checkOperatorOnRandomSolutions({ reference: relocateReference, make: (st, prune) => new Relocate(st, { prune }) });
    assert.ok(finite > 400 && improving > 100 && applied > 200, `only ${finite} finite deltas, ${improving} improving, ${applied} applied`);
  });

  it('moves a job to the route where it is on the way (hand-built)', () => {
    // Open routes from x=0: A visits 15 then −10 (40), B visits 20 (20). Job at 15 belongs before 20 on B.
    const d = lineProblem([0, 15, -10, 20], [{ id: 'a', startLocation: 0, capacity: [] }, { id: 'b', startLocation: 0, capacity: [] }], [
      { id: 'j15', location: 1 },
      { id: 'jm10', location: 2 },
      { id: 'j20', location: 3 },
    ]);
    const { sol, st } = solutionOf(d, [[0, 1], [2]]);
    const op = new Relocate(st);
    const before = recomputedTotal(sol);
    assert.equal(op.evaluate(0, 2), -30);
    op.apply();
    assert.deepEqual([stopsOf(sol, 0), stopsOf(sol, 1)], [[1], [0, 2]]);
    assert.equal(recomputedTotal(sol), before - 30);
    assert.equal(op.stats.numApplications, 1);
  });

  it('never moves a committed stop, inserts before one, or takes an on-board delivery off its vehicle', () => {
    const d = lineProblem(
      [0, 15, -10, 20, 5],
      [
        { id: 'a', startLocation: 0, capacity: [1], committed: ['j15'], onBoard: ['s'] },
        { id: 'b', startLocation: 0, capacity: [1] },
      ],
      [
        { id: 'j15', location: 1 },
        { id: 'jm10', location: 2 },
        { id: 'j20', location: 3 },
      ],
      [{ id: 's', pickup: { location: 0 }, delivery: { location: 4 }, demand: [1] }],
    );
    // Stops: j15 = 0, jm10 = 1, j20 = 2, s (on board: delivery only) = 3.
    const { st } = solutionOf(d, [[0, 3, 1], [2]]);
    const op = new Relocate(st, { prune: false });
    assert.equal(op.evaluate(0, 2), Infinity, 'the committed stop stays');
    assert.equal(op.evaluate(3, 2), Infinity, 'the on-board delivery stays on its vehicle');
    // j20 onto a, right after the committed stop (before it is not allowed): a 40 → 50, b 20 → 0.
    assert.equal(op.evaluate(2, 0), -10, 'after the committed stop is fine');
  });
});
