/**
 * WAL checkpoints mostly off the event loop. With `synchronous=FULL`, SQLite's automatic checkpoint
 * runs inside the COMMIT that crosses its threshold: it copies the WAL into the database file and
 * fsyncs it while the event loop waits (tens of ms at a few thousand orders/s: the p99 of every
 * create in that batch).
 *
 * A `WalCheckpointer` moves that work to a worker thread with its own connection: every
 * `intervalMs` it runs PASSIVE checkpoints (which never block the writer) until a pass finds nothing
 * new. A WAL file only starts over when *every* frame has been copied at the moment the writer
 * begins a transaction; the repeated passes get there between two commits, so the writer's next
 * transaction restarts the WAL. Should the worker fall behind a writer that never pauses and the
 * WAL pass `maxWalFrames`, the writer's connection copies the rest itself right after a commit
 * ({@link WalCheckpointer.afterCommit}), which bounds the WAL. The writer's connection keeps
 * automatic checkpoints off meanwhile; if the worker fails, `onFailure` is called (the store turns
 * them back on).
 */
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';

/** What the worker thread is started with. */
export interface CheckpointWorkerData {
  readonly path: string;
  readonly intervalMs: number;
}

/** What the worker thread posts. */
export type CheckpointMessage =
  | { readonly kind: 'checkpoint'; readonly walFrames: number; readonly checkpointedFrames: number; readonly ms: number }
  | { readonly kind: 'error'; readonly message: string };

/** Running totals of a {@link WalCheckpointer}. */
export interface CheckpointStats {
  /** Background checkpoints run by the worker. */
  readonly checkpoints: number;
  /** Frames in the WAL at the last background checkpoint. */
  readonly lastWalFrames: number;
  /** Frames copied into the database by then (all of them unless a reader held some back). */
  readonly lastCheckpointedFrames: number;
  /** Longest background checkpoint, ms (the event loop did not wait for it). */
  readonly maxMs: number;
  /** Checkpoints the writer's connection had to run because the WAL passed `maxWalFrames`. */
  readonly tails: number;
  /** Longest tail checkpoint, ms (the event loop waited for it). */
  readonly maxTailMs: number;
}

// The worker runs as TypeScript through tsx when this module does (tests from source), else as JS.
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(`./wal-checkpoint-worker${FROM_SOURCE ? '.ts' : '.js'}`, import.meta.url);

/**
 * Starts the worker thread. From source, tsx's ESM loader hooks do not reach a worker's imports
 * on Node 20 but its require hook does, so a tiny ESM entry requires the TypeScript file.
 */
function startWorker(data: CheckpointWorkerData): Worker {
  if (!FROM_SOURCE) return new Worker(WORKER_URL, { workerData: data });
  const file = fileURLToPath(WORKER_URL);
  const boot = `import { createRequire } from 'node:module'; createRequire(${JSON.stringify(file)})(${JSON.stringify(file)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), { workerData: data });
}

/** Options of {@link WalCheckpointer}. */
export interface WalCheckpointerOptions {
  /** The database file. */
  readonly path: string;
  /** The writer's connection (it runs the tail checkpoints). */
  readonly writer: Database;
  /** Period of background checkpoints, ms. */
  readonly intervalMs: number;
  /** A WAL longer than this (frames) is finished by the writer's connection after its next commit. */
  readonly maxWalFrames: number;
  /** Called once if the worker reports an error or exits unasked. */
  readonly onFailure: (reason: string) => void;
}

/** See the module doc. */
export class WalCheckpointer {
  private readonly worker: Worker;
  private readonly exited: Promise<void>;
  private readonly writer: Database;
  private readonly maxWalFrames: number;
  private totals = { checkpoints: 0, lastWalFrames: 0, lastCheckpointedFrames: 0, maxMs: 0, tails: 0, maxTailMs: 0 };
  private tailDue = false;
  private failed = false;
  private stopping = false;

  constructor(options: WalCheckpointerOptions) {
    this.writer = options.writer;
    this.maxWalFrames = options.maxWalFrames;
    this.worker = startWorker({ path: options.path, intervalMs: options.intervalMs });
    this.worker.unref();
    const fail = (reason: string): void => {
      if (this.failed || this.stopping) return;
      this.failed = true;
      this.tailDue = false;
      options.onFailure(reason);
    };
    this.worker.on('message', (message: CheckpointMessage) => {
      if (message.kind === 'error') {
        fail(message.message);
        return;
      }
      const t = this.totals;
      t.checkpoints++;
      t.lastWalFrames = message.walFrames;
      t.lastCheckpointedFrames = message.checkpointedFrames;
      t.maxMs = Math.max(t.maxMs, message.ms);
      if (message.walFrames > this.maxWalFrames) this.tailDue = true;
    });
    this.worker.on('error', (error) => fail(error.message));
    this.exited = new Promise((resolve) => {
      this.worker.once('exit', (code) => {
        fail(`checkpoint worker exited with code ${code}`);
        resolve();
      });
    });
  }

  /** A snapshot of the running totals. */
  get stats(): CheckpointStats {
    return { ...this.totals };
  }

  /**
   * Call right after each commit of the writer's connection: when the worker reported a WAL longer
   * than `maxWalFrames`, copies the rest on the writer's connection (PASSIVE), so that the writer's
   * next transaction starts the WAL over.
   */
  afterCommit(): void {
    if (!this.tailDue || this.failed || this.stopping) return;
    this.tailDue = false;
    const started = performance.now();
    this.writer.pragma('wal_checkpoint(PASSIVE)');
    const t = this.totals;
    t.tails++;
    t.maxTailMs = Math.max(t.maxTailMs, performance.now() - started);
  }

  /** Stops the worker (it closes its connection) and resolves once it has exited. */
  async stop(): Promise<void> {
    this.stopping = true;
    // Keep the process alive until the worker has closed its connection.
    this.worker.ref();
    this.worker.postMessage('stop');
    await this.exited;
  }
}
