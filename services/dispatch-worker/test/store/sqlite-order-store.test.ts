import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DispatchInputError } from '@o2o/dispatch-core';
import { SQLITE_SCHEMA_VERSION, SqliteOrderStore, fingerprintRequest, type CommitInfo } from '@o2o/dispatch-worker';
import { describeOrderStoreContract } from './order-store-contract.js';
import { makeOrder, rejectsWithStoreError } from './fixtures/store-fixtures.js';

const root = mkdtempSync(join(tmpdir(), 'o2o-sqlite-store-'));
after(() => rmSync(root, { recursive: true, force: true }));

describeOrderStoreContract('SqliteOrderStore', (namespace) => SqliteOrderStore.open({ dataDir: join(root, namespace) }));

describe('SqliteOrderStore', () => {
  const open: SqliteOrderStore[] = [];
  let seq = 0;
  let dir = '';
  beforeEach(() => {
    seq += 1;
    dir = join(root, `sqlite-${seq}`);
  });
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
  });
  function openStore(options: Parameters<typeof SqliteOrderStore.open>[0] = {}): SqliteOrderStore {
    const store = SqliteOrderStore.open({ dataDir: dir, ...options });
    open.push(store);
    return store;
  }

  describe('files and settings', () => {
    it('fsync inline: synchronous=FULL, the fsync inside COMMIT', () => {
      const store = openStore({ fsync: 'inline' });
      assert.deepEqual(store.durability, { journalMode: 'wal', synchronous: 'full' });
      assert.throws(() => SqliteOrderStore.open({ dataDir: join(root, 'bad-fsync'), fsync: 'later' as never }), (e: Error & { field?: string }) => e.field === 'options.fsync');
    });

    it('creates a missing data directory and opens the file in WAL mode (synchronous=NORMAL + its own fdatasync of the WAL per batch)', async () => {
      dir = join(root, `nested-${seq}`, 'a', 'b');
      const store = openStore();
      assert.equal(store.path, join(dir, 'orders.sqlite'));
      assert.deepEqual(store.durability, { journalMode: 'wal', synchronous: 'normal' });
      await store.createOrder({ order: makeOrder('w1'), response: 1 });
      assert.ok(existsSync(`${store.path}-wal`), 'WAL file next to the database');
    });

    it('migrates a new file to the current schema version and keeps it on reopen', async () => {
      const first = openStore();
      assert.deepEqual(first.schema, { from: 0, to: SQLITE_SCHEMA_VERSION });
      await first.close();
      const again = openStore();
      assert.deepEqual(again.schema, { from: SQLITE_SCHEMA_VERSION, to: SQLITE_SCHEMA_VERSION });
    });

    it('refuses a file written by a newer schema (SCHEMA_TOO_NEW) and leaves it untouched', async () => {
      const store = openStore();
      await store.close();
      const raw = new Database(store.path);
      raw.pragma('user_version = 99');
      raw.close();
      await rejectsWithStoreError(Promise.resolve().then(() => openStore()), 'SCHEMA_TOO_NEW');
      const check = new Database(store.path, { readonly: true });
      assert.equal(check.pragma('user_version', { simple: true }), 99);
      check.close();
    });

    it('rejects bad options with a DispatchInputError', () => {
      assert.throws(() => openStore({ commitWindowMs: -1 }), (e: unknown) => e instanceof DispatchInputError && e.field === 'options.commitWindowMs');
      assert.throws(() => openStore({ maxBatch: 0 }), (e: unknown) => e instanceof DispatchInputError && e.field === 'options.maxBatch');
      assert.throws(() => openStore({ fileName: '../x.sqlite' }), (e: unknown) => e instanceof DispatchInputError && e.field === 'options.fileName');
      assert.throws(() => openStore({ cacheSizeMb: 0 }), (e: unknown) => e instanceof DispatchInputError && e.field === 'options.cacheSizeMb');
      assert.throws(() => openStore({ checkpointMode: 'sometimes' as never }), (e: unknown) => e instanceof DispatchInputError && e.field === 'options.checkpointMode');
      assert.equal(existsSync(dir), false, 'a bad option is refused before the data directory is created');
    });
  });

  describe('group commit', () => {
    it('batches concurrent creations into one transaction and resolves them only after it committed', async () => {
      const commits: CommitInfo[] = [];
      const store = openStore({ commitWindowMs: 20, onCommit: (info) => commits.push(info) });
      const reader = new Database(store.path, { readonly: true });
      const countRows = () => (reader.prepare('SELECT COUNT(*) AS n FROM orders').get() as { n: number }).n;
      const seen: number[] = [];
      const creations = Array.from({ length: 40 }, (_, i) =>
        store.createOrder({ order: makeOrder(`g${i}`), response: i }).then(() => seen.push(countRows())),
      );
      assert.equal(store.pendingWrites, 40);
      assert.equal(countRows(), 0, 'nothing is visible before the commit');
      await Promise.all(creations);
      reader.close();
      assert.deepEqual(seen, new Array(40).fill(40), 'each promise resolved after the whole batch was committed');
      assert.equal(commits.length, 1);
      assert.equal(commits[0]?.writes, 40);
      assert.equal(commits[0]?.transactions, 1);
      assert.ok((commits[0]?.maxWaitMs ?? 0) >= 15, `the batch waited for its window (${commits[0]?.maxWaitMs} ms)`);
      assert.deepEqual(
        { batches: store.commitStats.batches, transactions: store.commitStats.transactions, committed: store.commitStats.committedWrites },
        { batches: 1, transactions: 1, committed: 40 },
      );
    });

    it('commits as soon as a batch is full, without waiting for the window', async () => {
      const commits: CommitInfo[] = [];
      const store = openStore({ commitWindowMs: 1000, maxBatch: 8, onCommit: (info) => commits.push(info) });
      const started = Date.now();
      await Promise.all(Array.from({ length: 20 }, (_, i) => store.createOrder({ order: makeOrder(`m${i}`), response: i })).slice(0, 16));
      assert.ok(Date.now() - started < 500, 'the two full batches did not wait for the 1 s window');
      assert.deepEqual(commits.map((c) => c.writes), [8, 8]);
      await store.flush();
      assert.deepEqual(commits.map((c) => c.writes), [8, 8, 4]);
      assert.equal(store.commitStats.largestBatch, 8);
    });

    it('a write that fails in the batch rejects alone; the rest of the batch still commits', async () => {
      const store = openStore({ commitWindowMs: 30 });
      const good1 = store.createOrder({ order: makeOrder('ok1'), response: 1 });
      const doomed = store.createOrder({ order: makeOrder('taken'), response: 2, idempotencyKey: 'kd', fingerprint: 'fd' });
      const good2 = store.createOrder({ order: makeOrder('ok2'), response: 3 });
      // Another writer takes the id before the batch commits: the batch transaction fails on it
      // (the duplicate is found by the insert itself, not by a read before it).
      const other = new Database(store.path);
      other.prepare("INSERT INTO orders (id, status, version, data, created_ms, updated_ms) VALUES ('taken', 'placed', 1, '{}', 0, 0)").run();
      other.close();
      await rejectsWithStoreError(doomed, 'DUPLICATE_ORDER');
      assert.deepEqual([(await good1).orderId, (await good2).orderId], ['ok1', 'ok2']);
      assert.equal(store.commitStats.fallbacks, 1);
      assert.equal(store.commitStats.failedWrites, 1);
      // The failed create left no idempotency record behind: the key is free again.
      await rejectsWithStoreError(store.createOrder({ order: makeOrder('taken'), response: 4, idempotencyKey: 'kd', fingerprint: 'fd' }), 'DUPLICATE_ORDER');
      const retry = await store.createOrder({ order: makeOrder('fresh'), response: 5, idempotencyKey: 'kd', fingerprint: 'fd' });
      assert.deepEqual([retry.orderId, retry.replayed], ['fresh', false]);
    });
  });

  describe('WAL checkpoints', () => {
    it('checkpoints from a worker thread once the WAL has grown, off the event loop, and loses nothing', async function () {
      this.timeout(20_000);
      const store = openStore({ checkpointWalBytes: 64 * 1024, checkpointIntervalMs: 20 });
      const statsNow = () => store.checkpointStats;
      assert.equal(statsNow(), undefined, 'no checkpointer while the WAL is small');
      for (let round = 0; round < 6; round++) {
        await Promise.all(Array.from({ length: 100 }, (_, i) => store.createOrder({ order: makeOrder(`cp${round}-${i}`), response: i })));
      }
      const deadline = Date.now() + 10_000;
      while ((statsNow()?.checkpoints ?? 0) < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      const stats = statsNow();
      assert.ok(stats !== undefined && stats.checkpoints >= 2, `background checkpoints ran: ${JSON.stringify(stats)}`);
      assert.equal(stats.lastCheckpointedFrames, stats.lastWalFrames, 'the whole WAL was copied into the database');
      await store.close();
      const again = openStore();
      assert.equal((await again.listOrders({ limit: 500 })).orders.length, 500);
      assert.equal((await again.listOrders({ limit: 500, cursor: (await again.listOrders({ limit: 500 })).nextCursor })).orders.length, 100);
    });

    it('inline mode leaves checkpoints to SQLite and never starts a worker', async () => {
      const store = openStore({ checkpointMode: 'inline', checkpointWalBytes: 0 });
      await Promise.all(Array.from({ length: 50 }, (_, i) => store.createOrder({ order: makeOrder(`in${i}`), response: i })));
      assert.equal(store.checkpointStats, undefined);
    });
  });

  describe('restart', () => {
    it('replays an idempotency key and restores state after close and reopen of the same directory', async () => {
      const fingerprint = fingerprintRequest({ items: ['rice'] });
      let store = openStore();
      await store.createOrder({ order: makeOrder('r1'), response: { id: 'r1' }, idempotencyKey: 'key', fingerprint });
      await store.createOrder({ order: makeOrder('r2'), response: { id: 'r2' } });
      await store.transition('r2', { expected: 'placed', to: 'cancelled', at: makeOrder('r2').placedAt + 1 });
      await store.close();
      store = openStore();
      const replay = await store.createOrder({ order: makeOrder('r3'), response: { id: 'r3' }, idempotencyKey: 'key', fingerprint });
      assert.deepEqual(replay, { orderId: 'r1', response: { id: 'r1' }, replayed: true });
      assert.deepEqual((await store.restore()).openOrders.map((o) => o.id), ['r1']);
    });
  });

  describe('by-store index (kept out of the creation transaction)', () => {
    /** Every page of `listOrders(query)` concatenated, as ids. */
    async function listAll(store: SqliteOrderStore, query: Parameters<SqliteOrderStore['listOrders']>[0], limit: number): Promise<string[]> {
      const ids: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.listOrders({ ...query, limit, ...(cursor === undefined ? {} : { cursor }) });
        ids.push(...page.orders.map((o) => o.id));
        cursor = page.nextCursor;
      } while (cursor !== undefined);
      return ids;
    }

    it('lists a store exactly before, across and after a catch-up, with every filter and page size', async () => {
      const store = openStore({ storeIndexIntervalMs: 60_000 });
      const stores = ['s1', 's2', 's3'];
      const expected = new Map<string, { id: string; storeId: string; status: string; riderId?: string }>();
      let n = 0;
      const createSome = async (count: number): Promise<void> => {
        for (let i = 0; i < count; i++) {
          const id = `o${String(++n).padStart(3, '0')}`;
          const storeId = stores[(n * 7) % 3] as string;
          await store.createOrder({ order: makeOrder(id, { storeId }), response: { id } });
          expected.set(id, { id, storeId, status: 'placed' });
        }
      };
      const check = async (label: string): Promise<void> => {
        for (const storeId of [...stores, 'nobody']) {
          for (const query of [{ storeId }, { storeId, status: 'placed' as const }, { storeId, status: ['accepted', 'cancelled'] as const }, { storeId, riderId: 'r1' }]) {
            const want = [...expected.values()]
              .filter((o) => o.storeId === storeId)
              .filter((o) => !('status' in query) || (Array.isArray(query.status) ? query.status.includes(o.status) : o.status === query.status))
              .filter((o) => !('riderId' in query) || o.riderId === query.riderId)
              .map((o) => o.id);
            for (const limit of [1, 3, 500]) assert.deepEqual(await listAll(store, query, limit), want, `${label}: ${JSON.stringify(query)} limit ${limit}`);
          }
        }
      };
      await createSome(20);
      await check('all in the tail');
      await store.indexStoresNow();
      assert.equal(store.storeIndexedSeq, 20, 'the watermark is the newest order');
      await check('all indexed');
      await createSome(10);
      await check('indexed + tail');
      // Accept some orders into another store: one indexed, one still in the tail.
      for (const [id, to] of [['o002', 's3'], ['o025', 's1']] as const) {
        const from = expected.get(id)!.storeId;
        const target = from === to ? 's2' : to;
        await store.transition(id, { expected: 'placed', to: 'accepted', at: makeOrder(id).placedAt + 1, details: { storeId: target } });
        expected.set(id, { id, storeId: target, status: 'accepted' });
      }
      for (const id of ['o005', 'o027']) {
        const at = makeOrder(id).placedAt;
        await store.transition(id, { expected: 'placed', to: 'accepted', at: at + 1 });
        await store.transition(id, { expected: 'accepted', to: 'ready', at: at + 2 });
        await store.transition(id, { expected: 'ready', to: 'assigned', at: at + 3, details: { riderId: 'r1' } });
        expected.set(id, { ...expected.get(id)!, status: 'assigned', riderId: 'r1' });
      }
      await store.transition('o003', { expected: 'placed', to: 'cancelled', at: makeOrder('o003').placedAt + 1 });
      expected.set('o003', { ...expected.get('o003')!, status: 'cancelled' });
      await check('after store changes');
      await store.indexStoresNow();
      assert.equal(store.storeIndexedSeq, 30);
      await check('after the next catch-up');
      await store.indexStoresNow();
      assert.equal(store.storeIndexedSeq, 30, 'nothing new: the watermark stays');
    });

    it('catches up by itself every storeIndexIntervalMs, and on open after a restart', async () => {
      let store = openStore({ storeIndexIntervalMs: 20 });
      for (let i = 0; i < 5; i++) await store.createOrder({ order: makeOrder(`t${i}`, { storeId: 'sx' }), response: {} });
      const deadline = Date.now() + 2_000;
      while (store.storeIndexedSeq < 5 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      assert.equal(store.storeIndexedSeq, 5);
      await store.createOrder({ order: makeOrder('t5', { storeId: 'sx' }), response: {} });
      await store.close();
      store = openStore({ storeIndexIntervalMs: 60_000 });
      assert.equal(store.storeIndexedSeq, 6, 'indexed while opening');
      assert.deepEqual((await store.listOrders({ storeId: 'sx' })).orders.map((o) => o.id), ['t0', 't1', 't2', 't3', 't4', 't5']);
      assert.throws(() => SqliteOrderStore.open({ dataDir: join(root, 'bad-interval'), storeIndexIntervalMs: 5 }), (e: Error & { field?: string }) => e.field === 'options.storeIndexIntervalMs');
    });

    it('migrates a version-3 file: its (store_id, seq) index becomes store_orders, listings unchanged', async () => {
      let store = openStore();
      for (let i = 0; i < 6; i++) await store.createOrder({ order: makeOrder(`m${i}`, { storeId: i % 2 === 0 ? 'even' : 'odd' }), response: {} });
      await store.close();
      const db = new Database(join(dir, 'orders.sqlite'));
      db.exec('DROP TABLE store_orders; DROP TABLE store_index_state; CREATE INDEX orders_by_store ON orders (store_id, seq) WHERE store_id IS NOT NULL; PRAGMA user_version = 3;');
      db.close();
      store = openStore({ storeIndexIntervalMs: 60_000 });
      assert.deepEqual(store.schema, { from: 3, to: SQLITE_SCHEMA_VERSION });
      assert.equal(store.storeIndexedSeq, 6);
      assert.deepEqual((await store.listOrders({ storeId: 'even' })).orders.map((o) => o.id), ['m0', 'm2', 'm4']);
      assert.deepEqual((await store.listOrders({ storeId: 'odd', limit: 2 })).orders.map((o) => o.id), ['m1', 'm3']);
      const check = new Database(join(dir, 'orders.sqlite'), { readonly: true });
      try {
        assert.equal((check.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'orders_by_store'").get() as { n: number }).n, 0, 'the per-insert index is gone');
      } finally {
        check.close();
      }
    });
  });

  describe('idempotency key retention', () => {
    it('pruneIdempotencyKeys forgets keys stored before the cutoff, oldest first, at most `limit` at a time; later keys stay', async () => {
      const store = openStore();
      await store.createOrder({ idempotencyKey: 'k-old-1', fingerprint: 'f', order: makeOrder('p1'), response: { id: 'p1' } });
      await store.createOrder({ idempotencyKey: 'k-old-2', fingerprint: 'f', order: makeOrder('p2'), response: { id: 'p2' } });
      await new Promise((r) => setTimeout(r, 5));
      const cutoff = Date.now();
      await new Promise((r) => setTimeout(r, 5));
      await store.createOrder({ idempotencyKey: 'k-new', fingerprint: 'f', order: makeOrder('p3'), response: { id: 'p3' } });
      assert.equal(await store.pruneIdempotencyKeys(cutoff, 1), 1, 'the limit holds');
      assert.equal(await store.findReplay('k-old-1', 'f'), undefined, 'the oldest went first');
      assert.ok(await store.findReplay('k-old-2', 'f'));
      assert.equal(await store.pruneIdempotencyKeys(cutoff), 1);
      assert.equal(await store.pruneIdempotencyKeys(cutoff), 0, 'nothing older is left');
      assert.ok(await store.findReplay('k-new', 'f'), 'a key after the cutoff stays');
      const again = await store.createOrder({ idempotencyKey: 'k-old-2', fingerprint: 'f', order: makeOrder('p4'), response: { id: 'p4' } });
      assert.deepEqual([again.orderId, again.replayed], ['p4', false], 'a forgotten key is a new request');
      assert.ok(await store.getOrder('p2'), 'orders stay: only their keys go');
      await assert.rejects(store.pruneIdempotencyKeys(-1), (e: Error & { field?: string }) => e.field === 'createdBeforeMs');
      await assert.rejects(store.pruneIdempotencyKeys(cutoff, 0), (e: Error & { field?: string }) => e.field === 'limit');
    });
  });
});
