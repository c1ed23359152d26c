/**
 * Component tests of the order API over real HTTP (port 0, a fresh SQLite directory per suite):
 * the lifecycle with the dispatch loop and offers, illegal transitions, idempotency, stock,
 * restarts, store matching, decline and expiry of offers, listings, 400 bodies and backpressure.
 */
import assert from 'node:assert/strict';
import {
  CENTRE,
  ManualClock,
  SseStream,
  TestWorker,
  createRider,
  createStore,
  expectError,
  expectStatus,
  near,
  orderAction,
  orderBody,
  placeOrder,
  readyOrder,
  startShift,
} from './fixtures/test-worker.js';

describe('HTTP /v1/orders', () => {
  describe('lifecycle, transitions, idempotency, listings', () => {
    let t: TestWorker;
    let admin: string;
    let rider1: string;

    before(async () => {
      t = await TestWorker.start('orders');
      admin = await t.admin();
      rider1 = await t.rider('r1');
      await createStore(t, admin, { id: 's1', location: CENTRE });
      await createStore(t, admin, { id: 's2', location: near(0.01, 0.01) });
      await createRider(t, admin, 'r1');
      await startShift(t, rider1, 'r1', near(0.0005, 0.0005));
    });
    after(async () => t.close());

    it('takes an order placed → accepted → ready → (epoch) assigned with an offer → accepted offer → picked_up → delivered', async () => {
      const events = await SseStream.open(t.url, admin);
      const riderEvents = await SseStream.open(t.url, rider1);
      try {
        const placed = await placeOrder(t, admin, { storeId: 's1' });
        assert.equal(placed.status, 'placed');
        assert.equal(placed.storeId, 's1');
        assert.deepEqual(placed.dropOff, near(0.004, 0.004));
        assert.ok(placed.promisedBy > placed.placedAt);
        await events.waitFor((f) => f.event === 'order.placed' && f.data.orderId === placed.id, 3000, 'order.placed');

        const accepted = await orderAction(t, admin, placed.id, 'accept');
        assert.equal(accepted.status, 'accepted');
        assert.ok(accepted.statusAt.accepted >= placed.placedAt);
        const ready = await orderAction(t, admin, placed.id, 'ready');
        assert.equal(ready.status, 'ready');

        const report = await t.worker.loop.runEpoch();
        assert.equal(report.orders, 1);
        assert.equal(report.assignments, 1);
        assert.equal(report.ordersAssigned, 1);

        const assigned = expectStatus(await t.request('GET', `/v1/orders/${placed.id}`, { token: admin }), 200);
        assert.equal(assigned.status, 'assigned');
        assert.equal(assigned.riderId, 'r1');
        const sent = await events.waitFor((f) => f.event === 'offer.sent', 3000, 'offer.sent');
        assert.equal(sent.data.riderId, 'r1');
        assert.deepEqual(sent.data.data.orderIds, [placed.id]);
        const offerId: string = sent.data.data.offerId;
        assert.equal(typeof offerId, 'string');
        await events.waitFor((f) => f.event === 'order.assigned' && f.data.orderId === placed.id, 3000, 'order.assigned');
        // The rider's own stream gets its offer too.
        await riderEvents.waitFor((f) => f.event === 'offer.sent' && f.data.data.offerId === offerId, 3000, 'offer.sent for r1');
        const riderView = expectStatus(await t.request('GET', '/v1/riders/r1', { token: rider1 }), 200);
        assert.equal(riderView.offerId, offerId);
        assert.deepEqual(riderView.orders, [placed.id]);

        const offer = expectStatus(await t.request('POST', `/v1/riders/r1/offers/${offerId}/accept`, { token: rider1 }), 200);
        assert.equal(offer.status, 'accepted');
        assert.deepEqual(offer.orderIds, [placed.id]);
        // Answered once: a second answer is a conflict.
        expectError(await t.request('POST', `/v1/riders/r1/offers/${offerId}/decline`, { token: rider1 }), 409, 'OFFER_CLOSED');

        const picked = await orderAction(t, rider1, placed.id, 'pickup');
        assert.equal(picked.status, 'picked_up');
        const delivered = await orderAction(t, rider1, placed.id, 'dropoff');
        assert.equal(delivered.status, 'delivered');
        assert.deepEqual(Object.keys(delivered.statusAt).sort(), ['accepted', 'assigned', 'delivered', 'picked_up', 'ready']);
        await events.waitFor((f) => f.event === 'order.delivered' && f.data.orderId === placed.id, 3000, 'order.delivered');
        assert.deepEqual(
          events.frames.filter((f) => f.data?.orderId === placed.id).map((f) => f.event),
          ['order.placed', 'order.accepted', 'order.ready', 'order.assigned', 'order.picked_up', 'order.delivered'],
        );
        const ids = events.frames.map((f) => Number(f.id));
        assert.deepEqual(ids, [...ids].sort((a, b) => a - b), 'event ids increase');
        // The rider is free again.
        assert.deepEqual(expectStatus(await t.request('GET', '/v1/riders/r1', { token: rider1 }), 200).orders, []);
      } finally {
        await events.close();
        await riderEvents.close();
      }
    });

    it('answers 409 ILLEGAL_TRANSITION for transitions the lifecycle does not allow', async () => {
      const o = await placeOrder(t, admin, { storeId: 's1' });
      let e = expectError(await t.request('POST', `/v1/orders/${o.id}/ready`, { token: admin }), 409, 'ILLEGAL_TRANSITION', 'ready before accept');
      assert.equal(e.from, 'placed');
      assert.equal(e.to, 'ready');
      assert.equal(e.orderId, o.id);
      e = expectError(await t.request('POST', `/v1/orders/${o.id}/pickup`, { token: admin }), 409, 'ILLEGAL_TRANSITION', 'pickup of a placed order');
      assert.equal(e.to, 'picked_up');
      expectError(await t.request('POST', `/v1/orders/${o.id}/dropoff`, { token: admin }), 409, 'ILLEGAL_TRANSITION', 'dropoff of a placed order');
      await orderAction(t, admin, o.id, 'accept');
      e = expectError(await t.request('POST', `/v1/orders/${o.id}/accept`, { token: admin }), 409, 'ILLEGAL_TRANSITION', 'accept twice');
      assert.equal(e.from, 'accepted');
      const cancelled = expectStatus(await t.request('POST', `/v1/orders/${o.id}/cancel`, { token: admin, body: { reason: 'customer left' } }), 200);
      assert.equal(cancelled.status, 'cancelled');
      expectError(await t.request('POST', `/v1/orders/${o.id}/cancel`, { token: admin }), 409, 'ILLEGAL_TRANSITION', 'cancel twice');
      expectError(await t.request('POST', `/v1/orders/${o.id}/ready`, { token: admin }), 409, 'ILLEGAL_TRANSITION', 'ready after cancel');
      // The failed attempts changed nothing.
      assert.equal(expectStatus(await t.request('GET', `/v1/orders/${o.id}`, { token: admin }), 200).status, 'cancelled');
      expectError(await t.request('POST', '/v1/orders/no-such-order/accept', { token: admin }), 404, 'NOT_FOUND');
    });

    it('an Idempotency-Key replays for the retention (24 h by default) and is forgotten after it: a later repeat is a new order', async () => {
      const headers = { 'idempotency-key': 'idem-retention' };
      const body = orderBody({ storeId: 's1', items: [{ sku: 'sku-ret', quantity: 1 }] });
      const first = expectStatus(await t.request('POST', '/v1/orders', { token: admin, body, headers }), 201);
      const service = t.worker.service;
      assert.equal(service.options.idempotencyRetentionSec, 86_400);
      assert.equal(await service.pruneIdempotencyKeys(Date.now() + 3_600_000), 0, 'an hour later the key is kept');
      const replay = await t.request('POST', '/v1/orders', { token: admin, body, headers });
      assert.equal(replay.headers.get('idempotent-replayed'), 'true');
      assert.ok((await service.pruneIdempotencyKeys(Date.now() + 86_400_000 + 1_000)) >= 1, 'a day later it goes');
      const later = await t.request('POST', '/v1/orders', { token: admin, body, headers });
      expectStatus(later, 201);
      assert.equal(later.headers.get('idempotent-replayed'), null);
      assert.notEqual(later.body.id, first.id);
    });

    it('replays an Idempotency-Key with the first body and refuses the key with another body', async () => {
      const headers = { 'idempotency-key': 'idem-1' };
      const body = orderBody({ storeId: 's1', items: [{ sku: 'sku-9', quantity: 3 }] });
      const first = await t.request('POST', '/v1/orders', { token: admin, body, headers });
      expectStatus(first, 201);
      assert.equal(first.headers.get('idempotent-replayed'), null);
      const again = await t.request('POST', '/v1/orders', { token: admin, body, headers });
      expectStatus(again, 201);
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
      assert.deepEqual(again.body, first.body);
      const conflict = await t.request('POST', '/v1/orders', { token: admin, body: { ...body, items: [{ sku: 'sku-9', quantity: 4 }] }, headers });
      expectError(conflict, 409, 'IDEMPOTENCY_CONFLICT');
      // Only one order exists for the key.
      const listed = expectStatus(await t.request('GET', '/v1/orders?storeId=s1&status=placed&limit=1000', { token: admin }), 200);
      assert.equal(listed.orders.filter((o: { items: Array<{ sku: string }> }) => o.items[0]?.sku === 'sku-9').length, 1);
      // Keys are per caller: a merchant using the same key places its own order.
      const merchant = await t.merchant('s1');
      const other = await t.request('POST', '/v1/orders', { token: merchant, body, headers });
      expectStatus(other, 201);
      assert.equal(other.headers.get('idempotent-replayed'), null);
      assert.notEqual(other.body.id, first.body.id);
      // A malformed key is a 400 naming the header.
      const bad = expectError(await t.request('POST', '/v1/orders', { token: admin, body, headers: { 'idempotency-key': 'has space' } }), 400, 'INVALID_INPUT');
      assert.equal(bad.field, 'Idempotency-Key');
    });

    it('lists by status, storeId and riderId with cursor paging', async () => {
      const created: string[] = [];
      for (let i = 0; i < 5; i++) created.push((await placeOrder(t, admin, { storeId: 's2', id: `list-${i}` })).id);
      await orderAction(t, admin, 'list-0', 'accept');
      await orderAction(t, admin, 'list-1', 'accept');
      // Paging through the placed orders of s2, two at a time.
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const q = `/v1/orders?status=placed&storeId=s2&limit=2${cursor === undefined ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
        const page = expectStatus(await t.request('GET', q, { token: admin }), 200);
        assert.ok(page.orders.length <= 2);
        for (const o of page.orders) {
          assert.equal(o.status, 'placed');
          assert.equal(o.storeId, 's2');
          seen.push(o.id);
        }
        cursor = page.nextCursor;
        pages++;
      } while (cursor !== undefined && pages < 10);
      assert.deepEqual(seen, ['list-2', 'list-3', 'list-4']);
      assert.equal(pages, 2);
      // Several statuses at once.
      const both = expectStatus(await t.request('GET', '/v1/orders?status=placed,accepted&storeId=s2', { token: admin }), 200);
      assert.deepEqual(both.orders.map((o: { id: string }) => o.id), created);
      // A merchant of s2 sees s2's orders without naming the store.
      const merchant = await t.merchant('s2');
      const mine = expectStatus(await t.request('GET', '/v1/orders?status=accepted', { token: merchant }), 200);
      assert.deepEqual(mine.orders.map((o: { id: string }) => o.id), ['list-0', 'list-1']);
      // By rider: the order delivered in the lifecycle test was r1's.
      const byRider = expectStatus(await t.request('GET', '/v1/orders?riderId=r1', { token: admin }), 200);
      assert.ok(byRider.orders.length >= 1);
      for (const o of byRider.orders) assert.equal(o.riderId, 'r1');
      const riderOwn = expectStatus(await t.request('GET', '/v1/orders', { token: rider1 }), 200);
      assert.deepEqual(riderOwn.orders.map((o: { id: string }) => o.id), byRider.orders.map((o: { id: string }) => o.id));
      // Bad queries name the parameter.
      let e = expectError(await t.request('GET', '/v1/orders?status=lost', { token: admin }), 400, 'INVALID_INPUT');
      assert.equal(e.field, 'status');
      assert.equal(e.value, 'lost');
      e = expectError(await t.request('GET', '/v1/orders?limit=0', { token: admin }), 400, 'INVALID_INPUT');
      assert.equal(e.field, 'limit');
      e = expectError(await t.request('GET', '/v1/orders?cursor=nope', { token: admin }), 400, 'INVALID_INPUT');
      assert.match(e.field, /cursor/);
      e = expectError(await t.request('GET', '/v1/orders?colour=red', { token: admin }), 400, 'INVALID_INPUT');
      assert.equal(e.field, 'colour');
    });

    it('answers 400 naming field, rule and value for every body type', async () => {
      const rider = 'r1';
      const cases: Array<{ what: string; method: string; path: string; body: unknown; token?: string; field: string; value?: unknown }> = [
        { what: 'order', method: 'POST', path: '/v1/orders', body: orderBody({ storeId: 's1', items: [{ sku: 'a', quantity: 0 }] }), field: 'items[0].quantity', value: 0 },
        { what: 'order dropOff', method: 'POST', path: '/v1/orders', body: orderBody({ storeId: 's1', dropOff: { lat: 95, lng: 4.9 } }), field: 'dropOff.lat', value: 95 },
        { what: 'store', method: 'POST', path: '/v1/stores', body: { id: 'x1', kind: 'shop', location: CENTRE }, field: 'kind', value: 'shop' },
        { what: 'store patch', method: 'PATCH', path: '/v1/stores/s1', body: { open: 'yes' }, field: 'open', value: 'yes' },
        { what: 'inventory', method: 'PUT', path: '/v1/stores/s1/inventory', body: { inventory: { milk: -1 } }, field: 'inventory.milk', value: -1 },
        { what: 'rider', method: 'POST', path: '/v1/riders', body: { id: 'rx', mode: 'plane' }, field: 'mode', value: 'plane' },
        { what: 'shift', method: 'POST', path: `/v1/riders/${rider}/shift`, body: { action: 'pause' }, field: 'action', value: 'pause' },
        { what: 'location', method: 'PUT', path: `/v1/riders/${rider}/location`, body: { lat: 91, lng: 4.9 }, field: 'lat', value: 91 },
        { what: 'location batch', method: 'POST', path: '/v1/riders/locations', body: { locations: [{ riderId: 'bad id', lat: 52, lng: 4 }] }, field: 'locations[0].riderId', value: 'bad id' },
        { what: 'quote', method: 'POST', path: '/v1/quotes', body: { storeId: 's1', dropOff: { lat: 52, lng: 200 } }, field: 'dropOff.lng', value: 200 },
        { what: 'cancel', method: 'POST', path: '/v1/orders/list-4/cancel', body: { reason: '' }, field: 'reason', value: '' },
        { what: 'action body', method: 'POST', path: '/v1/orders/list-4/accept', body: { force: true }, field: 'force', value: true },
        { what: 'offer body', method: 'POST', path: `/v1/riders/${rider}/offers/of-1/accept`, body: { why: 1 }, field: 'why', value: 1 },
        { what: 'unknown field', method: 'POST', path: '/v1/riders', body: { id: 'ry', mode: 'bike', wings: 2 }, field: 'wings', value: 2 },
      ];
      for (const c of cases) {
        const e = expectError(await t.request(c.method, c.path, { token: c.token ?? admin, body: c.body }), 400, 'INVALID_INPUT', c.what);
        assert.equal(e.field, c.field, c.what);
        assert.equal(typeof e.rule, 'string', c.what);
        assert.ok(e.rule.length > 0, c.what);
        assert.ok('value' in e, `${c.what}: value echoed`);
        assert.deepEqual(e.value, c.value, c.what);
        assert.match(e.message, new RegExp(c.field.replace(/[[\].]/g, '\\$&')), c.what);
      }
      // Malformed JSON and a wrong content type.
      const bad = expectError(await t.request('POST', '/v1/riders', { token: admin, raw: '{"id":' }), 400, 'INVALID_JSON');
      assert.equal(bad.field, 'body');
      expectError(await t.request('POST', '/v1/riders', { token: admin, raw: 'id=1', contentType: 'text/plain' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
      const leanBad = expectError(await t.request('POST', '/v1/orders', { token: admin, raw: '[1,' }), 400, 'INVALID_JSON');
      assert.equal(leanBad.field, 'body');
    });
  });

  describe('stock, restart and store matching', () => {
    let t: TestWorker;
    let admin: string;
    let rider1: string;

    before(async () => {
      t = await TestWorker.start('stock');
      admin = await t.admin();
      rider1 = await t.rider('r1');
      await createStore(t, admin, { id: 'dark', kind: 'dark_store', location: CENTRE, inventory: { milk: 5, bread: 3 } });
      await createRider(t, admin, 'r1');
      await startShift(t, rider1, 'r1', near(0.0005, 0));
    });
    after(async () => t.close());

    const stock = async (storeId = 'dark'): Promise<Record<string, { onHand: number; reserved: number; available: number }>> =>
      expectStatus(await t.request('GET', `/v1/stores/${storeId}/inventory`, { token: admin }), 200).stock;

    it('reserves at placement, releases on cancel, deducts at pickup, refuses OUT_OF_STOCK, and keeps it all across a restart', async () => {
      const o1 = await placeOrder(t, admin, { storeId: 'dark', items: [{ sku: 'milk', quantity: 2 }] });
      assert.deepEqual((await stock()).milk, { onHand: 5, reserved: 2, available: 3 });

      const o2 = await placeOrder(t, admin, { storeId: 'dark', items: [{ sku: 'bread', quantity: 1 }] });
      assert.deepEqual((await stock()).bread, { onHand: 3, reserved: 1, available: 2 });
      await orderAction(t, admin, o2.id, 'cancel');
      assert.deepEqual((await stock()).bread, { onHand: 3, reserved: 0, available: 3 });

      const short = expectError(await t.request('POST', '/v1/orders', { token: admin, body: orderBody({ storeId: 'dark', items: [{ sku: 'milk', quantity: 4 }] }) }), 409, 'OUT_OF_STOCK');
      assert.deepEqual(short.shortages, [{ sku: 'milk', requested: 4, available: 3 }]);
      expectError(await t.request('POST', '/v1/orders', { token: admin, body: orderBody({ storeId: 'dark', items: [{ sku: 'caviar', quantity: 1 }] }) }), 409, 'OUT_OF_STOCK');
      assert.deepEqual((await stock()).milk, { onHand: 5, reserved: 2, available: 3 }, 'a refused order holds nothing');

      await orderAction(t, admin, o1.id, 'accept');
      await orderAction(t, admin, o1.id, 'ready');
      assert.equal((await t.worker.loop.runEpoch()).assignments, 1);
      await orderAction(t, rider1, o1.id, 'pickup');
      assert.deepEqual((await stock()).milk, { onHand: 3, reserved: 0, available: 3 });

      // An order still holding stock over the restart, and one merely placed.
      const o3 = await placeOrder(t, admin, { storeId: 'dark', items: [{ sku: 'milk', quantity: 1 }] });
      await orderAction(t, admin, o3.id, 'accept');
      const o4 = await placeOrder(t, admin, { storeId: 'dark', items: [{ sku: 'bread', quantity: 2 }], id: 'keep-4' }, { 'idempotency-key': 'restart-key' });
      const before = await stock();
      assert.deepEqual(before.milk, { onHand: 3, reserved: 1, available: 2 });
      assert.deepEqual(before.bread, { onHand: 3, reserved: 2, available: 1 });

      await t.restart();
      admin = await t.admin();

      assert.deepEqual(await stock(), before, 'stock and held reservations come back');
      const store = expectStatus(await t.request('GET', '/v1/stores/dark', { token: admin }), 200);
      assert.equal(store.kind, 'dark_store');
      assert.deepEqual(store.inventory, { milk: 3, bread: 3 }, 'on-hand counts after the pickup were persisted');
      const rider = expectStatus(await t.request('GET', '/v1/riders/r1', { token: rider1 }), 200);
      assert.equal(rider.onShift, true);
      assert.deepEqual(rider.orders, [o1.id], 'the rider still carries its picked-up order');
      assert.equal(expectStatus(await t.request('GET', `/v1/orders/${o1.id}`, { token: admin }), 200).status, 'picked_up');
      assert.equal(expectStatus(await t.request('GET', `/v1/orders/${o3.id}`, { token: admin }), 200).status, 'accepted');
      assert.equal(expectStatus(await t.request('GET', `/v1/orders/${o4.id}`, { token: admin }), 200).status, 'placed');
      // The idempotency key still replays the first answer.
      const replay = await t.request('POST', '/v1/orders', { token: admin, body: orderBody({ storeId: 'dark', items: [{ sku: 'bread', quantity: 2 }], id: 'keep-4' }), headers: { 'idempotency-key': 'restart-key' } });
      expectStatus(replay, 201);
      assert.equal(replay.headers.get('idempotent-replayed'), 'true');
      assert.deepEqual(replay.body, o4);
      // Held stock still counts against new orders, and the restored holds can be released.
      expectError(await t.request('POST', '/v1/orders', { token: admin, body: orderBody({ storeId: 'dark', items: [{ sku: 'bread', quantity: 2 }] }) }), 409, 'OUT_OF_STOCK');
      await orderAction(t, admin, o4.id, 'cancel');
      assert.deepEqual((await stock()).bread, { onHand: 3, reserved: 0, available: 3 });
      // The restored lifecycle goes on (positions are not persisted: the rider reports one).
      expectStatus(await t.request('PUT', '/v1/riders/r1/location', { token: rider1, body: near(0.0005, 0) }), 204);
      assert.equal((await orderAction(t, rider1, o1.id, 'dropoff')).status, 'delivered');
      await orderAction(t, admin, o3.id, 'ready');
      assert.equal((await t.worker.loop.runEpoch()).assignments, 1);
      await orderAction(t, rider1, o3.id, 'pickup');
      assert.deepEqual((await stock()).milk, { onHand: 2, reserved: 0, available: 2 });
    });

    it('picks the nearest open store holding every item when storeId is omitted', async () => {
      const dropOff = near(0.02, 0.02);
      await createStore(t, admin, { id: 'near-small', kind: 'dark_store', location: near(0.021, 0.021), inventory: { apple: 1, pear: 5 } });
      await createStore(t, admin, { id: 'far-big', kind: 'dark_store', location: near(0.005, 0.005), inventory: { apple: 50, pear: 50 } });
      await createStore(t, admin, { id: 'near-closed', kind: 'dark_store', location: near(0.0201, 0.0201), inventory: { apple: 50, pear: 50 } });
      expectStatus(await t.request('PATCH', '/v1/stores/near-closed', { token: admin, body: { open: false } }), 200);
      // A restaurant right at the drop-off tracks no stock: never picked by matching.
      await createStore(t, admin, { id: 'kitchen', kind: 'store', location: dropOff });

      const first = await placeOrder(t, admin, { dropOff, items: [{ sku: 'apple', quantity: 1 }] });
      assert.equal(first.storeId, 'near-small');
      const second = await placeOrder(t, admin, { dropOff, items: [{ sku: 'apple', quantity: 1 }] });
      assert.equal(second.storeId, 'far-big', 'the near store has no apple left');
      const pears = await placeOrder(t, admin, { dropOff, items: [{ sku: 'pear', quantity: 2 }] });
      assert.equal(pears.storeId, 'near-small');
      const stockNear = expectStatus(await t.request('GET', '/v1/stores/near-small/inventory', { token: admin }), 200).stock;
      assert.deepEqual(stockNear.apple, { onHand: 1, reserved: 1, available: 0 });
      const none = expectError(await t.request('POST', '/v1/orders', { token: admin, body: orderBody({ dropOff, items: [{ sku: 'apple', quantity: 500 }] }) }), 409, 'OUT_OF_STOCK');
      assert.ok(Array.isArray(none.missing));
      // A merchant must name its store (an order without one is outside any merchant scope).
      const merchant = await t.merchant('near-small');
      expectError(await t.request('POST', '/v1/orders', { token: merchant, body: orderBody({ dropOff, items: [{ sku: 'pear', quantity: 1 }] }) }), 403, 'FORBIDDEN_SCOPE');
      // A closed store named explicitly.
      expectError(await t.request('POST', '/v1/orders', { token: admin, body: orderBody({ storeId: 'near-closed', items: [{ sku: 'apple', quantity: 1 }] }) }), 409, 'STORE_CLOSED');
    });
  });

  describe('offers: decline and expiry', () => {
    let t: TestWorker;
    let admin: string;
    const clock = new ManualClock();

    before(async () => {
      t = await TestWorker.start('offers', { clock: clock.now, service: { offerTtlSec: 30, declineCoolDownSec: 60 } });
      admin = await t.admin();
      await createStore(t, admin, { id: 's1', location: CENTRE });
      for (const [id, pos] of [
        ['ra', near(0.001, 0)],
        ['rb', near(-0.002, 0)],
      ] as const) {
        await createRider(t, admin, id);
        await startShift(t, admin, id, pos);
      }
    });
    after(async () => t.close());

    const riderOf = async (orderId: string): Promise<{ status: string; riderId?: string }> => expectStatus(await t.request('GET', `/v1/orders/${orderId}`, { token: admin }), 200);

    it('hands a declined order back to ready and re-offers it to another rider on the next epoch; the decliner cools down', async () => {
      const o = await readyOrder(t, admin, { storeId: 's1' });
      assert.equal((await t.worker.loop.runEpoch()).assignments, 1);
      const first = await riderOf(o.id);
      assert.equal(first.status, 'assigned');
      const decliner = first.riderId as string;
      const other = decliner === 'ra' ? 'rb' : 'ra';
      const token = await t.rider(decliner);
      const view = expectStatus(await t.request('GET', `/v1/riders/${decliner}`, { token }), 200);
      const declined = expectStatus(await t.request('POST', `/v1/riders/${decliner}/offers/${view.offerId}/decline`, { token }), 200);
      assert.equal(declined.status, 'declined');
      const back = await riderOf(o.id);
      assert.equal(back.status, 'ready');
      assert.equal(back.riderId, undefined);
      assert.equal(expectStatus(await t.request('GET', `/v1/riders/${decliner}`, { token }), 200).offerId, null);

      clock.advance(5);
      assert.equal((await t.worker.loop.runEpoch()).assignments, 1);
      const second = await riderOf(o.id);
      assert.equal(second.status, 'assigned');
      assert.equal(second.riderId, other, 'the decliner is cooling down');

      // The other declines too: both cool down, nobody gets it, until the cool-down ends.
      const otherToken = await t.rider(other);
      const otherView = expectStatus(await t.request('GET', `/v1/riders/${other}`, { token: otherToken }), 200);
      expectStatus(await t.request('POST', `/v1/riders/${other}/offers/${otherView.offerId}/decline`, { token: otherToken }), 200);
      clock.advance(5);
      const idle = await t.worker.loop.runEpoch();
      assert.equal(idle.riders, 0);
      assert.equal(idle.assignments, 0);
      clock.advance(61);
      assert.equal((await t.worker.loop.runEpoch()).assignments, 1);
      assert.equal((await riderOf(o.id)).status, 'assigned');
      // A pickup without an explicit accept answers the offer (no later expiry, no cool-down).
      const carrier = (await riderOf(o.id)).riderId as string;
      const carrierToken = await t.rider(carrier);
      const { offerId } = expectStatus(await t.request('GET', `/v1/riders/${carrier}`, { token: carrierToken }), 200);
      await orderAction(t, carrierToken, o.id, 'pickup');
      assert.equal(expectStatus(await t.request('GET', `/v1/riders/${carrier}`, { token: carrierToken }), 200).offerId, null);
      expectError(await t.request('POST', `/v1/riders/${carrier}/offers/${offerId}/decline`, { token: carrierToken }), 409, 'OFFER_CLOSED');
      await orderAction(t, carrierToken, o.id, 'dropoff');
    });

    it('expires an unanswered offer after offerTtlSec: the order goes back to ready and a late accept gets 409', async () => {
      clock.advance(120);
      const o = await readyOrder(t, admin, { storeId: 's1' });
      assert.equal((await t.worker.loop.runEpoch()).assignments, 1);
      const assigned = await riderOf(o.id);
      const riderId = assigned.riderId as string;
      const token = await t.rider(riderId);
      const { offerId } = expectStatus(await t.request('GET', `/v1/riders/${riderId}`, { token }), 200);

      clock.advance(29);
      assert.equal((await t.worker.loop.runEpoch()).offersExpired, 0, 'not yet');
      assert.equal((await riderOf(o.id)).status, 'assigned');
      clock.advance(1);
      const report = await t.worker.loop.runEpoch();
      assert.equal(report.offersExpired, 1, JSON.stringify(report));
      // The same epoch re-plans the order with the other rider (the one who let it expire cools down).
      const after = await riderOf(o.id);
      assert.equal(after.status, 'assigned');
      assert.equal(after.riderId, riderId === 'ra' ? 'rb' : 'ra');
      expectError(await t.request('POST', `/v1/riders/${riderId}/offers/${offerId}/accept`, { token }), 409, 'OFFER_CLOSED');
      expectError(await t.request('POST', `/v1/riders/${riderId}/offers/of-unknown/accept`, { token }), 404, 'NOT_FOUND');
    });
  });

  describe('backpressure', () => {
    let t: TestWorker;
    let admin: string;

    before(async () => {
      t = await TestWorker.start('busy', { service: { maxPendingWrites: 0 } });
      admin = await t.admin();
      await createStore(t, admin, { id: 's1' });
    });
    after(async () => t.close());

    it('answers 429 with Retry-After while writes queue, and every 201 is durable', async () => {
      const answers = await Promise.all(Array.from({ length: 120 }, (_, i) => t.request('POST', '/v1/orders', { token: admin, body: orderBody({ storeId: 's1', id: `burst-${i}` }) })));
      const created = answers.filter((a) => a.status === 201);
      const refused = answers.filter((a) => a.status === 429);
      assert.equal(created.length + refused.length, answers.length, `only 201 and 429: ${[...new Set(answers.map((a) => a.status))].join(', ')}`);
      assert.ok(created.length >= 1, 'some orders got through');
      assert.ok(refused.length >= 1, 'some orders were refused');
      for (const r of refused) {
        assert.equal(r.headers.get('retry-after'), '1');
        assert.equal(r.body.error.code, 'TOO_MANY_REQUESTS');
      }
      // Durable: still there after a restart, refused ones absent.
      await t.restart();
      admin = await t.admin();
      for (const c of created) assert.equal(expectStatus(await t.request('GET', `/v1/orders/${c.body.id}`, { token: admin }), 200).id, c.body.id);
      const refusedIds = answers.flatMap((a, i) => (a.status === 429 ? [`burst-${i}`] : []));
      for (const id of refusedIds.slice(0, 10)) expectError(await t.request('GET', `/v1/orders/${id}`, { token: admin }), 404, 'NOT_FOUND');
      const metrics = await t.request('GET', '/metrics');
      assert.equal(metrics.status, 200);
    });
  });
});
