import assert from 'node:assert/strict';
import { AuthSecret, DispatchWorker, RedisOrderStore } from '@o2o/dispatch-worker';
import { describeOrderStoreContract } from './order-store-contract.js';
import { makeOrder } from './fixtures/store-fixtures.js';
import { REDIS_MISSING, findRedisServer, startRedis, type TestRedis } from './fixtures/redis-server.js';

const binary = findRedisServer();

if (binary === undefined) {
  describe('RedisOrderStore', () => {
    it('needs redis-server', function () {
      console.log(`      skipped: ${REDIS_MISSING}`);
      this.skip();
    });
  });
} else {
  let redis: TestRedis;
  before(async function () {
    this.timeout(20_000);
    redis = await startRedis(binary);
  });
  after(async () => redis?.stop());

  describeOrderStoreContract('RedisOrderStore', (namespace) => RedisOrderStore.open({ url: redis.url, namespace }));

  describe('RedisOrderStore', () => {
    it('keeps namespaces apart and refuses a bad namespace, naming the option', async () => {
      const a = await RedisOrderStore.open({ url: redis.url, namespace: 'ns-a' });
      const b = await RedisOrderStore.open({ url: redis.url, namespace: 'ns-b' });
      try {
        await a.createOrder({ order: makeOrder('o-ns'), response: {} });
        assert.ok(await a.getOrder('o-ns'));
        assert.equal(await b.getOrder('o-ns'), undefined);
        assert.equal(a.prefix, 'o2o:{ns-a}:');
      } finally {
        await a.close();
        await b.close();
      }
      await assert.rejects(RedisOrderStore.open({ url: redis.url, namespace: 'has space' }), /options\.namespace/);
    });

    it('idempotency keys expire after the namespace\'s retention (a later repeat is a new request); a bad retention is refused', async () => {
      const store = await RedisOrderStore.open({ url: redis.url, namespace: 'ns-retention', idempotencyRetentionMs: 1_000 });
      try {
        const first = await store.createOrder({ idempotencyKey: 'k-ret', fingerprint: 'f', order: makeOrder('o-ret-1'), response: { id: 'o-ret-1' } });
        assert.equal(first.replayed, false);
        const ttl = await store.connection.pttl('o2o:{ns-retention}:key:k-ret');
        assert.ok(ttl > 0 && ttl <= 1_000, `key TTL ${ttl} ms`);
        assert.equal((await store.createOrder({ idempotencyKey: 'k-ret', fingerprint: 'f', order: makeOrder('o-ret-2'), response: { id: 'o-ret-2' } })).orderId, 'o-ret-1', 'replayed within the retention');
        await new Promise((r) => setTimeout(r, 1_100));
        assert.equal(await store.findReplay('k-ret', 'f'), undefined);
        const again = await store.createOrder({ idempotencyKey: 'k-ret', fingerprint: 'f', order: makeOrder('o-ret-3'), response: { id: 'o-ret-3' } });
        assert.deepEqual([again.orderId, again.replayed], ['o-ret-3', false], 'a repeat after the retention is new');
        assert.equal(await store.pruneIdempotencyKeys(Date.now()), 0, 'nothing to prune: keys expire by themselves');
      } finally {
        await store.close();
      }
      await assert.rejects(RedisOrderStore.open({ url: redis.url, namespace: 'ns-retention', idempotencyRetentionMs: 5 }), /options\.idempotencyRetentionMs/);
    });

    it('serves the API on Redis: an order placed over HTTP is there after a restart of the service, its stock still held', async function () {
      this.timeout(20_000);
      const secret = AuthSecret.from('redis-service-test-'.padEnd(48, 'z'));
      const start = async () => DispatchWorker.start({ secret, port: 0, store: await RedisOrderStore.open({ url: redis.url, namespace: 'service' }), epochSec: 0, logLevel: 'silent' });
      let worker = await start();
      const token = await worker.issuer.mint({ role: 'admin', sub: 'test' });
      const call = (w: DispatchWorker, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
        fetch(`${w.url}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      try {
        assert.equal((await call(worker, 'POST', '/v1/stores', { id: 'dark-1', kind: 'dark_store', location: { lat: 4.65, lng: -74.05 }, inventory: { milk: 3 } })).status, 201);
        const placed = await call(worker, 'POST', '/v1/orders', { storeId: 'dark-1', items: [{ sku: 'milk', quantity: 2 }], dropOff: { lat: 4.66, lng: -74.06 } }, { 'idempotency-key': 'r-1' });
        assert.equal(placed.status, 201);
        const order = (await placed.json()) as { id: string };
        const tooMuch = await call(worker, 'POST', '/v1/orders', { storeId: 'dark-1', items: [{ sku: 'milk', quantity: 2 }], dropOff: { lat: 4.66, lng: -74.06 } });
        assert.equal(tooMuch.status, 409, 'only 1 milk left unheld');
        await worker.close();
        await worker.service.store.close();
        worker = await start();
        const got = await call(worker, 'GET', `/v1/orders/${order.id}`);
        assert.equal(got.status, 200);
        assert.equal(((await got.json()) as { status: string }).status, 'placed');
        const replay = await call(worker, 'POST', '/v1/orders', { storeId: 'dark-1', items: [{ sku: 'milk', quantity: 2 }], dropOff: { lat: 4.66, lng: -74.06 } }, { 'idempotency-key': 'r-1' });
        assert.equal(replay.headers.get('idempotent-replayed'), 'true');
        assert.equal((await call(worker, 'POST', '/v1/orders', { storeId: 'dark-1', items: [{ sku: 'milk', quantity: 2 }], dropOff: { lat: 4.66, lng: -74.06 } })).status, 409, 'the hold survived the restart');
        assert.equal((await call(worker, 'POST', `/v1/orders/${order.id}/cancel`, {})).status, 200);
        assert.equal((await call(worker, 'POST', '/v1/orders', { storeId: 'dark-1', items: [{ sku: 'milk', quantity: 2 }], dropOff: { lat: 4.66, lng: -74.06 } })).status, 201, 'released on cancel');
      } finally {
        await worker.close();
        await worker.service.store.close();
      }
    });

    it('fails with WRITE_FAILED naming the URL when Redis is not there', async () => {
      await assert.rejects(RedisOrderStore.open({ url: 'redis://127.0.0.1:1', redis: { retryStrategy: () => null } }), (e: Error & { code?: string }) => e.code === 'WRITE_FAILED' && /redis:\/\/127\.0\.0\.1:1/.test(e.message));
    });
  });
}
