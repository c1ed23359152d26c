import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatCompareTable, formatSimRun, formatSimRunTable, formatSimSummary, readMdrpFloors, readMdrpInstance, readRappiInstance, runSim, summarizeSimRuns, writeLogFile } from '@o2o/bench';
import { GreedyPolicy, MDRP_TIME_UNIT_SEC } from '@o2o/dispatch-core';
import { writeTinyData } from './mdrp-fixtures.js';

describe('runSim on the tiny MDRP instance (greedy)', () => {
  it('delivers every order at the minutes computed by hand, with a clean checker and the floor', () => {
    const data = writeTinyData();
    try {
      const instance = readMdrpInstance(data.mdrpDir);
      const floorMin = readMdrpFloors(join(data.root, 'mdrp', 'instances')).get('tiny');
      assert.equal(floorMin, 12.5);
      const { run, log } = runSim(instance, new GreedyPolicy(), { timeUnitSec: MDRP_TIME_UNIT_SEC, floorMin: floorMin! });
      // o2 at 5: c2 at r2, pickup max(5 + 2, 15) = 15, leaves 17, 1 min, drop-off 20 (15 min).
      // o1 at 10: c1 at r1, pickup max(12, 20) = 20, leaves 22, 2 min, drop-off 26 (16 min), free 28.
      // o3 at 10: c1 back to r1 (2 min): 30, pickup max(32, 30) = 32, leaves 34, 1 min, drop-off 37 (27 min).
      assert.deepEqual(log.couriers, [
        {
          courier: 'c1',
          events: [
            { type: 'move', departAt: 10, to: 'r1' },
            { type: 'pickup', at: 20, assignedAt: 10, restaurant: 'r1', orders: ['o1'] },
            { type: 'move', departAt: 22, to: 'o1' },
            { type: 'dropoff', at: 26, order: 'o1' },
            { type: 'move', departAt: 28, to: 'r1' },
            { type: 'pickup', at: 32, assignedAt: 10, restaurant: 'r1', orders: ['o3'] },
            { type: 'move', departAt: 34, to: 'o3' },
            { type: 'dropoff', at: 37, order: 'o3' },
          ],
        },
        {
          courier: 'c2',
          events: [
            { type: 'move', departAt: 5, to: 'r2' },
            { type: 'pickup', at: 15, assignedAt: 5, restaurant: 'r2', orders: ['o2'] },
            { type: 'move', departAt: 17, to: 'o2' },
            { type: 'dropoff', at: 20, order: 'o2' },
          ],
        },
      ]);
      assert.equal(run.numViolations, 0);
      assert.equal(run.kpis.numDelivered, 3);
      assert.ok(Math.abs(run.kpis.clickToDoorMeanMin - (15 + 16 + 27) / 3) < 1e-9);
      assert.ok(Math.abs(run.aboveFloorMin! - ((15 + 16 + 27) / 3 - 12.5)) < 1e-9);
      assert.equal(run.maxClickToDoorMin, 90);

      const file = join(data.root, 'out', 'log.json');
      writeLogFile(file, log);
      assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), log);

      const summary = summarizeSimRuns('greedy', [run, run]);
      assert.deepEqual([summary.numInstances, summary.numOrders, summary.numDelivered, summary.numViolations], [2, 6, 6, 0]);
      assert.ok(Math.abs(summary.payPerOrder - run.kpis.payPerOrder) < 1e-9);
      assert.match(formatSimRun(run), /checker {14}0 violations/);
      assert.match(formatSimRunTable([run]), /^\| Instance .*\n\|-.*\n\| tiny /);
      assert.match(formatSimSummary(summary), /delivered 6 \/ 6 \(100\.00 %\)/);
      const compare = formatCompareTable(['greedy', 'other'], [{ instance: 'tiny', runs: [run, run] }], [summary, summary]);
      assert.match(compare, /Deliv greedy \| Deliv other/);
      assert.match(compare, /\| \*\*all\*\* +\| +6 \| +6 \|/);
    } finally {
      data.cleanup();
    }
  });

  it('runs a Rappi day with a clean checker (log in seconds)', () => {
    const data = writeTinyData();
    try {
      const instance = readRappiInstance(data.rappiDir);
      const { run } = runSim(instance, new GreedyPolicy(), { timeUnitSec: 1 });
      assert.equal(run.numViolations, 0);
      assert.equal(run.kpis.numDelivered, 3);
      assert.equal(run.aboveFloorMin, null);
    } finally {
      data.cleanup();
    }
  });
});
