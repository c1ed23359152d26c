import assert from 'node:assert/strict';
import {
  IllegalTransitionError,
  ORDER_STATUSES,
  ORDER_TRANSITIONS,
  canTransition,
  isFinalStatus,
  lastTransitionAt,
  transitionOrder,
  validateOrder,
  type Order,
  type OrderStatus,
} from '@o2o/dispatch-core';
import { T0, orderInput } from '../fixtures/tiny-city.js';
import { assertInputError } from '../helpers/assert-input-error.js';

const LEGAL: [OrderStatus, OrderStatus][] = [
  ['placed', 'accepted'],
  ['accepted', 'ready'],
  ['ready', 'assigned'],
  ['assigned', 'picked_up'],
  ['assigned', 'ready'],
  ['picked_up', 'delivered'],
  ['placed', 'cancelled'],
  ['accepted', 'cancelled'],
  ['ready', 'cancelled'],
  ['assigned', 'cancelled'],
  ['picked_up', 'cancelled'],
];

/** An order already in `status`, as if it had gone through the lifecycle. */
function orderIn(status: OrderStatus): Order {
  return validateOrder(orderInput({ status, storeId: 's1', riderId: 'r1' }));
}

function deliver(order: Order): Order {
  let o = transitionOrder(order, 'accepted', T0 + 10, { storeId: 's1' });
  o = transitionOrder(o, 'ready', T0 + 500);
  o = transitionOrder(o, 'assigned', T0 + 510, { riderId: 'r1' });
  o = transitionOrder(o, 'picked_up', T0 + 900);
  return transitionOrder(o, 'delivered', T0 + 1800);
}

describe('order-lifecycle', () => {
  describe('ORDER_TRANSITIONS', () => {
    it('allows exactly the lifecycle edges', () => {
      const edges = ORDER_STATUSES.flatMap((from) => ORDER_STATUSES.filter((to) => canTransition(from, to)).map((to) => [from, to]));
      assert.deepEqual(new Set(edges.map(String)), new Set(LEGAL.map(String)));
      assert.deepEqual(Object.keys(ORDER_TRANSITIONS), [...ORDER_STATUSES]);
    });

    it('makes delivered and cancelled final', () => {
      assert.deepEqual(ORDER_STATUSES.filter(isFinalStatus), ['delivered', 'cancelled']);
    });
  });

  describe('transitionOrder', () => {
    it('walks the happy path and records every time', () => {
      const placed = validateOrder(orderInput());
      const delivered = deliver(placed);
      assert.equal(delivered.status, 'delivered');
      assert.deepEqual(delivered.statusAt, { accepted: T0 + 10, ready: T0 + 500, assigned: T0 + 510, picked_up: T0 + 900, delivered: T0 + 1800 });
      assert.equal(delivered.storeId, 's1');
      assert.equal(delivered.riderId, 'r1');
      assert.equal(delivered.readyAt, T0 + 500, 'ready sets the actual ready time');
      assert.equal(lastTransitionAt(delivered), T0 + 1800);
      assert.ok(Object.isFrozen(delivered) && Object.isFrozen(delivered.statusAt));
    });

    it('unassigns an assigned order back to ready: drops the rider, keeps readyAt', () => {
      let o = transitionOrder(validateOrder(orderInput()), 'accepted', T0 + 10, { storeId: 's1' });
      o = transitionOrder(o, 'ready', T0 + 500);
      o = transitionOrder(o, 'assigned', T0 + 510, { riderId: 'r1' });
      const back = transitionOrder(o, 'ready', T0 + 560);
      assert.equal(back.status, 'ready');
      assert.equal(back.riderId, undefined);
      assert.equal(back.readyAt, T0 + 500, 'the food was ready at 500; unassigning does not change that');
      const again = transitionOrder(back, 'assigned', T0 + 570, { riderId: 'r2' });
      assert.equal(again.riderId, 'r2');
    });

    it('leaves the input order unchanged', () => {
      const placed = validateOrder(orderInput());
      transitionOrder(placed, 'accepted', T0 + 1, { storeId: 's1' });
      assert.equal(placed.status, 'placed');
      assert.equal(placed.statusAt, undefined);
    });

    it('keeps a validated order valid after every legal transition', () => {
      for (const [from, to] of LEGAL) {
        const next = transitionOrder(orderIn(from), to, T0 + 60, { storeId: 's2', riderId: 'r2' });
        assert.equal(next.status, to);
        assert.equal(next.statusAt?.[to as Exclude<OrderStatus, 'placed'>], T0 + 60);
        assert.deepEqual(validateOrder(next), next, `${from} → ${to}`);
      }
    });

    it('throws IllegalTransitionError for every edge outside the lifecycle', () => {
      for (const from of ORDER_STATUSES) {
        for (const to of ORDER_STATUSES) {
          if (canTransition(from, to)) continue;
          assert.throws(
            () => transitionOrder(orderIn(from), to, T0 + 60, { riderId: 'r1' }),
            (error: unknown) => error instanceof IllegalTransitionError && error.code === 'ILLEGAL_TRANSITION' && error.from === from && error.to === to,
            `${from} → ${to}`,
          );
        }
      }
    });

    it('names the order, both statuses and the allowed moves (delivered → assigned)', () => {
      assert.throws(() => transitionOrder(orderIn('delivered'), 'assigned', T0 + 60, { riderId: 'r1' }), {
        name: 'IllegalTransitionError',
        code: 'ILLEGAL_TRANSITION',
        orderId: 'o1',
        message: 'order "o1" cannot go from delivered to assigned (delivered is final)',
      });
      assert.throws(() => transitionOrder(orderIn('placed'), 'picked_up', T0 + 60), {
        message: 'order "o1" cannot go from placed to picked_up (allowed from placed: accepted, cancelled)',
      });
    });

    it('takes the store from the order when accepting without one', () => {
      const placed = validateOrder(orderInput({ storeId: 'w1' }));
      assert.equal(transitionOrder(placed, 'accepted', T0 + 1).storeId, 'w1');
    });

    it('throws when accepting without any store id', () => {
      assertInputError(() => transitionOrder(validateOrder(orderInput()), 'accepted', T0 + 1), {
        code: 'INVALID_INPUT',
        field: 'storeId',
        got: 'undefined',
      });
    });

    it('throws when assigning without a rider id', () => {
      assertInputError(() => transitionOrder(orderIn('ready'), 'assigned', T0 + 1, { riderId: '' }), {
        code: 'INVALID_INPUT',
        field: 'riderId',
        got: '""',
      });
    });

    it('throws on an unknown target status', () => {
      assertInputError(() => transitionOrder(orderIn('placed'), 'lost' as OrderStatus, T0 + 1), {
        code: 'INVALID_INPUT',
        field: 'to',
        got: '"lost"',
      });
    });

    it('throws when the time is not epoch seconds', () => {
      assertInputError(() => transitionOrder(orderIn('placed'), 'cancelled', (T0 + 1) * 1000), {
        code: 'INVALID_INPUT',
        field: 'at',
        got: String((T0 + 1) * 1000),
      });
    });

    it('throws when the time goes back before the last recorded time', () => {
      const accepted = transitionOrder(validateOrder(orderInput()), 'accepted', T0 + 100, { storeId: 's1' });
      const error = assertInputError(() => transitionOrder(accepted, 'ready', T0 + 99), { code: 'INVALID_INPUT', field: 'at', got: String(T0 + 99) });
      assert.match(error.message, new RegExp(`last recorded time \\(${T0 + 100}\\)`));
      assert.equal(transitionOrder(accepted, 'ready', T0 + 100).statusAt?.ready, T0 + 100, 'the same second is fine');
    });

    it('throws when the time is before placedAt', () => {
      assertInputError(() => transitionOrder(orderIn('placed'), 'cancelled', T0 - 1), { code: 'INVALID_INPUT', field: 'at', got: String(T0 - 1) });
    });
  });
});
