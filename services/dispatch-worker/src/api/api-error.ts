/**
 * Errors of the HTTP API and the one mapping from any error to a status and an {@link ErrorBody}:
 * bad input 400 (naming field, rule and value), no or bad token 401, out of scope 403, unknown
 * resource 404, a state clash 409 (illegal transition, out of stock, idempotency conflict),
 * too much load 429 with Retry-After, a store that cannot write 503. Anything unexpected is a 500
 * whose body says nothing about the internals (the log line has the stack).
 */
import { DispatchInputError, IllegalTransitionError, ReservationError } from '@o2o/dispatch-core';
import { formatValue, GeoInputError } from '@o2o/geo';
import { AccessError } from '../auth/access-error.js';
import { AuthInputError } from '../auth/auth-input-error.js';
import { IngestConfigError, IngestLimitError } from '../ingest/ingest-error.js';
import { OrderStoreError } from '../store/order-store-error.js';
import type { ErrorBody } from './api-types.js';

/** An error the API answers as given: status, stable code, and for bad input the field at fault. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field?: string;
  readonly rule?: string;
  readonly value?: unknown;
  readonly hasValue: boolean;
  readonly details?: Readonly<Record<string, unknown>>;
  readonly headers?: Readonly<Record<string, string>>;

  constructor(
    status: number,
    code: string,
    message: string,
    extra: { field?: string; rule?: string; value?: unknown; details?: Record<string, unknown>; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.hasValue = 'value' in extra;
    if (extra.field !== undefined) this.field = extra.field;
    if (extra.rule !== undefined) this.rule = extra.rule;
    if (this.hasValue) this.value = extra.value;
    if (extra.details !== undefined) this.details = extra.details;
    if (extra.headers !== undefined) this.headers = extra.headers;
  }
}

/** A 400 naming the field, the rule it breaks and the value it had. */
export function badInput(field: string, rule: string, value: unknown, code = 'INVALID_INPUT'): ApiError {
  return new ApiError(400, code, `${field} ${rule}, got ${describeValue(value)}`, { field, rule, value });
}

/** A 404 for an unknown resource. */
export function notFound(what: string, id: string): ApiError {
  return new ApiError(404, 'NOT_FOUND', `no ${what} ${JSON.stringify(id)}`, { details: { [`${what}Id`]: id } });
}

/** A 429 asking the caller to come back after `retryAfterSec`. */
export function tooBusy(reason: string, retryAfterSec: number): ApiError {
  return new ApiError(429, 'TOO_MANY_REQUESTS', `the service is overloaded (${reason}); retry after ${retryAfterSec} s`, {
    headers: { 'retry-after': String(retryAfterSec) },
    details: { reason },
  });
}

/** What to answer for `error`. `internal` is true for a 500 (log it with its stack). */
export interface ErrorAnswer {
  readonly status: number;
  readonly body: ErrorBody;
  readonly headers: Readonly<Record<string, string>>;
  readonly internal: boolean;
}

/** Maps any thrown value to an answer. Values are echoed only through `formatValue`-safe JSON. */
export function errorAnswer(error: unknown, requestId: string | undefined): ErrorAnswer {
  const withId = <T extends object>(e: T): T & { requestId?: string } => (requestId === undefined ? e : { ...e, requestId });
  if (error instanceof ApiError) {
    return {
      status: error.status,
      headers: error.headers ?? {},
      internal: false,
      body: {
        error: withId({
          code: error.code,
          message: error.message,
          ...(error.field === undefined ? {} : { field: error.field }),
          ...(error.rule === undefined ? {} : { rule: error.rule }),
          ...(error.hasValue ? { value: jsonSafe(error.value) } : {}),
          ...(error.details ?? {}),
        }),
      },
    };
  }
  if (error instanceof DispatchInputError) {
    return {
      status: 400,
      headers: {},
      internal: false,
      body: {
        error: withId({
          code: error.code,
          message: error.message,
          field: error.field,
          rule: error.rule,
          value: jsonSafe(error.value),
          ...(error.issues.length > 1 ? { issues: error.issues.map((i) => ({ field: i.field, rule: i.rule, value: jsonSafe(i.value) })) } : {}),
        }),
      },
    };
  }
  if (error instanceof GeoInputError) {
    return { status: 400, headers: {}, internal: false, body: { error: withId({ code: error.code, message: error.message, field: error.field, value: jsonSafe(error.value) }) } };
  }
  if (error instanceof AuthInputError) {
    return { status: 400, headers: {}, internal: false, body: { error: withId({ code: error.code, message: error.message }) } };
  }
  if (error instanceof AccessError) {
    return { status: error.status, headers: { 'www-authenticate': error.wwwAuthenticate }, internal: false, body: { error: withId({ code: error.code, message: error.message }) } };
  }
  if (error instanceof IllegalTransitionError) {
    return {
      status: 409,
      headers: {},
      internal: false,
      body: { error: withId({ code: error.code, message: error.message, orderId: error.orderId, from: error.from, to: error.to }) },
    };
  }
  if (error instanceof OrderStoreError) {
    const status = error.httpStatus;
    return {
      status,
      headers: status === 503 ? { 'retry-after': '1' } : {},
      internal: status >= 500,
      body: {
        error: withId({
          code: error.code,
          message: error.message,
          ...(error.orderId === undefined ? {} : { orderId: error.orderId }),
          ...(error.expected === undefined ? {} : { expected: error.expected }),
          ...(error.actual === undefined ? {} : { actual: error.actual }),
        }),
      },
    };
  }
  if (error instanceof IngestLimitError) {
    return { status: 413, headers: {}, internal: false, body: { error: withId({ code: error.code, message: error.message }) } };
  }
  if (error instanceof IngestConfigError) {
    return { status: 400, headers: {}, internal: false, body: { error: withId({ code: error.code, message: error.message }) } };
  }
  if (error instanceof ReservationError) {
    const status = error.code === 'UNKNOWN_RESERVATION' ? 404 : 409;
    return { status, headers: {}, internal: false, body: { error: withId({ code: error.code, message: error.message }) } };
  }
  return { status: 500, headers: {}, internal: true, body: { error: withId({ code: 'INTERNAL_ERROR', message: 'internal error; the log has the details' }) } };
}

/** A value as it can be echoed in JSON (long strings cut, non-JSON values described). */
function jsonSafe(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'string') return value.length > 200 ? `${value.slice(0, 197)}...` : value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'boolean' || value === null) return value;
  return describeValue(value);
}

/**
 * `formatValue` of `@o2o/geo`, except that arrays nested deeper than 3 levels are summarised:
 * `formatValue` recurses into short arrays, so a request body of 100,000 nested `[` overflowed
 * the stack and turned a 400 into a 500.
 */
function describeValue(value: unknown, depth = 0): string {
  if (Array.isArray(value)) {
    if (value.length > 4 || (depth >= 3 && value.length > 0)) return `an array of length ${value.length}`;
    return `[${value.map((v) => describeValue(v, depth + 1)).join(', ')}]`;
  }
  return formatValue(value);
}
