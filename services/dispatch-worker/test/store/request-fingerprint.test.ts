import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { DispatchInputError } from '@o2o/dispatch-core';
import { fingerprintRequest } from '@o2o/dispatch-worker';

describe('fingerprintRequest', () => {
  it('ignores key order at every depth, and nothing else', () => {
    const a = fingerprintRequest({ storeId: 's1', items: [{ sku: 'x', quantity: 1 }], dropOff: [1, 2] });
    const b = fingerprintRequest({ dropOff: [1, 2], items: [{ quantity: 1, sku: 'x' }], storeId: 's1' });
    assert.equal(a, b);
    assert.match(a, /^[A-Za-z0-9_-]{43}$/);
    assert.notEqual(fingerprintRequest({ items: [{ sku: 'x', quantity: 2 }] }), fingerprintRequest({ items: [{ sku: 'x', quantity: 1 }] }));
    assert.notEqual(fingerprintRequest({ dropOff: [1, 2] }), fingerprintRequest({ dropOff: [2, 1] }), 'arrays keep their order');
    assert.notEqual(fingerprintRequest({ a: '1' }), fingerprintRequest({ a: 1 }));
  });

  it('equals SHA-256 of JSON.stringify of a key-sorted copy (the stored fingerprints stay valid)', () => {
    const sortedCopy = (v: unknown): unknown => {
      if (v instanceof Date) return v.toJSON();
      if (Array.isArray(v)) return v.map(sortedCopy);
      if (v === null || typeof v !== 'object') return v;
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) out[k] = sortedCopy((v as Record<string, unknown>)[k]);
      return out;
    };
    const bodies: unknown[] = [
      { storeId: 's1', items: [{ sku: 'x', quantity: 1, size: undefined }], dropOff: { lng: -74.1, lat: 4.6 }, note: 'é "q" \n', n: -0, big: 1e21, f: () => 1 },
      [1, undefined, null, 'a', { b: [true, false], a: NaN }],
      'text',
      42,
      { when: new Date(0), nested: { z: { y: { x: [] } } } },
    ];
    for (const body of bodies) {
      const reference = createHash('sha256').update(JSON.stringify(sortedCopy(body))).digest('base64url');
      assert.equal(fingerprintRequest(body), reference, JSON.stringify(body));
    }
  });

  it('keeps a "__proto__" key as data', () => {
    const body = JSON.parse('{"__proto__": {"x": 1}, "a": 1}') as unknown;
    assert.notEqual(fingerprintRequest(body), fingerprintRequest({ a: 1 }));
  });

  it('rejects values without a JSON form', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    assert.throws(() => fingerprintRequest(cyclic), DispatchInputError);
    assert.throws(() => fingerprintRequest(undefined), DispatchInputError);
    assert.throws(() => fingerprintRequest({ n: 1n }), DispatchInputError);
  });
});
