import assert from 'node:assert/strict';
import { DEFAULT_RESERVATION_TTL_SEC, InventoryReservations, OrderStoreMatcher, ReservationError, type Reservation, type ReservationErrorCode } from '@o2o/dispatch-core';
import { mulberry32 } from '@o2o/geo';
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
  describe('in a long-running service', () => {
    const line = (storeId: string, sku: string, quantity: number): { storeId: string; sku: string; quantity: number } => ({ storeId, sku, quantity });

    it('setStore adds a store it did not know, which reservations can then use', () => {
      const inv = new InventoryReservations(STORES);
      assertInputError(() => inv.reserve({ lines: [line('C', 'tea', 1)] }, T0), { code: 'UNKNOWN_REFERENCE', field: 'request.lines[0].storeId', got: '"C"' });
      inv.setStore({ id: 'C', inventory: { tea: 4 } });
      assert.equal(inv.availableOf('C', 'tea'), 4);
      const r = inv.reserve({ lines: [line('C', 'tea', 3), line('A', 'apple', 1)] }, T0);
      assert.ok(r.ok);
      assert.deepEqual([inv.onHandOf('C', 'tea'), inv.reservedOf('C', 'tea'), inv.availableOf('C', 'tea')], [4, 3, 1]);
    });

    it('setStore replaces the on-hand counts of a known store and keeps its reserved units reserved', () => {
      const inv = new InventoryReservations(STORES);
      const held = inv.reserve({ lines: [line('A', 'apple', 3), line('A', 'bread', 2)] }, T0);
      assert.ok(held.ok);
      // A recount below what is held: available is 0, never negative, and nothing more is sold.
      inv.setStore({ id: 'A', inventory: { apple: 2, kiwi: 6 } });
      assert.deepEqual([inv.onHandOf('A', 'apple'), inv.reservedOf('A', 'apple'), inv.availableOf('A', 'apple')], [2, 3, 0]);
      assert.deepEqual([inv.onHandOf('A', 'bread'), inv.reservedOf('A', 'bread'), inv.availableOf('A', 'bread')], [0, 2, 0], 'a sku left out of the recount has 0 on hand');
      assert.equal(inv.availableOf('A', 'kiwi'), 6);
      assert.deepEqual(inv.reserve({ lines: [line('A', 'apple', 1)] }, T0), { ok: false, shortages: [{ storeId: 'A', sku: 'apple', requested: 1, available: 0 }] });
      // A recount above it: available = new on hand − reserved.
      inv.setStore({ id: 'A', inventory: { apple: 10, bread: 2 } });
      assert.deepEqual([inv.onHandOf('A', 'apple'), inv.reservedOf('A', 'apple'), inv.availableOf('A', 'apple')], [10, 3, 7]);
      assert.equal(inv.availableOf('A', 'bread'), 0);
      assert.equal(inv.availableOf('A', 'kiwi'), 0, 'the kiwis were not in this recount');
      inv.commit(held.reservation.id, T0 + 60);
      assert.deepEqual([inv.onHandOf('A', 'apple'), inv.reservedOf('A', 'apple'), inv.availableOf('A', 'apple')], [7, 0, 7]);
      // A commit never takes on hand below 0, even after a recount short of the hold.
      const again = inv.reserve({ lines: [line('A', 'apple', 5)] }, T0 + 60);
      assert.ok(again.ok);
      inv.setStore({ id: 'A', inventory: { apple: 1 } });
      inv.commit(again.reservation.id, T0 + 120);
      assert.deepEqual([inv.onHandOf('A', 'apple'), inv.reservedOf('A', 'apple'), inv.availableOf('A', 'apple')], [0, 0, 0]);
    });

    it('keeps available = max(0, on hand − reserved) and reserved = held units through random recounts', () => {
      const rng = mulberry32(42);
      const inv = new InventoryReservations([{ id: 'A', inventory: { x: 5, y: 5 } }, { id: 'B', inventory: { x: 5 } }], { defaultTtlSec: 300 });
      const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
      let now = T0;
      const open: string[] = [];
      for (let step = 0; step < 2000; step++) {
        now += Math.floor(rng() * 20);
        const u = rng();
        if (u < 0.4) {
          const got = inv.reserve({ lines: [line(pick(['A', 'B']), pick(['x', 'y']), 1 + Math.floor(rng() * 3))] }, now);
          if (got.ok) open.push(got.reservation.id);
        } else if (u < 0.6 && open.length > 0) {
          const id = open.splice(Math.floor(rng() * open.length), 1)[0]!;
          if (inv.get(id).status === 'held' && now < inv.get(id).expiresAt) inv.commit(id, now);
        } else if (u < 0.75 && open.length > 0) {
          inv.release(open.splice(Math.floor(rng() * open.length), 1)[0]!, now);
        } else {
          inv.setStore({ id: pick(['A', 'B']), inventory: { x: Math.floor(rng() * 8), y: Math.floor(rng() * 8) } });
        }
        const held = inv.reservations('held');
        for (const storeId of ['A', 'B']) {
          for (const sku of ['x', 'y']) {
            const units = held.reduce((sum, r) => sum + r.lines.filter((l) => l.storeId === storeId && l.sku === sku).reduce((s2, l) => s2 + l.quantity, 0), 0);
            const where = `step ${step}: ${storeId}/${sku}`;
            assert.equal(inv.reservedOf(storeId, sku), units, `${where} reserved`);
            assert.ok(inv.onHandOf(storeId, sku) >= 0, `${where} on hand`);
            assert.equal(inv.availableOf(storeId, sku), Math.max(0, inv.onHandOf(storeId, sku) - units), `${where} available`);
          }
        }
      }
    });

    it('setStore validates like the constructor and changes nothing on bad input', () => {
      const inv = new InventoryReservations(STORES);
      assertInputError(() => inv.setStore({ id: '', inventory: {} }), { code: 'INVALID_INPUT', field: 'store.id', got: '""' });
      assertInputError(() => inv.setStore({ id: 'A', inventory: { apple: -1 } }), { code: 'INVALID_INPUT', field: 'store.inventory["apple"]', got: '-1' });
      assertInputError(() => inv.setStore({ id: 'A', inventory: { apple: 1.5 } }), { code: 'INVALID_INPUT', field: 'store.inventory["apple"]', got: '1.5' });
      assertInputError(() => inv.setStore(null as never), { code: 'INVALID_INPUT', field: 'store', got: 'null' });
      assert.equal(inv.onHandOf('A', 'apple'), 5);
    });

    it('restoreHeld adopts held reservations after a restart, keeping ids, lines and times', () => {
      const before = new InventoryReservations(STORES, { idPrefix: 'boot1-' });
      const a = before.reserve({ orderId: 'o1', lines: [line('A', 'apple', 2), line('B', 'milk', 1)], ttlSec: 600 }, T0);
      const b = before.reserve({ lines: [line('A', 'bread', 2)], ttlSec: 60 }, T0 + 10);
      assert.ok(a.ok && b.ok);
      const fromDb = JSON.parse(JSON.stringify(before.reservations('held'))) as Reservation[];
      const after = new InventoryReservations(STORES, { idPrefix: 'boot2-' });
      const restored = after.restoreHeld(fromDb);
      assert.deepEqual(restored, [a.reservation, b.reservation]);
      assert.deepEqual(after.get(a.reservation.id), a.reservation);
      assert.equal(after.numHeld, 2);
      assert.deepEqual([after.reservedOf('A', 'apple'), after.availableOf('A', 'apple'), after.availableOf('B', 'milk'), after.availableOf('A', 'bread')], [2, 3, 2, 0]);
      // They behave as if never interrupted: expiry at the old expiresAt, commit deducts stock.
      assert.deepEqual(after.releaseExpired(T0 + 70).map((r) => r.id), [b.reservation.id]);
      assert.equal(after.availableOf('A', 'bread'), 2);
      after.commit(a.reservation.id, T0 + 100);
      assert.deepEqual([after.onHandOf('A', 'apple'), after.reservedOf('A', 'apple'), after.onHandOf('B', 'milk')], [3, 0, 2]);
      const next = after.reserve({ lines: [line('A', 'apple', 1)] }, T0 + 100);
      assert.ok(next.ok);
      assert.equal(next.reservation.id, 'boot2-1');
    });

    it('restoreHeld moves the id sequence past restored ids of its own prefix, so ids never repeat', () => {
      const before = new InventoryReservations(STORES);
      for (let i = 0; i < 3; i++) assert.ok(before.reserve({ lines: [line('A', 'apple', 1)] }, T0).ok);
      const after = new InventoryReservations(STORES);
      after.restoreHeld(before.reservations('held').slice(1));
      const next = after.reserve({ lines: [line('A', 'apple', 1)] }, T0);
      assert.ok(next.ok);
      assert.equal(next.reservation.id, 'res-4');
    });

    it('restoreHeld refuses a non-held reservation, an unknown store or an id already known, and then restores nothing', () => {
      const inv = new InventoryReservations(STORES);
      const mine = inv.reserve({ lines: [line('A', 'apple', 1)] }, T0);
      assert.ok(mine.ok);
      const held: Reservation = { id: 'old-1', lines: [line('A', 'apple', 2)], status: 'held', createdAt: T0, expiresAt: T0 + 900 };
      assertInputError(() => inv.restoreHeld([held, { ...held, id: 'old-2', status: 'committed', endedAt: T0 + 5 }]), { code: 'INVALID_INPUT', field: 'reservations[1].status', got: '"committed"' });
      assertInputError(() => inv.restoreHeld([{ ...held, lines: [line('Z', 'apple', 1)] }]), { code: 'UNKNOWN_REFERENCE', field: 'reservations[0].lines[0].storeId', got: '"Z"' });
      assertInputError(() => inv.restoreHeld([{ ...held, id: mine.reservation.id }]), { code: 'DUPLICATE_ID', field: 'reservations[0].id', got: '"res-1"' });
      assertInputError(() => inv.restoreHeld([held, held]), { code: 'DUPLICATE_ID', field: 'reservations[1].id', got: '"old-1"' });
      assertInputError(() => inv.restoreHeld([{ ...held, expiresAt: T0 }]), { code: 'INVALID_INPUT', field: 'reservations[0].expiresAt', got: String(T0) });
      assertInputError(() => inv.restoreHeld([{ ...held, lines: [] }]), { code: 'INVALID_INPUT', field: 'reservations[0].lines', got: '[]' });
      assert.deepEqual([inv.numHeld, inv.reservedOf('A', 'apple'), inv.find('old-1')], [1, 1, undefined], 'all or none');
    });

    it('with retainEnded: false forgets a reservation once it ends, returning its final snapshot', () => {
      const inv = new InventoryReservations(STORES, { retainEnded: false });
      const c = inv.reserve({ lines: [line('A', 'apple', 1)] }, T0);
      const r = inv.reserve({ lines: [line('A', 'apple', 1)] }, T0);
      const e = inv.reserve({ lines: [line('B', 'milk', 1)], ttlSec: 60 }, T0);
      const late = inv.reserve({ lines: [line('B', 'milk', 1)], ttlSec: 120 }, T0);
      assert.ok(c.ok && r.ok && e.ok && late.ok);
      assert.equal(inv.commit(c.reservation.id, T0 + 1).status, 'committed');
      assert.equal(inv.release(r.reservation.id, T0 + 1).reservation.status, 'released');
      assert.deepEqual(inv.releaseExpired(T0 + 60).map((x) => [x.id, x.status]), [[e.reservation.id, 'expired']]);
      assertReservationError(() => inv.commit(late.reservation.id, T0 + 120), 'RESERVATION_EXPIRED', late.reservation.id);
      for (const id of [c.reservation.id, r.reservation.id, e.reservation.id, late.reservation.id]) {
        assert.equal(inv.find(id), undefined);
        assertReservationError(() => inv.get(id), 'UNKNOWN_RESERVATION', id);
        assertReservationError(() => inv.release(id, T0 + 200), 'UNKNOWN_RESERVATION', id);
        assertReservationError(() => inv.commit(id, T0 + 200), 'UNKNOWN_RESERVATION', id);
      }
      assert.deepEqual(inv.reservations(), []);
      assert.deepEqual([inv.onHandOf('A', 'apple'), inv.availableOf('A', 'apple'), inv.availableOf('B', 'milk')], [4, 4, 3]);
    });

    it('with retainEnded: false stays bounded over 10,000 reserve/commit cycles', () => {
      const inv = new InventoryReservations([{ id: 'A', inventory: { x: 1_000_000 } }], { retainEnded: false, defaultTtlSec: 30 });
      let most = 0;
      for (let i = 0; i < 10_000; i++) {
        const now = T0 + i;
        const got = inv.reserve({ lines: [line('A', 'x', 1)] }, now);
        assert.ok(got.ok);
        // Every third hold is left to expire; the others are picked up.
        if (i % 3 !== 0) inv.commit(got.reservation.id, now);
        most = Math.max(most, inv.reservations().length);
      }
      assert.ok(most <= 12, `at most the holds not yet expired are kept, got ${most}`);
      const retained = new InventoryReservations([{ id: 'A', inventory: { x: 100 } }]);
      for (let i = 0; i < 50; i++) retained.commit((retained.reserve({ lines: [line('A', 'x', 1)] }, T0) as { reservation: Reservation }).reservation.id, T0);
      assert.equal(retained.reservations().length, 50, 'the default still keeps every reservation');
    });

    it('never issues the same id from two instances with different prefixes, and validates idPrefix and retainEnded', () => {
      const one = new InventoryReservations(STORES, { idPrefix: 'p1-' });
      const two = new InventoryReservations(STORES, { idPrefix: 'p2-' });
      const ids = new Set<string>();
      for (let i = 0; i < 20; i++) {
        for (const inv of [one, two]) {
          const got = inv.reserve({ lines: [line('B', 'milk', 1)] }, T0);
          if (got.ok) {
            ids.add(got.reservation.id);
            inv.release(got.reservation.id, T0);
          }
        }
      }
      assert.equal(ids.size, 40);
      assertInputError(() => new InventoryReservations(STORES, { retainEnded: 'no' as never }), { code: 'INVALID_INPUT', field: 'options.retainEnded', got: '"no"' });
      // `p1` + `2` would be `p` + `12`: a prefix ending in a digit is refused.
      assertInputError(() => new InventoryReservations(STORES, { idPrefix: 'p1' }), { code: 'INVALID_INPUT', field: 'options.idPrefix', got: '"p1"' });
      assert.equal(new InventoryReservations(STORES, { idPrefix: '' }).reserve({ lines: [line('B', 'milk', 1)] }, T0).ok, true);
    });
  });
});
