import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DispatchService, EventBus, SqliteOrderStore, type AdminPrincipal } from '@o2o/dispatch-worker';

const ADMIN: AdminPrincipal = { role: 'admin', sub: 'event-interest', expiresAt: 4_102_444_800 };

describe('EventBus', () => {
  it('keeps the last event of each type after it left the replay ring', () => {
    const bus = new EventBus(4);
    assert.equal(bus.latest('epoch.completed'), undefined);
    bus.publish('epoch.completed', 10, { data: { assignments: 3 } });
    for (let i = 0; i < 10; i++) bus.publish('order.placed', 11 + i, { orderId: `o${i}` });
    assert.equal(bus.since(0).some((e) => e.type === 'epoch.completed'), false, 'out of the ring');
    assert.deepEqual(bus.latest('epoch.completed')?.data, { assignments: 3 });
    assert.equal(bus.latest('order.placed')?.orderId, 'o9');
    assert.equal(bus.latest('order.placed')?.id, bus.lastId);
  });
});

describe('EventBus interest', () => {
  it('wants an event when some subscriber wants it, and every event for a subscriber without interest', () => {
    const bus = new EventBus(8);
    assert.equal(bus.wants('order.placed', 's1'), false, 'nobody subscribed');
    const seen: string[] = [];
    const stop = bus.subscribe((e) => seen.push(`${e.type}@${e.storeId ?? '-'}`), (type, storeId) => type === 'offer.sent' || (type === 'order.placed' && storeId === 'mine'));
    assert.equal(bus.wants('order.placed', 'mine'), true);
    assert.equal(bus.wants('order.placed', 'other'), false);
    assert.equal(bus.wants('order.placed'), false, 'about no store');
    assert.equal(bus.wants('offer.sent'), true);
    assert.equal(bus.wants('order.ready', 'mine'), false);
    const all = bus.subscribe(() => undefined);
    assert.equal(bus.wants('order.ready', 'other'), true, 'a subscriber without interest wants everything');
    all();
    assert.equal(bus.wants('order.ready', 'other'), false);
    // Interest only answers wants(): a published event still reaches every listener.
    bus.publish('order.ready', 5, { storeId: 'other' });
    assert.deepEqual(seen, ['order.ready@other']);
    stop();
    assert.equal(bus.wants('offer.sent'), false);
    assert.equal(bus.subscribers, 0);
  });
});

describe('DispatchService order.placed events', () => {
  const root = mkdtempSync(join(tmpdir(), 'o2o-event-interest-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  it('are built only when a subscriber wants them: neither delivered nor kept in the ring otherwise', async () => {
    const store = SqliteOrderStore.open({ dataDir: root });
    const service = await DispatchService.open({ store, clock: () => 1_800_000_000 });
    try {
      for (const id of ['mine', 'other']) await service.createStore(ADMIN, { id, kind: 'store', location: { lat: 52.37, lng: 4.89 } });
      const body = (storeId: string) => ({ storeId, items: [{ sku: 'meal', quantity: 1 }], dropOff: { lat: 52.375, lng: 4.89 } });
      const seen: string[] = [];
      service.events.subscribe((e) => { if (e.type === 'order.placed') seen.push(String(e.storeId)); }, (type, storeId) => type === 'order.placed' && storeId === 'mine');
      const before = service.events.lastId;
      await service.createOrder(ADMIN, body('other'), undefined);
      assert.equal(service.events.lastId, before, 'no event built for an order nobody wants');
      await service.createOrder(ADMIN, body('mine'), undefined);
      assert.deepEqual(seen, ['mine']);
      assert.deepEqual(service.events.since(before).map((e) => [e.type, e.storeId]), [['order.placed', 'mine']]);
      const unfiltered: string[] = [];
      service.events.subscribe((e) => { if (e.type === 'order.placed') unfiltered.push(String(e.storeId)); });
      await service.createOrder(ADMIN, body('other'), undefined);
      assert.deepEqual(unfiltered, ['other'], 'a subscriber without interest gets every order');
    } finally {
      await store.close();
    }
  });
});
