import assert from 'node:assert/strict';
import { SCALE_FACTOR, ceilScaledDistance, checkRoutes, doubleCheckView, floorScaledDistance, floorSqrt, scaleInstance, scaledCheckView } from '@o2o/bench';
import { tinyLiLim, tinySolomon } from '../fixtures/parsed-tiny.js';

describe('scaleInstance', () => {
  it('rounds factor × distance up exactly (integer square root), for every pair', () => {
    const instance = tinySolomon();
    const scaled = scaleInstance(instance);
    const n = instance.nodes.length;
    assert.equal(scaled.factor, SCALE_FACTOR);
    assert.equal(scaled.durationMatrix[0 * n + 1], 130385); // 10,000 · √170 = 130384.048…
    assert.equal(scaled.durationMatrix[1 * n + 2], 259616); // 10,000 · √674 = 259615.099…
    assert.equal(scaled.durationMatrix[0 * n + 3], 200000); // exact: 10,000 · 20
    instance.nodes.forEach((a, i) =>
      instance.nodes.forEach((b, j) => {
        const value = scaled.durationMatrix[i * n + j] ?? -1;
        const squared = SCALE_FACTOR ** 2 * ((a.x - b.x) ** 2 + (a.y - b.y) ** 2);
        assert.ok(value * value >= squared && (value === 0 || (value - 1) * (value - 1) < squared), `${i}→${j}`);
      }),
    );
  });

  it('scales ready, due and service times exactly (the files hold integers)', () => {
    const scaled = scaleInstance(tinySolomon());
    assert.deepEqual([...scaled.readyTime], [0, 0, 0, 600_000]);
    assert.deepEqual([...scaled.dueTime], [2_000_000, 500_000, 390_000, 800_000]);
    assert.deepEqual([...scaled.serviceTime], [0, 0, 0, 100_000]);
  });

  it('rounds travel times up, so a route feasible after scaling is feasible in doubles (a tight one may be lost)', () => {
    const instance = tinySolomon();
    const routes = [[1, 2], [3]];
    assert.deepEqual(checkRoutes(doubleCheckView(instance), routes), []);
    // Arrival at 2 is √170 + √674 = 38.99991… ≤ 39 in real numbers, but rounded up the legs are
    // 130,385 + 259,616 = 390,001 > 390,000: the scaled model is conservative and rejects it.
    assert.equal(checkRoutes(scaledCheckView(instance, scaleInstance(instance)), routes).length, 1);
    assert.equal(ceilScaledDistance({ x: 0, y: 0 }, { x: 1, y: 13 }, SCALE_FACTOR), 130_385);
    assert.equal(ceilScaledDistance({ x: 0, y: 0 }, { x: 3, y: 4 }, SCALE_FACTOR), 50_000, 'exact distances stay exact');
  });

  it('keeps a Li & Lim solution feasible', () => {
    const instance = tinyLiLim();
    assert.deepEqual(checkRoutes(scaledCheckView(instance, scaleInstance(instance)), [[1, 2], [3, 4]]), []);
  });

  it('keeps a route that is late by more than one unit per leg infeasible', () => {
    const instance = tinySolomon();
    const routes = [[2, 1], [3]];
    assert.equal(checkRoutes(doubleCheckView(instance), routes).length, 1);
    assert.match(checkRoutes(scaledCheckView(instance, scaleInstance(instance)), routes).join(), /route 1: service at customer 1 starts at 647\d{3}, after its due time 500000/);
  });

  it('throws when a scaled value does not fit an Int32', () => {
    const node = (x: number) => ({ x, y: 0, readyTime: 0, dueTime: 300_000, serviceTime: 0 });
    assert.throws(() => scaleInstance({ name: 'long', nodes: [node(0), node(1)] }), /^RangeError: long: due time of node 0 × 10000 = 3000000000 does not fit an Int32; use a smaller scale factor$/);
    assert.throws(() => scaleInstance(tinySolomon(), 0.5), /scale factor must be an integer ≥ 1, got 0.5/);
  });
});

describe('floorSqrt', () => {
  it('is exact at and around perfect squares, up to 2^53', () => {
    for (const root of [0, 1, 2, 3, 46_340, 99_999, 94_906_265]) {
      assert.equal(floorSqrt(root * root), root);
      if (root > 0) assert.equal(floorSqrt(root * root - 1), root - 1);
      if (root > 0) assert.equal(floorSqrt(root * root + 1), root);
    }
    assert.equal(floorSqrt(Number.MAX_SAFE_INTEGER), 94_906_265);
  });
});

describe('floorScaledDistance', () => {
  it('refuses non-integer coordinates, whose square root it cannot floor exactly', () => {
    assert.throws(() => floorScaledDistance({ x: 0.5, y: 0 }, { x: 0, y: 0 }, 10), /exact scaled distances need integer coordinates/);
  });
});
