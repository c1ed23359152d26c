/**
 * Two-opt-star: two routes swap their tails, so that u is followed by v (or v by u). Also known
 * as 2-OPT* (Potvin & Rousseau 1995), PyVRP's `SwapTails`. Only cuts no shipment straddles (its
 * pickup before the cut, its delivery after) are tried, so both stops of a shipment move together.
 */
import { type ProblemData } from '../../problem-data.js';
import { canServe, newStats, type OperatorOptions, type SearchOperator } from '../operator.js';
import type { SearchState } from '../search-state.js';
import { SpliceCost } from '../splice-cost.js';

export class TwoOptStar implements SearchOperator {
  readonly name = 'two-opt-star';
  readonly stats = newStats();
  private readonly st: SearchState;
  private readonly splice: SpliceCost;
  private readonly prune: boolean;
  private readonly seqA: Int32Array;
  private readonly seqB: Int32Array;
  // The last best move: route a keeps [0, cutA) and takes b's [cutB, len), and the reverse.
  private moveA = -1;
  private moveB = -1;
  private cutA = -1;
  private cutB = -1;

  constructor(st: SearchState, options: OperatorOptions = {}) {
    this.st = st;
    this.splice = new SpliceCost(st);
    this.prune = options.prune ?? true;
    this.seqA = new Int32Array(st.data.numStops + 1);
    this.seqB = new Int32Array(st.data.numStops + 1);
  }

  supports(d: ProblemData): boolean {
    return d.numVehicles >= 2;
  }

  evaluate(u: number, v: number): number {
    this.stats.numEvaluations++;
    this.moveA = -1;
    const st = this.st;
    const ra = st.routeOfStop(u);
    const rb = st.routeOfStop(v);
    if (ra < 0 || rb < 0 || ra === rb) return Infinity;
    const a = st.routes[ra]!;
    const b = st.routes[rb]!;
    if (!a.isFeasible || !b.isFeasible) return Infinity;
    const i = st.posOfStop[u]!;
    const j = st.posOfStop[v]!;
    let best = Infinity;
    let bestBound = Infinity;
    for (let c = 0; c < 2; c++) {
      // u → v: a keeps [0, i] and takes b from j on; v → u: b keeps [0, j] and takes a from i on.
      const cutA = c === 0 ? i + 1 : i;
      const cutB = c === 0 ? j : j + 1;
      if (!this.isCutAllowed(ra, cutA) || !this.isCutAllowed(rb, cutB)) continue;
      if (cutA === a.len && cutB === b.len) continue; // both tails empty: no move
      let costA = tailSwapBound(st, ra, cutA, rb, cutB);
      let costB = tailSwapBound(st, rb, cutB, ra, cutA);
      if (costA === Infinity || costB === Infinity) continue;
      const bound = costA + costB - a.cost - b.cost;
      if (this.prune && (bound >= 0 || bound >= best)) {
        bestBound = Math.min(bestBound, Math.max(0, bound));
        continue;
      }
      if (!this.canTailMove(rb, cutB, a.vehicle) || !this.canTailMove(ra, cutA, b.vehicle)) continue;
      costA = this.splice.full(ra, cutA, b.stops, cutB, b.len - cutB, a.len);
      if (costA === Infinity) continue;
      costB = this.splice.full(rb, cutB, a.stops, cutA, a.len - cutA, b.len);
      const delta = costA + costB - a.cost - b.cost;
      if (delta < best) {
        best = delta;
        this.moveA = ra;
        this.moveB = rb;
        this.cutA = cutA;
        this.cutB = cutB;
      }
    }
    return Math.min(best, bestBound);
  }

  /** A cut before position `cut` of route r: not into the locked prefix, not between a pickup and its delivery. */
  private isCutAllowed(r: number, cut: number): boolean {
    const route = this.st.routes[r]!;
    return cut >= route.numLocked && cut <= route.len && (cut === 0 || this.st.caches[r]!.openPairs[cut - 1] === 0);
  }

  /** Every request of route r's tail [cut, len) may ride on vehicle v (skills, bindings). */
  private canTailMove(r: number, cut: number, v: number): boolean {
    const d = this.st.data;
    const route = this.st.routes[r]!;
    for (let p = cut; p < route.len; p++) if (!canServe(d, v, d.requestOfStop[route.stops[p]!]!)) return false;
    return true;
  }

  apply(): void {
    if (this.moveA < 0) return;
    const st = this.st;
    this.stats.numApplications++;
    const a = st.routes[this.moveA]!;
    const b = st.routes[this.moveB]!;
    st.touch(this.moveA);
    st.touch(this.moveB);
    // New sequences go through restoreStops, which grows a route's arrays when needed.
    const seqA = this.seqA;
    const seqB = this.seqB;
    seqA.set(a.stops.subarray(0, this.cutA));
    seqA.set(b.stops.subarray(this.cutB, b.len), this.cutA);
    const lenA = this.cutA + b.len - this.cutB;
    seqB.set(b.stops.subarray(0, this.cutB));
    seqB.set(a.stops.subarray(this.cutA, a.len), this.cutB);
    const lenB = this.cutB + a.len - this.cutA;
    a.restoreStops(seqA, lenA);
    b.restoreStops(seqB, lenB);
    st.commit(this.moveA);
    st.commit(this.moveB);
    this.moveA = -1;
  }
}

/**
 * O(1) lower bound on the cost of route ra's [0, cutA) followed by route rb's [cutB, len), on ra's
 * vehicle: exact travel and distance; the end from rb's fixed work and earliest end with rb's end
 * arc swapped for ra's (exact when the tail's windows hold); the prefix's lateness only. Infinity
 * when the tail's first stop or the end time already breaks a hard rule.
 */
export function tailSwapBound(st: SearchState, ra: number, cutA: number, rb: number, cutB: number): number {
  const d = st.data;
  const a = st.routes[ra]!;
  const b = st.routes[rb]!;
  const ca = st.caches[ra]!;
  const cb = st.caches[rb]!;
  const v = a.vehicle;
  if (cutA + b.len - cutB === 0) return 0;
  const n = d.numLocations;
  const endA = d.vehEndLoc[v]!;
  let loc = a.prevLoc(cutA);
  let end = a.prevDeparture(cutA);
  let travel = cutA > 0 ? ca.cumTravel[cutA - 1]! : 0;
  let distance = cutA > 0 ? ca.cumDistance[cutA - 1]! : 0;
  if (cutB < b.len) {
    const s = b.stops[cutB]!;
    const sl = d.stopLoc[s]!;
    const t = d.durationMatrix[loc * n + sl]!;
    const start = Math.max(end + t, d.twStart[s]!);
    if (start > d.effectiveTwEnd(s, v)) return Infinity;
    const lastLoc = d.stopLoc[b.stops[b.len - 1]!]!;
    const endB = d.vehEndLoc[b.vehicle]!;
    const endArcB = endB >= 0 ? d.durationMatrix[lastLoc * n + endB]! : 0;
    // Departure from the tail's last stop: max(start + fixed work, earliest), both without b's end arc.
    end = Math.max(start + (b.endTime - b.startAt[cutB]! - b.waitAfter[cutB]!) - endArcB, cb.earliestEnd[cutB]! - endArcB);
    travel += t + (b.travelSec - cb.cumTravel[cutB]!) - endArcB;
    distance += d.distance(loc, sl) + (b.distanceM - cb.cumDistance[cutB]!) - (endB >= 0 ? d.distance(lastLoc, endB) : 0);
    loc = lastLoc;
  }
  if (endA >= 0) {
    end += d.durationMatrix[loc * n + endA]!;
    travel += d.durationMatrix[loc * n + endA]!;
    distance += d.distance(loc, endA);
  }
  if (end > d.vehEndBy[v]!) return Infinity;
  const lateness = cutA > 0 ? ca.cumLateness[cutA - 1]! : 0;
  return d.routeCost(v, end, travel, distance, lateness);
}
