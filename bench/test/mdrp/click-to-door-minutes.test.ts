import assert from 'node:assert/strict';
import { clickToDoorMinutes, readMdrpInstance, runSim } from '@o2o/bench';
import { GreedyPolicy, MDRP_TIME_UNIT_SEC, type SimResult } from '@o2o/dispatch-core';
import { writeTinyData } from './mdrp-fixtures.js';

describe('clickToDoorMinutes', () => {
  it('is drop-off minus placement of every delivered order, in minutes, in order', () => {
    const outcome = (placedAt: number, pickupAt: number | null, dropoffAt: number | null) => ({ placedAt, readyAt: placedAt, assignedAt: pickupAt, pickupAt, dropoffAt, courier: pickupAt === null ? null : 0 });
    const result: SimResult = { policy: 'x', horizonEndSec: 0, orders: [outcome(60, 600, 960), outcome(0, null, null), outcome(120, 300, 1020)], itineraries: [], unassigned: [1], numBundles: 2, numDecisions: 1 };
    assert.deepEqual(clickToDoorMinutes(result), [15, 15]);
  });

  it('comes with every runSim, matching the hand-checked tiny instance (15, 16, 27 min)', () => {
    const data = writeTinyData();
    try {
      const { run, clickToDoorMin } = runSim(readMdrpInstance(data.mdrpDir), new GreedyPolicy(), { timeUnitSec: MDRP_TIME_UNIT_SEC });
      assert.deepEqual([...clickToDoorMin].sort((a, b) => a - b), [15, 16, 27]);
      assert.equal(clickToDoorMin.length, run.kpis.numDelivered);
    } finally {
      data.cleanup();
    }
  });
});
