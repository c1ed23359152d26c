/**
 * Ruin by adjacent string removal (SISR: Christiaens & Vanden Berghe, "Slack induction by string
 * removals for vehicle routing problems", Transportation Science 2020). From a random seed stop,
 * walk its nearest stops and cut one string (consecutive stops) from each route met, up to k_s
 * routes; a string is removed whole, or with a preserved middle part (split string). A stop's
 * request goes with it, so a shipment's other stop leaves too. Locked stops never move.
 */
import type { Rng } from '@o2o/geo';
import type { StopNeighbours } from '../neighbours.js';
import type { SolutionState } from '../solution-state.js';

/** SISR ruin parameters (paper defaults). */
export interface StringRemovalParams {
  /** Average number of removed stops, c̄. Default 10. */
  readonly avgRemoved: number;
  /** Longest string, L_max. Default 10. */
  readonly maxStringLength: number;
  /** Probability of keeping extending the preserved part of a split string. Default 0.5. */
  readonly splitRate: number;
}

export const DEFAULT_STRING_REMOVAL: StringRemovalParams = { avgRemoved: 10, maxStringLength: 10, splitRate: 0.5 };

export class StringRemoval {
  private readonly ruinedRoute: Uint8Array;
  private readonly removed: Uint8Array;
  private readonly removedList: number[] = [];

  constructor(
    private readonly sol: SolutionState,
    private readonly neighbours: StopNeighbours,
    private readonly isLockedRequest: Uint8Array,
    private readonly params: StringRemovalParams = DEFAULT_STRING_REMOVAL,
  ) {
    this.ruinedRoute = new Uint8Array(sol.routes.length);
    this.removed = new Uint8Array(sol.data.numRequests);
  }

  /** Removes strings around a random seed; returns the removed requests (unassigned in `sol`). */
  apply(rng: Rng): number[] {
    const sol = this.sol;
    const d = sol.data;
    this.removedList.length = 0;
    this.ruinedRoute.fill(0);
    let numStops = 0;
    let numRoutes = 0;
    for (const route of sol.routes) {
      if (route.len > route.numLocked) {
        numStops += route.len - route.numLocked;
        numRoutes++;
      }
    }
    if (numStops === 0) return [];
    const lsMax = Math.min(this.params.maxStringLength, numStops / numRoutes);
    const ksMax = (4 * this.params.avgRemoved) / (1 + lsMax) - 1;
    const ks = Math.floor(rng() * ksMax) + 1;

    const seed = this.randomRoutedStop(rng, numStops);
    let ruined = 0;
    for (let i = -1; i < this.neighbours.k && ruined < ks; i++) {
      const c = i < 0 ? seed : this.neighbours.list[seed * this.neighbours.k + i]!;
      const req = d.requestOfStop[c]!;
      const r = sol.routeOfRequest[req]!;
      if (r < 0 || this.ruinedRoute[r] === 1 || this.removed[req] === 1 || this.isLockedRequest[req] === 1) continue;
      const route = sol.routes[r]!;
      const free = route.len - route.numLocked;
      const lMax = Math.min(free, lsMax);
      const l = Math.floor(rng() * lMax) + 1;
      const pos = route.stops.indexOf(c);
      if (pos < route.numLocked || pos >= route.len) continue;
      if (rng() < 0.5 || l + 1 > free) this.removeString(r, pos, l, 0, rng);
      else {
        let m = 1;
        while (m < free - l && rng() < this.params.splitRate) m++;
        this.removeString(r, pos, l, m, rng);
      }
      this.ruinedRoute[r] = 1;
      ruined++;
    }
    const out = this.removedList.slice();
    sol.removeRequests(out, this.removed);
    for (const req of out) this.removed[req] = 0;
    return out;
  }

  /** Marks a string of `l` stops (plus `m` preserved in its middle) containing position `pos`. */
  private removeString(r: number, pos: number, l: number, m: number, rng: Rng): void {
    const route = this.sol.routes[r]!;
    const total = l + m;
    const lo = Math.max(route.numLocked, pos - total + 1);
    const hi = Math.min(pos, route.len - total);
    const start = hi >= lo ? lo + Math.floor(rng() * (hi - lo + 1)) : Math.max(route.numLocked, Math.min(pos, route.len - total));
    const keepFrom = start + Math.floor(rng() * (l + 1));
    for (let p = start; p < Math.min(route.len, start + total); p++) {
      if (m > 0 && p >= keepFrom && p < keepFrom + m) continue;
      this.mark(this.sol.data.requestOfStop[route.stops[p]!]!);
    }
  }

  private mark(req: number): void {
    if (this.removed[req] === 1 || this.isLockedRequest[req] === 1) return;
    this.removed[req] = 1;
    this.removedList.push(req);
  }

  private randomRoutedStop(rng: Rng, numStops: number): number {
    let k = Math.floor(rng() * numStops);
    for (const route of this.sol.routes) {
      const free = route.len - route.numLocked;
      if (k < free) return route.stops[route.numLocked + k]!;
      k -= free;
    }
    throw new Error('unreachable: numStops counts the routed stops');
  }
}
