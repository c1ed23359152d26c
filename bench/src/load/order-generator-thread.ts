/**
 * Main-thread side of the order generator: starts `order-generator.worker` on a worker thread,
 * waits until it is ready, then runs its schedule from a given instant.
 *
 * ```ts
 * const generator = await OrderGeneratorThread.start({ settings, requests });
 * const result = await generator.run(Date.now() + 200);
 * ```
 */
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { OpenLoopResult } from './open-loop-generator.js';
import type { OrderGeneratorReply, OrderGeneratorWorkerData, StartMessage } from './order-generator-messages.js';

// The worker runs as TypeScript through tsx when this module does (tests from source), else as JS.
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(`./order-generator.worker${FROM_SOURCE ? '.ts' : '.js'}`, import.meta.url);

/**
 * A worker on `WORKER_URL`. From source, tsx's ESM loader hooks do not reach a worker's imports
 * on Node 20 but its require hook does, so a tiny ESM entry requires the TypeScript file (as
 * dispatch-worker's WAL checkpointer does).
 */
function newWorker(data: OrderGeneratorWorkerData): Worker {
  if (!FROM_SOURCE) return new Worker(WORKER_URL, { workerData: data });
  const file = fileURLToPath(WORKER_URL);
  const boot = `import { createRequire } from 'node:module'; createRequire(${JSON.stringify(file)})(${JSON.stringify(file)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), { workerData: data });
}

export class OrderGeneratorThread {
  readonly #worker: Worker;
  readonly #replies: Promise<OpenLoopResult>;

  private constructor(worker: Worker, replies: Promise<OpenLoopResult>) {
    this.#worker = worker;
    this.#replies = replies;
  }

  /** A worker ready to run; rejects if it fails to load. */
  static async start(data: OrderGeneratorWorkerData): Promise<OrderGeneratorThread> {
    const worker = newWorker(data);
    let onReady: () => void = () => {};
    const ready = new Promise<void>((resolve) => {
      onReady = resolve;
    });
    const result = new Promise<OpenLoopResult>((resolve, reject) => {
      worker.on('message', (reply: OrderGeneratorReply) => {
        if (reply.type === 'ready') onReady();
        else if (reply.type === 'done') resolve(reply.result);
        else reject(Object.assign(new Error(`order generator failed: ${reply.message}`), { stack: reply.stack }));
      });
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`order generator thread exited with code ${code} before its result`)));
    });
    // A failure before `ready` must reject start(), not stay unhandled.
    await Promise.race([ready, result]);
    result.catch(() => {});
    return new OrderGeneratorThread(worker, result);
  }

  /** Runs the schedule with request 0 due at `startAtEpochMs` (a `Date.now()` instant). */
  async run(startAtEpochMs: number): Promise<OpenLoopResult> {
    const message: StartMessage = { type: 'start', startAtEpochMs };
    this.#worker.postMessage(message);
    return this.#replies;
  }

  /** Stops the worker (after a result it has already exited; safe to call anyway). */
  async terminate(): Promise<void> {
    await this.#worker.terminate();
  }
}
