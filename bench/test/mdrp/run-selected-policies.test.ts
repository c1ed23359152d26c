import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMdrpArgs, readMdrpInstance, runSelectedPolicies, writeClickToDoorChart } from '@o2o/bench';
import { MDRP_TIME_UNIT_SEC } from '@o2o/dispatch-core';
import { assertWellFormed, elements, legendNames } from '../charts/svg-elements.js';
import { writeTinyData } from './mdrp-fixtures.js';

describe('runSelectedPolicies', () => {
  it('runs greedy and ours on the same orders, keeping each policy\'s click-to-door for the chart', () => {
    const data = writeTinyData();
    try {
      const args = parseMdrpArgs(['tiny', '--compare']);
      const { runs, clickToDoor } = runSelectedPolicies(readMdrpInstance(data.mdrpDir), args, { timeUnitSec: MDRP_TIME_UNIT_SEC });
      assert.deepEqual(runs.map((r) => [r.policy, r.kpis.numDelivered, r.numViolations]), [['greedy', 3, 0], ['ours', 3, 0]]);
      assert.deepEqual(clickToDoor.map((c) => c.policy), ['greedy', 'ours']);
      assert.deepEqual([...clickToDoor[0]!.clickToDoorMin].sort((a, b) => a - b), [15, 16, 27]);

      const path = writeClickToDoorChart(join(data.root, 'charts'), ['mdrp', 'tiny'], 'MDRP tiny', clickToDoor);
      assert.equal(path, join(data.root, 'charts', 'mdrp-tiny-click-to-door.svg'));
      const svg = readFileSync(path, 'utf8');
      assertWellFormed(svg);
      assert.deepEqual(legendNames(svg)[0], 'greedy: n 3, mean 19.3 min, p90 27.0 min');
      assert.match(legendNames(svg)[1]!, /^ours: n 3, /);
      const counted = (series: string) => elements(svg, 'rect', 'bar').filter((b) => b.attrs['data-series'] === series).reduce((sum, b) => sum + Number(b.attrs['data-count']), 0);
      assert.deepEqual([counted('0'), counted('1')], [3, 3]);
    } finally {
      data.cleanup();
    }
  });

  it('writes the itinerary log of the one policy given', () => {
    const data = writeTinyData();
    try {
      const logFile = join(data.root, 'log.json');
      const { runs } = runSelectedPolicies(readMdrpInstance(data.mdrpDir), parseMdrpArgs(['tiny', '--log', logFile]), { timeUnitSec: MDRP_TIME_UNIT_SEC });
      assert.equal(runs.length, 1);
      const log = JSON.parse(readFileSync(logFile, 'utf8')) as { couriers: unknown[] };
      assert.equal(log.couriers.length, 2);
    } finally {
      data.cleanup();
    }
  });
});
