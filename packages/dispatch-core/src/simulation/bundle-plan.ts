/**
 * The deterministic timing of one bundle, as the simulator executes it and as a policy can
 * predict it: the courier leaves `start` at `start.atSec`, drives to the store, picks up at
 * max(arrival + pickupService/2, latest ready of the bundle), leaves half a service later, then
 * drives to each customer in the given order, dropping off at arrival + dropoffService/2 and
 * leaving half a service later.
 *
 * A bundle of several stores (only when `sameStoreBundlesOnly` is false) visits its stores in
 * order of first appearance, each store's orders picked up together, before any drop-off.
 */
import type { SimInstance } from './sim-instance.js';
import type { SimCourierEvent, SimPickupEvent } from './sim-result.js';

/** Where and when a courier starts a bundle: when it is free (≥ now) and where it is then. */
export interface BundleStart {
  readonly atSec: number;
  readonly x: number;
  readonly y: number;
}

/** The itinerary of one bundle and the courier's state after it. */
export interface BundlePlan {
  /** Moves, pickups and drop-offs, in time order. */
  readonly events: readonly SimCourierEvent[];
  /** Pickup instant of each order of the bundle (same order as given). */
  readonly pickupAtSec: readonly number[];
  /** Drop-off instant of each order of the bundle (same order as given). */
  readonly dropoffAtSec: readonly number[];
  /** The last pickup (the one that must not be after the courier's `offAt`). */
  readonly lastPickupAtSec: number;
  /** Departure from the last customer, and where that is. */
  readonly freeAtSec: number;
  readonly freeX: number;
  readonly freeY: number;
}

/**
 * Earliest pickup at `store` for a courier leaving (`fromX`, `fromY`) at `departAtSec`, when the
 * food is ready at `latestReadySec`: max(arrival + pickupService/2, latestReady).
 */
export function pickupTimeSec(
  instance: SimInstance,
  courier: number,
  departAtSec: number,
  fromX: number,
  fromY: number,
  store: number,
  latestReadySec: number,
): number {
  const s = instance.stores[store];
  if (s === undefined) throw new RangeError(`store index ${store} is out of range`);
  const arriveAt = departAtSec + instance.travel.timeSec(fromX, fromY, s.x, s.y, courier);
  return Math.max(arriveAt + instance.pickupServiceSec / 2, latestReadySec);
}

/**
 * Plans `orders` (indices, non-empty, drop-off order) for `courier` from `start`. `assignedAtSec`
 * is copied onto the pickup events. Pure: nothing is recorded anywhere.
 */
export function planBundle(instance: SimInstance, courier: number, start: BundleStart, orders: readonly number[], assignedAtSec: number): BundlePlan {
  const halfPickup = instance.pickupServiceSec / 2;
  const halfDropoff = instance.dropoffServiceSec / 2;
  const events: SimCourierEvent[] = [];
  const pickupAtSec = new Array<number>(orders.length).fill(0);
  const dropoffAtSec = new Array<number>(orders.length).fill(0);
  let at = start.atSec;
  let x = start.x;
  let y = start.y;
  let lastPickupAtSec = at;
  for (const group of groupByStore(instance, orders)) {
    const store = instance.stores[group.store]!;
    const arriveAt = at + instance.travel.timeSec(x, y, store.x, store.y, courier);
    events.push({ type: 'move', departAt: at, arriveAt, distanceM: instance.travel.distanceM(x, y, store.x, store.y, courier), to: { kind: 'store', store: group.store } });
    const pickupAt = Math.max(arriveAt + halfPickup, group.latestReadySec);
    const pickup: SimPickupEvent = { type: 'pickup', at: pickupAt, assignedAt: assignedAtSec, store: group.store, orders: group.orders };
    events.push(pickup);
    for (const k of group.positions) pickupAtSec[k] = pickupAt;
    lastPickupAtSec = pickupAt;
    at = pickupAt + halfPickup;
    x = store.x;
    y = store.y;
  }
  orders.forEach((o, k) => {
    const order = instance.orders[o]!;
    const arriveAt = at + instance.travel.timeSec(x, y, order.x, order.y, courier);
    events.push({ type: 'move', departAt: at, arriveAt, distanceM: instance.travel.distanceM(x, y, order.x, order.y, courier), to: { kind: 'customer', order: o } });
    const dropoffAt = arriveAt + halfDropoff;
    events.push({ type: 'dropoff', at: dropoffAt, order: o });
    dropoffAtSec[k] = dropoffAt;
    at = dropoffAt + halfDropoff;
    x = order.x;
    y = order.y;
  });
  return { events, pickupAtSec, dropoffAtSec, lastPickupAtSec, freeAtSec: at, freeX: x, freeY: y };
}

interface StoreGroup {
  readonly store: number;
  readonly orders: number[];
  /** Positions of the group's orders in the bundle. */
  readonly positions: number[];
  latestReadySec: number;
}

/** The bundle's orders by store, stores in order of first appearance. */
function groupByStore(instance: SimInstance, orders: readonly number[]): StoreGroup[] {
  const groups: StoreGroup[] = [];
  orders.forEach((o, k) => {
    const order = instance.orders[o];
    if (order === undefined) throw new RangeError(`order index ${o} is out of range`);
    let group = groups.find((g) => g.store === order.store);
    if (group === undefined) {
      group = { store: order.store, orders: [], positions: [], latestReadySec: order.readyAt };
      groups.push(group);
    }
    group.orders.push(o);
    group.positions.push(k);
    group.latestReadySec = Math.max(group.latestReadySec, order.readyAt);
  });
  return groups;
}
