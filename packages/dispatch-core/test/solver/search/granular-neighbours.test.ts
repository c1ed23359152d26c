import assert from 'node:assert/strict';
import { buildGranularNeighbours, buildProblem, type ProblemData } from '@o2o/dispatch-core';
import { randomProblem } from '../fixtures/random-problem.js';
import { lineProblem } from './helpers.js';

/** The ranking key, written from the definition: travel plus weighted wait and time warp, the smaller direction. */
function key(d: ProblemData, i: number, j: number): number {
  const oneWay = (a: number, b: number) => {
    const travel = d.duration(d.stopLoc[a]!, d.stopLoc[b]!);
    const wait = Math.max(0, d.twStart[b]! - d.serviceSec[a]! - travel - d.twEnd[a]!);
    const warp = Math.max(0, d.twStart[a]! + d.serviceSec[a]! + travel - d.twEnd[b]!);
    return travel + 0.2 * wait + warp;
  };
  return Math.min(oneWay(i, j), oneWay(j, i));
}

describe('buildGranularNeighbours', () => {
  it('lists, for every stop, the k other stops of smallest key (ties by index), brute force', () => {
    for (const seed of [1, 2, 3]) {
      const { data: d } = buildProblem(randomProblem({ seed, numJobs: 15, numShipments: 15, numVehicles: 3 }));
      const { k, list } = buildGranularNeighbours(d);
      assert.equal(k, 20);
      for (let i = 0; i < d.numStops; i++) {
        const want = Array.from({ length: d.numStops }, (_, j) => j)
          .filter((j) => j !== i)
          .sort((a, b) => key(d, i, a) - key(d, i, b) || a - b)
          .slice(0, k);
        assert.deepEqual(Array.from(list.subarray(i * k, (i + 1) * k)), want, `seed ${seed}, stop ${i}`);
      }
    }
  });

  it('ranks a stop whose window cannot follow last, and caps k at the other stops', () => {
    const d = lineProblem([0, 10, 11, 12], [{ id: 'a', startLocation: 0, capacity: [] }], [
      { id: 'near-but-too-late', location: 1, timeWindow: [5_000, 6_000] },
      { id: 'next', location: 2, timeWindow: [0, 100] },
      { id: 'far', location: 3, timeWindow: [0, 100] },
    ]);
    const { k, list } = buildGranularNeighbours(d, { numNeighbours: 5, waitWeight: 0.2, timeWarpWeight: 1 });
    assert.equal(k, 2);
    assert.deepEqual(Array.from(list.subarray(1 * k, 2 * k)), [2, 0]);
  });
});
