import assert from 'node:assert/strict';
import { checkItinerary, simulate, toItineraryLog, type ItineraryEvent, type ItineraryLog, type ItineraryRule, type SimInstance } from '@o2o/dispatch-core';
import { ScriptedPolicy, tinyScript, tinySim, withCourier } from './fixtures/tiny-sim.js';

/** The simulator's own log of the scripted tiny run (seconds). */
function tinyLog(): ItineraryLog {
  const instance = tinySim();
  return toItineraryLog(instance, simulate(instance, tinyScript()));
}

/** A deep copy of the tiny log with courier `courier`'s event `index` changed (or replaced by `events`). */
function corrupt(courier: string, edit: (events: ItineraryEvent[]) => ItineraryEvent[]): ItineraryLog {
  const log = structuredClone(tinyLog()) as ItineraryLog;
  return { ...log, couriers: log.couriers.map((c) => (c.courier === courier ? { ...c, events: edit([...c.events]) } : c)) };
}

/** Replaces event `index` by `change` applied to it. */
function at(index: number, change: (e: ItineraryEvent) => ItineraryEvent): (events: ItineraryEvent[]) => ItineraryEvent[] {
  return (events) => events.map((e, i) => (i === index ? change(e) : e));
}

function rules(instance: SimInstance, log: ItineraryLog): ItineraryRule[] {
  return checkItinerary(instance, log).violations.map((v) => v.rule);
}

describe('checkItinerary', () => {
  it('passes the simulator logs of the tiny runs, single- and multi-store', () => {
    assert.deepEqual(checkItinerary(tinySim(), tinyLog()), { isValid: true, violations: [], numDelivered: 4 });
    const mixed = tinySim({ sameStoreBundlesOnly: false });
    const result = simulate(mixed, new ScriptedPolicy({ placement: { 1: [{ courier: 0, orders: [0, 1] }] } }));
    assert.deepEqual(checkItinerary(mixed, toItineraryLog(mixed, result)).violations, []);
  });

  it('writes the log in the issue format, with ids', () => {
    const log = tinyLog();
    assert.deepEqual(log.couriers[0], {
      courier: 'c1',
      events: [
        { type: 'move', departAt: 120, to: 'A' },
        { type: 'pickup', at: 400, assignedAt: 120, restaurant: 'A', orders: ['o3', 'o1'] },
        { type: 'move', departAt: 460, to: 'o3' },
        { type: 'dropoff', at: 540, order: 'o3' },
        { type: 'move', departAt: 570, to: 'o1' },
        { type: 'dropoff', at: 850, order: 'o1' },
      ],
    });
    assert.deepEqual(log.unassigned, ['o5']);
    const inMinutes = toItineraryLog(tinySim(), simulate(tinySim(), tinyScript()), { timeUnitSec: 60 });
    assert.deepEqual(inMinutes.couriers[0]?.events[1], { type: 'pickup', at: 400 / 60, assignedAt: 2, restaurant: 'A', orders: ['o3', 'o1'] });
    assert.deepEqual(checkItinerary(tinySim(), inMinutes, { timeUnitSec: 60 }).violations, []);
  });

  it('1. catches an order picked up twice and an order both delivered and unassigned', () => {
    const twice = corrupt('c2', at(1, (e) => (e.type === 'pickup' ? { ...e, orders: ['o2', 'o3'] } : e)));
    assert.ok(rules(tinySim(), twice).includes('ORDER_AT_MOST_ONCE'));
    const both = { ...tinyLog(), unassigned: ['o5', 'o2'] };
    assert.deepEqual(rules(tinySim(), both), ['ORDER_AT_MOST_ONCE']);
  });

  it('2. catches an assignment before the placement', () => {
    // o3 is placed at 120; the bundle says it was assigned at 100 (the move departs at 120, after it).
    const log = corrupt('c1', at(1, (e) => (e.type === 'pickup' ? { ...e, assignedAt: 100 } : e)));
    const { violations } = checkItinerary(tinySim(), log);
    assert.deepEqual(violations.map((v) => [v.rule, v.order]), [['ASSIGNED_BEFORE_PLACEMENT', 'o3']]);
    assert.equal(violations[0]?.message, 'courier "c1" event 1: order "o3" is assigned at 100, before its placement at 120');
  });

  it('3. catches a pickup after the off time', () => {
    assert.deepEqual(rules(withCourier(1, { offAt: 880 }), tinyLog()), ['PICKUP_OUTSIDE_SHIFT']);
  });

  it('4. catches a pickup before the bundle is ready', () => {
    const log = corrupt('c1', at(1, (e) => (e.type === 'pickup' ? { ...e, at: 390 } : e)));
    const { violations } = checkItinerary(tinySim(), log);
    assert.deepEqual(violations.map((v) => [v.rule, v.order]), [['PICKUP_BEFORE_READY', 'o3']]);
  });

  it('5. catches drop-offs out of the pickup order, and orders never dropped off', () => {
    const swapped = corrupt('c1', at(1, (e) => (e.type === 'pickup' ? { ...e, orders: ['o1', 'o3'] } : e)));
    assert.deepEqual(rules(tinySim(), swapped), ['DELIVERY_OUT_OF_SEQUENCE']);
    const dropped = corrupt('c1', (events) => events.slice(0, 4));
    assert.deepEqual(rules(tinySim(), dropped), ['DELIVERY_OUT_OF_SEQUENCE']);
  });

  it('6. catches a move before the courier is free and a move before the previous one arrives', () => {
    // Leaving o3's customer at 560 instead of 570: the drop-off service (30 s) is not over.
    const early = corrupt('c1', at(4, (e) => (e.type === 'move' ? { ...e, departAt: 560 } : e)));
    assert.ok(rules(tinySim(), early).includes('INCONSISTENT_MOVE'));
    // c2's first move departs before its shift starts (onAt 0).
    const beforeShift = corrupt('c2', at(0, (e) => (e.type === 'move' ? { ...e, departAt: -10 } : e)));
    assert.ok(rules(tinySim(), beforeShift).includes('INCONSISTENT_MOVE'));
    // A move to o4's customer (2200 m, 220 s), then one to B 10 s later, before arriving.
    const overlap = corrupt('c2', (events) => [{ type: 'move', departAt: 100, to: 'o4' }, { type: 'move', departAt: 110, to: 'B' }, ...events]);
    assert.ok(rules(tinySim(), overlap).includes('INCONSISTENT_MOVE'));
  });

  it('7. catches a pickup away from the restaurant, and an order of another restaurant', () => {
    const elsewhere = corrupt('c1', at(0, (e) => (e.type === 'move' ? { ...e, to: 'B' } : e)));
    assert.ok(rules(tinySim(), elsewhere).includes('NOT_AT_RESTAURANT'));
    const foreign = structuredClone(tinyLog()) as ItineraryLog;
    const c1 = foreign.couriers[0]!;
    const swappedStore = { ...c1, events: c1.events.map((e) => (e.type === 'pickup' ? { ...e, orders: ['o3', 'o1'] } : e)) };
    assert.deepEqual(rules(tinySim({ orders: tinySim().orders.map((o) => (o.id === 'o1' ? { ...o, store: 1 } : o)) }), { ...foreign, couriers: [swappedStore, foreign.couriers[1]!] }), ['NOT_AT_RESTAURANT']);
  });

  it('8. catches a drop-off away from the customer', () => {
    const log = corrupt('c1', at(2, (e) => (e.type === 'move' ? { ...e, to: 'o1' } : e)));
    assert.ok(rules(tinySim(), log).includes('NOT_AT_CUSTOMER'));
  });

  it('catches service times: a pickup too soon after arrival, a drop-off not at arrival + half the service', () => {
    // c2 reaches B at 120 and picks up at 200; with a 400 s pickup service the pickup is due ≥ 320.
    assert.ok(rules(tinySim({ pickupServiceSec: 400 }), tinyLog()).includes('SERVICE_TIME'));
    const late = corrupt('c1', at(3, (e) => (e.type === 'dropoff' ? { ...e, at: 539 } : e)));
    assert.deepEqual(rules(tinySim(), late), ['SERVICE_TIME']);
  });

  it('catches a bundle of two restaurants when bundles must be same-store', () => {
    const mixed = tinySim({ sameStoreBundlesOnly: false });
    const log = toItineraryLog(mixed, simulate(mixed, new ScriptedPolicy({ placement: { 1: [{ courier: 0, orders: [0, 1] }] } })));
    assert.deepEqual(rules(tinySim(), log), ['MIXED_STORE_BUNDLE']);
  });

  it('catches a courier heading to the store before the assignment', () => {
    // c2's second bundle is assigned at 600; it leaves for B at 420 instead (it is free then).
    const log = corrupt('c2', at(4, (e) => (e.type === 'move' ? { ...e, departAt: 420 } : e)));
    assert.deepEqual(rules(tinySim(), log), ['ACTS_BEFORE_ASSIGNMENT']);
  });

  it('catches unknown ids, unaccounted orders and a malformed log', () => {
    assert.deepEqual(rules(tinySim(), { ...tinyLog(), unassigned: [] }), ['ORDER_UNACCOUNTED']);
    assert.deepEqual(rules(tinySim(), { ...tinyLog(), unassigned: ['o5', 'o42'] }), ['UNKNOWN_ID']);
    const ghost = corrupt('c1', at(0, (e) => (e.type === 'move' ? { ...e, to: 'nowhere' } : e)));
    assert.ok(rules(tinySim(), ghost).includes('UNKNOWN_ID'));
    const teleport = corrupt('c1', (events) => [{ type: 'teleport' } as unknown as ItineraryEvent, ...events]);
    assert.deepEqual(rules(tinySim(), teleport), ['MALFORMED_LOG']);
    assert.deepEqual(rules(tinySim(), { couriers: 'none' } as unknown as ItineraryLog), ['MALFORMED_LOG']);
  });
});
