import assert from 'node:assert/strict';
import { dominatingFixedCost, scaleInstance } from '@o2o/bench';
import { tinySolomon } from '../fixtures/parsed-tiny.js';

/** Every way to split customers 1..3 into at most two ordered routes. */
function* routeSets(): Generator<number[][]> {
  const perms = [[1, 2, 3], [1, 3, 2], [2, 1, 3], [2, 3, 1], [3, 1, 2], [3, 2, 1]];
  for (const p of perms) for (let cut = 0; cut <= 3; cut++) yield [p.slice(0, cut), p.slice(cut)];
}

describe('dominatingFixedCost', () => {
  it('is Σ customer row maxima + K × depot row maximum + 1', () => {
    const scaled = scaleInstance(tinySolomon());
    const n = scaled.numNodes;
    const rowMax = (i: number) => Math.max(...scaled.durationMatrix.subarray(i * n, (i + 1) * n));
    assert.equal(dominatingFixedCost(scaled, 2), rowMax(1) + rowMax(2) + rowMax(3) + 2 * rowMax(0) + 1);
  });

  it('exceeds the scaled travel of every possible set of routes, so one vehicle less always wins', () => {
    const scaled = scaleInstance(tinySolomon());
    const n = scaled.numNodes;
    const at = (from: number, to: number) => scaled.durationMatrix[from * n + to] ?? 0;
    const travel = (route: readonly number[]) => {
      if (route.length === 0) return 0;
      let sum = 0;
      let prev = 0;
      for (const id of route) [sum, prev] = [sum + at(prev, id), id];
      return sum + at(prev, 0);
    };
    const fixed = dominatingFixedCost(scaled, 2);
    let worst = 0;
    for (const routes of routeSets()) worst = Math.max(worst, routes.reduce((sum, r) => sum + travel(r), 0));
    assert.ok(worst > 0 && fixed > worst, `fixed ${fixed} vs worst travel ${worst}`);
  });
});
