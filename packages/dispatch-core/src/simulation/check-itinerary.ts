/**
 * An independent check of an itinerary log against its instance, in the spirit of the MDRP
 * evaluator: it replays each courier's log from its start position with the instance's travel
 * model, and shares no code path with the simulator (a simulator bug cannot hide behind itself).
 * Every broken rule is reported ({@link ItineraryRule}); nothing throws on a bad log.
 */
import type { SimInstance } from './sim-instance.js';
import type { ItineraryLog } from './itinerary-log.js';
import type { ItineraryCheck, ItineraryRule, ItineraryViolation } from './itinerary-violation.js';

/** Options of {@link checkItinerary}. */
export interface CheckItineraryOptions {
  /** Seconds per time unit of the log (default 1; 60 for MDRP minutes). */
  readonly timeUnitSec?: number;
}

/** Slack on instants converted from the log's unit (floating-point only; rules are exact). */
const EPS_SEC = 1e-6;

/** Checks `log` against `instance`; see {@link ItineraryRule} for what is checked. */
export function checkItinerary(instance: SimInstance, log: ItineraryLog, options: CheckItineraryOptions = {}): ItineraryCheck {
  const ctx = new CheckContext(instance, options.timeUnitSec ?? 1);
  if (!isRecord(log) || !Array.isArray(log.couriers) || !Array.isArray(log.unassigned)) {
    ctx.report({ rule: 'MALFORMED_LOG', message: 'the log must be an object with arrays "couriers" and "unassigned"' });
    return ctx.verdict();
  }
  const listed = new Set<string>();
  log.couriers.forEach((itinerary: unknown, i) => {
    if (!isRecord(itinerary) || typeof itinerary['courier'] !== 'string' || !Array.isArray(itinerary['events'])) {
      ctx.report({ rule: 'MALFORMED_LOG', message: `couriers[${i}] must be an object with a string "courier" and an array "events"` });
      return;
    }
    const id = itinerary['courier'];
    const courier = ctx.courierIndex.get(id);
    if (courier === undefined || listed.has(id)) {
      ctx.report({ rule: 'UNKNOWN_ID', courier: id, message: `couriers[${i}]: courier ${JSON.stringify(id)} ${courier === undefined ? 'is not in the instance' : 'is listed twice'}` });
      return;
    }
    listed.add(id);
    new CourierReplay(ctx, courier).run(itinerary['events'] as readonly unknown[]);
  });
  checkUnassigned(ctx, log.unassigned);
  return ctx.verdict();
}

/** The unassigned list: known ids, each once, none picked up; and every order accounted for. */
function checkUnassigned(ctx: CheckContext, unassigned: readonly unknown[]): void {
  const listed = new Uint8Array(ctx.instance.orders.length);
  unassigned.forEach((id, i) => {
    const o = typeof id === 'string' ? ctx.orderIndex.get(id) : undefined;
    if (o === undefined) return ctx.report({ rule: 'UNKNOWN_ID', message: `unassigned[${i}]: order ${JSON.stringify(id)} is not in the instance` });
    const orderId = id as string;
    if (listed[o] === 1) ctx.report({ rule: 'ORDER_AT_MOST_ONCE', order: orderId, message: `unassigned lists order ${JSON.stringify(orderId)} twice` });
    const by = ctx.pickedUpBy[o];
    if (by !== undefined) ctx.report({ rule: 'ORDER_AT_MOST_ONCE', order: orderId, message: `order ${JSON.stringify(orderId)} is listed unassigned but courier ${JSON.stringify(by)} picks it up` });
    listed[o] = 1;
  });
  ctx.instance.orders.forEach((order, o) => {
    if (listed[o] !== 1 && ctx.pickedUpBy[o] === undefined) {
      ctx.report({ rule: 'ORDER_UNACCOUNTED', order: order.id, message: `order ${JSON.stringify(order.id)} is neither picked up nor listed unassigned` });
    }
  });
}

/** @internal Id lookups, per-order state across couriers, and the violations found. */
class CheckContext {
  readonly courierIndex: Map<string, number>;
  readonly storeIndex: Map<string, number>;
  readonly orderIndex: Map<string, number>;
  /** Courier id that picked each order up (first time). */
  readonly pickedUpBy: (string | undefined)[];
  readonly droppedOff: Uint8Array;
  private readonly violations: ItineraryViolation[] = [];

  constructor(
    readonly instance: SimInstance,
    readonly unitSec: number,
  ) {
    this.courierIndex = new Map(instance.couriers.map((c, i) => [c.id, i]));
    this.storeIndex = new Map(instance.stores.map((s, i) => [s.id, i]));
    this.orderIndex = new Map(instance.orders.map((o, i) => [o.id, i]));
    this.pickedUpBy = new Array<string | undefined>(instance.orders.length).fill(undefined);
    this.droppedOff = new Uint8Array(instance.orders.length);
  }

  report(violation: ItineraryViolation): void {
    this.violations.push(violation);
  }

  /** An instant of the log in seconds. */
  sec(value: number): number {
    return value * this.unitSec;
  }

  /** Seconds back in the log's unit, for messages. */
  unit(sec: number): string {
    return String(Math.round((sec / this.unitSec) * 1e6) / 1e6);
  }

  verdict(): ItineraryCheck {
    let numDelivered = 0;
    for (const d of this.droppedOff) numDelivered += d;
    return { isValid: this.violations.length === 0, violations: this.violations, numDelivered };
  }
}

/** Where a courier is: its start position, a store, or an order's customer. */
type Place = { readonly kind: 'start' } | { readonly kind: 'store'; readonly store: number } | { readonly kind: 'customer'; readonly order: number } | { readonly kind: 'unknown' };

/** @internal Replays one courier's events, tracking its place, when it is free and its bundle. */
class CourierReplay {
  private readonly id: string;
  private place: Place = { kind: 'start' };
  private x: number;
  private y: number;
  /** Earliest instant of its next action (shift start, arrival, end of a half service), seconds. */
  private freeAtSec: number;
  /** Departure of the move that brought it to its place, when the last event was that move. */
  private lastMoveDepartSec: number | undefined;
  /** The current bundle: orders picked up, in pickup-list order, and which are dropped off. */
  private bundle: number[] = [];
  private readonly bundleDelivered = new Set<number>();
  private bundleStores: number[] = [];
  private delivering = false;
  private eventIndex = -1;

  constructor(
    private readonly ctx: CheckContext,
    private readonly courier: number,
  ) {
    const c = ctx.instance.couriers[courier]!;
    this.id = c.id;
    this.x = c.x;
    this.y = c.y;
    this.freeAtSec = c.onAt;
  }

  run(events: readonly unknown[]): void {
    events.forEach((event, i) => {
      this.eventIndex = i;
      if (!isRecord(event)) return this.report('MALFORMED_LOG', 'must be an object');
      if (event['type'] === 'move') this.move(event);
      else if (event['type'] === 'pickup') this.pickup(event);
      else if (event['type'] === 'dropoff') this.dropoff(event);
      else this.report('MALFORMED_LOG', `has an unknown type ${JSON.stringify(event['type'])}`);
    });
    this.eventIndex = -1;
    this.closeBundle('at the end of its itinerary');
  }

  private move(e: Readonly<Record<string, unknown>>): void {
    const departAt = e['departAt'];
    const to = e['to'];
    if (!isFiniteNumber(departAt) || typeof to !== 'string') return this.report('MALFORMED_LOG', 'a move needs a finite "departAt" and a string "to"');
    const departSec = this.ctx.sec(departAt);
    if (departSec < this.freeAtSec - EPS_SEC) {
      this.report('INCONSISTENT_MOVE', `departs at ${departAt} for ${JSON.stringify(to)}, before it is free at ${this.ctx.unit(this.freeAtSec)} (shift start, arrival or end of service)`);
    }
    const target = this.resolvePlace(to);
    if (target === undefined) {
      this.report('UNKNOWN_ID', `moves to ${JSON.stringify(to)}, which is neither a restaurant nor an order`);
      this.place = { kind: 'unknown' };
      this.lastMoveDepartSec = undefined;
      return;
    }
    this.freeAtSec = departSec + this.ctx.instance.travel.timeSec(this.x, this.y, target.x, target.y, this.courier);
    this.place = target.place;
    this.x = target.x;
    this.y = target.y;
    this.lastMoveDepartSec = departSec;
  }

  private pickup(e: Readonly<Record<string, unknown>>): void {
    const { at, assignedAt, restaurant, orders } = e;
    if (!isFiniteNumber(at) || !isFiniteNumber(assignedAt) || typeof restaurant !== 'string' || !Array.isArray(orders) || orders.length === 0) {
      return this.report('MALFORMED_LOG', 'a pickup needs finite "at" and "assignedAt", a string "restaurant" and a non-empty array "orders"');
    }
    const { instance } = this.ctx;
    const store = this.ctx.storeIndex.get(restaurant);
    const atSec = this.ctx.sec(at);
    const assignedSec = this.ctx.sec(assignedAt);
    if (store === undefined) this.report('UNKNOWN_ID', `picks up at restaurant ${JSON.stringify(restaurant)}, which is not in the instance`);
    else this.checkPickupPlace(store, restaurant, atSec, at, assignedSec, assignedAt);
    const c = instance.couriers[this.courier]!;
    if (atSec > c.offAt + EPS_SEC || atSec < c.onAt - EPS_SEC) {
      this.report('PICKUP_OUTSIDE_SHIFT', `picks up at ${at}, outside its shift ${this.ctx.unit(c.onAt)} … ${this.ctx.unit(c.offAt)}`);
    }
    this.startOrJoinBundle(store, restaurant);
    const picked = orders.flatMap((id: unknown) => this.pickupOrder(id, store, restaurant, atSec, at, assignedSec, assignedAt));
    this.bundle.push(...picked);
    this.freeAtSec = atSec + instance.pickupServiceSec / 2;
    this.lastMoveDepartSec = undefined;
  }

  /** Rules 7 and the service and assignment rules of a pickup at a known restaurant. */
  private checkPickupPlace(store: number, restaurant: string, atSec: number, at: number, assignedSec: number, assignedAt: number): void {
    if (this.place.kind !== 'store' || this.place.store !== store) {
      this.report('NOT_AT_RESTAURANT', `picks up at ${JSON.stringify(restaurant)} while at ${this.placeName()}`);
    } else if (atSec < this.freeAtSec + this.ctx.instance.pickupServiceSec / 2 - EPS_SEC) {
      this.report('SERVICE_TIME', `picks up at ${at}, before arrival (or previous service) ${this.ctx.unit(this.freeAtSec)} + half the pickup service`);
    }
    if (this.lastMoveDepartSec !== undefined && this.lastMoveDepartSec < assignedSec - EPS_SEC) {
      this.report('ACTS_BEFORE_ASSIGNMENT', `heads to ${JSON.stringify(restaurant)} at ${this.ctx.unit(this.lastMoveDepartSec)}, before the bundle is assigned at ${assignedAt}`);
    }
    if (atSec < assignedSec - EPS_SEC) this.report('ACTS_BEFORE_ASSIGNMENT', `picks up at ${at}, before the bundle is assigned at ${assignedAt}`);
  }

  /** A pickup after drop-offs starts a new bundle (the previous one must be complete); consecutive pickups share one. */
  private startOrJoinBundle(store: number | undefined, restaurant: string): void {
    if (this.delivering || this.bundle.length === 0) {
      this.closeBundle(`before picking up at ${JSON.stringify(restaurant)}`);
      this.bundle = [];
      this.bundleDelivered.clear();
      this.bundleStores = [];
      this.delivering = false;
    } else if (this.ctx.instance.sameStoreBundlesOnly && store !== undefined && this.bundleStores.some((s) => s !== store)) {
      this.report('MIXED_STORE_BUNDLE', `adds orders of ${JSON.stringify(restaurant)} to a bundle of ${[...new Set(this.bundleStores)].map((s) => JSON.stringify(this.ctx.instance.stores[s]!.id)).join(', ')}`);
    }
    if (store !== undefined) this.bundleStores.push(store);
  }

  /** Rules 1, 2, 4 and 7 for one order of a pickup; returns it when it joins the bundle. */
  private pickupOrder(id: unknown, store: number | undefined, restaurant: string, atSec: number, at: number, assignedSec: number, assignedAt: number): number[] {
    const o = typeof id === 'string' ? this.ctx.orderIndex.get(id) : undefined;
    if (o === undefined) {
      this.report('UNKNOWN_ID', `picks up order ${JSON.stringify(id)}, which is not in the instance`);
      return [];
    }
    const order = this.ctx.instance.orders[o]!;
    const q = JSON.stringify(order.id);
    const by = this.ctx.pickedUpBy[o];
    if (by !== undefined) {
      this.report('ORDER_AT_MOST_ONCE', `picks up order ${q}, already picked up by courier ${JSON.stringify(by)}`, order.id);
      return [];
    }
    this.ctx.pickedUpBy[o] = this.id;
    if (assignedSec < order.placedAt - EPS_SEC) this.report('ASSIGNED_BEFORE_PLACEMENT', `order ${q} is assigned at ${assignedAt}, before its placement at ${this.ctx.unit(order.placedAt)}`, order.id);
    if (atSec < order.readyAt - EPS_SEC) this.report('PICKUP_BEFORE_READY', `picks up at ${at}, before order ${q} is ready at ${this.ctx.unit(order.readyAt)}`, order.id);
    if (store !== undefined && order.store !== store) {
      this.report('NOT_AT_RESTAURANT', `picks up order ${q} at ${JSON.stringify(restaurant)}, but it is an order of ${JSON.stringify(this.ctx.instance.stores[order.store]!.id)}`, order.id);
    }
    return [o];
  }

  private dropoff(e: Readonly<Record<string, unknown>>): void {
    const { at, order: id } = e;
    if (!isFiniteNumber(at) || typeof id !== 'string') return this.report('MALFORMED_LOG', 'a drop-off needs a finite "at" and a string "order"');
    const o = this.ctx.orderIndex.get(id);
    if (o === undefined) return this.report('UNKNOWN_ID', `drops off order ${JSON.stringify(id)}, which is not in the instance`);
    const q = JSON.stringify(id);
    const atSec = this.ctx.sec(at);
    const halfSec = this.ctx.instance.dropoffServiceSec / 2;
    if (this.place.kind !== 'customer' || this.place.order !== o) this.report('NOT_AT_CUSTOMER', `drops off order ${q} while at ${this.placeName()}`, id);
    else if (Math.abs(atSec - (this.freeAtSec + halfSec)) > EPS_SEC) {
      this.report('SERVICE_TIME', `drops off order ${q} at ${at}, not at arrival ${this.ctx.unit(this.freeAtSec)} + half the drop-off service (${this.ctx.unit(this.freeAtSec + halfSec)})`, id);
    }
    if (this.ctx.droppedOff[o] === 1) this.report('ORDER_AT_MOST_ONCE', `drops off order ${q}, which is already dropped off`, id);
    this.ctx.droppedOff[o] = 1;
    this.checkSequence(o, q, id);
    this.delivering = true;
    this.freeAtSec = atSec + halfSec;
    this.lastMoveDepartSec = undefined;
  }

  /** Rule 5: a single-pickup bundle is delivered in its list order; a multi-pickup one, each order once. */
  private checkSequence(o: number, q: string, id: string): void {
    if (!this.bundle.includes(o) || this.bundleDelivered.has(o)) {
      this.report('DELIVERY_OUT_OF_SEQUENCE', `drops off order ${q}, which is not in its current bundle [${this.bundleIds().join(', ')}] or is delivered already`, id);
      return;
    }
    const expected = this.bundle.find((b) => !this.bundleDelivered.has(b));
    if (this.bundleStores.length <= 1 && expected !== o) {
      this.report('DELIVERY_OUT_OF_SEQUENCE', `drops off order ${q} before order ${JSON.stringify(this.ctx.instance.orders[expected!]!.id)} (the pickup lists [${this.bundleIds().join(', ')}])`, id);
    }
    this.bundleDelivered.add(o);
  }

  /** Reports orders of the current bundle that were never dropped off. */
  private closeBundle(when: string): void {
    const missing = this.bundle.filter((o) => !this.bundleDelivered.has(o)).map((o) => JSON.stringify(this.ctx.instance.orders[o]!.id));
    if (missing.length > 0) this.report('DELIVERY_OUT_OF_SEQUENCE', `has not dropped off ${missing.join(', ')} ${when}`);
  }

  private resolvePlace(id: string): { readonly place: Place; readonly x: number; readonly y: number } | undefined {
    const store = this.ctx.storeIndex.get(id);
    if (store !== undefined) {
      const s = this.ctx.instance.stores[store]!;
      return { place: { kind: 'store', store }, x: s.x, y: s.y };
    }
    const order = this.ctx.orderIndex.get(id);
    if (order === undefined) return undefined;
    const o = this.ctx.instance.orders[order]!;
    return { place: { kind: 'customer', order }, x: o.x, y: o.y };
  }

  private placeName(): string {
    const { instance } = this.ctx;
    switch (this.place.kind) {
      case 'start':
        return 'its start position';
      case 'store':
        return `restaurant ${JSON.stringify(instance.stores[this.place.store]!.id)}`;
      case 'customer':
        return `the customer of order ${JSON.stringify(instance.orders[this.place.order]!.id)}`;
      case 'unknown':
        return 'an unknown place';
    }
  }

  private bundleIds(): string[] {
    return this.bundle.map((o) => JSON.stringify(this.ctx.instance.orders[o]!.id));
  }

  private report(rule: ItineraryRule, text: string, order?: string): void {
    const where = this.eventIndex < 0 ? '' : ` event ${this.eventIndex}`;
    const at = this.eventIndex < 0 ? {} : { eventIndex: this.eventIndex };
    this.ctx.report({ rule, courier: this.id, ...at, ...(order === undefined ? {} : { order }), message: `courier ${JSON.stringify(this.id)}${where}: ${text}` });
  }
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
