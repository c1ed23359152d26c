import assert from 'node:assert/strict';
import { replanRoutes, type ReplanInput } from '@o2o/dispatch-core';

/** Ten locations on a line, one minute apart. */
const N = 10;
const matrix = Int32Array.from({ length: N * N }, (_, k) => Math.abs(Math.floor(k / N) - (k % N)) * 60);

function input(reassignNotPickedUp: boolean): ReplanInput {
  return {
    numLocations: N,
    durationMatrix: matrix,
    reassignNotPickedUp,
    maxIterations: 300,
    orders: [
      { id: 'A', pickupLocation: 1, dropoffLocation: 2, readyAt: 0, promisedBy: 3600 },
      { id: 'B', pickupLocation: 8, dropoffLocation: 7, readyAt: 0, promisedBy: 3600 },
      { id: 'C', pickupLocation: 1, dropoffLocation: 3, readyAt: 0, promisedBy: 1800 },
      { id: 'D', pickupLocation: 8, dropoffLocation: 9, readyAt: 0, promisedBy: 3600 },
    ],
    riders: [
      { id: 'r1', location: 0, availableAt: 0, capacity: 4, onBoard: ['A'] },
      { id: 'r2', location: 9, availableAt: 0, capacity: 4, headingToPickup: 'B', assigned: ['C'] },
    ],
  };
}

describe('dispatch: replanRoutes (routes under way)', () => {
  it('keeps on-board orders and the stop under way, inserts new orders, moves a not-picked order when that helps', async () => {
    const res = await replanRoutes(input(true));
    assert.equal(res.isFeasible, true);
    assert.deepEqual(res.unassigned, []);
    const route = (id: string) => res.routes.find((r) => r.riderId === id)!.stops;
    const r1 = route('r1');
    const r2 = route('r2');
    assert.ok(r1.some((s) => s.kind === 'delivery' && s.orderId === 'A'), 'A stays on board of r1');
    assert.ok(!r1.some((s) => s.kind === 'pickup' && s.orderId === 'A'), 'A is not picked up again');
    assert.deepEqual(r2[0], { ...r2[0]!, kind: 'pickup', orderId: 'B' }, 'the pickup under way stays first');
    assert.ok(r1.some((s) => s.kind === 'pickup' && s.orderId === 'C'), 'C, next to r1, moves to r1');
    assert.deepEqual(res.reassigned, [{ orderId: 'C', from: 'r2', to: 'r1' }]);
    const served = new Set([...r1, ...r2].filter((s) => s.kind === 'delivery').map((s) => s.orderId));
    assert.deepEqual([...served].sort(), ['A', 'B', 'C', 'D']);
  });

  it('leaves assigned orders with their rider when reassignment is off', async () => {
    const res = await replanRoutes(input(false));
    assert.deepEqual(res.reassigned, []);
    const r2 = res.routes.find((r) => r.riderId === 'r2')!.stops;
    assert.deepEqual(r2.slice(0, 2).map((s) => `${s.kind}:${s.orderId}`), ['pickup:B', 'pickup:C']);
  });

  it('rejects routes naming unknown orders', async () => {
    const bad = { ...input(true), riders: [{ id: 'r1', location: 0, availableAt: 0, capacity: 4, onBoard: ['Z'] }] };
    await assert.rejects(replanRoutes(bad), /riders\[0\]\.onBoard\[0\] must name an order of orders, got "Z"/);
  });
});
