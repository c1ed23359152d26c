/**
 * `ScaleoutWorker` instances in-process on a real Redis: readiness names the regions held, a
 * clean close hands the instance's regions to the other one at once (without waiting for the
 * lease TTL) with its orders and its queued creations, and close() returns when Redis is gone.
 */
import assert from 'node:assert/strict';
import { ScaleoutWorker } from '@o2o/dispatch-worker';
import { findRedisServer, startRedis } from '../store/fixtures/redis-server.js';
import { until, useRedis } from './fixtures/scaleout-fixtures.js';
import { call, createStores, near, pickSites, SECRET, startTwoInstances } from './fixtures/scaleout-city.js';

describe('ScaleoutWorker (one instance of a city run on several)', function () {
  this.timeout(20_000);
  const redis = useRedis();

  it('answers /healthz, and /readyz with the regions it holds', async () => {
    const [siteA, siteB] = pickSites();
    const city = await startTwoInstances(redis.url, redis.unique('worker'));
    redis.atTestEnd(() => city.close());
    await createStores(city, city.workers[1], [siteA, siteB]);
    for (const w of city.workers) {
      assert.equal((await call(w, undefined, 'GET', '/healthz')).status, 200);
      const ready = await call(w, undefined, 'GET', '/readyz');
      assert.equal(ready.status, 200);
      assert.deepEqual(ready.body, { status: 'ready', regions: w.host.held() });
    }
    assert.deepEqual(
      city.workers.flatMap((w) => w.host.held()).sort(),
      [siteA.region, siteB.region].sort(),
    );
  });

  it('a closed instance hands its region over at once: the other serves its orders, and runs creations queued meanwhile', async () => {
    const leaseTtlMs = 3_000;
    const [siteA, siteB] = pickSites();
    const city = await startTwoInstances(redis.url, redis.unique('worker'), { leaseTtlMs });
    redis.atTestEnd(() => city.close());
    await createStores(city, city.workers[0], [siteA, siteB]);
    const leaving = city.owner(siteA.region);
    const staying = city.other(siteA.region);
    const order = { storeId: siteA.storeId, items: [{ sku: 'tea', quantity: 1 }], dropOff: near(siteA, 0.002, 0) };
    const before = await call(staying, city.token, 'POST', '/v1/orders', order, { 'idempotency-key': 'before-close' });
    assert.equal(before.status, 201, JSON.stringify(before.body));
    const oldHolder = before.headers.get('x-o2o-region-lease');

    const closedAt = Date.now();
    await leaving.close();
    // Sent while nobody holds the region: it waits in the intake until the new owner runs it.
    const queued = call(staying, city.token, 'POST', '/v1/orders', { ...order, items: [{ sku: 'coffee', quantity: 1 }] }, { 'idempotency-key': 'while-moving' });
    await until('the other instance to hold the region', () => staying.host.runtime(siteA.region) !== undefined, 5_000, 10);
    const takeoverMs = Date.now() - closedAt;
    assert.ok(takeoverMs < leaseTtlMs - 500, `taken over ${takeoverMs} ms after the close: the lease was not released`);
    const newHolder = staying.host.runtime(siteA.region)!.lease.holder;
    assert.notEqual(newHolder, oldHolder);

    const got = await call(staying, city.token, 'GET', `/v1/orders/${before.body.id}`);
    assert.equal(got.status, 200, JSON.stringify(got.body));
    assert.equal(got.body.status, 'placed', 'restored from Redis by the new owner');
    assert.equal(got.headers.get('x-o2o-region-lease'), newHolder);
    const created = await queued;
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.headers.get('x-o2o-region-lease'), newHolder);
    const replay = await call(staying, city.token, 'POST', '/v1/orders', order, { 'idempotency-key': 'before-close' });
    assert.equal(replay.headers.get('idempotent-replayed'), 'true', 'the new owner knows the keys of the old one');
    assert.equal(replay.body.id, before.body.id);
  });

  it('close() returns when Redis has gone away', async () => {
    const own = await startRedis(findRedisServer()!);
    let worker: ScaleoutWorker | undefined;
    try {
      worker = await ScaleoutWorker.start({ secret: SECRET, redisUrl: own.url, city: 'gone', port: 0, epochSec: 0, leaseTtlMs: 1_500, logLevel: 'silent' });
      const token = await worker.issuer.mint({ role: 'admin', sub: 'test' });
      const [site] = pickSites();
      assert.equal((await call(worker, token, 'POST', '/v1/stores', { id: site.storeId, kind: 'store', location: site.location })).status, 201);
      assert.deepEqual(worker.host.held(), [site.region]);
      await own.stop();
      const started = Date.now();
      await worker.close();
      worker = undefined;
      assert.ok(Date.now() - started < 10_000, `close took ${Date.now() - started} ms`);
    } finally {
      await worker?.close();
      await own.stop();
    }
  });
});
