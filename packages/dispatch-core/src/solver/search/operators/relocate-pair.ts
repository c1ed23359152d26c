/**
 * Relocate-pair: takes shipment u's pickup and delivery out of their route and reinserts both at
 * their cheapest positions in neighbour v's route (the same route or another). Also known as
 * PD-shift (Li & Lim 2001), VROOM's `PDShift`.
 */
import { InsertionMove, bestInsertionInRoute } from '../../insertion.js';
import type { ProblemData } from '../../problem-data.js';
import type { RouteState } from '../../route-state.js';
import { canServe, newStats, type OperatorOptions, type SearchOperator } from '../operator.js';
import { insertRequestAt, loadRouteWithout, removeRequestStops } from '../pair-edits.js';
import type { SearchState } from '../search-state.js';
import { SpliceCost } from '../splice-cost.js';

export class RelocatePair implements SearchOperator {
  readonly name = 'relocate-pair';
  readonly stats = newStats();
  private readonly st: SearchState;
  private readonly splice: SpliceCost;
  private readonly prune: boolean;
  private readonly move = new InsertionMove();
  // The result only depends on the request and the two routes: remembered per target route,
  // valid while neither route changed (neighbours often share a route).
  private readonly memoRequest: Int32Array;
  private readonly memoFromCommit: Int32Array;
  private readonly memoToCommit: Int32Array;
  private readonly memoDelta: Float64Array;
  private readonly memoPos1: Int32Array;
  private readonly memoPos2: Int32Array;
  private moveRequest = -1;
  private moveFrom = -1;
  private moveTo = -1;
  private movePos1 = -1;
  private movePos2 = -1;

  constructor(st: SearchState, options: OperatorOptions = {}) {
    this.st = st;
    this.splice = new SpliceCost(st);
    this.prune = options.prune ?? true;
    const numRoutes = st.routes.length;
    this.memoRequest = new Int32Array(numRoutes).fill(-1);
    this.memoFromCommit = new Int32Array(numRoutes);
    this.memoToCommit = new Int32Array(numRoutes);
    this.memoDelta = new Float64Array(numRoutes);
    this.memoPos1 = new Int32Array(numRoutes);
    this.memoPos2 = new Int32Array(numRoutes);
  }

  supports(d: ProblemData): boolean {
    for (let r = 0; r < d.numRequests; r++) if (d.requestNumStops[r] === 2) return true;
    return false;
  }

  evaluate(u: number, v: number): number {
    this.stats.numEvaluations++;
    this.moveRequest = -1;
    const st = this.st;
    const d = st.data;
    const r = d.requestOfStop[u]!;
    const ra = st.routeOfStop(u);
    const rb = st.routeOfStop(v);
    if (u === v || ra < 0 || rb < 0 || d.requestNumStops[r] !== 2) return Infinity;
    const a = st.routes[ra]!;
    const b = st.routes[rb]!;
    const pickup = d.requestFirstStop[r]!;
    const pp = st.posOfStop[pickup]!;
    const pd = st.posOfStop[d.sibling[pickup]!]!;
    if (!a.isFeasible || !b.isFeasible || pp < a.numLocked || !canServe(d, b.vehicle, r)) return Infinity;
    if (this.memoRequest[rb] === r && this.memoFromCommit[rb] === st.lastCommit[ra] && this.memoToCommit[rb] === st.lastCommit[rb]) {
      if (this.memoPos1[rb]! >= 0) this.setMove(r, ra, rb, this.memoPos1[rb]!, this.memoPos2[rb]!);
      return this.memoDelta[rb]!;
    }
    const delta = ra === rb ? this.evaluateIntra(r, a, ra, pp, pd) : this.evaluateInter(r, a, ra, b, rb, pp, pd);
    this.memoRequest[rb] = r;
    this.memoFromCommit[rb] = st.lastCommit[ra]!;
    this.memoToCommit[rb] = st.lastCommit[rb]!;
    this.memoDelta[rb] = delta;
    this.memoPos1[rb] = this.moveRequest >= 0 ? this.movePos1 : -1;
    this.memoPos2[rb] = this.movePos2;
    return delta;
  }

  private evaluateInter(r: number, a: RouteState, ra: number, b: RouteState, rb: number, pp: number, pd: number): number {
    // Removal: the stops between pickup and delivery close up.
    let removal = this.splice.bound(ra, pp, a.stops, pp + 1, pd - pp - 1, pd + 1);
    if (removal === Infinity) return Infinity;
    const isRemovalExact = this.splice.isExact;
    const move = this.move;
    move.reset();
    // Only insertions that would improve given the removal's bound, when pruning.
    if (this.prune) move.delta = a.cost - removal;
    bestInsertionInRoute(this.st.data, b, rb, r, move);
    if (move.route < 0) return this.prune ? 0 : Infinity;
    if (!isRemovalExact) {
      removal = this.splice.exact(ra, pp, a.stops, pp + 1, pd - pp - 1, pd + 1);
      if (removal === Infinity) return Infinity;
    }
    this.setMove(r, ra, rb, move.pos1, move.pos2);
    return removal - a.cost + move.delta;
  }

  private evaluateIntra(r: number, a: RouteState, ra: number, pp: number, pd: number): number {
    const without = this.st.scratchRoute(a.vehicle);
    loadRouteWithout(a, pp, pd, without);
    if (!without.isFeasible) return Infinity;
    const removalDelta = without.cost - a.cost;
    const move = this.move;
    move.reset();
    if (this.prune) move.delta = -removalDelta;
    bestInsertionInRoute(this.st.data, without, ra, r, move);
    if (move.route < 0) return this.prune ? 0 : Infinity;
    this.setMove(r, ra, ra, move.pos1, move.pos2);
    return removalDelta + move.delta;
  }

  private setMove(r: number, from: number, to: number, pos1: number, pos2: number): void {
    this.moveRequest = r;
    this.moveFrom = from;
    this.moveTo = to;
    this.movePos1 = pos1;
    this.movePos2 = pos2;
  }

  apply(): void {
    if (this.moveRequest < 0) return;
    const st = this.st;
    this.stats.numApplications++;
    st.touch(this.moveFrom);
    st.touch(this.moveTo);
    removeRequestStops(st, this.moveFrom, this.moveRequest);
    if (this.moveTo !== this.moveFrom) st.commit(this.moveFrom);
    insertRequestAt(st, this.moveTo, this.moveRequest, this.movePos1, this.movePos2, this.move);
    st.commit(this.moveTo);
    this.moveRequest = -1;
  }
}
