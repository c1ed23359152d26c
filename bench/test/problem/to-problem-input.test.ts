import assert from 'node:assert/strict';
import { dominatingFixedCost, scaleInstance, toProblemInput } from '@o2o/bench';
import { tinyLiLim, tinySolomon } from '../fixtures/parsed-tiny.js';

describe('toProblemInput', () => {
  it('makes one delivery job per Solomon customer and K depot-to-depot vehicles', () => {
    const instance = tinySolomon();
    const scaled = scaleInstance(instance);
    const { input, vehicleFixedCost } = toProblemInput(instance, scaled, 'distance');
    assert.equal(vehicleFixedCost, 0);
    assert.equal(input.numLocations, 4);
    assert.equal(input.durationMatrix, scaled.durationMatrix);
    assert.deepEqual(input.objective, { durationSec: 0, travelSec: 1 });
    assert.deepEqual(input.vehicles, [
      { id: 'v1', startLocation: 0, endLocation: 0, startAt: 0, endBy: 2_000_000, capacity: [50] },
      { id: 'v2', startLocation: 0, endLocation: 0, startAt: 0, endBy: 2_000_000, capacity: [50] },
    ]);
    assert.deepEqual(input.jobs?.[2], { id: '3', kind: 'delivery', demand: [30], location: 3, serviceSec: 100_000, timeWindow: [600_000, 800_000] });
    assert.equal(input.jobs?.length, 3);
    assert.equal(input.shipments, undefined);
  });

  it('makes one shipment per Li & Lim pickup/delivery pair', () => {
    const instance = tinyLiLim();
    const { input } = toProblemInput(instance, scaleInstance(instance), 'distance');
    assert.equal(input.jobs, undefined);
    assert.deepEqual(input.shipments, [
      { id: '1-2', pickup: { location: 1, serviceSec: 50_000, timeWindow: [0, 1_000_000] }, delivery: { location: 2, serviceSec: 50_000, timeWindow: [0, 1_000_000] }, demand: [10] },
      { id: '3-4', pickup: { location: 3, serviceSec: 50_000, timeWindow: [0, 1_000_000] }, delivery: { location: 4, serviceSec: 50_000, timeWindow: [500_000, 600_000] }, demand: [15] },
    ]);
  });

  it('adds a dominating fixed cost per vehicle for the hierarchical objective', () => {
    const instance = tinySolomon();
    const scaled = scaleInstance(instance);
    const { input, vehicleFixedCost } = toProblemInput(instance, scaled, 'hierarchical');
    assert.equal(vehicleFixedCost, dominatingFixedCost(scaled, 2));
    assert.deepEqual(input.objective, { durationSec: 0, travelSec: 1, fixedCost: 1 });
    for (const vehicle of input.vehicles) assert.equal(vehicle.fixedCost, vehicleFixedCost);
  });
});
