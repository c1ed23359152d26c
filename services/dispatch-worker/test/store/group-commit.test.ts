import assert from 'node:assert/strict';
import { DispatchInputError } from '@o2o/dispatch-core';
import { GroupCommit, OrderStoreError, type CommitInfo, type TransactFn } from '@o2o/dispatch-worker';
import { rejectsWithStoreError } from './fixtures/store-fixtures.js';

/** A fake transaction: records what each committed transaction wrote; `failWhen` makes one throw. */
class FakeLog {
  readonly committed: string[][] = [];
  failWhen: (writes: readonly string[]) => boolean = () => false;
  private current: string[] | undefined;
  readonly transact: TransactFn = (body) => {
    this.current = [];
    try {
      body();
      if (this.failWhen(this.current)) throw new Error('disk I/O error');
      this.committed.push(this.current);
    } finally {
      this.current = undefined;
    }
  };
  write(value: string): string {
    assert.ok(this.current !== undefined, 'writes run inside a transaction');
    this.current.push(value);
    return value.toUpperCase();
  }
}

describe('GroupCommit', () => {
  it('commits writes submitted together in one transaction and resolves each with its result', async () => {
    const log = new FakeLog();
    const infos: CommitInfo[] = [];
    const gc = new GroupCommit(log.transact, { windowMs: 5, onCommit: (i) => infos.push(i) });
    const results = await Promise.all(['a', 'b', 'c'].map((v) => gc.submit(() => log.write(v))));
    assert.deepEqual(results, ['A', 'B', 'C']);
    assert.deepEqual(log.committed, [['a', 'b', 'c']]);
    assert.deepEqual(infos.map((i) => [i.writes, i.transactions]), [[3, 1]]);
    assert.deepEqual({ ...gc.stats, txnMsTotal: 0 }, { batches: 1, transactions: 1, committedWrites: 3, failedWrites: 0, largestBatch: 3, fallbacks: 0, txnMsTotal: 0 });
  });

  it('does not run a write before its window closes, and then resolves only after the commit', async () => {
    const log = new FakeLog();
    const gc = new GroupCommit(log.transact, { windowMs: 25 });
    const started = performance.now();
    let committedWhenResolved = -1;
    const done = gc.submit(() => log.write('x')).then(() => {
      committedWhenResolved = log.committed.length;
    });
    await new Promise((r) => setTimeout(r, 5));
    assert.deepEqual(log.committed, [], 'still inside the window');
    assert.equal(gc.pending, 1);
    await done;
    assert.equal(committedWhenResolved, 1);
    assert.ok(performance.now() - started >= 20, 'waited for the window');
  });

  it('splits a backlog into batches of maxBatch, in submission order', async () => {
    const log = new FakeLog();
    const gc = new GroupCommit(log.transact, { windowMs: 0, maxBatch: 4 });
    const values = Array.from({ length: 10 }, (_, i) => `w${i}`);
    await Promise.all(values.map((v) => gc.submit(() => log.write(v))));
    assert.deepEqual(log.committed, [values.slice(0, 4), values.slice(4, 8), values.slice(8)]);
    assert.equal(gc.stats.largestBatch, 4);
  });

  it('when the batch transaction fails, retries each write alone: only the bad one rejects', async () => {
    const log = new FakeLog();
    log.failWhen = (writes) => writes.includes('bad');
    const settled: [string, boolean][] = [];
    const gc = new GroupCommit(log.transact, { windowMs: 1 });
    const submit = (v: string) => gc.submit(() => log.write(v), (ok) => settled.push([v, ok]));
    const [a, bad, c] = [submit('a'), submit('bad'), submit('c')];
    const error = await rejectsWithStoreError(bad, 'WRITE_FAILED');
    assert.match(String((error.cause as Error).message), /disk I\/O error/);
    assert.deepEqual([await a, await c], ['A', 'C']);
    assert.deepEqual(log.committed, [['a'], ['c']]);
    assert.deepEqual(settled, [['a', true], ['bad', false], ['c', true]]);
    assert.deepEqual([gc.stats.fallbacks, gc.stats.transactions, gc.stats.failedWrites], [1, 4, 1]);
  });

  it('passes an OrderStoreError thrown by a write through unchanged', async () => {
    const log = new FakeLog();
    const gc = new GroupCommit(log.transact, { windowMs: 0 });
    const conflict = new OrderStoreError('WRITE_CONFLICT', 'changed');
    const rejected = gc.submit(() => {
      throw conflict;
    });
    await assert.rejects(rejected, (e: unknown) => e === conflict);
  });

  it('flushNow commits everything queued synchronously', () => {
    const log = new FakeLog();
    const gc = new GroupCommit(log.transact, { windowMs: 1000, maxBatch: 3 });
    for (const v of ['a', 'b', 'c', 'd']) void gc.submit(() => log.write(v));
    gc.flushNow();
    assert.deepEqual(log.committed, [['a', 'b', 'c'], ['d']]);
    assert.equal(gc.pending, 0);
    gc.dispose();
  });

  it('with a sync hook, a batch resolves only once durable() resolved after its commit; the next batch commits meanwhile', async () => {
    const log = new FakeLog();
    const syncs: Array<() => void> = [];
    let now = 0;
    const gc = new GroupCommit(log.transact, { windowMs: 0, sync: { durable: () => new Promise<void>((resolve) => syncs.push(resolve)), durableNow: () => void now++ } });
    let firstDone = false;
    const first = gc.submit(() => log.write('a')).then((v) => ((firstDone = true), v));
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(log.committed, [['a']], 'committed');
    assert.equal(firstDone, false, 'not resolved before the WAL is durable');
    assert.equal(gc.pending, 1, 'counts as pending while syncing');
    const second = gc.submit(() => log.write('b'));
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(log.committed, [['a'], ['b']], 'the next batch committed while the first was syncing');
    syncs[1]!();
    syncs[0]!();
    assert.deepEqual(await Promise.all([first, second]), ['A', 'B']);
    assert.equal(gc.pending, 0);
    // flushNow makes everything durable synchronously.
    void gc.submit(() => log.write('c'));
    gc.flushNow();
    assert.equal(now, 1);
    gc.dispose();
  });

  it('a failed durable() rejects the batch with WRITE_FAILED', async () => {
    const log = new FakeLog();
    const gc = new GroupCommit(log.transact, { windowMs: 0, sync: { durable: () => Promise.reject(new Error('EIO')), durableNow: () => undefined } });
    await rejectsWithStoreError(gc.submit(() => log.write('x')), 'WRITE_FAILED');
    assert.equal(gc.pending, 0);
    gc.dispose();
  });

  it('rejects bad options', () => {
    const log = new FakeLog();
    assert.throws(() => new GroupCommit(log.transact, { windowMs: Number.NaN }), DispatchInputError);
    assert.throws(() => new GroupCommit(log.transact, { maxBatch: 1.5 }), DispatchInputError);
  });
});
