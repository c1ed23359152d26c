import assert from 'node:assert/strict';
import { DEFAULT_RESERVATION_TTL_SEC, InventoryReservations, OrderStoreMatcher, ReservationError, type ReservationErrorCode } from '@o2o/dispatch-core';
import { assertInputError } from '../helpers/assert-input-error.js';
import { T0, basket, shop, tableTravelTime } from './match-fixtures.js';

const STORES = [shop('A', 0.001, { apple: 5, bread: 2 }), shop('B', 0.002, { milk: 3 })];

function assertReservationError(fn: () => unknown, code: ReservationErrorCode, id: string): void {
  assert.throws(fn, (e: unknown) => e instanceof ReservationError && e.code === code && e.reservationId === id && e.message.includes(JSON.stringify(id)));
}

describe('InventoryReservations', () => {
  it('holds the lines of a plan across stores: available = on hand − reserved', () => {
    const inv = new InventoryReservations(STORES);
    const got = inv.reserve({ orderId: 'o1', lines: [{ storeId: 'A', sku: 'apple', quantity: 2 }, { storeId: 'B', sku: 'milk', quantity: 1 }, { storeId: 'A', sku: 'apple', quantity: 1 }] }, T0);
    assert.ok(got.ok);
    assert.equal(got.reservation.id, 'res-1');
    assert.equal(got.reservation.orderId, 'o1');
    assert.equal(got.reservation.status, 'held');
    assert.equal(got.reservation.expiresAt, T0 + DEFAULT_RESERVATION_TTL_SEC);
    assert.deepEqual(got.reservation.lines, [{ storeId: 'A', sku: 'apple', quantity: 3 }, { storeId: 'B', sku: 'milk', quantity: 1 }]);
    assert.deepEqual([inv.onHandOf('A', 'apple'), inv.reservedOf('A', 'apple'), inv.availableOf('A', 'apple')], [5, 3, 2]);
    assert.equal(inv.availableOf('B', 'milk'), 2);
    assert.equal(inv.availableOf('B', 'caviar'), 0);
    assert.equal(inv.availableOf('nowhere', 'milk'), 0);
    assert.equal(inv.numHeld, 1);
  });

  it('is all or nothing: one short line refuses the whole reservation, listing every shortage', () => {
    const inv = new InventoryReservations(STORES);
    const got = inv.reserve({ lines: [{ storeId: 'A', sku: 'apple', quantity: 2 }, { storeId: 'B', sku: 'milk', quantity: 4 }, { storeId: 'A', sku: 'bread', quantity: 3 }] }, T0);
    assert.deepEqual(got, {
      ok: false,
      shortages: [
        { storeId: 'B', sku: 'milk', requested: 4, available: 3 },
        { storeId: 'A', sku: 'bread', requested: 3, available: 2 },
      ],
    });
    assert.equal(inv.availableOf('A', 'apple'), 5, 'the line that fitted was not taken');
    assert.equal(inv.numHeld, 0);
    assert.equal(inv.reservations().length, 0);
  });

  it('never oversells: the second order gets only what the first left', () => {
    const inv = new InventoryReservations(STORES);
    assert.ok(inv.reserve({ lines: [{ storeId: 'B', sku: 'milk', quantity: 2 }] }, T0).ok);
    const second = inv.reserve({ lines: [{ storeId: 'B', sku: 'milk', quantity: 2 }] }, T0);
    assert.deepEqual(second, { ok: false, shortages: [{ storeId: 'B', sku: 'milk', requested: 2, available: 1 }] });
    assert.ok(inv.reserve({ lines: [{ storeId: 'B', sku: 'milk', quantity: 1 }] }, T0).ok);
    assert.equal(inv.availableOf('B', 'milk'), 0);
  });

  it('expires holds: releaseExpired(now) frees those with expiresAt <= now, and reserve sweeps first', () => {
    const inv = new InventoryReservations(STORES, { defaultTtlSec: 60 });
    const a = inv.reserve({ lines: [{ storeId: 'B', sku: 'milk', quantity: 3 }] }, T0);
    const b = inv.reserve({ lines: [{ storeId: 'A', sku: 'apple', quantity: 1 }], ttlSec: 600 }, T0);
    assert.ok(a.ok && b.ok);
    assert.deepEqual(inv.releaseExpired(T0 + 59), []);
    assert.equal(inv.availableOf('B', 'milk'), 0);
    const expired = inv.releaseExpired(T0 + 60);
    assert.deepEqual(expired.map((r) => [r.id, r.status, r.endedAt]), [[a.reservation.id, 'expired', T0 + 60]]);
    assert.equal(inv.availableOf('B', 'milk'), 3);
    assert.equal(inv.get(b.reservation.id).status, 'held');
    // An unswept expired hold does not block a new reservation.
    const c = inv.reserve({ lines: [{ storeId: 'B', sku: 'milk', quantity: 3 }] }, T0 + 100);
    assert.ok(c.ok);
    const d = inv.reserve({ lines: [{ storeId: 'B', sku: 'milk', quantity: 3 }] }, T0 + 100 + 60);
    assert.ok(d.ok, 'c expired at T0 + 160 and was swept by this reserve');
    assert.equal(inv.get(c.reservation.id).status, 'expired');
  });

  it('releases on cancel, idempotently; a released hold cannot be committed', () => {
    const inv = new InventoryReservations(STORES);
    const r = inv.reserve({ lines: [{ storeId: 'A', sku: 'bread', quantity: 2 }] }, T0);
    assert.ok(r.ok);
    const first = inv.release(r.reservation.id, T0 + 5);
    assert.equal(first.released, true);
    assert.equal(first.reservation.status, 'released');
    assert.equal(inv.availableOf('A', 'bread'), 2);
    const again = inv.release(r.reservation.id, T0 + 6);
    assert.equal(again.released, false);
    assert.equal(again.reservation.endedAt, T0 + 5);
    assert.equal(inv.availableOf('A', 'bread'), 2, 'released once, not twice');
    assertReservationError(() => inv.commit(r.reservation.id, T0 + 7), 'RESERVATION_RELEASED', r.reservation.id);
  });

  it('commits on pickup: on-hand stock drops once; a second commit is a typed error and changes nothing', () => {
    const inv = new InventoryReservations(STORES);
    const r = inv.reserve({ lines: [{ storeId: 'A', sku: 'apple', quantity: 2 }, { storeId: 'B', sku: 'milk', quantity: 1 }] }, T0);
    assert.ok(r.ok);
    const done = inv.commit(r.reservation.id, T0 + 300);
    assert.equal(done.status, 'committed');
    assert.equal(done.endedAt, T0 + 300);
    assert.deepEqual([inv.onHandOf('A', 'apple'), inv.reservedOf('A', 'apple'), inv.availableOf('A', 'apple')], [3, 0, 3]);
    assert.equal(inv.onHandOf('B', 'milk'), 2);
    assertReservationError(() => inv.commit(r.reservation.id, T0 + 301), 'ALREADY_COMMITTED', r.reservation.id);
    assert.equal(inv.onHandOf('A', 'apple'), 3);
    // Releasing a committed reservation (cancel after pickup) changes nothing either.
    assert.equal(inv.release(r.reservation.id, T0 + 302).released, false);
    assert.equal(inv.availableOf('A', 'apple'), 3);
    assert.equal(inv.get(r.reservation.id).status, 'committed');
  });

  it('refuses to commit an expired hold, even before any sweep', () => {
    const inv = new InventoryReservations(STORES);
    const r = inv.reserve({ lines: [{ storeId: 'B', sku: 'milk', quantity: 2 }], ttlSec: 120 }, T0);
    assert.ok(r.ok);
    assertReservationError(() => inv.commit(r.reservation.id, T0 + 120), 'RESERVATION_EXPIRED', r.reservation.id);
    assert.equal(inv.get(r.reservation.id).status, 'expired');
    assert.equal(inv.availableOf('B', 'milk'), 3);
    assert.equal(inv.onHandOf('B', 'milk'), 3);
  });

  it('throws UNKNOWN_RESERVATION for an id it never issued', () => {
    const inv = new InventoryReservations(STORES);
    assertReservationError(() => inv.get('res-9'), 'UNKNOWN_RESERVATION', 'res-9');
    assertReservationError(() => inv.release('res-9', T0), 'UNKNOWN_RESERVATION', 'res-9');
    assertReservationError(() => inv.commit('res-9', T0), 'UNKNOWN_RESERVATION', 'res-9');
    assert.equal(inv.find('res-9'), undefined);
  });

  it('validates requests and construction, naming field, rule and value', () => {
    const inv = new InventoryReservations(STORES);
    assertInputError(() => inv.reserve({ lines: [] }, T0), { code: 'INVALID_INPUT', field: 'request.lines', got: '[]' });
    assertInputError(() => inv.reserve({ lines: [{ storeId: 'Z', sku: 'milk', quantity: 1 }] }, T0), { code: 'UNKNOWN_REFERENCE', field: 'request.lines[0].storeId', got: '"Z"' });
    assertInputError(() => inv.reserve({ lines: [{ storeId: 'A', sku: 'apple', quantity: 0 }] }, T0), { code: 'INVALID_INPUT', field: 'request.lines[0].quantity', got: '0' });
    assertInputError(() => inv.reserve({ lines: [{ storeId: 'A', sku: 'apple', quantity: 1 }], ttlSec: 0 }, T0), { code: 'INVALID_INPUT', field: 'request.ttlSec', got: '0' });
    assertInputError(() => inv.reserve({ lines: [{ storeId: 'A', sku: 'apple', quantity: 1 }] }, T0 * 1000), { code: 'INVALID_INPUT', field: 'now', got: String(T0 * 1000) });
    assertInputError(() => inv.releaseExpired(-1), { code: 'INVALID_INPUT', field: 'now', got: '-1' });
    assertInputError(() => new InventoryReservations([STORES[0]!, STORES[0]!]), { code: 'DUPLICATE_ID', field: 'stores[1].id', got: '"A"' });
    assertInputError(() => new InventoryReservations([{ id: 'A', inventory: { apple: -1 } }]), { code: 'INVALID_INPUT', field: 'stores[0].inventory["apple"]', got: '-1' });
    assertInputError(() => new InventoryReservations(STORES, { defaultTtlSec: 1.5 }), { code: 'INVALID_INPUT', field: 'options.defaultTtlSec', got: '1.5' });
  });

  it('reserves a matched plan as is, and the matcher then sees what is left', () => {
    const inv = new InventoryReservations(STORES);
    const matcher = OrderStoreMatcher.build(STORES, { travelTime: tableTravelTime(STORES, { A: 100, B: 200 }), stock: inv });
    const first = matcher.match(basket(['apple', 4], ['milk', 3]));
    assert.equal(first.status, 'split');
    const held = inv.reserve(first.plan, T0);
    assert.ok(held.ok);
    assert.deepEqual(held.reservation.lines, [{ storeId: 'A', sku: 'apple', quantity: 4 }, { storeId: 'B', sku: 'milk', quantity: 3 }]);
    const second = matcher.match(basket(['apple', 2], ['milk', 1]));
    // 1 apple and no milk are left: no store can serve a single line.
    assert.equal(second.status, 'unmatched');
    assert.equal(second.reason, 'out_of_stock');
    const oneApple = matcher.match(basket(['apple', 1], ['milk', 1]));
    assert.equal(oneApple.status, 'partial');
    assert.deepEqual(oneApple.missing, [{ sku: 'milk', quantity: 1, reason: 'out_of_stock' }]);
    inv.release(held.reservation.id, T0 + 1);
    assert.equal(matcher.match(basket(['apple', 2], ['milk', 1])).status, 'split');
  });
});
