/**
 * Paged order listings: filters (status, store, rider; all given filters must match), oldest first,
 * keyset-paged by an opaque cursor (the creation sequence number of the last order of the page).
 */
import { DispatchInputError, ORDER_STATUSES, type Order, type OrderStatus } from '@o2o/dispatch-core';
import { checkPlainObject, checkStoreId } from './store-input-checks.js';

/** Page size when a query gives none. */
export const DEFAULT_ORDER_PAGE_SIZE = 50;
/** Largest page size a query may ask for. */
export const MAX_ORDER_PAGE_SIZE = 500;

/** What `OrderStore.listOrders` takes. */
export interface OrderQuery {
  /** One status, or any of several. */
  readonly status?: OrderStatus | readonly OrderStatus[];
  readonly storeId?: string;
  readonly riderId?: string;
  /** Orders per page, 1 to {@link MAX_ORDER_PAGE_SIZE}; default {@link DEFAULT_ORDER_PAGE_SIZE}. */
  readonly limit?: number;
  /** `nextCursor` of the previous page; omit for the first page. */
  readonly cursor?: string;
}

/** One page of orders. */
export interface OrderPage {
  readonly orders: readonly Order[];
  /** Pass as `cursor` for the next page; absent on the last page. */
  readonly nextCursor?: string;
}

/** An {@link OrderQuery} checked and normalised for a backend. */
export interface ResolvedOrderQuery {
  /** Distinct statuses in lifecycle order, or undefined for any status. */
  readonly statuses?: readonly OrderStatus[];
  readonly storeId?: string;
  readonly riderId?: string;
  readonly limit: number;
  /** Only orders with a larger creation sequence number (0 on the first page). */
  readonly afterSeq: number;
}

/**
 * Checks and normalises a query.
 * @throws {DispatchInputError} for an unknown status, a bad id, limit or cursor.
 */
export function resolveOrderQuery(query: OrderQuery = {}): ResolvedOrderQuery {
  checkPlainObject('query', query);
  const { status, storeId, riderId, limit = DEFAULT_ORDER_PAGE_SIZE, cursor } = query;
  let statuses: OrderStatus[] | undefined;
  if (status !== undefined) {
    const asked: readonly unknown[] = Array.isArray(status) ? status : [status];
    if (asked.length === 0) throw new DispatchInputError('INVALID_INPUT', 'query.status', 'must not be an empty list', status);
    for (const s of asked) {
      if (!(ORDER_STATUSES as readonly unknown[]).includes(s)) {
        throw new DispatchInputError('INVALID_INPUT', 'query.status', `must be one of ${ORDER_STATUSES.map((x) => `'${x}'`).join(', ')}`, s);
      }
    }
    statuses = ORDER_STATUSES.filter((s) => asked.includes(s));
  }
  if (storeId !== undefined) checkStoreId('query.storeId', storeId);
  if (riderId !== undefined) checkStoreId('query.riderId', riderId);
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_ORDER_PAGE_SIZE) {
    throw new DispatchInputError('INVALID_INPUT', 'query.limit', `must be an integer in [1, ${MAX_ORDER_PAGE_SIZE}]`, limit);
  }
  return {
    ...(statuses === undefined ? {} : { statuses }),
    ...(storeId === undefined ? {} : { storeId }),
    ...(riderId === undefined ? {} : { riderId }),
    limit,
    afterSeq: cursor === undefined ? 0 : decodeOrderCursor(cursor),
  };
}

/** The cursor that resumes a listing after the order with creation sequence number `seq`. */
export function encodeOrderCursor(seq: number): string {
  return `o${seq.toString(36)}`;
}

/**
 * The creation sequence number a cursor resumes after.
 * @throws {DispatchInputError} for a string {@link encodeOrderCursor} did not make.
 */
export function decodeOrderCursor(cursor: unknown): number {
  if (typeof cursor === 'string' && /^o[0-9a-z]{1,11}$/.test(cursor)) {
    const seq = Number.parseInt(cursor.slice(1), 36);
    if (Number.isSafeInteger(seq) && seq > 0) return seq;
  }
  throw new DispatchInputError('INVALID_INPUT', 'query.cursor', 'must be a nextCursor returned by an earlier page', cursor);
}
