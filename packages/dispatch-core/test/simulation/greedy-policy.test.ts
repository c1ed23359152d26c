import assert from 'node:assert/strict';
import { checkItinerary, GreedyPolicy, MDRP_TIME_UNIT_SEC, simulate, toItineraryLog } from '@o2o/dispatch-core';
import { generatedMdrpLike, tinySim, withCourier } from './fixtures/tiny-sim.js';

describe('GreedyPolicy', () => {
  it('gives each order, oldest first, to the courier that picks it up earliest (times by hand)', () => {
    const result = simulate(tinySim(), new GreedyPolicy());
    // o1 at 0: c1 picks up at max(60, 300) = 300, c2 (100 s away) at max(160, 300) = 300: tie, c1.
    // o2 at 60: c1 (free 620 at o1's customer, 300 s from B) at 980; c2 at max(120, 200) = 200: c2.
    // o3 at 120: c1 at 620 + 200 + 60 = 880; c2 (free 420 at (1000, 1000), 200 s from A) at 680: c2.
    // o4 at 600: c1 at max(620 + 300 + 60, 900) = 980; c2 (free 850 at (500, 0), 50 s from B) at 960: c2.
    assert.deepEqual(
      result.orders.map((o) => [o.courier, o.assignedAt, o.pickupAt, o.dropoffAt]),
      [
        [0, 0, 300, 590],
        [1, 60, 200, 390],
        [1, 120, 680, 820],
        [1, 600, 960, 1250],
        [null, null, null, null],
      ],
    );
    assert.equal(result.numDecisions, 4);
    assert.equal(result.numBundles, 4);
  });

  it('skips couriers whose pickup would be after offAt', () => {
    // c1 is at A but leaves at 250, before o1 is ready (300): c2 takes it.
    const result = simulate(withCourier(0, { offAt: 250 }), new GreedyPolicy());
    assert.equal(result.orders[0]?.courier, 1);
    assert.equal(result.orders[0]?.pickupAt, 300);
  });

  it('keeps an order waiting until a courier can take it, retrying every tick', () => {
    const instance = tinySim({ couriers: [{ id: 'late', x: 0, y: 0, onAt: 300, offAt: 3600 }], orders: tinySim().orders.slice(0, 1) });
    const result = simulate(instance, new GreedyPolicy());
    assert.equal(result.orders[0]?.assignedAt, 300);
    // The placement at 0, then ticks at 0, 60, 120, 180, 240 (nobody on duty) and 300.
    assert.equal(result.numDecisions, 7);
  });

  it('passes the itinerary checker on a generated MDRP-like day (log in minutes) and is deterministic', () => {
    const instance = generatedMdrpLike(7);
    const result = simulate(instance, new GreedyPolicy());
    const log = toItineraryLog(instance, result, { timeUnitSec: MDRP_TIME_UNIT_SEC });
    const check = checkItinerary(instance, log, { timeUnitSec: MDRP_TIME_UNIT_SEC });
    assert.deepEqual(check.violations, []);
    assert.equal(check.numDelivered, instance.orders.length - result.unassigned.length);
    assert.ok(check.numDelivered > 0.5 * instance.orders.length, `only ${check.numDelivered} delivered`);
    for (const e of log.couriers.flatMap((c) => c.events)) assert.ok(Number.isInteger(e.type === 'move' ? e.departAt : e.at), 'MDRP instants are whole minutes');
    assert.deepEqual(simulate(instance, new GreedyPolicy()), result);
  });

  it('never bundles', () => {
    const instance = generatedMdrpLike(3);
    const result = simulate(instance, new GreedyPolicy());
    for (const events of result.itineraries) for (const e of events) if (e.type === 'pickup') assert.equal(e.orders.length, 1);
  });
});
