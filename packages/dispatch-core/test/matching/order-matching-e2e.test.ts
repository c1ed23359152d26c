import assert from 'node:assert/strict';
import {
  InventoryReservations,
  OrderStoreMatcher,
  SUBSTITUTION_POLICIES,
  SubstituteCatalogue,
  generateSyntheticCity,
  isCompleteMatch,
  type MatchStatus,
  type Reservation,
} from '@o2o/dispatch-core';
import { ZoneIndex } from '@o2o/geo';

describe('store matching end to end on a synthetic city', () => {
  it('matches, reserves, commits and releases a morning of orders without overselling', () => {
    const city = generateSyntheticCity({ seed: 5, numStores: 14, numOrders: 400, numSkus: 30 });
    const zones = ZoneIndex.build(city.zones);
    // Eight categories, three brands, four sizes: enough alike products for substitutes.
    const catalogue = SubstituteCatalogue.build({
      products: city.skus.map((sku, i) => ({ sku, category: `c${i % 8}`, brand: `b${i % 3}`, size: { value: 100 * (1 + (i % 4)), unit: 'g' } })),
    });
    const inv = new InventoryReservations(city.stores, { defaultTtlSec: 3 * 3600 });
    const matcher = OrderStoreMatcher.build(city.stores, { zones, catalogue, stock: inv });
    const counts = new Map<MatchStatus, number>();
    const held: Reservation[] = [];

    city.orders.forEach((order, i) => {
      const policy = SUBSTITUTION_POLICIES[i % 3]!;
      let match = matcher.match(order, { policy });
      counts.set(match.status, (counts.get(match.status) ?? 0) + 1);
      const orderZones = new Set(zones.zonesAt(order.dropOff[0], order.dropOff[1]));
      if (orderZones.size === 0) {
        assert.equal(match.reason, 'outside_zones', order.id);
        return;
      }
      assert.deepEqual(new Set(match.zoneIds), orderZones, order.id);
      if (match.status === 'needs_confirmation') match = matcher.confirmSubstitutes(match, match.proposals.map((p) => p.substituteFor));
      if (policy !== 'allow') assert.ok(match.plan.lines.every((l) => policy === 'ask' || l.substituteFor === undefined), order.id);
      if (!isCompleteMatch(match)) return;

      assert.ok(match.plan.stores.length <= 2, order.id);
      for (const s of match.plan.stores) {
        const store = city.stores[s.storeIdx]!;
        assert.ok(zones.zonesAt(store.location[0], store.location[1]).some((z) => orderZones.has(z)), `${order.id}: ${store.id} is outside its zones`);
      }
      const planned = new Map(match.plan.lines.map((l) => [l.substituteFor ?? l.sku, l.quantity]));
      for (const item of order.items) assert.equal(planned.get(item.sku), item.quantity, `${order.id}: ${item.sku}`);
      for (const l of match.plan.lines) if (l.similarity !== undefined) assert.ok(l.similarity >= 0.6, order.id);

      // Matching read the stock net of reservations, so the reservation must fit.
      const r = inv.reserve({ lines: match.plan.lines, orderId: order.id }, order.placedAt);
      assert.ok(r.ok, `${order.id}: ${JSON.stringify(!r.ok && r.shortages)}`);
      held.push(r.reservation);
    });

    for (const status of ['single', 'split', 'substituted', 'partial', 'unmatched'] as const) {
      assert.ok((counts.get(status) ?? 0) > 0, `no ${status} match in ${JSON.stringify([...counts])}`);
    }
    assert.ok((counts.get('needs_confirmation') ?? 0) > 0);
    assert.ok(held.length > city.orders.length / 2, `${held.length} reserved`);

    // Pickup for half, cancel for the other half.
    const end = city.startAt + 7200;
    held.forEach((r, i) => (i % 2 === 0 ? inv.commit(r.id, end) : inv.release(r.id, end)));
    for (const store of city.stores) {
      for (const sku of city.skus) {
        const committed = held
          .filter((_, i) => i % 2 === 0)
          .flatMap((r) => r.lines)
          .filter((l) => l.storeId === store.id && l.sku === sku)
          .reduce((sum, l) => sum + l.quantity, 0);
        assert.equal(inv.onHandOf(store.id, sku), (store.inventory[sku] ?? 0) - committed, `${store.id}/${sku}`);
        assert.equal(inv.reservedOf(store.id, sku), 0);
        assert.ok(inv.availableOf(store.id, sku) >= 0);
      }
    }
  });
});
