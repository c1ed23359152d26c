/**
 * The embedded order store: one SQLite file (better-sqlite3) in WAL mode with
 * `synchronous=FULL`, written through a {@link GroupCommit} so that thousands of creations per
 * second share a few hundred fsyncs while each creation still resolves only after its COMMIT.
 *
 * One process, one writer: open a data directory from one `SqliteOrderStore` at a time. Every
 * write goes through the group commit, in call order; reads are synchronous SQLite reads of
 * committed rows (wrapped in promises to fit {@link OrderStore}). WAL checkpoints run in a worker
 * thread by default ({@link WalCheckpointer}), so they do not stall the commits.
 *
 * Files: `<dataDir>/orders.sqlite` plus SQLite's `-wal` and `-shm` next to it. Schema versioned with
 * `PRAGMA user_version` (`sqlite-schema.ts`).
 */
import { closeSync, fdatasync, fdatasyncSync, mkdirSync, openSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import {
  DispatchInputError,
  transitionOrder,
  validateOrder,
  type Order,
  type OrderStatus,
  type Reservation,
} from '@o2o/dispatch-core';
import { GroupCommit, type CommitInfo, type GroupCommitStats } from './group-commit.js';
import { encodeOrderCursor, resolveOrderQuery, type OrderPage, type OrderQuery, type ResolvedOrderQuery } from './order-query.js';
import {
  CATALOG_KINDS,
  type CatalogKind,
  type CatalogRow,
} from './order-store.js';
import type {
  AssignmentInput,
  AssignmentRecord,
  CreateOrderInput,
  CreateOrderResult,
  OrderStore,
  RestoredState,
  TransitionRequest,
} from './order-store.js';
import { OrderStoreError } from './order-store-error.js';
import { canRewriteReservation, validateReservationRow } from './reservation-row.js';
import { validateRiderRoute, type RiderRoute } from './rider-route.js';
import { migrateSqliteSchema, type SchemaMigration } from './sqlite-schema.js';
import { checkPlainObject, checkPruneArgs, checkStoreId } from './store-input-checks.js';
import { OPEN_STATUSES, assignmentRecordOf, assignmentTransition, checkCatalogKind, checkCreateInput, checkTransitionRequest, checkCatalogRows, duplicateOrder, idempotencyConflict, reservationConflict, responseTextOf, type CheckedCatalogRow } from './store-rows.js';
import { SqliteStoreIndex, orderFilterShape, orderFilterSql, type OrderRow } from './sqlite-store-index.js';
import { WalCheckpointer, type CheckpointStats } from './wal-checkpointer.js';

/** Default data directory (relative to the working directory). */
export const DEFAULT_DATA_DIR = './data';
/** Default database file name inside the data directory. */
export const DEFAULT_DB_FILE = 'orders.sqlite';

/** Options of {@link SqliteOrderStore.open}. */
export interface SqliteOrderStoreOptions {
  /** Directory of the database files, created if missing. Default {@link DEFAULT_DATA_DIR}. */
  readonly dataDir?: string;
  /** Database file name. Default {@link DEFAULT_DB_FILE} (WAL adds `-wal` and `-shm` next to it). */
  readonly fileName?: string;
  /** Group commit window in ms (0: next event-loop turn). Default 2. */
  readonly commitWindowMs?: number;
  /** Most writes per transaction. Default 512. */
  readonly maxBatch?: number;
  /** Called after every group commit (metrics). */
  readonly onCommit?: (info: CommitInfo) => void;
  /** Page cache of the writer's connection in MiB, 1 to 4096. Default 16 (the inserts touch only the tails of the tables and indexes; a larger cache mostly holds pages read once, and grew the RSS of a 3-minute load run by ~50 MB). */
  readonly cacheSizeMb?: number;
  /**
   * `background` (default): WAL checkpoints run in a worker thread (see `WalCheckpointer`), started
   * once the WAL file passes `checkpointWalBytes`; `inline`: SQLite's automatic checkpoint, inside
   * the COMMIT that crosses 1000 pages (simpler, but that batch waits for it).
   */
  readonly checkpointMode?: 'background' | 'inline';
  /**
   * How a commit becomes durable before its write resolves. `async` (default): SQLite commits with
   * `synchronous=NORMAL` (the WAL frames reach the OS) and the group commit then `fdatasync`s the
   * WAL file on libuv's thread pool, so the event loop never waits for the disk and the next batch
   * commits meanwhile — the same guarantee as `synchronous=FULL` (the WAL, commit frame included,
   * is on disk before any write of the batch resolves). `inline`: `synchronous=FULL`, the fsync
   * inside COMMIT, on the caller's thread.
   */
  readonly fsync?: 'async' | 'inline';
  /** WAL size that starts the background checkpointer, bytes. Default 4 MiB. */
  readonly checkpointWalBytes?: number;
  /** Period of background checkpoints, ms (10 to 60,000). Default 100. */
  readonly checkpointIntervalMs?: number;
  /**
   * How often new orders enter the by-store index, ms (10 to 60,000; `sqlite-store-index.ts`).
   * Listings by store are exact either way; a longer period writes fewer index pages and leaves a
   * longer tail for such a listing to scan. Default 500.
   */
  readonly storeIndexIntervalMs?: number;
}

/** Default of {@link SqliteOrderStoreOptions.cacheSizeMb}. */
export const DEFAULT_CACHE_SIZE_MB = 16;
/** Default of {@link SqliteOrderStoreOptions.checkpointWalBytes}. */
export const DEFAULT_CHECKPOINT_WAL_BYTES = 4 * 1024 * 1024;
/** Default of {@link SqliteOrderStoreOptions.storeIndexIntervalMs}. */
export const DEFAULT_STORE_INDEX_INTERVAL_MS = 500;
/** Default of {@link SqliteOrderStoreOptions.checkpointIntervalMs}. */
export const DEFAULT_CHECKPOINT_INTERVAL_MS = 100;
/** SQLite's own automatic checkpoint threshold, pages (`inline` mode and the fallback). */
const AUTO_CHECKPOINT_PAGES = 1000;
/** In background mode, a WAL longer than this (frames of 4 KiB: 64 MiB) is finished by the writer itself. */
const MAX_WAL_FRAMES = 16_384;

/** Names of `PRAGMA synchronous` levels 0..3. */
const SYNCHRONOUS_LEVELS: readonly string[] = ['off', 'normal', 'full', 'extra'];

/** An order's latest state with the row version its next write must find. */
interface VersionedOrder {
  readonly order: Order;
  readonly version: number;
}

/** Latest state of a row whose write has not committed yet. */
interface PendingRow<T> {
  readonly value: T;
  readonly token: object;
}

interface PendingKey {
  readonly fingerprint: string;
  readonly orderId: string;
  readonly responseText: string;
  readonly done: Promise<unknown>;
  readonly token: object;
}

/** See the module doc. */
export class SqliteOrderStore implements OrderStore {
  /** Absolute path of the database file. */
  readonly path: string;
  /** Schema version found at open and the version now. */
  readonly schema: SchemaMigration;

  private readonly db: Database.Database;
  private readonly commits: GroupCommit;
  private readonly st: ReturnType<typeof prepareStatements>;
  private readonly listStatements = new Map<string, Database.Statement<unknown[], OrderRow>>();
  private readonly pendingOrders = new Map<string, PendingRow<VersionedOrder>>();
  private readonly pendingKeys = new Map<string, PendingKey>();
  private readonly pendingReservations = new Map<string, PendingRow<Reservation>>();
  private readonly checkpointMode: 'background' | 'inline';
  private readonly checkpointWalBytes: number;
  private readonly checkpointIntervalMs: number;
  private checkpointer: WalCheckpointer | undefined;
  private readonly walSync: WalFileSync;
  /** Set when the background checkpointer failed: SQLite's automatic checkpoint took over. */
  private checkpointFallback = false;
  private closed = false;
  private readonly storeIndex: SqliteStoreIndex;
  private readonly storeIndexTimer: NodeJS.Timeout;
  /** Orders created since the last by-store catch-up was queued; whether one is queued now. */
  private unindexedCreates = 0;
  private storeIndexQueued = false;

  private constructor(db: Database.Database, path: string, schema: SchemaMigration, options: SqliteOrderStoreOptions) {
    this.db = db;
    this.path = path;
    this.schema = schema;
    this.st = prepareStatements(db);
    this.checkpointMode = options.checkpointMode ?? 'background';
    this.checkpointWalBytes = options.checkpointWalBytes ?? DEFAULT_CHECKPOINT_WAL_BYTES;
    this.checkpointIntervalMs = options.checkpointIntervalMs ?? DEFAULT_CHECKPOINT_INTERVAL_MS;
    const inTransaction = db.transaction((body: () => void) => body());
    const onCommit = options.onCommit;
    const wal = new WalFileSync(`${path}-wal`);
    this.walSync = wal;
    this.storeIndex = new SqliteStoreIndex(db);
    db.transaction(() => this.storeIndex.committed(this.storeIndex.catchUp()))();
    this.storeIndexTimer = setInterval(() => void this.indexStoresNow(), options.storeIndexIntervalMs ?? DEFAULT_STORE_INDEX_INTERVAL_MS);
    this.storeIndexTimer.unref();
    this.commits = new GroupCommit((body) => inTransaction(body), {
      ...(options.fsync === 'inline' ? {} : { sync: { durable: () => wal.durable(), durableNow: () => wal.durableNow() } }),
      ...(options.commitWindowMs === undefined ? {} : { windowMs: options.commitWindowMs }),
      ...(options.maxBatch === undefined ? {} : { maxBatch: options.maxBatch }),
      onCommit: (info) => {
        this.afterCommit();
        onCommit?.(info);
      },
    });
  }

  /**
   * Opens (creating if needed) the store under `options.dataDir`: WAL, `synchronous=FULL`, schema
   * migrated to the current version.
   * @throws {DispatchInputError} for a bad option.
   * @throws {OrderStoreError} `SCHEMA_TOO_NEW` when a newer service wrote the file.
   */
  static open(options: SqliteOrderStoreOptions = {}): SqliteOrderStore {
    checkSqliteOptions(options);
    const dataDir = resolve(options.dataDir ?? DEFAULT_DATA_DIR);
    mkdirSync(dataDir, { recursive: true });
    const path = join(dataDir, options.fileName ?? DEFAULT_DB_FILE);
    const db = new Database(path);
    try {
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal') throw new OrderStoreError('WRITE_FAILED', `could not switch ${path} to WAL (journal_mode is ${String(mode)})`);
      db.pragma(options.fsync === 'inline' ? 'synchronous = FULL' : 'synchronous = NORMAL');
      db.pragma('busy_timeout = 5000');
      db.pragma(`cache_size = -${(options.cacheSizeMb ?? DEFAULT_CACHE_SIZE_MB) * 1024}`);
      db.pragma(`wal_autocheckpoint = ${options.checkpointMode === 'inline' ? AUTO_CHECKPOINT_PAGES : 0}`);
      const schema = migrateSqliteSchema(db);
      return new SqliteOrderStore(db, path, schema, options);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /** Writes accepted but not committed yet. */
  get pendingWrites(): number {
    return this.commits.pending;
  }

  /** Running totals of the group commit (batches, transactions, writes...). */
  get commitStats(): GroupCommitStats {
    return this.commits.stats;
  }

  /**
   * Background checkpoint totals, or undefined while the checkpointer has not started (the WAL is
   * still small, the mode is `inline`, or it failed and SQLite's automatic checkpoint took over).
   */
  get checkpointStats(): CheckpointStats | undefined {
    return this.checkpointFallback ? undefined : this.checkpointer?.stats;
  }

  /** The group commit window in ms. */
  get commitWindowMs(): number {
    return this.commits.windowMs;
  }

  /** Most writes per transaction. */
  get maxBatch(): number {
    return this.commits.maxBatch;
  }

  /**
   * The durability settings as SQLite reports them now (read back, not remembered):
   * `{ journalMode: 'wal', synchronous: 'full' }` unless something changed them.
   */
  get durability(): { readonly journalMode: string; readonly synchronous: string } {
    this.checkOpen();
    const journalMode = String(this.db.pragma('journal_mode', { simple: true }));
    const level = Number(this.db.pragma('synchronous', { simple: true }));
    return { journalMode, synchronous: SYNCHRONOUS_LEVELS[level] ?? String(level) };
  }

  /** True once {@link SqliteOrderStore.close} was called. */
  get isClosed(): boolean {
    return this.closed;
  }

  async createOrder<R>(input: CreateOrderInput<R>): Promise<CreateOrderResult<R>> {
    this.checkOpen();
    checkCreateInput(input);
    const { idempotencyKey, fingerprint } = input;
    if (idempotencyKey !== undefined && fingerprint !== undefined) {
      // A key still committing answers from memory; a committed key is found inside the
      // transaction (its insert conflicts), which saves a read per create on the hot path.
      const pending = this.pendingKeys.get(idempotencyKey);
      if (pending !== undefined) return this.replayOfPending<R>(idempotencyKey, fingerprint, pending);
    }
    const order = validateOrder(input.order, 'order');
    const responseText = responseTextOf(input);
    const reservations = this.checkReservationWrites(input.reservations, 'reservations');
    if (this.pendingOrders.has(order.id)) throw duplicateOrder(order.id);

    const orderText = JSON.stringify(order);
    const token = {};
    this.pendingOrders.set(order.id, { value: { order, version: 1 }, token });
    for (const r of reservations) this.pendingReservations.set(r.id, { value: r, token });
    const result: CreateOrderResult<R> = { orderId: order.id, response: input.response, replayed: false };
    const done = this.commits.submit(
      (): CreateOrderResult<R> => {
        const nowMs = Date.now();
        if (idempotencyKey !== undefined && this.st.insertKeyIfNew.run(idempotencyKey, fingerprint as string, order.id, responseText, nowMs).changes === 0) {
          // The key was committed before (an earlier run of the service): answer as it did.
          const row = this.st.selectKey.get(idempotencyKey) as KeyRow;
          if (row.fingerprint !== fingerprint) throw idempotencyConflict(idempotencyKey, row.order_id);
          return { orderId: row.order_id, response: JSON.parse(row.response) as R, replayed: true };
        }
        if (this.st.insertOrderIfNew.run(order.id, order.status, order.storeId ?? null, order.riderId ?? null, orderText, nowMs, nowMs).changes === 0) {
          throw duplicateOrder(order.id);
        }
        for (const r of reservations) this.writeReservation(r);
        return result;
      },
      () => {
        this.dropPending(this.pendingOrders, order.id, token);
        for (const r of reservations) this.dropPending(this.pendingReservations, r.id, token);
        if (idempotencyKey !== undefined && this.pendingKeys.get(idempotencyKey)?.token === token) this.pendingKeys.delete(idempotencyKey);
      },
    );
    if (idempotencyKey !== undefined) {
      this.pendingKeys.set(idempotencyKey, { fingerprint: fingerprint as string, orderId: order.id, responseText, done, token });
    }
    this.unindexedCreates++;
    return done;
  }

  async findReplay<R>(idempotencyKey: string, fingerprint: string): Promise<CreateOrderResult<R> | undefined> {
    this.checkOpen();
    checkStoreId('idempotencyKey', idempotencyKey);
    checkStoreId('fingerprint', fingerprint);
    return this.replayOf<R>(idempotencyKey, fingerprint);
  }

  async getOrder(orderId: string): Promise<Order | undefined> {
    this.checkOpen();
    checkStoreId('orderId', orderId);
    const row = this.st.selectOrder.get(orderId);
    return row === undefined ? undefined : (JSON.parse(row.data) as Order);
  }

  async listOrders(query: OrderQuery = {}): Promise<OrderPage> {
    this.checkOpen();
    const q = resolveOrderQuery(query);
    const filters: unknown[] = [...(q.statuses ?? [])];
    if (q.riderId !== undefined) filters.push(q.riderId);
    const rows = q.storeId !== undefined ? this.storeIndex.list(q, q.storeId, filters) : this.listStatement(q).all(q.afterSeq, ...filters, q.limit + 1);
    const page = rows.length > q.limit ? rows.slice(0, q.limit) : rows;
    const orders = page.map((row) => JSON.parse(row.data) as Order);
    const last = page[page.length - 1];
    return rows.length > q.limit && last !== undefined ? { orders, nextCursor: encodeOrderCursor(last.seq) } : { orders };
  }

  async transition(orderId: string, request: TransitionRequest): Promise<Order> {
    this.checkOpen();
    checkTransitionRequest(orderId, request);
    const { expected, to, at, details = {} } = request;
    const current = this.latestOrder(orderId);
    if (current === undefined) throw new OrderStoreError('ORDER_NOT_FOUND', `no order ${JSON.stringify(orderId)}`, { orderId });
    if (current.order.status !== expected) {
      throw new OrderStoreError('STATUS_MISMATCH', `order ${JSON.stringify(orderId)} is ${current.order.status}, not ${expected}`, {
        orderId,
        expected,
        actual: current.order.status,
      });
    }
    const next = transitionOrder(current.order, to, at, details);
    const reservations = this.checkReservationWrites(request.reservations, 'request.reservations');
    const routes = (request.routes ?? []).map((route, i) => validateRiderRoute(route, `request.routes[${i}]`));
    const catalog = checkCatalogRows(request.catalog ?? [], 'request.catalog');
    const assignment = assignmentRecordOf(orderId, current.order, next, at);

    const version = current.version + 1;
    const orderText = JSON.stringify(next);
    const token = {};
    this.pendingOrders.set(orderId, { value: { order: next, version }, token });
    for (const r of reservations) this.pendingReservations.set(r.id, { value: r, token });
    return this.commits.submit(
      () => {
        const info = this.st.updateOrder.run(next.status, next.storeId ?? null, next.riderId ?? null, version, orderText, Date.now(), orderId, current.version);
        if (info.changes !== 1) {
          throw new OrderStoreError('WRITE_CONFLICT', `order ${JSON.stringify(orderId)} changed before this transition could commit`, { orderId });
        }
        if (next.storeId !== current.order.storeId) this.storeIndex.storeChanged(orderId, current.order.storeId);
        if (assignment !== undefined) this.st.insertAssignment.run(orderId, assignment.riderId, assignment.kind, assignment.at);
        for (const r of reservations) this.writeReservation(r);
        for (const route of routes) this.writeRoute(route);
        this.writeCatalog(catalog);
        return next;
      },
      () => {
        this.dropPending(this.pendingOrders, orderId, token);
        for (const r of reservations) this.dropPending(this.pendingReservations, r.id, token);
      },
    );
  }

  async recordAssignment(input: AssignmentInput): Promise<Order> {
    this.checkOpen();
    return this.transition(input.orderId, assignmentTransition(input));
  }

  async assignmentsOf(orderId: string): Promise<AssignmentRecord[]> {
    this.checkOpen();
    checkStoreId('orderId', orderId);
    return this.st.selectAssignments.all(orderId).map((row) => ({
      orderId: row.order_id,
      riderId: row.rider_id,
      kind: row.kind as AssignmentRecord['kind'],
      at: row.at,
    }));
  }

  async saveReservations(reservations: readonly Reservation[]): Promise<void> {
    this.checkOpen();
    const rows = this.checkReservationWrites(reservations, 'reservations');
    if (rows.length === 0) return;
    const token = {};
    for (const r of rows) this.pendingReservations.set(r.id, { value: r, token });
    await this.commits.submit(
      () => {
        for (const r of rows) this.writeReservation(r);
      },
      () => {
        for (const r of rows) this.dropPending(this.pendingReservations, r.id, token);
      },
    );
  }

  async getReservation(reservationId: string): Promise<Reservation | undefined> {
    this.checkOpen();
    checkStoreId('reservationId', reservationId);
    const row = this.st.selectReservation.get(reservationId);
    return row === undefined ? undefined : (JSON.parse(row.data) as Reservation);
  }

  async reservationsOf(orderId: string): Promise<Reservation[]> {
    this.checkOpen();
    checkStoreId('orderId', orderId);
    return this.st.selectReservationsOfOrder.all(orderId).map((row) => JSON.parse(row.data) as Reservation);
  }

  async saveCatalog(rows: readonly CatalogRow[]): Promise<void> {
    this.checkOpen();
    const checked = checkCatalogRows(rows, 'rows');
    if (checked.length === 0) return;
    await this.commits.submit(() => this.writeCatalog(checked));
  }

  async getCatalog(kind: CatalogKind, id: string): Promise<CatalogRow | undefined> {
    this.checkOpen();
    checkCatalogKind('kind', kind);
    checkStoreId('id', id);
    const row = this.st.selectCatalog.get(kind, id);
    return row === undefined ? undefined : { kind, id, data: JSON.parse(row.data) as unknown };
  }

  async setRiderRoute(route: RiderRoute): Promise<void> {
    this.checkOpen();
    const valid = validateRiderRoute(route);
    await this.commits.submit(() => this.writeRoute(valid));
  }

  async getRiderRoute(riderId: string): Promise<RiderRoute | undefined> {
    this.checkOpen();
    checkStoreId('riderId', riderId);
    const row = this.st.selectRoute.get(riderId);
    return row === undefined ? undefined : routeOfRow(row);
  }

  async pruneIdempotencyKeys(createdBeforeMs: number, limit = 10_000): Promise<number> {
    this.checkOpen();
    checkPruneArgs(createdBeforeMs, limit);
    // Rows are appended in creation order: the oldest `limit` rows, up to the first one too new.
    return this.commits.submit(() => {
      const rows = this.st.selectOldestKeys.all(limit);
      let last = -1;
      for (const r of rows) {
        if (r.created_ms >= createdBeforeMs) break;
        last = r.seq;
      }
      return last < 0 ? 0 : this.st.deleteKeysUpTo.run(last).changes;
    });
  }

  async restore(): Promise<RestoredState> {
    this.checkOpen();
    return {
      openOrders: this.st.selectOpenOrders.all(...OPEN_STATUSES).map((row) => JSON.parse(row.data) as Order),
      riderRoutes: this.st.selectRoutes.all().map(routeOfRow),
      heldReservations: this.st.selectHeldReservations.all().map((row) => JSON.parse(row.data) as Reservation),
      catalog: this.st.selectAllCatalog.all().map((row) => ({ kind: row.kind as CatalogKind, id: row.id, data: JSON.parse(row.data) as unknown })),
    };
  }

  async flush(): Promise<void> {
    this.checkOpen();
    this.commits.flushNow();
  }

  /**
   * Queues a catch-up of the by-store index (orders created since the last one) as a write of the
   * group commit; resolves once it committed. Runs by itself every `storeIndexIntervalMs`.
   */
  async indexStoresNow(): Promise<void> {
    if (this.closed || this.storeIndexQueued || this.unindexedCreates === 0) return;
    this.storeIndexQueued = true;
    this.unindexedCreates = 0;
    try {
      this.storeIndex.committed(await this.commits.submit(() => this.storeIndex.catchUp()));
    } catch {
      this.unindexedCreates++; // retried on the next tick; listings stay exact meanwhile
    } finally {
      this.storeIndexQueued = false;
    }
  }

  /** Orders up to this creation sequence number are in the by-store index. */
  get storeIndexedSeq(): number {
    return this.storeIndex.indexedSeq;
  }

  /** Commits what is queued, then closes the database (the WAL is checkpointed by SQLite). Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.storeIndexTimer);
    try {
      this.commits.flushNow();
    } finally {
      this.commits.dispose();
      try {
        await this.checkpointer?.stop();
      } finally {
        this.db.close();
        this.walSync.close();
      }
    }
  }

  /** After each group commit: start the background checkpointer once the WAL has grown. */
  private afterCommit(): void {
    if (this.checkpointer !== undefined) {
      this.checkpointer.afterCommit();
      return;
    }
    if (this.checkpointMode !== 'background' || this.checkpointFallback || this.closed) return;
    let walBytes = 0;
    try {
      walBytes = statSync(`${this.path}-wal`).size;
    } catch {
      return; // no WAL file yet
    }
    if (walBytes < this.checkpointWalBytes) return;
    this.checkpointer = new WalCheckpointer({
      path: this.path,
      writer: this.db,
      intervalMs: this.checkpointIntervalMs,
      maxWalFrames: MAX_WAL_FRAMES,
      onFailure: (reason) => {
        // Never let the WAL grow without bound: hand checkpoints back to SQLite.
        this.checkpointFallback = true;
        if (!this.closed) this.db.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
        process.emitWarning(`order store: background WAL checkpoints stopped (${reason}); SQLite checkpoints inline from now on`);
      },
    });
  }

  private checkOpen(): void {
    if (this.closed) throw new OrderStoreError('STORE_CLOSED', 'the order store is closed');
  }

  /** A replay of a create still committing: its answer once (and only if) it is durable. */
  private replayOfPending<R>(key: string, fingerprint: string, pending: PendingKey): Promise<CreateOrderResult<R>> {
    if (pending.fingerprint !== fingerprint) throw idempotencyConflict(key, pending.orderId);
    return (pending.done as Promise<CreateOrderResult<R>>).then((first) => ({ orderId: first.orderId, response: first.response, replayed: true }));
  }

  /** The first answer for `key`, or undefined when the key is new. */
  private replayOf<R>(key: string, fingerprint: string): Promise<CreateOrderResult<R>> | undefined {
    const pending = this.pendingKeys.get(key);
    if (pending !== undefined) return this.replayOfPending<R>(key, fingerprint, pending);
    const row = this.st.selectKey.get(key);
    if (row === undefined) return undefined;
    if (row.fingerprint !== fingerprint) throw idempotencyConflict(key, row.order_id);
    return Promise.resolve({ orderId: row.order_id, response: JSON.parse(row.response) as R, replayed: true });
  }

  /** The order's latest state, pending writes included. */
  private latestOrder(orderId: string): VersionedOrder | undefined {
    const pending = this.pendingOrders.get(orderId);
    if (pending !== undefined) return pending.value;
    const row = this.st.selectOrder.get(orderId);
    return row === undefined ? undefined : { order: JSON.parse(row.data) as Order, version: row.version };
  }

  /** Validates reservation rows and checks that none rewrites a row that already ended. */
  private checkReservationWrites(input: readonly Reservation[] | undefined, field: string): Reservation[] {
    if (input === undefined) return [];
    if (!Array.isArray(input)) throw new DispatchInputError('INVALID_INPUT', field, 'must be an array', input);
    const rows = input.map((r, i) => validateReservationRow(r, `${field}[${i}]`));
    const seen = new Map<string, Reservation>();
    for (const r of rows) {
      const latest = seen.get(r.id) ?? this.pendingReservations.get(r.id)?.value ?? this.storedReservation(r.id);
      if (latest !== undefined && !canRewriteReservation(latest.status, r.status)) throw reservationConflict(r.id, latest.status, r.status);
      seen.set(r.id, r);
    }
    return rows;
  }

  private storedReservation(id: string): Reservation | undefined {
    const row = this.st.selectReservation.get(id);
    return row === undefined ? undefined : (JSON.parse(row.data) as Reservation);
  }

  /** Inside a transaction: insert or update a reservation row (never an ended one). */
  private writeReservation(r: Reservation): void {
    const info = this.st.upsertReservation.run(r.id, r.orderId ?? null, r.status, JSON.stringify(r));
    if (info.changes !== 1) throw reservationConflict(r.id, 'ended', r.status);
  }

  /** Inside a transaction: insert or replace catalog rows (already checked, data as JSON text). */
  private writeCatalog(rows: readonly CheckedCatalogRow[]): void {
    if (rows.length === 0) return;
    const nowMs = Date.now();
    for (const row of rows) this.st.upsertCatalog.run(row.kind, row.id, row.text, nowMs);
  }

  /** Inside a transaction: replace or remove a rider's route. */
  private writeRoute(route: RiderRoute): void {
    if (route.stops.length === 0) this.st.deleteRoute.run(route.riderId);
    else this.st.upsertRoute.run(route.riderId, JSON.stringify(route.stops), route.updatedAt);
  }

  private dropPending<T>(map: Map<string, PendingRow<T>>, id: string, token: object): void {
    if (map.get(id)?.token === token) map.delete(id);
  }

  private listStatement(q: ResolvedOrderQuery): Database.Statement<unknown[], OrderRow> {
    const shape = orderFilterShape(q);
    let statement = this.listStatements.get(shape);
    if (statement === undefined) {
      statement = this.db.prepare<unknown[], OrderRow>(`SELECT seq, data FROM orders WHERE seq > ?${orderFilterSql(q, '')} ORDER BY seq LIMIT ?`);
      this.listStatements.set(shape, statement);
    }
    return statement;
  }
}

/** `fdatasync` of the WAL file, opened on first use (SQLite creates it with the first write). */
class WalFileSync {
  private fd: number | undefined;
  constructor(private readonly path: string) {}

  private open(): number | undefined {
    if (this.fd === undefined) {
      try {
        this.fd = openSync(this.path, 'r');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined; // no WAL: nothing written
        throw error;
      }
    }
    return this.fd;
  }

  durable(): Promise<void> {
    return new Promise((resolve, reject) => {
      let fd: number | undefined;
      try {
        fd = this.open();
      } catch (error) {
        reject(error);
        return;
      }
      if (fd === undefined) resolve();
      else fdatasync(fd, (error) => (error === null ? resolve() : reject(error)));
    });
  }

  durableNow(): void {
    const fd = this.open();
    if (fd !== undefined) fdatasyncSync(fd);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

interface KeyRow {
  fingerprint: string;
  order_id: string;
  response: string;
}

interface RouteRow {
  rider_id: string;
  stops: string;
  updated_at: number;
}

function routeOfRow(row: RouteRow): RiderRoute {
  return { riderId: row.rider_id, stops: JSON.parse(row.stops) as RiderRoute['stops'], updatedAt: row.updated_at };
}

/** Every fixed statement, prepared once. */
function prepareStatements(db: Database.Database) {
  const openMarks = OPEN_STATUSES.map(() => '?').join(', ');
  return {
    insertOrderIfNew: db.prepare<[string, string, string | null, string | null, string, number, number]>(
      'INSERT INTO orders (id, status, store_id, rider_id, version, data, created_ms, updated_ms) VALUES (?, ?, ?, ?, 1, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
    ),
    updateOrder: db.prepare<[string, string | null, string | null, number, string, number, string, number]>(
      'UPDATE orders SET status = ?, store_id = ?, rider_id = ?, version = ?, data = ?, updated_ms = ? WHERE id = ? AND version = ?',
    ),
    selectOrder: db.prepare<[string], { version: number; data: string }>('SELECT version, data FROM orders WHERE id = ?'),
    selectOpenOrders: db.prepare<OrderStatus[], { data: string }>(`SELECT data FROM orders WHERE status IN (${openMarks}) ORDER BY seq`),
    insertKeyIfNew: db.prepare<[string, string, string, string, number]>(
      'INSERT INTO idempotency_keys (key, fingerprint, order_id, response, created_ms) VALUES (?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING',
    ),
    selectKey: db.prepare<[string], KeyRow>('SELECT fingerprint, order_id, response FROM idempotency_keys WHERE key = ?'),
    selectOldestKeys: db.prepare<[number], { seq: number; created_ms: number }>('SELECT seq, created_ms FROM idempotency_keys ORDER BY seq LIMIT ?'),
    deleteKeysUpTo: db.prepare<[number]>('DELETE FROM idempotency_keys WHERE seq <= ?'),
    upsertReservation: db.prepare<[string, string | null, string, string]>(
      `INSERT INTO reservations (id, order_id, status, data) VALUES (?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET order_id = excluded.order_id, status = excluded.status, data = excluded.data
       WHERE reservations.status = 'held' OR reservations.status = excluded.status`,
    ),
    selectReservation: db.prepare<[string], { data: string }>('SELECT data FROM reservations WHERE id = ?'),
    selectReservationsOfOrder: db.prepare<[string], { data: string }>('SELECT data FROM reservations WHERE order_id = ? ORDER BY seq'),
    selectHeldReservations: db.prepare<[], { data: string }>(`SELECT data FROM reservations WHERE status = 'held' ORDER BY seq`),
    upsertRoute: db.prepare<[string, string, number]>(
      'INSERT INTO rider_routes (rider_id, stops, updated_at) VALUES (?, ?, ?) ON CONFLICT (rider_id) DO UPDATE SET stops = excluded.stops, updated_at = excluded.updated_at',
    ),
    deleteRoute: db.prepare<[string]>('DELETE FROM rider_routes WHERE rider_id = ?'),
    selectRoute: db.prepare<[string], RouteRow>('SELECT rider_id, stops, updated_at FROM rider_routes WHERE rider_id = ?'),
    selectRoutes: db.prepare<[], RouteRow>('SELECT rider_id, stops, updated_at FROM rider_routes ORDER BY rider_id'),
    upsertCatalog: db.prepare<[string, string, string, number]>(
      'INSERT INTO catalog (kind, id, data, updated_ms) VALUES (?, ?, ?, ?) ON CONFLICT (kind, id) DO UPDATE SET data = excluded.data, updated_ms = excluded.updated_ms',
    ),
    selectCatalog: db.prepare<[string, string], { data: string }>('SELECT data FROM catalog WHERE kind = ? AND id = ?'),
    selectAllCatalog: db.prepare<[], { kind: string; id: string; data: string }>('SELECT kind, id, data FROM catalog ORDER BY kind, id'),
    insertAssignment: db.prepare<[string, string, string, number]>('INSERT INTO assignments (order_id, rider_id, kind, at) VALUES (?, ?, ?, ?)'),
    selectAssignments: db.prepare<[string], { order_id: string; rider_id: string; kind: string; at: number }>(
      'SELECT order_id, rider_id, kind, at FROM assignments WHERE order_id = ? ORDER BY seq',
    ),
  };
}

/** Throws a DispatchInputError for the first bad option (before anything is opened). */
function checkSqliteOptions(options: SqliteOrderStoreOptions): void {
  checkPlainObject('options', options);
  const { fileName, cacheSizeMb, checkpointMode, checkpointWalBytes, checkpointIntervalMs, commitWindowMs, maxBatch, storeIndexIntervalMs } = options;
  if (fileName !== undefined && (typeof fileName !== 'string' || fileName.length === 0 || /[/\\]/.test(fileName))) {
    throw new DispatchInputError('INVALID_INPUT', 'options.fileName', 'must be a non-empty file name without a directory', fileName);
  }
  const integerIn = (field: string, value: unknown, min: number, max: number): void => {
    if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)) {
      throw new DispatchInputError('INVALID_INPUT', `options.${field}`, `must be an integer in [${min}, ${max}]`, value);
    }
  };
  integerIn('cacheSizeMb', cacheSizeMb, 1, 4096);
  integerIn('checkpointWalBytes', checkpointWalBytes, 0, Number.MAX_SAFE_INTEGER);
  integerIn('checkpointIntervalMs', checkpointIntervalMs, 10, 60_000);
  integerIn('storeIndexIntervalMs', storeIndexIntervalMs, 10, 60_000);
  integerIn('maxBatch', maxBatch, 1, 1_000_000);
  if (commitWindowMs !== undefined && (typeof commitWindowMs !== 'number' || !Number.isFinite(commitWindowMs) || commitWindowMs < 0 || commitWindowMs > 1000)) {
    throw new DispatchInputError('INVALID_INPUT', 'options.commitWindowMs', 'must be a number of ms in [0, 1000]', commitWindowMs);
  }
  if (options.fsync !== undefined && options.fsync !== 'async' && options.fsync !== 'inline') {
    throw new DispatchInputError('INVALID_INPUT', 'options.fsync', "must be 'async' or 'inline'", options.fsync);
  }
  if (checkpointMode !== undefined && checkpointMode !== 'background' && checkpointMode !== 'inline') {
    throw new DispatchInputError('INVALID_INPUT', 'options.checkpointMode', "must be 'background' or 'inline'", checkpointMode);
  }
}
