/**
 * Component tests of the event stream (`GET /v1/events`, Server-Sent Events read with fetch) and
 * of order ingest (NDJSON, a named field mapping, the Deliverect webhook adapter) over real HTTP.
 */
import assert from 'node:assert/strict';
import { compileFieldMapping } from '@o2o/dispatch-worker';
import { ACME_SPEC as ACME_FIXTURE_SPEC } from '../ingest/fixtures/ingest-fixtures.js';
import {
  CENTRE,
  SseStream,
  TestWorker,
  createRider,
  createStore,
  deliverectOrder,
  expectError,
  expectStatus,
  near,
  placeOrder,
  sleep,
  startShift,
  type SseFrame,
} from './fixtures/test-worker.js';

const NDJSON = 'application/x-ndjson';

/** The `acme` mapping of the ingest tests, with ids prefixed so they cannot collide with ours. */
const ACME_SPEC = { ...ACME_FIXTURE_SPEC, fields: { ...ACME_FIXTURE_SPEC.fields, id: { path: 'order.ref', prefix: 'acme:' } } };

function ndjson(lines: readonly unknown[]): string {
  return `${lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n')}\n`;
}

function line(id: string, storeId: string, quantity = 1): Record<string, unknown> {
  return { id, storeId, items: [{ sku: 'sku-1', quantity }], dropOff: near(0.003, 0.002) };
}

describe('HTTP events and ingest', () => {
  let t: TestWorker;
  let admin: string;

  before(async () => {
    t = await TestWorker.start('events-ingest', {
      ingest: {
        mappings: new Map([['acme', compileFieldMapping(ACME_SPEC)]]),
        adapterOptions: { deliverect: { storeIdMap: { 'dlv-loc-1': 'sa' } } },
      },
    });
    admin = await t.admin();
    await createStore(t, admin, { id: 'sa', location: CENTRE });
    await createStore(t, admin, { id: 'sb', location: near(0.01, 0.01) });
    await createStore(t, admin, { id: 'acme-ams-01', location: near(-0.005, 0) });
    await createRider(t, admin, 'r1');
    await createRider(t, admin, 'r2');
  });
  after(async () => t.close());

  describe('GET /v1/events (Server-Sent Events)', () => {
    const open: SseStream[] = [];
    const subscribe = async (token: string, query = '', headers: Record<string, string> = {}): Promise<SseStream> => {
      const s = await SseStream.open(t.url, token, query, headers);
      open.push(s);
      return s;
    };
    afterEach(async () => {
      for (const s of open.splice(0)) await s.close();
    });
    const isPlaced = (orderId: string) => (f: SseFrame) => f.event === 'order.placed' && f.data?.orderId === orderId;

    it('streams order.placed to an admin with id, event and data lines', async () => {
      const s = await subscribe(admin);
      assert.equal(s.headers.get('cache-control'), 'no-cache');
      const o = await placeOrder(t, admin, { storeId: 'sa' });
      const f = await s.waitFor(isPlaced(o.id), 3000, 'order.placed');
      assert.equal(Number(f.id), f.data.id);
      assert.equal(f.data.type, 'order.placed');
      assert.equal(f.data.storeId, 'sa');
      assert.equal(f.data.data.order.id, o.id);
      assert.equal(f.data.data.order.status, 'placed');
    });

    it("shows a merchant its stores' events and not another store's", async () => {
      const merchantA = await t.merchant('sa');
      const s = await subscribe(merchantA);
      const b = await placeOrder(t, admin, { storeId: 'sb' });
      const a = await placeOrder(t, admin, { storeId: 'sa' });
      await s.waitFor(isPlaced(a.id), 3000, "store A's order.placed");
      await sleep(20);
      assert.ok(s.frames.length > 0);
      for (const f of s.frames) assert.equal(f.data.storeId, 'sa', `merchant A saw ${f.event} of ${f.data.storeId}`);
      assert.equal(s.frames.find((f) => f.data.orderId === b.id), undefined);
      // A filter naming another store is refused; its own store is fine.
      const refused = await t.request('GET', '/v1/events?storeId=sb', { token: merchantA });
      expectError(refused, 403, 'FORBIDDEN_SCOPE');
      await subscribe(merchantA, '?storeId=sa');
    });

    it('shows a rider only the events naming it', async () => {
      const rider1 = await t.rider('r1');
      const s = await subscribe(rider1);
      await startShift(t, admin, 'r2', near(0.001, 0));
      await placeOrder(t, admin, { storeId: 'sa' });
      await startShift(t, rider1, 'r1', near(0.001, 0.001));
      await s.waitFor((f) => f.event === 'rider.shift', 3000, "r1's rider.shift");
      await sleep(20);
      for (const f of s.frames) assert.equal(f.data.riderId, 'r1', `r1 saw ${f.event} naming ${f.data.riderId}`);
      assert.deepEqual(s.frames.map((f) => f.event), ['rider.shift']);
      expectError(await t.request('GET', '/v1/events?riderId=r2', { token: rider1 }), 403, 'FORBIDDEN_SCOPE');
    });

    it('filters by type prefix (types=order.) and refuses unknown types', async () => {
      const s = await subscribe(admin, '?types=order.');
      await t.request('POST', '/v1/riders/r2/shift', { token: admin, body: { action: 'end' } });
      const o = await placeOrder(t, admin, { storeId: 'sb' });
      await s.waitFor(isPlaced(o.id), 3000, 'order.placed');
      await sleep(20);
      for (const f of s.frames) assert.match(f.event ?? '', /^order\./);
      const exact = await subscribe(admin, '?types=rider.shift');
      await startShift(t, admin, 'r2', near(0.001, 0));
      await placeOrder(t, admin, { storeId: 'sb' });
      await exact.waitFor((f) => f.event === 'rider.shift', 3000, 'rider.shift');
      await sleep(20);
      assert.deepEqual([...new Set(exact.frames.map((f) => f.event))], ['rider.shift']);
      const bad = expectError(await t.request('GET', '/v1/events?types=order.exploded', { token: admin }), 400, 'INVALID_INPUT');
      assert.equal(bad.field, 'types');
    });

    it('replays missed events after Last-Event-ID (and ?since=)', async () => {
      const first = await subscribe(admin);
      const o1 = await placeOrder(t, admin, { storeId: 'sa' });
      const seen = await first.waitFor(isPlaced(o1.id), 3000, 'order.placed');
      const lastId = Number(seen.id);
      await first.close();
      // Missed while disconnected (one subscriber stays so order.placed is published).
      const keeper = await subscribe(admin, '?types=epoch.completed');
      const o2 = await placeOrder(t, admin, { storeId: 'sa' });
      const o3 = await placeOrder(t, admin, { storeId: 'sb' });
      await keeper.close();

      const resumed = await subscribe(admin, '', { 'last-event-id': String(lastId) });
      await resumed.waitFor(isPlaced(o3.id), 3000, 'the missed order.placed of o3');
      assert.equal(Number(resumed.frames[0]!.id), lastId + 1, 'replay starts right after Last-Event-ID');
      const ids = resumed.frames.map((f) => Number(f.id));
      assert.deepEqual(ids, [...new Set(ids)].sort((a, b) => a - b));
      assert.ok(resumed.frames.some(isPlaced(o2.id)));
      assert.ok(!resumed.frames.some(isPlaced(o1.id)), 'nothing before Last-Event-ID');
      // The same with ?since=, narrowed to a merchant's scope.
      const sinceB = await subscribe(await t.merchant('sb'), `?since=${lastId}`);
      await sinceB.waitFor(isPlaced(o3.id), 3000, 'o3 for merchant B');
      assert.ok(!sinceB.frames.some(isPlaced(o2.id)), "merchant B does not get store A's replay");
      expectError(await t.request('GET', '/v1/events?since=abc', { token: admin }), 400, 'INVALID_INPUT');
    });
  });

  describe('GET /v1/events: token lifetime', () => {
    it('ends the stream when the token expires', async () => {
      const shortLived = await t.worker.issuer.mint({ role: 'admin' }, 1);
      const s = await SseStream.open(t.url, shortLived);
      try {
        const started = Date.now();
        assert.equal(await s.waitEnd(4000), true, 'the server closed the stream');
        assert.ok(Date.now() - started <= 2500);
      } finally {
        await s.close();
      }
    });
  });

  describe('POST /v1/orders/ingest (NDJSON)', () => {
    it('accepts good lines, reports a bad line with line/field/rule/value, and replays a re-sent body', async () => {
      const body = ndjson([line('ing-1', 'sa'), line('ing-2', 'sa', 0), '', '{"id": "ing-3",', line('ing-4', 'sb', 2), { storeId: 'sa', items: [{ sku: 'x', quantity: 1 }], dropOff: CENTRE }]);
      const res = expectStatus(await t.request('POST', '/v1/orders/ingest', { token: admin, raw: body, contentType: NDJSON }), 200);
      assert.equal(res.accepted, 2);
      assert.equal(res.replayed, 0);
      assert.deepEqual(res.orderIds, ['ing-1', 'ing-4']);
      assert.equal(res.rejected.length, 3);
      const [badQty, badJson, noId] = res.rejected;
      assert.equal(badQty.line, 2);
      assert.equal(badQty.code, 'INVALID_FIELD');
      assert.equal(badQty.field, 'items[0].quantity');
      assert.equal(badQty.rule, 'must be an integer in [1, 10000]');
      assert.equal(badQty.value, 0);
      assert.match(badQty.message, /line 2/);
      assert.equal(badJson.line, 4, 'blank lines count');
      assert.equal(badJson.code, 'INVALID_JSON');
      assert.equal(noId.line, 6);
      assert.equal(noId.field, 'id');
      const order = expectStatus(await t.request('GET', '/v1/orders/ing-4', { token: admin }), 200);
      assert.equal(order.storeId, 'sb');
      assert.deepEqual(order.items, [{ sku: 'sku-1', quantity: 2 }]);

      const again = expectStatus(await t.request('POST', '/v1/orders/ingest', { token: admin, raw: body, contentType: NDJSON }), 200);
      assert.equal(again.accepted, 0);
      assert.equal(again.replayed, 2);
      assert.deepEqual(again.orderIds, ['ing-1', 'ing-4']);
      assert.equal(again.rejected.length, 3);
      const listed = expectStatus(await t.request('GET', '/v1/orders?storeId=sa&limit=500', { token: admin }), 200);
      assert.equal(listed.orders.filter((o: { id: string }) => o.id === 'ing-1').length, 1, 'no duplicate');

      const metrics = (await t.request('GET', '/metrics')).text;
      assert.match(metrics, /^o2o_orders_created_total\{source="ingest"\} 2$/m);
      // Not NDJSON at all.
      expectError(await t.request('POST', '/v1/orders/ingest', { token: admin, raw: 'a,b', contentType: 'text/csv' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    });

    it('maps a foreign shape through a named field mapping', async () => {
      const created = '2026-01-05T12:30:00Z';
      const record = (ref: string, qty: unknown) => ({
        order: { ref, channel: 'web' },
        shop: { code: 'ams-01' },
        customer: { name: 'J. Doe', geo: [CENTRE.lat - 0.004, CENTRE.lng + 0.001] },
        created,
        deadline: Date.parse(created) + 40 * 60_000,
        lines: [{ code: 'SKU-1', qty, price: 350 }],
      });
      const res = expectStatus(
        await t.request('POST', '/v1/orders/ingest?mapping=acme', { token: admin, raw: ndjson([record('A-1', 2), record('A-2', 'two')]), contentType: NDJSON }),
        200,
      );
      assert.equal(res.accepted, 1);
      assert.deepEqual(res.orderIds, ['acme:A-1']);
      assert.equal(res.rejected.length, 1);
      assert.deepEqual(
        { line: res.rejected[0].line, code: res.rejected[0].code, field: res.rejected[0].field, source: res.rejected[0].source, value: res.rejected[0].value },
        { line: 2, code: 'INVALID_FIELD', field: 'items[0].quantity', source: 'lines.0.qty', value: 'two' },
      );
      const order = expectStatus(await t.request('GET', '/v1/orders/acme:A-1', { token: admin }), 200);
      assert.equal(order.storeId, 'acme-ams-01');
      assert.deepEqual(order.items, [{ sku: 'SKU-1', quantity: 2 }]);
      assert.deepEqual(order.dropOff, { lat: CENTRE.lat - 0.004, lng: CENTRE.lng + 0.001 });
      assert.equal(order.placedAt, Date.parse(created) / 1000);
      assert.equal(order.promisedBy, Date.parse(created) / 1000 + 2400);
      const unknown = expectError(await t.request('POST', '/v1/orders/ingest?mapping=nope', { token: admin, raw: ndjson([record('A-3', 1)]), contentType: NDJSON }), 400, 'INVALID_INPUT');
      assert.equal(unknown.field, 'mapping');
    });

    it("rejects a merchant's line for another store with FORBIDDEN_SCOPE and keeps its own", async () => {
      const merchantA = await t.merchant('sa');
      const res = expectStatus(await t.request('POST', '/v1/orders/ingest', { token: merchantA, raw: ndjson([line('m-own', 'sa'), line('m-other', 'sb')]), contentType: NDJSON }), 200);
      assert.equal(res.accepted, 1);
      assert.deepEqual(res.orderIds, ['m-own']);
      assert.equal(res.rejected.length, 1);
      assert.equal(res.rejected[0].line, 2);
      assert.equal(res.rejected[0].code, 'FORBIDDEN_SCOPE');
      expectError(await t.request('GET', '/v1/orders/m-other', { token: admin }), 404, 'NOT_FOUND');
      // A rider may not ingest at all, even a body without a single valid line.
      const rider = await t.rider('r1');
      expectError(await t.request('POST', '/v1/orders/ingest', { token: rider, raw: ndjson([line('r-1', 'sa')]), contentType: NDJSON }), 403, 'FORBIDDEN_ROLE');
      expectError(await t.request('POST', '/v1/orders/ingest', { token: rider, raw: ndjson(['{bad']), contentType: NDJSON }), 403, 'FORBIDDEN_ROLE');
    });
  });

  describe('POST /v1/adapters/deliverect/orders (webhook)', () => {
    it('creates the order a Deliverect push describes, replays a re-sent push, and refuses cancellations and non-delivery orders', async () => {
      const push = deliverectOrder('UE-7F3A-1', 'dlv-loc-1');
      const res = expectStatus(await t.request('POST', '/v1/adapters/deliverect/orders', { token: admin, body: push }), 200);
      assert.deepEqual(res, { accepted: 1, replayed: 0, rejected: [], orderIds: ['deliverect:7:UE-7F3A-1'] });
      const order = expectStatus(await t.request('GET', '/v1/orders/deliverect:7:UE-7F3A-1', { token: admin }), 200);
      assert.equal(order.storeId, 'sa', 'location mapped through storeIdMap');
      assert.deepEqual(order.items, [{ sku: 'BURGER', quantity: 2 }, { sku: 'FRIES', quantity: 1 }], 'sub-items ignored');
      assert.deepEqual(order.dropOff, { lat: CENTRE.lat + 0.002, lng: CENTRE.lng + 0.004 });
      assert.equal(order.promisedBy - order.placedAt, 35 * 60);

      const again = expectStatus(await t.request('POST', '/v1/adapters/deliverect/orders', { token: admin, body: push }), 200);
      assert.deepEqual(again, { accepted: 0, replayed: 1, rejected: [], orderIds: ['deliverect:7:UE-7F3A-1'] });

      const batch = expectStatus(
        await t.request('POST', '/v1/adapters/deliverect/orders', {
          token: admin,
          body: [
            deliverectOrder('UE-2', 'sb'),
            { ...deliverectOrder('UE-1', 'dlv-loc-1'), status: 100 },
            { ...deliverectOrder('UE-3', 'sa'), orderType: 1 },
            { ...deliverectOrder('UE-4', 'sa'), deliveryAddress: { street: 'Damrak' } },
          ],
        }),
        200,
      );
      assert.equal(batch.accepted, 1);
      assert.deepEqual(batch.orderIds, ['deliverect:7:UE-2']);
      assert.deepEqual(
        batch.rejected.map((r: { line: number; code: string; field?: string }) => [r.line, r.code, r.field]),
        [
          [2, 'CANCEL_REQUEST', 'status'],
          [3, 'UNSUPPORTED_ORDER', 'orderType'],
          [4, 'MISSING_FIELD', 'dropOff'],
        ],
      );
      // A merchant pushing another store's order: that order is refused.
      const merchantA = await t.merchant('sa');
      const scoped = expectStatus(await t.request('POST', '/v1/adapters/deliverect/orders', { token: merchantA, body: [deliverectOrder('UE-5', 'sa'), deliverectOrder('UE-6', 'sb')] }), 200);
      assert.equal(scoped.accepted, 1);
      assert.deepEqual(scoped.rejected.map((r: { line: number; code: string }) => [r.line, r.code]), [[2, 'FORBIDDEN_SCOPE']]);
      expectError(await t.request('POST', '/v1/adapters/nowhere/orders', { token: admin, body: push }), 404, 'NOT_FOUND');
      const rider = await t.rider('r1');
      expectError(await t.request('POST', '/v1/adapters/deliverect/orders', { token: rider, body: [] }), 403, 'FORBIDDEN_ROLE');
    });
  });
});
