/**
 * Shared helpers of the local-search tests: random solutions with locked prefixes and bound
 * requests, the invariants every move must keep, and a tiny "points on a line" problem builder
 * for hand-checked cases.
 */
import assert from 'node:assert/strict';
import {
  InsertionMove,
  RouteState,
  SearchState,
  SolutionState,
  applyInsertion,
  bestInsertionInRoute,
  buildProblem,
  evaluateSequence,
  type JobInput,
  type ProblemData,
  type ProblemInput,
  type ShipmentInput,
  type VehicleInput,
} from '@o2o/dispatch-core';
import { mulberry32, type Rng } from '@o2o/geo';
import { randomProblem, type RandomProblemOptions } from '../fixtures/random-problem.js';

export const TOLERANCE = 1e-6;
export const MANDATORY_PENALTY = 1e7;

/**
 * A random problem where vehicle 0 has a shipment on board and a committed job, and vehicle 1 a
 * committed shipment (pickup and delivery), each kept only if the locked prefix is feasible.
 */
export function lockedRandomProblem(o: RandomProblemOptions & { readonly withoutSoftDue?: boolean }): ProblemData {
  const input = o.withoutSoftDue ? withoutSoftDue(randomProblem(o)) : randomProblem(o);
  const numShipments = input.shipments?.length ?? 0;
  const numJobs = input.jobs?.length ?? 0;
  const vehicles = input.vehicles.map((v) => ({ ...v })) as Array<VehicleInput & { onBoard?: string[]; committed?: string[] }>;
  if (numShipments >= 1) vehicles[0]!.onBoard = ['s0'];
  const tryCommit = (v: number, entries: string[]) => {
    const before = vehicles[v]!.committed;
    vehicles[v]!.committed = [...(before ?? []), ...entries];
    const { data } = buildProblem({ ...input, vehicles });
    if (!new RouteState(data, v).isFeasible) vehicles[v]!.committed = before;
  };
  for (let j = 0; j < numJobs && !vehicles[0]!.committed?.length; j++) tryCommit(0, [`j${j}`]);
  if (vehicles.length > 1) for (let s = 1; s < numShipments && !vehicles[1]!.committed?.length; s++) tryCommit(1, [`s${s}:pickup`, `s${s}:delivery`]);
  return buildProblem({ ...input, vehicles }).data;
}

/** The same problem without soft due times (ride limits stay). */
function withoutSoftDue(input: ProblemInput): ProblemInput {
  const strip = <T extends { softDueAt?: number; latenessCostPerSec?: number }>({ softDueAt: _due, latenessCostPerSec: _cost, ...rest }: T) => rest;
  return {
    ...input,
    jobs: input.jobs?.map((j) => strip(j) as JobInput),
    shipments: input.shipments?.map((s) => ({ ...s, pickup: strip(s.pickup), delivery: strip(s.delivery) })),
  };
}

/** Requests already in a route from the start (committed). */
function isLockedRequest(d: ProblemData): Uint8Array {
  const out = new Uint8Array(d.numRequests);
  for (let i = 0; i < d.lockedStops.length; i++) out[d.requestOfStop[d.lockedStops[i]!]!] = 1;
  return out;
}

/**
 * A feasible solution built by insertion: requests in random order, each at its best position in
 * a random vehicle that can take it (`greedy`: the best position over all vehicles).
 */
export function randomSolution(d: ProblemData, rng: Rng, greedy = false): SolutionState {
  const sol = new SolutionState(d, MANDATORY_PENALTY);
  const locked = isLockedRequest(d);
  const requests = Array.from({ length: d.numRequests }, (_, r) => r).filter((r) => locked[r] !== 1);
  shuffle(requests, rng);
  const move = new InsertionMove();
  for (const r of requests) {
    const bound = d.boundVehicle[r]!;
    const vehicles = bound >= 0 ? [bound] : shuffle(Array.from({ length: d.numVehicles }, (_, v) => v), rng).filter((v) => d.vehicleHasSkills(v, r));
    move.reset();
    for (const v of vehicles) {
      bestInsertionInRoute(d, sol.routes[v]!, v, r, move);
      if (!greedy && move.route >= 0) break;
    }
    if (move.route < 0) {
      sol.unassigned.push(r);
      continue;
    }
    applyInsertion(d, sol.routes[move.route]!, r, move);
    sol.routeOfRequest[r] = move.route;
  }
  return sol;
}

export function shuffle<T>(xs: T[], rng: Rng): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

/** Σ route costs recomputed from scratch + unassigned penalties. */
export function recomputedTotal(sol: SolutionState): number {
  let total = 0;
  for (const route of sol.routes) total += evaluateSequence(sol.data, route.vehicle, route.stops, route.len);
  for (const r of sol.unassigned) total += sol.penaltyOf(r);
  return total;
}

/** Stops of route r as a plain array. */
export function stopsOf(sol: SolutionState, r: number): number[] {
  const route = sol.routes[r]!;
  return Array.from(route.stops.subarray(0, route.len));
}

/**
 * Everything a move must keep: feasible routes stay feasible and their cached cost is exact;
 * locked prefixes, bindings and skills hold; every assigned request's stops appear once in its
 * route; the search state's positions agree.
 */
export function assertSolutionInvariants(sol: SolutionState, wasFeasible: readonly boolean[], st?: SearchState): void {
  const d = sol.data;
  const seen = new Int32Array(d.numStops).fill(-1);
  sol.routes.forEach((route, r) => {
    const recomputed = evaluateSequence(d, route.vehicle, route.stops, route.len);
    if (wasFeasible[r]) {
      assert.ok(route.isFeasible && recomputed < Infinity, `route ${r} became infeasible`);
      assert.ok(Math.abs(recomputed - route.cost) < TOLERANCE, `route ${r}: cached cost ${route.cost} vs recomputed ${recomputed}`);
    }
    const lockedFrom = d.vehLockedStart[r]!;
    for (let p = 0; p < route.numLocked; p++) assert.equal(route.stops[p], d.lockedStops[lockedFrom + p], `route ${r}: locked stop ${p} moved`);
    for (let p = 0; p < route.len; p++) {
      const s = route.stops[p]!;
      const req = d.requestOfStop[s]!;
      assert.equal(seen[s], -1, `stop ${s} appears twice`);
      seen[s] = r;
      assert.equal(sol.routeOfRequest[req], r, `request ${req} is in route ${r} but routeOfRequest says ${sol.routeOfRequest[req]}`);
      if (d.boundVehicle[req]! >= 0) assert.equal(r, d.boundVehicle[req], `request ${req} left its bound vehicle`);
      assert.ok(d.vehicleHasSkills(r, req), `request ${req} on vehicle ${r} without the skills`);
      if (st) assert.equal(st.posOfStop[s], p, `posOfStop of ${s}`);
    }
  });
  for (let s = 0; s < d.numStops; s++) {
    const req = d.requestOfStop[s]!;
    assert.equal(seen[s], sol.routeOfRequest[req], `stop ${s} of request ${req}: route ${seen[s]} vs routeOfRequest ${sol.routeOfRequest[req]}`);
  }
}

/** The problem options the operator tests sweep: plain, then soft due times + ride limits + open routes. */
export function operatorCases(): Array<{ name: string; seeds: number[]; withSoftAndRide: boolean; openRoutes: boolean; withoutSoftDue?: boolean }> {
  return [
    { name: 'hard windows, capacities, bags, shifts, locks', seeds: range(1, 12), withSoftAndRide: false, openRoutes: false },
    { name: 'soft due times, ride limits, open routes', seeds: range(101, 112), withSoftAndRide: true, openRoutes: true },
    // Routes without ride-limited shipments stay on the constant-time path while receiving some.
    { name: 'ride limits only', seeds: range(201, 206), withSoftAndRide: true, openRoutes: false, withoutSoftDue: true },
  ];
}

function range(a: number, b: number): number[] {
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}

export interface OperatorCheckOptions {
  /** The operator's own move set, recomputed from scratch: the best delta for (u, v), or Infinity. */
  readonly reference: (sol: SolutionState, u: number, v: number) => number;
  readonly make: (st: SearchState, prune: boolean) => { evaluate(u: number, v: number): number; apply(): void };
  readonly numPairs?: number;
}

/**
 * On random solutions: every delta equals the reference (pruning off), every improving delta is
 * exact and every other value a valid bound (pruning on), and applying a move changes the
 * recomputed total by exactly its delta while keeping every invariant. Returns the number of
 * finite deltas checked.
 */
export function checkOperatorOnRandomSolutions(o: OperatorCheckOptions): { finite: number; improving: number; applied: number } {
  let finite = 0;
  let improving = 0;
  let applied = 0;
  for (const c of operatorCases()) {
    for (const seed of c.seeds) {
      const d = lockedRandomProblem({ seed, numJobs: 10, numShipments: 10, numVehicles: 4, withSoftAndRide: c.withSoftAndRide, openRoutes: c.openRoutes, withoutSoftDue: c.withoutSoftDue });
      const rng = mulberry32(seed * 7 + 1);
      const sol = randomSolution(d, rng);
      const wasFeasible = sol.routes.map((route) => route.isFeasible);
      const st = new SearchState(sol);
      const exactOp = o.make(st, false);
      const prunedOp = o.make(st, true);
      const assigned = Array.from({ length: d.numStops }, (_, s) => s).filter((s) => st.routeOfStop(s) >= 0);
      for (let k = 0; k < (o.numPairs ?? 300) && assigned.length > 1; k++) {
        const u = assigned[Math.floor(rng() * assigned.length)]!;
        const v = assigned[Math.floor(rng() * assigned.length)]!;
        const want = o.reference(sol, u, v);
        const got = exactOp.evaluate(u, v);
        const where = `${c.name}, seed ${seed}, pair ${k} (u ${u}, v ${v})`;
        if (want === Infinity) assert.equal(got, Infinity, `${where}: found a move where none is feasible (${got})`);
        else assert.ok(Math.abs(got - want) < TOLERANCE, `${where}: delta ${got} vs recomputed ${want}`);
        const bound = prunedOp.evaluate(u, v);
        if (want < -TOLERANCE) assert.ok(Math.abs(bound - want) < TOLERANCE, `${where}: pruned delta ${bound} vs recomputed ${want}`);
        else assert.ok(bound >= -TOLERANCE && bound <= want + TOLERANCE, `${where}: pruned value ${bound} is no bound of ${want}`);
        if (got === Infinity) continue;
        finite++;
        if (got < 0) improving++;
        if (!(got < 0 || rng() < 0.3)) continue;
        // Apply (also non-improving moves, to walk through varied solutions) from either operator.
        // apply() must not depend on anything another evaluate call (of another instance) overwrote.
        const op = want < -TOLERANCE && rng() < 0.5 ? prunedOp : exactOp;
        const before = recomputedTotal(sol);
        op.apply();
        applied++;
        const after = recomputedTotal(sol);
        assert.ok(Math.abs(after - before - got) < TOLERANCE, `${where}: applied move changed the total by ${after - before}, delta ${got}`);
        assertSolutionInvariants(sol, wasFeasible, st);
      }
    }
  }
  if (process.env['SEARCH_TEST_COUNTS']) console.log({ finite, improving, applied });
  return { finite, improving, applied };
}

/** Hand-built problems on a line: location i sits at xs[i], travel time |xi − xj|. */
export function lineProblem(xs: readonly number[], vehicles: VehicleInput[], jobs: JobInput[] = [], shipments: ShipmentInput[] = []): ProblemData {
  const n = xs.length;
  const durationMatrix = new Int32Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) durationMatrix[i * n + j] = Math.abs(xs[i]! - xs[j]!);
  const input: ProblemInput = { numLocations: n, durationMatrix, vehicles, jobs, shipments };
  return buildProblem(input).data;
}

/** A solution with the given stop sequences per vehicle (stop indices). */
export function solutionOf(d: ProblemData, routes: number[][]): { sol: SolutionState; st: SearchState } {
  const sol = new SolutionState(d, MANDATORY_PENALTY);
  const assigned = new Set(routes.flat().map((s) => d.requestOfStop[s]!));
  const unassigned = Array.from({ length: d.numRequests }, (_, r) => r).filter((r) => !assigned.has(r));
  sol.load({ routes: routes.map((stops) => Int32Array.from(stops)), unassigned });
  for (const route of sol.routes) assert.ok(route.isFeasible, 'hand-built route must be feasible');
  return { sol, st: new SearchState(sol) };
}
