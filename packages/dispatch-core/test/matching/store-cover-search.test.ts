import assert from 'node:assert/strict';
import { DEFAULT_MATCH_COST_WEIGHTS, countSubsets, searchStoreCover, type CoverLine, type CoverSearchInput } from '@o2o/dispatch-core';
import { mulberry32 } from '@o2o/geo';

/** Candidates given as `{ sku: units }` records with a per-store cost. */
function input(stock: Record<string, number>[], baseCostSec: number[], lines: CoverLine[], maxStores: number, maxSubsets?: number): CoverSearchInput {
  return {
    lines,
    numCandidates: stock.length,
    baseCostSec,
    availableOf: (c, sku) => stock[c]![sku] ?? 0,
    maxStores,
    weights: DEFAULT_MATCH_COST_WEIGHTS,
    ...(maxSubsets === undefined ? {} : { maxSubsets }),
  };
}

const line = (sku: string, quantity = 1, substitutes: CoverLine['substitutes'] = []): CoverLine => ({ sku, quantity, substitutes });

describe('searchStoreCover', () => {
  // The classic trap for greedy set cover: the store with the most lines (0) is in no 2-store cover.
  const trapStock: Record<string, number>[] = [
    { a: 1, b: 1, c: 1, d: 1 },
    { a: 1, b: 1, e: 1 },
    { c: 1, d: 1, f: 1 },
  ];
  const trapLines = ['a', 'b', 'c', 'd', 'e', 'f'].map((sku) => line(sku));

  it('finds the 2-store cover that greedy misses', () => {
    const { plan, isExhaustive } = searchStoreCover(input(trapStock, [10, 50, 50], trapLines, 2));
    assert.ok(isExhaustive);
    assert.deepEqual(plan?.candidates, [1, 2]);
    assert.equal(plan?.missingUnits, 0);
    assert.equal(plan?.costSec, 50 + 50 + 300);
  });

  it('falls back to greedy past maxSubsets, and says so', () => {
    const { plan, isExhaustive } = searchStoreCover(input(trapStock, [10, 50, 50], trapLines, 2, 1));
    assert.equal(isExhaustive, false);
    // Greedy takes store 0 first (4 lines) and cannot finish within 2 stores.
    assert.equal(plan?.candidates[0], 0);
    assert.ok(plan!.missingUnits > 0);
  });

  it('counts subsets of size 1 … k', () => {
    assert.equal(countSubsets(8, 2), 8 + 28);
    assert.equal(countSubsets(5, 5), 31);
    assert.equal(countSubsets(3, 0), 0);
  });

  it('takes the most similar substitute a chosen store holds, and never more stock than there is', () => {
    const subs = [
      { sku: 'milk-x', similarity: 0.9 },
      { sku: 'milk-y', similarity: 0.7 },
    ];
    // Two lines both wanting milk-x as a substitute, but only 2 units of it: the second takes milk-y.
    const lines = [line('milk', 2, subs), line('cream', 1, [{ sku: 'milk-x', similarity: 0.8 }, { sku: 'milk-y', similarity: 0.6 }]), line('apple')];
    const { plan } = searchStoreCover(input([{ 'milk-x': 2, 'milk-y': 5, apple: 1 }], [100], lines, 1));
    assert.deepEqual(
      plan?.assignment.map((a) => [a?.sku, a?.similarity]),
      [
        ['milk-x', 0.9],
        ['milk-y', 0.6],
        [ 'apple', 1],
      ],
    );
    assert.equal(plan?.numSubstituted, 2);
    // 100 + 900 · (2·0.1 + 1·0.4) / 4.
    assert.ok(Math.abs(plan!.costSec - (100 + (900 * 0.6) / 4)) < 1e-9);
  });

  it('prefers the line own sku at another store over a substitute at the same store', () => {
    const lines = [line('apple'), line('milk', 1, [{ sku: 'oat-milk', similarity: 0.95 }])];
    const { plan } = searchStoreCover(input([{ apple: 1, 'oat-milk': 1 }, { milk: 1 }], [100, 900], lines, 2));
    assert.deepEqual(plan?.candidates, [0, 1]);
    assert.equal(plan?.numSubstituted, 0);
  });

  it('random instances: assignments fit the stock, and the result is no worse than any single subset', () => {
    const skus = ['a', 'b', 'c', 'd'];
    for (let seed = 1; seed <= 200; seed++) {
      const rng = mulberry32(seed);
      const numStores = 1 + Math.floor(rng() * 5);
      const stock = Array.from({ length: numStores }, () => Object.fromEntries(skus.map((s) => [s, Math.floor(rng() * 3)])));
      const costs = stock.map(() => Math.floor(rng() * 1000));
      const lines = skus
        .filter(() => rng() < 0.5)
        .map((sku) => line(sku, 1 + Math.floor(rng() * 2), skus.filter((o) => o !== sku && rng() < 0.5).map((o) => ({ sku: o, similarity: 0.5 + rng() / 2 }))));
      if (lines.length === 0) continue;
      const maxStores = 1 + Math.floor(rng() * 2);
      const { plan } = searchStoreCover(input(stock, costs, lines, maxStores));
      if (plan === undefined) {
        // Then no store holds the full quantity of any line or substitute.
        assert.ok(lines.every((l) => stock.every((st) => (st[l.sku] ?? 0) < l.quantity && l.substitutes.every((s) => (st[s.sku] ?? 0) < l.quantity))), `seed ${seed}`);
        continue;
      }
      assert.ok(plan.candidates.length <= maxStores, `seed ${seed}`);
      const used = new Map<string, number>();
      plan.assignment.forEach((a, l) => {
        if (!a) return;
        assert.ok(plan.candidates.includes(a.candidate), `seed ${seed}`);
        const key = `${a.candidate}/${a.sku}`;
        used.set(key, (used.get(key) ?? 0) + lines[l]!.quantity);
      });
      for (const [key, units] of used) {
        const [c, sku] = key.split('/') as [string, string];
        assert.ok(units <= (stock[Number(c)]![sku] ?? 0), `seed ${seed}: ${key} over-assigned`);
      }
      // No single store leaves out fewer units than the chosen plan.
      for (let c = 0; c < numStores; c++) {
        const alone = searchStoreCover(input([stock[c]!], [costs[c]!], lines, 1)).plan;
        if (alone) assert.ok(alone.missingUnits >= plan.missingUnits, `seed ${seed}`);
      }
    }
  });
});
