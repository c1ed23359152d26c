import assert from 'node:assert/strict';
import { DispatchInputError, StoreLocator, generateSyntheticCity, hasStock, reserveStock, validateStore } from '@o2o/dispatch-core';
import { ZoneIndex, haversineDistanceM } from '@o2o/geo';

describe('StoreLocator', () => {
  const city = generateSyntheticCity({ seed: 21, numStores: 60, numOrders: 300 });
  const zones = ZoneIndex.build(city.zones);
  const locator = StoreLocator.build(city.stores, zones);

  /** Brute force: stores sharing a zone with the drop-off, with stock, sorted by distance. */
  function bruteForce(order: (typeof city.orders)[number], k: number): string[] {
    const orderZones = new Set(zones.zonesAt(order.dropOff[0], order.dropOff[1]));
    return city.stores
      .filter((s) => zones.zonesAt(s.location[0], s.location[1]).some((z) => orderZones.has(z)))
      .filter((s) => hasStock(s, order.items))
      .map((s) => ({ id: s.id, d: haversineDistanceM(s.location[0], s.location[1], order.dropOff[0], order.dropOff[1]) }))
      .sort((a, b) => a.d - b.d)
      .slice(0, k)
      .map((c) => c.id);
  }

  it('returns the same candidates as brute force over every order', () => {
    let withCandidates = 0;
    for (const order of city.orders) {
      const got = locator.candidatesFor(order, { k: 3 });
      assert.deepEqual(got.candidates.map((c) => c.storeId), bruteForce(order, 3), order.id);
      if (got.candidates.length > 0) withCandidates++;
      for (let i = 1; i < got.candidates.length; i++) assert.ok(got.candidates[i - 1]!.distanceM <= got.candidates[i]!.distanceM);
    }
    assert.ok(withCandidates > city.orders.length / 2, `only ${withCandidates} orders had candidates`);
  });

  it('explains an empty answer: outside every zone, or nobody in the zone has the stock', () => {
    const outside = locator.candidatesFor({ dropOff: [city.center[0] + 1, city.center[1]], items: [{ sku: 'sku-000', quantity: 1 }] });
    assert.equal(outside.reason, 'outside_zones');
    assert.deepEqual(outside.candidates, []);
    const order = city.orders.find((o) => zones.zonesAt(o.dropOff[0], o.dropOff[1]).length > 0)!;
    const tooMuch = locator.candidatesFor({ dropOff: order.dropOff, items: [{ sku: 'sku-000', quantity: 1_000_000 }] });
    assert.equal(tooMuch.reason, 'out_of_stock');
    assert.ok(tooMuch.zoneIds.length > 0);
  });

  it('stops offering a store once its stock is reserved away', () => {
    const order = city.orders.find((o) => locator.candidatesFor(o, { k: 1 }).candidates.length === 1)!;
    const first = locator.candidatesFor(order, { k: 1 }).candidates[0]!;
    const store = locator.store(first.storeIdx);
    const drain = Object.entries(store.inventory).map(([sku, quantity]) => ({ sku, quantity })).filter((i) => i.quantity > 0);
    const local = StoreLocator.build(city.stores, zones);
    const reserved = reserveStock(store, drain);
    assert.ok(reserved.ok);
    local.updateStore(first.storeIdx, reserved.store);
    const next = local.candidatesFor(order, { k: 1 }).candidates[0];
    assert.notEqual(next?.storeId, first.storeId);
  });

  it('serves everywhere when built without zones', () => {
    const open = StoreLocator.build(city.stores);
    const got = open.candidatesFor({ dropOff: [city.center[0] + 0.5, city.center[1]], items: [{ sku: 'sku-001', quantity: 1 }] }, { k: 2 });
    assert.equal(got.candidates.length, 2);
    assert.deepEqual(got.zoneIds, []);
  });

  it('rejects duplicate store ids and a moved store', () => {
    const s = validateStore({ id: 'a', kind: 'store', location: [0, 0], inventory: {} });
    assert.throws(() => StoreLocator.build([s, s]), (e: unknown) => e instanceof DispatchInputError && e.field === 'stores[1].id');
    const one = StoreLocator.build([s]);
    const moved = validateStore({ id: 'a', kind: 'store', location: [0, 1], inventory: {} });
    assert.throws(() => one.updateStore(0, moved), DispatchInputError);
  });
});
