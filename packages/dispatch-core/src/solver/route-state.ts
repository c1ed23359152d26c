/**
 * One vehicle's route with the cached forward and backward data that make insertion checks
 * constant-time: service start times, loads and orders on board after each stop (and their
 * prefix / suffix maxima), the latest feasible service start at each stop (hard windows, shift
 * end, end time), and the waiting time after each stop. `update()` refreshes them in O(length)
 * after the route changed; only routes a move touched are refreshed.
 */
import {
  STOP_DELIVERY,
  STOP_JOB_DELIVERY,
  STOP_JOB_PICKUP,
  STOP_PICKUP,
  W_FIXED,
  type ProblemData,
} from './problem-data.js';

export class RouteState {
  readonly data: ProblemData;
  readonly vehicle: number;
  /** Stops in visit order, positions [0, len). */
  stops: Int32Array;
  len = 0;
  /** Positions [0, numLocked) are committed and never move. */
  readonly numLocked: number;

  /** Service start at each position. */
  startAt!: Float64Array;
  /** Latest service start at each position that keeps the rest of the route feasible. */
  latest!: Float64Array;
  /** Waiting at each position (service start − arrival). */
  waitSec!: Float64Array;
  /** Σ waiting at positions after p. */
  waitAfter!: Float64Array;
  /** Load per dimension after each position (pos × numDims). */
  load!: Int32Array;
  /** max(initial load, load after positions 0..p). */
  prefMaxLoad!: Int32Array;
  /** max(load after positions p..len−1). */
  sufMaxLoad!: Int32Array;
  /** Orders on board after each position, and its prefix / suffix maxima. */
  bag!: Int32Array;
  prefMaxBag!: Int32Array;
  sufMaxBag!: Int32Array;
  readonly initLoad: Int32Array;
  initBag = 0;

  /** Arrival at the end location, or departure from the last stop for an open route (startAt when empty). */
  endTime = 0;
  travelSec = 0;
  distanceM = 0;
  /** Σ lateness cost (before the objective's lateness weight). */
  latenessCost = 0;
  cost = 0;
  /** Any stop with a soft due time, or any shipment with a ride limit: insertions need an exact re-evaluation. */
  needsExactCheck = false;
  /** False only if a committed prefix itself breaks a hard rule (reported, never made worse). */
  isFeasible = true;
  /** Positions the arrays hold. */
  private capacity: number;
  /**
   * Weight of the vehicle's fixed cost in `cost` (the objective's, unless the search set it to 0:
   * after fleet minimisation the fleet can no longer grow, so the distance phase ignores it).
   */
  fixedWeight: number;

  constructor(data: ProblemData, vehicle: number) {
    this.data = data;
    this.vehicle = vehicle;
    this.fixedWeight = data.weights[W_FIXED]!;
    // Arrays start small and double as the route grows (many riders, few stops each).
    const dims = data.numDims;
    const cap = Math.min(data.numStops + 1, Math.max(16, data.vehLockedStart[vehicle + 1]! - data.vehLockedStart[vehicle]! + 2));
    this.capacity = cap;
    this.stops = new Int32Array(cap);
    this.allocateCaches(cap);
    this.initLoad = new Int32Array(dims);
    this.numLocked = data.vehLockedStart[vehicle + 1]! - data.vehLockedStart[vehicle]!;
    for (let i = 0; i < this.numLocked; i++) this.stops[i] = data.lockedStops[data.vehLockedStart[vehicle]! + i]!;
    this.len = this.numLocked;
    this.update();
  }

  /** Location before position p (the vehicle's start for p = 0). */
  prevLoc(p: number): number {
    return p === 0 ? this.data.vehStartLoc[this.vehicle]! : this.data.stopLoc[this.stops[p - 1]!]!;
  }

  /** Departure time before position p (the vehicle's start time for p = 0). */
  prevDeparture(p: number): number {
    return p === 0 ? this.data.vehStartAt[this.vehicle]! : this.startAt[p - 1]! + this.data.serviceSec[this.stops[p - 1]!]!;
  }

  /** Route cost of a given end time, travel, distance and lateness (the objective, this vehicle). */
  costOf(isUsed: boolean, endTime: number, travelSec: number, distanceM: number, latenessCost: number): number {
    return isUsed ? this.data.routeCost(this.vehicle, endTime, travelSec, distanceM, latenessCost, this.fixedWeight) : 0;
  }


  /** Recomputes every cached value from `stops[0..len)`. */
  update(): void {
    const d = this.data;
    const v = this.vehicle;
    const dims = d.numDims;
    const n = this.len;
    const endLoc = d.vehEndLoc[v]!;
    // Initial load: depot deliveries (and on-board orders) are carried from the start.
    this.initLoad.fill(0);
    let initBag = 0;
    let needsExact = false;
    for (let p = 0; p < n; p++) {
      const s = this.stops[p]!;
      if (d.stopKind[s] === STOP_JOB_DELIVERY) {
        initBag++;
        for (let k = 0; k < dims; k++) this.initLoad[k] = this.initLoad[k]! - d.demand[s * dims + k]!;
      }
      if (d.softDueAt[s]! !== Infinity || d.maxRideSec[d.requestOfStop[s]!]! !== Infinity) needsExact = true;
    }
    this.initBag = initBag;
    this.needsExactCheck = needsExact;

    // Forward: schedule, loads, travel, lateness.
    let loc = d.vehStartLoc[v]!;
    let time = d.vehStartAt[v]!;
    let travel = 0;
    let dist = 0;
    let late = 0;
    let bag = initBag;
    let maxBag = initBag;
    let feasible = true;
    for (let p = 0; p < n; p++) {
      const s = this.stops[p]!;
      const sl = d.stopLoc[s]!;
      travel += d.durationMatrix[loc * d.numLocations + sl]!;
      dist += d.distance(loc, sl);
      const arrival = time + d.durationMatrix[loc * d.numLocations + sl]!;
      const start = Math.max(arrival, d.twStart[s]!);
      this.startAt[p] = start;
      this.waitSec[p] = start - arrival;
      if (start > d.effectiveTwEnd(s, v)) feasible = false;
      if (start > d.softDueAt[s]!) late += d.lateCostPerSec[s]! * (start - d.softDueAt[s]!);
      time = start + d.serviceSec[s]!;
      loc = sl;
      const kind = d.stopKind[s]!;
      bag += kind === STOP_JOB_PICKUP || kind === STOP_PICKUP ? 1 : kind === STOP_JOB_DELIVERY || kind === STOP_DELIVERY ? -1 : 0;
      this.bag[p] = bag;
      maxBag = Math.max(maxBag, bag);
      this.prefMaxBag[p] = maxBag;
      for (let k = 0; k < dims; k++) {
        const l = (p === 0 ? this.initLoad[k]! : this.load[(p - 1) * dims + k]!) + d.demand[s * dims + k]!;
        this.load[p * dims + k] = l;
        this.prefMaxLoad[p * dims + k] = Math.max(p === 0 ? this.initLoad[k]! : this.prefMaxLoad[(p - 1) * dims + k]!, l);
      }
    }
    if (endLoc >= 0 && n > 0) {
      travel += d.durationMatrix[loc * d.numLocations + endLoc]!;
      dist += d.distance(loc, endLoc);
      time += d.durationMatrix[loc * d.numLocations + endLoc]!;
    }
    this.endTime = n > 0 ? time : d.vehStartAt[v]!;
    if (n > 0 && this.endTime > d.vehEndBy[v]!) feasible = false;
    this.travelSec = travel;
    this.distanceM = dist;
    this.latenessCost = late;
    this.cost = this.costOf(n > 0, this.endTime, travel, dist, late);

    // Backward: latest starts, suffix maxima, waiting after.
    let latestNext = endLoc >= 0 ? d.vehEndBy[v]! : d.vehEndBy[v]!;
    let nextLoc = endLoc;
    let sufBag = -Infinity;
    let waitAfter = 0;
    for (let p = n - 1; p >= 0; p--) {
      const s = this.stops[p]!;
      const sl = d.stopLoc[s]!;
      const travelOut = nextLoc >= 0 ? d.durationMatrix[sl * d.numLocations + nextLoc]! : 0;
      const latest = Math.min(d.effectiveTwEnd(s, v), latestNext - travelOut - d.serviceSec[s]!);
      this.latest[p] = latest;
      latestNext = latest;
      nextLoc = sl;
      this.waitAfter[p] = waitAfter;
      waitAfter += this.waitSec[p]!;
      sufBag = Math.max(sufBag, this.bag[p]!);
      this.sufMaxBag[p] = sufBag;
      for (let k = 0; k < dims; k++) {
        const l = this.load[p * dims + k]!;
        this.sufMaxLoad[p * dims + k] = p === n - 1 ? l : Math.max(l, this.sufMaxLoad[(p + 1) * dims + k]!);
      }
    }
    // Capacity and bag over the whole route (start included).
    for (let k = 0; k < dims; k++) {
      const maxLoad = n > 0 ? this.prefMaxLoad[(n - 1) * dims + k]! : this.initLoad[k]!;
      if (maxLoad > d.vehCapacity[v * dims + k]!) feasible = false;
    }
    if (maxBag > d.vehBagLimit[v]!) feasible = false;
    this.isFeasible = feasible && this.ridesFeasible();
  }

  /** True when every shipment on the route keeps its ride limit (O(length)). */
  private ridesFeasible(): boolean {
    const d = this.data;
    for (let p = 0; p < this.len; p++) {
      const s = this.stops[p]!;
      if (d.stopKind[s] !== STOP_DELIVERY) continue;
      const limit = d.maxRideSec[d.requestOfStop[s]!]!;
      if (limit === Infinity) continue;
      const pickup = d.sibling[s]!;
      for (let q = 0; q < p; q++) {
        if (this.stops[q] === pickup && this.startAt[p]! - (this.startAt[q]! + d.serviceSec[pickup]!) > limit) return false;
      }
    }
    return true;
  }

  /** Grows every per-position array to hold at least n positions (the caches are refreshed by update()). */
  ensureCapacity(n: number): void {
    if (n <= this.capacity) return;
    const cap = Math.min(this.data.numStops + 1, Math.max(n, 2 * this.capacity));
    const stops = new Int32Array(cap);
    stops.set(this.stops.subarray(0, this.len));
    this.stops = stops;
    this.allocateCaches(cap);
    this.capacity = cap;
  }

  /** Allocates the per-position caches for `cap` positions (filled by update()). */
  private allocateCaches(cap: number): void {
    const dims = this.data.numDims;
    this.startAt = new Float64Array(cap);
    this.latest = new Float64Array(cap);
    this.waitSec = new Float64Array(cap);
    this.waitAfter = new Float64Array(cap);
    this.load = new Int32Array(cap * dims);
    this.prefMaxLoad = new Int32Array(cap * dims);
    this.sufMaxLoad = new Int32Array(cap * dims);
    this.bag = new Int32Array(cap);
    this.prefMaxBag = new Int32Array(cap);
    this.sufMaxBag = new Int32Array(cap);
  }

  /** Copies the stop sequence into `out` and returns its length. */
  saveStops(out: Int32Array): number {
    out.set(this.stops.subarray(0, this.len));
    return this.len;
  }

  /** Restores a sequence saved by {@link saveStops} and refreshes the caches. */
  restoreStops(saved: Int32Array, len: number): void {
    this.ensureCapacity(len);
    this.stops.set(saved.subarray(0, len));
    this.len = len;
    this.update();
  }

  /** Inserts stop `s` at position p (shifting later stops); call update() afterwards. */
  insertAt(p: number, s: number): void {
    this.ensureCapacity(this.len + 1);
    this.stops.copyWithin(p + 1, p, this.len);
    this.stops[p] = s;
    this.len++;
  }

  /** Removes the stop at position p; call update() afterwards. */
  removeAt(p: number): void {
    this.stops.copyWithin(p, p + 1, this.len);
    this.len--;
  }
}
