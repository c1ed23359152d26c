import assert from 'node:assert/strict';
import { DEFAULT_DISPATCH_CONFIG, EtaTracker, planarTravelSec, type TrackedOrder } from '@o2o/dispatch-core';

// 320 m per minute, rounded up to whole minutes (the MDRP rule).
const travelSec = planarTravelSec({ speedMps: 320 / 60, detourFactor: 1, roundUpToSec: 60 });

function tracker(alertMarginSec = 0): EtaTracker {
  return new EtaTracker({ eta: { ...DEFAULT_DISPATCH_CONFIG.eta, alertMarginSec }, travelSec, pickupServiceSec: 240, dropoffServiceSec: 240 });
}

/** Store at x = 0, customer at x = 3200 (10 min), ready at 600, promised by 2400. */
const order: TrackedOrder = { ref: 1, storeX: 0, storeY: 0, dropX: 3200, dropY: 0, readyAt: 600, promisedBy: 2400 };

describe('eta: EtaTracker', () => {
  it('replays a rider route with the engine timing rules', () => {
    const t = tracker();
    t.upsertOrder(order);
    t.upsertOrder({ ...order, ref: 2, dropX: 3200, dropY: 640 });
    // Rider 640 m from the store at 300: arrives 420, waits for ready 600, drops 1 then 2.
    t.upsertRider({ ref: 9, x: 640, y: 0, at: 300, stops: [{ kind: 'pickup', orders: [1, 2] }, { kind: 'dropoff', orders: [1] }, { kind: 'dropoff', orders: [2] }] });
    assert.deepEqual(t.refresh(300), []);
    assert.deepEqual(t.etaOf(1), { ref: 1, pickupAt: 600, dropoffAt: 600 + 120 + 600 + 120, rider: 9, late: false });
    assert.deepEqual(t.etaOf(2), { ref: 2, pickupAt: 600, dropoffAt: 1440 + 120 + 120 + 120, rider: 9, late: false });
  });

  it('fires one alert when a prediction passes the promise and one when it comes back', () => {
    const t = tracker();
    t.upsertOrder(order);
    const route = [{ kind: 'pickup' as const, orders: [1] }, { kind: 'dropoff' as const, orders: [1] }];
    t.upsertRider({ ref: 9, x: 640, y: 0, at: 300, stops: route });
    assert.deepEqual(t.refresh(300), []);
    // The rider drifted 12.8 km away: 40 more minutes to the store.
    t.upsertRider({ ref: 9, x: 12_800, y: 0, at: 400, stops: route });
    const events = t.refresh(400);
    assert.equal(events.length, 1);
    assert.equal(events[0]!.type, 'lateness_alert');
    assert.equal(events[0]!.order, 1);
    assert.ok(events[0]!.predictedDropoffAt > 2400);
    assert.deepEqual(t.refresh(460), [], 'no repeated alert while still late');
    t.upsertRider({ ref: 9, x: 320, y: 0, at: 500, stops: route });
    assert.deepEqual(t.refresh(500).map((e) => e.type), ['lateness_cleared']);
  });

  it('alerts ahead of the promise by the configured margin', () => {
    const t = tracker(600);
    t.upsertOrder(order); // predicted drop-off 1440 with a rider next to the store
    t.upsertRider({ ref: 9, x: 0, y: 0, at: 0, stops: [{ kind: 'pickup', orders: [1] }, { kind: 'dropoff', orders: [1] }] });
    assert.deepEqual(t.refresh(0), []);
    const late = tracker(1000);
    late.upsertOrder(order);
    late.upsertRider({ ref: 9, x: 0, y: 0, at: 0, stops: [{ kind: 'pickup', orders: [1] }, { kind: 'dropoff', orders: [1] }] });
    assert.deepEqual(late.refresh(0).map((e) => e.type), ['lateness_alert']); // 1440 > 2400 − 1000
  });

  it('predicts waiting orders from the earliest rider to become free and reach the store', () => {
    const t = tracker();
    t.upsertOrder(order);
    t.upsertOrder({ ...order, ref: 2, readyAt: 0, dropX: 1600 });
    // Rider 9 first delivers order 2 (ends at the customer 1600 m away), then is free.
    t.upsertRider({ ref: 9, x: 0, y: 0, at: 0, stops: [{ kind: 'pickup', orders: [2] }, { kind: 'dropoff', orders: [2] }] });
    t.refresh(0);
    const two = t.etaOf(2)!;
    assert.equal(two.dropoffAt, 120 + 120 + 300 + 120);
    const one = t.etaOf(1)!;
    assert.equal(one.rider, -1);
    // Free at 780 (after the drop-off's second half) at x = 1600; back in 300 s: arrive 1080.
    assert.equal(one.pickupAt, 1080 + 120);
    assert.equal(one.dropoffAt, 1200 + 120 + 600 + 120);
    t.removeOrder(1);
    t.refresh(10);
    assert.equal(t.etaOf(1), undefined);
  });

  it('rejects routes naming orders it does not follow', () => {
    const t = tracker();
    assert.throws(() => t.upsertRider({ ref: 1, x: 0, y: 0, at: 0, stops: [{ kind: 'pickup', orders: [42] }] }), /must name orders the tracker follows, got 42/);
  });
});
