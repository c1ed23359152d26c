import assert from 'node:assert/strict';
import { euclideanDistance, routeDistance, totalDistance } from '@o2o/bench';
import { tinyLiLim, tinySolomon } from '../fixtures/parsed-tiny.js';

describe('euclidean-distance', () => {
  it('is the exact Euclidean distance, not rounded', () => {
    assert.equal(euclideanDistance({ x: 0, y: 0 }, { x: 3, y: 4 }), 5);
    assert.equal(euclideanDistance({ x: 1, y: 13 }, { x: 8, y: 38 }), Math.sqrt(674));
  });

  it('walks a route from the depot and back, in doubles', () => {
    const instance = tinySolomon();
    assert.equal(routeDistance(instance, [1, 2]), Math.sqrt(170) + Math.sqrt(674) + Math.sqrt(1508));
    assert.equal(routeDistance(instance, [3]), 40);
    assert.equal(routeDistance(instance, []), 0);
  });

  it('sums the routes of a solution', () => {
    const total = totalDistance(tinySolomon(), [[1, 2], [3]]);
    assert.equal(total, Math.sqrt(170) + Math.sqrt(674) + Math.sqrt(1508) + 40);
    assert.equal(totalDistance(tinyLiLim(), [[1, 2], [3, 4]]), 40 + 40);
  });

  it('throws on a node the instance does not have', () => {
    assert.throws(() => routeDistance(tinySolomon(), [9]), /node 9 does not exist \(ids are 0\.\.3\)/);
  });
});
