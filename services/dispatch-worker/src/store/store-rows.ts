/**
 * Checks and typed errors shared by the order store backends (SQLite, Redis): catalog rows,
 * the open statuses `restore()` returns, and the store errors for duplicates and conflicts.
 */
import { DispatchInputError, ORDER_STATUSES, type EpochSeconds, type Order, type OrderStatus } from '@o2o/dispatch-core';
import { CATALOG_KINDS, type CreateOrderInput, type AssignmentInput, type AssignmentRecord, type CatalogKind, type CatalogRow, type TransitionRequest } from './order-store.js';
import { OrderStoreError } from './order-store-error.js';
import { checkPlainObject, checkStoreId, toJsonText } from './store-input-checks.js';

/** Statuses of orders that `restore()` returns (all but `delivered` and `cancelled`). */
export const OPEN_STATUSES: readonly OrderStatus[] = ORDER_STATUSES.filter((s) => s !== 'delivered' && s !== 'cancelled');

/** A catalog row checked, its data as JSON text. */
export interface CheckedCatalogRow {
  readonly kind: CatalogKind;
  readonly id: string;
  readonly text: string;
}

export function checkCatalogKind(field: string, kind: unknown): asserts kind is CatalogKind {
  if (!(CATALOG_KINDS as readonly unknown[]).includes(kind)) {
    throw new DispatchInputError('INVALID_INPUT', field, `must be one of ${CATALOG_KINDS.map((k) => `'${k}'`).join(', ')}`, kind);
  }
}

/** Validates catalog rows and serialises their data (JSON text). */
export function checkCatalogRows(rows: readonly CatalogRow[], field: string): CheckedCatalogRow[] {
  if (!Array.isArray(rows)) throw new DispatchInputError('INVALID_INPUT', field, 'must be an array', rows);
  return rows.map((row, i) => {
    checkPlainObject(`${field}[${i}]`, row);
    checkCatalogKind(`${field}[${i}].kind`, row.kind);
    checkStoreId(`${field}[${i}].id`, row.id);
    return { kind: row.kind, id: row.id, text: toJsonText(`${field}[${i}].data`, row.data) };
  });
}

export function duplicateOrder(orderId: string): OrderStoreError {
  return new OrderStoreError('DUPLICATE_ORDER', `order ${JSON.stringify(orderId)} already exists`, { orderId });
}

export function idempotencyConflict(key: string, orderId: string): OrderStoreError {
  return new OrderStoreError('IDEMPOTENCY_CONFLICT', `idempotency key ${JSON.stringify(key)} was used with a different request body`, { idempotencyKey: key, orderId });
}

export function reservationConflict(id: string, from: string, to: string): OrderStoreError {
  return new OrderStoreError('RESERVATION_CONFLICT', `reservation ${JSON.stringify(id)} is ${from} and cannot become ${to}`, { reservationId: id });
}


/** Checks a transition request's shape and `expected` status (the backend checks the rest). */
export function checkTransitionRequest(orderId: string, request: TransitionRequest): void {
  checkStoreId('orderId', orderId);
  checkPlainObject('request', request);
  if (!(ORDER_STATUSES as readonly unknown[]).includes(request.expected)) {
    throw new DispatchInputError('INVALID_INPUT', 'request.expected', `must be one of ${ORDER_STATUSES.map((s) => `'${s}'`).join(', ')}`, request.expected);
  }
}

/** The assignment history row a transition adds: an assignment, an unassignment (assigned → ready), or none. */
export function assignmentRecordOf(orderId: string, current: Order, next: Order, at: EpochSeconds): AssignmentRecord | undefined {
  if (next.status === 'assigned') return { orderId, riderId: next.riderId as string, kind: 'assigned', at };
  if (current.status === 'assigned' && next.status === 'ready') return { orderId, riderId: current.riderId as string, kind: 'unassigned', at };
  return undefined;
}

/** `recordAssignment` as the transition it is (`expected` defaults to `ready`). */
export function assignmentTransition(input: AssignmentInput): TransitionRequest {
  checkPlainObject('input', input);
  checkStoreId('input.riderId', input.riderId);
  const { riderId, at, expected = 'ready', route, catalog } = input;
  return { expected, to: 'assigned', at, details: { riderId }, ...(route === undefined ? {} : { routes: [route] }), ...(catalog === undefined ? {} : { catalog }) };
}

/** Checks a create's envelope: a plain object, and a fingerprint with every idempotency key. */
export function checkCreateInput(input: CreateOrderInput<unknown>): void {
  checkPlainObject('input', input);
  if (input.responseText !== undefined && typeof input.responseText !== 'string') {
    throw new DispatchInputError('INVALID_INPUT', 'responseText', 'must be a string (the JSON text of response)', input.responseText);
  }
  const { idempotencyKey, fingerprint } = input;
  if (idempotencyKey === undefined) return;
  checkStoreId('idempotencyKey', idempotencyKey);
  if (fingerprint === undefined) throw new DispatchInputError('INVALID_INPUT', 'fingerprint', 'is required with an idempotencyKey', fingerprint);
  checkStoreId('fingerprint', fingerprint);
}

/** The text a create stores as its answer: the caller's `responseText`, or `response` serialised. */
export function responseTextOf(input: CreateOrderInput<unknown>): string {
  return input.responseText ?? toJsonText('response', input.response);
}
