import assert from 'node:assert/strict';
import { validateOrder, type DispatchInputErrorCode } from '@o2o/dispatch-core';
import { T0, orderInput } from '../fixtures/tiny-city.js';
import { assertInputError } from '../helpers/assert-input-error.js';

type Case = [rule: string, overrides: Record<string, unknown>, code: DispatchInputErrorCode, field: string, got: string];

const CASES: Case[] = [
  ['id is a non-empty string', { id: null }, 'INVALID_INPUT', 'orders[3].id', 'null'],
  ['items is an array', { items: 'apple' }, 'INVALID_INPUT', 'orders[3].items', '"apple"'],
  ['items is non-empty', { items: [] }, 'INVALID_INPUT', 'orders[3].items', '[]'],
  ['each item is an object', { items: ['apple'] }, 'INVALID_INPUT', 'orders[3].items[0]', '"apple"'],
  ['item sku is a non-empty string', { items: [{ sku: '', quantity: 1 }] }, 'INVALID_INPUT', 'orders[3].items[0].sku', '""'],
  ['item quantity is positive', { items: [{ sku: 'a', quantity: 0 }] }, 'INVALID_INPUT', 'orders[3].items[0].quantity', '0'],
  ['item quantity is an integer', { items: [{ sku: 'a', quantity: 1.5 }] }, 'INVALID_INPUT', 'orders[3].items[0].quantity', '1.5'],
  ['item size is an integer ≥ 0', { items: [{ sku: 'a', quantity: 1, size: -2 }] }, 'INVALID_INPUT', 'orders[3].items[0].size', '-2'],
  ['storeId, when given, is a non-empty string', { storeId: '' }, 'INVALID_INPUT', 'orders[3].storeId', '""'],
  ['riderId, when given, is a non-empty string', { riderId: 5 }, 'INVALID_INPUT', 'orders[3].riderId', '5'],
  ['dropOff is a [lng, lat] array', { dropOff: { lng: 1, lat: 2 } }, 'INVALID_COORDINATE', 'orders[3].dropOff', 'an object'],
  ['dropOff lng is in range', { dropOff: [-200, 4] }, 'INVALID_COORDINATE', 'orders[3].dropOff[0] (lng)', '-200'],
  ['placedAt is epoch seconds', { placedAt: '2024-01-01' }, 'INVALID_INPUT', 'orders[3].placedAt', '"2024-01-01"'],
  ['readyAt is epoch seconds', { readyAt: undefined }, 'INVALID_INPUT', 'orders[3].readyAt', 'undefined'],
  ['promisedBy is epoch seconds', { promisedBy: T0 + 0.5 }, 'INVALID_INPUT', 'orders[3].promisedBy', String(T0 + 0.5)],
  ['placedAt <= readyAt', { readyAt: T0 - 1 }, 'INVALID_INPUT', 'orders[3].readyAt', String(T0 - 1)],
  ['placedAt < promisedBy', { promisedBy: T0 }, 'INVALID_INPUT', 'orders[3].promisedBy', String(T0)],
  ['size is positive', { size: 0 }, 'INVALID_INPUT', 'orders[3].size', '0'],
  ['status is an order status', { status: 'lost' }, 'INVALID_INPUT', 'orders[3].status', '"lost"'],
  ['an accepted order names its store', { status: 'accepted' }, 'INVALID_INPUT', 'orders[3].storeId', 'undefined'],
  ['an assigned order names its rider', { status: 'assigned', storeId: 's1' }, 'INVALID_INPUT', 'orders[3].riderId', 'undefined'],
  ['statusAt is an object', { statusAt: 5 }, 'INVALID_INPUT', 'orders[3].statusAt', '5'],
  ['statusAt keys are later statuses', { statusAt: { placed: T0 } }, 'INVALID_INPUT', 'orders[3].statusAt', '"placed"'],
  ['statusAt values are epoch seconds', { statusAt: { cancelled: -1 } }, 'INVALID_INPUT', 'orders[3].statusAt.cancelled', '-1'],
  ['statusAt values are not before placedAt', { statusAt: { cancelled: T0 - 1 } }, 'INVALID_INPUT', 'orders[3].statusAt.cancelled', String(T0 - 1)],
];

describe('order', () => {
  describe('validateOrder', () => {
    it('accepts a valid order and returns a frozen copy', () => {
      const input = orderInput({ storeId: 's1', statusAt: { accepted: T0 + 5 }, status: 'accepted' });
      const order = validateOrder(input);
      assert.deepEqual(order, input);
      assert.ok(Object.isFrozen(order) && Object.isFrozen(order.items) && Object.isFrozen(order.items[0]));
    });

    it('accepts readyAt equal to placedAt', () => {
      assert.equal(validateOrder(orderInput({ readyAt: T0 })).readyAt, T0);
    });

    it('accepts a cancelled order without store or rider', () => {
      assert.equal(validateOrder(orderInput({ status: 'cancelled' })).status, 'cancelled');
    });

    for (const [rule, overrides, code, field, got] of CASES) {
      it(`throws ${code} on ${field} unless ${rule}`, () => {
        assertInputError(() => validateOrder(orderInput(overrides), 'orders[3]'), { code, field, got });
      });
    }

    it('words the promise rule with both times', () => {
      const error = assertInputError(() => validateOrder(orderInput({ promisedBy: 1_699_999_000 }), 'orders[3]'), {
        code: 'INVALID_INPUT',
        field: 'orders[3].promisedBy',
        got: '1699999000',
      });
      assert.equal(error.message, 'orders[3].promisedBy must be greater than placedAt (1700000000), got 1699999000');
      assert.equal(error.rule, 'must be greater than placedAt (1700000000)');
      assert.equal(error.value, 1_699_999_000);
    });
  });
});
