import assert from 'node:assert/strict';
import { DEFAULT_DISPATCH_CONFIG } from '@o2o/dispatch-core';
import { H3Heatmap } from '@o2o/geo';
import { opsHeatCells } from '@o2o/dispatch-worker';

describe('ops heat cells', () => {
  const surge = DEFAULT_DISPATCH_CONFIG.pricing.surge;

  it("draws every cell of the heatmap as a closed hexagon with its counts and the curve's surge", () => {
    const heatmap = new H3Heatmap({ resolution: 8, windowSec: 300, smoothingK: 0 });
    const now = 1_790_000_000;
    // Cell A: demand well above the surge's evidence floor and no supply: capped surge.
    for (let i = 0; i < surge.minDemand + 10; i++) heatmap.add('demand', -74.08, 4.65, now);
    // Cell B (~3 km away): as much supply as demand: no surge.
    for (let i = 0; i < 3; i++) {
      heatmap.add('demand', -74.05, 4.67, now);
      heatmap.add('supply', -74.05, 4.67, now);
    }
    const cells = opsHeatCells(heatmap, now + 10, surge);
    assert.equal(cells.length, 2);
    const a = cells.find((c) => c.h3 === heatmap.cellOf(-74.08, 4.65))!;
    const b = cells.find((c) => c.h3 === heatmap.cellOf(-74.05, 4.67))!;
    assert.deepEqual([a.demand, a.supply, a.surge], [surge.minDemand + 10, 0, surge.maxMultiplier]);
    assert.deepEqual([b.demand, b.supply, b.surge], [3, 3, 1]);
    for (const c of cells) {
      assert.equal(c.ring.length, 7, 'a hexagon, closed');
      assert.deepEqual(c.ring[0], c.ring[6]);
    }
  });

  it('drops the cells whose events left the window', () => {
    const heatmap = new H3Heatmap({ resolution: 8, windowSec: 300, smoothingK: 0 });
    heatmap.add('demand', -74.08, 4.65, 1_000);
    assert.equal(opsHeatCells(heatmap, 1_200, surge).length, 1);
    assert.equal(opsHeatCells(heatmap, 1_300, surge).length, 0);
  });
});
