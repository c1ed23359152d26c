import assert from 'node:assert/strict';
import { LoadCity, LocationBatchFactory, OrderBodyFactory } from '@o2o/bench/load';

describe('load city', () => {
  it('builds the same stores, riders and order bodies from the same seed', () => {
    const a = new LoadCity(20, 30, 5);
    const b = new LoadCity(20, 0, 5);
    assert.deepEqual(a.storeLocations, b.storeLocations);
    const bodiesA = new OrderBodyFactory(a, 'run1', 5);
    const bodiesB = new OrderBodyFactory(b, 'run1', 5);
    for (let n = 0; n < 50; n++) assert.equal(bodiesA.next(n), bodiesB.next(n));
  });

  it('makes valid order bodies of 1–3 meals near their store, 215–345 bytes', () => {
    const city = new LoadCity(200, 0, 1);
    const bodies = new OrderBodyFactory(city, 'ab12cd34', 1);
    for (let n = 0; n < 2_000; n++) {
      const text = bodies.next(n);
      const size = Buffer.byteLength(text);
      assert.ok(size >= 200 && size <= 360, `${size} bytes`);
      const order = JSON.parse(text) as { storeId: string; items: { sku: string; quantity: number }[]; dropOff: { lat: number; lng: number }; externalRef: string };
      assert.match(order.storeId, /^load-s\d+$/);
      assert.ok(order.items.length >= 1 && order.items.length <= 3);
      for (const item of order.items) assert.match(item.sku, /^meal-\d{4}-[a-z-]+$/);
      const store = city.storeLocations[Number(order.storeId.slice(6))];
      assert.ok(store !== undefined);
      assert.ok(Math.hypot(order.dropOff.lat - store.lat, order.dropOff.lng - store.lng) < 0.03);
      assert.match(order.externalRef, /^[A-Za-z0-9._:-]{1,128}$/);
    }
  });

  it('sends every rider in turn in location batches', () => {
    const bodies = new LocationBatchFactory(new LoadCity(1, 3, 1), 2, 1);
    const ids = [bodies.next(), bodies.next()].flatMap((text) => (JSON.parse(text) as { locations: { riderId: string }[] }).locations.map((l) => l.riderId));
    assert.deepEqual(ids, ['load-r0', 'load-r1', 'load-r2', 'load-r0']);
  });
});
