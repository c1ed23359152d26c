import assert from 'node:assert/strict';
import { buildDispatchSnapshot, DispatchInputError, reserveStock, transitionOrder } from '@o2o/dispatch-core';

// Keep in step with the Usage snippet of README.md.
describe('README usage', () => {
  it('runs the usage snippet end to end', () => {
    const now = Math.floor(Date.now() / 1000); // epoch seconds
    const snapshot = buildDispatchSnapshot({
      stores: [{ id: 's1', kind: 'dark_store', location: [-74.06, 4.65], inventory: { apple: 10 } }],
      riders: [{ id: 'r1', position: [-74.05, 4.66], mode: 'bike', capacity: 20, bagLimit: 3,
                 shiftStart: now, shiftEnd: now + 8 * 3600, status: 'idle' }],
      orders: [{ id: 'o1', items: [{ sku: 'apple', quantity: 2 }], dropOff: [-74.04, 4.67],
                 placedAt: now, readyAt: now + 600, promisedBy: now + 2400, size: 2, status: 'placed' }],
    });
    const store = snapshot.stores[0]!;
    const order = snapshot.orders[0]!;
    const reserved = reserveStock(store, order.items);
    const accepted = transitionOrder(order, 'accepted', now + 5, { storeId: store.id });

    assert.ok(reserved.ok && reserved.store.inventory.apple === 8);
    assert.equal(accepted.status, 'accepted');
  });

  it('reports every issue of a bad round as a DispatchInputError', () => {
    assert.throws(
      () => buildDispatchSnapshot({ stores: [], riders: [], orders: [{ id: '' }] } as never),
      (error: unknown) => error instanceof DispatchInputError && error.issues.length > 1,
    );
  });
});
