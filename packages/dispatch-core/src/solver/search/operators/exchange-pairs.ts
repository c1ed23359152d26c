/**
 * Exchange-pairs: shipments u and v on two routes trade routes, each reinserted at its cheapest
 * pickup and delivery positions in the other's route. Also known as PD-exchange (Li & Lim 2001),
 * pair swap.
 */
import { InsertionMove, bestInsertionInRoute } from '../../insertion.js';
import type { ProblemData } from '../../problem-data.js';
import { RouteState } from '../../route-state.js';
import { canServe, newStats, type OperatorOptions, type SearchOperator } from '../operator.js';
import type { SearchState } from '../search-state.js';
import { insertRequestAt, loadRouteWithout, removeRequestStops } from '../pair-edits.js';

export class ExchangePairs implements SearchOperator {
  readonly name = 'exchange-pairs';
  readonly stats = newStats();
  private readonly st: SearchState;
  private readonly prune: boolean;
  private readonly intoA = new InsertionMove();
  private readonly intoB = new InsertionMove();
  private readonly scratchMove = new InsertionMove();
  // Results remembered per pair of requests, valid while neither route changed: a shipment's
  // pickup and delivery are often both among a stop's neighbours, and the move is symmetric.
  // Indexed by the other request: memo of (reqA, reqB) lives at reqB with key reqA.
  private readonly memoKey: Int32Array;
  private readonly memoCommitA: Int32Array;
  private readonly memoCommitB: Int32Array;
  private readonly memoDelta: Float64Array;
  /** Insertion positions: reqB into A (pos1, pos2), then reqA into B; −1 when no move. */
  private readonly memoPos: Int32Array;
  // Each vehicle's route without one of its shipments, kept while that route is unchanged.
  private readonly without = new Map<number, RouteState>();
  private readonly withoutRequest: Int32Array;
  private readonly withoutCommit: Int32Array;
  private hasMove = false;
  private reqA = -1;
  private reqB = -1;
  private routeA = -1;
  private routeB = -1;
  private readonly pos = new Int32Array(4);

  constructor(st: SearchState, options: OperatorOptions = {}) {
    this.st = st;
    this.prune = options.prune ?? true;
    const numRequests = st.data.numRequests;
    this.memoKey = new Int32Array(numRequests).fill(-1);
    this.memoCommitA = new Int32Array(numRequests);
    this.memoCommitB = new Int32Array(numRequests);
    this.memoDelta = new Float64Array(numRequests);
    this.memoPos = new Int32Array(4 * numRequests);
    this.withoutRequest = new Int32Array(st.routes.length).fill(-1);
    this.withoutCommit = new Int32Array(st.routes.length);
  }

  supports(d: ProblemData): boolean {
    let pairs = 0;
    for (let r = 0; r < d.numRequests; r++) if (d.requestNumStops[r] === 2) pairs++;
    return pairs >= 2 && d.numVehicles >= 2;
  }

  evaluate(u: number, v: number): number {
    this.stats.numEvaluations++;
    this.hasMove = false;
    const st = this.st;
    const d = st.data;
    const reqA = d.requestOfStop[u]!;
    const reqB = d.requestOfStop[v]!;
    const ra = st.routeOfStop(u);
    const rb = st.routeOfStop(v);
    if (reqA === reqB || ra < 0 || rb < 0 || ra === rb || d.requestNumStops[reqA] !== 2 || d.requestNumStops[reqB] !== 2) return Infinity;
    const a = st.routes[ra]!;
    const b = st.routes[rb]!;
    const pa = st.posOfStop[d.requestFirstStop[reqA]!]!;
    const pb = st.posOfStop[d.requestFirstStop[reqB]!]!;
    if (!a.isFeasible || !b.isFeasible || pa < a.numLocked || pb < b.numLocked) return Infinity;
    if (!canServe(d, b.vehicle, reqA) || !canServe(d, a.vehicle, reqB)) return Infinity;
    this.reqA = reqA;
    this.reqB = reqB;
    this.routeA = ra;
    this.routeB = rb;
    if (this.recall(reqA, ra, reqB, rb)) return this.memoDelta[reqB]!;
    if (this.recall(reqB, rb, reqA, ra)) {
      // Stored the other way round: swap the two insertions back.
      const pos = this.pos;
      for (let i = 0; i < 2; i++) {
        const t = pos[i]!;
        pos[i] = pos[i + 2]!;
        pos[i + 2] = t;
      }
      return this.memoDelta[reqA]!;
    }
    const delta = this.evaluatePair(reqA, ra, reqB, rb);
    this.memoKey[reqB] = reqA;
    this.memoCommitA[reqB] = st.lastCommit[ra]!;
    this.memoCommitB[reqB] = st.lastCommit[rb]!;
    this.memoDelta[reqB] = delta;
    for (let i = 0; i < 4; i++) this.memoPos[4 * reqB + i] = this.hasMove ? this.pos[i]! : -1;
    return delta;
  }

  /** Loads the remembered result of (x in route rx, y in route ry) into the move, if still valid. */
  private recall(x: number, rx: number, y: number, ry: number): boolean {
    const st = this.st;
    if (this.memoKey[y] !== x || this.memoCommitA[y] !== st.lastCommit[rx] || this.memoCommitB[y] !== st.lastCommit[ry]) return false;
    for (let i = 0; i < 4; i++) this.pos[i] = this.memoPos[4 * y + i]!;
    this.hasMove = this.pos[0]! >= 0;
    return true;
  }

  /** Route r without shipment req, from the cache when route r did not change since. */
  private routeWithout(r: number, req: number): RouteState {
    const st = this.st;
    const route = st.routes[r]!;
    let out = this.without.get(r);
    if (out === undefined) {
      out = new RouteState(st.data, route.vehicle);
      this.without.set(r, out);
    } else if (this.withoutRequest[r] === req && this.withoutCommit[r] === st.lastCommit[r]) {
      return out;
    }
    const d = st.data;
    const pickup = d.requestFirstStop[req]!;
    loadRouteWithout(route, st.posOfStop[pickup]!, st.posOfStop[d.sibling[pickup]!]!, out);
    this.withoutRequest[r] = req;
    this.withoutCommit[r] = st.lastCommit[r]!;
    return out;
  }

  private evaluatePair(reqA: number, ra: number, reqB: number, rb: number): number {
    const st = this.st;
    const d = st.data;
    const a = st.routes[ra]!;
    const b = st.routes[rb]!;
    // Both routes without their shipment (full caches, for the insertion search).
    const withoutA = this.routeWithout(ra, reqA);
    if (!withoutA.isFeasible) return Infinity;
    const withoutB = this.routeWithout(rb, reqB);
    if (!withoutB.isFeasible) return Infinity;
    const removalDelta = withoutA.cost - a.cost + withoutB.cost - b.cost;
    this.intoA.reset();
    bestInsertionInRoute(d, withoutA, ra, reqB, this.intoA);
    if (this.intoA.route < 0) return Infinity;
    this.intoB.reset();
    // When pruning, only an insertion that makes the whole exchange improving is searched for.
    if (this.prune) this.intoB.delta = -(removalDelta + this.intoA.delta);
    bestInsertionInRoute(d, withoutB, rb, reqA, this.intoB);
    if (this.intoB.route < 0) return this.prune ? 0 : Infinity;
    this.hasMove = true;
    this.pos[0] = this.intoA.pos1;
    this.pos[1] = this.intoA.pos2;
    this.pos[2] = this.intoB.pos1;
    this.pos[3] = this.intoB.pos2;
    return removalDelta + this.intoA.delta + this.intoB.delta;
  }

  apply(): void {
    if (!this.hasMove) return;
    const st = this.st;
    this.stats.numApplications++;
    st.touch(this.routeA);
    st.touch(this.routeB);
    removeRequestStops(st, this.routeA, this.reqA);
    removeRequestStops(st, this.routeB, this.reqB);
    insertRequestAt(st, this.routeA, this.reqB, this.pos[0]!, this.pos[1]!, this.scratchMove);
    insertRequestAt(st, this.routeB, this.reqA, this.pos[2]!, this.pos[3]!, this.scratchMove);
    st.commit(this.routeA);
    st.commit(this.routeB);
    this.hasMove = false;
  }
}
