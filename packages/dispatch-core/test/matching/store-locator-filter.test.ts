import assert from 'node:assert/strict';
import { StoreLocator } from '@o2o/dispatch-core';
import { basket, shop } from './match-fixtures.js';

describe('StoreLocator storeFilter option', () => {
  const stores = [shop('near', 0.001, { apple: 1 }), shop('mid', 0.002, {}), shop('far', 0.003, { apple: 9 })];
  const locator = StoreLocator.build(stores);

  it('replaces the every-item-in-stock test', () => {
    const order = basket(['apple', 2]);
    assert.deepEqual(locator.candidatesFor(order).candidates.map((c) => c.storeId), ['far']);
    const any = locator.candidatesFor(order, { storeFilter: (idx) => stores[idx]!.inventory.apple !== undefined });
    assert.deepEqual(any.candidates.map((c) => c.storeId), ['near', 'far']);
  });

  it('reports out_of_stock when it accepts nobody', () => {
    const none = locator.candidatesFor(basket(['apple', 1]), { storeFilter: () => false });
    assert.deepEqual(none.candidates, []);
    assert.equal(none.reason, 'out_of_stock');
  });
});
