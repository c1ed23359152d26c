/**
 * The metaheuristic: ruin and recreate (SISR string removals + blink insertion) under simulated
 * annealing, keeping the best solution seen. The temperature falls geometrically from T0 to Tf
 * over the budget (iterations when an iteration limit is set, else time), scaled by the mean arc
 * cost of the first solution so one parameter set fits every instance size and unit.
 */
import { mulberry32, type Rng } from '@o2o/geo';
import { FleetMinimisation } from './fleet-minimisation.js';
import { LocalSearch } from './search/local-search.js';
import { buildStopNeighbours } from './neighbours.js';
import type { ProblemData } from './problem-data.js';
import { BlinkInsertion, DEFAULT_BLINK_INSERTION, type BlinkInsertionParams } from './recreate/blink-insertion.js';
import { DEFAULT_STRING_REMOVAL, StringRemoval, type StringRemovalParams } from './ruin/string-removal.js';
import { SolutionState, type SolutionSnapshot } from './solution-state.js';
import { vehicleProfiles } from './vehicle-profiles.js';

/** Tunable parameters of the search (a parameter set is data: the parallel portfolio varies it). */
export interface SearchParams {
  readonly ruin: StringRemovalParams;
  readonly recreate: BlinkInsertionParams;
  /** Start and final temperature, in mean arc costs of the first solution. */
  readonly initialTemperature: number;
  readonly finalTemperature: number;
  /** Share of the budget spent on fleet minimisation when vehicles are minimised first. */
  readonly fleetMinimisationShare: number;
}

export const DEFAULT_SEARCH_PARAMS: SearchParams = {
  ruin: DEFAULT_STRING_REMOVAL,
  recreate: DEFAULT_BLINK_INSERTION,
  // Tuned on Solomon (10 hard instances, 1 s and 5 s): T0 = 5 mean arcs beat 0.3, 1, 3, 10 and 20.
  initialTemperature: 5,
  finalTemperature: 0.01,
  fleetMinimisationShare: 0.5,
};

export class RuinRecreateSearch {
  readonly data: ProblemData;
  readonly current: SolutionState;
  readonly rng: Rng;
  private readonly ruin: StringRemoval;
  private readonly recreate: BlinkInsertion;
  private readonly params: SearchParams;
  currentCost: number;
  best: SolutionSnapshot;
  bestCost: number;
  bestNumVehicles: number;
  iterations = 0;
  private t0 = 1;
  private tf = 0.01;
  private fleet: FleetMinimisation | undefined;
  /** True in the distance phase after fleet minimisation (route costs exclude fixed costs). */
  private ignoresFixedCost = false;
  private meanArc = 1;
  private readonly isLockedRequest: Uint8Array;

  constructor(data: ProblemData, seed: number, params: SearchParams = DEFAULT_SEARCH_PARAMS) {
    this.data = data;
    this.params = params;
    this.rng = mulberry32(seed);
    this.current = new SolutionState(data, mandatoryPenalty(data));
    const isLockedRequest = (this.isLockedRequest = new Uint8Array(data.numRequests));
    // Fully locked requests never move; one with a locked pickup still has its delivery to place.
    const numLockedStops = new Uint8Array(data.numRequests);
    for (let i = 0; i < data.lockedStops.length; i++) numLockedStops[data.requestOfStop[data.lockedStops[i]!]!]!++;
    for (let r = 0; r < data.numRequests; r++) {
      const numStops = data.sibling[data.requestFirstStop[r]!]! >= 0 ? 2 : 1;
      if (numLockedStops[r] === numStops) isLockedRequest[r] = 1;
    }
    const neighbours = buildStopNeighbours(data, 100);
    this.ruin = new StringRemoval(this.current, neighbours, isLockedRequest, params.ruin);
    this.recreate = new BlinkInsertion(this.current, vehicleProfiles(data), neighbours, params.recreate);

    // First solution: every free request by greedy insertion.
    for (let r = 0; r < data.numRequests; r++) if (this.current.routeOfRequest[r]! < 0 && isLockedRequest[r] !== 1) this.current.unassigned.push(r);
    this.current.beginChange();
    this.recreate.apply(this.rng, false);
    this.currentCost = this.current.totalCost();
    this.best = this.current.snapshot();
    this.bestCost = this.currentCost;
    this.bestNumVehicles = this.current.numUsedVehicles();
    const arc = meanArcCost(this.current);
    this.meanArc = arc;
    this.t0 = params.initialTemperature * arc;
    this.tf = params.finalTemperature * arc;
  }

  /** Starts the fleet-minimisation phase (hierarchical objective). */
  startFleetMinimisation(): void {
    this.fleet = new FleetMinimisation(this.current, this.ruin, this.recreate, this.isLockedRequest);
  }

  /** One fleet-minimisation step; returns true when a complete solution with fewer vehicles was found. */
  fleetStep(): boolean {
    this.iterations++;
    return this.fleet!.step(this.rng);
  }

  /**
   * Ends fleet minimisation: continues from its best complete solution with the closed vehicles
   * kept closed (so the vehicle count never grows again); it becomes the best when it has fewer
   * vehicles or a lower cost than the best so far.
   */
  endFleetMinimisation(): boolean {
    const fleet = this.fleet!;
    this.fleet = undefined;
    if (fleet.bestNumVehicles === Infinity) return false;
    fleet.restoreBest();
    const trueCost = this.current.totalCost();
    const numVehicles = this.current.numUsedVehicles();
    const isBetter = this.current.unassigned.length <= this.best.unassigned.length && (numVehicles < this.bestNumVehicles || trueCost < this.bestCost);
    if (isBetter) {
      this.best = this.current.snapshot();
      this.bestCost = trueCost;
      this.bestNumVehicles = numVehicles;
    }
    // The fleet can no longer grow (closed vehicles stay closed), so the distance phase drops the
    // fixed costs from its annealing objective (bests are still judged on the true objective), and
    // a relaxed penalty for a left-out request lets it cross between complete solutions, which
    // are islands at the minimum fleet (bests stay complete).
    this.ignoresFixedCost = true;
    this.current.setFixedWeight(0);
    this.current.mandatoryPenalty = Math.min(this.current.mandatoryPenalty, RELAXED_PENALTY_ARCS * this.meanArc);
    this.currentCost = this.current.totalCost();
    return isBetter;
  }

  /** Vehicles and cost of the best complete solution found by the running fleet phase. */
  get fleetBest(): { numVehicles: number; cost: number } {
    return this.fleet ? { numVehicles: this.fleet.bestNumVehicles, cost: this.fleet.bestCost } : { numVehicles: this.bestNumVehicles, cost: this.bestCost };
  }

  /**
   * Polishes the best solution with local search (relocate, exchange, or-opt, 2-opt*, pair
   * relocate on granular neighbourhoods) and keeps the result when it is cheaper. Measured: a
   * final polish never makes the best worse and gains 0.1–0.6 % at 1 s; running local search
   * inside every step cost more time than it gained.
   */
  polishBest(seed: number): boolean {
    const sol = this.current;
    sol.setFixedWeight(this.data.weights[4]!);
    this.ignoresFixedCost = false;
    sol.load(this.best);
    const before = sol.totalCost();
    if (new LocalSearch(sol, mulberry32(seed ^ 0x2545f491)).run() === 0) return false;
    const after = sol.totalCost();
    if (!(after < before - 1e-9)) return false;
    this.bestCost -= before - after;
    this.currentCost = this.bestCost;
    this.best = sol.snapshot();
    this.bestNumVehicles = sol.numUsedVehicles();
    return true;
  }

  /** Temperature at a fraction of the budget in [0, 1]. */
  temperatureAt(fraction: number): number {
    return this.t0 * Math.pow(this.tf / this.t0, Math.min(1, Math.max(0, fraction)));
  }

  /** One ruin-and-recreate step at `temperature`; returns true when it found a new best. */
  step(temperature: number): boolean {
    const sol = this.current;
    sol.beginChange();
    this.ruin.apply(this.rng);
    this.recreate.apply(this.rng, true);
    const cost = sol.totalCost();
    this.iterations++;
    // Simulated annealing: accept when cost < current − T·ln(U).
    if (cost < this.currentCost - temperature * Math.log(this.rng())) {
      this.currentCost = cost;
      // A new best must serve at least as many requests (the penalty may be relaxed) and beat the
      // best on the true objective.
      const trueCost = this.ignoresFixedCost ? cost + sol.objectiveFixedCost() : cost;
      if (trueCost < this.bestCost - 1e-9 && sol.unassigned.length <= this.best.unassigned.length) {
        this.bestCost = trueCost;
        this.best = sol.snapshot();
        this.bestNumVehicles = sol.numUsedVehicles();
        return true;
      }
    } else {
      sol.restore();
    }
    return false;
  }
}

/** Penalty per left-out request after fleet minimisation, in mean arc costs. */
const RELAXED_PENALTY_ARCS = 10;

/** Cost of an unassigned mandatory request: more than any route could ever cost. */
export function mandatoryPenalty(d: ProblemData): number {
  let maxArc = 0;
  for (let i = 0; i < d.durationMatrix.length; i++) maxArc = Math.max(maxArc, d.durationMatrix[i]!);
  let maxDist = 0;
  for (let i = 0; i < d.distanceMatrix.length; i++) maxDist = Math.max(maxDist, d.distanceMatrix[i]!);
  let maxService = 0;
  for (let s = 0; s < d.numStops; s++) maxService = Math.max(maxService, d.serviceSec[s]!);
  let maxFixed = 0;
  for (let v = 0; v < d.numVehicles; v++) maxFixed = Math.max(maxFixed, d.vehFixedCost[v]!);
  const w = d.weights;
  const perStop = (w[0]! + w[1]!) * (maxArc + maxService) + w[2]! * maxDist;
  return 100 * ((d.numStops + 2) * (perStop + 1) + w[4]! * maxFixed);
}

function meanArcCost(sol: SolutionState): number {
  let cost = 0;
  let arcs = 0;
  const d = sol.data;
  for (const route of sol.routes) {
    if (route.len === 0) continue;
    cost += route.cost - d.weights[4]! * d.vehFixedCost[route.vehicle]!;
    arcs += route.len + 1;
  }
  return arcs > 0 && cost > 0 ? cost / arcs : 1;
}
