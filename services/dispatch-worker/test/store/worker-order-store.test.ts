import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DispatchInputError, IllegalTransitionError } from '@o2o/dispatch-core';
import { OrderStoreError, WorkerOrderStore } from '@o2o/dispatch-worker';
import { describeOrderStoreContract } from './order-store-contract.js';
import { T0, makeOrder } from './fixtures/store-fixtures.js';

const root = mkdtempSync(join(tmpdir(), 'o2o-worker-store-'));
after(() => rmSync(root, { recursive: true, force: true }));

describeOrderStoreContract('WorkerOrderStore (SQLite on a worker thread)', (namespace) => WorkerOrderStore.open({ dataDir: join(root, namespace) }));

describe('WorkerOrderStore', () => {
  it('rebuilds errors as their own classes across the thread boundary, and counts writes in flight', async () => {
    const store = await WorkerOrderStore.open({ dataDir: join(root, 'classes') });
    try {
      const creating = store.createOrder({ order: makeOrder('w1'), response: 1 });
      assert.equal(store.pendingWrites, 1);
      await creating;
      assert.equal(store.pendingWrites, 0);
      await assert.rejects(store.createOrder({ order: makeOrder('w1'), response: 1 }), (e) => e instanceof OrderStoreError && e.code === 'DUPLICATE_ORDER' && e.orderId === 'w1');
      await assert.rejects(store.transition('w1', { expected: 'placed', to: 'delivered', at: T0 + 5 }), (e) => e instanceof IllegalTransitionError && e.from === 'placed' && e.to === 'delivered');
      await assert.rejects(store.getOrder(''), (e) => e instanceof DispatchInputError && e.field === 'orderId');
      await assert.rejects(store.createOrder({ order: makeOrder('w2'), response: () => 1 } as never), (e) => e instanceof DispatchInputError);
    } finally {
      await store.close();
    }
    await assert.rejects(store.getOrder('w1'), (e) => e instanceof OrderStoreError && e.code === 'STORE_CLOSED');
  });
});
