import assert from 'node:assert/strict';
import {
  Exchange,
  ExchangePairs,
  IMPROVEMENT_EPS,
  InsertionMove,
  LocalSearch,
  OPERATOR_NAMES,
  OrOpt,
  Relocate,
  RelocatePair,
  SearchState,
  TwoOptStar,
  applyInsertion,
  bestInsertionInRoute,
  type SolutionState,
} from '@o2o/dispatch-core';
import { mulberry32 } from '@o2o/geo';
import { assertSolutionInvariants, lockedRandomProblem, operatorCases, randomSolution, recomputedTotal, shuffle } from './helpers.js';

function solvedCase(seed: number, withSoftAndRide: boolean, openRoutes: boolean, lsSeed: number) {
  const d = lockedRandomProblem({ seed, numJobs: 20, numShipments: 20, numVehicles: 5, withSoftAndRide, openRoutes });
  const sol = randomSolution(d, mulberry32(seed));
  const wasFeasible = sol.routes.map((route) => route.isFeasible);
  const before = recomputedTotal(sol);
  const ls = new LocalSearch(sol, mulberry32(lsSeed), { operators: OPERATOR_NAMES });
  const numMoves = ls.run();
  return { sol, ls, before, wasFeasible, numMoves };
}

/** Every operator of `ls`, fresh (no memo, no pruning), finds no improving move for any stop and neighbour. */
function assertLocalOptimum(ls: LocalSearch, where: string): void {
  const st = new SearchState(ls.state.sol);
  const operators = [new Relocate(st, EXACT), new Exchange(st, EXACT), new OrOpt(st, EXACT), new TwoOptStar(st, EXACT), new RelocatePair(st, EXACT), new ExchangePairs(st, EXACT)].filter((op) =>
    ls.operators.some((o) => o.name === op.name),
  );
  const { k, list } = ls.neighbours;
  for (let u = 0; u < st.data.numStops; u++) {
    if (st.routeOfStop(u) < 0) continue;
    for (let n = 0; n < k; n++) {
      for (const op of operators) {
        const delta = op.evaluate(u, list[u * k + n]!);
        assert.ok(!(delta < -IMPROVEMENT_EPS), `${where}: ${op.name} still improves (u ${u}) by ${delta}`);
      }
    }
  }
}

/** Runs `ls` once more (it must find what changed) and checks the result. */
function assertLocalOptimumAfterRun(ls: LocalSearch, where: string): void {
  ls.run();
  assertLocalOptimum(ls, where);
}

const EXACT = { prune: false };

function snapshotOf(sol: SolutionState): number[][] {
  return sol.routes.map((route) => Array.from(route.stops.subarray(0, route.len)));
}

describe('LocalSearch', () => {
  it('never increases the cost and keeps every route feasible, locks and bindings held', () => {
    let improved = 0;
    for (const c of operatorCases()) {
      for (const seed of c.seeds) {
        const { sol, ls, before, wasFeasible, numMoves } = solvedCase(seed, c.withSoftAndRide, c.openRoutes, 7);
        const after = recomputedTotal(sol);
        assert.ok(after <= before + 1e-6, `${c.name}, seed ${seed}: cost rose from ${before} to ${after}`);
        assert.ok(Math.abs(after - sol.totalCost()) < 1e-6, 'cached total equals the recomputed total');
        assertSolutionInvariants(sol, wasFeasible, ls.state);
        if (numMoves > 0 && after < before - 1e-6) improved++;
      }
    }
    assert.ok(improved >= 20, `only ${improved} solutions improved`);
  });

  it('stops at a local optimum: no operator finds an improving move for any stop and neighbour', () => {
    for (const seed of [1, 2, 101, 102]) {
      const { ls } = solvedCase(seed, seed > 100, seed > 100, 3);
      assertLocalOptimum(ls, `seed ${seed}`);
    }
  });

  it('after outside changes and restores, a new run re-examines what changed and reaches a local optimum again', () => {
    for (const seed of [5, 105]) {
      const { sol, ls, wasFeasible } = solvedCase(seed, seed > 100, seed > 100, 5);
      const rng = mulberry32(seed);
      const move = new InsertionMove();
      for (let step = 0; step < 6; step++) {
        // A ruin-and-recreate-like change: remove a few free requests, reinsert each at its best position.
        sol.beginChange();
        const d = sol.data;
        const removable = Array.from({ length: d.numRequests }, (_, r) => r).filter((r) => sol.routeOfRequest[r]! >= 0 && d.boundVehicle[r]! < 0);
        const removed = shuffle(removable, rng).slice(0, 5);
        const isRemoved = new Uint8Array(d.numRequests);
        for (const r of removed) isRemoved[r] = 1;
        sol.removeRequests(removed, isRemoved);
        sol.unassigned = sol.unassigned.filter((r) => isRemoved[r] !== 1);
        for (const r of removed) {
          move.reset();
          for (let v = 0; v < d.numVehicles; v++) if (d.vehicleHasSkills(v, r)) bestInsertionInRoute(d, sol.routes[v]!, v, r, move);
          if (move.route < 0) {
            sol.unassigned.push(r);
            continue;
          }
          sol.touch(move.route);
          applyInsertion(d, sol.routes[move.route]!, r, move);
          sol.routeOfRequest[r] = move.route;
        }
        const before = recomputedTotal(sol);
        ls.run();
        assert.ok(recomputedTotal(sol) <= before + 1e-6);
        assertSolutionInvariants(sol, wasFeasible, ls.state);
        if (step % 2 === 1) sol.restore(); // rejected: the routes go back, local-search moves included
        assertLocalOptimumAfterRun(ls, `seed ${seed}, step ${step}`);
        assertSolutionInvariants(sol, wasFeasible, ls.state);
      }
    }
  });

  it('is deterministic for a seed, and runs again on the same solution without moves', () => {
    for (const seed of [3, 103]) {
      const one = solvedCase(seed, seed > 100, seed > 100, 11);
      const two = solvedCase(seed, seed > 100, seed > 100, 11);
      assert.deepEqual(snapshotOf(one.sol), snapshotOf(two.sol));
      assert.equal(one.sol.totalCost(), two.sol.totalCost());
      assert.equal(one.ls.run(), 0, 'a local optimum stays one');
    }
  });

  it('counts evaluations and applications per operator', () => {
    const { ls, numMoves } = solvedCase(4, false, false, 1);
    const applied = ls.operators.reduce((n, op) => n + op.stats.numApplications, 0);
    assert.equal(applied, numMoves);
    assert.ok(ls.operators.every((op) => op.stats.numEvaluations > 0));
  });
});
