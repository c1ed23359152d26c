import assert from 'node:assert/strict';
import { EARTH_RADIUS_M, haversineDistanceM, type LngLat } from '@o2o/geo';
// Not exported from the package entry yet: the built module, as the compiled test sees it.
import { LiveEtaTracker, type LiveStop } from '@o2o/dispatch-core';
import { assertInputError } from '../helpers/assert-input-error.js';

const ORIGIN: LngLat = [-74.0721, 4.711]; // Bogotá
const T0 = 1_700_000_000;
const M_PER_DEG = (EARTH_RADIUS_M * Math.PI) / 180;

/** The position `eastM` metres east and `northM` metres north of the origin. */
function at(eastM: number, northM: number): LngLat {
  return [ORIGIN[0] + eastM / (M_PER_DEG * Math.cos((ORIGIN[1] * Math.PI) / 180)), ORIGIN[1] + northM / M_PER_DEG];
}

/** 5 m/s, detour 1.3, 240 s at each stop (pickup and drop-off at arrival + 120 s). */
function tracker(alertMarginSec = 0): LiveEtaTracker {
  return new LiveEtaTracker({ origin: ORIGIN, speedMps: 5, detourFactor: 1.3, pickupServiceSec: 240, dropoffServiceSec: 240, eta: { alertMarginSec } });
}

/** Store at the origin, customer 2 km north, ready at T0, promised by T0 + 1800. */
const ORDER = { id: 'o1', store: at(0, 0), dropOff: at(0, 2000), readyAt: T0, promisedBy: T0 + 1800 };
const ROUTE: LiveStop[] = [{ kind: 'pickup', orderIds: ['o1'] }, { kind: 'dropoff', orderIds: ['o1'] }];

/** Travel seconds the hand way: great-circle metres × detour ÷ speed. */
function rideSec(a: LngLat, b: LngLat): number {
  return (haversineDistanceM(a[0], a[1], b[0], b[1]) * 1.3) / 5;
}

function assertClose(actual: number, expected: number, what: string): void {
  // The tracker rounds each leg up to whole seconds; the projection differs from haversine by < 0.1 s here.
  assert.ok(actual >= expected - 0.5 && actual <= expected + 2, `${what}: ${actual} vs ${expected.toFixed(2)} by hand`);
}

/** The private state that must not grow under churn (read through a cast; names are internal). */
interface Internals {
  orderRefs: { refs: Map<string, number>; ids: unknown[]; free: number[] };
  riderRefs: { refs: Map<string, number>; ids: unknown[]; free: number[]; held: number[] };
  riders: Map<number, unknown>;
  ridersOfOrder: Map<number, unknown>;
  storeX: number[];
  storeY: number[];
  tracker: { orders: Map<number, unknown>; riders: Map<number, unknown>; etas: Map<number, unknown>; alerting: Set<number> };
}

function sizes(t: LiveEtaTracker): Record<string, number> {
  const i = t as unknown as Internals;
  return {
    orderRefs: i.orderRefs.refs.size,
    orderIds: i.orderRefs.ids.length,
    orderFree: i.orderRefs.free.length,
    riderRefs: i.riderRefs.refs.size,
    riderIds: i.riderRefs.ids.length,
    riderFree: i.riderRefs.free.length + i.riderRefs.held.length,
    riders: i.riders.size,
    ridersOfOrder: i.ridersOfOrder.size,
    stores: i.storeX.length + i.storeY.length,
    innerOrders: i.tracker.orders.size,
    innerRiders: i.tracker.riders.size,
    innerEtas: i.tracker.etas.size,
    innerAlerting: i.tracker.alerting.size,
  };
}

describe('eta: LiveEtaTracker', () => {
  it('predicts pickup and drop-off as distance × detour ÷ speed plus half services', () => {
    const t = tracker();
    t.upsertOrder(ORDER);
    const rider = at(600, -300);
    t.upsertRider({ id: 'r1', position: rider, at: T0, stops: ROUTE });
    assert.deepEqual(t.refresh(T0), []);
    const eta = t.etaOf('o1')!;
    assert.equal(eta.orderId, 'o1');
    assert.equal(eta.riderId, 'r1');
    assert.equal(eta.late, false);
    assertClose(eta.pickupAt, T0 + rideSec(rider, ORDER.store) + 120, 'pickupAt');
    assertClose(eta.dropoffAt, eta.pickupAt + 120 + rideSec(ORDER.store, ORDER.dropOff) + 120, 'dropoffAt');
    // Exactly: ceil(670.8 × 1.3 / 5) = 175 s to the store, ceil(2000 × 1.3 / 5) = 520 s to the customer.
    assert.equal(eta.pickupAt, T0 + 175 + 120);
    assert.equal(eta.dropoffAt, T0 + 175 + 120 + 120 + 520 + 120);
  });

  it('waits for the ready time, and predicts a waiting order from the earliest free rider', () => {
    const t = tracker();
    t.upsertOrder({ ...ORDER, readyAt: T0 + 900 });
    t.upsertRider({ id: 'r1', position: at(0, 0), at: T0, stops: ROUTE });
    t.upsertOrder({ ...ORDER, id: 'o2', readyAt: T0 });
    t.refresh(T0);
    assert.equal(t.etaOf('o1')!.pickupAt, T0 + 900);
    const waiting = t.etaOf('o2')!;
    assert.equal(waiting.riderId, undefined, 'no rider fetches o2 yet');
    assert.ok(!('riderId' in waiting));
    // r1 is free at the customer after o1 (900 + 120 + 520 + 120 + 120), then rides back 520 s.
    assert.equal(waiting.pickupAt, T0 + 1780 + 520 + 120);
  });

  it('drops off the orders of one drop-off stop one after the other', () => {
    const t = tracker();
    t.upsertOrder(ORDER);
    t.upsertOrder({ ...ORDER, id: 'o2' });
    t.upsertRider({ id: 'r1', position: at(0, 0), at: T0, stops: [{ kind: 'pickup', orderIds: ['o1', 'o2'] }, { kind: 'dropoff', orderIds: ['o2', 'o1'] }] });
    t.refresh(T0);
    assert.equal(t.etaOf('o2')!.dropoffAt, T0 + 120 + 120 + 520 + 120);
    assert.equal(t.etaOf('o1')!.dropoffAt, T0 + 120 + 120 + 520 + 120 + 240);
  });

  it('raises no alert for a rider on time', () => {
    const t = tracker();
    t.upsertOrder(ORDER);
    t.upsertRider({ id: 'r1', position: at(300, 0), at: T0, stops: ROUTE });
    assert.deepEqual(t.refresh(T0), []);
    assert.deepEqual(t.refresh(T0 + 60), []);
    assert.equal(t.etaOf('o1')!.late, false);
  });

  it('alerts once for a rider far away, and clears once it is close again', () => {
    const t = tracker();
    t.upsertOrder(ORDER);
    t.upsertRider({ id: 'r1', position: at(20_000, 0), at: T0, stops: ROUTE }); // 5,200 s from the store
    const events = t.refresh(T0);
    assert.equal(events.length, 1);
    const [alert] = events;
    assert.equal(alert!.type, 'lateness_alert');
    assert.equal(alert!.orderId, 'o1');
    assert.equal(alert!.riderId, 'r1');
    assert.equal(alert!.at, T0);
    assert.equal(alert!.promisedBy, ORDER.promisedBy);
    assert.ok(alert!.predictedDropoffAt > ORDER.promisedBy);
    assert.equal(t.etaOf('o1')!.late, true);
    assert.deepEqual(t.refresh(T0 + 30), [], 'no repeated alert while still late');
    assert.equal(t.moveRider('r1', at(200, 0), T0 + 60), true);
    const cleared = t.refresh(T0 + 60);
    assert.deepEqual(cleared.map((e) => [e.type, e.orderId, e.riderId]), [['lateness_cleared', 'o1', 'r1']]);
    assert.ok(cleared[0]!.predictedDropoffAt <= ORDER.promisedBy);
    assert.deepEqual(t.refresh(T0 + 90), []);
  });

  it('applies the alert margin of options.eta', () => {
    const t = tracker(1000); // predicted drop-off T0 + 880 > promisedBy − 1000 = T0 + 800
    t.upsertOrder(ORDER);
    t.upsertRider({ id: 'r1', position: at(0, 0), at: T0, stops: ROUTE });
    assert.deepEqual(t.refresh(T0).map((e) => e.type), ['lateness_alert']);
  });

  it('keeps refreshing when an order named by a rider is removed', () => {
    const t = tracker();
    t.upsertOrder(ORDER);
    t.upsertOrder({ ...ORDER, id: 'o2' });
    t.upsertRider({ id: 'r1', position: at(0, 0), at: T0, stops: [{ kind: 'pickup', orderIds: ['o1', 'o2'] }, { kind: 'dropoff', orderIds: ['o1'] }, { kind: 'dropoff', orderIds: ['o2'] }] });
    t.refresh(T0);
    t.removeOrder('o1');
    assert.doesNotThrow(() => t.refresh(T0 + 10));
    assert.equal(t.etaOf('o1'), undefined);
    assert.equal(t.etaOf('o2')!.riderId, 'r1');
    assert.equal(t.etaOf('o2')!.dropoffAt, T0 + 10 + 120 + 120 + 520 + 120, 'o1 drop-off gone from the route');
    // A new order reuses o1's ref: the rider's route must not pick it up.
    t.upsertOrder({ ...ORDER, id: 'o3' });
    t.removeOrder('o2'); // r1 is now idle
    assert.doesNotThrow(() => t.refresh(T0 + 20));
    assert.equal(t.etaOf('o3')!.riderId, undefined);
    assert.equal(t.numOrders, 1);
    t.removeOrder('o3');
    t.removeOrder('o3'); // unknown ids are ignored
    assert.deepEqual(t.refresh(T0 + 30), []);
  });

  it('names the rider of the last refresh until the next one, even when its id is removed', () => {
    const t = tracker();
    t.upsertOrder(ORDER);
    t.upsertRider({ id: 'r1', position: at(0, 0), at: T0, stops: ROUTE });
    t.refresh(T0);
    t.removeRider('r1');
    t.upsertRider({ id: 'r2', position: at(9000, 0), at: T0, stops: [] });
    assert.equal(t.etaOf('o1')!.riderId, 'r1');
    t.refresh(T0 + 1);
    assert.equal(t.etaOf('o1')!.riderId, undefined);
    assert.equal(t.numRiders, 1);
    assert.equal(t.moveRider('r1', at(0, 0), T0), false);
  });

  it('stays bounded under churn of 100,000 orders', function () {
    this.timeout(60_000);
    const t = tracker();
    let peakIds = 0;
    for (let i = 0; i < 100_000; i++) {
      const id = `o${i}`;
      t.upsertOrder({ ...ORDER, id, promisedBy: T0 + (i % 2 === 0 ? 1800 : 60) });
      const rider = `r${i % 7}`;
      t.upsertRider({ id: rider, position: at(i % 1000, 0), at: T0, stops: [{ kind: 'pickup', orderIds: [id] }, { kind: 'dropoff', orderIds: [id] }] });
      if (i % 997 === 0) t.refresh(T0 + i);
      if (i >= 20) t.removeOrder(`o${i - 20}`);
      if (i % 13 === 0) t.removeRider(rider);
      peakIds = Math.max(peakIds, sizes(t).orderIds!);
    }
    assert.ok(peakIds <= 21, `order refs reused: at most 21 allocated, got ${peakIds}`);
    for (let i = 100_000 - 20; i < 100_000; i++) t.removeOrder(`o${i}`);
    for (let r = 0; r < 7; r++) t.removeRider(`r${r}`);
    t.refresh(T0 + 100_000);
    assert.equal(t.numOrders, 0);
    assert.equal(t.numRiders, 0);
    for (const [name, size] of Object.entries(sizes(t))) assert.equal(size, 0, `${name} back to 0`);
  });

  describe('rejects bad input naming the field, the rule and the value', () => {
    it('options', () => {
      assertInputError(() => new LiveEtaTracker({ origin: [200, 4] }), { code: 'INVALID_COORDINATE', field: 'options.origin[0] (lng)', got: '200' });
      const e = assertInputError(() => new LiveEtaTracker({ origin: ORIGIN, speedMps: 0 }), { code: 'INVALID_INPUT', field: 'options.speedMps', got: '0' });
      assert.equal(e.rule, 'must be a finite number > 0');
      assertInputError(() => new LiveEtaTracker({ origin: ORIGIN, detourFactor: 0.9 }), { code: 'INVALID_INPUT', field: 'options.detourFactor', got: '0.9' });
      assertInputError(() => new LiveEtaTracker({ origin: ORIGIN, pickupServiceSec: -1 }), { code: 'INVALID_INPUT', field: 'options.pickupServiceSec', got: '-1' });
      assertInputError(() => new LiveEtaTracker({ origin: ORIGIN, eta: { alertMarginSec: -5 } }), { code: 'INVALID_INPUT', field: 'options.eta.alertMarginSec', got: '-5' });
    });

    it('orders, riders and instants', () => {
      const t = tracker();
      assertInputError(() => t.upsertOrder({ ...ORDER, id: '' }), { code: 'INVALID_INPUT', field: 'order.id', got: '""' });
      assertInputError(() => t.upsertOrder({ ...ORDER, dropOff: [0, 95] }), { code: 'INVALID_COORDINATE', field: 'order.dropOff[1] (lat)', got: '95' });
      const ms = assertInputError(() => t.upsertOrder({ ...ORDER, promisedBy: Date.UTC(2024, 0, 1) }), { code: 'INVALID_INPUT', field: 'order.promisedBy', got: String(Date.UTC(2024, 0, 1)) });
      assert.match(ms.rule, /epoch seconds/);
      assert.equal(t.numOrders, 0);
      t.upsertOrder(ORDER);
      t.upsertOrder({ ...ORDER, id: 'elsewhere', store: at(500, 0) });
      const unknown = assertInputError(
        () => t.upsertRider({ id: 'r1', position: at(0, 0), at: T0, stops: [ROUTE[0]!, { kind: 'dropoff', orderIds: ['nope'] }] }),
        { code: 'UNKNOWN_REFERENCE', field: 'rider.stops[1].orderIds[0]', got: '"nope"' },
      );
      assert.equal(unknown.rule, 'must name an order the tracker follows');
      assertInputError(() => t.upsertRider({ id: 'r1', position: at(0, 0), at: T0, stops: [{ kind: 'pickup', orderIds: ['o1', 'elsewhere'] }] }), {
        code: 'INVALID_INPUT',
        field: 'rider.stops[0].orderIds[1]',
        got: '"elsewhere"',
      });
      assertInputError(() => t.upsertRider({ id: 'r1', position: at(0, 0), at: T0, stops: [ROUTE[1]!, ROUTE[0]!] }), { code: 'INVALID_INPUT', field: 'rider.stops[1].orderIds[0]', got: '"o1"' });
      assertInputError(() => t.upsertRider({ id: 'r1', position: at(0, 0), at: T0, stops: [{ kind: 'pickup', orderIds: [] }] }), { code: 'INVALID_INPUT', field: 'rider.stops[0].orderIds', got: '[]' });
      assertInputError(() => t.upsertRider({ id: 'r1', position: at(0, 0), at: T0, stops: [{ kind: 'drop' as 'dropoff', orderIds: ['o1'] }] }), { code: 'INVALID_INPUT', field: 'rider.stops[0].kind', got: '"drop"' });
      assert.equal(t.numRiders, 0, 'a rejected rider is not kept');
      t.upsertRider({ id: 'r1', position: at(0, 0), at: T0, stops: ROUTE });
      assertInputError(() => t.moveRider('r1', [Number.NaN, 0], T0), { code: 'INVALID_COORDINATE', field: 'position[0] (lng)', got: 'NaN' });
      assertInputError(() => t.refresh(-1), { code: 'INVALID_INPUT', field: 'now', got: '-1' });
    });
  });
});
