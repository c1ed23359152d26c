/**
 * Request ids: the caller's `x-request-id` when it is safe to echo and log, else a new one.
 */
import { randomBytes } from 'node:crypto';

/** The header carrying the id, both ways (lower case, as node gives it). */
export const REQUEST_ID_HEADER = 'x-request-id';

/** 1–64 characters of `[A-Za-z0-9._-]`. */
const GOOD_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

// A random per-process prefix (8 base36 chars) and a counter: unique across restarts and
// replicas in practice, and a new id costs one increment and one toString.
const PROCESS_PREFIX = randomBytes(5).readUIntBE(0, 5).toString(36).padStart(8, '0');
let counter = 0;

/** A new request id, `<process prefix>-<counter in base36>`, e.g. `0k3x9q2a-1f`. */
export function newRequestId(): string {
  counter++;
  return `${PROCESS_PREFIX}-${counter.toString(36)}`;
}

/**
 * The `x-request-id` header value when it is a single value of 1–64 chars of `[A-Za-z0-9._-]`;
 * otherwise (absent, empty, too long, other characters, repeated header) a {@link newRequestId}.
 */
export function requestIdOf(header: string | string[] | undefined): string {
  return typeof header === 'string' && GOOD_REQUEST_ID.test(header) ? header : newRequestId();
}
