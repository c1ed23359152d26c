import assert from 'node:assert/strict';
import { HeatmapSnapshot, rebalanceCellsFromHeatmap, resolveDispatchConfig, suggestRebalancing } from '@o2o/dispatch-core';
import { H3Heatmap, destination } from '@o2o/geo';

const T0 = 1_700_000_000;
const HOT = [2.3522, 48.8566] as const;
const IDLE = destination(HOT[0], HOT[1], 90, 1500);

describe('rebalanceCellsFromHeatmap', () => {
  const heatmap = new H3Heatmap({ resolution: 8, windowSec: 900, smoothingK: 0 });
  for (let i = 0; i < 3; i++) heatmap.add('demand', HOT[0], HOT[1], T0);
  for (let i = 0; i < 2; i++) heatmap.add('supply', IDLE[0], IDLE[1], T0);
  const snapshot = HeatmapSnapshot.fromHeatmap(heatmap);

  it('gives each cell its centre, radius and scaled counts', () => {
    const cells = rebalanceCellsFromHeatmap(snapshot, { demandScale: 2, supplyScale: 0.5 });
    assert.deepEqual(
      cells.map((c) => [c.demand, c.supply]),
      snapshot.cells.map((c) => [c.smoothedDemand * 2, c.smoothedSupply * 0.5]),
    );
    assert.deepEqual(cells.map((c) => [c.cell, c.center, c.radiusM]), snapshot.cells.map((c) => [c.cell, c.center, c.radiusM]));
    assert.deepEqual(rebalanceCellsFromHeatmap(snapshot, { smoothed: false }).map((c) => c.demand).sort(), [0, 3]);
  });

  it('feeds suggestRebalancing end to end: idle riders go to the busy cell', () => {
    const cells = rebalanceCellsFromHeatmap(snapshot);
    const riders = [
      { id: 'a', position: IDLE },
      { id: 'b', position: IDLE },
    ];
    const hot = snapshot.cellAt(HOT[0], HOT[1]);
    const moves = suggestRebalancing({ cells, riders }, resolveDispatchConfig());
    assert.deepEqual(moves.map((m) => [m.riderId, m.fromCell, m.toCell]), [
      ['a', snapshot.cellAt(IDLE[0], IDLE[1]), hot],
      ['b', snapshot.cellAt(IDLE[0], IDLE[1]), hot],
    ]);
  });
});
