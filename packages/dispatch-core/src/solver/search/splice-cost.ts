/**
 * Cost of a route after a move, as a splice of the current route r: its prefix [0, p), then `k`
 * given stops, then its suffix [q, len). Every local-search move is one or two splices.
 *
 * {@link SpliceCost.bound} walks the prefix and suffix in O(1) from the route's caches and only
 * the given stops one by one. It is the exact cost (or Infinity) when the route has no soft due
 * time and no ride limit (`isExact`); otherwise the suffix's lateness and ride limits are unknown
 * and it is a lower bound, infeasible (Infinity) only when the new route truly is.
 * {@link SpliceCost.exact} is the full recomputation (`evaluateSequence`).
 */
import { evaluateSequence } from '../evaluate-sequence.js';
import { STOP_DELIVERY, STOP_JOB_DELIVERY, STOP_JOB_PICKUP, STOP_PICKUP } from '../problem-data.js';
import type { IntraSplice } from './intra-splice.js';
import type { SearchState } from './search-state.js';

export class SpliceCost {
  /** True when the last {@link bound} returned the exact cost. */
  isExact = false;
  private readonly st: SearchState;
  private readonly load: Int32Array;
  private readonly loadDelta: Int32Array;
  /** Departure from each pickup placed among the given stops, valid where `mark[s] === stamp`. */
  private readonly departAt: Float64Array;
  private readonly mark: Int32Array;
  private stamp = 0;
  private seq: Int32Array;

  constructor(st: SearchState) {
    this.st = st;
    const d = st.data;
    this.load = new Int32Array(d.numDims);
    this.loadDelta = new Int32Array(d.numDims);
    this.departAt = new Float64Array(d.numStops);
    this.mark = new Int32Array(d.numStops);
    this.seq = new Int32Array(d.numStops + 1);
  }

  /** Lower bound on (exact, when `isExact`) the cost of route r's [0, p) + mid[from, from + k) + [q, len). */
  bound(r: number, p: number, mid: ArrayLike<number>, from: number, k: number, q: number): number {
    const st = this.st;
    const d = st.data;
    const route = st.routes[r]!;
    const c = st.caches[r]!;
    const v = route.vehicle;
    const len = route.len;
    const dims = d.numDims;
    this.isExact = !route.needsExactCheck;
    if (p + k + len - q === 0) return 0;

    // Depot deliveries are loaded at the start: removing or adding them shifts every load before them.
    const loadDelta = this.loadDelta;
    loadDelta.fill(0);
    let bagDelta = 0;
    for (let i = p; i < q; i++) {
      const s = route.stops[i]!;
      if (d.stopKind[s] !== STOP_JOB_DELIVERY) continue;
      bagDelta--;
      for (let m = 0; m < dims; m++) loadDelta[m] = loadDelta[m]! + d.demand[s * dims + m]!;
    }
    for (let i = from; i < from + k; i++) {
      const s = mid[i]!;
      if (d.stopKind[s] !== STOP_JOB_DELIVERY) continue;
      bagDelta++;
      for (let m = 0; m < dims; m++) loadDelta[m] = loadDelta[m]! - d.demand[s * dims + m]!;
    }
    // Prefix: its maxima shift by the start-load change.
    const bagLimit = d.vehBagLimit[v]!;
    const load = this.load;
    for (let m = 0; m < dims; m++) {
      const cap = d.vehCapacity[v * dims + m]!;
      load[m] = (p > 0 ? route.load[(p - 1) * dims + m]! : route.initLoad[m]!) + loadDelta[m]!;
      if ((p > 0 ? route.prefMaxLoad[(p - 1) * dims + m]! + loadDelta[m]! : load[m]!) > cap) return Infinity;
    }
    let bag = (p > 0 ? route.bag[p - 1]! : route.initBag) + bagDelta;
    if ((p > 0 ? route.prefMaxBag[p - 1]! + bagDelta : bag) > bagLimit) return Infinity;

    const n = d.numLocations;
    let loc = route.prevLoc(p);
    let time = route.prevDeparture(p);
    let travel = p > 0 ? c.cumTravel[p - 1]! : 0;
    let distance = p > 0 ? c.cumDistance[p - 1]! : 0;
    let lateness = p > 0 ? c.cumLateness[p - 1]! : 0;
    const stamp = ++this.stamp;
    for (let i = from; i < from + k; i++) {
      const s = mid[i]!;
      const sl = d.stopLoc[s]!;
      const t = d.durationMatrix[loc * n + sl]!;
      travel += t;
      distance += d.distance(loc, sl);
      const start = Math.max(time + t, d.twStart[s]!);
      if (start > d.effectiveTwEnd(s, v)) return Infinity;
      if (start > d.softDueAt[s]!) lateness += d.lateCostPerSec[s]! * (start - d.softDueAt[s]!);
      time = start + d.serviceSec[s]!;
      loc = sl;
      const kind = d.stopKind[s]!;
      if (kind === STOP_PICKUP) {
        // Its delivery must come later: not in the prefix.
        const sib = d.sibling[s]!;
        if (st.routeOfStop(sib) === r && st.posOfStop[sib]! < p) return Infinity;
        this.mark[s] = stamp;
        this.departAt[s] = time;
      } else if (kind === STOP_DELIVERY) {
        // Its pickup must come earlier: among the given stops, or in the prefix.
        const pickup = d.sibling[s]!;
        let pickupDepart: number;
        if (this.mark[pickup] === stamp) pickupDepart = this.departAt[pickup]!;
        else if (st.routeOfStop(pickup) === r && st.posOfStop[pickup]! < p) pickupDepart = route.startAt[st.posOfStop[pickup]!]! + d.serviceSec[pickup]!;
        else return Infinity;
        if (start - pickupDepart > d.maxRideSec[d.requestOfStop[s]!]!) return Infinity;
      }
      bag += kind === STOP_JOB_PICKUP || kind === STOP_PICKUP ? 1 : -1;
      if (bag > bagLimit) return Infinity;
      for (let m = 0; m < dims; m++) {
        load[m] = load[m]! + d.demand[s * dims + m]!;
        if (load[m]! > d.vehCapacity[v * dims + m]!) return Infinity;
      }
    }

    let end: number;
    if (q < len) {
      // Suffix: O(1) from latest start, fixed work and earliest end; its loads shift by a constant.
      for (let m = 0; m < dims; m++) {
        const shift = load[m]! - (q > 0 ? route.load[(q - 1) * dims + m]! : route.initLoad[m]!);
        if (route.sufMaxLoad[q * dims + m]! + shift > d.vehCapacity[v * dims + m]!) return Infinity;
      }
      if (route.sufMaxBag[q]! + bag - (q > 0 ? route.bag[q - 1]! : route.initBag) > bagLimit) return Infinity;
      const s = route.stops[q]!;
      const sl = d.stopLoc[s]!;
      const t = d.durationMatrix[loc * n + sl]!;
      const start = Math.max(time + t, d.twStart[s]!);
      if (start > route.latest[q]!) return Infinity;
      end = Math.max(start + (route.endTime - route.startAt[q]! - route.waitAfter[q]!), c.earliestEnd[q]!);
      travel += t + (route.travelSec - c.cumTravel[q]!);
      distance += d.distance(loc, sl) + (route.distanceM - c.cumDistance[q]!);
    } else {
      const endLoc = d.vehEndLoc[v]!;
      end = time;
      if (endLoc >= 0) {
        end += d.durationMatrix[loc * n + endLoc]!;
        travel += d.durationMatrix[loc * n + endLoc]!;
        distance += d.distance(loc, endLoc);
      }
      if (end > d.vehEndBy[v]!) return Infinity;
    }
    // The one route-cost formula, as evaluateSequence uses it.
    return d.routeCost(v, end, travel, distance, lateness);
  }

  /** The exact cost of the same splice, recomputed from scratch (Infinity when infeasible). */
  exact(r: number, p: number, mid: ArrayLike<number>, from: number, k: number, q: number): number {
    const route = this.st.routes[r]!;
    const seq = this.seq;
    let len = 0;
    for (let i = 0; i < p; i++) seq[len++] = route.stops[i]!;
    for (let i = from; i < from + k; i++) seq[len++] = mid[i]!;
    for (let i = q; i < route.len; i++) seq[len++] = route.stops[i]!;
    return evaluateSequence(this.st.data, route.vehicle, seq, len);
  }

  /**
   * Delta of an intra-route move of route r. With `prune`, a bound that cannot beat `best` (or
   * zero) is returned as is, clamped to ≥ 0, and `isExact` is left false; otherwise the exact
   * delta is returned (Infinity when infeasible) with `isExact` set.
   */
  intraDelta(r: number, m: IntraSplice, prune: boolean, best: number): number {
    const oldCost = this.st.routes[r]!.cost;
    const cost = this.bound(r, m.p, m.mid, 0, m.k, m.q);
    if (cost === Infinity || this.isExact) {
      this.isExact = true;
      return cost - oldCost;
    }
    const bound = cost - oldCost;
    if (prune && (bound >= 0 || bound >= best)) return Math.max(0, bound);
    this.isExact = true;
    return this.exact(r, m.p, m.mid, 0, m.k, m.q) - oldCost;
  }

  /** {@link bound}, then {@link exact} only if the bound is not already exact. */
  full(r: number, p: number, mid: ArrayLike<number>, from: number, k: number, q: number): number {
    const cost = this.bound(r, p, mid, from, k, q);
    return this.isExact || cost === Infinity ? cost : this.exact(r, p, mid, from, k, q);
  }
}
