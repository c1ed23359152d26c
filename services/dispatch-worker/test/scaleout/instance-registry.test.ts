/**
 * The instance registry on a real Redis: beats make an instance alive for a TTL (on Redis's
 * clock), a clean leave removes it at once, and entries dead for 100 TTLs are forgotten.
 */
import assert from 'node:assert/strict';
import { cityPrefix, InstanceRegistry } from '@o2o/dispatch-worker';
import { until, useRedis } from './fixtures/scaleout-fixtures.js';

describe('InstanceRegistry (heartbeats on Redis time)', function () {
  this.timeout(10_000);
  const redis = useRedis();

  it('an instance that beat is alive with its URL; two instances of a city see each other; other cities are apart', async () => {
    const city = redis.unique('city');
    const conn = redis.connect();
    const a = new InstanceRegistry(conn, city, 'inst-a', 'http://127.0.0.1:1001', 10_000);
    const b = new InstanceRegistry(redis.connect(), city, 'inst-b', 'http://127.0.0.1:1002|x', 10_000);
    const elsewhere = new InstanceRegistry(conn, redis.unique('city'), 'inst-c', 'http://127.0.0.1:1003', 10_000);
    assert.deepEqual([...(await a.alive())], []);
    await a.beat();
    await b.beat();
    await elsewhere.beat();
    const seen = [...(await b.alive())].sort();
    assert.deepEqual(seen, [
      ['inst-a', 'http://127.0.0.1:1001'],
      ['inst-b', 'http://127.0.0.1:1002|x'],
    ]);
    assert.deepEqual([...(await elsewhere.alive())], [['inst-c', 'http://127.0.0.1:1003']]);
  });

  it('leave removes the instance at once', async () => {
    const city = redis.unique('city');
    const a = new InstanceRegistry(redis.connect(), city, 'inst-a', 'http://a', 10_000);
    const b = new InstanceRegistry(redis.connect(), city, 'inst-b', 'http://b', 10_000);
    await a.beat();
    await b.beat();
    await a.leave();
    assert.deepEqual([...(await b.alive()).keys()], ['inst-b']);
  });

  it('an instance that stops beating is dead once its last beat is older than the TTL', async () => {
    const city = redis.unique('city');
    const ttlMs = 300;
    const a = new InstanceRegistry(redis.connect(), city, 'inst-a', 'http://a', ttlMs);
    const started = Date.now();
    await a.beat();
    assert.ok((await a.alive()).has('inst-a'));
    await until('inst-a to be dead', async () => !(await a.alive()).has('inst-a'), 3_000, 10);
    const deadAfterMs = Date.now() - started;
    assert.ok(deadAfterMs >= ttlMs - 20, `dead after ${deadAfterMs} ms, TTL ${ttlMs} ms`);
    await a.beat();
    assert.ok((await a.alive()).has('inst-a'), 'a new beat makes it alive again');
  });

  it('keeps a dead entry for 100 TTLs, then forgets it', async () => {
    const city = redis.unique('city');
    const conn = redis.connect();
    const ttlMs = 1_000;
    const a = new InstanceRegistry(conn, city, 'inst-a', 'http://a', ttlMs);
    await a.beat();
    const [sec, usec] = await conn.time();
    const nowMs = Number(sec) * 1000 + Math.floor(Number(usec) / 1000);
    const key = `${cityPrefix(city)}instances`;
    await conn.hset(key, 'inst-dead', `${nowMs - 50 * ttlMs}|http://dead`, 'inst-long-dead', `${nowMs - 101 * ttlMs}|http://long-dead`);
    assert.deepEqual([...(await a.alive()).keys()], ['inst-a']);
    assert.deepEqual((await conn.hkeys(key)).sort(), ['inst-a', 'inst-dead']);
  });

  it('refuses an instance id that is empty or has "|"', () => {
    const conn = redis.connect();
    assert.throws(() => new InstanceRegistry(conn, 'c', '', 'http://a', 1_000), RangeError);
    assert.throws(() => new InstanceRegistry(conn, 'c', 'a|b', 'http://a', 1_000), /instanceId must be non-empty without "\|"/);
  });
});
