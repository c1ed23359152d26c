import assert from 'node:assert/strict';
import { findShortages, hasStock, releaseStock, reserveStock, stockOf, validateStore, type Store } from '@o2o/dispatch-core';
import { storeInput } from '../fixtures/tiny-city.js';
import { assertInputError } from '../helpers/assert-input-error.js';

/** Apples 10, bread 2. */
const store: Store = validateStore(storeInput());

describe('inventory', () => {
  describe('stockOf', () => {
    it('reads listed skus and gives 0 for the rest (including Object.prototype names)', () => {
      assert.equal(stockOf(store.inventory, 'apple'), 10);
      assert.equal(stockOf(store.inventory, 'milk'), 0);
      assert.equal(stockOf(store.inventory, 'toString'), 0);
      assert.equal(stockOf(store.inventory, '__proto__'), 0);
    });
  });

  describe('hasStock / findShortages', () => {
    it('is true when every sku is covered, up to the exact quantity', () => {
      assert.equal(hasStock(store, [{ sku: 'apple', quantity: 10 }, { sku: 'bread', quantity: 2 }]), true);
    });

    it('sums items with the same sku', () => {
      const items = [{ sku: 'bread', quantity: 1 }, { sku: 'bread', quantity: 2 }];
      assert.equal(hasStock(store, items), false);
      assert.deepEqual(findShortages(store, items), [{ sku: 'bread', requested: 3, available: 2 }]);
    });

    it('lists every short sku, unknown skus as available 0', () => {
      const items = [{ sku: 'apple', quantity: 11 }, { sku: 'bread', quantity: 1 }, { sku: 'milk', quantity: 1 }];
      assert.deepEqual(findShortages(store, items), [
        { sku: 'apple', requested: 11, available: 10 },
        { sku: 'milk', requested: 1, available: 0 },
      ]);
    });

    it('throws on invalid items', () => {
      assertInputError(() => hasStock(store, [{ sku: 'apple', quantity: -1 }]), { code: 'INVALID_INPUT', field: 'items[0].quantity', got: '-1' });
      assertInputError(() => hasStock(store, []), { code: 'INVALID_INPUT', field: 'items', got: '[]' });
    });
  });

  describe('reserveStock', () => {
    it('takes the items out of a copy of the store', () => {
      const result = reserveStock(store, [{ sku: 'apple', quantity: 4 }, { sku: 'bread', quantity: 2 }]);
      assert.ok(result.ok);
      assert.deepEqual(result.store.inventory, { apple: 6, bread: 0 });
      assert.equal(result.store.id, 's1');
      assert.deepEqual(store.inventory, { apple: 10, bread: 2 }, 'the input is unchanged');
    });

    it('refuses the whole reservation when any sku is short, leaving stock untouched', () => {
      const result = reserveStock(store, [{ sku: 'apple', quantity: 1 }, { sku: 'bread', quantity: 3 }]);
      assert.deepEqual(result, { ok: false, shortages: [{ sku: 'bread', requested: 3, available: 2 }] });
    });

    it('never goes negative over repeated reservations', () => {
      let current: Store = store;
      let numReserved = 0;
      for (let i = 0; i < 20; i++) {
        const result = reserveStock(current, [{ sku: 'apple', quantity: 3 }]);
        if (!result.ok) continue;
        current = result.store;
        numReserved++;
        assert.ok(Object.values(current.inventory).every((q) => q >= 0));
      }
      assert.equal(numReserved, 3);
      assert.equal(stockOf(current.inventory, 'apple'), 1);
    });

    it('throws on invalid items', () => {
      assertInputError(() => reserveStock(store, [{ sku: 'apple', quantity: 0.5 }]), { code: 'INVALID_INPUT', field: 'items[0].quantity', got: '0.5' });
    });
  });

  describe('releaseStock', () => {
    it('puts the items back, adding skus that were not listed', () => {
      const released = releaseStock(store, [{ sku: 'bread', quantity: 1 }, { sku: 'milk', quantity: 2 }]);
      assert.deepEqual(released.inventory, { apple: 10, bread: 3, milk: 2 });
    });

    it('undoes a reservation', () => {
      const items = [{ sku: 'apple', quantity: 7 }];
      const result = reserveStock(store, items);
      assert.ok(result.ok);
      assert.deepEqual(releaseStock(result.store, items).inventory, store.inventory);
    });

    it('throws on a negative quantity rather than lowering stock', () => {
      assertInputError(() => releaseStock(store, [{ sku: 'apple', quantity: -20 }]), { code: 'INVALID_INPUT', field: 'items[0].quantity', got: '-20' });
    });

    it('throws when stock would pass the largest safe integer', () => {
      const full = validateStore(storeInput({ inventory: { apple: Number.MAX_SAFE_INTEGER } }));
      assertInputError(() => releaseStock(full, [{ sku: 'apple', quantity: 1 }]), {
        code: 'INVALID_INPUT',
        field: 'inventory["apple"]',
        got: String(Number.MAX_SAFE_INTEGER + 1),
      });
    });
  });
});
