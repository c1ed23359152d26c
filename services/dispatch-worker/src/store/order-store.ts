/**
 * The durable order store contract. The embedded SQLite store implements it today, a Redis store
 * later; both run the same contract tests (`test/store/order-store-contract.ts`).
 *
 * Rules every backend keeps:
 * - **Durable before resolved.** A write's promise resolves only once the write is durable (for
 *   SQLite: the transaction holding it has committed with `synchronous=FULL`), so the HTTP layer
 *   may answer 201 right after it. A write that could not be made durable rejects.
 * - **Writes apply in call order.** Checks (compare-and-set, duplicates, idempotency) run when the
 *   method is called, against the latest state including writes still waiting for their commit, so
 *   a caller may issue dependent writes without awaiting each one.
 * - **Reads see committed state** only.
 * - Bad arguments throw dispatch-core's `DispatchInputError`; a transition the lifecycle forbids
 *   throws its `IllegalTransitionError`; everything else is an `OrderStoreError` (`order-store-error.ts`).
 */
import type { EpochSeconds, Order, OrderStatus, Reservation, TransitionDetails } from '@o2o/dispatch-core';
import type { OrderQuery, OrderPage } from './order-query.js';
import type { RiderRoute } from './rider-route.js';

/**
 * What {@link OrderStore.createOrder} stores.
 * @typeParam R the answer sent to the client; it must survive a JSON round trip unchanged.
 */
export interface CreateOrderInput<R> {
  /**
   * The client's idempotency key (scope it per client, e.g. `merchant:m1:<key>`). A replay with the
   * same key returns the first answer; omit it for a create that is not retried.
   */
  readonly idempotencyKey?: string;
  /**
   * Fingerprint of the request body ({@link fingerprintRequest}); a replay whose fingerprint differs
   * is refused with `IDEMPOTENCY_CONFLICT`. Required with `idempotencyKey`.
   */
  readonly fingerprint?: string;
  /** The new order (validated with dispatch-core's `validateOrder`; usually in status `placed`). */
  readonly order: Order;
  /** The answer to store and replay, e.g. the 201 body. */
  readonly response: R;
  /**
   * `JSON.stringify(response)`, when the caller has serialised it already (the HTTP answer): the
   * store keeps this text instead of serialising `response` again. It must be that text; a
   * replay returns `JSON.parse(responseText)`.
   */
  readonly responseText?: string;
  /** Stock held for the order at placement, stored in the same transaction. */
  readonly reservations?: readonly Reservation[];
}

/** What {@link OrderStore.createOrder} returns. */
export interface CreateOrderResult<R> {
  /** The order's id: on a replay, the id of the first create (not the id of the replayed input). */
  readonly orderId: string;
  /** The stored answer (on a replay: the first answer, as stored). */
  readonly response: R;
  /** True when this call was a replay of an earlier create with the same idempotency key. */
  readonly replayed: boolean;
}

/** Kinds of {@link CatalogRow}. */
export const CATALOG_KINDS = ['store', 'rider', 'offer'] as const;

/**
 * `store`: a store with its stock; `rider`: a rider's profile and shift; `offer`: a rider's latest
 * offer and whether it is still open (one row per rider, keyed by the rider's id), so a restart
 * or a region's new owner picks open offers up where they were.
 */
export type CatalogKind = (typeof CATALOG_KINDS)[number];

/**
 * A catalog entry the service keeps beside the orders (a store and its stock, a rider's profile):
 * JSON the service validates when it reads it back. Written whole (insert or replace).
 */
export interface CatalogRow {
  readonly kind: CatalogKind;
  /** 1 to 256 characters. */
  readonly id: string;
  /** Any JSON value (it must survive a JSON round trip unchanged). */
  readonly data: unknown;
}

/** A compare-and-set lifecycle transition for {@link OrderStore.transition}. */
export interface TransitionRequest {
  /** The status the caller believes the order is in; anything else → `STATUS_MISMATCH`. */
  readonly expected: OrderStatus;
  /** The status to move to (dispatch-core's `ORDER_TRANSITIONS` decide whether it is allowed). */
  readonly to: OrderStatus;
  /** When it happened, integer Unix epoch seconds. */
  readonly at: EpochSeconds;
  /** Store id for `accepted`, rider id for `assigned` (dispatch-core's `TransitionDetails`). */
  readonly details?: TransitionDetails;
  /**
   * Reservation rows to write in the same transaction, e.g. the reservations dispatch-core's
   * `InventoryReservations` committed (pickup) or released (cancel) for this order.
   */
  readonly reservations?: readonly Reservation[];
  /** Rider routes to replace in the same transaction (a route with no stops is removed). */
  readonly routes?: readonly RiderRoute[];
  /** Catalog rows to write in the same transaction, e.g. a store's stock after a pickup deducted it. */
  readonly catalog?: readonly CatalogRow[];
}

/** A rider assignment for {@link OrderStore.recordAssignment}. */
export interface AssignmentInput {
  readonly orderId: string;
  readonly riderId: string;
  /** When the rider took the order, integer Unix epoch seconds. */
  readonly at: EpochSeconds;
  /** Status the order must be in; default `ready`. */
  readonly expected?: OrderStatus;
  /** The rider's new planned route, replaced in the same transaction. */
  readonly route?: RiderRoute;
  /** Catalog rows written in the same transaction (the rider's offer). */
  readonly catalog?: readonly CatalogRow[];
}

/** One entry of an order's assignment history. */
export interface AssignmentRecord {
  readonly orderId: string;
  readonly riderId: string;
  /** `assigned`: the rider took it; `unassigned`: it went back to `ready` (declined, re-planned). */
  readonly kind: 'assigned' | 'unassigned';
  readonly at: EpochSeconds;
}

/** What a service reloads on start ({@link OrderStore.restore}). */
export interface RestoredState {
  /** Orders not yet delivered or cancelled, in creation order. */
  readonly openOrders: readonly Order[];
  /** Every rider route with at least one stop. */
  readonly riderRoutes: readonly RiderRoute[];
  /** Every reservation still `held`. */
  readonly heldReservations: readonly Reservation[];
  /** Every catalog row, by kind then id. */
  readonly catalog: readonly CatalogRow[];
}

/** See the module doc. */
export interface OrderStore {
  /**
   * Stores a new order (and its reservations) and resolves once it is durable. With an idempotency
   * key seen before (even before a restart, or still committing), resolves with the first answer.
   * @throws {OrderStoreError} `IDEMPOTENCY_CONFLICT` (same key, other fingerprint), `DUPLICATE_ORDER`,
   *   `RESERVATION_CONFLICT`, `WRITE_FAILED`, `STORE_CLOSED`.
   * @throws {DispatchInputError} for an invalid order, reservation or key.
   */
  createOrder<R>(input: CreateOrderInput<R>): Promise<CreateOrderResult<R>>;

  /**
   * The first answer of an earlier create with this idempotency key (once that create is durable),
   * or undefined for a new key. Lets a caller answer a replay before it holds stock again.
   * Rejects with {@link OrderStoreError} `IDEMPOTENCY_CONFLICT` when the key came with another fingerprint.
   */
  findReplay<R>(idempotencyKey: string, fingerprint: string): Promise<CreateOrderResult<R> | undefined>;

  /** The order as last committed, or undefined. */
  getOrder(orderId: string): Promise<Order | undefined>;

  /** Orders matching every given filter, oldest first, one page at a time. */
  listOrders(query?: OrderQuery): Promise<OrderPage>;

  /**
   * Moves an order from `expected` to `to` atomically (compare-and-set), with the reservation and
   * route rows given, and resolves with the updated order once durable. Leaving `assigned` for
   * `ready` records an `unassigned` entry in the assignment history.
   * @throws {OrderStoreError} `ORDER_NOT_FOUND`, `STATUS_MISMATCH`, `WRITE_CONFLICT`,
   *   `RESERVATION_CONFLICT`, `WRITE_FAILED`, `STORE_CLOSED`.
   * @throws {IllegalTransitionError} when the lifecycle does not allow `expected → to`.
   * @throws {DispatchInputError} for a bad time or a missing store or rider id.
   */
  transition(orderId: string, request: TransitionRequest): Promise<Order>;

  /**
   * Assigns a rider: the order moves to `assigned` (from `expected`, default `ready`), an `assigned`
   * entry joins its history and the rider's route is replaced when given, all in one transaction.
   * Throws as {@link OrderStore.transition}.
   */
  recordAssignment(input: AssignmentInput): Promise<Order>;

  /** The order's assignment history, oldest first (empty for an unknown order). */
  assignmentsOf(orderId: string): Promise<AssignmentRecord[]>;

  /**
   * Writes reservation rows (insert, or update of a `held` row) in one transaction, e.g. the ones
   * an expiry sweep ended. A row that already ended cannot change (`RESERVATION_CONFLICT`).
   */
  saveReservations(reservations: readonly Reservation[]): Promise<void>;

  /** The reservation row, or undefined. */
  getReservation(reservationId: string): Promise<Reservation | undefined>;

  /** Every reservation row of an order, in the order they were first written. */
  reservationsOf(orderId: string): Promise<Reservation[]>;

  /** Writes catalog rows (insert or replace) in one transaction; resolves once durable. */
  saveCatalog(rows: readonly CatalogRow[]): Promise<void>;

  /** The catalog row, or undefined. */
  getCatalog(kind: CatalogKind, id: string): Promise<CatalogRow | undefined>;

  /** Replaces a rider's planned route (no stops removes it). */
  setRiderRoute(route: RiderRoute): Promise<void>;

  /** The rider's planned route, or undefined when it has none. */
  getRiderRoute(riderId: string): Promise<RiderRoute | undefined>;

  /**
   * Forgets idempotency keys stored before `createdBeforeMs` (Unix ms), at most `limit` of them
   * (default 10,000) per call, oldest first; resolves with how many went. A later request with a
   * forgotten key is a new request. (Stores whose keys expire by themselves answer 0.)
   */
  pruneIdempotencyKeys(createdBeforeMs: number, limit?: number): Promise<number>;

  /** Open orders, rider routes and held reservations, to rebuild in-memory state on start. */
  restore(): Promise<RestoredState>;

  /** Writes accepted but not yet durable (a queue depth for backpressure). */
  readonly pendingWrites: number;

  /** Resolves once every write accepted so far is durable (or has failed). */
  flush(): Promise<void>;

  /** Flushes, then releases the backend; later calls reject with `STORE_CLOSED`. Idempotent. */
  close(): Promise<void>;
}
