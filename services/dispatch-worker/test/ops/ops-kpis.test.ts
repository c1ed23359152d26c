import assert from 'node:assert/strict';
import { computeOpsKpis, isAtRisk, MIN_RATE_PERIOD_SEC, type KpiInput } from '@o2o/dispatch-worker';

const COUNTS = { placed: 1, accepted: 1, ready: 1, assigned: 1, picked_up: 1, delivered: 7, cancelled: 2 };

function input(overrides: Partial<KpiInput> = {}): KpiInput {
  return {
    ordersInWindow: 30,
    rateWindowSec: 300,
    countingForSec: 3_600,
    ordersByStatus: COUNTS,
    // Click-to-door predictions of 600, 1200, 1800, 2400 s (and one order without a prediction).
    openOrders: [
      { placedAt: 1_000, etaAt: 1_600, atRisk: false },
      { placedAt: 1_000, etaAt: 2_200, atRisk: false },
      { placedAt: 1_000, etaAt: 2_800, atRisk: true },
      { placedAt: 1_000, etaAt: 3_400, atRisk: true },
      { placedAt: 1_000, etaAt: null, atRisk: false },
    ],
    riders: [{ busy: true }, { busy: false }, { busy: false }, { busy: true }, { busy: true }, { busy: false }, { busy: false }, { busy: false }],
    ...overrides,
  };
}

describe('ops KPIs', () => {
  it('computes each figure from its definition (checked by hand)', () => {
    const k = computeOpsKpis(input());
    assert.equal(k.ordersPerMin, 6, '30 orders over the 300 s window');
    assert.equal(k.ordersPerMinWindowSec, 300);
    assert.equal(k.meanEtaSec, 1_500, 'mean of 600, 1200, 1800, 2400');
    assert.equal(k.p90EtaSec, 2_400, 'nearest rank: the ⌈0.9 · 4⌉ = 4th smallest');
    assert.equal(k.ordersWithEta, 4);
    assert.equal(k.openOrders, 5);
    assert.equal(k.ordersAtRisk, 2);
    assert.equal(k.atRiskPct, 40);
    assert.equal(k.ridersOnShift, 8);
    assert.equal(k.ridersBusy, 3);
    assert.equal(k.riderUtilisationPct, 37.5);
    assert.deepEqual(k.ordersByStatus, COUNTS);
  });

  it('averages the order rate over the uptime while the window is not full, but over a minute at least', () => {
    assert.equal(computeOpsKpis(input({ countingForSec: 120 })).ordersPerMin, 15, '30 orders in 2 minutes');
    assert.equal(computeOpsKpis(input({ countingForSec: 120 })).ordersPerMinWindowSec, 120);
    assert.equal(computeOpsKpis(input({ countingForSec: 5 })).ordersPerMinWindowSec, MIN_RATE_PERIOD_SEC);
    assert.equal(computeOpsKpis(input({ countingForSec: 5 })).ordersPerMin, 30);
    assert.equal(computeOpsKpis(input({ ordersInWindow: 7, countingForSec: 200 })).ordersPerMin, 2.1);
  });

  it('gives null ETAs and zero shares when there is nothing to measure', () => {
    const k = computeOpsKpis(input({ openOrders: [], riders: [] }));
    assert.equal(k.meanEtaSec, null);
    assert.equal(k.p90EtaSec, null);
    assert.equal(k.atRiskPct, 0);
    assert.equal(k.riderUtilisationPct, 0);
  });

  it('counts an order at risk when predicted late or already past its promise', () => {
    assert.equal(isAtRisk(true, 2_000, 1_000), true);
    assert.equal(isAtRisk(false, 2_000, 2_000), false, 'at the promise: not yet');
    assert.equal(isAtRisk(false, 2_000, 2_001), true);
  });
});
