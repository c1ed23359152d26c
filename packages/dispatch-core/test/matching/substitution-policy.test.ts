import assert from 'node:assert/strict';
import {
  DEFAULT_MATCH_COST_WEIGHTS,
  DispatchInputError,
  InventoryReservations,
  OrderStoreMatcher,
  SubstituteCatalogue,
  isCompleteMatch,
  planCostSec,
  type Store,
} from '@o2o/dispatch-core';
import { T0, basket, shop, tableTravelTime } from './match-fixtures.js';

const catalogue = SubstituteCatalogue.build({
  products: [
    { sku: 'milk', category: 'dairy', brand: 'Alpina', size: { value: 1000, unit: 'ml' } },
    { sku: 'milk-colanta', category: 'dairy', brand: 'Colanta', size: { value: 1000, unit: 'ml' } }, // 0.8
    { sku: 'milk-small', category: 'dairy', brand: 'Alpina', size: { value: 500, unit: 'ml' } }, // 0.85
    { sku: 'kefir', category: 'dairy' }, // 0.5
    { sku: 'apple', category: 'fruit' },
    { sku: 'bread', category: 'bakery' },
  ],
});

/** Milk is out everywhere; B holds two substitutes of it. */
const ORDER = basket(['apple', 2], ['bread', 1], ['milk', 1]);

function setup(stores: Store[], travel: Record<string, number>) {
  const reservations = new InventoryReservations(stores);
  const matcher = OrderStoreMatcher.build(stores, { travelTime: tableTravelTime(stores, travel), catalogue, stock: reservations });
  return { matcher, reservations };
}

describe('substitution policies', () => {
  const b = shop('B', 0.002, { apple: 5, bread: 5, 'milk-colanta': 3, 'milk-small': 3, kefir: 9 });

  it("never: no substitutes; the milk line is missing (out_of_stock) and the match is partial", () => {
    const { matcher } = setup([b], { B: 200 });
    const got = matcher.match(ORDER, { policy: 'never' });
    assert.equal(got.status, 'partial');
    assert.ok(!isCompleteMatch(got));
    assert.deepEqual(got.missing, [{ sku: 'milk', quantity: 1, reason: 'out_of_stock' }]);
    assert.deepEqual(got.plan.lines.map((l) => l.sku), ['apple', 'bread']);
    assert.deepEqual(got.proposals, []);
    assert.equal(matcher.match(ORDER).status, 'partial', 'never is the default');
  });

  it('allow: substitutes the most similar product automatically', () => {
    const { matcher } = setup([b], { B: 200 });
    const got = matcher.match(ORDER, { policy: 'allow' });
    assert.equal(got.status, 'substituted');
    assert.ok(isCompleteMatch(got));
    const milk = got.plan.lines.find((l) => l.substituteFor === 'milk');
    assert.deepEqual(milk, { storeIdx: 0, storeId: 'B', sku: 'milk-small', quantity: 1, substituteFor: 'milk', similarity: 0.85 });
    // 200 + 900 · (1/4) · (1 − 0.85).
    assert.ok(Math.abs(got.costSec - (200 + 900 * 0.25 * 0.15)) < 1e-9);
    assert.ok(Math.abs(planCostSec(got.plan, got.missing, got.ranked, DEFAULT_MATCH_COST_WEIGHTS) - got.costSec) < 1e-9);
  });

  it('allow: takes the next substitute when the best is short, and respects minSimilarity', () => {
    const { matcher } = setup([b], { B: 200 });
    assert.equal(matcher.match(basket(['milk', 3]), { policy: 'allow' }).plan.lines[0]?.sku, 'milk-small');
    const shortOfBest = setup([shop('S', 0.002, { 'milk-small': 1, 'milk-colanta': 3 })], { S: 200 }).matcher;
    const next = shortOfBest.match(basket(['milk', 2]), { policy: 'allow' });
    assert.deepEqual(next.plan.lines.map((l) => [l.sku, l.similarity]), [['milk-colanta', 0.8]]);
    const four = matcher.match(basket(['milk', 4]), { policy: 'allow' });
    // Neither milk-small (3) nor milk-colanta (3) has 4; kefir (0.5) is below the default 0.6.
    assert.equal(four.status, 'unmatched');
    const low = matcher.match(basket(['milk', 4]), { policy: 'allow', minSimilarity: 0.5 });
    assert.equal(low.plan.lines[0]?.sku, 'kefir');
    const strict = matcher.match(ORDER, { policy: 'allow', minSimilarity: 0.9 });
    assert.equal(strict.status, 'partial');
    assert.deepEqual(strict.missing, [{ sku: 'milk', quantity: 1, reason: 'no_substitute' }]);
  });

  it('allow: the ordered product at a second store beats a substitute at the first', () => {
    const c = shop('C', 0.003, { milk: 2 });
    const { matcher } = setup([b, c], { B: 200, C: 900 });
    const got = matcher.match(ORDER, { policy: 'allow' });
    assert.equal(got.status, 'split');
    assert.deepEqual(got.plan.lines.map((l) => [l.storeId, l.sku]), [['B', 'apple'], ['B', 'bread'], ['C', 'milk']]);
    // With maxStores 1 the substitute is the only way to be complete.
    assert.equal(matcher.match(ORDER, { policy: 'allow', maxStores: 1 }).status, 'substituted');
  });

  it('ask: proposes the substitute without putting it in the plan; nothing of it is reserved until confirmed', () => {
    const { matcher, reservations } = setup([b], { B: 200 });
    const asked = matcher.match(ORDER, { policy: 'ask' });
    assert.equal(asked.status, 'needs_confirmation');
    assert.ok(!isCompleteMatch(asked));
    assert.deepEqual(asked.plan.lines.map((l) => l.sku), ['apple', 'bread']);
    assert.deepEqual(asked.proposals, [{ storeIdx: 0, storeId: 'B', sku: 'milk-small', quantity: 1, substituteFor: 'milk', similarity: 0.85 }]);
    assert.deepEqual(asked.missing, []);
    assert.equal(reservations.availableOf('B', 'milk-small'), 3, 'matching reserves nothing');

    const confirmed = matcher.confirmSubstitutes(asked, ['milk']);
    assert.equal(confirmed.status, 'substituted');
    assert.deepEqual(confirmed.proposals, []);
    assert.deepEqual(confirmed.plan.lines.map((l) => l.sku), ['apple', 'bread', 'milk-small']);
    assert.ok(Math.abs(confirmed.costSec - asked.costSec) < 1e-9);
    const held = reservations.reserve(confirmed.plan, T0);
    assert.ok(held.ok);
    assert.equal(reservations.availableOf('B', 'milk-small'), 2);
    assert.equal(reservations.availableOf('B', 'apple'), 3);
    assert.equal(matcher.confirmSubstitutes(confirmed, []), confirmed, 'confirming again changes nothing');
  });

  it('ask: a declined substitute becomes a missing line and the match is partial', () => {
    const { matcher } = setup([b], { B: 200 });
    const asked = matcher.match(ORDER, { policy: 'ask' });
    const declined = matcher.confirmSubstitutes(asked, []);
    assert.equal(declined.status, 'partial');
    assert.deepEqual(declined.missing, [{ sku: 'milk', quantity: 1, reason: 'substitute_declined' }]);
    assert.deepEqual(declined.plan.lines.map((l) => l.sku), ['apple', 'bread']);
    // 200 + 1800 · 1/4 left out.
    assert.equal(declined.costSec, 650);
    assert.throws(() => matcher.confirmSubstitutes(asked, ['apple']), (e: unknown) => e instanceof DispatchInputError && e.field === 'acceptedSkus[0]');
  });

  it('ask: a store that only holds the substitute may join as the second store', () => {
    const onlyBasics = shop('P', 0.001, { apple: 5, bread: 5 });
    const onlyDairy = shop('D', 0.004, { 'milk-colanta': 1 });
    const { matcher } = setup([onlyBasics, onlyDairy], { P: 100, D: 300 });
    const asked = matcher.match(ORDER, { policy: 'ask' });
    assert.equal(asked.status, 'needs_confirmation');
    assert.deepEqual(asked.plan.stores.map((s) => s.storeId), ['P']);
    assert.deepEqual(asked.proposals.map((p) => [p.storeId, p.sku]), [['D', 'milk-colanta']]);
    const confirmed = matcher.confirmSubstitutes(asked, ['milk']);
    assert.deepEqual(confirmed.plan.stores.map((s) => s.storeId), ['P', 'D']);
  });
});
