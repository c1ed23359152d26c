/**
 * Typed errors of an order store (`OrderStore`). Each carries a stable `code` for programs; the HTTP layer
 * maps them (see {@link ORDER_STORE_ERROR_HTTP_STATUS}). Bad arguments are not store errors: they
 * throw dispatch-core's `DispatchInputError` (400), and a transition the lifecycle forbids throws
 * its `IllegalTransitionError` (409).
 */
import type { OrderStatus } from '@o2o/dispatch-core';

/** Stable codes of {@link OrderStoreError}. */
export type OrderStoreErrorCode =
  /** An idempotency key was used again with a different request body. */
  | 'IDEMPOTENCY_CONFLICT'
  /** An order with this id already exists (and no idempotency key matched). */
  | 'DUPLICATE_ORDER'
  /** No order has this id. */
  | 'ORDER_NOT_FOUND'
  /** Compare-and-set failed: the order is not in the status the caller expected. */
  | 'STATUS_MISMATCH'
  /** A write depended on an earlier write of the same batch that failed; nothing was changed. */
  | 'WRITE_CONFLICT'
  /** A reservation row that already ended (committed, released, expired) cannot change again. */
  | 'RESERVATION_CONFLICT'
  /** The transaction holding this write could not commit (disk full, I/O error...): it is not durable. */
  | 'WRITE_FAILED'
  /** The store was closed. */
  | 'STORE_CLOSED'
  /** The database was written by a newer version of this service (its schema version is higher). */
  | 'SCHEMA_TOO_NEW'
  /** This instance no longer holds the region lease its writes are fenced with: another instance owns the region now. */
  | 'LEASE_LOST';

/** HTTP status per code, as the API answers them (one table for every backend). */
export const ORDER_STORE_ERROR_HTTP_STATUS: Readonly<Record<OrderStoreErrorCode, number>> = Object.freeze({
  IDEMPOTENCY_CONFLICT: 409,
  DUPLICATE_ORDER: 409,
  ORDER_NOT_FOUND: 404,
  STATUS_MISMATCH: 409,
  WRITE_CONFLICT: 409,
  RESERVATION_CONFLICT: 409,
  WRITE_FAILED: 503,
  STORE_CLOSED: 503,
  SCHEMA_TOO_NEW: 503,
  LEASE_LOST: 503,
});

/** Extra facts an {@link OrderStoreError} may carry, depending on its code. */
export interface OrderStoreErrorDetails {
  /** The order concerned. */
  readonly orderId?: string;
  /** The idempotency key concerned (`IDEMPOTENCY_CONFLICT`). */
  readonly idempotencyKey?: string;
  /** The reservation concerned (`RESERVATION_CONFLICT`). */
  readonly reservationId?: string;
  /** Status the caller expected (`STATUS_MISMATCH`). */
  readonly expected?: OrderStatus;
  /** Status the order is in (`STATUS_MISMATCH`). */
  readonly actual?: OrderStatus;
  /** The underlying error (`WRITE_FAILED`, `SCHEMA_TOO_NEW`). */
  readonly cause?: unknown;
}

/** An operation of an order store that the stored state (or the store itself) does not allow. */
export class OrderStoreError extends Error {
  readonly code: OrderStoreErrorCode;
  readonly orderId?: string;
  readonly idempotencyKey?: string;
  readonly reservationId?: string;
  readonly expected?: OrderStatus;
  readonly actual?: OrderStatus;

  constructor(code: OrderStoreErrorCode, message: string, details: OrderStoreErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'OrderStoreError';
    this.code = code;
    if (details.orderId !== undefined) this.orderId = details.orderId;
    if (details.idempotencyKey !== undefined) this.idempotencyKey = details.idempotencyKey;
    if (details.reservationId !== undefined) this.reservationId = details.reservationId;
    if (details.expected !== undefined) this.expected = details.expected;
    if (details.actual !== undefined) this.actual = details.actual;
  }

  /** The HTTP status the API answers for this error. */
  get httpStatus(): number {
    return ORDER_STORE_ERROR_HTTP_STATUS[this.code];
  }
}

/** True when `error` is an {@link OrderStoreError}, optionally with the given code. */
export function isOrderStoreError(error: unknown, code?: OrderStoreErrorCode): error is OrderStoreError {
  return error instanceof OrderStoreError && (code === undefined || error.code === code);
}
