/**
 * {@link EtaTracker} for a live dispatch service: string ids and `[lng, lat]` positions in,
 * string ids out. A thin adapter with no prediction logic of its own:
 *
 * - ids map to dense integer refs, and a removed id's ref is reused (a free list), so a
 *   long-running service holds memory for the orders and riders it follows now, not for every
 *   one it has ever seen;
 * - positions are projected equirectangularly around `origin` (metres east and north), and travel
 *   is {@link planarTravelSec}: straight-line metres × detour ÷ speed, rounded up to whole seconds;
 * - a stop's location is implied by its orders: a pickup is at their (common) store, a drop-off
 *   stop naming several orders drops them one after the other, each with its own service time.
 *
 * Every method that takes input validates it and throws {@link DispatchInputError} naming the
 * field, the rule and the value; the tracker is unchanged when it throws.
 */
import { EARTH_RADIUS_M, type LngLat } from '@o2o/geo';
import type { EtaConfig } from '../config/eta-config.js';
import { resolveDispatchConfig } from '../config/resolve-dispatch-config.js';
import { planarTravelSec } from '../dispatch/planar-travel.js';
import { DispatchInputError } from '../errors.js';
import type { EpochSeconds } from '../model/epoch-seconds.js';
import { IssueCollector } from '../model/issue-collector.js';
import { EtaTracker, type EtaStop } from './eta-tracker.js';

/** An open order: where it is collected and delivered, and its times. */
export interface LiveOrder {
  readonly id: string;
  readonly store: LngLat;
  readonly dropOff: LngLat;
  /** When the store has it ready (epoch seconds). */
  readonly readyAt: EpochSeconds;
  /** When the customer was promised it (epoch seconds). */
  readonly promisedBy: EpochSeconds;
}

/** A remaining stop of a rider; its location is implied by its orders. */
export interface LiveStop {
  readonly kind: 'pickup' | 'dropoff';
  /** Pickup: orders collected together (all at one store). Drop-off: orders dropped off in this order. */
  readonly orderIds: readonly string[];
}

/** A rider's latest position and its remaining stops, in order (empty: idle). */
export interface LiveRider {
  readonly id: string;
  readonly position: LngLat;
  /** Instant of the position (epoch seconds). */
  readonly at: EpochSeconds;
  readonly stops: readonly LiveStop[];
}

/** An order's prediction passed its promise (`lateness_alert`) or came back (`lateness_cleared`). */
export interface LiveLatenessEvent {
  readonly type: 'lateness_alert' | 'lateness_cleared';
  readonly orderId: string;
  /** The rider carrying or fetching the order; absent while it waits for one. */
  readonly riderId?: string;
  /** The refresh instant. */
  readonly at: EpochSeconds;
  readonly predictedDropoffAt: number;
  readonly promisedBy: EpochSeconds;
}

/** The prediction of one order at the last {@link LiveEtaTracker.refresh}. */
export interface LiveEta {
  readonly orderId: string;
  /** The rider carrying or fetching the order; absent while it waits for one (predicted from the earliest free rider). */
  readonly riderId?: string;
  readonly pickupAt: number;
  readonly dropoffAt: number;
  /** `isLatenessAlert(dropoffAt, promisedBy, eta)`. */
  readonly late: boolean;
}

export interface LiveEtaTrackerOptions {
  /** Projection centre (the city); positions far from it (hundreds of km) lose accuracy. */
  readonly origin: LngLat;
  /** Riding speed in metres per second (default 5). */
  readonly speedMps?: number;
  /** Road distance ÷ straight-line distance, ≥ 1 (default 1.3). */
  readonly detourFactor?: number;
  /** Seconds at a store (default 120); the pickup is at arrival + half of it. */
  readonly pickupServiceSec?: number;
  /** Seconds at a customer (default 120); the drop-off is at arrival + half of it. */
  readonly dropoffServiceSec?: number;
  /** Merged over `DEFAULT_DISPATCH_CONFIG.eta`. */
  readonly eta?: Partial<EtaConfig>;
}

/** Defaults of the optional {@link LiveEtaTrackerOptions}. */
export const LIVE_ETA_TRACKER_DEFAULTS = Object.freeze({ speedMps: 5, detourFactor: 1.3, pickupServiceSec: 120, dropoffServiceSec: 120 } as const);

const RAD = Math.PI / 180;
const M_PER_DEG_LAT = RAD * EARTH_RADIUS_M;

/** A rider as kept here: its projected position and its stops over order refs. */
interface RiderState {
  readonly ref: number;
  x: number;
  y: number;
  at: number;
  stops: readonly EtaStop[];
}

/** See the module doc. */
export class LiveEtaTracker {
  private readonly tracker: EtaTracker;
  private readonly lng0: number;
  private readonly lat0: number;
  private readonly mPerDegLng: number;
  private readonly orderRefs = new RefPool();
  /** Riders' refs are reused only after the next refresh, so a prediction never names a newer rider. */
  private readonly riderRefs = new RefPool();
  /** Projected store of each order ref (a pickup stop's orders must share it). */
  private readonly storeX: number[] = [];
  private readonly storeY: number[] = [];
  private readonly riders = new Map<number, RiderState>();
  /** Order ref → refs of the riders whose stops name it (so removing an order touches only those). */
  private readonly ridersOfOrder = new Map<number, Set<number>>();

  constructor(options: LiveEtaTrackerOptions) {
    const issues = new IssueCollector();
    if (issues.checkObject('options', options)) {
      issues.checkLngLat('options.origin', options.origin);
      const d = LIVE_ETA_TRACKER_DEFAULTS;
      checkNumber(issues, 'options.speedMps', options.speedMps ?? d.speedMps, 0, false);
      checkNumber(issues, 'options.detourFactor', options.detourFactor ?? d.detourFactor, 1, true);
      checkNumber(issues, 'options.pickupServiceSec', options.pickupServiceSec ?? d.pickupServiceSec, 0, true);
      checkNumber(issues, 'options.dropoffServiceSec', options.dropoffServiceSec ?? d.dropoffServiceSec, 0, true);
    }
    issues.throwIfAny();
    const eta = resolveDispatchConfig({ eta: options.eta }, 'options').eta;
    const d = LIVE_ETA_TRACKER_DEFAULTS;
    this.tracker = new EtaTracker({
      eta,
      travelSec: planarTravelSec({ speedMps: options.speedMps ?? d.speedMps, detourFactor: options.detourFactor ?? d.detourFactor, roundUpToSec: 1 }),
      pickupServiceSec: options.pickupServiceSec ?? d.pickupServiceSec,
      dropoffServiceSec: options.dropoffServiceSec ?? d.dropoffServiceSec,
    });
    [this.lng0, this.lat0] = options.origin;
    this.mPerDegLng = M_PER_DEG_LAT * Math.cos(this.lat0 * RAD);
  }

  get numOrders(): number {
    return this.orderRefs.size;
  }

  get numRiders(): number {
    return this.riderRefs.size;
  }

  /** Starts following an order, or replaces its data (riders naming it keep naming it). */
  upsertOrder(order: LiveOrder): void {
    const issues = new IssueCollector();
    if (issues.checkObject('order', order)) {
      issues.checkNonEmptyString('order.id', order.id);
      issues.checkLngLat('order.store', order.store);
      issues.checkLngLat('order.dropOff', order.dropOff);
      issues.checkEpochSeconds('order.readyAt', order.readyAt);
      issues.checkEpochSeconds('order.promisedBy', order.promisedBy);
    }
    issues.throwIfAny();
    const ref = this.orderRefs.acquire(order.id);
    const [storeX, storeY] = this.project(order.store);
    const [dropX, dropY] = this.project(order.dropOff);
    this.storeX[ref] = storeX;
    this.storeY[ref] = storeY;
    this.tracker.upsertOrder({ ref, storeX, storeY, dropX, dropY, readyAt: order.readyAt, promisedBy: order.promisedBy });
  }

  /** Stops following an order (delivered or cancelled), and drops it from every rider's stops; unknown ids are ignored. */
  removeOrder(orderId: string): void {
    const ref = this.orderRefs.refOf(orderId);
    if (ref === undefined) return;
    const riderRefs = this.ridersOfOrder.get(ref);
    if (riderRefs !== undefined) {
      for (const riderRef of riderRefs) {
        const rider = this.riders.get(riderRef)!;
        rider.stops = withoutOrder(rider.stops, ref);
        this.tracker.upsertRider({ ref: rider.ref, x: rider.x, y: rider.y, at: rider.at, stops: rider.stops });
      }
      this.ridersOfOrder.delete(ref);
    }
    this.tracker.removeOrder(ref);
    this.orderRefs.release(orderId);
    this.storeX.length = this.storeY.length = this.orderRefs.capacity;
  }

  /**
   * Sets a rider's position, instant and remaining stops (a new or changed plan).
   *
   * @throws {@link DispatchInputError} for a bad field, a stop naming an order the tracker does not
   *   follow (`UNKNOWN_REFERENCE`), a pickup of orders from different stores, or an order picked
   *   up or dropped off twice, or picked up after its drop-off.
   */
  upsertRider(rider: LiveRider): void {
    const issues = new IssueCollector();
    const stops: EtaStop[] = [];
    const named = new Set<number>();
    if (issues.checkObject('rider', rider)) {
      issues.checkNonEmptyString('rider.id', rider.id);
      issues.checkLngLat('rider.position', rider.position);
      issues.checkEpochSeconds('rider.at', rider.at);
      if (issues.checkArray('rider.stops', rider.stops)) this.checkStops(issues, rider.stops, stops, named);
    }
    issues.throwIfAny();
    const [x, y] = this.project(rider.position);
    const ref = this.riderRefs.acquire(rider.id);
    const old = this.riders.get(ref);
    this.tracker.upsertRider({ ref, x, y, at: rider.at, stops });
    if (old !== undefined) this.unlinkStops(ref, old.stops);
    for (const orderRef of named) {
      let set = this.ridersOfOrder.get(orderRef);
      if (set === undefined) this.ridersOfOrder.set(orderRef, (set = new Set()));
      set.add(ref);
    }
    this.riders.set(ref, { ref, x, y, at: rider.at, stops });
  }

  /** Updates a rider's position and instant, keeping its stops; false when the rider is unknown. */
  moveRider(riderId: string, position: LngLat, at: EpochSeconds): boolean {
    const issues = new IssueCollector();
    issues.checkLngLat('position', position);
    issues.checkEpochSeconds('at', at);
    issues.throwIfAny();
    const ref = this.riderRefs.refOf(riderId);
    if (ref === undefined) return false;
    const rider = this.riders.get(ref)!;
    [rider.x, rider.y] = this.project(position);
    rider.at = at;
    this.tracker.upsertRider({ ref, x: rider.x, y: rider.y, at, stops: rider.stops });
    return true;
  }

  /** Stops following a rider (off shift); its orders wait for a rider again. Unknown ids are ignored. */
  removeRider(riderId: string): void {
    const ref = this.riderRefs.refOf(riderId);
    if (ref === undefined) return;
    this.unlinkStops(ref, this.riders.get(ref)!.stops);
    this.riders.delete(ref);
    this.tracker.removeRider(ref);
    this.riderRefs.release(riderId, true);
  }

  /** The prediction of an order as of the last {@link refresh} (undefined before its first refresh). */
  etaOf(orderId: string): LiveEta | undefined {
    const ref = this.orderRefs.refOf(orderId);
    const eta = ref === undefined ? undefined : this.tracker.etaOf(ref);
    if (eta === undefined) return undefined;
    const riderId = this.riderIdOf(eta.rider);
    const base = { orderId, pickupAt: eta.pickupAt, dropoffAt: eta.dropoffAt, late: eta.late };
    return riderId === undefined ? base : { ...base, riderId };
  }

  /**
   * Recomputes every prediction at `now` and returns the lateness events since the last refresh,
   * sorted by order id: one `lateness_alert` when an order's predicted drop-off passes
   * `promisedBy - eta.alertMarginSec`, one `lateness_cleared` when it comes back, nothing while the
   * state is unchanged.
   */
  refresh(now: EpochSeconds): LiveLatenessEvent[] {
    const issues = new IssueCollector();
    issues.checkEpochSeconds('now', now);
    issues.throwIfAny();
    const events = this.tracker.refresh(now);
    this.riderRefs.flush();
    const out: LiveLatenessEvent[] = events.map((e) => {
      const orderId = this.orderRefs.idOf(e.order)!;
      const riderId = this.riderIdOf(this.tracker.etaOf(e.order)?.rider ?? -1);
      const base = { type: e.type, orderId, at: e.at, predictedDropoffAt: e.predictedDropoffAt, promisedBy: e.promisedBy };
      return riderId === undefined ? base : { ...base, riderId };
    });
    return out.sort((a, b) => (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0));
  }

  /** Metres east and north of the origin (longitudes unwrapped across the antimeridian). */
  private project([lng, lat]: LngLat): [number, number] {
    let dLng = lng - this.lng0;
    if (dLng > 180) dLng -= 360;
    else if (dLng < -180) dLng += 360;
    return [dLng * this.mPerDegLng, (lat - this.lat0) * M_PER_DEG_LAT];
  }

  private riderIdOf(ref: number): string | undefined {
    return ref < 0 ? undefined : this.riderRefs.idOf(ref);
  }

  /** Checks `rider.stops` and fills `out` (drop-offs one per order) and `named` (order refs). */
  private checkStops(issues: IssueCollector, stops: readonly unknown[], out: EtaStop[], named: Set<number>): void {
    /** Order id → 'pickup' or 'dropoff': the last stop kind seen for it. */
    const seen = new Map<string, LiveStop['kind']>();
    stops.forEach((stop, i) => {
      const field = `rider.stops[${i}]`;
      if (!issues.checkObject(field, stop)) return;
      const kindOk = issues.checkOneOf(`${field}.kind`, stop.kind, ['pickup', 'dropoff'] as const);
      if (!issues.checkArray(`${field}.orderIds`, stop.orderIds, true) || !kindOk) return;
      const kind = stop.kind as LiveStop['kind'];
      const refs: number[] = [];
      let first = -1;
      stop.orderIds.forEach((id: unknown, j) => {
        const f = `${field}.orderIds[${j}]`;
        if (!issues.checkNonEmptyString(f, id)) return;
        const ref = this.orderRefs.refOf(id);
        if (ref === undefined) {
          issues.add('UNKNOWN_REFERENCE', f, 'must name an order the tracker follows', id);
          return;
        }
        const before = seen.get(id);
        if (before === kind) {
          issues.invalid(f, `must not name an order of an earlier ${kind} stop`, id);
          return;
        }
        if (before === 'dropoff') {
          issues.invalid(f, 'must not pick up an order after its drop-off stop', id);
          return;
        }
        seen.set(id, kind);
        if (kind === 'pickup') {
          if (first < 0) first = ref;
          else if (this.storeX[ref] !== this.storeX[first] || this.storeY[ref] !== this.storeY[first]) {
            issues.invalid(f, "must be an order of the same store as the stop's first order", id);
            return;
          }
        }
        refs.push(ref);
        named.add(ref);
      });
      if (kind === 'pickup') out.push({ kind, orders: refs });
      else for (const ref of refs) out.push({ kind, orders: [ref] });
    });
  }

  /** Removes a rider from the reverse index of the orders its stops name. */
  private unlinkStops(riderRef: number, stops: readonly EtaStop[]): void {
    for (const stop of stops) {
      for (const orderRef of stop.orders) {
        const set = this.ridersOfOrder.get(orderRef);
        if (set === undefined) continue;
        set.delete(riderRef);
        if (set.size === 0) this.ridersOfOrder.delete(orderRef);
      }
    }
  }
}

/** `stops` without order `ref` (stops left empty are dropped). */
function withoutOrder(stops: readonly EtaStop[], ref: number): EtaStop[] {
  const out: EtaStop[] = [];
  for (const stop of stops) {
    if (!stop.orders.includes(ref)) out.push(stop);
    else if (stop.orders.length > 1) out.push({ kind: stop.kind, orders: stop.orders.filter((r) => r !== ref) });
  }
  return out;
}

/** A finite number ≥ `min` (or > `min` when not `inclusive`). */
function checkNumber(issues: IssueCollector, field: string, value: unknown, min: number, inclusive: boolean): void {
  if (typeof value === 'number' && Number.isFinite(value) && (inclusive ? value >= min : value > min)) return;
  issues.invalid(field, `must be a finite number ${inclusive ? '≥' : '>'} ${min}`, value);
}

/**
 * Dense integer refs for string ids, reusing released refs (a LIFO free list). Storage is
 * bounded by the most ids live at once, and drops to nothing when none are.
 */
class RefPool {
  private readonly refs = new Map<string, number>();
  private readonly ids: Array<string | undefined> = [];
  private readonly free: number[] = [];
  /** Released refs that keep their id until {@link flush} (not reused before). */
  private readonly held: number[] = [];

  /** Live ids. */
  get size(): number {
    return this.refs.size;
  }

  /** Refs allocated (live, free and held). */
  get capacity(): number {
    return this.ids.length;
  }

  refOf(id: string): number | undefined {
    return this.refs.get(id);
  }

  idOf(ref: number): string | undefined {
    return this.ids[ref];
  }

  /** The ref of `id`, allocated (preferably a freed one) when new. */
  acquire(id: string): number {
    let ref = this.refs.get(id);
    if (ref !== undefined) return ref;
    ref = this.free.pop() ?? this.ids.length;
    this.ids[ref] = id;
    this.refs.set(id, ref);
    return ref;
  }

  /** Frees the ref of `id`; with `hold`, it keeps naming `id` until the next {@link flush}. */
  release(id: string, hold = false): void {
    const ref = this.refs.get(id);
    if (ref === undefined) return;
    this.refs.delete(id);
    if (hold) {
      this.held.push(ref);
      return;
    }
    this.ids[ref] = undefined;
    this.free.push(ref);
    this.shrinkIfEmpty();
  }

  /** Makes held refs reusable. */
  flush(): void {
    for (const ref of this.held) {
      this.ids[ref] = undefined;
      this.free.push(ref);
    }
    this.held.length = 0;
    this.shrinkIfEmpty();
  }

  private shrinkIfEmpty(): void {
    if (this.refs.size > 0 || this.held.length > 0) return;
    this.ids.length = 0;
    this.free.length = 0;
  }
}
