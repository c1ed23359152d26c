import assert from 'node:assert/strict';
import { InsertionMove, RouteState, applyInsertion, bestInsertionInRoute, buildProblem, evaluateSequence, type ProblemData } from '@o2o/dispatch-core';
import { mulberry32 } from '@o2o/geo';
import { randomProblem } from './fixtures/random-problem.js';

/** Every placement of request r in the route, evaluated from scratch: the cheapest delta and its positions. */
function bruteForce(d: ProblemData, route: RouteState, r: number): { delta: number; pos1: number; pos2: number } {
  const base = Array.from(route.stops.subarray(0, route.len));
  const first = d.requestFirstStop[r]!;
  let best = { delta: Infinity, pos1: -1, pos2: -1 };
  const consider = (seq: number[], pos1: number, pos2: number) => {
    const delta = evaluateSequence(d, route.vehicle, seq, seq.length) - route.cost;
    if (delta < best.delta - 1e-9) best = { delta, pos1, pos2 };
  };
  for (let i = route.numLocked; i <= base.length; i++) {
    if (d.requestNumStops[r] === 1) {
      consider([...base.slice(0, i), first, ...base.slice(i)], i, -1);
      continue;
    }
    for (let j = i; j <= base.length; j++) {
      consider([...base.slice(0, i), first, ...base.slice(i, j), d.sibling[first]!, ...base.slice(j)], i, j);
    }
  }
  return best;
}

function checkProblem(seed: number, withSoftAndRide: boolean, openRoutes: boolean): number {
  const { data: d } = buildProblem(randomProblem({ seed, numJobs: 12, numShipments: 12, numVehicles: 3, withSoftAndRide, openRoutes }));
  const rng = mulberry32(seed);
  const routes = Array.from({ length: d.numVehicles }, (_, v) => new RouteState(d, v));
  const assigned = new Uint8Array(d.numRequests);
  let checked = 0;
  // Grow routes by random feasible insertions; before each, compare the fast search with brute force on every route.
  for (let round = 0; round < 60; round++) {
    const r = Math.floor(rng() * d.numRequests);
    if (assigned[r]) continue;
    const v = Math.floor(rng() * d.numVehicles);
    const route = routes[v]!;
    const move = new InsertionMove();
    bestInsertionInRoute(d, route, v, r, move);
    const want = bruteForce(d, route, r);
    checked++;
    if (want.delta === Infinity) {
      assert.equal(move.route, -1, `seed ${seed} round ${round}: found an insertion where none is feasible`);
      continue;
    }
    assert.ok(move.route === v, `seed ${seed} round ${round}: missed a feasible insertion (brute force ${want.delta})`);
    assert.ok(Math.abs(move.delta - want.delta) < 1e-6, `seed ${seed} round ${round}: delta ${move.delta} vs recomputed ${want.delta}`);
    const before = route.cost;
    applyInsertion(d, route, r, move);
    assert.ok(route.isFeasible);
    assert.ok(Math.abs(route.cost - before - move.delta) < 1e-6, 'the applied move changes the cost by its delta');
    assert.ok(Math.abs(evaluateSequence(d, v, route.stops, route.len) - route.cost) < 1e-6, 'cached cost equals a full recomputation');
    assigned[r] = 1;
  }
  return checked;
}

describe('bestInsertionInRoute', () => {
  it('finds the cheapest feasible insertion with the exact delta (hard windows, capacity, bags, shifts)', () => {
    let checked = 0;
    for (let seed = 1; seed <= 25; seed++) checked += checkProblem(seed, false, false);
    assert.ok(checked > 500, `only ${checked} insertions checked`);
  });

  it('stays exact with soft due times, ride limits and open routes', () => {
    let checked = 0;
    for (let seed = 101; seed <= 125; seed++) checked += checkProblem(seed, true, true);
    assert.ok(checked > 500, `only ${checked} insertions checked`);
  });
});
