import assert from 'node:assert/strict';
import { formatClassTable, summarizeByClass } from '@o2o/bench';
import { instanceResult } from '../fixtures/instance-result.js';

const bks = (vehicleDiff: number, gapPct: number) => ({ vehicles: 10, distance: 100, vehicleDiff, gapPct });

describe('summarizeByClass', () => {
  const results = [
    instanceResult({ instance: 'R101', class: 'R1', vehicles: 20, distance: 1700, timeMs: 300, bks: bks(1, 3) }),
    instanceResult({ instance: 'C101', class: 'C1', vehicles: 10, distance: 830, timeMs: 100, bks: bks(0, 1), bksDistanceObjective: bks(0, 0.5) }),
    instanceResult({ instance: 'C102', class: 'C1', vehicles: 11, distance: 900, timeMs: 200, bks: bks(1, 2) }),
    instanceResult({ instance: 'C103', class: 'C1', vehicles: 9, distance: 700, timeMs: 600, feasible: false, bks: bks(-1, -10) }),
    instanceResult({ instance: 'tiny', class: null, vehicles: 2, distance: 50, timeMs: 50, feasible: false }),
  ];

  it('groups by class in benchmark order, then other, then all', () => {
    assert.deepEqual(summarizeByClass(results).map((s) => [s.class, s.numInstances, s.numFeasible]), [['C1', 3, 2], ['R1', 1, 1], ['other', 1, 0], ['all', 5, 3]]);
  });

  it('averages vehicles, distances and gaps over feasible instances only, times over all', () => {
    const [c1] = summarizeByClass(results);
    assert.deepEqual(c1, {
      class: 'C1',
      numInstances: 3,
      numFeasible: 2,
      meanVehicles: 10.5,
      meanDistance: 865,
      totalVehicles: 21,
      totalDistance: 1730,
      meanVehicleDiff: 0.5,
      meanGapPct: 1.5,
      meanVehicleDiffDistanceObjective: 0,
      meanGapPctDistanceObjective: 0.5,
      meanTimeMs: 300,
    });
  });

  it('gives null where there is nothing to average, and no rows for no results', () => {
    const other = summarizeByClass(results).find((s) => s.class === 'other');
    assert.deepEqual([other?.meanVehicles, other?.meanGapPct, other?.totalDistance, other?.meanTimeMs], [null, null, 0, 50]);
    assert.deepEqual(summarizeByClass([]), []);
  });

  it('renders a table with a dash for missing means and signed gaps', () => {
    const table = formatClassTable(summarizeByClass(results)).split('\n');
    assert.equal(table.length, 2 + 4);
    assert.match(table[0] ?? '', /^\| Class +\| Feasible \| Mean veh \| .* \| Gap % \| Δveh-d \| Gap-d % \| Mean ms \|$/);
    assert.match(table[2] ?? '', /^\| C1 +\| +2\/3 \| +10\.50 \| +865\.00 \| +21 \| +1730\.00 \| +\+0\.50 \| +\+1\.50 \| +\+0\.00 \| +\+0\.50 \| +300 \|$/);
    assert.match(table[4] ?? '', /^\| other .*\| +- \| +- \| +- \| +- \| +50 \|$/);
  });
});
