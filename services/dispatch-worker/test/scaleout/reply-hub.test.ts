/**
 * The reply hub on a real Redis: a wait resolves with the reply published on the hub's channel
 * under its correlation id, times out with undefined, and resolves undefined when the hub closes.
 */
import assert from 'node:assert/strict';
import { ReplyHub } from '@o2o/dispatch-worker';
import { until, useRedis } from './fixtures/scaleout-fixtures.js';

describe('ReplyHub (intake replies over pub/sub)', function () {
  this.timeout(10_000);
  const redis = useRedis();

  /** A hub on a fresh channel, closed after the test. */
  async function openHub(instanceId: string, subscriber = redis.connect()): Promise<ReplyHub> {
    const hub = await ReplyHub.open(subscriber, redis.unique('reply'), instanceId);
    redis.atTestEnd(() => hub.close());
    return hub;
  }

  it('resolves a wait with the reply published under its correlation id, ignoring other replies and garbage', async () => {
    const hub = await openHub('inst-a');
    const { channel } = hub;
    const publisher = redis.connect();
    const id = hub.nextId();
    const other = hub.nextId();
    assert.notEqual(id, other);
    assert.ok(id.startsWith('inst-a.'), id);
    const waiting = hub.wait(id, 5_000);
    const otherWaiting = hub.wait(other, 5_000);
    // Published in order on one channel: the hub sees these before the reply it waits for.
    await publisher.publish(channel, 'not json');
    await publisher.publish(channel, JSON.stringify({ c: 'someone-else.1', s: 500 }));
    await publisher.publish(`${channel}-other`, JSON.stringify({ c: id, s: 500 }));
    await publisher.publish(channel, JSON.stringify({ c: id, s: 201, b: '{"id":"o-1"}', h: { 'idempotent-replayed': 'true' } }));
    assert.deepEqual(await waiting, { c: id, s: 201, b: '{"id":"o-1"}', h: { 'idempotent-replayed': 'true' } });
    await publisher.publish(channel, JSON.stringify({ c: other, s: 404 }));
    assert.deepEqual(await otherWaiting, { c: other, s: 404 });
  });

  it('two hubs on their own channels each get only their replies', async () => {
    const a = await openHub('inst-a');
    const b = await openHub('inst-b');
    const idA = a.nextId();
    const waitA = a.wait(idA, 5_000);
    const waitB = b.wait(idA, 300); // the same id waited on the wrong hub never gets the reply
    await redis.connect().publish(a.channel, JSON.stringify({ c: idA, s: 201 }));
    assert.deepEqual(await waitA, { c: idA, s: 201 });
    assert.equal(await waitB, undefined);
  });

  it('a wait times out with undefined; a reply arriving after that is dropped', async () => {
    const hub = await openHub('inst-a');
    const publisher = redis.connect();
    const id = hub.nextId();
    const started = Date.now();
    assert.equal(await hub.wait(id, 100), undefined);
    assert.ok(Date.now() - started >= 95, `timed out after ${Date.now() - started} ms`);
    await publisher.publish(hub.channel, JSON.stringify({ c: id, s: 201 }));
    // The hub still works after a late reply.
    const next = hub.nextId();
    const waiting = hub.wait(next, 5_000);
    await publisher.publish(hub.channel, JSON.stringify({ c: next, s: 202 }));
    assert.deepEqual(await waiting, { c: next, s: 202 });
  });

  it('close resolves every pending wait with undefined at once and disconnects the subscriber', async () => {
    const subscriber = redis.connect();
    const hub = await openHub('inst-a', subscriber);
    const waits = [hub.wait(hub.nextId(), 20_000), hub.wait(hub.nextId(), 20_000)];
    const started = Date.now();
    await hub.close();
    assert.deepEqual(await Promise.all(waits), [undefined, undefined]);
    assert.ok(Date.now() - started < 1_000);
    await until('the subscriber to disconnect', () => subscriber.status === 'end');
  });
});
