import assert from 'node:assert/strict';
import { formatCurveTable, formatFixed, formatInstanceTable, formatSigned, formatTable } from '@o2o/bench';
import { instanceResult } from '../fixtures/instance-result.js';

describe('formatTable', () => {
  it('pads a Markdown table, numbers right-aligned', () => {
    const table = formatTable([{ header: 'Name' }, { header: 'N', align: 'right' }], [['a', '1'], ['long-name', '1234']]);
    assert.equal(table, ['| Name      |    N |', '|-----------|-----:|', '| a         |    1 |', '| long-name | 1234 |'].join('\n'));
  });

  it('formats numbers with fixed decimals, an explicit sign for gaps, a dash for none', () => {
    assert.deepEqual([formatFixed(828.9369, 2), formatFixed(null, 2), formatFixed(Number.NaN, 2)], ['828.94', '-', '-']);
    assert.deepEqual([formatSigned(0.123, 2), formatSigned(-1, 2), formatSigned(-0.001, 2), formatSigned(0, 0), formatSigned(undefined, 2)], ['+0.12', '-1.00', '+0.00', '+0', '-']);
  });
});

describe('formatInstanceTable', () => {
  it('adds the distance-objective columns only when a result has that BKS, and flags infeasible rows', () => {
    const plain = formatInstanceTable([instanceResult({ bks: { vehicles: 10, distance: 828.94, vehicleDiff: 0, gapPct: 0 } })]);
    assert.doesNotMatch(plain, /Gap-d/);
    assert.match(plain, /\| C101 +\| C1 +\| +10 \| +828\.94 \| +10 \| +828\.94 \| +\+0\.00 \| +1000 \| yes +\|/);
    const infeasible = instanceResult({ instance: 'C102', feasible: false, violations: ['a', 'b'], unassigned: ['7'], bksDistanceObjective: { vehicles: 10, distance: 800, vehicleDiff: 0, gapPct: 3.6175 } });
    const table = formatInstanceTable([instanceResult(), infeasible]);
    assert.match(table, /Gap-d %/);
    assert.match(table, /\| C102 .* \| +\+3\.62 \| +1000 \| NO \(3\) +\|/);
  });
});

describe('formatCurveTable', () => {
  it('prints one row per improvement, with the gap once nothing is unassigned', () => {
    const curve = [
      { timeMs: 3.2, iteration: 0, vehicles: 11, unassigned: 2, cost: 1e9, distance: null },
      { timeMs: 250, iteration: 900, vehicles: 10, unassigned: 0, cost: 8_500_000, distance: 850 },
    ];
    const lines = formatCurveTable(curve, { vehicles: 10, distance: 800, vehicleDiff: 0, gapPct: 0 }).split('\n');
    assert.match(lines[2] ?? '', /^\| +3 \| +0 \| +11 \| +2 \| +- \| +- \|$/);
    assert.match(lines[3] ?? '', /^\| +250 \| +900 \| +10 \| +0 \| +850\.00 \| +\+6\.25 \|$/);
  });
});
