/**
 * Recreate by greedy insertion with blinks (SISR): the unassigned requests, in one of four
 * orders (random, larger demand first, farther first, closer first; weights 4:4:2:1), each go to
 * their cheapest feasible position over all routes, every position being skipped with a small
 * probability (the blink rate) so repeated recreates explore. A request with no feasible position,
 * or an optional one that costs more than its penalty, stays unassigned.
 */
import type { Rng } from '@o2o/geo';
import { InsertionMove, applyInsertion, bestInsertionInRoute, type Blink } from '../insertion.js';
import type { StopNeighbours } from '../neighbours.js';
import type { ProblemData } from '../problem-data.js';
import type { SolutionState } from '../solution-state.js';

export interface BlinkInsertionParams {
  /** Probability of skipping a position, β. Default 0.01. */
  readonly blinkRate: number;
}

export const DEFAULT_BLINK_INSERTION: BlinkInsertionParams = { blinkRate: 0.01 };

/** Above this many vehicles, insertion tries only nearby routes (granular neighbourhood). */
const LARGE_FLEET = 60;
/** Nearest stops whose routes are tried, per stop of the request. */
const NEAR_STOPS = 40;
/** Vehicles starting nearest the request's first stop, always tried. */
const NEAR_VEHICLES = 12;
/** How far down the nearest-start list to look for an empty vehicle before scanning them all. */
const NEAR_VEHICLE_LIST = 64;

/** Per request, the m vehicles whose start is nearest its first stop (row-major, ties by index). */
function nearestVehicles(d: ProblemData, m: number): Int32Array {
  const out = new Int32Array(d.numRequests * m).fill(-1);
  const order = Array.from({ length: d.numVehicles }, (_, v) => v);
  for (let r = 0; r < d.numRequests; r++) {
    const loc = d.stopLoc[d.requestFirstStop[r]!]!;
    order.sort((a, b) => d.duration(d.vehStartLoc[a]!, loc) - d.duration(d.vehStartLoc[b]!, loc) || a - b);
    for (let i = 0; i < Math.min(m, order.length); i++) out[r * m + i] = order[i]!;
  }
  return out;
}

export class BlinkInsertion {
  private readonly move = new InsertionMove();
  private readonly demandKey: Float64Array;
  private readonly distanceKey: Float64Array;
  private readonly profileSeen: Uint8Array;
  /** Large fleets: per request, the vehicles whose start is nearest its first stop (else empty). */
  private readonly nearVehicles: Int32Array;
  private readonly routeStamp: Int32Array;
  private stamp = 0;
  private readonly candidateRoutes: Int32Array;

  /**
   * @param vehicleProfile vehicles with equal profile ids are interchangeable when empty, so only
   *   the first empty one of each profile is tried.
   */
  constructor(
    private readonly sol: SolutionState,
    private readonly vehicleProfile: Int32Array,
    private readonly neighbours: StopNeighbours,
    private readonly params: BlinkInsertionParams = DEFAULT_BLINK_INSERTION,
  ) {
    const d = sol.data;
    this.routeStamp = new Int32Array(d.numVehicles);
    this.candidateRoutes = new Int32Array(d.numVehicles);
    this.nearVehicles = d.numVehicles > LARGE_FLEET ? nearestVehicles(d, Math.min(d.numVehicles, NEAR_VEHICLE_LIST)) : new Int32Array(0);
    this.demandKey = new Float64Array(d.numRequests);
    this.distanceKey = new Float64Array(d.numRequests);
    const hub = d.numVehicles > 0 ? d.vehStartLoc[0]! : 0;
    for (let r = 0; r < d.numRequests; r++) {
      const s = d.requestFirstStop[r]!;
      let q = 0;
      for (let k = 0; k < d.numDims; k++) q += Math.abs(d.demand[s * d.numDims + k]!);
      this.demandKey[r] = q;
      this.distanceKey[r] = d.duration(hub, d.stopLoc[s]!);
    }
    this.profileSeen = new Uint8Array(Math.max(1, ...Array.from(vehicleProfile, (p) => p + 1)));
  }

  /** Inserts every unassigned request it can; `blink` false gives the plain greedy insertion. */
  apply(rng: Rng, blink = true): void {
    const sol = this.sol;
    const requests = sol.unassigned;
    sol.unassigned = [];
    this.sortRequests(requests, rng);
    const beta = blink ? this.params.blinkRate : 0;
    // Each position is skipped with probability β; drawing the gap to the next skip from the
    // geometric distribution gives the same law with one random number per ~1/β positions.
    const logKeep = Math.log(1 - beta);
    const gap = () => 1 + Math.floor(Math.log(1 - rng()) / logKeep);
    let countdown = beta > 0 ? gap() : Infinity;
    const blinker: Blink =
      beta > 0
        ? () => {
            if (--countdown > 0) return false;
            countdown = gap();
            return true;
          }
        : () => false;
    for (const r of requests) this.insertOne(r, blinker);
  }

  /** Inserts request r at its cheapest position, or leaves it unassigned. */
  insertOne(r: number, blink: Blink): boolean {
    const sol = this.sol;
    const d = sol.data;
    const best = this.move;
    best.reset();
    const bound = d.boundVehicle[r]!;
    if (bound >= 0) {
      bestInsertionInRoute(d, sol.routes[bound]!, bound, r, best, blink);
    } else {
      this.profileSeen.fill(0);
      const numCandidates = this.collectCandidateRoutes(r);
      const isAll = numCandidates < 0;
      for (let i = 0, end = isAll ? sol.routes.length : numCandidates; i < end; i++) {
        const v = isAll ? i : this.candidateRoutes[i]!;
        const route = sol.routes[v]!;
        if (sol.closed[v] === 1) continue;
        if (route.len === 0) {
          const profile = this.vehicleProfile[v]!;
          if (this.profileSeen[profile] === 1) continue;
          this.profileSeen[profile] = 1;
        }
        if (!d.vehicleHasSkills(v, r)) continue;
        bestInsertionInRoute(d, route, v, r, best, blink);
      }
    }
    if (best.route < 0 || best.delta >= sol.penaltyOf(r)) {
      sol.unassigned.push(r);
      return false;
    }
    sol.touch(best.route);
    applyInsertion(d, sol.routes[best.route]!, r, best);
    sol.routeOfRequest[r] = best.route;
    return true;
  }

  /**
   * The routes worth trying for request r, into `candidateRoutes`; returns their count, or −1 for
   * every route (small fleets). Large fleets (granular): the routes holding one of the nearest stops of
   * r's stops, plus the vehicles starting nearest its first stop.
   */
  private collectCandidateRoutes(r: number): number {
    const sol = this.sol;
    const d = sol.data;
    if (d.numVehicles <= LARGE_FLEET) return -1;
    const stamp = ++this.stamp;
    let count = 0;
    const add = (v: number) => {
      if (v >= 0 && this.routeStamp[v] !== stamp) {
        this.routeStamp[v] = stamp;
        this.candidateRoutes[count++] = v;
      }
    };
    const { k, list } = this.neighbours;
    const first = d.requestFirstStop[r]!;
    for (const s of [first, d.sibling[first]!]) {
      if (s < 0) continue;
      for (let i = 0; i < Math.min(k, NEAR_STOPS); i++) add(sol.routeOfRequest[d.requestOfStop[list[s * k + i]!]!]!);
    }
    // The vehicles starting nearest, then the nearest empty one (an order may need a new rider).
    const near = this.nearVehicles;
    const m = near.length / d.numRequests;
    let hasEmpty = false;
    for (let i = 0; i < m; i++) {
      const v = near[r * m + i]!;
      if (v < 0) break;
      const isEmpty = sol.routes[v]!.len === 0 && sol.closed[v] === 0;
      if (i < NEAR_VEHICLES || (isEmpty && !hasEmpty)) add(v);
      if (isEmpty) hasEmpty = true;
      if (i >= NEAR_VEHICLES && hasEmpty) break;
    }
    for (let v = 0; v < sol.routes.length && !hasEmpty; v++) {
      if (sol.routes[v]!.len === 0 && sol.closed[v] === 0) {
        add(v);
        hasEmpty = true;
      }
    }
    return count;
  }

  private sortRequests(requests: number[], rng: Rng): void {
    // Shuffle first so ties break randomly, then order by the drawn rule.
    for (let i = requests.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      const t = requests[i]!;
      requests[i] = requests[j]!;
      requests[j] = t;
    }
    const u = rng() * 11;
    if (u < 4) return;
    if (u < 8) requests.sort((a, b) => this.demandKey[b]! - this.demandKey[a]!);
    else if (u < 10) requests.sort((a, b) => this.distanceKey[b]! - this.distanceKey[a]!);
    else requests.sort((a, b) => this.distanceKey[a]! - this.distanceKey[b]!);
  }
}
