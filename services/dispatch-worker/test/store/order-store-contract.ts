/**
 * The order store contract as mocha tests, written against the `OrderStore` interface only, so
 * every backend (SQLite now, Redis later) runs the same suite:
 *
 * ```ts
 * describeOrderStoreContract('SqliteOrderStore', (ns) => SqliteOrderStore.open({ dataDir: join(tmp, ns) }));
 * ```
 *
 * `makeStore(namespace)` opens the store kept under `namespace` (a fresh namespace is empty; the
 * same namespace again after `close()` is a restart on the same data).
 */
import assert from 'node:assert/strict';
import { IllegalTransitionError, type Order } from '@o2o/dispatch-core';
import { fingerprintRequest, type OrderStore, type RiderRoute } from '@o2o/dispatch-worker';
import { T0, makeOrder, makeReservation, rejectsWithInputError, rejectsWithStoreError } from './fixtures/store-fixtures.js';

/** Opens the store kept under `namespace` (see the module doc). */
export type MakeOrderStore = (namespace: string) => OrderStore | Promise<OrderStore>;

let namespaceSeq = 0;

/** Registers the contract suite for one backend. */
export function describeOrderStoreContract(name: string, makeStore: MakeOrderStore): void {
  describe(`OrderStore contract: ${name}`, () => {
    const open: OrderStore[] = [];
    let ns = '';

    /** Opens (or reopens) this test's namespace. */
    async function openStore(): Promise<OrderStore> {
      const store = await makeStore(ns);
      open.push(store);
      return store;
    }

    /** Closes `store` and opens the same namespace again: a restart. */
    async function restart(store: OrderStore): Promise<OrderStore> {
      await store.close();
      return openStore();
    }

    /** Creates `id` (with `key` when given) and waits for it. */
    async function create(store: OrderStore, id: string, key?: string): Promise<Order> {
      const order = makeOrder(id);
      const body = { items: order.items, dropOff: order.dropOff };
      await store.createOrder({
        order,
        response: { id, status: 'placed' },
        ...(key === undefined ? {} : { idempotencyKey: key, fingerprint: fingerprintRequest(body) }),
      });
      return order;
    }

    /** Moves `id` from placed to ready. */
    async function makeReady(store: OrderStore, id: string): Promise<void> {
      await store.transition(id, { expected: 'placed', to: 'accepted', at: T0 + 10, details: { storeId: 's1' } });
      await store.transition(id, { expected: 'accepted', to: 'ready', at: T0 + 300 });
    }

    beforeEach(() => {
      namespaceSeq += 1;
      ns = `contract-${process.pid}-${namespaceSeq}`;
    });

    afterEach(async () => {
      for (const store of open.splice(0)) await store.close();
    });

    describe('createOrder and getOrder', () => {
      it('pruneIdempotencyKeys: a cutoff before every key forgets none, keys keep replaying; bad arguments are refused naming the field', async () => {
      const store = await openStore();
      const before = Date.now() - 60_000;
      await create(store, 'kp1', 'key-kp1');
      assert.equal(await store.pruneIdempotencyKeys(before), 0);
      const body = { items: makeOrder('kp1').items, dropOff: makeOrder('kp1').dropOff };
      assert.equal((await store.findReplay('key-kp1', fingerprintRequest(body)))?.orderId, 'kp1');
      await assert.rejects(store.pruneIdempotencyKeys(Number.NaN), (e: Error & { field?: string }) => e.field === 'createdBeforeMs');
      await assert.rejects(store.pruneIdempotencyKeys(before, 2_000_000), (e: Error & { field?: string }) => e.field === 'limit');
    });

    it('stores an order and reads it back as committed', async () => {
        const store = await openStore();
        const order = makeOrder('o1');
        const result = await store.createOrder({ order, response: { id: 'o1', status: 'placed' } });
        assert.deepEqual(result, { orderId: 'o1', response: { id: 'o1', status: 'placed' }, replayed: false });
        assert.deepEqual(await store.getOrder('o1'), order);
        assert.equal(await store.getOrder('nope'), undefined);
      });

      it('refuses a second order with the same id (DUPLICATE_ORDER), also while the first is still committing', async () => {
        const store = await openStore();
        const first = store.createOrder({ order: makeOrder('dup'), response: 1 });
        await rejectsWithStoreError(store.createOrder({ order: makeOrder('dup'), response: 2 }), 'DUPLICATE_ORDER');
        await first;
        const error = await rejectsWithStoreError(store.createOrder({ order: makeOrder('dup'), response: 3 }), 'DUPLICATE_ORDER');
        assert.equal(error.orderId, 'dup');
        assert.equal((await store.listOrders()).orders.length, 1);
      });

      it('rejects an invalid order, key or response with a DispatchInputError naming the field', async () => {
        const store = await openStore();
        await rejectsWithInputError(store.createOrder({ order: { ...makeOrder('bad'), size: 0 }, response: 1 }), 'order.size');
        await rejectsWithInputError(store.createOrder({ order: makeOrder('k'), response: 1, idempotencyKey: 'k1' }), 'fingerprint');
        await rejectsWithInputError(store.createOrder({ order: makeOrder('k'), response: 1, idempotencyKey: '', fingerprint: 'f' }), 'idempotencyKey');
        await rejectsWithInputError(store.createOrder({ order: makeOrder('k'), response: undefined }), 'response');
        assert.equal(await store.getOrder('k'), undefined);
      });
    });

    describe('idempotency keys', () => {
      it('a replay returns the first order id and the first stored response, and stores nothing new', async () => {
        const store = await openStore();
        const fingerprint = fingerprintRequest({ a: 1, b: [1, 2] });
        const first = await store.createOrder({ order: makeOrder('first'), response: { id: 'first', n: 1 }, idempotencyKey: 'key-1', fingerprint });
        const again = await store.createOrder({
          order: makeOrder('second'),
          response: { id: 'second', n: 2 },
          idempotencyKey: 'key-1',
          fingerprint: fingerprintRequest({ b: [1, 2], a: 1 }),
        });
        assert.equal(first.replayed, false);
        assert.deepEqual(again, { orderId: 'first', response: { id: 'first', n: 1 }, replayed: true });
        assert.equal(await store.getOrder('second'), undefined);
        assert.deepEqual((await store.listOrders()).orders.map((o) => o.id), ['first']);
      });

      it('findReplay answers a known key (also while it commits), nothing for a new one, and refuses another body', async () => {
        const store = await openStore();
        const fingerprint = fingerprintRequest({ q: 1 });
        assert.equal(await store.findReplay('key-f', fingerprint), undefined);
        const creating = store.createOrder({ order: makeOrder('f1'), response: { id: 'f1' }, idempotencyKey: 'key-f', fingerprint });
        const early = store.findReplay('key-f', fingerprint);
        await creating;
        assert.deepEqual(await early, { orderId: 'f1', response: { id: 'f1' }, replayed: true });
        await rejectsWithStoreError(store.findReplay('key-f', fingerprintRequest({ q: 2 })), 'IDEMPOTENCY_CONFLICT');
      });

      it('a replay after a restart still returns the first answer', async () => {
        let store = await openStore();
        const fingerprint = fingerprintRequest({ body: 'x' });
        await store.createOrder({ order: makeOrder('kept'), response: { id: 'kept', etaSec: 1200 }, idempotencyKey: 'key-r', fingerprint });
        store = await restart(store);
        const again = await store.createOrder({ order: makeOrder('other'), response: { id: 'other' }, idempotencyKey: 'key-r', fingerprint });
        assert.deepEqual(again, { orderId: 'kept', response: { id: 'kept', etaSec: 1200 }, replayed: true });
        assert.deepEqual((await store.listOrders()).orders.map((o) => o.id), ['kept']);
      });

      it('the same key with a different body is an IDEMPOTENCY_CONFLICT, before and after a restart', async () => {
        let store = await openStore();
        await store.createOrder({ order: makeOrder('c1'), response: 1, idempotencyKey: 'key-c', fingerprint: fingerprintRequest({ qty: 1 }) });
        const other = { order: makeOrder('c2'), response: 2, idempotencyKey: 'key-c', fingerprint: fingerprintRequest({ qty: 2 }) };
        const error = await rejectsWithStoreError(store.createOrder(other), 'IDEMPOTENCY_CONFLICT');
        assert.equal(error.idempotencyKey, 'key-c');
        store = await restart(store);
        await rejectsWithStoreError(store.createOrder(other), 'IDEMPOTENCY_CONFLICT');
        assert.equal(await store.getOrder('c2'), undefined);
      });

      it('concurrent creates with one key (not awaited) make one order and give every caller its answer', async () => {
        const store = await openStore();
        const fingerprint = fingerprintRequest({ same: true });
        const calls = ['p1', 'p2', 'p3'].map((id) => store.createOrder({ order: makeOrder(id), response: { id }, idempotencyKey: 'key-p', fingerprint }));
        const conflict = store.createOrder({ order: makeOrder('p4'), response: { id: 'p4' }, idempotencyKey: 'key-p', fingerprint: 'other' });
        await rejectsWithStoreError(conflict, 'IDEMPOTENCY_CONFLICT');
        const results = await Promise.all(calls);
        assert.deepEqual(results.map((r) => [r.orderId, r.replayed]), [['p1', false], ['p1', true], ['p1', true]]);
        assert.deepEqual(results[2]?.response, { id: 'p1' });
        assert.deepEqual((await store.listOrders()).orders.map((o) => o.id), ['p1']);
      });
    });

    describe('transition (compare-and-set)', () => {
      it('moves an order along the lifecycle and returns the stored order', async () => {
        const store = await openStore();
        await create(store, 't1');
        const accepted = await store.transition('t1', { expected: 'placed', to: 'accepted', at: T0 + 5, details: { storeId: 's9' } });
        assert.equal(accepted.status, 'accepted');
        assert.equal(accepted.storeId, 's9');
        assert.deepEqual(await store.getOrder('t1'), accepted);
        const ready = await store.transition('t1', { expected: 'accepted', to: 'ready', at: T0 + 100 });
        assert.equal(ready.readyAt, T0 + 100);
        assert.deepEqual(ready.statusAt, { accepted: T0 + 5, ready: T0 + 100 });
      });

      it('refuses a wrong expected status with STATUS_MISMATCH naming both statuses, and changes nothing', async () => {
        const store = await openStore();
        await create(store, 't2');
        const error = await rejectsWithStoreError(store.transition('t2', { expected: 'accepted', to: 'ready', at: T0 + 5 }), 'STATUS_MISMATCH');
        assert.deepEqual([error.orderId, error.expected, error.actual], ['t2', 'accepted', 'placed']);
        assert.equal((await store.getOrder('t2'))?.status, 'placed');
      });

      it('of two racing transitions from the same status, exactly one wins', async () => {
        const store = await openStore();
        await create(store, 'race');
        const outcomes = await Promise.allSettled([
          store.transition('race', { expected: 'placed', to: 'accepted', at: T0 + 5, details: { storeId: 's1' } }),
          store.transition('race', { expected: 'placed', to: 'cancelled', at: T0 + 5 }),
        ]);
        assert.deepEqual(outcomes.map((o) => o.status), ['fulfilled', 'rejected']);
        await rejectsWithStoreError(Promise.reject((outcomes[1] as PromiseRejectedResult).reason), 'STATUS_MISMATCH');
        assert.equal((await store.getOrder('race'))?.status, 'accepted');
      });

      it('throws dispatch-core errors for illegal transitions and bad details, ORDER_NOT_FOUND for unknown orders', async () => {
        const store = await openStore();
        await create(store, 't3');
        const illegal = store.transition('t3', { expected: 'placed', to: 'delivered', at: T0 + 5 });
        await assert.rejects(illegal, (e: unknown) => e instanceof IllegalTransitionError && e.from === 'placed' && e.to === 'delivered');
        await rejectsWithInputError(store.transition('t3', { expected: 'placed', to: 'accepted', at: T0 + 5 }), 'storeId');
        await rejectsWithInputError(store.transition('t3', { expected: 'placed', to: 'cancelled', at: T0 - 1 }), 'at');
        await rejectsWithStoreError(store.transition('ghost', { expected: 'placed', to: 'cancelled', at: T0 }), 'ORDER_NOT_FOUND');
        assert.equal((await store.getOrder('t3'))?.status, 'placed');
      });

      it('applies dependent writes issued without awaiting, in call order', async () => {
        const store = await openStore();
        const order = makeOrder('pipe');
        const writes = [
          store.createOrder({ order, response: 'ok' }),
          store.transition('pipe', { expected: 'placed', to: 'accepted', at: T0 + 1, details: { storeId: 's1' } }),
          store.transition('pipe', { expected: 'accepted', to: 'ready', at: T0 + 2 }),
          store.transition('pipe', { expected: 'ready', to: 'cancelled', at: T0 + 3 }),
        ];
        assert.ok(store.pendingWrites >= 1, 'writes wait for their commit');
        await Promise.all(writes);
        assert.equal(store.pendingWrites, 0);
        assert.equal((await store.getOrder('pipe'))?.status, 'cancelled');
      });
    });

    describe('rider assignment and routes', () => {
      const route = (riderId: string, orderIds: string[]): RiderRoute => ({
        riderId,
        updatedAt: T0 + 400,
        stops: orderIds.flatMap((orderId) => [
          { kind: 'pickup' as const, orderId, location: [121.4, 31.2] as const },
          { kind: 'dropoff' as const, orderId, etaAt: T0 + 1500 },
        ]),
      });

      it('records an assignment with the rider route atomically, and its history across an unassign', async () => {
        const store = await openStore();
        await create(store, 'a1');
        await makeReady(store, 'a1');
        const assigned = await store.recordAssignment({ orderId: 'a1', riderId: 'r7', at: T0 + 400, route: route('r7', ['a1']) });
        assert.equal(assigned.status, 'assigned');
        assert.equal(assigned.riderId, 'r7');
        assert.deepEqual(await store.getRiderRoute('r7'), route('r7', ['a1']));
        assert.deepEqual((await store.listOrders({ riderId: 'r7' })).orders.map((o) => o.id), ['a1']);

        const back = await store.transition('a1', { expected: 'assigned', to: 'ready', at: T0 + 450, routes: [{ riderId: 'r7', stops: [], updatedAt: T0 + 450 }] });
        assert.equal(back.riderId, undefined);
        assert.equal(await store.getRiderRoute('r7'), undefined);
        await store.recordAssignment({ orderId: 'a1', riderId: 'r8', at: T0 + 460 });
        assert.deepEqual(await store.assignmentsOf('a1'), [
          { orderId: 'a1', riderId: 'r7', kind: 'assigned', at: T0 + 400 },
          { orderId: 'a1', riderId: 'r7', kind: 'unassigned', at: T0 + 450 },
          { orderId: 'a1', riderId: 'r8', kind: 'assigned', at: T0 + 460 },
        ]);
        assert.deepEqual(await store.assignmentsOf('nobody'), []);
      });

      it('refuses to assign an order that is not ready, and leaves the route alone', async () => {
        const store = await openStore();
        await create(store, 'a2');
        await rejectsWithStoreError(store.recordAssignment({ orderId: 'a2', riderId: 'r1', at: T0 + 5, route: route('r1', ['a2']) }), 'STATUS_MISMATCH');
        assert.equal(await store.getRiderRoute('r1'), undefined);
        assert.deepEqual(await store.assignmentsOf('a2'), []);
      });

      it('replaces and removes routes, and validates them', async () => {
        const store = await openStore();
        await store.setRiderRoute(route('r2', ['x', 'y']));
        await store.setRiderRoute(route('r2', ['y']));
        assert.deepEqual((await store.getRiderRoute('r2'))?.stops.map((s) => s.orderId), ['y', 'y']);
        await store.setRiderRoute({ riderId: 'r2', stops: [], updatedAt: T0 + 500 });
        assert.equal(await store.getRiderRoute('r2'), undefined);
        const bad = { riderId: 'r3', updatedAt: T0, stops: [{ kind: 'teleport', orderId: 'x' }] } as unknown as RiderRoute;
        await rejectsWithInputError(store.setRiderRoute(bad), 'route.stops[0].kind');
      });
    });

    describe('reservations', () => {
      it('holds at placement, deducts at pickup, releases on cancel, in the same transaction as the order', async () => {
        const store = await openStore();
        await store.createOrder({ order: makeOrder('v1'), response: 1, reservations: [makeReservation('res-1', 'v1')] });
        await store.createOrder({ order: makeOrder('v2'), response: 2, reservations: [makeReservation('res-2', 'v2')] });
        assert.equal((await store.getReservation('res-1'))?.status, 'held');

        await makeReady(store, 'v1');
        await store.recordAssignment({ orderId: 'v1', riderId: 'r1', at: T0 + 400 });
        await store.transition('v1', { expected: 'assigned', to: 'picked_up', at: T0 + 700, reservations: [makeReservation('res-1', 'v1', 'committed', T0 + 700)] });
        await store.transition('v2', { expected: 'placed', to: 'cancelled', at: T0 + 20, reservations: [makeReservation('res-2', 'v2', 'released', T0 + 20)] });

        assert.deepEqual(await store.reservationsOf('v1'), [makeReservation('res-1', 'v1', 'committed', T0 + 700)]);
        assert.equal((await store.getReservation('res-2'))?.status, 'released');
        assert.deepEqual((await store.restore()).heldReservations, []);
      });

      it('refuses to change a reservation that already ended (RESERVATION_CONFLICT), atomically with the transition', async () => {
        const store = await openStore();
        await store.createOrder({ order: makeOrder('v3'), response: 1, reservations: [makeReservation('res-3', 'v3')] });
        await store.saveReservations([makeReservation('res-3', 'v3', 'expired', T0 + 900)]);
        const error = await rejectsWithStoreError(store.saveReservations([makeReservation('res-3', 'v3', 'held')]), 'RESERVATION_CONFLICT');
        assert.equal(error.reservationId, 'res-3');
        await rejectsWithStoreError(
          store.transition('v3', { expected: 'placed', to: 'cancelled', at: T0 + 30, reservations: [makeReservation('res-3', 'v3', 'released', T0 + 30)] }),
          'RESERVATION_CONFLICT',
        );
        assert.equal((await store.getOrder('v3'))?.status, 'placed', 'the transition did not happen either');
        assert.equal((await store.getReservation('res-3'))?.status, 'expired');
        await rejectsWithInputError(store.saveReservations([{ ...makeReservation('res-4', 'v3'), lines: [] }]), 'reservations[0].lines');
      });
    });

    describe('listOrders', () => {
      async function seed(store: OrderStore): Promise<void> {
        for (let i = 0; i < 12; i++) await create(store, `l${String(i).padStart(2, '0')}`);
        for (let i = 0; i < 12; i += 2) {
          await store.transition(`l${String(i).padStart(2, '0')}`, { expected: 'placed', to: 'accepted', at: T0 + 5, details: { storeId: i % 4 === 0 ? 'sA' : 'sB' } });
        }
        await store.transition('l00', { expected: 'accepted', to: 'ready', at: T0 + 50 });
        await store.recordAssignment({ orderId: 'l00', riderId: 'r1', at: T0 + 60 });
      }

      it('filters by status, store and rider (all given filters must match), oldest first', async () => {
        const store = await openStore();
        await seed(store);
        const ids = async (q: Parameters<OrderStore['listOrders']>[0]) => (await store.listOrders(q)).orders.map((o) => o.id);
        assert.deepEqual(await ids({ status: 'placed' }), ['l01', 'l03', 'l05', 'l07', 'l09', 'l11']);
        assert.deepEqual(await ids({ storeId: 'sA' }), ['l00', 'l04', 'l08']);
        assert.deepEqual(await ids({ storeId: 'sA', status: 'accepted' }), ['l04', 'l08']);
        assert.deepEqual(await ids({ status: ['assigned', 'accepted'], storeId: 'sB' }), ['l02', 'l06', 'l10']);
        assert.deepEqual(await ids({ riderId: 'r1' }), ['l00']);
        assert.deepEqual(await ids({ riderId: 'r1', status: 'placed' }), []);
      });

      it('pages with a cursor: every match exactly once, then no cursor', async () => {
        const store = await openStore();
        await seed(store);
        const seen: string[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page = await store.listOrders({ status: ['placed', 'accepted', 'assigned'], limit: 5, ...(cursor === undefined ? {} : { cursor }) });
          seen.push(...page.orders.map((o) => o.id));
          cursor = page.nextCursor;
          pages += 1;
        } while (cursor !== undefined);
        assert.equal(pages, 3);
        assert.deepEqual(seen, Array.from({ length: 12 }, (_, i) => `l${String(i).padStart(2, '0')}`));
        assert.equal((await store.listOrders({ limit: 12 })).nextCursor, undefined);
      });

      it('rejects bad queries with a DispatchInputError naming the field', async () => {
        const store = await openStore();
        await rejectsWithInputError(store.listOrders({ limit: 0 }), 'query.limit');
        await rejectsWithInputError(store.listOrders({ cursor: 'garbage!' }), 'query.cursor');
        await rejectsWithInputError(store.listOrders({ status: 'lost' as never }), 'query.status');
        await rejectsWithInputError(store.listOrders({ status: [] }), 'query.status');
      });
    });

    describe('restore, flush and close', () => {
      it('restores open orders, rider routes and held reservations after a restart', async () => {
        let store = await openStore();
        await store.createOrder({ order: makeOrder('open1'), response: 1, reservations: [makeReservation('h1', 'open1')] });
        await create(store, 'open2');
        await create(store, 'done');
        await makeReady(store, 'open2');
        await store.recordAssignment({ orderId: 'open2', riderId: 'r5', at: T0 + 400, route: { riderId: 'r5', updatedAt: T0 + 400, stops: [{ kind: 'pickup', orderId: 'open2' }] } });
        await store.transition('done', { expected: 'placed', to: 'cancelled', at: T0 + 9 });
        const before = await store.restore();
        store = await restart(store);
        const after = await store.restore();
        assert.deepEqual(after, before);
        assert.deepEqual(after.openOrders.map((o) => [o.id, o.status]), [['open1', 'placed'], ['open2', 'assigned']]);
        assert.deepEqual(after.riderRoutes, [{ riderId: 'r5', updatedAt: T0 + 400, stops: [{ kind: 'pickup', orderId: 'open2' }] }]);
        assert.deepEqual(after.heldReservations, [makeReservation('h1', 'open1')]);
        assert.deepEqual(after.catalog, []);
      });

      it('keeps catalog rows (stores, riders) across a restart; a transition writes them in its transaction', async () => {
        let store = await openStore();
        await store.saveCatalog([
          { kind: 'store', id: 's1', data: { id: 's1', inventory: { apple: 5 } } },
          { kind: 'rider', id: 'r1', data: { id: 'r1', mode: 'bike' } },
        ]);
        await store.saveCatalog([{ kind: 'store', id: 's1', data: { id: 's1', inventory: { apple: 4 } } }]);
        await create(store, 'c1');
        await store.transition('c1', { expected: 'placed', to: 'cancelled', at: T0 + 5, catalog: [{ kind: 'store', id: 's2', data: { n: 1 } }] });
        store = await restart(store);
        const { catalog } = await store.restore();
        assert.deepEqual(catalog, [
          { kind: 'rider', id: 'r1', data: { id: 'r1', mode: 'bike' } },
          { kind: 'store', id: 's1', data: { id: 's1', inventory: { apple: 4 } } },
          { kind: 'store', id: 's2', data: { n: 1 } },
        ]);
        assert.deepEqual(await store.getCatalog('store', 's1'), { kind: 'store', id: 's1', data: { id: 's1', inventory: { apple: 4 } } });
        assert.equal(await store.getCatalog('rider', 'nobody'), undefined);
        await rejectsWithInputError(store.saveCatalog([{ kind: 'shop' as never, id: 'x', data: 1 }]), 'rows[0].kind');
        await rejectsWithInputError(store.saveCatalog([{ kind: 'store', id: '', data: 1 }]), 'rows[0].id');
        await rejectsWithInputError(store.getCatalog('store', ''), 'id');
      });

      it('close commits what was accepted before it; afterwards every call rejects with STORE_CLOSED', async () => {
        let store = await openStore();
        const pending = store.createOrder({ order: makeOrder('late'), response: 1 });
        await store.close();
        await pending;
        await store.close();
        await rejectsWithStoreError(store.getOrder('late'), 'STORE_CLOSED');
        await rejectsWithStoreError(store.createOrder({ order: makeOrder('later'), response: 1 }), 'STORE_CLOSED');
        store = await openStore();
        assert.equal((await store.getOrder('late'))?.id, 'late');
      });

      it('flush makes every accepted write durable', async () => {
        const store = await openStore();
        const writes = [create(store, 'f1'), create(store, 'f2')];
        await store.flush();
        assert.equal(store.pendingWrites, 0);
        assert.equal((await store.listOrders()).orders.length, 2);
        await Promise.all(writes);
      });
    });
  });
}
