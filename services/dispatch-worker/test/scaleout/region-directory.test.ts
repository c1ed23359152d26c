/**
 * The region directory on a real Redis: placements are first-write-wins and shared by every
 * instance, lookups are cached (entries never change), and the city's regions come back sorted.
 */
import assert from 'node:assert/strict';
import { cityPrefix, RegionDirectory } from '@o2o/dispatch-worker';
import { useRedis } from './fixtures/scaleout-fixtures.js';

describe('RegionDirectory (where stores, riders and orders live)', function () {
  this.timeout(10_000);
  const redis = useRedis();

  it('place is first-write-wins across instances and answers the region the id is in', async () => {
    const city = redis.unique('city');
    const one = new RegionDirectory(redis.connect(), city);
    const two = new RegionDirectory(redis.connect(), city);
    assert.equal(await one.place('store', 's-1', 'region-a'), 'region-a');
    assert.equal(await two.place('store', 's-1', 'region-b'), 'region-a', 'the second placement loses');
    assert.equal(await two.regionOf('store', 's-1'), 'region-a');
    assert.equal(await one.place('store', 's-1', 'region-a'), 'region-a', 'placing again where it is succeeds');
  });

  it('keeps kinds and cities apart', async () => {
    const city = redis.unique('city');
    const dir = new RegionDirectory(redis.connect(), city);
    await dir.place('store', 'x-1', 'region-a');
    assert.equal(await dir.place('rider', 'x-1', 'region-b'), 'region-b');
    assert.equal(await dir.place('order', 'x-1', 'region-c'), 'region-c');
    assert.deepEqual([await dir.regionOf('store', 'x-1'), await dir.regionOf('rider', 'x-1'), await dir.regionOf('order', 'x-1')], ['region-a', 'region-b', 'region-c']);
    assert.equal(await new RegionDirectory(redis.connect(), redis.unique('city')).regionOf('store', 'x-1'), undefined);
  });

  it('regionOf is undefined for an unknown id without caching the miss, and caches what it found', async () => {
    const city = redis.unique('city');
    const conn = redis.connect();
    const reader = new RegionDirectory(conn, city);
    const writer = new RegionDirectory(redis.connect(), city);
    assert.equal(await reader.regionOf('rider', 'r-1'), undefined);
    await writer.place('rider', 'r-1', 'region-a');
    assert.equal(await reader.regionOf('rider', 'r-1'), 'region-a', 'a miss is not cached');
    // Entries never change, so a cached lookup does not go back to Redis: rewrite the hash behind its back.
    await conn.hset(`${cityPrefix(city)}dir`, 'r:r-1', 'region-z');
    assert.equal(await reader.regionOf('rider', 'r-1'), 'region-a', 'served from the cache');
    assert.equal(await new RegionDirectory(conn, city).regionOf('rider', 'r-1'), 'region-z', 'a fresh directory reads Redis');
  });

  it('lists the city\'s regions sorted and without duplicates', async () => {
    const city = redis.unique('city');
    const one = new RegionDirectory(redis.connect(), city);
    const two = new RegionDirectory(redis.connect(), city);
    assert.deepEqual(await one.regions(), []);
    for (const r of ['86-c', '86-a', '86-b']) await one.addRegion(r);
    await two.addRegion('86-a');
    assert.deepEqual(await two.regions(), ['86-a', '86-b', '86-c']);
  });
});
