import assert from 'node:assert/strict';
import {
  InventoryReservations,
  OrderStoreMatcher,
  ReservationError,
  isCompleteMatch,
  type Reservation,
  type ReservationLine,
  type Store,
} from '@o2o/dispatch-core';
import { mulberry32, type Rng } from '@o2o/geo';
import { T0, basket, shop, tableTravelTime } from './match-fixtures.js';

const SKUS = ['x', 'y', 'z'];

/**
 * The accounting every state must satisfy, per store and sku: available ≥ 0, reserved = units of
 * held reservations, on hand = initial − units of committed reservations; and every reservation
 * issued is still known (none lost, none made up).
 */
function assertAccounts(inv: InventoryReservations, stores: readonly Store[], issuedIds: readonly string[], context: string): void {
  const all = inv.reservations();
  assert.deepEqual(all.map((r) => r.id).sort(), [...issuedIds].sort(), `${context}: reservations lost or made up`);
  const units = (status: Reservation['status'], storeId: string, sku: string): number =>
    all.filter((r) => r.status === status).reduce((sum, r) => sum + r.lines.filter((l) => l.storeId === storeId && l.sku === sku).reduce((s, l) => s + l.quantity, 0), 0);
  for (const store of stores) {
    for (const sku of SKUS) {
      const where = `${context}: ${store.id}/${sku}`;
      assert.ok(inv.availableOf(store.id, sku) >= 0, `${where} oversold`);
      assert.equal(inv.reservedOf(store.id, sku), units('held', store.id, sku), `${where} reserved`);
      assert.equal(inv.onHandOf(store.id, sku), (store.inventory[sku] ?? 0) - units('committed', store.id, sku), `${where} on hand`);
      assert.equal(inv.availableOf(store.id, sku), inv.onHandOf(store.id, sku) - inv.reservedOf(store.id, sku), where);
    }
  }
}

/** Waits `n` turns of the event loop, so other callers run in between. */
async function turns(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

describe('InventoryReservations under concurrent callers', () => {
  it('Promise.all over 200 orders competing for scarce stock: no oversell, no lost reservation', async () => {
    const stores = [shop('A', 0.001, { x: 20, y: 6 }), shop('B', 0.002, { x: 15, y: 4, z: 10 })];
    const inv = new InventoryReservations(stores);
    const matcher = OrderStoreMatcher.build(stores, { travelTime: tableTravelTime(stores, { A: 120, B: 240 }), stock: inv });
    const rng = mulberry32(7);
    const issued: string[] = [];
    let numStale = 0;

    const caller = async (i: number) => {
      const lines: [string, number][] = [['x', 1 + Math.floor(rng() * 3)]];
      if (rng() < 0.5) lines.push(['y', 1]);
      if (rng() < 0.3) lines.push(['z', 2]);
      const order = basket(...lines);
      for (let attempt = 0; attempt < 3; attempt++) {
        await turns(Math.floor(rng() * 4));
        const match = matcher.match(order);
        if (!isCompleteMatch(match)) return { i, order, reservation: undefined };
        // The match is stale by the time we reserve: other callers ran in between.
        await turns(Math.floor(rng() * 4));
        const held = inv.reserve({ ...match.plan, orderId: `o${i}` }, T0);
        if (held.ok) {
          issued.push(held.reservation.id);
          assertAccounts(inv, stores, issued, `caller ${i}`);
          return { i, order, reservation: held.reservation };
        }
        numStale++;
      }
      return { i, order, reservation: undefined };
    };

    const outcomes = await Promise.all(Array.from({ length: 200 }, (_, i) => caller(i)));
    assertAccounts(inv, stores, issued, 'end');
    const served = outcomes.filter((o) => o.reservation !== undefined);
    assert.ok(numStale > 0, 'the test should make stale matches collide');
    assert.ok(served.length > 10 && served.length < 200, `${served.length} served`);
    for (const o of served) {
      assert.equal(o.reservation!.orderId, `o${o.i}`);
      assert.equal(inv.get(o.reservation!.id).status, 'held');
      const bySku = new Map<string, number>();
      for (const l of o.reservation!.lines) bySku.set(l.sku, (bySku.get(l.sku) ?? 0) + l.quantity);
      assert.deepEqual(bySku, new Map(o.order.items.map((it) => [it.sku, it.quantity])), `order o${o.i} reserved as ordered`);
    }
    // Scarce skus ran out rather than going negative.
    assert.ok(SKUS.some((sku) => stores.every((s) => inv.availableOf(s.id, sku) < 3)));
  });

  it('seeded random interleavings of reserve / commit / release / expiry keep the accounts exact', async () => {
    const totals = { shortages: 0, committed: 0, released: 0, expired: 0, doubleCommits: 0 };
    for (let seed = 1; seed <= 25; seed++) {
      const rng = mulberry32(seed);
      const stores = ['A', 'B', 'C'].map((id, i) => shop(id, 0.001 * (i + 1), Object.fromEntries(SKUS.map((sku) => [sku, Math.floor(rng() * 7)]))));
      const inv = new InventoryReservations(stores);
      const clock = { now: T0 };
      const issued: string[] = [];
      const observed = new Map<string, 'committed' | 'released'>();
      const check = (context: string) => {
        assertAccounts(inv, stores, issued, `seed ${seed}, ${context}`);
        for (const [id, status] of observed) assert.equal(inv.get(id).status, status, `seed ${seed}: ${id} changed after ${status}`);
      };

      const task = async (yieldTurn: () => Promise<void>, k: number) => {
        await yieldTurn();
        const lines = randomLines(rng, stores);
        const held = inv.reserve({ lines, orderId: `o${k}`, ttlSec: 20 + Math.floor(rng() * 100) }, clock.now);
        if (!held.ok) {
          totals.shortages++;
          return;
        }
        issued.push(held.reservation.id);
        check(`after reserve ${held.reservation.id}`);
        await yieldTurn();
        const action = rng();
        for (let repeat = 0; repeat < 2; repeat++) {
          if (action < 0.45) attemptCommit(inv, held.reservation.id, clock.now, observed, totals, repeat > 0);
          else if (action < 0.75) {
            const r = inv.release(held.reservation.id, clock.now);
            if (r.released) {
              assert.equal(repeat, 0, 'a second release must not release again');
              observed.set(held.reservation.id, 'released');
              totals.released++;
            }
          } else if (rng() < 0.5) totals.expired += inv.releaseExpired(clock.now).length;
          check(`after action on ${held.reservation.id}`);
          await yieldTurn();
        }
      };

      await runInterleaved(rng, Array.from({ length: 60 }, (_, k) => (y: () => Promise<void>) => task(y, k)), () => {
        clock.now += Math.floor(rng() * 15);
        check('step');
      });
      totals.expired += inv.releaseExpired(clock.now + 1000).length;
      check('final sweep');
      assert.equal(inv.numHeld, 0);
    }
    for (const [key, n] of Object.entries(totals)) assert.ok(n > 0, `no ${key} happened: the property test lost its teeth`);
  });
});

function randomLines(rng: Rng, stores: readonly Store[]): ReservationLine[] {
  return Array.from({ length: 1 + Math.floor(rng() * 3) }, () => ({
    storeId: stores[Math.floor(rng() * stores.length)]!.id,
    sku: SKUS[Math.floor(rng() * SKUS.length)]!,
    quantity: 1 + Math.floor(rng() * 3),
  }));
}

function attemptCommit(
  inv: InventoryReservations,
  id: string,
  now: number,
  observed: Map<string, 'committed' | 'released'>,
  totals: { committed: number; doubleCommits: number },
  isRepeat: boolean,
): void {
  const numBefore = inv.reservations().length;
  try {
    inv.commit(id, now);
    assert.ok(!isRepeat, 'a repeated commit must throw');
    observed.set(id, 'committed');
    totals.committed++;
  } catch (error) {
    assert.ok(error instanceof ReservationError, String(error));
    if (observed.get(id) === 'committed') {
      assert.equal(error.code, 'ALREADY_COMMITTED');
      totals.doubleCommits++;
    } else assert.equal(error.code, 'RESERVATION_EXPIRED');
  }
  assert.equal(inv.reservations().length, numBefore);
}

/**
 * Runs async tasks that only wait on `yieldTurn()`, resuming one waiting task at a time, chosen by
 * `rng`, and calling `onStep` between turns: a reproducible random interleaving.
 */
async function runInterleaved(rng: Rng, tasks: ((yieldTurn: () => Promise<void>) => Promise<void>)[], onStep: () => void): Promise<void> {
  const waiting: (() => void)[] = [];
  const yieldTurn = () => new Promise<void>((resolve) => waiting.push(resolve));
  let numRunning = tasks.length;
  const settled = tasks.map((t) => t(yieldTurn).finally(() => numRunning--));
  for (;;) {
    await turns(1); // every resumed task runs to its next yield (or its end)
    onStep();
    if (waiting.length === 0) {
      assert.equal(numRunning, 0, 'a task is blocked on something other than yieldTurn');
      break;
    }
    const [resume] = waiting.splice(Math.floor(rng() * waiting.length), 1);
    resume!();
  }
  await Promise.all(settled);
}
