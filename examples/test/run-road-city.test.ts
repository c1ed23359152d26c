import assert from 'node:assert/strict';
import { runRoadCity } from '@o2o/examples';

describe('road-city example', () => {
  it('plans riders over road travel times, with the off-road address answered by the fallback', async () => {
    const s = await runRoadCity({ seed: 3, numOrders: 10, numRiders: 3, timeLimitMs: 300 });
    assert.equal(s.graph.source, 'grid');
    assert.equal(s.feasible, true);
    assert.equal(s.violations, 0);
    // The off-road address is one row and one column of the matrix: 2n − 1 fallback cells.
    assert.equal(s.fallbackCells, 2 * s.numLocations - 1);
    assert.equal(s.roadCells, s.numLocations * s.numLocations - s.fallbackCells);
    assert.ok(s.roadDetourFactor > 1 && s.roadDetourFactor < 2, `road distance ÷ great-circle distance = ${s.roadDetourFactor}`);
    const served = s.routes.flatMap((r) => r.stops.filter((x) => x.startsWith('delivery:')));
    assert.equal(served.length + s.unassigned.length, 11, 'every order is served or reported');
    assert.ok(s.firstLeg && s.firstLeg.points >= 2 && s.firstLeg.durationSec > 0);
  });
});
