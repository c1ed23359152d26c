import assert from 'node:assert/strict';
import { EventBus } from '@o2o/dispatch-worker';

describe('EventBus', () => {
  it('keeps the last event of each type after it left the replay ring', () => {
    const bus = new EventBus(4);
    assert.equal(bus.latest('epoch.completed'), undefined);
    bus.publish('epoch.completed', 10, { data: { assignments: 3 } });
    for (let i = 0; i < 10; i++) bus.publish('order.placed', 11 + i, { orderId: `o${i}` });
    assert.equal(bus.since(0).some((e) => e.type === 'epoch.completed'), false, 'out of the ring');
    assert.deepEqual(bus.latest('epoch.completed')?.data, { assignments: 3 });
    assert.equal(bus.latest('order.placed')?.orderId, 'o9');
    assert.equal(bus.latest('order.placed')?.id, bus.lastId);
  });
});
