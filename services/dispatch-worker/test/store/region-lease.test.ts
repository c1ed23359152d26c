import assert from 'node:assert/strict';
import { RedisOrderStore, RegionLeases, isOrderStoreError } from '@o2o/dispatch-worker';
import { makeOrder, makeReservation } from './fixtures/store-fixtures.js';
import { REDIS_MISSING, findRedisServer, startRedis, type TestRedis } from './fixtures/redis-server.js';

const binary = findRedisServer();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const leaseLost = (e: unknown) => isOrderStoreError(e, 'LEASE_LOST');

describe('RegionLeases and fenced Redis writes', function () {
  this.timeout(20_000);
  let redis: TestRedis;
  let seq = 0;
  before(async function () {
    if (binary === undefined) {
      console.log(`      skipped: ${REDIS_MISSING}`);
      this.skip();
    }
    redis = await startRedis(binary!);
  });
  after(async () => redis?.stop());

  /** Two instances (their own connections) sharing one namespace. */
  async function twoInstances(ttlMs: number) {
    const namespace = `lease-${process.pid}-${++seq}`;
    const a = await RedisOrderStore.open({ url: redis.url, namespace });
    const b = await RedisOrderStore.open({ url: redis.url, namespace });
    return { a, b, leasesA: new RegionLeases(a.connection, a.prefix, 'inst-a', ttlMs), leasesB: new RegionLeases(b.connection, b.prefix, 'inst-b', ttlMs) };
  }

  it('one owner at a time; renewals keep it; a release hands it over with a larger token', async () => {
    const { a, b, leasesA, leasesB } = await twoInstances(5_000);
    try {
      const held = await leasesA.acquire('r1');
      assert.ok(held);
      assert.equal(held.holder, `inst-a|${held.token}`);
      assert.equal(await leasesB.acquire('r1'), undefined, 'r1 is taken');
      assert.ok(await leasesB.acquire('r2'), 'another region is free');
      assert.equal((await leasesA.acquire('r1'))?.token, held.token, 'acquiring again renews the same lease');
      assert.equal(await leasesA.renew(held), true);
      assert.equal(await leasesB.release({ ...held, holder: `inst-b|${held.token}` }), false, 'only the holder value releases it');
      assert.equal(await leasesA.release(held), true);
      const next = await leasesB.acquire('r1');
      assert.ok(next && next.token > held.token);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('an owner paused past its lease cannot write after another took the region over; the new owner can', async () => {
    const { a, b, leasesA, leasesB } = await twoInstances(300);
    try {
      const leaseA = await leasesA.acquire('r1');
      assert.ok(leaseA);
      a.setFence(leaseA);
      await a.createOrder({ order: makeOrder('o-before'), response: {} });
      // A "pauses": no renewal; the lease expires and B takes the region over.
      await sleep(450);
      const leaseB = await leasesB.acquire('r1');
      assert.ok(leaseB && leaseB.token > leaseA.token);
      b.setFence(leaseB);
      // A wakes up: every kind of write is refused and leaves nothing behind.
      await assert.rejects(a.createOrder({ order: makeOrder('o-stale'), response: {} }), leaseLost);
      await assert.rejects(a.transition('o-before', { expected: 'placed', to: 'accepted', at: makeOrder('x').placedAt + 1, details: { storeId: 's1' } }), leaseLost);
      await assert.rejects(a.saveReservations([makeReservation('res-stale', 'o-before')]), leaseLost);
      await assert.rejects(a.saveCatalog([{ kind: 'store', id: 's9', data: { x: 1 } }]), leaseLost);
      await assert.rejects(a.setRiderRoute({ riderId: 'r-1', stops: [], updatedAt: 1 }), leaseLost);
      assert.equal(await leasesA.renew(leaseA), false, 'the old lease cannot be renewed');
      assert.equal(await b.getOrder('o-stale'), undefined);
      assert.equal((await b.getOrder('o-before'))?.status, 'placed');
      assert.equal(await b.getReservation('res-stale'), undefined);
      assert.equal(await b.getCatalog('store', 's9'), undefined);
      // The new owner writes.
      const moved = await b.transition('o-before', { expected: 'placed', to: 'accepted', at: makeOrder('x').placedAt + 1, details: { storeId: 's1' } });
      assert.equal(moved.status, 'accepted');
      await b.saveCatalog([{ kind: 'store', id: 's9', data: { x: 2 } }]);
      assert.deepEqual((await a.getCatalog('store', 's9'))?.data, { x: 2 });
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('refuses a fence from another prefix', async () => {
    const { a, b, leasesB } = await twoInstances(1_000);
    const other = await RedisOrderStore.open({ url: redis.url, namespace: `elsewhere-${seq}` });
    try {
      const lease = await leasesB.acquire('r1');
      assert.throws(() => other.setFence(lease), /lease\.key/);
    } finally {
      await a.close();
      await b.close();
      await other.close();
    }
  });
});
