/**
 * The worker-thread side of {@link WorkerOrderStore}: owns a {@link SqliteOrderStore} and runs the
 * calls it receives, in arrival order (so every check still sees every earlier write), answering
 * in batches.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SqliteOrderStore, type SqliteOrderStoreOptions } from './sqlite-order-store.js';
import { WIRE_METHODS, toWireError, type WireAnswer, type WireCall } from './store-wire.js';

const port = parentPort;
if (port === null) throw new Error('order-store-worker must run in a worker thread');

let store: SqliteOrderStore;
try {
  store = SqliteOrderStore.open(workerData as SqliteOrderStoreOptions);
  port.postMessage({ type: 'ready' });
} catch (error) {
  port.postMessage({ type: 'failed', error: toWireError(error) });
  process.exit(0);
}

let outbox: WireAnswer[] = [];
let scheduled = false;
const flush = (): void => {
  scheduled = false;
  const batch = outbox;
  outbox = [];
  port.postMessage({ type: 'answers', answers: batch });
};
const answer = (a: WireAnswer): void => {
  outbox.push(a);
  if (!scheduled) {
    scheduled = true;
    setImmediate(flush);
  }
};

port.on('message', (calls: readonly WireCall[]) => {
  for (const call of calls) {
    let result: Promise<unknown>;
    try {
      if (!(WIRE_METHODS as readonly string[]).includes(call.method)) throw new Error(`unknown store method ${call.method}`);
      const fn = (store as unknown as Record<string, (...args: readonly unknown[]) => unknown>)[call.method]!;
      const args = JSON.parse(call.argsJson) as unknown[];
      result = Promise.resolve(fn.apply(store, args));
      // The caller keeps the answer it asked to store: a fresh create comes back without it.
      if (call.method === 'createOrder') result = result.then((r) => ((r as { replayed: boolean }).replayed ? r : { ...(r as object), response: undefined }));
    } catch (error) {
      result = Promise.reject(error);
    }
    result.then(
      (value) => answer({ id: call.id, ok: true, value }),
      (error: unknown) => answer({ id: call.id, ok: false, error: toWireError(error) }),
    );
  }
});
