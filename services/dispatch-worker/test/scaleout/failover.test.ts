/**
 * Issue 7's kill and pause tests with a real Redis: three instances of the compiled service on
 * loopback (`runFailoverDrill`). Kill: the owner of a region is SIGKILLed in the middle of a
 * burst of creations; no acknowledged order is lost, none is created twice, none is assigned
 * twice, and its region is taken over and dispatched again within 5 s. Pause: the owner is
 * SIGSTOPped until its region is taken over, then woken and sent writes of that region at once:
 * none is served under its old lease, and it lets the region go.
 */
import assert from 'node:assert/strict';
import { runFailoverDrill } from '@o2o/dispatch-worker';
import { useRedis } from './fixtures/scaleout-fixtures.js';

describe('three instances on Redis: failover (kill -9 and pause)', function () {
  this.timeout(180_000);
  const redis = useRedis();

  it('kill -9 of a region owner during a burst: nothing acknowledged lost or duplicated, none assigned twice, the region dispatched again within 5 s', async () => {
    const r = await runFailoverDrill({ redisUrl: redis.url, instances: 3, orders: 360, mode: 'kill' });
    assert.equal(r.acknowledged, 360, 'every creation is acknowledged in the end (clients retry with the same key)');
    assert.equal(r.lost, 0, `lost: ${JSON.stringify(r)}`);
    assert.equal(r.duplicated, 0, `duplicated: ${JSON.stringify(r)}`);
    assert.equal(r.assignedTwice, 0, `assigned twice: ${JSON.stringify(r)}`);
    assert.ok(r.takeoverMs <= 5_000, `takeover took ${r.takeoverMs} ms`);
    assert.ok(r.redispatchMs <= 5_000, `the region was dispatched again ${r.redispatchMs} ms after the kill`);
    assert.ok(r.retried > 0, 'the kill cut requests off (clients had to retry)');
  });

  it('a paused owner that wakes after losing its lease cannot write', async () => {
    const r = await runFailoverDrill({ redisUrl: redis.url, instances: 3, orders: 240, mode: 'pause' });
    assert.equal(r.lost, 0, `lost: ${JSON.stringify(r)}`);
    assert.equal(r.duplicated, 0, `duplicated: ${JSON.stringify(r)}`);
    assert.equal(r.assignedTwice, 0, `assigned twice: ${JSON.stringify(r)}`);
    assert.ok(r.takeoverMs <= 5_000, `takeover took ${r.takeoverMs} ms`);
    assert.equal(r.wokenWrites, 20);
    assert.equal(r.staleWrites, 0, `writes served under the old lease: ${JSON.stringify(r)}`);
    assert.ok(r.wokenDropMs >= 0 && r.wokenDropMs <= 5_000, `the woken instance let the region go ${r.wokenDropMs} ms after waking`);
  });
});
