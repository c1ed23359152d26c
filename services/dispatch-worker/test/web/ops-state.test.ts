import assert from 'node:assert/strict';
import type { OpsSnapshot } from '@o2o/dispatch-worker';
import { mercatorX, mercatorY } from '@o2o/dispatch-worker/web/mercator-view';
import { MAX_ALERTS, OpsState, type StreamEvent } from '@o2o/dispatch-worker/web/ops-state';

const KPIS = { ordersPerMin: 0, ordersPerMinWindowSec: 60, ordersByStatus: { placed: 0, accepted: 0, ready: 0, assigned: 0, picked_up: 0, delivered: 0, cancelled: 0 }, openOrders: 0, meanEtaSec: null, p90EtaSec: null, ordersWithEta: 0, atRiskPct: 0, ordersAtRisk: 0, ridersOnShift: 0, ridersBusy: 0, riderUtilisationPct: 0 };

/** A snapshot with riders r1 (idle at A) and r2 (busy at B, route to a store and a drop-off) and order o1 (ready). */
function snapshot(lastEventId: number, r1At: readonly [number, number] = [-74.08, 4.65]): OpsSnapshot {
  return {
    at: 1_790_000_000,
    lastEventId,
    stores: [{ id: 's1', kind: 'store', location: [-74.07, 4.66], open: true }],
    zones: [{ storeId: 's1', radiusM: 100, ring: [[-74.07, 4.661], [-74.071, 4.66], [-74.07, 4.659], [-74.07, 4.661]], active: true }],
    riders: [
      { id: 'r1', mode: 'bike', state: 'idle', position: r1At, locatedAt: 1, orderIds: [], offerId: null, route: [] },
      { id: 'r2', mode: 'bike', state: 'busy', position: [-74.1, 4.6], locatedAt: 1, orderIds: ['o0'], offerId: null, route: [[-74.1, 4.6], [-74.07, 4.66], [-74.05, 4.7]] },
    ],
    orders: [{ id: 'o1', status: 'ready', storeId: 's1', dropOff: [-74.06, 4.67], placedAt: 1_789_999_000, promisedBy: 1_790_002_000, etaAt: null, atRisk: false }],
    ordersTruncated: false,
    heatmap: { resolution: 8, windowSec: 300, cells: [] },
    kpis: KPIS,
    lastEpoch: null,
    alerts: [],
  };
}

const event = (id: number, type: string, fields: Partial<StreamEvent> = {}): StreamEvent => ({ id, type, at: 1_790_000_000 + id, data: {}, ...fields });
const placed = (id: number, orderId: string): StreamEvent =>
  event(id, 'order.placed', { orderId, data: { order: { id: orderId, status: 'placed', storeId: 's1', dropOff: { lat: 4.68, lng: -74.09 }, placedAt: 500, promisedBy: 3_200 } } });

describe('web/ops-state', () => {
  it('takes a snapshot in world coordinates, the route starting after the rider', () => {
    const s = new OpsState(1000);
    s.applySnapshot(snapshot(10), 0);
    assert.equal(s.riders.length, 2);
    const r2 = s.riderById.get('r2')!;
    assert.equal(r2.busy, true);
    assert.deepEqual([...r2.route], [mercatorX(-74.07), mercatorY(4.66), mercatorX(-74.05), mercatorY(4.7)]);
    assert.equal(s.orders.get('o1')!.x, mercatorX(-74.06));
    assert.equal(s.lastEventId, 10);
    assert.equal(s.zones[0]!.ring.length, 8);
  });

  it('applies the events after the snapshot and ignores those it reflects', () => {
    const s = new OpsState();
    s.applySnapshot(snapshot(10), 0);
    assert.equal(s.applyEvent(placed(9, 'old')), false, 'reflected by the snapshot');
    assert.equal(s.orders.has('old'), false);
    assert.equal(s.applyEvent(placed(11, 'o2')), true);
    assert.equal(s.orders.get('o2')!.status, 'placed');
    s.applyEvent(event(12, 'order.accepted', { orderId: 'o2' }));
    s.applyEvent(event(13, 'order.assigned', { orderId: 'o1', riderId: 'r1' }));
    assert.equal(s.orders.get('o1')!.riderId, 'r1');
    assert.equal(s.riderById.get('r1')!.busy, true);
    s.applyEvent(event(14, 'order.delivered', { orderId: 'o1' }));
    assert.equal(s.orders.has('o1'), false);
    assert.equal(s.applyEvent(event(14, 'order.cancelled', { orderId: 'o2' })), false, 'an id seen already');
    assert.deepEqual([...s.countsByStatus()], [['accepted', 1]]);
  });

  it('re-applies the buffered events a newer snapshot does not reflect yet', () => {
    const s = new OpsState();
    s.applySnapshot(snapshot(10), 0);
    s.applyEvent(placed(11, 'o2'));
    s.applyEvent(event(12, 'order.accepted', { orderId: 'o2' }));
    // A snapshot taken between events 11 and 12: o2 is placed in it; event 12 must apply again.
    const snap = snapshot(11);
    s.applySnapshot({ ...snap, orders: [...snap.orders, { id: 'o2', status: 'placed', dropOff: [-74.09, 4.68], placedAt: 500, promisedBy: 3_200, etaAt: null, atRisk: false }] }, 0);
    assert.equal(s.orders.get('o2')!.status, 'accepted');
    assert.equal(s.lastEventId, 12);
  });

  it('glides riders from where they were drawn to their new position', () => {
    const s = new OpsState(1000);
    s.applySnapshot(snapshot(1, [-74.08, 4.65]), 0);
    s.applySnapshot(snapshot(2, [-74.06, 4.65]), 500);
    const r1 = s.riderById.get('r1')!;
    assert.equal(s.isMoving(600), true);
    const half = s.positionOf(r1, 1000);
    assert.ok(Math.abs(half.x - (mercatorX(-74.08) + mercatorX(-74.06)) / 2) < 1e-12);
    assert.equal(s.positionOf(r1, 5000).x, mercatorX(-74.06));
    assert.equal(s.isMoving(1500), false);
  });

  it('keeps the newest lateness alerts first and marks the order at risk', () => {
    const s = new OpsState();
    s.applySnapshot(snapshot(0), 0);
    s.applyEvent(event(1, 'lateness.alert', { orderId: 'o1', data: { lateBySec: 240 } }));
    assert.equal(s.orders.get('o1')!.atRisk, true);
    assert.equal(s.alerts[0]!.lateBySec, 240);
    s.applyEvent(event(2, 'lateness.cleared', { orderId: 'o1', data: { lateBySec: -60 } }));
    assert.equal(s.orders.get('o1')!.atRisk, false);
    assert.equal(s.alerts[0]!.type, 'lateness.cleared');
    for (let i = 3; i < 3 + MAX_ALERTS + 5; i++) s.applyEvent(event(i, 'lateness.alert', { orderId: 'o1', data: {} }));
    assert.equal(s.alerts.length, MAX_ALERTS);
    assert.equal(s.alerts[0]!.eventId, 2 + MAX_ALERTS + 5);
  });
});
