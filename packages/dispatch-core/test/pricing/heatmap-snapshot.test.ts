import assert from 'node:assert/strict';
import { HeatmapSnapshot } from '@o2o/dispatch-core';
import { H3Heatmap, destination, haversineDistanceM } from '@o2o/geo';

const T0 = 1_700_000_000;
const POINT = [2.3522, 48.8566] as const;

describe('HeatmapSnapshot', () => {
  const heatmap = new H3Heatmap({ resolution: 8, windowSec: 900 });
  for (let i = 0; i < 4; i++) heatmap.add('demand', POINT[0], POINT[1], T0);
  heatmap.add('supply', POINT[0], POINT[1], T0);
  const snapshot = HeatmapSnapshot.fromHeatmap(heatmap);
  const own = snapshot.cells.find((c) => c.demand === 4)!;

  it('holds every heatmap cell with raw and smoothed counts', () => {
    assert.equal(snapshot.cells.length, 7); // the cell and its 6 neighbours (k = 1)
    assert.deepEqual(
      snapshot.cells.map((c) => [c.cell, c.demand, c.supply, c.smoothedDemand, c.smoothedSupply]),
      heatmap.cells().map((c) => [c.h3, c.demand, c.supply, c.smoothedDemand, c.smoothedSupply]),
    );
    assert.deepEqual(snapshot.supplyDemandOf(own.cell), { demand: 1, supply: 0.25 });
    assert.deepEqual(snapshot.supplyDemandOf('nope'), { demand: 0, supply: 0 });
    assert.equal(snapshot.get(own.cell), own);
  });

  it('gives each cell its centre and circumradius (res 8: edge ~0.46–0.53 km)', () => {
    for (const c of snapshot.cells) {
      assert.ok(c.radiusM > 400 && c.radiusM < 600, String(c.radiusM));
    }
    assert.ok(haversineDistanceM(POINT[0], POINT[1], own.center[0], own.center[1]) < own.radiusM);
  });

  it('finds the cell of a position, and none far from every cell', () => {
    assert.equal(snapshot.cellAt(POINT[0], POINT[1]), own.cell);
    for (const c of snapshot.cells) assert.equal(snapshot.cellAt(c.center[0], c.center[1]), c.cell);
    const far = destination(POINT[0], POINT[1], 90, 5000);
    assert.equal(snapshot.cellAt(far[0], far[1]), undefined);
  });

  it('is empty, and places nothing, for an empty heatmap', () => {
    const empty = HeatmapSnapshot.fromHeatmap(new H3Heatmap());
    assert.deepEqual([empty.cells.length, empty.cellAt(POINT[0], POINT[1])], [0, undefined]);
  });
});
