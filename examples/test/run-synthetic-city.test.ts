import assert from 'node:assert/strict';
import { formatSummary, runSyntheticCity } from '@o2o/examples';

describe('synthetic-city example', () => {
  it('plans every servable order and accounts for every other one', async () => {
    const s = await runSyntheticCity({ seed: 5, numStores: 20, numRiders: 60, numOrders: 80 });
    const unserved = Object.values(s.unserved).reduce((a, b) => a + b, 0);
    assert.equal(s.plans.length + unserved, 80, 'no order is silently dropped');
    assert.ok(s.plans.length > 40, `only ${s.plans.length} plans`);
    for (const p of s.plans) {
      assert.ok(p.storeIds.length >= 1 && p.storeIds.length <= 3);
      assert.ok(p.riderIds.length >= 1 && p.riderIds.length <= 5);
      assert.equal(p.durationSec.length, p.storeIds.length * p.riderIds.length);
      assert.ok(p.storeIds.includes(p.chosenStoreId) && p.riderIds.includes(p.chosenRiderId));
      const r = p.riderIds.indexOf(p.chosenRiderId);
      const st = p.storeIds.indexOf(p.chosenStoreId);
      assert.equal(p.durationSec[r * p.storeIds.length + st], p.toStoreSec);
      assert.ok(p.deliveredAt >= p.placedAt + p.toStoreSec + p.toDropOffSec);
      assert.equal(p.lateSec, Math.max(0, p.deliveredAt - p.promisedBy));
    }
    assert.ok(s.hottest.length > 0 && s.hottest.length <= 5);
    for (let i = 1; i < s.hottest.length; i++) assert.ok(s.hottest[i - 1]!.smoothedDemand >= s.hottest[i]!.smoothedDemand);
  });

  it('is deterministic for a seed and prints a summary naming the hottest cells', async () => {
    const a = await runSyntheticCity({ seed: 11, numOrders: 40, numRiders: 40, numStores: 10 });
    const b = await runSyntheticCity({ seed: 11, numOrders: 40, numRiders: 40, numStores: 10 });
    assert.deepEqual(a.plans, b.plans);
    const text = formatSummary(a, 'test city');
    assert.match(text, /Hottest heatmap cells/);
    assert.ok(text.includes(a.hottest[0]!.h3));
  });
});
