/**
 * The SQLite order store on its own worker thread. Every call crosses to the thread (batched per
 * event-loop turn, arguments as JSON text, a fresh create's stored answer not echoed back) and runs there on a {@link SqliteOrderStore}, so the inserts, the group
 * commit's fsync and the reads never run on the HTTP event loop. Same contract, same contract
 * tests; errors arrive as the same classes. Calls run in call order, so "checks see every earlier
 * write" still holds. A `kill -9` loses nothing acknowledged: a create resolves only after its
 * COMMIT, on the thread, before the answer crosses back.
 *
 * Measured in the service's load bench (README): with the store in-process, SQLite took about a
 * third of the event loop at 5,000 creations/s and each fsync stalled every request behind it.
 */
import { Worker } from 'node:worker_threads';
import { DispatchInputError, type Order, type Reservation } from '@o2o/dispatch-core';
import type { OrderPage, OrderQuery } from './order-query.js';
import { OrderStoreError } from './order-store-error.js';
import type {
  AssignmentInput,
  AssignmentRecord,
  CatalogKind,
  CatalogRow,
  CreateOrderInput,
  CreateOrderResult,
  OrderStore,
  RestoredState,
  TransitionRequest,
} from './order-store.js';
import type { RiderRoute } from './rider-route.js';
import type { SqliteOrderStoreOptions } from './sqlite-order-store.js';
import { WIRE_WRITES, fromWireError, type WireAnswer, type WireCall, type WireError, type WireMethod } from './store-wire.js';

const EXT = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
const WORKER_URL = new URL(`./order-store-worker${EXT}`, import.meta.url);

interface Pending {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  readonly write: boolean;
}

export class WorkerOrderStore implements OrderStore {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private outbox: WireCall[] = [];
  private scheduled = false;
  private nextId = 1;
  private writes = 0;
  private closed = false;
  private failure: Error | undefined;

  private constructor(worker: Worker) {
    this.worker = worker;
    worker.on('message', (m: { type: 'answers'; answers: readonly WireAnswer[] }) => {
      if (m.type !== 'answers') return;
      for (const a of m.answers) this.settle(a);
    });
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => {
      if (!this.closed) this.fail(new Error(`the order store thread exited (code ${code})`));
    });
  }

  /** Starts the thread and opens the store there (options as {@link SqliteOrderStore.open}; `onCommit`, a function, cannot cross to the thread and is ignored). */
  static async open(options: SqliteOrderStoreOptions = {}): Promise<WorkerOrderStore> {
    const { onCommit: _dropped, ...cloneable } = options;
    const worker = new Worker(WORKER_URL, { workerData: cloneable });
    await new Promise<void>((resolve, reject) => {
      const onMessage = (m: { type: string; error?: WireError }): void => {
        worker.off('message', onMessage);
        worker.off('error', reject);
        if (m.type === 'ready') resolve();
        else reject(m.error === undefined ? new Error('the order store thread failed to start') : fromWireError(m.error));
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
    return new WorkerOrderStore(worker);
  }

  get pendingWrites(): number {
    return this.writes;
  }

  createOrder<R>(input: CreateOrderInput<R>): Promise<CreateOrderResult<R>> {
    return (this.call('createOrder', [input]) as Promise<CreateOrderResult<R>>).then((r) => (r.replayed ? r : { ...r, response: input.response }));
  }
  findReplay<R>(idempotencyKey: string, fingerprint: string): Promise<CreateOrderResult<R> | undefined> {
    return this.call('findReplay', [idempotencyKey, fingerprint]) as Promise<CreateOrderResult<R> | undefined>;
  }
  getOrder(orderId: string): Promise<Order | undefined> {
    return this.call('getOrder', [orderId]) as Promise<Order | undefined>;
  }
  listOrders(query?: OrderQuery): Promise<OrderPage> {
    return this.call('listOrders', query === undefined ? [] : [query]) as Promise<OrderPage>;
  }
  transition(orderId: string, request: TransitionRequest): Promise<Order> {
    return this.call('transition', [orderId, request]) as Promise<Order>;
  }
  recordAssignment(input: AssignmentInput): Promise<Order> {
    return this.call('recordAssignment', [input]) as Promise<Order>;
  }
  assignmentsOf(orderId: string): Promise<AssignmentRecord[]> {
    return this.call('assignmentsOf', [orderId]) as Promise<AssignmentRecord[]>;
  }
  saveReservations(reservations: readonly Reservation[]): Promise<void> {
    return this.call('saveReservations', [reservations]) as Promise<void>;
  }
  getReservation(reservationId: string): Promise<Reservation | undefined> {
    return this.call('getReservation', [reservationId]) as Promise<Reservation | undefined>;
  }
  reservationsOf(orderId: string): Promise<Reservation[]> {
    return this.call('reservationsOf', [orderId]) as Promise<Reservation[]>;
  }
  saveCatalog(rows: readonly CatalogRow[]): Promise<void> {
    return this.call('saveCatalog', [rows]) as Promise<void>;
  }
  getCatalog(kind: CatalogKind, id: string): Promise<CatalogRow | undefined> {
    return this.call('getCatalog', [kind, id]) as Promise<CatalogRow | undefined>;
  }
  setRiderRoute(route: RiderRoute): Promise<void> {
    return this.call('setRiderRoute', [route]) as Promise<void>;
  }
  getRiderRoute(riderId: string): Promise<RiderRoute | undefined> {
    return this.call('getRiderRoute', [riderId]) as Promise<RiderRoute | undefined>;
  }
  pruneIdempotencyKeys(createdBeforeMs: number, limit?: number): Promise<number> {
    return this.call('pruneIdempotencyKeys', limit === undefined ? [createdBeforeMs] : [createdBeforeMs, limit]) as Promise<number>;
  }
  restore(): Promise<RestoredState> {
    return this.call('restore', []) as Promise<RestoredState>;
  }
  flush(): Promise<void> {
    return this.call('flush', []) as Promise<void>;
  }

  /** Flushes and closes the store on its thread, then stops the thread. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    try {
      await this.call('close', []);
    } finally {
      this.closed = true;
      await this.worker.terminate();
    }
  }

  private call(method: WireMethod, args: readonly unknown[]): Promise<unknown> {
    if (this.closed) return Promise.reject(new OrderStoreError('STORE_CLOSED', 'the order store is closed'));
    if (this.failure !== undefined) return Promise.reject(new OrderStoreError('WRITE_FAILED', `the order store thread failed: ${this.failure.message}`, { cause: this.failure }));
    const id = this.nextId++;
    const write = WIRE_WRITES.has(method);
    if (write) this.writes++;
    let argsJson: string;
    try {
      argsJson = JSON.stringify(args);
    } catch (error) {
      if (write) this.writes--;
      return Promise.reject(new DispatchInputError('INVALID_INPUT', 'input', 'must be JSON-serialisable', String(error)));
    }
    const promise = new Promise<unknown>((resolve, reject) => this.pending.set(id, { resolve, reject, write }));
    this.outbox.push({ id, method, argsJson });
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.send);
    }
    return promise;
  }

  private readonly send = (): void => {
    this.scheduled = false;
    const batch = this.outbox;
    this.outbox = [];
    this.worker.postMessage(batch);
  };

  private settle(a: WireAnswer): void {
    const p = this.pending.get(a.id);
    if (p === undefined) return;
    this.pending.delete(a.id);
    if (p.write) this.writes--;
    if (a.ok) p.resolve(a.value);
    else p.reject(fromWireError(a.error));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const [id, p] of this.pending) {
      this.pending.delete(id);
      if (p.write) this.writes--;
      p.reject(new OrderStoreError('WRITE_FAILED', `the order store thread failed: ${error.message}`, { cause: error }));
    }
  }
}
