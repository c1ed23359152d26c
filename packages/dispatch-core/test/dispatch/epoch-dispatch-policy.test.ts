import assert from 'node:assert/strict';
import { EpochDispatchPolicy, GreedyPolicy, MDRP_TIME_UNIT_SEC, checkItinerary, simKpis, simulate, toItineraryLog } from '@o2o/dispatch-core';
import { generatedMdrpLike } from '../simulation/fixtures/tiny-sim.js';

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
});
