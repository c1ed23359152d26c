import assert from 'node:assert/strict';
import { DispatchInputError, validateSimInstance } from '@o2o/dispatch-core';
import { tinySim, withCourier } from './fixtures/tiny-sim.js';

function fields(fn: () => void): string[] {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof DispatchInputError, String(error));
    return error.issues.map((i) => i.field);
  }
  return [];
}

describe('validateSimInstance', () => {
  it('accepts the tiny instance', () => {
    assert.doesNotThrow(() => validateSimInstance(tinySim()));
  });

  it('names every broken rule: ids, store index, ready before placement, shift, odd service', () => {
    const orders = tinySim().orders;
    const bad = tinySim({
      stores: [{ id: 'A', x: 0, y: 0 }, { id: 'A', x: 1, y: Number.NaN }],
      orders: [{ ...orders[0]!, store: 7 }, { ...orders[1]!, readyAt: 10 }, ...orders.slice(2)],
      pickupServiceSec: 121,
    });
    assert.deepEqual(fields(() => validateSimInstance(withCourier(1, { offAt: -1 }, bad))), [
      'stores[1].id',
      'stores[1].y',
      'orders[0].store',
      'orders[1].readyAt',
      'couriers[1].offAt',
      'pickupServiceSec',
    ]);
  });

  it('words the message as field, rule, value', () => {
    const bad = tinySim({ orders: tinySim().orders.map((o, i) => (i === 1 ? { ...o, readyAt: 10 } : o)) });
    assert.throws(() => validateSimInstance(bad), { message: 'orders[1].readyAt must be ≥ placedAt (60), got 10' });
  });
});
