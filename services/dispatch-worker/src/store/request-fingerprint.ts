/**
 * Fingerprints of request bodies for idempotency: a replay with the same key must carry the same
 * body. The JSON is canonicalised first (object keys sorted, at every depth), so two bodies that
 * differ only in key order or whitespace get the same fingerprint.
 */
import { createHash } from 'node:crypto';
import { DispatchInputError } from '@o2o/dispatch-core';
import { toJsonText } from './store-input-checks.js';

/**
 * SHA-256 (base64url, 43 characters) of the canonical JSON of `body`: keys sorted, `undefined`
 * members dropped as `JSON.stringify` drops them.
 * @throws {DispatchInputError} when `body` has no JSON form (undefined, a cycle, a BigInt...).
 */
export function fingerprintRequest(body: unknown): string {
  return createHash('sha256').update(toJsonText('body', canonicalJson(body))).digest('base64url');
}

/** A copy of a JSON-like value with every object's keys in sorted order (arrays keep their order). */
function canonicalJson(value: unknown, path: Set<object> = new Set()): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (path.has(value)) throw new DispatchInputError('INVALID_INPUT', 'body', 'must not contain a cycle', '[cycle]');
  path.add(value);
  let copy: unknown;
  const toJson = (value as { toJSON?: unknown }).toJSON;
  if (Array.isArray(value)) {
    copy = value.map((item) => canonicalJson(item, path));
  } else if (typeof toJson === 'function') {
    copy = canonicalJson((toJson as () => unknown).call(value), path);
  } else {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      // defineProperty keeps a key named "__proto__" an ordinary member.
      Object.defineProperty(sorted, key, { value: canonicalJson((value as Record<string, unknown>)[key], path), enumerable: true, writable: true, configurable: true });
    }
    copy = sorted;
  }
  path.delete(value);
  return copy;
}
