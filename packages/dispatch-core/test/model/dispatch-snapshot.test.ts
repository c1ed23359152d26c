import assert from 'node:assert/strict';
import { DispatchInputError, MAX_INPUT_ISSUES, NO_INDEX, buildDispatchSnapshot, type DispatchSnapshotInput } from '@o2o/dispatch-core';
import { T0, orderInput, riderInput, storeInput, tinyCity } from '../fixtures/tiny-city.js';
import { assertInputError } from '../helpers/assert-input-error.js';

/** Raw JSON-like input typed as the builder's input (the builder checks it at run time). */
function build(input: unknown) {
  return buildDispatchSnapshot(input as DispatchSnapshotInput);
}

describe('dispatch-snapshot', () => {
  describe('buildDispatchSnapshot', () => {
    it('indexes tiny-city densely in input order', () => {
      const snapshot = build(tinyCity());
      assert.deepEqual([snapshot.numStores, snapshot.numRiders, snapshot.numOrders], [2, 2, 4]);
      assert.deepEqual(snapshot.storeIds, ['s1', 'w1']);
      assert.deepEqual(snapshot.riderIds, ['r1', 'r2']);
      assert.deepEqual(snapshot.orderIds, ['o1', 'o2', 'o3', 'o4']);
      assert.deepEqual([...snapshot.storeIdxById], [['s1', 0], ['w1', 1]]);
      assert.deepEqual([...snapshot.riderIdxById], [['r1', 0], ['r2', 1]]);
      assert.equal(snapshot.orderIdxById.get('o3'), 2);
      assert.equal(snapshot.stores[1]?.kind, 'dark_store');
    });

    it('resolves order → store and order → rider to indices', () => {
      const snapshot = build(tinyCity());
      assert.deepEqual([...snapshot.orderStoreIdx], [NO_INDEX, 1, 0, 1]);
      assert.deepEqual([...snapshot.orderRiderIdx], [NO_INDEX, NO_INDEX, 1, 1]);
    });

    it('copies and freezes its input', () => {
      const input = tinyCity();
      const snapshot = build(input);
      (input.stores[0] as { inventory: Record<string, number> }).inventory.apple = 0;
      assert.equal(snapshot.stores[0]?.inventory.apple, 10);
      assert.ok(Object.isFrozen(snapshot) && Object.isFrozen(snapshot.orders) && Object.isFrozen(snapshot.orders[0]));
    });

    it('accepts an empty round', () => {
      const snapshot = build({ stores: [], riders: [], orders: [] });
      assert.equal(snapshot.numOrders, 0);
      assert.equal(snapshot.orderStoreIdx.length, 0);
    });

    it('throws when the input or a collection is not the right shape', () => {
      assertInputError(() => build(null), { code: 'INVALID_INPUT', field: 'input', got: 'null' });
      assertInputError(() => build({ ...tinyCity(), riders: {} }), { code: 'INVALID_INPUT', field: 'riders', got: 'an object' });
    });

    it('prefixes entity fields with the collection and index', () => {
      const input = tinyCity();
      input.orders[3] = orderInput({ id: 'o4', promisedBy: 1_699_999_000 });
      const error = assertInputError(() => build(input), { code: 'INVALID_INPUT', field: 'orders[3].promisedBy', got: '1699999000' });
      assert.equal(error.message, 'orders[3].promisedBy must be greater than placedAt (1700000000), got 1699999000');
    });

    it('throws DUPLICATE_ID for a repeated store, rider or order id', () => {
      for (const [name, entity] of [['stores', storeInput()], ['riders', riderInput()], ['orders', orderInput()]] as const) {
        const input = tinyCity();
        input[name].push(entity);
        const last = input[name].length - 1;
        const error = assertInputError(() => build(input), { code: 'DUPLICATE_ID', field: `${name}[${last}].id`, got: `"${String(entity.id)}"` });
        assert.match(error.rule, new RegExp(`already used by ${name}\\[0\\]`));
      }
    });

    it('allows a store, a rider and an order to share an id', () => {
      assert.equal(build({ stores: [storeInput({ id: 'x' })], riders: [riderInput({ id: 'x' })], orders: [orderInput({ id: 'x' })] }).numOrders, 1);
    });

    it('throws UNKNOWN_REFERENCE when an order names a missing store', () => {
      const input = tinyCity();
      input.orders[1] = orderInput({ id: 'o2', storeId: 'nowhere' });
      assertInputError(() => build(input), { code: 'UNKNOWN_REFERENCE', field: 'orders[1].storeId', got: '"nowhere"' });
    });

    it('throws UNKNOWN_REFERENCE when an order names a missing rider', () => {
      const input = tinyCity();
      input.orders[2] = orderInput({ id: 'o3', storeId: 's1', riderId: 'ghost', status: 'assigned' });
      assertInputError(() => build(input), { code: 'UNKNOWN_REFERENCE', field: 'orders[2].riderId', got: '"ghost"' });
    });

    it('does not also report references to an entity that is itself invalid', () => {
      const input = tinyCity();
      input.stores[1] = storeInput({ id: 'w1', kind: 'garage' });
      assertInputError(() => build(input), { code: 'INVALID_INPUT', field: 'stores[1].kind', got: '"garage"' });
    });

    it('collects every issue across collections, in input order', () => {
      const input = tinyCity();
      input.stores[0] = storeInput({ prepTimeSec: -1 });
      input.riders[1] = riderInput({ id: 'r2', bagLimit: 0 });
      input.orders[0] = orderInput({ storeId: 'zz' });
      input.orders[2] = orderInput({ id: 'o3', readyAt: T0 - 5, storeId: 's1', riderId: 'r2', status: 'assigned' });
      assert.throws(
        () => build(input),
        (error: unknown) => {
          assert.ok(error instanceof DispatchInputError);
          assert.deepEqual(
            error.issues.map((i) => i.field),
            ['stores[0].prepTimeSec', 'riders[1].bagLimit', 'orders[2].readyAt', 'orders[0].storeId'],
          );
          assert.equal(error.field, 'stores[0].prepTimeSec');
          assert.match(error.message, /^stores\[0\]\.prepTimeSec must be a non-negative integer, got -1; 3 more issue\(s\):\n {2}- riders\[1\]\.bagLimit/);
          return true;
        },
      );
    });

    it('stops collecting at MAX_INPUT_ISSUES and says so', () => {
      const orders = Array.from({ length: MAX_INPUT_ISSUES + 10 }, (_, i) => orderInput({ id: `o${i}`, size: -1 }));
      assert.throws(
        () => build({ stores: [], riders: [], orders }),
        (error: unknown) => {
          assert.ok(error instanceof DispatchInputError);
          assert.equal(error.issues.length, MAX_INPUT_ISSUES);
          assert.equal(error.truncated, true);
          assert.match(error.message, /validation stopped after 100 issues$/);
          assert.ok(error.message.split('\n').length < 10, 'the message stays short');
          return true;
        },
      );
    });
  });
});
