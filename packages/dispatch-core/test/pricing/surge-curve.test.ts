import assert from 'node:assert/strict';
import { DEFAULT_DISPATCH_CONFIG, resolveDispatchConfig, surgeMultiplierOfRatio, surgeTargetMultiplier } from '@o2o/dispatch-core';
import { mulberry32 } from '@o2o/geo';

const SURGE = DEFAULT_DISPATCH_CONFIG.pricing.surge; // threshold 1.2, cap ratio 3, max 2, min demand 1

describe('surge curve', () => {
  const cases: [ratio: number, multiplier: number][] = [
    [0, 1],
    [1, 1],
    [1.2, 1],
    [2.1, 1.5],
    [2.55, 1.75],
    [3, 2],
    [10, 2],
    [Infinity, 2],
    [Number.NaN, 1],
  ];
  for (const [ratio, multiplier] of cases) {
    it(`maps ratio ${ratio} to ${multiplier}`, () => {
      assert.ok(Math.abs(surgeMultiplierOfRatio(ratio, SURGE) - multiplier) < 1e-12);
    });
  }

  it('stays in [1, maxMultiplier] and never decreases with the ratio', () => {
    const rng = mulberry32(7);
    const surge = resolveDispatchConfig({ pricing: { surge: { thresholdRatio: 0.5, capRatio: 4, maxMultiplier: 3.5 } } }).pricing.surge;
    const ratios = Array.from({ length: 500 }, () => rng() * 6).sort((a, b) => a - b);
    let prev = 1;
    for (const ratio of ratios) {
      const m = surgeMultiplierOfRatio(ratio, surge);
      assert.ok(m >= 1 && m <= 3.5 && m >= prev, `ratio ${ratio} → ${m}`);
      prev = m;
    }
  });

  it('is off with maxMultiplier 1', () => {
    const surge = resolveDispatchConfig({ pricing: { surge: { maxMultiplier: 1 } } }).pricing.surge;
    assert.equal(surgeMultiplierOfRatio(Infinity, surge), 1);
  });

  it('reads the ratio as demand over supply', () => {
    assert.deepEqual(surgeTargetMultiplier(6, 4, SURGE), { ratio: 1.5, multiplier: 1 + (0.3 / 1.8) });
    assert.deepEqual(surgeTargetMultiplier(5, 0, SURGE), { ratio: Infinity, multiplier: 2 });
    assert.deepEqual(surgeTargetMultiplier(0, 0, SURGE), { ratio: 0, multiplier: 1 });
  });

  it('does not surge below minDemand, however scarce the supply', () => {
    assert.equal(surgeTargetMultiplier(0.99, 0, SURGE).multiplier, 1);
    assert.equal(surgeTargetMultiplier(1, 0, SURGE).multiplier, 2);
  });
});
