/**
 * Fingerprints of request bodies for idempotency: a replay with the same key must carry the same
 * body. The JSON is canonicalised first (object keys sorted, at every depth), so two bodies that
 * differ only in key order or whitespace get the same fingerprint.
 */
import { createHash } from 'node:crypto';
import { DispatchInputError } from '@o2o/dispatch-core';

/**
 * SHA-256 (base64url, 43 characters) of the canonical JSON of `body`: keys sorted, `undefined`
 * members dropped as `JSON.stringify` drops them.
 * @throws {DispatchInputError} when `body` has no JSON form (undefined, a cycle, a BigInt...).
 */
export function fingerprintRequest(body: unknown): string {
  const text = canonicalText(body, []);
  if (text === undefined) throw new DispatchInputError('INVALID_INPUT', 'body', 'must be JSON-serialisable', body);
  return fingerprintText(text);
}

/** SHA-256 (base64url) of a body's canonical JSON text, as {@link fingerprintRequest} hashes it. */
export function fingerprintText(canonicalJson: string): string {
  return createHash('sha256').update(canonicalJson).digest('base64url');
}

/**
 * The text `JSON.stringify` would give for `value` with every object's keys sorted, written
 * directly (no sorted copy is built: this runs once per order creation). `undefined` for a value
 * JSON leaves out (undefined, a function, a symbol).
 */
function canonicalText(value: unknown, stack: object[]): string | undefined {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON: () => unknown }).toJSON();
  }
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      throw new DispatchInputError('INVALID_INPUT', 'body', 'must be JSON-serialisable', value);
    case 'object': {
      if (value === null) return 'null';
      if (stack.includes(value)) throw new DispatchInputError('INVALID_INPUT', 'body', 'must not contain a cycle', '[cycle]');
      stack.push(value);
      let text: string;
      if (Array.isArray(value)) {
        const parts: string[] = new Array(value.length);
        for (let i = 0; i < value.length; i++) parts[i] = canonicalText(value[i], stack) ?? 'null';
        text = `[${parts.join(',')}]`;
      } else {
        const o = value as Record<string, unknown>;
        const parts: string[] = [];
        for (const key of Object.keys(o).sort()) {
          const item = canonicalText(o[key], stack);
          if (item !== undefined) parts.push(`${JSON.stringify(key)}:${item}`);
        }
        text = `{${parts.join(',')}}`;
      }
      stack.pop();
      return text;
    }
    default:
      return undefined;
  }
}
