/**
 * The order-body fingerprint written from the known fields agrees with the generic canonical
 * fingerprint (what older keys were stored with) for every shape `checkCreateOrderBody` returns,
 * and every field it knows is covered (a new field without a sample here fails the test).
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ITEM_FIELDS, ORDER_FIELDS, checkCreateOrderBody, fingerprintOrderBody, fingerprintRequest } from '@o2o/dispatch-worker';

const id = fc.stringMatching(/^[A-Za-z0-9._:-]{1,20}$/);
const itemSamples: Record<(typeof ITEM_FIELDS)[number], fc.Arbitrary<unknown>> = {
  sku: id,
  quantity: fc.integer({ min: 1, max: 10_000 }),
  size: fc.integer({ min: 0, max: 10_000 }),
};
const orderSamples: Record<(typeof ORDER_FIELDS)[number], fc.Arbitrary<unknown>> = {
  id,
  storeId: id,
  items: fc.array(fc.record(itemSamples, { requiredKeys: ['sku', 'quantity'] }), { minLength: 1, maxLength: 5 }),
  dropOff: fc.record({ lat: fc.double({ min: -90, max: 90, noNaN: true }), lng: fc.double({ min: -180, max: 180, noNaN: true }) }),
  placedAt: fc.integer({ min: 1_600_000_000, max: 1_700_000_000 }),
  promisedBy: fc.integer({ min: 1_700_000_001, max: 1_800_000_000 }),
  size: fc.integer({ min: 1, max: 100_000 }),
  externalRef: fc.string({ minLength: 1, maxLength: 40 }),
};

describe('fingerprintOrderBody', () => {
  it('has a sample for every field checkCreateOrderBody knows', () => {
    assert.deepEqual(Object.keys(orderSamples).sort(), [...ORDER_FIELDS].sort());
    assert.deepEqual(Object.keys(itemSamples).sort(), [...ITEM_FIELDS].sort());
  });

  it('equals fingerprintRequest of the checked body, whatever the key order and optional fields', () => {
    fc.assert(
      fc.property(fc.record(orderSamples, { requiredKeys: ['items', 'dropOff'] }), fc.boolean(), (raw, reverse) => {
        const shuffled = reverse ? Object.fromEntries(Object.entries(raw).reverse()) : raw;
        const body = checkCreateOrderBody(shuffled);
        assert.equal(fingerprintOrderBody(body), fingerprintRequest(body));
      }),
      { numRuns: 500 },
    );
  });

  it('tells bodies apart that differ in any one field', () => {
    const base = checkCreateOrderBody({ storeId: 's1', items: [{ sku: 'a', quantity: 1 }], dropOff: { lat: 4.6, lng: -74.1 } });
    const seen = new Set([fingerprintOrderBody(base)]);
    const variants = [
      { ...base, storeId: 's2' },
      { ...base, id: 'o1' },
      { ...base, externalRef: 'x' },
      { ...base, placedAt: 1_700_000_000 },
      { ...base, promisedBy: 1_700_000_900 },
      { ...base, size: 3 },
      { ...base, dropOff: { lat: 4.6, lng: -74.2 } },
      { ...base, items: [{ sku: 'a', quantity: 2 }] },
      { ...base, items: [{ sku: 'a', quantity: 1, size: 2 }] },
      { ...base, items: [{ sku: 'a', quantity: 1 }, { sku: 'b', quantity: 1 }] },
    ];
    for (const v of variants) seen.add(fingerprintOrderBody(v));
    assert.equal(seen.size, variants.length + 1);
  });
});
