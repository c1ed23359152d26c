import assert from 'node:assert/strict';
import {
  DEFAULT_MATCH_COST_WEIGHTS,
  DispatchInputError,
  OrderStoreMatcher,
  planCostSec,
  straightLineStoreTravelTime,
  type Store,
} from '@o2o/dispatch-core';
import { StraightLineProvider, mulberry32 } from '@o2o/geo';
import { assertInputError } from '../helpers/assert-input-error.js';
import { DROP_OFF, T0, basket, shop, tableTravelTime } from './match-fixtures.js';

/** The order of most tests: 2 apple + 1 bread + 1 milk = 4 units. */
const ORDER = basket(['apple', 2], ['bread', 1], ['milk', 1]);

function matcherOf(stores: Store[], travelSec: Record<string, number>): OrderStoreMatcher {
  return OrderStoreMatcher.build(stores, { travelTime: tableTravelTime(stores, travelSec) });
}

describe('OrderStoreMatcher ranking', () => {
  const a = shop('A', 0.001, { apple: 5, bread: 5, milk: 5 });
  const b = shop('B', 0.002, { apple: 5, bread: 5 });
  const c = shop('C', 0.003, { milk: 5 });

  it('ranks candidates by travel + missingShare × (1 − completeness) + load × openOrders/capacity (hand-computed)', () => {
    const matcher = matcherOf([a, b, c], { A: 300, B: 200, C: 100 });
    const got = matcher.match(ORDER, { loads: { A: { openOrders: 2, capacity: 4 } } });
    // A: 300 + 1800·0 + 600·(2/4) = 600; B: 200 + 1800·(1/4) = 650; C: 100 + 1800·(3/4) = 1450.
    assert.deepEqual(
      got.ranked.map((r) => [r.storeId, r.costSec, r.completeness, r.loadRatio, r.travelTimeSec]),
      [
        ['A', 600, 1, 0.5, 300],
        ['B', 650, 0.75, 0, 200],
        ['C', 1450, 0.25, 0, 100],
      ],
    );
    assert.equal(got.status, 'single');
    assert.deepEqual(got.plan.stores.map((s) => s.storeId), ['A']);
    assert.equal(got.costSec, 600);
  });

  it('re-ranks when the load changes (a full-ish store loses its lead)', () => {
    const matcher = matcherOf([a, b, c], { A: 300, B: 200, C: 100 });
    const got = matcher.match(ORDER, { loads: new Map([['A', { openOrders: 3, capacity: 4 }]]) });
    // A: 300 + 600·0.75 = 750 > B's 650.
    assert.deepEqual(got.ranked.map((r) => r.storeId), ['B', 'A', 'C']);
    assert.equal(got.ranked[1]!.costSec, 750);
    // Only A has everything, so it still gets the order.
    assert.deepEqual(got.plan.stores.map((s) => s.storeId), ['A']);
  });

  it('drops stores at full load, and says so when that leaves none', () => {
    const matcher = matcherOf([a, b, c], { A: 300, B: 200, C: 100 });
    const got = matcher.match(ORDER, { loads: { A: { openOrders: 4, capacity: 4 } } });
    assert.ok(!got.ranked.some((r) => r.storeId === 'A'));
    assert.equal(got.status, 'split');
    const none = matcherOf([a], { A: 300 }).match(ORDER, { loads: { A: { openOrders: 5, capacity: 4 } } });
    assert.equal(none.status, 'unmatched');
    assert.equal(none.reason, 'stores_unavailable');
  });

  it('uses custom weights', () => {
    const matcher = OrderStoreMatcher.build([a, b, c], {
      travelTime: tableTravelTime([a, b, c], { A: 300, B: 200, C: 100 }),
      weights: { missingShare: 0 },
    });
    assert.deepEqual(matcher.match(ORDER).ranked.map((r) => [r.storeId, r.costSec]), [['C', 100], ['B', 200], ['A', 300]]);
    assert.throws(() => OrderStoreMatcher.build([a], { weights: { load: -1 } }), (e: unknown) => e instanceof DispatchInputError && e.field === 'weights.load');
  });
});

describe('OrderStoreMatcher plans', () => {
  it('prefers one store that has everything over a cheaper split', () => {
    const a = shop('A', 0.001, { apple: 5, bread: 5, milk: 5 });
    const b = shop('B', 0.002, { apple: 5, bread: 5 });
    const c = shop('C', 0.003, { milk: 5 });
    const got = matcherOf([a, b, c], { A: 900, B: 200, C: 100 }).match(ORDER);
    // The split B + C would cost 200 + 100 + 300 (extra store) = 600 < 900.
    assert.equal(got.status, 'single');
    assert.deepEqual(got.plan.stores.map((s) => s.storeId), ['A']);
    assert.equal(got.costSec, 900);
    assert.deepEqual(got.plan.lines.map((l) => [l.storeId, l.sku, l.quantity]), [['A', 'apple', 2], ['A', 'bread', 1], ['A', 'milk', 1]]);
  });

  it('splits over two stores when no store has everything, each line at the cheaper store holding it', () => {
    const b = shop('B', 0.002, { apple: 5, bread: 5, milk: 1 });
    const b2 = shop('B2', 0.004, { apple: 5, bread: 5 });
    const c = shop('C', 0.003, { milk: 5 });
    // B lacks the second unit of milk, so no store has everything; B + C beats B2 + C (800).
    const order = basket(['apple', 2], ['bread', 1], ['milk', 2]);
    const got = matcherOf([b, b2, c], { B: 200, B2: 400, C: 100 }).match(order);
    assert.equal(got.status, 'split');
    assert.deepEqual(got.plan.stores.map((s) => s.storeId), ['C', 'B']);
    assert.deepEqual(got.plan.lines.map((l) => [l.storeId, l.sku]), [['B', 'apple'], ['B', 'bread'], ['C', 'milk']]);
    // 200 + 100 + 300 for the second store.
    assert.equal(got.costSec, 600);
    assert.equal(planCostSec(got.plan, got.missing, got.ranked, DEFAULT_MATCH_COST_WEIGHTS), got.costSec);
  });

  it('never splits over more than maxStores stores: the rest is missing, with the reason', () => {
    const stores = [shop('X', 0.001, { apple: 5 }), shop('Y', 0.002, { bread: 5 }), shop('Z', 0.003, { milk: 5 })];
    const matcher = matcherOf(stores, { X: 100, Y: 200, Z: 300 });
    const two = matcher.match(ORDER);
    assert.equal(two.status, 'partial');
    assert.equal(two.plan.stores.length, 2);
    // Keeps the two lines with the most units: apple (2) and one more.
    assert.deepEqual(two.plan.stores.map((s) => s.storeId), ['X', 'Y']);
    assert.deepEqual(two.missing, [{ sku: 'milk', quantity: 1, reason: 'exceeds_max_stores' }]);
    const three = matcher.match(ORDER, { maxStores: 3 });
    assert.equal(three.status, 'split');
    assert.equal(three.plan.stores.length, 3);
    assert.equal(three.costSec, 100 + 200 + 300 + 2 * 300);
  });

  it('reports out_of_stock lines under policy never', () => {
    const stores = [shop('A', 0.001, { apple: 5, bread: 5 })];
    const got = matcherOf(stores, { A: 100 }).match(ORDER);
    assert.equal(got.status, 'partial');
    assert.deepEqual(got.missing, [{ sku: 'milk', quantity: 1, reason: 'out_of_stock' }]);
    // 100 + 1800 · 1/4 left out.
    assert.equal(got.costSec, 550);
  });

  it('explains an unmatched order: outside the zones, no stock, closed, unreachable', () => {
    const a = shop('A', 0.001, { apple: 5, bread: 5, milk: 5 }, { openingHours: [{ opensAt: T0 + 3600, closesAt: T0 + 7200 }] });
    const matcher = matcherOf([a], { A: 100 });
    assert.equal(matcher.match(ORDER).reason, 'stores_unavailable');
    assert.equal(matcher.match(ORDER, { requireOpen: false }).status, 'single');
    assert.equal(matcher.match(ORDER, { departAt: T0 + 3600 }).status, 'single');
    assert.equal(matcher.match(basket(['caviar', 1])).reason, 'out_of_stock');
    const unreachable = OrderStoreMatcher.build([a], { travelTime: (locations) => locations.map(() => -1) });
    assert.equal(unreachable.match(ORDER, { requireOpen: false }).reason, 'unreachable');
    const zone = {
      type: 'Feature' as const,
      id: 'z1',
      properties: {},
      geometry: { type: 'Polygon' as const, coordinates: [[[-74.06, 4.65], [-74.04, 4.65], [-74.04, 4.67], [-74.06, 4.67], [-74.06, 4.65]]] },
    };
    const zoned = OrderStoreMatcher.build([a], { zones: [zone], travelTime: tableTravelTime([a], { A: 100 }) });
    const outside = zoned.match({ ...ORDER, dropOff: [-74.2, 4.66] }, { requireOpen: false });
    assert.equal(outside.status, 'unmatched');
    assert.equal(outside.reason, 'outside_zones');
    assert.deepEqual(zoned.match(ORDER, { requireOpen: false }).zoneIds, ['z1']);
  });

  it('keeps to radiusM and maxCandidates', () => {
    const near = shop('near', 0.001, { apple: 5, bread: 5 });
    const far = shop('far', 0.05, { apple: 5, bread: 5, milk: 5 });
    const matcher = matcherOf([near, far], { near: 100, far: 900 });
    assert.equal(matcher.match(ORDER).status, 'single');
    const close = matcher.match(ORDER, { radiusM: 1000 });
    assert.deepEqual(close.ranked.map((r) => r.storeId), ['near']);
    assert.equal(close.status, 'partial');
    assert.deepEqual(matcher.match(ORDER, { maxCandidates: 1 }).ranked.map((r) => r.storeId), ['near']);
  });

  it('works with straight-line travel times (geo matrixSync)', () => {
    const stores = [shop('A', 0.01, { apple: 5, bread: 5, milk: 5 }), shop('B', 0.002, { apple: 5, bread: 5, milk: 5 })];
    const provider = new StraightLineProvider();
    const matcher = OrderStoreMatcher.build(stores, { travelTime: straightLineStoreTravelTime(provider, 'bike') });
    const got = matcher.match(ORDER);
    assert.deepEqual(got.ranked.map((r) => r.storeId), ['B', 'A']);
    const expected = provider.durationSync(stores[1]!.location, DROP_OFF, T0, { mode: 'bike' }).durationSec;
    assert.equal(got.ranked[0]!.travelTimeSec, expected);
    assert.ok(expected > 0);
  });

  it('validates its options and the travel-time answer', () => {
    const matcher = matcherOf([shop('A', 0.001, { apple: 1 })], { A: 1 });
    assertInputError(() => matcher.match(ORDER, { maxStores: 0 }), { code: 'INVALID_INPUT', field: 'options.maxStores', got: '0' });
    assertInputError(() => matcher.match(ORDER, { policy: 'maybe' as never }), { code: 'INVALID_INPUT', field: 'options.policy', got: '"maybe"' });
    assertInputError(() => matcher.match(ORDER, { minSimilarity: 2 }), { code: 'INVALID_INPUT', field: 'options.minSimilarity', got: '2' });
    assertInputError(() => matcher.match({ dropOff: DROP_OFF, items: ORDER.items }), { code: 'INVALID_INPUT', field: 'options.departAt', got: 'undefined' });
    assertInputError(() => matcher.match(ORDER, { loads: { A: { openOrders: 1, capacity: 0 } } }), {
      code: 'INVALID_INPUT',
      field: 'loads["A"].capacity',
      got: '0',
    });
    assertInputError(() => matcher.match(basket(['apple', 0])), { code: 'INVALID_INPUT', field: 'items[0].quantity', got: '0' });
    const short = OrderStoreMatcher.build([shop('A', 0.001, { apple: 1 })], { travelTime: () => [] });
    assert.throws(() => short.match(basket(['apple', 1])), (e: unknown) => e instanceof DispatchInputError && e.field === 'travelTime()');
  });
});

describe('OrderStoreMatcher vs brute force (random small cities)', () => {
  it('finds a cover within maxStores whenever one exists, at the least cost among the fewest stores', () => {
    const skus = ['a', 'b', 'c', 'd', 'e'];
    let numCovered = 0;
    let numSplit = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const rng = mulberry32(seed);
      const numStores = 2 + Math.floor(rng() * 5);
      const stores = Array.from({ length: numStores }, (_, i) =>
        shop(`s${i}`, 0.001 * (i + 1), Object.fromEntries(skus.map((sku) => [sku, rng() < 0.45 ? 1 + Math.floor(rng() * 3) : 0]))),
      );
      const travel = Object.fromEntries(stores.map((s) => [s.id, 60 + Math.floor(rng() * 900)]));
      const lines = skus.filter(() => rng() < 0.6).map((sku): [string, number] => [sku, 1 + Math.floor(rng() * 2)]);
      if (lines.length === 0) continue;
      const maxStores = 1 + Math.floor(rng() * 3);
      const order = basket(...lines);
      const got = matcherOf(stores, travel).match(order, { maxStores });
      const best = bruteForceCover(stores, travel, lines, maxStores);
      if (best === undefined) {
        assert.notEqual(got.status, 'single', `seed ${seed}`);
        assert.notEqual(got.status, 'split', `seed ${seed}`);
        continue;
      }
      numCovered++;
      if (best.size > 1) numSplit++;
      assert.equal(got.status, best.size === 1 ? 'single' : 'split', `seed ${seed}`);
      assert.equal(got.plan.stores.length, best.size, `seed ${seed}`);
      assert.ok(Math.abs(got.costSec - best.costSec) < 1e-9, `seed ${seed}: ${got.costSec} vs ${best.costSec}`);
      assert.ok(got.isExhaustive);
    }
    assert.ok(numCovered > 100 && numSplit > 20, `covered ${numCovered}, split ${numSplit}`);
  });
});

/** Fewest stores, then least cost, over every subset of ≤ maxStores stores covering each line in full at one store. */
function bruteForceCover(stores: Store[], travel: Record<string, number>, lines: [string, number][], maxStores: number) {
  let best: { size: number; costSec: number } | undefined;
  for (let mask = 1; mask < 1 << stores.length; mask++) {
    const subset = stores.filter((_, i) => mask & (1 << i));
    if (subset.length > maxStores) continue;
    const covers = lines.every(([sku, q]) => subset.some((s) => (s.inventory[sku] ?? 0) >= q));
    if (!covers) continue;
    const costSec = subset.reduce((sum, s) => sum + travel[s.id]!, 0) + 300 * (subset.length - 1);
    if (!best || subset.length < best.size || (subset.length === best.size && costSec < best.costSec)) best = { size: subset.length, costSec };
  }
  return best;
}

