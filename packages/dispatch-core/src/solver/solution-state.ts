/**
 * The search's mutable solution: one RouteState per vehicle, the route of every request, the
 * unassigned requests, and snapshot/restore of touched routes so a rejected ruin-and-recreate
 * step is undone in time proportional to what it changed.
 */
import type { ProblemData } from './problem-data.js';
import { RouteState } from './route-state.js';

export class SolutionState {
  readonly data: ProblemData;
  readonly routes: RouteState[];
  /** Route index of each request, −1 when unassigned. */
  readonly routeOfRequest: Int32Array;
  /** Unassigned requests, in insertion order. */
  unassigned: number[] = [];
  /**
   * Cost of an unassigned mandatory request: dominates any routing cost, except after fleet
   * minimisation, where a relaxed value lets the search pass through incomplete solutions.
   */
  mandatoryPenalty: number;
  /** Vehicles closed by fleet minimisation: kept empty, never inserted into. */
  readonly closed: Uint8Array;

  private readonly savedStops: Int32Array[];
  private readonly savedLen: Int32Array;
  private readonly isSaved: Uint8Array;
  private touched: number[] = [];
  private savedUnassigned: number[] = [];

  constructor(data: ProblemData, mandatoryPenalty: number) {
    this.data = data;
    this.mandatoryPenalty = mandatoryPenalty;
    this.routes = Array.from({ length: data.numVehicles }, (_, v) => new RouteState(data, v));
    this.routeOfRequest = new Int32Array(data.numRequests).fill(-1);
    this.closed = new Uint8Array(data.numVehicles);
    // Routes start as their locked prefixes; a request is assigned only once all its stops are routed.
    const numRouted = new Uint8Array(data.numRequests);
    this.routes.forEach((route, r) => {
      for (let p = 0; p < route.len; p++) {
        const req = data.requestOfStop[route.stops[p]!]!;
        numRouted[req]!++;
        this.routeOfRequest[req] = r;
      }
    });
    for (let req = 0; req < data.numRequests; req++) {
      const first = data.requestFirstStop[req]!;
      const numStops = data.sibling[first]! >= 0 ? 2 : 1;
      if (numRouted[req]! < numStops) this.routeOfRequest[req] = -1;
    }
    this.savedStops = this.routes.map(() => new Int32Array(data.numStops + 1));
    this.savedLen = new Int32Array(data.numVehicles);
    this.isSaved = new Uint8Array(data.numVehicles);
  }

  /** Cost of leaving request r out. */
  penaltyOf(r: number): number {
    const p = this.data.penalty[r]!;
    return p === Infinity ? this.mandatoryPenalty : p;
  }

  /** Σ route costs + unassigned penalties. */
  totalCost(): number {
    let c = 0;
    for (const route of this.routes) c += route.cost;
    for (const r of this.unassigned) c += this.penaltyOf(r);
    return c;
  }

  /** Sets the fixed-cost weight of every route (see RouteState.fixedWeight) and refreshes costs. */
  setFixedWeight(weight: number): void {
    for (const route of this.routes) {
      if (route.fixedWeight === weight) continue;
      route.fixedWeight = weight;
      route.update();
    }
  }

  /** Σ weighted fixed costs of the used vehicles, as the objective counts them. */
  objectiveFixedCost(): number {
    const d = this.data;
    let c = 0;
    for (const route of this.routes) if (route.len > 0) c += d.weights[4]! * d.vehFixedCost[route.vehicle]!;
    return c;
  }

  numUsedVehicles(): number {
    let k = 0;
    for (const route of this.routes) if (route.len > 0) k++;
    return k;
  }

  /** Starts recording changes (see {@link touch} and {@link restore}). */
  beginChange(): void {
    for (const r of this.touched) this.isSaved[r] = 0;
    this.touched = [];
    this.savedUnassigned = this.unassigned.slice();
  }

  /** Saves route r's stops before its first change in this step. */
  touch(r: number): void {
    if (this.isSaved[r] === 1) return;
    this.isSaved[r] = 1;
    this.touched.push(r);
    this.savedLen[r] = this.routes[r]!.saveStops(this.savedStops[r]!);
  }

  /** Undoes every change since {@link beginChange}. */
  restore(): void {
    const d = this.data;
    for (const r of this.touched) {
      const route = this.routes[r]!;
      route.restoreStops(this.savedStops[r]!, this.savedLen[r]!);
      for (let p = 0; p < route.len; p++) this.routeOfRequest[d.requestOfStop[route.stops[p]!]!] = r;
      this.isSaved[r] = 0;
    }
    for (const req of this.savedUnassigned) this.routeOfRequest[req] = -1;
    this.unassigned = this.savedUnassigned;
    this.touched = [];
  }

  /** Removes every stop of the requests in `requests` (already touched routes), refreshing those routes. */
  removeRequests(requests: readonly number[], isRemoved: Uint8Array): void {
    const d = this.data;
    const dirty = new Set<number>();
    for (const req of requests) {
      const r = this.routeOfRequest[req]!;
      if (r >= 0) dirty.add(r);
    }
    for (const r of dirty) {
      this.touch(r);
      const route = this.routes[r]!;
      let k = 0;
      for (let p = 0; p < route.len; p++) {
        const s = route.stops[p]!;
        if (p < route.numLocked || isRemoved[d.requestOfStop[s]!] !== 1) route.stops[k++] = s;
      }
      route.len = k;
      route.update();
    }
    for (const req of requests) {
      this.routeOfRequest[req] = -1;
      this.unassigned.push(req);
    }
  }

  /** Copies routes and unassigned requests into a plain snapshot. */
  snapshot(): SolutionSnapshot {
    return {
      routes: this.routes.map((route) => route.stops.slice(0, route.len)),
      unassigned: this.unassigned.slice(),
    };
  }

  /** Replaces the state by a snapshot taken from a solution of the same problem. */
  load(s: SolutionSnapshot): void {
    const d = this.data;
    this.routeOfRequest.fill(-1);
    s.routes.forEach((stops, r) => {
      const route = this.routes[r]!;
      route.restoreStops(stops, stops.length);
      for (let p = 0; p < route.len; p++) this.routeOfRequest[d.requestOfStop[route.stops[p]!]!] = r;
    });
    this.unassigned = s.unassigned.slice();
    for (const req of this.unassigned) this.routeOfRequest[req] = -1;
    this.touched = [];
    this.isSaved.fill(0);
  }
}

/** Stop sequences per vehicle and unassigned requests: a solution without caches. */
export interface SolutionSnapshot {
  readonly routes: readonly Int32Array[];
  readonly unassigned: readonly number[];
}
