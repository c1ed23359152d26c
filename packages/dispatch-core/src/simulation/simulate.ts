/**
 * A discrete-event, deterministic courier-dispatch simulator for MDRP-shaped instances. The
 * events are order placements, epoch ticks (every `policy.epochSec`, at whole multiples of it)
 * and courier shift starts and ends. At a placement (when `policy.onPlacement`) and at each tick
 * the policy sees the orders waiting for a courier and the couriers still able to pick up, and
 * answers with bundles; each bundle is checked strictly ({@link SimAssignmentError}) and then
 * executed exactly as {@link planBundle} times it: assignments are final and moves are never
 * diverted.
 *
 * Ordering at one instant: shift starts and ends first (a courier is listed while
 * `onAt ≤ now < offAt` and a pickup is still possible by `offAt`), then placements one by one in
 * instance order (an order is visible from its own placement event on), then the tick. Shift
 * changes alone do not call the policy (the contract's triggers are placements and ticks); a
 * decision is skipped when no order is waiting, so ticks cost nothing while the queue is empty.
 * No decision is taken at or after the horizon end (by default the last shift end); orders
 * still waiting then are unassigned.
 */
import { DispatchInputError } from '../errors.js';
import { planBundle } from './bundle-plan.js';
import { CourierTrack } from './courier-track.js';
import { SimAssignmentError, type SimAssignmentRule } from './sim-assignment-error.js';
import type { SimInstance } from './sim-instance.js';
import type { SimAssignment, SimCourierView, SimDispatchView, SimPolicy } from './sim-policy.js';
import type { SimOrderOutcome, SimResult } from './sim-result.js';
import { validateSimInstance } from './validate-sim-instance.js';

/** Options of {@link simulate}. */
export interface SimulateOptions {
  /** No decision at or after this instant; default: the last `offAt` of the instance. */
  readonly horizonEndSec?: number;
  /** Validate the instance first (default true; turn off only for an instance already checked). */
  readonly validateInstance?: boolean;
}

type Trigger = SimDispatchView['trigger'];

/** Runs `policy` on `instance` from the first placement to the horizon end; see the module doc. */
export function simulate(instance: SimInstance, policy: SimPolicy, options: SimulateOptions = {}): SimResult {
  if (options.validateInstance !== false) validateSimInstance(instance);
  if (!Number.isSafeInteger(policy.epochSec) || policy.epochSec < 0) {
    throw new DispatchInputError('INVALID_INPUT', 'policy.epochSec', 'must be a non-negative integer (seconds)', policy.epochSec);
  }
  const horizonEndSec = options.horizonEndSec ?? instance.couriers.reduce((end, c) => Math.max(end, c.offAt), -Infinity);
  return new Simulation(instance, policy).run(horizonEndSec);
}

/** @internal The state of one run. */
class Simulation {
  private readonly tracks: CourierTrack[];
  /** Courier indices by (onAt, index): shift starts in event order. */
  private readonly byShiftStart: number[];
  private numStarted = 0;
  /** Couriers whose shift has started and not ended, by index. */
  private onDuty: CourierTrack[] = [];
  private readonly released: Uint8Array;
  private readonly outcomes: { -readonly [K in keyof SimOrderOutcome]: SimOrderOutcome[K] }[];
  /** Released orders not yet assigned, by placement. */
  private waiting: number[] = [];
  private numBundles = 0;
  private numDecisions = 0;
  private readonly halfPickupSec: number;

  constructor(
    private readonly instance: SimInstance,
    private readonly policy: SimPolicy,
  ) {
    this.tracks = instance.couriers.map((c, i) => new CourierTrack(i, c));
    this.byShiftStart = instance.couriers.map((_, i) => i).sort((a, b) => instance.couriers[a]!.onAt - instance.couriers[b]!.onAt || a - b);
    this.released = new Uint8Array(instance.orders.length);
    this.outcomes = instance.orders.map((o) => ({ placedAt: o.placedAt, readyAt: o.readyAt, assignedAt: null, pickupAt: null, dropoffAt: null, courier: null }));
    this.halfPickupSec = instance.pickupServiceSec / 2;
  }

  run(horizonEndSec: number): SimResult {
    const { orders } = this.instance;
    const epochSec = this.policy.epochSec;
    let nextOrder = 0;
    let nextTick = epochSec > 0 ? -Infinity : Infinity;
    for (;;) {
      const placeAt = nextOrder < orders.length ? orders[nextOrder]!.placedAt : Infinity;
      // Ticks with no order waiting decide nothing: jump to the first tick at or after the next placement.
      if (epochSec > 0 && this.waiting.length === 0) nextTick = Math.max(nextTick, Math.ceil(placeAt / epochSec) * epochSec);
      const now = Math.min(placeAt, nextTick);
      if (!(now < horizonEndSec)) break;
      if (placeAt <= nextTick) {
        this.released[nextOrder] = 1;
        this.waiting.push(nextOrder);
        if (this.policy.onPlacement) this.decide(now, { kind: 'placement', order: nextOrder });
        nextOrder++;
      } else {
        this.decide(now, { kind: 'epoch' });
        nextTick += epochSec;
      }
    }
    return {
      policy: this.policy.name,
      horizonEndSec,
      orders: this.outcomes,
      itineraries: this.tracks.map((t) => t.events),
      unassigned: this.outcomes.flatMap((o, i) => (o.courier === null ? [i] : [])),
      numBundles: this.numBundles,
      numDecisions: this.numDecisions,
    };
  }

  private decide(now: number, trigger: Trigger): void {
    if (this.waiting.length === 0) return;
    const view: SimDispatchView = { now, instance: this.instance, unassigned: this.waiting.slice(), couriers: this.listCouriers(now), trigger };
    this.numDecisions++;
    const assignments = this.policy.decide(view);
    if (!Array.isArray(assignments)) this.fail('MALFORMED_ASSIGNMENTS', now, { field: 'assignments' }, 'must be an array of assignments', assignments);
    if (assignments.length === 0) return;
    const seen = new Map<number, number>();
    assignments.forEach((a, k) => this.execute(now, a, k, seen));
    this.waiting = this.waiting.filter((o) => this.outcomes[o]!.courier === null);
  }

  /** Couriers on shift at `now` that can still pick up by their `offAt`, by index. */
  private listCouriers(now: number): SimCourierView[] {
    const { couriers } = this.instance;
    let started = false;
    while (this.numStarted < this.byShiftStart.length && couriers[this.byShiftStart[this.numStarted]!]!.onAt <= now) {
      this.onDuty.push(this.tracks[this.byShiftStart[this.numStarted]!]!);
      this.numStarted++;
      started = true;
    }
    if (started) this.onDuty.sort((a, b) => a.index - b.index);
    this.onDuty = this.onDuty.filter((t) => now < t.courier.offAt);
    const views: SimCourierView[] = [];
    for (const track of this.onDuty) if (track.canStillPickUp(now, this.halfPickupSec)) views.push(track.view(now));
    return views;
  }

  /** Checks one assignment against every rule, then records it (`seen`: orders of this decision → assignment). */
  private execute(now: number, a: SimAssignment, k: number, seen: Map<number, number>): void {
    const { instance } = this;
    const field = `assignments[${k}]`;
    if (typeof a !== 'object' || a === null) this.fail('MALFORMED_ASSIGNMENTS', now, { field }, 'must be an object { courier, orders }', a);
    const courier = a.courier;
    if (!Number.isInteger(courier) || courier < 0 || courier >= instance.couriers.length) {
      this.fail('UNKNOWN_COURIER', now, { field: `${field}.courier` }, `must be an index into instance.couriers (0 … ${instance.couriers.length - 1})`, courier);
    }
    const orders = a.orders;
    if (!Array.isArray(orders) || orders.length === 0) this.fail('EMPTY_BUNDLE', now, { field: `${field}.orders`, courier }, 'must be a non-empty array of order indices', orders);
    orders.forEach((o, i) => {
      this.checkOrder(now, o, orders, `${field}.orders[${i}]`, courier, seen);
      seen.set(o, k);
    });
    const track = this.tracks[courier]!;
    const c = track.courier;
    if (!track.isOnDuty(now)) this.fail('COURIER_OFF_DUTY', now, { field: `${field}.courier`, courier }, `must be on shift at ${now} s (courier ${JSON.stringify(c.id)} works ${c.onAt} … ${c.offAt} s)`, courier);
    const plan = planBundle(instance, courier, { atSec: Math.max(now, track.freeAt), x: track.freeX, y: track.freeY }, orders, now);
    if (plan.lastPickupAtSec > c.offAt) {
      this.fail('PICKUP_AFTER_OFF_TIME', now, { field: `${field}.courier`, courier }, `must pick the bundle up by its offAt (${c.offAt} s) but would at ${plan.lastPickupAtSec} s (courier ${JSON.stringify(c.id)})`, courier);
    }
    track.commit(plan);
    orders.forEach((o, pos) => {
      const outcome = this.outcomes[o]!;
      outcome.assignedAt = now;
      outcome.pickupAt = plan.pickupAtSec[pos]!;
      outcome.dropoffAt = plan.dropoffAtSec[pos]!;
      outcome.courier = courier;
    });
    this.numBundles++;
  }

  private checkOrder(now: number, o: number, bundle: readonly number[], field: string, courier: number, seen: ReadonlyMap<number, number>): void {
    const { orders } = this.instance;
    const at = { field, courier, order: o };
    if (!Number.isInteger(o) || o < 0 || o >= orders.length) this.fail('UNKNOWN_ORDER', now, { field, courier }, `must be an index into instance.orders (0 … ${orders.length - 1})`, o);
    const order = orders[o]!;
    const name = `order ${o} (${JSON.stringify(order.id)})`;
    const earlier = seen.get(o);
    if (earlier !== undefined) this.fail('DUPLICATE_ORDER', now, at, `must appear once per decision (${name} is already in assignments[${earlier}])`, o);
    const outcome = this.outcomes[o]!;
    if (outcome.courier !== null) this.fail('ORDER_ALREADY_ASSIGNED', now, at, `must not be assigned yet (${name} went to courier ${outcome.courier} at ${outcome.assignedAt} s)`, o);
    if (this.released[o] !== 1) this.fail('ORDER_NOT_PLACED', now, at, `must be placed by now (${name} is placed at ${order.placedAt} s)`, o);
    const first = orders[bundle[0]!]!;
    if (this.instance.sameStoreBundlesOnly && order.store !== first.store) {
      this.fail('MIXED_STORES', now, at, `must come from the bundle's store ${first.store} (sameStoreBundlesOnly; ${name} is from store ${order.store})`, o);
    }
  }

  private fail(rule: SimAssignmentRule, now: number, at: { readonly field: string; readonly courier?: number; readonly order?: number }, ruleText: string, value: unknown): never {
    throw new SimAssignmentError(rule, { policy: this.policy.name, nowSec: now, ...at }, ruleText, value);
  }
}
