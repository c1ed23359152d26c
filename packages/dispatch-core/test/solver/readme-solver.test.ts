import assert from 'node:assert/strict';
import { solve, verifySolution, type ProblemInput } from '@o2o/dispatch-core';

describe('README solver usage', () => {
  it('runs the snippet: the on-board order and the new one are delivered, and the checker agrees', async () => {
    const input: ProblemInput = {
      numLocations: 4,
      durationMatrix: [0, 300, 400, 500, 300, 0, 200, 350, 400, 200, 0, 250, 500, 350, 250, 0],
      vehicles: [{ id: 'rider-1', startLocation: 0, shiftEndAt: 7200, capacity: [10], bagLimit: 3, onBoard: ['o0'] }],
      shipments: [
        { id: 'o0', pickup: { location: 0 }, delivery: { location: 3, softDueAt: 1500 }, demand: [2] },
        { id: 'o1', pickup: { location: 1, timeWindow: [600, 1800] }, delivery: { location: 2, softDueAt: 2400 }, demand: [3], maxRideSec: 900 },
      ],
    };
    const result = await solve(input, { timeLimitMs: 200, seed: 1 });
    assert.deepEqual(verifySolution(input, result.solution), []);
    assert.deepEqual(result.solution.unassigned, []);
    const stops = result.solution.routes[0]!.stops.map((s) => `${s.kind}:${s.id}`);
    assert.deepEqual(stops.filter((s) => s !== 'start:rider-1').sort(), ['delivery:o0', 'delivery:o1', 'pickup:o1']);
    assert.equal(result.solution.routes[0]!.stops[0]!.load[0], 2, 'the on-board order is in the bag from the start');
  });
});
