/**
 * The order intake of a region on a real Redis: entries enqueued with `enqueueOrder` are run by an
 * `IntakeConsumer` once, answered on the enqueuer's reply channel, then acknowledged and deleted;
 * entries a consumer read and never acknowledged are claimed (XAUTOCLAIM) by the next one.
 */
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { enqueueOrder, INTAKE_GROUP, IntakeConsumer, type IntakeConsumerOptions, type IntakeEntry, type IntakeOutcome } from '@o2o/dispatch-worker';
import { findRedisServer, startRedis } from '../store/fixtures/redis-server.js';
import { sleep, until, useRedis } from './fixtures/scaleout-fixtures.js';

type Handler = (entry: IntakeEntry) => Promise<IntakeOutcome>;

describe('IntakeConsumer and enqueueOrder (Redis Streams, one consumer group per region)', function () {
  this.timeout(15_000);
  const redis = useRedis();

  function newEntry(n: number, replyTo = ''): Omit<IntakeEntry, 'id'> {
    return { replyTo, correlationId: `corr-${n}`, principalJson: JSON.stringify({ role: 'admin', sub: `p${n}` }), idempotencyKey: `key-${n}`, bodyText: JSON.stringify({ n }), source: 'api', requestId: `req-${n}` };
  }

  async function startConsumer(stream: string, name: string, handle: Handler, options: IntakeConsumerOptions = {}): Promise<IntakeConsumer> {
    const consumer = new IntakeConsumer(redis.connect(), redis.connect(), stream, name, handle, options);
    await consumer.start();
    redis.atTestEnd(() => consumer.stop());
    return consumer;
  }

  /** Entries pending in the group, by consumer. */
  async function pendingByConsumer(conn: Redis, stream: string): Promise<Map<string, number>> {
    const [, , , consumers] = (await conn.xpending(stream, INTAKE_GROUP)) as [number, string | null, string | null, [string, string][] | null];
    return new Map((consumers ?? []).map(([name, count]) => [name, Number(count)]));
  }

  /** A handler that records the ids it ran and answers 201 with the entry's body. */
  function recorder(): { runs: Map<string, number>; entries: IntakeEntry[]; handle: Handler } {
    const runs = new Map<string, number>();
    const entries: IntakeEntry[] = [];
    const handle: Handler = async (entry) => {
      runs.set(entry.id, (runs.get(entry.id) ?? 0) + 1);
      entries.push(entry);
      return { status: 201, bodyText: entry.bodyText, headers: { 'x-ran-by': 'test' } };
    };
    return { runs, entries, handle };
  }

  it('runs each entry once, publishes the reply with its correlation id, then acknowledges and deletes it', async () => {
    const stream = redis.unique('intake');
    const channel = redis.unique('reply');
    const conn = redis.connect();
    const subscriber = redis.connect();
    const replies: { c: string; s: number; b?: string; h?: Record<string, string> }[] = [];
    subscriber.on('message', (ch: string, text: string) => {
      if (ch === channel) replies.push(JSON.parse(text) as (typeof replies)[number]);
    });
    await subscriber.subscribe(channel);
    const { runs, entries, handle } = recorder();
    const consumer = await startConsumer(stream, 'inst-a', handle);
    const ids: string[] = [];
    for (let n = 0; n < 5; n++) ids.push(await enqueueOrder(conn, stream, newEntry(n, channel)));

    await until('five replies', () => replies.length >= 5);
    await until('the stream to be empty and nothing pending', async () => (await conn.xlen(stream)) === 0 && (await pendingByConsumer(conn, stream)).size === 0);
    assert.deepEqual(
      replies.map((r) => r.c).sort(),
      ids.map((_, n) => `corr-${n}`),
    );
    for (const r of replies) assert.deepEqual(r, { c: r.c, s: 201, b: JSON.stringify({ n: Number(r.c.slice(5)) }), h: { 'x-ran-by': 'test' } });
    assert.deepEqual([...runs.keys()].sort(), [...ids].sort());
    assert.ok([...runs.values()].every((count) => count === 1), `each entry runs once: ${JSON.stringify([...runs])}`);
    const first = entries.find((e) => e.id === ids[0])!;
    assert.deepEqual(first, { id: ids[0], ...newEntry(0, channel) }, 'every field comes back as it was enqueued');
    assert.equal(consumer.stats.handled, 5);
    assert.equal(consumer.stats.retried, 0);
  });

  it('creates the group when it is missing, at the start of a stream that already has entries', async () => {
    const conn = redis.connect();
    const fresh = redis.unique('intake');
    const { runs: freshRuns, handle: freshHandle } = recorder();
    await startConsumer(fresh, 'inst-a', freshHandle);
    const groups = (await conn.xinfo('GROUPS', fresh)) as unknown[][];
    assert.equal(groups.length, 1, 'the stream and its group exist before any entry');
    assert.equal(groups[0]![groups[0]!.indexOf('name') + 1], INTAKE_GROUP);
    await startConsumer(fresh, 'inst-b', freshHandle); // the group exists: no BUSYGROUP error
    assert.equal(freshRuns.size, 0);

    const early = redis.unique('intake');
    const ids = [await enqueueOrder(conn, early, newEntry(1)), await enqueueOrder(conn, early, newEntry(2))];
    const { runs, handle } = recorder();
    await startConsumer(early, 'inst-a', handle);
    await until('both entries enqueued before the group existed to run', () => runs.size === 2);
    assert.deepEqual([...runs.keys()].sort(), ids.sort());
  });

  it('entries a consumer read and never finished stay pending; the next consumer claims them on start and runs each exactly once', async () => {
    const stream = redis.unique('intake');
    const conn = redis.connect();
    // The first owner reads four entries and hangs in its handler (it "died" mid-entry).
    let release: (outcome: IntakeOutcome) => void = () => undefined;
    const hung = new Promise<IntakeOutcome>((resolve) => (release = resolve));
    const seenByDead = new Set<string>();
    const dead = await startConsumer(stream, 'inst-dead', (entry) => {
      seenByDead.add(entry.id);
      return hung;
    });
    const ids: string[] = [];
    for (let n = 0; n < 4; n++) ids.push(await enqueueOrder(conn, stream, newEntry(n)));
    await until('the first consumer to read all four', () => seenByDead.size === 4);
    assert.deepEqual([...(await pendingByConsumer(conn, stream))], [['inst-dead', 4]]);

    const { runs, handle } = recorder();
    const next = await startConsumer(stream, 'inst-next', handle, { claimIdleMs: 60_000 });
    // start() claims whatever another consumer left pending, however recently it was read.
    assert.equal(next.stats.claimed, 4);
    assert.deepEqual([...runs.keys()].sort(), [...ids].sort());
    await until('the claimed entries to be acknowledged and deleted', async () => (await pendingByConsumer(conn, stream)).size === 0 && (await conn.xlen(stream)) === 0);

    // The hung handler returns at last: nothing runs again, and a new entry still runs once.
    release('retry');
    await dead.stop();
    const later = await enqueueOrder(conn, stream, newEntry(9));
    await until('the entry enqueued later to run', () => runs.has(later));
    assert.deepEqual([...runs.values()], [1, 1, 1, 1, 1], `each entry ran once on the next consumer: ${JSON.stringify([...runs])}`);
    assert.equal(seenByDead.size, 4);
  });

  it('entries answered retry by a consumer that is then stopped stay pending; the next consumer runs each once', async () => {
    const stream = redis.unique('intake');
    const conn = redis.connect();
    const tries = new Map<string, number>();
    // Enqueued before the consumer starts, so its first read gets all three (while its own
    // entries keep failing it only reads those again, not new ones).
    const ids: string[] = [];
    for (let n = 0; n < 3; n++) ids.push(await enqueueOrder(conn, stream, newEntry(n)));
    const failing = await startConsumer(stream, 'inst-a', async (entry) => {
      tries.set(entry.id, (tries.get(entry.id) ?? 0) + 1);
      return 'retry';
    });
    await until('every entry tried twice (read, then read again as its own pending)', () => ids.every((id) => (tries.get(id) ?? 0) >= 2));
    await failing.stop();
    assert.equal(failing.stats.handled, 0);
    assert.deepEqual([...(await pendingByConsumer(conn, stream))], [['inst-a', 3]]);
    assert.equal(await conn.xlen(stream), 3);

    const { runs, handle } = recorder();
    const next = await startConsumer(stream, 'inst-b', handle);
    assert.equal(next.stats.claimed, 3);
    assert.deepEqual([...runs].sort(), ids.map((id) => [id, 1]).sort());
    await until('nothing pending', async () => (await pendingByConsumer(conn, stream)).size === 0);
  });

  it('an entry answered retry stays pending and runs again, then is acknowledged; a handler that throws is reported and retried', async () => {
    const stream = redis.unique('intake');
    const conn = redis.connect();
    const tries = new Map<string, number>();
    const pendingOnSecondTry: number[] = [];
    const errors: unknown[] = [];
    const consumer = await startConsumer(
      stream,
      'inst-a',
      async (entry) => {
        const n = (tries.get(entry.id) ?? 0) + 1;
        tries.set(entry.id, n);
        if (n === 1) {
          if (JSON.parse(entry.bodyText).n === 1) throw new Error('boom');
          return 'retry';
        }
        pendingOnSecondTry.push((await pendingByConsumer(conn, stream)).get('inst-a') ?? 0);
        return { status: 201 };
      },
      { onError: (error) => errors.push(error) },
    );
    const ids = [await enqueueOrder(conn, stream, newEntry(0)), await enqueueOrder(conn, stream, newEntry(1))];
    await until('both entries acknowledged and deleted', async () => consumer.stats.handled === 2 && (await conn.xlen(stream)) === 0 && (await pendingByConsumer(conn, stream)).size === 0);
    assert.deepEqual(
      ids.map((id) => tries.get(id)),
      [2, 2],
      'each ran twice: the retry, then the success',
    );
    assert.ok(
      pendingOnSecondTry.every((count) => count >= 1),
      `still pending while run again: ${JSON.stringify(pendingOnSecondTry)}`,
    );
    assert.equal(consumer.stats.retried, 2);
    assert.equal(errors.length, 1);
    assert.match(String((errors[0] as Error).message), /boom/);
  });

  it('a running consumer claims entries another consumer has left pending for claimIdleMs', async () => {
    const stream = redis.unique('intake');
    const conn = redis.connect();
    const { runs, handle } = recorder();
    const claimIdleMs = 300;
    const consumer = await startConsumer(stream, 'inst-live', handle, { claimIdleMs });
    // A ghost consumer reads two entries in the same transaction they are added in (so the live
    // consumer's blocked read cannot get them first) and never acknowledges them.
    const readAt = Date.now();
    const tx = conn.multi();
    for (let n = 0; n < 2; n++) tx.xadd(stream, '*', 'c', `corr-${n}`, 'k', `key-${n}`, 'b', '{}');
    tx.xreadgroup('GROUP', INTAKE_GROUP, 'inst-ghost', 'COUNT', 10, 'STREAMS', stream, '>');
    const results = (await tx.exec())!;
    const ids = [results[0]![1] as string, results[1]![1] as string];
    assert.deepEqual([...(await pendingByConsumer(conn, stream))], [['inst-ghost', 2]]);

    await until('the live consumer to claim and run both', () => runs.size === 2, 5_000);
    const claimedAfterMs = Date.now() - readAt;
    assert.ok(claimedAfterMs >= claimIdleMs - 20, `claimed after ${claimedAfterMs} ms, before they were idle ${claimIdleMs} ms`);
    assert.deepEqual([...runs].sort(), ids.map((id) => [id, 1]).sort());
    assert.equal(consumer.stats.claimed, 2);
    await until('nothing pending', async () => (await pendingByConsumer(conn, stream)).size === 0);
  });

  it('an entry whose handler runs longer than claimIdleMs is not claimed and run again by its own consumer', async () => {
    const stream = redis.unique('intake');
    const conn = redis.connect();
    const runs = new Map<string, number>();
    const consumer = await startConsumer(
      stream,
      'inst-a',
      async (entry) => {
        runs.set(entry.id, (runs.get(entry.id) ?? 0) + 1);
        await sleep(700);
        return { status: 201 };
      },
      { claimIdleMs: 150 },
    );
    const id = await enqueueOrder(conn, stream, newEntry(1));
    await until('the entry to be acknowledged', async () => consumer.stats.handled >= 1 && (await conn.xlen(stream)) === 0, 5_000);
    assert.deepEqual([...runs], [[id, 1]], 'run once');
    assert.equal(consumer.stats.claimed, 0);
  });

  it('stop() ends a blocked read at once', async () => {
    const stream = redis.unique('intake');
    const conn = redis.connect();
    const consumer = await startConsumer(stream, 'inst-a', async () => ({ status: 201 }), { blockMs: 20_000 });
    await until('the consumer to block in XREADGROUP', async () => /flags=b\b.*cmd=xreadgroup/.test(String(await conn.client('LIST'))));
    const started = Date.now();
    await consumer.stop();
    const stopMs = Date.now() - started;
    assert.ok(stopMs < 1_000, `stop took ${stopMs} ms while the read blocks for 20 s`);
    // Nothing reads any more: an entry enqueued now stays in the stream, undelivered.
    await enqueueOrder(conn, stream, newEntry(1));
    await sleep(100);
    assert.equal((await pendingByConsumer(conn, stream)).size, 0);
    assert.equal(await conn.xlen(stream), 1);
  });

  it('stop() returns at once when Redis has gone away while a read waits to be sent', async function () {
    const own = await startRedis(findRedisServer()!);
    const connect = (): Redis => {
      const c = new Redis(own.url, { maxRetriesPerRequest: 2 });
      c.on('error', () => undefined);
      return c;
    };
    const reader = connect();
    const writer = connect();
    try {
      const consumer = new IntakeConsumer(reader, writer, 'intake', 'inst-a', async () => ({ status: 201 }), { onError: () => undefined });
      await consumer.start();
      await own.stop();
      // ioredis keeps the next read in its offline queue while it reconnects; disconnect() never settles it.
      const offline = reader as unknown as { offlineQueue: { length: number } };
      await until('a read queued while reconnecting', () => reader.status === 'reconnecting' && offline.offlineQueue.length > 0, 10_000, 10);
      const stopped = await Promise.race([consumer.stop().then(() => true), sleep(2_000).then(() => false)]);
      assert.ok(stopped, 'stop() did not return within 2 s');
    } finally {
      reader.disconnect();
      writer.disconnect();
      await own.stop();
    }
  });
});
