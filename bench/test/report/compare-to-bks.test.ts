import assert from 'node:assert/strict';
import { BksTable, attachBks, compareToBks, gapPercent, primaryBks } from '@o2o/bench';
import { instanceResult } from '../fixtures/instance-result.js';

describe('compare-to-bks', () => {
  it('computes the gap in percent of the reference, positive when worse', () => {
    assert.equal(gapPercent(110, 100), 10);
    assert.equal(gapPercent(95, 100), -5);
    assert.ok(Math.abs(gapPercent(828.9369, 828.94) - -0.000374) < 1e-6);
    assert.throws(() => gapPercent(1, 0), /the reference of a gap must be > 0, got 0/);
  });

  it('compares vehicles and distance to a BKS entry', () => {
    assert.deepEqual(compareToBks(11, 1100, { instance: 'X', vehicles: 10, distance: 1000 }), { vehicles: 10, distance: 1000, vehicleDiff: 1, gapPct: 10 });
  });

  it('attaches the gap to each table listing the instance, and picks the one matching the objective', () => {
    const hierarchical = new BksTable([{ instance: 'C101', vehicles: 10, distance: 800 }]);
    const distanceObjective = new BksTable([{ instance: 'C101', vehicles: 11, distance: 790 }]);
    const result = instanceResult({ instance: 'C101', vehicles: 10, distance: 820 });
    const both = attachBks(result, { hierarchical, distanceObjective });
    assert.deepEqual(both.bks, { vehicles: 10, distance: 800, vehicleDiff: 0, gapPct: 2.5 });
    assert.equal(both.bksDistanceObjective?.vehicleDiff, -1);
    assert.equal(primaryBks(both), both.bksDistanceObjective);
    assert.equal(primaryBks({ ...both, objective: 'hierarchical' }), both.bks);
    const onlyHierarchical = attachBks(result, { hierarchical });
    assert.equal(onlyHierarchical.bksDistanceObjective, undefined);
    assert.equal(primaryBks(onlyHierarchical), onlyHierarchical.bks);
    assert.equal(attachBks({ ...result, instance: 'R101' }, { hierarchical }).bks, undefined);
  });
});
