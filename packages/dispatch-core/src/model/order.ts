/**
 * Orders: what a customer asked for, where it goes and by when. The status lifecycle lives in
 * `order-lifecycle.ts`.
 */
import type { LngLat } from '@o2o/geo';
import type { DispatchInputError } from '../errors.js';
import type { EpochSeconds } from './epoch-seconds.js';
import type { Sku } from './inventory.js';
import { IssueCollector, copyLngLat } from './issue-collector.js';

/** Every {@link OrderStatus}, in lifecycle order. */
export const ORDER_STATUSES = ['placed', 'accepted', 'ready', 'assigned', 'picked_up', 'delivered', 'cancelled'] as const;

/**
 * Where an order is in its lifecycle:
 * `placed → accepted → ready → assigned → picked_up → delivered`, or `cancelled` from any status
 * before `delivered`.
 */
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** When the order entered each status after `placed` (`placedAt` records that one). */
export type StatusTimestamps = Readonly<Partial<Record<Exclude<OrderStatus, 'placed'>, EpochSeconds>>>;

/** Statuses in which an order must name its store (a store accepted it). */
export const STATUSES_WITH_STORE: readonly OrderStatus[] = ['accepted', 'ready', 'assigned', 'picked_up', 'delivered'];
/** Statuses in which an order must name its rider (a rider was assigned). */
export const STATUSES_WITH_RIDER: readonly OrderStatus[] = ['assigned', 'picked_up', 'delivered'];

/** One line of an order. */
export interface OrderItem {
  readonly sku: Sku;
  /** Units ordered, a positive integer. */
  readonly quantity: number;
  /** Bag units one unit of this item takes, an integer ≥ 0 (informational; `Order.size` is authoritative). */
  readonly size?: number;
}

/** A customer order. All times are integer Unix epoch seconds. */
export interface Order {
  /** External id, unique among orders. */
  readonly id: string;
  /** What to pick up: a non-empty list. */
  readonly items: readonly OrderItem[];
  /** Store that fulfils it; omitted until matching picks one (required from `accepted` on). */
  readonly storeId?: string;
  /** Rider that carries it; required from `assigned` on. */
  readonly riderId?: string;
  /** Where the customer receives it, `[lng, lat]` in degrees. */
  readonly dropOff: LngLat;
  /** When the customer placed it. */
  readonly placedAt: EpochSeconds;
  /** Earliest pickup time at the store (estimated, then actual); `placedAt <= readyAt`. */
  readonly readyAt: EpochSeconds;
  /** Delivery promised to the customer by this time; `placedAt < promisedBy`. */
  readonly promisedBy: EpochSeconds;
  /** Bag units it takes in a rider's bag, a positive integer (same unit as `Rider.capacity`). */
  readonly size: number;
  readonly status: OrderStatus;
  /** When it entered each later status (each ≥ `placedAt`), recorded by `transitionOrder`. */
  readonly statusAt?: StatusTimestamps;
}

/**
 * Validates one order on its own (it cannot check that `storeId` or `riderId` exist: the snapshot
 * builder does) and returns a frozen copy; throws a {@link DispatchInputError} listing every broken
 * rule. `field` prefixes the field paths in errors (e.g. `orders[3]`).
 */
export function validateOrder(input: unknown, field = 'order'): Order {
  const issues = new IssueCollector();
  const order = checkOrder(issues, field, input);
  issues.throwIfAny();
  return order as Order;
}

/** @internal Records every broken rule of `input` in `issues`; returns the copy when it has none. */
export function checkOrder(issues: IssueCollector, field: string, input: unknown): Order | undefined {
  if (!issues.checkObject(field, input)) return undefined;
  const numBefore = issues.numFound;
  const { id, items, storeId, riderId, dropOff, size, status } = input;
  issues.checkNonEmptyString(`${field}.id`, id);
  const itemsCopy = checkOrderItems(issues, `${field}.items`, items);
  if (storeId !== undefined) issues.checkNonEmptyString(`${field}.storeId`, storeId);
  if (riderId !== undefined) issues.checkNonEmptyString(`${field}.riderId`, riderId);
  issues.checkLngLat(`${field}.dropOff`, dropOff);
  issues.checkPositiveInteger(`${field}.size`, size);
  if (issues.checkOneOf(`${field}.status`, status, ORDER_STATUSES)) checkStatusNeeds(issues, field, input, status);
  const statusAt = checkOrderTimes(issues, field, input);
  if (issues.numFound > numBefore) return undefined;

  const order: Order = {
    id: id as string,
    items: itemsCopy as readonly OrderItem[],
    ...(storeId === undefined ? {} : { storeId: storeId as string }),
    ...(riderId === undefined ? {} : { riderId: riderId as string }),
    dropOff: copyLngLat(dropOff as LngLat),
    placedAt: input.placedAt as EpochSeconds,
    readyAt: input.readyAt as EpochSeconds,
    promisedBy: input.promisedBy as EpochSeconds,
    size: size as number,
    status: status as OrderStatus,
    ...(statusAt === undefined ? {} : { statusAt }),
  };
  return Object.freeze(order);
}

/** @internal Validates a non-empty list of order items; returns a frozen copy when it has no issue. */
export function checkOrderItems(issues: IssueCollector, field: string, value: unknown): readonly OrderItem[] | undefined {
  if (!issues.checkArray(field, value, true)) return undefined;
  const numBefore = issues.numFound;
  const items: OrderItem[] = [];
  value.forEach((item, i) => {
    const f = `${field}[${i}]`;
    if (!issues.checkObject(f, item)) return;
    const { sku, quantity, size } = item;
    const okSku = issues.checkNonEmptyString(`${f}.sku`, sku);
    const okQuantity = issues.checkPositiveInteger(`${f}.quantity`, quantity);
    const okSize = size === undefined || issues.checkNonNegativeInteger(`${f}.size`, size);
    if (okSku && okQuantity && okSize) items.push(Object.freeze(size === undefined ? { sku, quantity } : { sku, quantity, size }));
  });
  return issues.numFound > numBefore ? undefined : Object.freeze(items);
}

/** placedAt, readyAt, promisedBy and statusAt, with the rules between them. */
function checkOrderTimes(issues: IssueCollector, field: string, input: Readonly<Record<string, unknown>>): StatusTimestamps | undefined {
  const { placedAt, readyAt, promisedBy, statusAt } = input;
  const okPlaced = issues.checkEpochSeconds(`${field}.placedAt`, placedAt);
  if (issues.checkEpochSeconds(`${field}.readyAt`, readyAt) && okPlaced && readyAt < placedAt) {
    issues.invalid(`${field}.readyAt`, `must not be earlier than placedAt (${placedAt})`, readyAt);
  }
  if (issues.checkEpochSeconds(`${field}.promisedBy`, promisedBy) && okPlaced && promisedBy <= placedAt) {
    issues.invalid(`${field}.promisedBy`, `must be greater than placedAt (${placedAt})`, promisedBy);
  }
  if (statusAt === undefined || !issues.checkObject(`${field}.statusAt`, statusAt)) return undefined;
  const entries: [string, EpochSeconds][] = [];
  for (const [status, at] of Object.entries(statusAt)) {
    const f = `${field}.statusAt.${status}`;
    if (status === 'placed' || !(ORDER_STATUSES as readonly string[]).includes(status)) {
      issues.invalid(`${field}.statusAt`, `keys must be statuses after 'placed' (use placedAt for 'placed')`, status);
    } else if (issues.checkEpochSeconds(f, at)) {
      if (okPlaced && at < placedAt) issues.invalid(f, `must not be earlier than placedAt (${placedAt})`, at);
      entries.push([status, at]);
    }
  }
  return Object.freeze(Object.fromEntries(entries)) as StatusTimestamps;
}

/** storeId and riderId must be present once the status implies them. */
function checkStatusNeeds(issues: IssueCollector, field: string, input: Readonly<Record<string, unknown>>, status: OrderStatus): void {
  if (STATUSES_WITH_STORE.includes(status) && input.storeId === undefined) {
    issues.invalid(`${field}.storeId`, `is required when status is '${status}'`, input.storeId);
  }
  if (STATUSES_WITH_RIDER.includes(status) && input.riderId === undefined) {
    issues.invalid(`${field}.riderId`, `is required when status is '${status}'`, input.riderId);
  }
}
