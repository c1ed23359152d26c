/**
 * Argument checks shared by order store backends. Each throws dispatch-core's `DispatchInputError`
 * (HTTP 400) naming the field, the rule and the value.
 */
import { DispatchInputError, isEpochSeconds, type EpochSeconds } from '@o2o/dispatch-core';

/** Longest id or idempotency key a store accepts (keeps rows and index entries small). */
export const MAX_STORE_ID_LENGTH = 200;

/** Throws unless `value` is a string of 1 to {@link MAX_STORE_ID_LENGTH} characters. */
export function checkStoreId(field: string, value: unknown): asserts value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_STORE_ID_LENGTH) {
    throw new DispatchInputError('INVALID_INPUT', field, `must be a string of 1 to ${MAX_STORE_ID_LENGTH} characters`, value);
  }
}

/** Throws unless `value` is integer Unix epoch seconds. */
export function checkEpochSeconds(field: string, value: unknown): asserts value is EpochSeconds {
  if (!isEpochSeconds(value)) throw new DispatchInputError('INVALID_INPUT', field, 'must be integer Unix epoch seconds', value);
}

/** Throws unless `value` is a non-null object (not an array). */
export function checkPlainObject(field: string, value: unknown): asserts value is Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DispatchInputError('INVALID_INPUT', field, 'must be an object', value);
  }
}

/** Throws unless `value` is an array. */
export function checkArray(field: string, value: unknown): asserts value is readonly unknown[] {
  if (!Array.isArray(value)) throw new DispatchInputError('INVALID_INPUT', field, 'must be an array', value);
}

/**
 * `JSON.stringify(value)`, or a `DispatchInputError` when the value has no JSON form (undefined, a
 * function, a BigInt, a cycle).
 */
export function toJsonText(field: string, value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    throw new DispatchInputError('INVALID_INPUT', field, 'must be JSON-serialisable', value, { cause: error });
  }
  if (text === undefined) throw new DispatchInputError('INVALID_INPUT', field, 'must be JSON-serialisable', value);
  return text;
}

/** Arguments of `pruneIdempotencyKeys`: a Unix-ms cutoff and a positive integer limit. */
export function checkPruneArgs(createdBeforeMs: unknown, limit: unknown): void {
  if (typeof createdBeforeMs !== 'number' || !Number.isSafeInteger(createdBeforeMs) || createdBeforeMs < 0) {
    throw new DispatchInputError('INVALID_INPUT', 'createdBeforeMs', 'must be a non-negative integer (Unix milliseconds)', createdBeforeMs);
  }
  if (typeof limit !== 'number' || !Number.isSafeInteger(limit) || limit < 1 || limit > 1_000_000) {
    throw new DispatchInputError('INVALID_INPUT', 'limit', 'must be an integer in [1, 1000000]', limit);
  }
}
