/**
 * Component tests of stores, inventory, riders, shifts, locations, quotes, the heatmap and the
 * probes and metrics, over real HTTP (port 0, a fresh SQLite directory).
 */
import assert from 'node:assert/strict';
import {
  CENTRE,
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

describe('HTTP stores, riders, quotes, heatmap, probes', () => {
  let t: TestWorker;
  let admin: string;

  before(async () => {
    t = await TestWorker.start('stores-riders');
    admin = await t.admin();
  });
  after(async () => t.close());

  describe('stores and inventory', () => {
    it('creates (201), refuses a duplicate id (409), gets, lists and patches stores', async () => {
      const created = await createStore(t, admin, { id: 'st-a', location: CENTRE });
      assert.deepEqual(created, { id: 'st-a', kind: 'store', location: CENTRE, prepTimeSec: 600, open: true });
      const named = expectStatus(
        await t.request('POST', '/v1/stores', { token: admin, body: { id: 'st-b', name: 'Bakery B', kind: 'warehouse', location: near(0.01, 0), prepTimeSec: 120 } }),
        201,
      );
      assert.equal(named.name, 'Bakery B');
      assert.equal(named.prepTimeSec, 120);
      const dup = expectError(await t.request('POST', '/v1/stores', { token: admin, body: { id: 'st-a', kind: 'store', location: CENTRE } }), 409, 'DUPLICATE_ID');
      assert.equal(dup.field, 'id');

      assert.deepEqual(expectStatus(await t.request('GET', '/v1/stores/st-a', { token: admin }), 200), created);
      expectError(await t.request('GET', '/v1/stores/st-zzz', { token: admin }), 404, 'NOT_FOUND');
      const all = expectStatus(await t.request('GET', '/v1/stores', { token: admin }), 200);
      assert.deepEqual(all.stores.map((s: { id: string }) => s.id).sort(), ['st-a', 'st-b']);
      const one = expectStatus(await t.request('GET', '/v1/stores?storeId=st-b', { token: admin }), 200);
      assert.deepEqual(one.stores.map((s: { id: string }) => s.id), ['st-b']);
      // A merchant lists only its stores.
      const merchant = await t.merchant('st-b');
      const mine = expectStatus(await t.request('GET', '/v1/stores', { token: merchant }), 200);
      assert.deepEqual(mine.stores.map((s: { id: string }) => s.id), ['st-b']);

      const patched = expectStatus(await t.request('PATCH', '/v1/stores/st-a', { token: admin, body: { name: 'Corner shop', prepTimeSec: 300 } }), 200);
      assert.equal(patched.name, 'Corner shop');
      assert.equal(patched.prepTimeSec, 300);
      assert.equal(patched.open, true);
      expectError(await t.request('PATCH', '/v1/stores/st-zzz', { token: admin, body: { open: false } }), 404, 'NOT_FOUND');
    });

    it('closes a store: order creation answers 409 STORE_CLOSED until it reopens', async () => {
      const merchant = await t.merchant('st-a');
      assert.equal(expectStatus(await t.request('PATCH', '/v1/stores/st-a', { token: merchant, body: { open: false } }), 200).open, false);
      const closed = expectError(await t.request('POST', '/v1/orders', { token: admin, body: orderBody({ storeId: 'st-a' }) }), 409, 'STORE_CLOSED');
      assert.equal(closed.storeId, 'st-a');
      expectStatus(await t.request('PATCH', '/v1/stores/st-a', { token: merchant, body: { open: true } }), 200);
      await placeOrder(t, merchant, { storeId: 'st-a' });
      // An unknown store is bad input.
      const unknown = expectError(await t.request('POST', '/v1/orders', { token: admin, body: orderBody({ storeId: 'st-nope' }) }), 400, 'UNKNOWN_REFERENCE');
      assert.equal(unknown.field, 'storeId');
    });

    it('puts and gets inventory (on hand, reserved, available)', async () => {
      assert.equal(expectStatus(await t.request('GET', '/v1/stores/st-b/inventory', { token: admin }), 200).stock, null, 'no stock tracking yet');
      const put = expectStatus(await t.request('PUT', '/v1/stores/st-b/inventory', { token: admin, body: { inventory: { flour: 10, salt: 0 } } }), 200);
      assert.deepEqual(put.inventory, { flour: 10, salt: 0 });
      const got = expectStatus(await t.request('GET', '/v1/stores/st-b/inventory', { token: admin }), 200);
      assert.deepEqual(got, { storeId: 'st-b', stock: { flour: { onHand: 10, reserved: 0, available: 10 }, salt: { onHand: 0, reserved: 0, available: 0 } } });
      await placeOrder(t, admin, { storeId: 'st-b', items: [{ sku: 'flour', quantity: 4 }] });
      // A new count keeps what is held.
      expectStatus(await t.request('PUT', '/v1/stores/st-b/inventory', { token: admin, body: { inventory: { flour: 6, salt: 2 } } }), 200);
      const after = expectStatus(await t.request('GET', '/v1/stores/st-b/inventory', { token: admin }), 200).stock;
      assert.deepEqual(after.flour, { onHand: 6, reserved: 4, available: 2 });
      assert.deepEqual(after.salt, { onHand: 2, reserved: 0, available: 2 });
      expectError(await t.request('POST', '/v1/orders', { token: admin, body: orderBody({ storeId: 'st-b', items: [{ sku: 'flour', quantity: 3 }] }) }), 409, 'OUT_OF_STOCK');
      const missing = expectError(await t.request('PUT', '/v1/stores/st-b/inventory', { token: admin, body: { stock: {} } }), 400, 'INVALID_INPUT');
      assert.equal(missing.field, 'inventory');
      expectError(await t.request('PUT', '/v1/stores/st-zzz/inventory', { token: admin, body: { inventory: { a: 1 } } }), 404, 'NOT_FOUND');
    });
  });

  describe('riders, shifts and locations', () => {
    let r1: string;

    before(async () => {
      r1 = await t.rider('rd-1');
    });

    it('creates (201), refuses a duplicate (409), gets and lists riders', async () => {
      const created = await createRider(t, admin, 'rd-1', 'escooter');
      assert.deepEqual(created, { id: 'rd-1', mode: 'escooter', capacity: 10, bagLimit: 3, onShift: false, shiftEnd: 0 });
      const custom = expectStatus(await t.request('POST', '/v1/riders', { token: admin, body: { id: 'rd-2', name: 'Kim', mode: 'car', capacity: 40, bagLimit: 6 } }), 201);
      assert.equal(custom.capacity, 40);
      await createRider(t, admin, 'rd-3', 'walk');
      expectError(await t.request('POST', '/v1/riders', { token: admin, body: { id: 'rd-1', mode: 'bike' } }), 409, 'DUPLICATE_ID');
      const view = expectStatus(await t.request('GET', '/v1/riders/rd-1', { token: r1 }), 200);
      assert.deepEqual(view, { ...created, position: null, locatedAt: null, orders: [], offerId: null });
      expectError(await t.request('GET', '/v1/riders/rd-none', { token: admin }), 404, 'NOT_FOUND');
      const list = expectStatus(await t.request('GET', '/v1/riders', { token: admin }), 200);
      assert.deepEqual(list.riders.map((r: { id: string }) => r.id).sort(), ['rd-1', 'rd-2', 'rd-3']);
    });

    it('starts and ends shifts; ending with orders in hand is 409 RIDER_BUSY', async () => {
      const started = await startShift(t, r1, 'rd-1', near(0.001, 0.001));
      assert.equal(started.onShift, true);
      assert.ok(started.shiftEnd > Math.floor(Date.now() / 1000));
      assert.deepEqual(started.position, near(0.001, 0.001));
      const pastEnd = expectError(await t.request('POST', '/v1/riders/rd-2/shift', { token: admin, body: { action: 'start', position: CENTRE, shiftEnd: 1_000_000_000 } }), 400, 'INVALID_INPUT');
      assert.equal(pastEnd.field, 'shiftEnd');
      const noPosition = expectError(await t.request('POST', '/v1/riders/rd-2/shift', { token: admin, body: { action: 'start' } }), 400, 'INVALID_INPUT');
      assert.equal(noPosition.field, 'position');

      // rd-1 takes an order (it is the only rider on shift).
      const o = await readyOrder(t, admin, { storeId: 'st-a' });
      assert.equal((await t.worker.loop.runEpoch()).assignments, 1);
      const busy = expectError(await t.request('POST', '/v1/riders/rd-1/shift', { token: r1, body: { action: 'end' } }), 409, 'RIDER_BUSY');
      assert.deepEqual(busy.orders, [o.id]);
      await orderAction(t, r1, o.id, 'pickup');
      expectError(await t.request('POST', '/v1/riders/rd-1/shift', { token: r1, body: { action: 'end' } }), 409, 'RIDER_BUSY');
      await orderAction(t, r1, o.id, 'dropoff');
      const ended = expectStatus(await t.request('POST', '/v1/riders/rd-1/shift', { token: r1, body: { action: 'end' } }), 200);
      assert.equal(ended.onShift, false);
      assert.equal(ended.shiftEnd, 0);
      // Back on shift for the location tests.
      await startShift(t, r1, 'rd-1', CENTRE);
    });

    it('takes single location updates (204) and refuses an off-shift (409) or unknown (404) rider', async () => {
      const at = Math.floor(Date.now() / 1000);
      const res = await t.request('PUT', '/v1/riders/rd-1/location', { token: r1, body: { ...near(0.002, 0.003), at } });
      expectStatus(res, 204);
      assert.equal(res.text, '');
      const view = expectStatus(await t.request('GET', '/v1/riders/rd-1', { token: r1 }), 200);
      assert.deepEqual(view.position, near(0.002, 0.003));
      assert.equal(view.locatedAt, at);
      // An older report does not move the rider back.
      expectStatus(await t.request('PUT', '/v1/riders/rd-1/location', { token: r1, body: { ...CENTRE, at: at - 60 } }), 204);
      assert.deepEqual(expectStatus(await t.request('GET', '/v1/riders/rd-1', { token: r1 }), 200).position, near(0.002, 0.003));

      const off = expectError(await t.request('PUT', '/v1/riders/rd-3/location', { token: admin, body: CENTRE }), 409, 'RIDER_OFF_SHIFT');
      assert.equal(off.riderId, 'rd-3');
      expectError(await t.request('PUT', '/v1/riders/rd-ghost/location', { token: admin, body: CENTRE }), 404, 'NOT_FOUND');
      const badId = expectError(await t.request('PUT', '/v1/riders/bad%20id/location', { token: admin, body: CENTRE }), 400, 'INVALID_INPUT');
      assert.equal(badId.field, 'riderId');
    });

    it('takes batched location updates, reporting unknown and off-shift riders per entry', async () => {
      await startShift(t, admin, 'rd-2', near(-0.001, 0));
      const batch = expectStatus(
        await t.request('POST', '/v1/riders/locations', {
          token: admin,
          body: {
            locations: [
              { riderId: 'rd-1', ...near(0.003, 0.003) },
              { riderId: 'rd-ghost', ...CENTRE },
              { riderId: 'rd-3', ...CENTRE },
              { riderId: 'rd-2', ...near(-0.002, 0) },
            ],
          },
        }),
        200,
      );
      assert.deepEqual(batch, {
        accepted: 2,
        rejected: [
          { index: 1, riderId: 'rd-ghost', code: 'UNKNOWN_RIDER' },
          { index: 2, riderId: 'rd-3', code: 'RIDER_OFF_SHIFT' },
        ],
      });
      assert.deepEqual(expectStatus(await t.request('GET', '/v1/riders/rd-2', { token: admin }), 200).position, near(-0.002, 0));
      // A rider batches its own positions only.
      const own = expectStatus(await t.request('POST', '/v1/riders/locations', { token: r1, body: { locations: [{ riderId: 'rd-1', ...CENTRE }] } }), 200);
      assert.equal(own.accepted, 1);
      expectError(await t.request('POST', '/v1/riders/locations', { token: r1, body: { locations: [{ riderId: 'rd-1', ...CENTRE }, { riderId: 'rd-2', ...CENTRE }] } }), 403, 'FORBIDDEN_SCOPE');
      const empty = expectError(await t.request('POST', '/v1/riders/locations', { token: admin, body: { locations: [] } }), 400, 'INVALID_INPUT');
      assert.equal(empty.field, 'locations');
      // The metric counts accepted positions.
      const metrics = (await t.request('GET', '/metrics')).text;
      const m = /^o2o_location_updates_total (\d+)/m.exec(metrics);
      assert.ok(m !== null && Number(m[1]) >= 5, `location updates counted: ${m?.[0]}`);
    });
  });

  describe('quotes and heatmap', () => {
    it('quotes a fee and an ETA; an unknown store is 400, a drop-off out of range 400', async () => {
      const q = expectStatus(await t.request('POST', '/v1/quotes', { token: admin, body: { storeId: 'st-a', dropOff: near(0.01, 0.01), subtotalCents: 2500 } }), 200);
      assert.ok(Number.isInteger(q.feeCents) && q.feeCents >= 0, `feeCents ${q.feeCents}`);
      assert.ok(Number.isInteger(q.etaSec) && q.etaSec > 0, `etaSec ${q.etaSec}`);
      assert.ok(q.distanceM > 1000, `distanceM ${q.distanceM}`);
      assert.ok(q.promisedBy > Math.floor(Date.now() / 1000));
      assert.equal(typeof q.surgeMultiplier, 'number');
      assert.equal(typeof q.breakdown, 'object');
      const nearer = expectStatus(await t.request('POST', '/v1/quotes', { token: admin, body: { storeId: 'st-a', dropOff: near(0.001, 0.001) } }), 200);
      assert.ok(nearer.etaSec < q.etaSec, 'a nearer drop-off is sooner');
      const merchant = await t.merchant('st-a');
      expectStatus(await t.request('POST', '/v1/quotes', { token: merchant, body: { storeId: 'st-a', dropOff: near(0.001, 0.001) } }), 200);

      const unknown = expectError(await t.request('POST', '/v1/quotes', { token: admin, body: { storeId: 'st-nope', dropOff: CENTRE } }), 400, 'UNKNOWN_REFERENCE');
      assert.equal(unknown.field, 'storeId');
      assert.equal(unknown.value, 'st-nope');
      const far = expectError(await t.request('POST', '/v1/quotes', { token: admin, body: { storeId: 'st-a', dropOff: { lat: 48.8566, lng: 2.3522 } } }), 400, 'OUT_OF_RANGE');
      assert.equal(far.field, 'dropOff');
    });

    it('serves the heatmap as GeoJSON with demand where orders were placed (any role)', async () => {
      const dropOff = near(0.03, -0.03);
      for (let i = 0; i < 3; i++) await placeOrder(t, admin, { storeId: 'st-a', dropOff });
      for (const token of [admin, await t.merchant('st-b'), await t.rider('rd-2')]) {
        const map = expectStatus(await t.request('GET', '/v1/heatmap', { token }), 200);
        assert.equal(map.type, 'FeatureCollection');
        assert.ok(Array.isArray(map.features) && map.features.length > 0);
        for (const f of map.features) {
          assert.equal(f.type, 'Feature');
          assert.equal(f.geometry.type, 'Polygon');
          assert.deepEqual(Object.keys(f.properties).sort(), ['demand', 'h3', 'ratio', 'smoothedDemand', 'smoothedRatio', 'smoothedSupply', 'supply']);
        }
        const hot = map.features.filter((f: { properties: { demand: number } }) => f.properties.demand >= 3);
        assert.ok(hot.length >= 1, 'the drop-off cell has the three orders');
        assert.ok(map.features.some((f: { properties: { supply: number } }) => f.properties.supply > 0), 'riders on shift add supply');
      }
    });
  });

  describe('probes and metrics', () => {
    it('answers /healthz, /readyz, /metrics and /v1/openapi.json without a token', async () => {
      assert.deepEqual(expectStatus(await t.request('GET', '/healthz'), 200), { status: 'ok' });
      assert.deepEqual(expectStatus(await t.request('GET', '/readyz'), 200), { status: 'ready' });
      const metrics = await t.request('GET', '/metrics');
      expectStatus(metrics, 200);
      assert.match(metrics.headers.get('content-type') ?? '', /^text\/plain/);
      assert.match(metrics.text, /^# TYPE o2o_http_request_duration_seconds histogram$/m);
      assert.match(metrics.text, /^o2o_http_request_duration_seconds_bucket\{[^}]*route="\/v1\/orders"[^}]*\} \d+/m);
      assert.match(metrics.text, /^o2o_http_request_duration_seconds_count\{[^}]*route="\/v1\/stores\/:storeId"[^}]*\} \d+/m, 'routes are patterns, not raw URLs');
      assert.doesNotMatch(metrics.text, /route="\/v1\/stores\/st-a"/);
      assert.match(metrics.text, /^o2o_orders\{status="placed"\} \d+$/m);
      assert.match(metrics.text, /^o2o_orders\{status="delivered"\} [1-9]\d*$/m);
      assert.match(metrics.text, /^o2o_epochs_total [1-9]\d*$/m);
      const doc = expectStatus(await t.request('GET', '/v1/openapi.json'), 200);
      assert.match(String(doc.openapi), /^3\./);
      // Unknown routes are JSON 404s, never HTML.
      const missing = await t.request('GET', '/v1/nothing-here', { token: admin });
      expectError(missing, 404, 'NOT_FOUND');
      assert.match(missing.headers.get('content-type') ?? '', /json/);
      assert.ok((missing.headers.get('x-request-id') ?? '').length > 0);
    });
  });
});
