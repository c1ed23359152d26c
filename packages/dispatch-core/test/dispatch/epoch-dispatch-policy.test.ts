import assert from 'node:assert/strict';
import { EpochDispatchPolicy, GreedyPolicy, MDRP_TIME_UNIT_SEC, checkItinerary, simKpis, simulate, toItineraryLog, type SimResult } from '@o2o/dispatch-core';
import { generatedMdrpLike } from '../simulation/fixtures/tiny-sim.js';

/** Two pickups at different stores with no drop-off between: a bundle spanning two stores. */
function twoStorePickups(result: SimResult): number {
  let count = 0;
  for (const events of result.itineraries) {
    const stops = events.filter((e) => e.type !== 'move');
    for (let i = 1; i < stops.length; i++) {
      const a = stops[i - 1]!;
      const b = stops[i]!;
      if (a.type === 'pickup' && b.type === 'pickup' && a.store !== b.store) count++;
    }
  }
  return count;
}

describe('dispatch: EpochDispatchPolicy in the simulator', () => {
  for (const seed of [3, 7, 11]) {
    it(`obeys every itinerary rule and beats greedy on a generated MDRP-like day (seed ${seed})`, () => {
      const instance = generatedMdrpLike(seed, 12, 300, 30);
      const ours = simulate(instance, new EpochDispatchPolicy());
      const log = toItineraryLog(instance, ours, { timeUnitSec: MDRP_TIME_UNIT_SEC });
      const check = checkItinerary(instance, log, { timeUnitSec: MDRP_TIME_UNIT_SEC });
      assert.deepEqual(check.violations, []);
      const greedy = simulate(instance, new GreedyPolicy());
      const k = simKpis(instance, ours);
      const g = simKpis(instance, greedy);
      assert.ok(k.numDelivered >= g.numDelivered, `delivered ${k.numDelivered} vs greedy ${g.numDelivered}`);
      assert.ok(k.clickToDoorMeanMin <= g.clickToDoorMeanMin, `click-to-door ${k.clickToDoorMeanMin} vs greedy ${g.clickToDoorMeanMin}`);
      assert.deepEqual(simulate(instance, new EpochDispatchPolicy()), ours, 'deterministic');
    });
  }

  it('also decides on every placement when asked (event-driven)', () => {
    const instance = generatedMdrpLike(3, 12, 120, 20);
    const ticks = simulate(instance, new EpochDispatchPolicy({ epochSec: 300 }));
    const events = simulate(instance, new EpochDispatchPolicy({ epochSec: 300, onPlacement: true }));
    assert.ok(events.numDecisions > ticks.numDecisions);
    const log = toItineraryLog(instance, events, { timeUnitSec: MDRP_TIME_UNIT_SEC });
    assert.deepEqual(checkItinerary(instance, log, { timeUnitSec: MDRP_TIME_UNIT_SEC }).violations, []);
  });

  it('bundles across nearby stores when the instance allows it, and the checker agrees', () => {
    const base = generatedMdrpLike(5, 12, 300, 12);
    const instance = { ...base, sameStoreBundlesOnly: false };
    const result = simulate(instance, new EpochDispatchPolicy());
    const log = toItineraryLog(instance, result, { timeUnitSec: MDRP_TIME_UNIT_SEC });
    assert.deepEqual(checkItinerary(instance, log, { timeUnitSec: MDRP_TIME_UNIT_SEC }).violations, []);
    assert.ok(twoStorePickups(result) > 0, 'some bundle spans two stores');
    assert.equal(twoStorePickups(simulate(base, new EpochDispatchPolicy())), 0, 'never across stores when the instance forbids it');
  });
});
