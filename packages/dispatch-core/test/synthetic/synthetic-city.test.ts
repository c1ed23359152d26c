import assert from 'node:assert/strict';
import { CITY_CENTRES, DispatchInputError, buildDispatchSnapshot, generateSyntheticCity } from '@o2o/dispatch-core';
import { ZoneIndex, haversineDistanceM } from '@o2o/geo';

describe('generateSyntheticCity', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = generateSyntheticCity({ seed: 7, numOrders: 50 });
    const b = generateSyntheticCity({ seed: 7, numOrders: 50 });
    const c = generateSyntheticCity({ seed: 8, numOrders: 50 });
    assert.deepEqual(a, b);
    assert.notDeepEqual(a.orders, c.orders);
  });

  it('produces the requested counts and a valid dispatch snapshot', () => {
    const city = generateSyntheticCity({ seed: 3, numStores: 12, numRiders: 30, numOrders: 80, numZones: 4 });
    assert.equal(city.stores.length, 12);
    assert.equal(city.riders.length, 30);
    assert.equal(city.orders.length, 80);
    assert.equal(city.zones.length, 4);
    const snapshot = buildDispatchSnapshot({ stores: city.stores, riders: city.riders, orders: city.orders });
    assert.equal(snapshot.numOrders, 80);
  });

  it('puts every store inside a zone and most drop-offs inside one', () => {
    const city = generateSyntheticCity({ seed: 5, numOrders: 400 });
    const zones = ZoneIndex.build(city.zones);
    for (const s of city.stores) assert.ok(zones.zonesAt(s.location[0], s.location[1]).length > 0, s.id);
    const inside = city.orders.filter((o) => zones.zonesAt(o.dropOff[0], o.dropOff[1]).length > 0).length;
    assert.ok(inside >= 0.9 * city.orders.length, `${inside} of ${city.orders.length} inside`);
  });

  it('keeps everything within the served radius, with consistent times and sizes', () => {
    const city = generateSyntheticCity({ seed: 9, center: CITY_CENTRES.porto, radiusM: 5_000 });
    for (const r of city.riders) {
      assert.ok(haversineDistanceM(r.position[0], r.position[1], city.center[0], city.center[1]) <= 5_000 * 1.01);
      assert.ok(r.shiftStart < r.shiftEnd);
    }
    for (const o of city.orders) {
      assert.ok(haversineDistanceM(o.dropOff[0], o.dropOff[1], city.center[0], city.center[1]) <= 5_000 * 1.5);
      assert.ok(o.placedAt <= o.readyAt && o.readyAt < o.promisedBy);
      assert.equal(o.size, o.items.reduce((s, it) => s + (it.size ?? 0) * it.quantity, 0));
    }
  });

  it('leaves some SKUs out of stock so matching has choices to make', () => {
    const city = generateSyntheticCity({ seed: 2 });
    const zeros = city.stores.flatMap((s) => Object.values(s.inventory)).filter((q) => q === 0).length;
    assert.ok(zeros > 0);
  });

  it('rejects bad options naming the field and value', () => {
    assert.throws(() => generateSyntheticCity({ numOrders: -1 }), (e: unknown) => e instanceof DispatchInputError && e.field === 'options.numOrders' && /got -1/.test(e.message));
    assert.throws(() => generateSyntheticCity({ radiusM: 0 }), (e: unknown) => e instanceof DispatchInputError && e.field === 'options.radiusM');
    assert.throws(() => generateSyntheticCity({ center: [200, 0] }), (e: unknown) => e instanceof DispatchInputError && e.code === 'INVALID_COORDINATE');
    assert.throws(() => generateSyntheticCity({ numZones: 0 }), (e: unknown) => e instanceof DispatchInputError && e.field === 'options.numZones');
  });
});
