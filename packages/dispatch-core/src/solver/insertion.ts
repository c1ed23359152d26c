/**
 * Cheapest feasible insertion of one request (a single stop, or a pickup–delivery pair) into one
 * route. Hard rules are checked in O(1) per position from the route's cached latest-start,
 * load and bag data; the pair scan walks delivery positions forward from each pickup position
 * with running maxima, so a route costs O(length²) for a pair and O(length) for a single stop.
 * Routes with soft due times or ride limits re-evaluate each promising candidate exactly
 * (`evaluateSequence`), since lateness and ride times depend on the whole shifted tail.
 */
import { evaluateSequence } from './evaluate-sequence.js';
import { STOP_DELIVERY, STOP_JOB_DELIVERY, W_DISTANCE, W_DURATION, W_TRAVEL, type ProblemData } from './problem-data.js';
import type { RouteState } from './route-state.js';

/** The best insertion found so far; `delta` Infinity when none. */
export class InsertionMove {
  delta = Infinity;
  route = -1;
  /** Position of the (first) stop: inserted before the stop now at this position. */
  pos1 = -1;
  /** For a pair: the delivery goes before the stop now at `pos2` (pos2 ≥ pos1; equal = right after the pickup). */
  pos2 = -1;

  reset(): void {
    this.delta = Infinity;
    this.route = -1;
    this.pos1 = -1;
    this.pos2 = -1;
  }
}

let scratchSeq = new Int32Array(64);

/** A source of skip decisions for blinks (SISR): return true to skip a position. */
export type Blink = () => boolean;
const NEVER: Blink = () => false;

/**
 * Updates `best` with the cheapest feasible insertion of request r into `route` (index
 * `routeIdx`) if it beats `best.delta`.
 */
export function bestInsertionInRoute(d: ProblemData, route: RouteState, routeIdx: number, r: number, best: InsertionMove, blink: Blink = NEVER): void {
  const first = d.requestFirstStop[r]!;
  if (d.requestNumStops[r] === 1) singleInsertion(d, route, routeIdx, first, best, blink);
  else pairInsertion(d, route, routeIdx, first, d.sibling[first]!, best, blink);
}

/** Weighted travel and distance cost of the arc a → b (0 when b < 0: an open route's end). */
function arcCost(d: ProblemData, a: number, b: number): number {
  if (b < 0) return 0;
  return d.weights[W_TRAVEL]! * d.durationMatrix[a * d.numLocations + b]! + d.weights[W_DISTANCE]! * d.distance(a, b);
}

/** Cost of going a → u → b instead of a → b. */
function detourCost(d: ProblemData, a: number, u: number, b: number): number {
  return arcCost(d, a, u) + arcCost(d, u, b) - arcCost(d, a, b);
}

function singleInsertion(d: ProblemData, route: RouteState, routeIdx: number, s: number, best: InsertionMove, blink: Blink): void {
  const v = route.vehicle;
  const dims = d.numDims;
  const n = d.numLocations;
  const len = route.len;
  const kind = d.stopKind[s]!;
  const isDepotDelivery = kind === STOP_JOB_DELIVERY;
  const sl = d.stopLoc[s]!;
  const endLoc = d.vehEndLoc[v]!;
  const twEnd = d.effectiveTwEnd(s, v);
  const twStart = d.twStart[s]!;
  const service = d.serviceSec[s]!;
  const wDur = d.weights[W_DURATION]!;
  const usedNow = len > 0;
  const fixedAdd = usedNow ? 0 : route.costOf(true, d.vehStartAt[v]!, 0, 0, 0);
  const bagLimit = d.vehBagLimit[v]!;
  const exact = route.needsExactCheck || d.softDueAt[s]! !== Infinity;
  // With no duration weight and no exact re-evaluation, the delta is the detour alone: positions
  // whose detour cannot beat the best are skipped before any time check.
  const detourIsDelta = wDur === 0 && !exact;
  const stops = route.stops;
  const dm = d.durationMatrix;
  // Loads and bags: when the whole route has room, no position needs its own check.
  const needsLoadCheck = !fitsEverywhere(d, route, s, isDepotDelivery);
  const needsBagCheck = kind !== STOP_DELIVERY && (len === 0 ? route.initBag : Math.max(route.prefMaxBag[len - 1]!, route.initBag)) + 1 > bagLimit;

  let prevLoc = route.prevLoc(route.numLocked);
  let prevDepart = route.prevDeparture(route.numLocked);
  for (let p = route.numLocked; p <= len; p++) {
    if (p > route.numLocked) {
      const prev = stops[p - 1]!;
      prevLoc = d.stopLoc[prev]!;
      prevDepart = route.startAt[p - 1]! + d.serviceSec[prev]!;
    }
    if (blink()) continue;
    const nextLoc = p < len ? d.stopLoc[stops[p]!]! : endLoc;
    // An empty route has no start → end arc to replace.
    const detour = usedNow ? detourCost(d, prevLoc, sl, nextLoc) : arcCost(d, prevLoc, sl) + arcCost(d, sl, nextLoc);
    if (detourIsDelta && fixedAdd + detour >= best.delta) continue;
    if (needsLoadCheck && !loadFitsAt(d, route, s, isDepotDelivery, p)) continue;
    // Bag: a depot delivery is carried from the start, a pickup from p on; the delivery of a
    // committed pickup (the only single-stop delivery) only empties the bag.
    if (needsBagCheck) {
      const bagBefore = p === 0 ? route.initBag : isDepotDelivery ? route.prefMaxBag[p - 1]! : route.bag[p - 1]!;
      const bagPeak = isDepotDelivery ? Math.max(bagBefore, route.initBag) : Math.max(bagBefore, p < len ? route.sufMaxBag[p]! : -Infinity);
      if (bagPeak + 1 > bagLimit) continue;
    }

    const start = Math.max(prevDepart + dm[prevLoc * n + sl]!, twStart);
    if (start > twEnd) continue;
    const depart = start + service;
    let newEnd: number;
    if (p < len) {
      const next = stops[p]!;
      const nextStart = Math.max(depart + dm[sl * n + d.stopLoc[next]!]!, d.twStart[next]!);
      if (nextStart > route.latest[p]!) continue;
      const shift = nextStart - route.startAt[p]!;
      newEnd = route.endTime + Math.max(0, shift - route.waitAfter[p]!);
      if (shift < 0) newEnd = Number.NaN; // non-metric matrix: let the exact evaluation decide
    } else {
      newEnd = endLoc >= 0 ? depart + dm[sl * n + endLoc]! : depart;
      if (newEnd > d.vehEndBy[v]!) continue;
    }
    const oldEnd = usedNow ? route.endTime : d.vehStartAt[v]!;
    let delta = fixedAdd + detour + wDur * (newEnd - oldEnd);
    if (exact || Number.isNaN(delta)) {
      if (!(Number.isNaN(delta) || delta < best.delta)) continue;
      delta = exactDelta(d, route, s, p, -1, -1);
    }
    if (delta < best.delta) {
      best.delta = delta;
      best.route = routeIdx;
      best.pos1 = p;
      best.pos2 = -1;
    }
  }
}

/** True when stop s fits the vehicle's capacity at every position of the route. */
function fitsEverywhere(d: ProblemData, route: RouteState, s: number, isDepotDelivery: boolean): boolean {
  const dims = d.numDims;
  const last = route.len - 1;
  for (let k = 0; k < dims; k++) {
    const q = isDepotDelivery ? -d.demand[s * dims + k]! : d.demand[s * dims + k]!;
    const peak = last < 0 ? route.initLoad[k]! : Math.max(route.initLoad[k]!, route.prefMaxLoad[last * dims + k]!);
    if (peak + q > d.vehCapacity[route.vehicle * dims + k]!) return false;
  }
  return true;
}

/** Capacity at position p: a depot delivery raises the load before p; a pickup raises it from p on. */
function loadFitsAt(d: ProblemData, route: RouteState, s: number, isDepotDelivery: boolean, p: number): boolean {
  const dims = d.numDims;
  const len = route.len;
  for (let k = 0; k < dims; k++) {
    const q = isDepotDelivery ? -d.demand[s * dims + k]! : d.demand[s * dims + k]!;
    const before = p === 0 ? route.initLoad[k]! : route.prefMaxLoad[(p - 1) * dims + k]!;
    const peak = isDepotDelivery ? before : Math.max(p === 0 ? route.initLoad[k]! : route.load[(p - 1) * dims + k]!, p < len ? route.sufMaxLoad[p * dims + k]! : -Infinity);
    if (peak + q > d.vehCapacity[route.vehicle * dims + k]!) return false;
  }
  return true;
}

function pairInsertion(d: ProblemData, route: RouteState, routeIdx: number, ps: number, ds: number, best: InsertionMove, blink: Blink): void {
  const v = route.vehicle;
  const dims = d.numDims;
  const n = d.numLocations;
  const len = route.len;
  const pl = d.stopLoc[ps]!;
  const dl = d.stopLoc[ds]!;
  const endLoc = d.vehEndLoc[v]!;
  const pEnd = d.effectiveTwEnd(ps, v);
  const dEnd = d.effectiveTwEnd(ds, v);
  const wDur = d.weights[W_DURATION]!;
  const usedNow = len > 0;
  const oldEnd = usedNow ? route.endTime : d.vehStartAt[v]!;
  const fixedAdd = usedNow ? 0 : route.costOf(true, d.vehStartAt[v]!, 0, 0, 0);
  const bagLimit = d.vehBagLimit[v]!;
  const exact = route.needsExactCheck || d.maxRideSec[d.requestOfStop[ps]!]! !== Infinity || d.softDueAt[ps]! !== Infinity || d.softDueAt[ds]! !== Infinity;

  for (let i = route.numLocked; i <= len; i++) {
    // Pickup at i: load and bag after it.
    let ok = (i === 0 ? route.initBag : route.bag[i - 1]!) + 1 <= bagLimit;
    for (let k = 0; k < dims && ok; k++) {
      const before = i === 0 ? route.initLoad[k]! : route.load[(i - 1) * dims + k]!;
      if (before + d.demand[ps * dims + k]! > d.vehCapacity[v * dims + k]!) ok = false;
    }
    if (!ok) continue;
    const prevLoc = route.prevLoc(i);
    const pStart = Math.max(route.prevDeparture(i) + d.durationMatrix[prevLoc * n + pl]!, d.twStart[ps]!);
    if (pStart > pEnd) continue;
    const pDepart = pStart + d.serviceSec[ps]!;
    const pDetour = detourCost(d, prevLoc, pl, i < len ? d.stopLoc[route.stops[i]!]! : endLoc);

    // Walk the delivery position j from i: stops i..j−1 sit between pickup and delivery.
    let lastLoc = pl;
    let lastDepart = pDepart;
    for (let j = i; j <= len; j++) {
      if (j > i) {
        // Stop j−1 now comes after the pickup: its shifted start, window, load and bag.
        const s = route.stops[j - 1]!;
        const start = Math.max(lastDepart + d.durationMatrix[lastLoc * n + d.stopLoc[s]!]!, d.twStart[s]!);
        if (start > d.effectiveTwEnd(s, v)) break;
        if (route.bag[j - 1]! + 1 > bagLimit) break;
        let fits = true;
        for (let k = 0; k < dims && fits; k++) if (route.load[(j - 1) * dims + k]! + d.demand[ps * dims + k]! > d.vehCapacity[v * dims + k]!) fits = false;
        if (!fits) break;
        lastLoc = d.stopLoc[s]!;
        lastDepart = start + d.serviceSec[s]!;
      }
      if (blink()) continue;
      const dStart = Math.max(lastDepart + d.durationMatrix[lastLoc * n + dl]!, d.twStart[ds]!);
      if (dStart > dEnd) continue;
      const dDepart = dStart + d.serviceSec[ds]!;
      let newEnd: number;
      let shift = 0;
      if (j < len) {
        const next = route.stops[j]!;
        const nextStart = Math.max(dDepart + d.durationMatrix[dl * n + d.stopLoc[next]!]!, d.twStart[next]!);
        if (nextStart > route.latest[j]!) continue;
        shift = nextStart - route.startAt[j]!;
        newEnd = route.endTime + Math.max(0, shift - route.waitAfter[j]!);
      } else {
        newEnd = endLoc >= 0 ? dDepart + d.durationMatrix[dl * n + endLoc]! : dDepart;
        if (newEnd > d.vehEndBy[v]!) continue;
      }
      const nextLoc = j < len ? d.stopLoc[route.stops[j]!]! : endLoc;
      const travelDelta =
        j === i ? arcCost(d, prevLoc, pl) + arcCost(d, pl, dl) + arcCost(d, dl, nextLoc) - (usedNow ? arcCost(d, prevLoc, nextLoc) : 0) : pDetour + detourCost(d, lastLoc, dl, nextLoc);
      let delta = fixedAdd + travelDelta + wDur * (newEnd - oldEnd);
      if (exact || shift < 0) {
        if (!(shift < 0 || delta < best.delta)) continue;
        delta = exactDelta(d, route, ps, i, ds, j);
      }
      if (delta < best.delta) {
        best.delta = delta;
        best.route = routeIdx;
        best.pos1 = i;
        best.pos2 = j;
      }
    }
  }
}

/** Exact cost change of inserting s1 at p1 (and s2 before the stop now at p2 ≥ p1, after s1). */
function exactDelta(d: ProblemData, route: RouteState, s1: number, p1: number, s2: number, p2: number): number {
  const len = route.len;
  if (scratchSeq.length < len + 2) scratchSeq = new Int32Array(2 * (len + 2));
  let k = 0;
  for (let p = 0; p <= len; p++) {
    if (p === p1) scratchSeq[k++] = s1;
    if (s2 >= 0 && p === p2) scratchSeq[k++] = s2;
    if (p < len) scratchSeq[k++] = route.stops[p]!;
  }
  return evaluateSequence(d, route.vehicle, scratchSeq, k, route.fixedWeight) - route.cost;
}

/** Applies an insertion found by {@link bestInsertionInRoute} (caller refreshes the route). */
export function applyInsertion(d: ProblemData, route: RouteState, r: number, move: InsertionMove): void {
  const first = d.requestFirstStop[r]!;
  if (d.requestNumStops[r] === 1) {
    route.insertAt(move.pos1, first);
  } else {
    // Delivery first (it goes at or after pos2 ≥ pos1), then the pickup before it.
    route.insertAt(move.pos2, d.sibling[first]!);
    route.insertAt(move.pos1, first);
  }
  route.update();
}

