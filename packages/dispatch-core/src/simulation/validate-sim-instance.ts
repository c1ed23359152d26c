/**
 * Checks a {@link SimInstance} once, before a simulation: ids, indices, instants and durations,
 * so the event loop can trust its input. Throws one {@link DispatchInputError} listing every
 * broken rule (`orders[3].readyAt must be ≥ placedAt (600), got 540`).
 */
import { IssueCollector } from '../model/issue-collector.js';
import type { SimInstance } from './sim-instance.js';

/** Throws a {@link DispatchInputError} when `instance` breaks a rule of the simulation contract. */
export function validateSimInstance(instance: SimInstance): void {
  const c = new IssueCollector();
  checkIds(c, 'stores', instance.stores);
  checkIds(c, 'orders', instance.orders);
  checkIds(c, 'couriers', instance.couriers);
  instance.stores.forEach((s, i) => checkPosition(c, `stores[${i}]`, s.x, s.y));
  checkOrders(c, instance);
  instance.couriers.forEach((courier, i) => {
    const field = `couriers[${i}]`;
    checkPosition(c, field, courier.x, courier.y);
    if (checkInstant(c, `${field}.onAt`, courier.onAt) && checkInstant(c, `${field}.offAt`, courier.offAt) && courier.offAt < courier.onAt) {
      c.invalid(`${field}.offAt`, `must be ≥ onAt (${courier.onAt})`, courier.offAt);
    }
  });
  checkEvenDuration(c, 'pickupServiceSec', instance.pickupServiceSec);
  checkEvenDuration(c, 'dropoffServiceSec', instance.dropoffServiceSec);
  c.checkNonNegativeInteger('targetClickToDoorSec', instance.targetClickToDoorSec);
  c.checkNonNegativeInteger('maxClickToDoorSec', instance.maxClickToDoorSec);
  checkAmount(c, 'pay.perOrder', instance.pay.perOrder);
  checkAmount(c, 'pay.perHour', instance.pay.perHour);
  if (typeof instance.travel?.timeSec !== 'function' || typeof instance.travel.distanceM !== 'function') {
    c.invalid('travel', 'must have timeSec and distanceM functions', instance.travel);
  }
  c.throwIfAny();
}

function checkOrders(c: IssueCollector, instance: SimInstance): void {
  let previousPlacedAt = -Infinity;
  instance.orders.forEach((order, i) => {
    const field = `orders[${i}]`;
    checkPosition(c, field, order.x, order.y);
    if (!Number.isInteger(order.store) || order.store < 0 || order.store >= instance.stores.length) {
      c.add('UNKNOWN_REFERENCE', `${field}.store`, `must be an index into stores (0 … ${instance.stores.length - 1})`, order.store);
    }
    if (!checkInstant(c, `${field}.placedAt`, order.placedAt)) return;
    if (order.placedAt < previousPlacedAt) c.invalid(`${field}.placedAt`, `must be ≥ the previous order's placedAt (${previousPlacedAt}): orders are sorted by placement`, order.placedAt);
    previousPlacedAt = order.placedAt;
    if (checkInstant(c, `${field}.readyAt`, order.readyAt) && order.readyAt < order.placedAt) {
      c.invalid(`${field}.readyAt`, `must be ≥ placedAt (${order.placedAt})`, order.readyAt);
    }
    if (order.promisedBy !== undefined && checkInstant(c, `${field}.promisedBy`, order.promisedBy) && order.promisedBy < order.placedAt) {
      c.invalid(`${field}.promisedBy`, `must be ≥ placedAt (${order.placedAt})`, order.promisedBy);
    }
  });
}

function checkIds(c: IssueCollector, kind: string, items: readonly { readonly id: string }[]): void {
  const firstIndex = new Map<string, number>();
  items.forEach((item, i) => {
    if (!c.checkNonEmptyString(`${kind}[${i}].id`, item.id)) return;
    const first = firstIndex.get(item.id);
    if (first === undefined) firstIndex.set(item.id, i);
    else c.add('DUPLICATE_ID', `${kind}[${i}].id`, `must be unique among ${kind} (already used by ${kind}[${first}])`, item.id);
  });
}

function checkPosition(c: IssueCollector, field: string, x: number, y: number): void {
  if (!Number.isFinite(x)) c.invalid(`${field}.x`, 'must be a finite number', x);
  if (!Number.isFinite(y)) c.invalid(`${field}.y`, 'must be a finite number', y);
}

/** An instant: an integer number of seconds (may be negative: the origin is the instance's). */
function checkInstant(c: IssueCollector, field: string, value: number): boolean {
  if (Number.isSafeInteger(value)) return true;
  c.invalid(field, 'must be an integer number of seconds', value);
  return false;
}

/** A service duration: split in two halves (arrival → pickup/drop-off → departure), so even. */
function checkEvenDuration(c: IssueCollector, field: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0 || value % 2 !== 0) c.invalid(field, 'must be a non-negative even integer (seconds; its halves are whole seconds)', value);
}

function checkAmount(c: IssueCollector, field: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) c.invalid(field, 'must be a finite number ≥ 0', value);
}
