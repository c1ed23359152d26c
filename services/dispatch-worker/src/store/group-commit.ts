/**
 * Group commit: many writes, one durable transaction. A write is queued and its promise resolves
 * only after the transaction holding it has committed, so a caller may acknowledge it (HTTP 201)
 * as soon as the promise resolves. A batch commits `windowMs` after its first write, or at once
 * when it holds `maxBatch` writes, whichever comes first; under load the batches grow by
 * themselves and the per-transaction cost (for SQLite with `synchronous=FULL`: one fsync) is
 * shared.
 *
 * If the batch transaction fails, each of its writes is retried in a transaction of its own, so
 * one bad write rejects alone and the others still commit.
 */
import { performance } from 'node:perf_hooks';
import { DispatchInputError } from '@o2o/dispatch-core';
import { OrderStoreError } from './order-store-error.js';

/** Runs `body` inside one transaction and commits it; throws (having rolled back) when `body` or the commit fails. */
export type TransactFn = (body: () => void) => void;

/** Options of {@link GroupCommit}. */
export interface GroupCommitOptions {
  /** Longest a write waits for its batch to start committing, in ms (0: the next event-loop turn). Default 2. */
  readonly windowMs?: number;
  /** A batch commits as soon as it holds this many writes. Default 512. */
  readonly maxBatch?: number;
  /** Called after every batch with what it cost (e.g. to feed a metrics histogram); a throw is reported as a process warning. */
  readonly onCommit?: (info: CommitInfo) => void;
  /**
   * Makes committed batches durable when the transaction itself does not (e.g. SQLite WAL with
   * `synchronous=NORMAL`: the commit reaches the OS, not the disk). A batch's writes resolve only
   * once `durable()` resolved after its commit (it runs off the event loop, so the next batch can
   * commit meanwhile); `durableNow()` is its synchronous form for {@link GroupCommit.flushNow}.
   * A failure rejects the batch's writes with `WRITE_FAILED`.
   */
  readonly sync?: { readonly durable: () => Promise<void>; readonly durableNow: () => void };
}

/** One committed batch, as reported to {@link GroupCommitOptions.onCommit}. */
export interface CommitInfo {
  /** Writes in the batch (committed or, after a fallback, rejected). */
  readonly writes: number;
  /** Transactions it took: 1, or 1 + `writes` when the batch failed and each write was retried alone. */
  readonly transactions: number;
  /** Wall time of the transaction(s), commit included, in ms. */
  readonly txnMs: number;
  /** Time the oldest write waited from submit to commit, in ms. */
  readonly maxWaitMs: number;
}

/** Running totals of a {@link GroupCommit}. */
export interface GroupCommitStats {
  /** Batches committed (each is one transaction unless it fell back). */
  readonly batches: number;
  /** Transactions run, fallbacks included. */
  readonly transactions: number;
  /** Writes committed. */
  readonly committedWrites: number;
  /** Writes rejected. */
  readonly failedWrites: number;
  /** Most writes in one batch. */
  readonly largestBatch: number;
  /** Batches whose transaction failed and that were retried write by write. */
  readonly fallbacks: number;
  /** Sum of {@link CommitInfo.txnMs}. */
  readonly txnMsTotal: number;
}

/** Default of {@link GroupCommitOptions.windowMs}. */
export const DEFAULT_COMMIT_WINDOW_MS = 2;
/** Default of {@link GroupCommitOptions.maxBatch}. */
export const DEFAULT_MAX_BATCH = 512;

interface QueuedWrite {
  readonly write: () => unknown;
  readonly settle: ((ok: boolean) => void) | undefined;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  readonly submittedAt: number;
}

/** See the module doc. */
export class GroupCommit {
  readonly windowMs: number;
  readonly maxBatch: number;
  private readonly transact: TransactFn;
  private readonly onCommit: ((info: CommitInfo) => void) | undefined;
  private queue: QueuedWrite[] = [];
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private readonly sync: GroupCommitOptions['sync'];
  /** Writes committed and waiting for `sync.durable()`. */
  private syncing = 0;
  private syncingFlushing = false;
  private totals = { batches: 0, transactions: 0, committedWrites: 0, failedWrites: 0, largestBatch: 0, fallbacks: 0, txnMsTotal: 0 };

  /** @throws {DispatchInputError} when `windowMs` is not a number in [0, 1000] or `maxBatch` not an integer ≥ 1. */
  constructor(transact: TransactFn, options: GroupCommitOptions = {}) {
    const { windowMs = DEFAULT_COMMIT_WINDOW_MS, maxBatch = DEFAULT_MAX_BATCH } = options;
    if (typeof windowMs !== 'number' || !Number.isFinite(windowMs) || windowMs < 0 || windowMs > 1000) {
      throw new DispatchInputError('INVALID_INPUT', 'options.commitWindowMs', 'must be a number of ms in [0, 1000]', windowMs);
    }
    if (typeof maxBatch !== 'number' || !Number.isInteger(maxBatch) || maxBatch < 1) {
      throw new DispatchInputError('INVALID_INPUT', 'options.maxBatch', 'must be an integer ≥ 1', maxBatch);
    }
    this.transact = transact;
    this.windowMs = windowMs;
    this.maxBatch = maxBatch;
    this.onCommit = options.onCommit;
    this.sync = options.sync;
  }

  /** Writes queued and not yet committed and durable. */
  get pending(): number {
    return this.queue.length + this.syncing;
  }

  /** A snapshot of the running totals. */
  get stats(): GroupCommitStats {
    return { ...this.totals };
  }

  /**
   * Queues `write` (run synchronously inside the batch transaction later) and resolves with its
   * result once that transaction has committed. `settle` runs right after the commit (true) or the
   * failure (false), before the promise settles, e.g. to drop state kept for the pending write.
   * A write that throws rejects with its error (an `OrderStoreError` as is, anything else wrapped
   * as `WRITE_FAILED`); its transaction is rolled back.
   */
  submit<T>(write: () => T, settle?: (ok: boolean) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ write, settle, resolve: resolve as (value: unknown) => void, reject, submittedAt: performance.now() });
      this.schedule();
    });
  }

  /** Commits everything queued, now and synchronously (e.g. on shutdown). */
  flushNow(): void {
    this.unschedule();
    this.syncingFlushing = true;
    try {
      while (this.queue.length > 0) this.commitNext();
    } finally {
      this.syncingFlushing = false;
    }
  }

  /** Drops the timers (after {@link GroupCommit.flushNow}, on close). Writes still queued stay queued. */
  dispose(): void {
    this.unschedule();
  }

  private schedule(): void {
    if (this.immediate !== undefined) return;
    if (this.queue.length >= this.maxBatch || this.windowMs === 0) {
      if (this.timer !== undefined) clearTimeout(this.timer);
      this.timer = undefined;
      this.immediate = setImmediate(this.onTimer);
    } else if (this.timer === undefined) {
      this.timer = setTimeout(this.onTimer, this.windowMs);
    }
  }

  private unschedule(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (this.immediate !== undefined) clearImmediate(this.immediate);
    this.timer = undefined;
    this.immediate = undefined;
  }

  private readonly onTimer = (): void => {
    this.unschedule();
    this.commitNext();
    // Only a backlog beyond maxBatch can remain (nothing is submitted during a synchronous commit).
    if (this.queue.length > 0) this.schedule();
  };

  /** Commits the next batch of up to maxBatch writes. */
  private commitNext(): void {
    const batch = this.queue.length <= this.maxBatch ? this.queue : this.queue.slice(0, this.maxBatch);
    this.queue = this.queue.length <= this.maxBatch ? [] : this.queue.slice(this.maxBatch);
    if (batch.length === 0) return;
    const started = performance.now();
    const results: unknown[] = new Array(batch.length);
    const errors: unknown[] = [];
    let transactions = 1;
    try {
      this.transact(() => {
        for (let i = 0; i < batch.length; i++) results[i] = (batch[i] as QueuedWrite).write();
      });
    } catch {
      // Retry one by one: only the writes that fail on their own are rejected.
      this.totals.fallbacks++;
      transactions += batch.length;
      for (let i = 0; i < batch.length; i++) {
        const item = batch[i] as QueuedWrite;
        try {
          this.transact(() => {
            results[i] = item.write();
          });
        } catch (error) {
          errors[i] = toStoreError(error);
        }
      }
    }
    const ended = performance.now();
    const numFailed = errors.reduce<number>((n, e) => (e === undefined ? n : n + 1), 0);
    const t = this.totals;
    t.batches++;
    t.transactions += transactions;
    t.committedWrites += batch.length - numFailed;
    t.failedWrites += numFailed;
    t.largestBatch = Math.max(t.largestBatch, batch.length);
    t.txnMsTotal += ended - started;
    const finish = (syncError?: unknown): void => {
      for (let i = 0; i < batch.length; i++) {
        const item = batch[i] as QueuedWrite;
        const error = errors[i] ?? (syncError === undefined ? undefined : toStoreError(syncError));
        item.settle?.(error === undefined);
        if (error === undefined) item.resolve(results[i]);
        else item.reject(error);
      }
    };
    const committed = batch.length - numFailed;
    if (this.sync === undefined || committed === 0) {
      finish();
    } else if (this.syncingFlushing) {
      let syncError: unknown;
      try {
        this.sync.durableNow();
      } catch (error) {
        syncError = error;
      }
      finish(syncError);
    } else {
      this.syncing += batch.length;
      this.sync.durable().then(
        () => {
          this.syncing -= batch.length;
          finish();
        },
        (error: unknown) => {
          this.syncing -= batch.length;
          finish(error);
        },
      );
    }
    if (this.onCommit !== undefined) {
      try {
        this.onCommit({ writes: batch.length, transactions, txnMs: ended - started, maxWaitMs: ended - (batch[0] as QueuedWrite).submittedAt });
      } catch (error) {
        // A metrics hook must not take the writer down: report it and go on.
        process.emitWarning(`group commit onCommit hook threw: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}

function toStoreError(error: unknown): unknown {
  if (error instanceof OrderStoreError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new OrderStoreError('WRITE_FAILED', `the write could not be committed: ${message}`, { cause: error });
}
