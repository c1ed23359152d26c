/**
 * What the local search keeps beside a {@link SolutionState}: the position of every stop, and per
 * route the cumulative data RouteState does not cache — travel, distance and lateness up to each
 * position, the earliest possible end from each position, and the number of shipments open after
 * each position — so that a splice (prefix + moved stops + suffix of one route) is costed exactly
 * in O(1) plus the moved stops. Refreshed only for the routes a move touched ({@link commit}).
 */
import { STOP_DELIVERY, STOP_PICKUP, type ProblemData } from '../problem-data.js';
import { RouteState } from '../route-state.js';
import type { SolutionState } from '../solution-state.js';

/** Cached prefix and suffix data of one route, positions [0, len). */
export class RouteCache {
  /** Travel (and distance, and unweighted lateness) from the start up to and including position p. */
  cumTravel = new Float64Array(16);
  cumDistance = new Float64Array(16);
  cumLateness = new Float64Array(16);
  /**
   * End time when service at p starts as early as possible, −Infinity when no later window binds:
   * with A = endTime − startAt[p] − waitAfter[p], starting p at x ends the route at max(x + A, earliestEnd[p]).
   */
  earliestEnd = new Float64Array(16);
  /** Shipments picked up at or before p and delivered after p: a tail cut after p splits them when > 0. */
  openPairs = new Int32Array(16);
  /** The stops these caches were computed for (to detect changes made outside the search). */
  stops = new Int32Array(16);
  len = 0;

  ensure(len: number): void {
    if (this.cumTravel.length >= len) return;
    const cap = Math.max(len, 2 * this.cumTravel.length);
    this.stops = new Int32Array(cap);
    this.cumTravel = new Float64Array(cap);
    this.cumDistance = new Float64Array(cap);
    this.cumLateness = new Float64Array(cap);
    this.earliestEnd = new Float64Array(cap);
    this.openPairs = new Int32Array(cap);
  }
}

export class SearchState {
  readonly data: ProblemData;
  readonly sol: SolutionState;
  readonly routes: readonly RouteState[];
  readonly caches: readonly RouteCache[];
  /** Position of each stop in its route, −1 when its request is unassigned. */
  readonly posOfStop: Int32Array;
  /** Number of route refreshes so far; `lastCommit[r]` is its value at route r's last refresh (a version stamp). */
  numCommits = 0;
  readonly lastCommit: Int32Array;
  private readonly scratch = new Map<number, RouteState>();

  constructor(sol: SolutionState) {
    this.data = sol.data;
    this.sol = sol;
    this.routes = sol.routes;
    this.caches = sol.routes.map(() => new RouteCache());
    this.posOfStop = new Int32Array(sol.data.numStops).fill(-1);
    this.lastCommit = new Int32Array(sol.routes.length);
    this.refreshAll();
  }

  /** Route index of stop s, −1 when unassigned. */
  routeOfStop(s: number): number {
    return this.sol.routeOfRequest[this.data.requestOfStop[s]!]!;
  }

  /** Re-reads every route (after changes made outside the local search, e.g. ruin and recreate). */
  refreshAll(): void {
    this.posOfStop.fill(-1);
    for (let r = 0; r < this.routes.length; r++) this.refresh(r);
  }

  /**
   * Refreshes the routes whose stops changed since this state last saw them (e.g. by ruin and
   * recreate, or a restore); returns how many. Unchanged routes keep their version stamps.
   */
  sync(): number {
    let changed = 0;
    for (let r = 0; r < this.routes.length; r++) {
      const route = this.routes[r]!;
      const c = this.caches[r]!;
      let same = route.len === c.len;
      for (let p = 0; same && p < route.len; p++) same = route.stops[p] === c.stops[p];
      if (same) continue;
      this.refresh(r);
      changed++;
    }
    return changed;
  }

  /** Saves route r for {@link SolutionState.restore} before a move changes it. */
  touch(r: number): void {
    this.sol.touch(r);
  }

  /** After a move edited route r's stops: refreshes the route, its caches, positions and `routeOfRequest`. */
  commit(r: number): void {
    this.routes[r]!.update();
    this.refresh(r);
  }

  /** A spare RouteState of vehicle v (created on first use) for trial edits that need full route caches. */
  scratchRoute(v: number): RouteState {
    let route = this.scratch.get(v);
    if (route === undefined) {
      route = new RouteState(this.data, v);
      this.scratch.set(v, route);
    }
    return route;
  }

  /** Recomputes route r's caches from its (already updated) RouteState. */
  refresh(r: number): void {
    const d = this.data;
    const route = this.routes[r]!;
    const c = this.caches[r]!;
    const len = route.len;
    c.ensure(len);
    this.lastCommit[r] = ++this.numCommits;
    c.stops.set(route.stops.subarray(0, len));
    c.len = len;
    const n = d.numLocations;
    let loc = d.vehStartLoc[route.vehicle]!;
    let travel = 0;
    let distance = 0;
    let lateness = 0;
    let open = 0;
    for (let p = 0; p < len; p++) {
      const s = route.stops[p]!;
      const sl = d.stopLoc[s]!;
      travel += d.durationMatrix[loc * n + sl]!;
      distance += d.distance(loc, sl);
      // Same test and summation order as RouteState.update, so prefix sums are bit-identical.
      const start = route.startAt[p]!;
      if (start > d.softDueAt[s]!) lateness += d.lateCostPerSec[s]! * (start - d.softDueAt[s]!);
      const kind = d.stopKind[s]!;
      if (kind === STOP_PICKUP) open++;
      else if (kind === STOP_DELIVERY) open--;
      c.cumTravel[p] = travel;
      c.cumDistance[p] = distance;
      c.cumLateness[p] = lateness;
      c.openPairs[p] = open;
      this.posOfStop[s] = p;
      this.sol.routeOfRequest[d.requestOfStop[s]!] = r;
      loc = sl;
    }
    // E_p(x) = E_{p+1}(max(x + service + travel, twStart_{p+1})): the constant part collects
    // every later window start pushed forward by its fixed remaining work.
    let earliest = -Infinity;
    for (let p = len - 1; p >= 0; p--) {
      c.earliestEnd[p] = earliest;
      const fixedWork = route.endTime - route.startAt[p]! - route.waitAfter[p]!;
      earliest = Math.max(earliest, d.twStart[route.stops[p]!]! + fixedWork);
    }
  }
}
