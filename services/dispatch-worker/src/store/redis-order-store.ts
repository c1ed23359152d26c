/**
 * The order store on Redis (ioredis): the same {@link OrderStore} contract as the SQLite store,
 * for running several dispatch-workers on shared state. Each write is one Lua script (atomic,
 * preconditions checked before anything is written: idempotency key, duplicate id, the version
 * compare-and-set of a transition, reservations that already ended); reads are plain commands.
 * One connection carries every command in call order, so a read issued after a write sees it;
 * the writes of one order are chained (read, check, compare-and-set), so concurrent transitions
 * of one order from this process apply in call order as in the SQLite store.
 *
 * Durability is Redis's: run it with `appendonly yes` and `appendfsync always` for "durable
 * before the 201" (everysec may lose up to a second of acknowledged writes on power loss, not on
 * a crash of Redis alone). Key layout: `redis-scripts.ts`.
 */
import { DispatchInputError, transitionOrder, validateOrder, type Order, type Reservation } from '@o2o/dispatch-core';
import { Redis, type RedisOptions } from 'ioredis';
import { encodeOrderCursor, resolveOrderQuery, type OrderPage, type OrderQuery, type ResolvedOrderQuery } from './order-query.js';
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
import { OrderStoreError } from './order-store-error.js';
import { validateReservationRow } from './reservation-row.js';
import { CREATE_ORDER_LUA, HASH_WRITE_LUA, SAVE_RESERVATIONS_LUA, TRANSITION_LUA } from './redis-scripts.js';
import type { HeldLease } from './region-lease.js';
import { validateRiderRoute, type RiderRoute } from './rider-route.js';
import { checkPlainObject, checkPruneArgs, checkStoreId } from './store-input-checks.js';
import { OPEN_STATUSES, assignmentRecordOf, assignmentTransition, checkCatalogKind, checkCreateInput, checkTransitionRequest, checkCatalogRows, duplicateOrder, idempotencyConflict, reservationConflict, responseTextOf } from './store-rows.js';

export interface RedisOrderStoreOptions {
  /** `redis://host:port/db` (default `redis://127.0.0.1:6379`). */
  readonly url?: string;
  /** Keys live under `o2o:{namespace}:` (default `default`): one namespace per city or partition. */
  readonly namespace?: string;
  /**
   * How long an idempotency key is kept (ms): keys expire by themselves after it (Redis `PEXPIRE`).
   * Set for the namespace when given (every writer of it then uses it); absent keeps what is set.
   */
  readonly idempotencyRetentionMs?: number;
  /** Extra ioredis options (e.g. `password`, `tls`). */
  readonly redis?: RedisOptions;
}

const NAMESPACE_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;
/** Orders read per round trip while paging through an index. */
const LIST_CHUNK = 256;

interface StoreCommands {
  o2oCreate(...args: (string | number)[]): Promise<string[]>;
  o2oTransition(...args: (string | number)[]): Promise<string[]>;
  o2oReservations(...args: (string | number)[]): Promise<string[]>;
  o2oHashWrite(...args: (string | number)[]): Promise<string[]>;
}

export class RedisOrderStore implements OrderStore {
  /** The key prefix, `o2o:{namespace}:`. */
  readonly prefix: string;
  private readonly redis: Redis & StoreCommands;
  private readonly inFlight = new Set<Promise<unknown>>();
  /** The last write queued per order: the next one of that order starts after it. */
  private readonly orderChains = new Map<string, Promise<unknown>>();
  private closed = false;
  private fence: HeldLease | undefined;

  private constructor(redis: Redis, prefix: string) {
    this.redis = redis as Redis & StoreCommands;
    this.prefix = prefix;
    redis.defineCommand('o2oCreate', { numberOfKeys: 1, lua: CREATE_ORDER_LUA });
    redis.defineCommand('o2oTransition', { numberOfKeys: 1, lua: TRANSITION_LUA });
    redis.defineCommand('o2oReservations', { numberOfKeys: 1, lua: SAVE_RESERVATIONS_LUA });
    redis.defineCommand('o2oHashWrite', { numberOfKeys: 1, lua: HASH_WRITE_LUA });
  }

  /**
   * Connects (and checks the connection with a PING).
   * @throws {DispatchInputError} for a bad namespace; {@link OrderStoreError} `WRITE_FAILED` when Redis cannot be reached.
   */
  static async open(options: RedisOrderStoreOptions = {}): Promise<RedisOrderStore> {
    checkPlainObject('options', options as unknown);
    const namespace = options.namespace ?? 'default';
    if (typeof namespace !== 'string' || !NAMESPACE_PATTERN.test(namespace)) {
      throw new DispatchInputError('INVALID_INPUT', 'options.namespace', 'must be 1 to 64 characters of A-Z, a-z, 0-9, ".", "_", ":" or "-"', namespace);
    }
    const redis = new Redis(options.url ?? 'redis://127.0.0.1:6379', { lazyConnect: true, maxRetriesPerRequest: 2, enableOfflineQueue: true, ...options.redis });
    // Connection errors reach the commands that fail on them; keep ioredis from printing each one.
    redis.on('error', () => undefined);
    try {
      await redis.connect();
      await redis.ping();
    } catch (error) {
      redis.disconnect();
      throw new OrderStoreError('WRITE_FAILED', `cannot reach Redis at ${options.url ?? 'redis://127.0.0.1:6379'}: ${(error as Error).message}`, { cause: error });
    }
    const prefix = `o2o:{${namespace}}:`;
    const retention = options.idempotencyRetentionMs;
    if (retention !== undefined) {
      if (!Number.isSafeInteger(retention) || retention < 1_000) {
        redis.disconnect();
        throw new DispatchInputError('INVALID_INPUT', 'options.idempotencyRetentionMs', 'must be an integer ≥ 1000 (ms)', retention);
      }
      await redis.set(`${prefix}key-ttl-ms`, String(retention));
    }
    return new RedisOrderStore(redis, prefix);
  }

  get pendingWrites(): number {
    return this.inFlight.size;
  }

  /** The connection (e.g. for {@link RegionLeases} on the same server and prefix). */
  get connection(): Redis {
    return this.redis;
  }

  /**
   * Fences every later write with `lease` (a region lease of {@link RegionLeases} under this
   * store's prefix): a write is refused with `LEASE_LOST` once the lease no longer holds this
   * holder value. `undefined` removes the fence.
   */
  setFence(lease: HeldLease | undefined): void {
    if (lease !== undefined && !lease.key.startsWith(this.prefix)) throw new DispatchInputError('INVALID_INPUT', 'lease.key', `must be under this store's prefix ${this.prefix}`, lease.key);
    this.fence = lease;
  }

  async createOrder<R>(input: CreateOrderInput<R>): Promise<CreateOrderResult<R>> {
    this.checkOpen();
    checkCreateInput(input);
    const { idempotencyKey, fingerprint } = input;
    const order = validateOrder(input.order, 'order');
    const responseText = responseTextOf(input);
    const reservations = checkReservationRows(input.reservations, 'reservations');
    const answer = await this.write(
      this.redis.o2oCreate(
        ...this.fenceHead(),
        this.prefix,
        idempotencyKey ?? '',
        fingerprint ?? '',
        order.id,
        order.status,
        order.storeId ?? '',
        order.riderId ?? '',
        JSON.stringify(order),
        responseText,
        ...reservationArgs(reservations),
        this.fence?.holder ?? '',
      ),
    );
    switch (answer[0]) {
      case 'ok':
        return { orderId: order.id, response: input.response, replayed: false };
      case 'replay':
        if (answer[1] !== fingerprint) throw idempotencyConflict(idempotencyKey as string, answer[2] as string);
        return { orderId: answer[2] as string, response: JSON.parse(answer[3] as string) as R, replayed: true };
      case 'duplicate':
        throw duplicateOrder(order.id);
      default:
        throw scriptFailure(answer);
    }
  }

  async findReplay<R>(idempotencyKey: string, fingerprint: string): Promise<CreateOrderResult<R> | undefined> {
    this.checkOpen();
    checkStoreId('idempotencyKey', idempotencyKey);
    checkStoreId('fingerprint', fingerprint);
    const [fp, orderId, response] = await this.redis.hmget(`${this.prefix}key:${idempotencyKey}`, 'fp', 'order', 'resp');
    if (fp == null || orderId == null || response == null) return undefined;
    if (fp !== fingerprint) throw idempotencyConflict(idempotencyKey, orderId);
    return { orderId, response: JSON.parse(response) as R, replayed: true };
  }

  async getOrder(orderId: string): Promise<Order | undefined> {
    this.checkOpen();
    checkStoreId('orderId', orderId);
    const data = await this.redis.hget(`${this.prefix}order:${orderId}`, 'data');
    return data === null ? undefined : (JSON.parse(data) as Order);
  }

  async listOrders(query: OrderQuery = {}): Promise<OrderPage> {
    this.checkOpen();
    const q = resolveOrderQuery(query);
    const index = this.indexFor(q);
    const found: { seq: number; order: Order }[] = [];
    let after = q.afterSeq;
    while (found.length <= q.limit) {
      const ids = await this.redis.zrangebyscore(index, `(${after}`, '+inf', 'WITHSCORES', 'LIMIT', 0, LIST_CHUNK);
      if (ids.length === 0) break;
      const pipeline = this.redis.pipeline();
      for (let i = 0; i < ids.length; i += 2) pipeline.hmget(`${this.prefix}order:${ids[i]}`, 'st', 'store', 'rider', 'data');
      const rows = (await pipeline.exec()) ?? [];
      for (let i = 0; i < rows.length && found.length <= q.limit; i++) {
        const [error, value] = rows[i] as [Error | null, (string | null)[]];
        if (error !== null) throw new OrderStoreError('WRITE_FAILED', `reading orders failed: ${error.message}`, { cause: error });
        const [status, storeId, riderId, data] = value;
        if (data === null || data === undefined) continue;
        if (q.statuses !== undefined && !q.statuses.includes(status as Order['status'])) continue;
        if (q.storeId !== undefined && storeId !== q.storeId) continue;
        if (q.riderId !== undefined && riderId !== q.riderId) continue;
        found.push({ seq: Number(ids[i * 2 + 1]), order: JSON.parse(data) as Order });
      }
      after = Number(ids[ids.length - 1]);
      if (ids.length < LIST_CHUNK * 2) break;
    }
    const page = found.slice(0, q.limit);
    const last = page[page.length - 1];
    const orders = page.map((f) => f.order);
    return found.length > q.limit && last !== undefined ? { orders, nextCursor: encodeOrderCursor(last.seq) } : { orders };
  }

  async transition(orderId: string, request: TransitionRequest): Promise<Order> {
    this.checkOpen();
    checkTransitionRequest(orderId, request);
    const { expected, to, at, details = {} } = request;
    const reservations = checkReservationRows(request.reservations, 'request.reservations');
    const routes = (request.routes ?? []).map((route, i) => validateRiderRoute(route, `request.routes[${i}]`));
    const catalog = checkCatalogRows(request.catalog ?? [], 'request.catalog');
    return this.afterPreviousWriteOf(orderId, async () => {
      const [versionText, data] = await this.redis.hmget(`${this.prefix}order:${orderId}`, 'v', 'data');
      if (versionText == null || data == null) throw new OrderStoreError('ORDER_NOT_FOUND', `no order ${JSON.stringify(orderId)}`, { orderId });
      const current = JSON.parse(data) as Order;
      if (current.status !== expected) {
        throw new OrderStoreError('STATUS_MISMATCH', `order ${JSON.stringify(orderId)} is ${current.status}, not ${expected}`, { orderId, expected, actual: current.status });
      }
      const next = transitionOrder(current, to, at, details);
      const assignment = assignmentRecordOf(orderId, current, next, at);
      const answer = await this.write(
        this.redis.o2oTransition(
          ...this.fenceHead(),
          this.prefix,
          orderId,
          Number(versionText),
          next.status,
          next.storeId ?? '',
          next.riderId ?? '',
          JSON.stringify(next),
          assignment === undefined ? '' : JSON.stringify(assignment),
          ...reservationArgs(reservations),
          routes.length,
          ...routes.flatMap((r) => [r.riderId, r.stops.length === 0 ? '' : JSON.stringify(r)]),
          catalog.length,
          ...catalog.flatMap((c) => [`${c.kind}|${c.id}`, c.text]),
          this.fence?.holder ?? '',
        ),
      );
      switch (answer[0]) {
        case 'ok':
          return next;
        case 'notfound':
          throw new OrderStoreError('ORDER_NOT_FOUND', `no order ${JSON.stringify(orderId)}`, { orderId });
        case 'conflict':
          throw new OrderStoreError('WRITE_CONFLICT', `order ${JSON.stringify(orderId)} changed before this transition could commit`, { orderId });
        default:
          throw scriptFailure(answer);
      }
    });
  }

  async recordAssignment(input: AssignmentInput): Promise<Order> {
    this.checkOpen();
    return this.transition(input.orderId, assignmentTransition(input));
  }

  async assignmentsOf(orderId: string): Promise<AssignmentRecord[]> {
    this.checkOpen();
    checkStoreId('orderId', orderId);
    return (await this.redis.lrange(`${this.prefix}asg:${orderId}`, 0, -1)).map((text) => JSON.parse(text) as AssignmentRecord);
  }

  async saveReservations(reservations: readonly Reservation[]): Promise<void> {
    this.checkOpen();
    const rows = checkReservationRows(reservations, 'reservations');
    if (rows.length === 0) return;
    const answer = await this.write(this.redis.o2oReservations(...this.fenceHead(), this.prefix, ...reservationArgs(rows), this.fence?.holder ?? ''));
    checkScriptAnswer(answer);
  }

  async getReservation(reservationId: string): Promise<Reservation | undefined> {
    this.checkOpen();
    checkStoreId('reservationId', reservationId);
    const data = await this.redis.hget(`${this.prefix}res:${reservationId}`, 'data');
    return data === null ? undefined : (JSON.parse(data) as Reservation);
  }

  async reservationsOf(orderId: string): Promise<Reservation[]> {
    this.checkOpen();
    checkStoreId('orderId', orderId);
    return this.reservationsIn(`${this.prefix}res-order:${orderId}`);
  }

  async saveCatalog(rows: readonly CatalogRow[]): Promise<void> {
    this.checkOpen();
    const checked = checkCatalogRows(rows, 'rows');
    if (checked.length === 0) return;
    checkScriptAnswer(await this.write(this.redis.o2oHashWrite(...this.fenceHead(), `${this.prefix}catalog`, 'set', ...checked.flatMap((c) => [`${c.kind}|${c.id}`, c.text]), this.fence?.holder ?? '')));
  }

  async getCatalog(kind: CatalogKind, id: string): Promise<CatalogRow | undefined> {
    this.checkOpen();
    checkCatalogKind('kind', kind);
    checkStoreId('id', id);
    const text = await this.redis.hget(`${this.prefix}catalog`, `${kind}|${id}`);
    return text === null ? undefined : { kind, id, data: JSON.parse(text) as unknown };
  }

  async setRiderRoute(route: RiderRoute): Promise<void> {
    this.checkOpen();
    const valid = validateRiderRoute(route);
    const key = `${this.prefix}routes`;
    const change = valid.stops.length === 0 ? ['del', valid.riderId] : ['set', valid.riderId, JSON.stringify(valid)];
    checkScriptAnswer(await this.write(this.redis.o2oHashWrite(...this.fenceHead(), key, ...change, this.fence?.holder ?? '')));
  }

  async getRiderRoute(riderId: string): Promise<RiderRoute | undefined> {
    this.checkOpen();
    checkStoreId('riderId', riderId);
    const text = await this.redis.hget(`${this.prefix}routes`, riderId);
    return text === null ? undefined : (JSON.parse(text) as RiderRoute);
  }

  /** Keys expire by themselves here (`idempotencyRetentionMs`): nothing to prune. */
  async pruneIdempotencyKeys(createdBeforeMs: number, limit = 10_000): Promise<number> {
    this.checkOpen();
    checkPruneArgs(createdBeforeMs, limit);
    return 0;
  }

  async restore(): Promise<RestoredState> {
    this.checkOpen();
    const open = new Map<string, number>();
    for (const status of OPEN_STATUSES) {
      const ids = await this.redis.zrange(`${this.prefix}status:${status}`, 0, -1, 'WITHSCORES');
      for (let i = 0; i < ids.length; i += 2) open.set(ids[i] as string, Number(ids[i + 1]));
    }
    const ids = [...open.entries()].sort((a, b) => a[1] - b[1]).map(([id]) => id);
    const openOrders: Order[] = [];
    for (let i = 0; i < ids.length; i += LIST_CHUNK) {
      const pipeline = this.redis.pipeline();
      for (const id of ids.slice(i, i + LIST_CHUNK)) pipeline.hget(`${this.prefix}order:${id}`, 'data');
      for (const [, data] of (await pipeline.exec()) ?? []) if (typeof data === 'string') openOrders.push(JSON.parse(data) as Order);
    }
    const routes = await this.redis.hgetall(`${this.prefix}routes`);
    const catalogRows = await this.redis.hgetall(`${this.prefix}catalog`);
    return {
      openOrders,
      riderRoutes: Object.keys(routes)
        .sort()
        .map((riderId) => JSON.parse(routes[riderId] as string) as RiderRoute),
      heldReservations: await this.reservationsIn(`${this.prefix}held`),
      catalog: Object.keys(catalogRows)
        .map((field) => {
          const bar = field.indexOf('|');
          return { kind: field.slice(0, bar) as CatalogKind, id: field.slice(bar + 1), data: JSON.parse(catalogRows[field] as string) as unknown };
        })
        .sort((a, b) => (a.kind === b.kind ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.kind < b.kind ? -1 : 1)),
    };
  }

  /** Resolves once every write issued so far has been applied by Redis. */
  async flush(): Promise<void> {
    this.checkOpen();
    await Promise.allSettled([...this.inFlight]);
  }

  /** Waits for the writes in flight, then closes the connection. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([...this.inFlight]);
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  /** The key every write script gets: the fence's lease key (or an unused key of this prefix when unfenced). */
  private fenceHead(): [string] {
    return [this.fence?.key ?? `${this.prefix}lease:-`];
  }

  private checkOpen(): void {
    if (this.closed) throw new OrderStoreError('STORE_CLOSED', 'the order store is closed');
  }

  /** Tracks a write for `pendingWrites`/`flush`; a Redis failure becomes `WRITE_FAILED`. */
  private write<T>(command: Promise<T>): Promise<T> {
    const tracked = command.catch((error: unknown) => {
      if (error instanceof OrderStoreError) throw error;
      throw new OrderStoreError('WRITE_FAILED', `the write could not be applied: ${(error as Error).message}`, { cause: error });
    });
    this.inFlight.add(tracked);
    const done = (): void => void this.inFlight.delete(tracked);
    tracked.then(done, done);
    return tracked;
  }

  /** Runs `body` after the write of `orderId` queued before it (success or not). */
  private afterPreviousWriteOf<T>(orderId: string, body: () => Promise<T>): Promise<T> {
    const previous = this.orderChains.get(orderId) ?? Promise.resolve();
    const next = previous.then(body, body);
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    this.orderChains.set(orderId, settled);
    void settled.then(() => {
      if (this.orderChains.get(orderId) === settled) this.orderChains.delete(orderId);
    });
    return next;
  }

  /** The best index to page through for a query: the rider's, the store's, one status's, or all orders. */
  private indexFor(q: ResolvedOrderQuery): string {
    if (q.riderId !== undefined) return `${this.prefix}rider:${q.riderId}`;
    if (q.storeId !== undefined) return `${this.prefix}store:${q.storeId}`;
    if (q.statuses?.length === 1) return `${this.prefix}status:${q.statuses[0]}`;
    return `${this.prefix}all`;
  }

  private async reservationsIn(index: string): Promise<Reservation[]> {
    const ids = await this.redis.zrange(index, 0, -1);
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hget(`${this.prefix}res:${id}`, 'data');
    const out: Reservation[] = [];
    for (const [, data] of (await pipeline.exec()) ?? []) if (typeof data === 'string') out.push(JSON.parse(data) as Reservation);
    return out;
  }
}

function checkReservationRows(input: readonly Reservation[] | undefined, field: string): Reservation[] {
  if (input === undefined) return [];
  if (!Array.isArray(input)) throw new DispatchInputError('INVALID_INPUT', field, 'must be an array', input);
  return input.map((r, i) => validateReservationRow(r, `${field}[${i}]`));
}

function reservationArgs(rows: readonly Reservation[]): (string | number)[] {
  return [rows.length, ...rows.flatMap((r) => [r.id, r.orderId ?? '', r.status, JSON.stringify(r)])];
}

function checkScriptAnswer(answer: readonly unknown[]): void {
  if (answer[0] !== 'ok') throw scriptFailure(answer);
}

function scriptFailure(answer: readonly unknown[]): OrderStoreError {
  if (answer[0] === 'fenced') return new OrderStoreError('LEASE_LOST', 'this instance no longer holds the region lease its writes are fenced with; another instance owns the region');
  if (answer[0] === 'resconflict') return reservationConflict(String(answer[1]), String(answer[2]), String(answer[3]));
  return new OrderStoreError('WRITE_FAILED', `unexpected answer from Redis: ${JSON.stringify(answer).slice(0, 200)}`);
}
