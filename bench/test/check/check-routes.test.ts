import assert from 'node:assert/strict';
import { checkRoutes, doubleCheckView } from '@o2o/bench';
import { tinyLiLim, tinySolomon } from '../fixtures/parsed-tiny.js';

const checkSolomon = (routes: number[][]) => checkRoutes(doubleCheckView(tinySolomon()), routes);
const checkLiLim = (routes: number[][]) => checkRoutes(doubleCheckView(tinyLiLim()), routes);

describe('checkRoutes (double precision)', () => {
  it('accepts feasible routes, empty routes included', () => {
    assert.deepEqual(checkSolomon([[1, 2], [], [3]]), []);
    assert.deepEqual(checkLiLim([[1, 2], [3, 4]]), []);
  });

  it('reports a service that starts after its due time, with the real start', () => {
    assert.deepEqual(checkSolomon([[2, 1], [3]]), ['route 1: service at customer 1 starts at 64.794486, after its due time 50.000000']);
  });

  it('reports a late return to the depot', () => {
    const instance = { ...tinySolomon(), nodes: tinySolomon().nodes.map((node) => (node.id === 0 ? { ...node, dueTime: 80 } : node)) };
    assert.deepEqual(checkRoutes(doubleCheckView(instance), [[1, 2], [3]]), [
      'route 2: returns to the depot at 90.000000, after its due time 80.000000',
    ]);
  });

  it('reports the first stop where the load exceeds the capacity', () => {
    assert.deepEqual(checkSolomon([[1, 2, 3]]), ['route 1: load 60 exceeds the capacity 50 at customer 3']);
  });

  it('reports missing, repeated and unknown customers, and too many vehicles', () => {
    assert.deepEqual(checkSolomon([[1], [2], [2, 7]]), [
      'uses 3 vehicles, the fleet has 2',
      'customer 2 is visited twice (routes 2 and 3)',
      'route 3 visits unknown customer 7',
      '1 customer(s) not visited: 3',
    ]);
  });

  it('reports a delivery before its pickup, and a pair split over two routes', () => {
    assert.deepEqual(checkLiLim([[2, 1], [3, 4]]), ['route 1: delivery 2 comes before its pickup 1']);
    assert.deepEqual(checkLiLim([[1], [2], [3, 4]]).slice(0, 2), ['uses 3 vehicles, the fleet has 2', 'delivery 2 is on route 2, its pickup 1 on route 1']);
  });

  it('tolerates summation noise of 1e-6 but not more', () => {
    const base = tinySolomon();
    const withDue = (due: number) => ({ ...base, nodes: base.nodes.map((node) => (node.id === 2 ? { ...node, dueTime: due } : node)) });
    const arrival = Math.sqrt(170) + Math.sqrt(674);
    assert.deepEqual(checkRoutes(doubleCheckView(withDue(arrival - 5e-7)), [[1, 2], [3]]), []);
    assert.equal(checkRoutes(doubleCheckView(withDue(arrival - 2e-6)), [[1, 2], [3]]).length, 1);
  });
});
