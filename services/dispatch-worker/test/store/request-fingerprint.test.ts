import assert from 'node:assert/strict';
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
