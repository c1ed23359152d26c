/**
 * Fleet minimisation for the hierarchical objective (fewest vehicles first), after SISR's
 * procedure (Christiaens & Vanden Berghe 2020, §5): whenever every request is served, close the
 * route with the fewest stops and put its requests back in the pool; ruin-and-recreate steps then
 * try to fit them into the remaining routes. A step is kept when fewer requests are left out, or
 * the same number whose *absence counts* (how often each request has been left out so far) sum
 * lower, so requests that are hard to place get placed first.
 */
import type { Rng } from '@o2o/geo';
import type { BlinkInsertion } from './recreate/blink-insertion.js';
import type { StringRemoval } from './ruin/string-removal.js';
import type { SolutionSnapshot, SolutionState } from './solution-state.js';

export class FleetMinimisation {
  private readonly absence: Float64Array;
  private readonly movable: Uint8Array;
  /** Best complete solution and the vehicles closed when it was found. */
  best: SolutionSnapshot;
  bestClosed: Uint8Array;
  bestNumVehicles: number;
  bestCost: number;
  iterations = 0;

  constructor(
    private readonly sol: SolutionState,
    private readonly ruin: StringRemoval,
    private readonly recreate: BlinkInsertion,
    isLockedRequest: Uint8Array,
  ) {
    const d = sol.data;
    this.absence = new Float64Array(d.numRequests);
    // A route can be closed only if none of its requests is locked or bound to its vehicle.
    this.movable = new Uint8Array(d.numRequests);
    for (let r = 0; r < d.numRequests; r++) this.movable[r] = isLockedRequest[r] === 1 || d.boundVehicle[r]! >= 0 ? 0 : 1;
    this.best = sol.snapshot();
    this.bestClosed = sol.closed.slice();
    this.bestNumVehicles = sol.unassigned.length === 0 ? sol.numUsedVehicles() : Infinity;
    this.bestCost = sol.totalCost();
  }

  /** One step; returns true when a complete solution with fewer vehicles was found. */
  step(rng: Rng): boolean {
    const sol = this.sol;
    let improved = false;
    if (sol.unassigned.length === 0) {
      const used = sol.numUsedVehicles();
      if (used < this.bestNumVehicles) improved = true;
      this.best = sol.snapshot();
      this.bestClosed = sol.closed.slice();
      this.bestNumVehicles = used;
      this.bestCost = sol.totalCost();
      if (!this.closeSmallestRoute()) return improved;
    }
    const beforeCount = sol.unassigned.length;
    const beforeAbsence = this.absenceSum(sol.unassigned);
    sol.beginChange();
    this.ruin.apply(rng);
    this.recreate.apply(rng, true);
    this.iterations++;
    for (const r of sol.unassigned) this.absence[r] = this.absence[r]! + 1;
    const count = sol.unassigned.length;
    if (!(count < beforeCount || (count === beforeCount && this.absenceSum(sol.unassigned) < beforeAbsence))) sol.restore();
    return improved;
  }

  /** Restores the best complete solution found, with its closed vehicles. */
  restoreBest(): void {
    this.sol.load(this.best);
    this.sol.closed.set(this.bestClosed);
  }

  private absenceSum(requests: readonly number[]): number {
    let s = 0;
    for (const r of requests) s += this.absence[r]!;
    return s;
  }

  /** Empties and closes the used route with the fewest stops that may be closed. */
  private closeSmallestRoute(): boolean {
    const sol = this.sol;
    const d = sol.data;
    let pick = -1;
    for (let v = 0; v < sol.routes.length; v++) {
      const route = sol.routes[v]!;
      if (route.len === 0 || route.numLocked > 0 || sol.closed[v] === 1) continue;
      let ok = true;
      for (let p = 0; p < route.len && ok; p++) if (this.movable[d.requestOfStop[route.stops[p]!]!] === 0) ok = false;
      if (ok && (pick < 0 || route.len < sol.routes[pick]!.len)) pick = v;
    }
    if (pick < 0) return false;
    const route = sol.routes[pick]!;
    const requests: number[] = [];
    const isRemoved = new Uint8Array(d.numRequests);
    for (let p = 0; p < route.len; p++) {
      const r = d.requestOfStop[route.stops[p]!]!;
      if (isRemoved[r] === 0) {
        isRemoved[r] = 1;
        requests.push(r);
      }
    }
    sol.beginChange();
    sol.removeRequests(requests, isRemoved);
    sol.closed[pick] = 1;
    return true;
  }
}
