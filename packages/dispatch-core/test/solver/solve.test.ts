import assert from 'node:assert/strict';
import { DispatchInputError, buildProblem, solve, solveParallel, SolverPool, verifySolution, type ProblemInput, type SolveResult } from '@o2o/dispatch-core';
import { randomProblem } from './fixtures/random-problem.js';
import { oneRiderTwoDims, twinShipments, twoRiders } from './fixtures/verify-instances.js';

/** Four stops on a line, 100 s apart; one vehicle from 0 and back. */
function lineProblem(): ProblemInput {
  const n = 5;
  return {
    numLocations: n,
    durationMatrix: Array.from({ length: n * n }, (_, k) => 100 * Math.abs(Math.floor(k / n) - (k % n))),
    vehicles: [{ id: 'v', startLocation: 0, endLocation: 0, capacity: [10] }],
    jobs: [3, 1, 4, 2].map((loc) => ({ id: `j${loc}`, location: loc, demand: [1] })),
    objective: { durationSec: 0, travelSec: 1 },
  };
}

function assertVerified(input: ProblemInput, result: SolveResult): void {
  assert.deepEqual(verifySolution(input, result.solution), []);
}

describe('solve', () => {
  it('finds the optimal route of a hand-checkable line instance', async () => {
    const input = lineProblem();
    const result = await solve(input, { maxIterations: 200, seed: 3 });
    assertVerified(input, result);
    const ids = result.solution.routes[0]!.stops.filter((s) => s.kind === 'job').map((s) => s.id);
    assert.ok(ids.join() === 'j1,j2,j3,j4' || ids.join() === 'j4,j3,j2,j1', ids.join());
    assert.equal(result.solution.cost.total, 800);
    assert.equal(result.solution.cost.travel, 800);
  });

  it('returns verified solutions on random pickup-and-delivery instances (soft windows, ride limits, open routes)', async () => {
    for (let seed = 1; seed <= 12; seed++) {
      const input = randomProblem({ seed, numJobs: 10, numShipments: 12, numVehicles: 4, withSoftAndRide: seed % 2 === 0, openRoutes: seed % 3 === 0 });
      const result = await solve(input, { maxIterations: 300, seed });
      assertVerified(input, result);
      assert.equal(result.solution.isFeasible, true, `seed ${seed}`);
      for (let i = 1; i < result.history.length; i++) assert.ok(result.history[i]!.cost < result.history[i - 1]!.cost, 'history improves');
    }
  });

  it('keeps committed stops first and in order, serves on-board orders on their rider, delivers committed pickups', async () => {
    for (const make of [twoRiders, oneRiderTwoDims, twinShipments]) {
      const { input } = make();
      const result = await solve(input, { maxIterations: 300, seed: 1 });
      assertVerified(input, result);
      for (const v of input.vehicles) {
        for (const id of v.onBoard ?? []) assert.ok(!result.solution.unassigned.some((u) => u.id === id), `${id} stays served`);
      }
    }
  });

  it('with a large fleet (granular route candidates), never leaves an order out while a fitting rider is idle', async () => {
    for (const seed of [21, 22, 23]) {
      const input = randomProblem({ seed, numJobs: 10, numShipments: 40, numVehicles: 40, withSoftAndRide: true });
      // Identical riders at one depot (a Solomon-like fleet) and riders spread out (an O2O fleet).
      const sameStart: ProblemInput = { ...input, vehicles: input.vehicles.map((v) => ({ ...v, startLocation: 0, skills: [1, 2] })) };
      for (const problem of [input, sameStart]) {
        const result = await solve(problem, { maxIterations: 200, seed });
        assertVerified(problem, result);
        if (result.solution.numVehiclesUsed < problem.vehicles.length) {
          assert.deepEqual(result.solution.unassigned.filter((u) => u.reason === 'no_room'), [], `seed ${seed}: an idle rider could take it`);
        }
      }
    }
  });

  it('uses every rider of a large fleet when each can take only one order', async () => {
    // 30 jobs that all must start at t = 1000, 1000 s from the depot and from each other: one job per rider.
    const n = 31;
    const input: ProblemInput = {
      numLocations: n,
      durationMatrix: Array.from({ length: n * n }, (_, k) => (Math.floor(k / n) === k % n ? 0 : 1000)),
      vehicles: Array.from({ length: 30 }, (_, i) => ({ id: `v${i}`, startLocation: 0, capacity: [1] })),
      jobs: Array.from({ length: 30 }, (_, i) => ({ id: `j${i}`, location: i + 1, timeWindow: [1000, 1000] as const })),
    };
    const result = await solve(input, { maxIterations: 50 });
    assertVerified(input, result);
    assert.equal(result.solution.unassigned.length, 0);
    assert.equal(result.solution.numVehiclesUsed, 30);
  });

  it('is deterministic for a seed and an iteration limit', async () => {
    const input = randomProblem({ seed: 42, numJobs: 15, numShipments: 15, numVehicles: 4 });
    const a = await solve(input, { maxIterations: 400, seed: 9 });
    const b = await solve(input, { maxIterations: 400, seed: 9 });
    assert.deepEqual(a.solution, b.solution);
    assert.equal(a.iterations, 400);
    assert.equal(a.stoppedBy, 'max_iterations');
  });

  it('stops on a target cost, an abort signal and a time limit, returning the best so far', async () => {
    const input = randomProblem({ seed: 5, numJobs: 20, numShipments: 20, numVehicles: 5 });
    const first = await solve(input, { maxIterations: 1, seed: 1 });
    const target = await solve(input, { targetCost: first.solution.cost.total + first.solution.cost.total, timeLimitMs: 60_000, seed: 1 });
    assert.equal(target.stoppedBy, 'target_cost');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const t0 = performance.now();
    const aborted = await solve(input, { timeLimitMs: 60_000, signal: controller.signal, seed: 1 });
    assert.equal(aborted.stoppedBy, 'aborted');
    assert.ok(performance.now() - t0 < 10_000, 'abort ends the search promptly');
    assertVerified(input, aborted);
    const timed = await solve(input, { timeLimitMs: 150, seed: 1 });
    assert.equal(timed.stoppedBy, 'time_limit');
    assertVerified(input, timed);
  });

  it('reports why a job is unassigned', async () => {
    const n = 4;
    const input: ProblemInput = {
      numLocations: n,
      durationMatrix: Array.from({ length: n * n }, (_, k) => 100 * Math.abs(Math.floor(k / n) - (k % n))),
      vehicles: [{ id: 'v', startLocation: 0, endLocation: 0, capacity: [5], skills: [1], endBy: 10_000 }],
      jobs: [
        { id: 'needs-skill', location: 1, skills: [2] },
        { id: 'too-big', location: 1, demand: [6] },
        { id: 'too-early', location: 3, timeWindow: [0, 100] },
        { id: 'not-worth', location: 3, unassignedPenalty: 1 },
        { id: 'fine', location: 2, demand: [1] },
      ],
      shipments: [{ id: 'too-long-ride', pickup: { location: 0 }, delivery: { location: 3 }, maxRideSec: 100 }],
      objective: { durationSec: 0, travelSec: 1 },
    };
    const result = await solve(input, { maxIterations: 50 });
    assertVerified(input, result);
    const reasons = Object.fromEntries(result.solution.unassigned.map((u) => [u.id, u.reason]));
    assert.deepEqual(reasons, { 'needs-skill': 'skills', 'too-big': 'capacity', 'too-early': 'time_window', 'not-worth': 'not_worth_it', 'too-long-ride': 'ride_time' });
    assert.equal(result.solution.isFeasible, true);
  });

  it('minimises vehicles first under the hierarchical objective', async () => {
    // Going 1 → 2 directly costs 300 (no shortcut through the depot): two vehicles are cheaper
    // in distance (400) than one (500), so only the fleet phase chooses one vehicle.
    const input: ProblemInput = {
      numLocations: 3,
      durationMatrix: [0, 100, 100, 100, 0, 300, 100, 300, 0],
      vehicles: [0, 1].map((i) => ({ id: `v${i}`, startLocation: 0, endLocation: 0, capacity: [5] })),
      jobs: [1, 2].map((loc) => ({ id: `j${loc}`, location: loc, demand: [1] })),
      objective: { durationSec: 0, travelSec: 1 },
    };
    const byDistance = await solve(input, { maxIterations: 100, seed: 2 });
    assert.equal(byDistance.solution.numVehiclesUsed, 2);
    assert.equal(byDistance.solution.cost.total, 400);
    const hierarchical = await solve(input, { maxIterations: 100, minimiseVehicles: true, seed: 2 });
    assertVerified(input, hierarchical);
    assert.equal(hierarchical.solution.numVehiclesUsed, 1);
    assert.equal(hierarchical.solution.cost.total, 500);
  });

  it('rejects bad options naming the field', async () => {
    await assert.rejects(solve(lineProblem(), { timeLimitMs: -5 }), (e: unknown) => e instanceof DispatchInputError && e.field === 'options.timeLimitMs');
  });
});

describe('buildProblem', () => {
  it('names the field, the rule and the value of every broken rule', () => {
    const bad: ProblemInput = {
      ...lineProblem(),
      durationMatrix: [0, 1, -3],
      jobs: [{ id: 'a', location: 9, timeWindow: [500, 100] }],
    };
    assert.throws(
      () => buildProblem(bad),
      (e: unknown) => e instanceof DispatchInputError && e.field === 'durationMatrix.length' && /must be numLocations² = 25, got 3/.test(e.message),
    );
    const bad2: ProblemInput = { ...lineProblem(), jobs: [{ id: 'a', location: 9, timeWindow: [500, 100] }, { id: 'a', location: 1 }] };
    assert.throws(
      () => buildProblem(bad2),
      (e: unknown) =>
        e instanceof DispatchInputError &&
        e.issues.some((i) => i.field === 'jobs[0].location' && /got 9/.test(i.message)) &&
        e.issues.some((i) => i.field === 'jobs[0].timeWindow' && /start <= end, got \[500, 100\]/.test(i.message)) &&
        e.issues.some((i) => i.field === 'jobs[1].id' && i.code === 'DUPLICATE_ID'),
    );
    assert.throws(
      () => buildProblem({ ...lineProblem(), vehicles: [{ id: 'v', startLocation: 0, capacity: [1], committed: ['nope'] }] }),
      (e: unknown) => e instanceof DispatchInputError && e.code === 'UNKNOWN_REFERENCE' && e.field === 'vehicles[0].committed[0]',
    );
  });

  it('packs into a buffer that round-trips through ProblemData.fromBuffer', async () => {
    const { ProblemData } = await import('@o2o/dispatch-core');
    const built = buildProblem(randomProblem({ seed: 3 }), { shared: true });
    const copy = ProblemData.fromBuffer(built.data.buffer);
    assert.deepEqual(Array.from(copy.twEnd), Array.from(built.data.twEnd));
    assert.deepEqual(Array.from(copy.durationMatrix), Array.from(built.data.durationMatrix));
    assert.equal(copy.numRequests, built.data.numRequests);
  });
});

describe('solveParallel', () => {
  it('runs in-process with one thread exactly like solve', async () => {
    const input = randomProblem({ seed: 8 });
    const a = await solveParallel(input, { threads: 1, maxIterations: 200, seed: 4 });
    const b = await solve(input, { maxIterations: 200, seed: 4 });
    assert.deepEqual(a.solution, b.solution);
  });

  it('runs independent searches on worker threads and returns the best (verified)', async () => {
    const input = randomProblem({ seed: 9, numJobs: 15, numShipments: 15, numVehicles: 4 });
    const pool = new SolverPool(2);
    try {
      const result = await pool.solve(input, { maxIterations: 300, seed: 1 });
      assertVerified(input, result);
      const single = await solve(input, { maxIterations: 300, seed: 1 });
      assert.ok(result.solution.cost.total <= single.solution.cost.total + 1e-6, 'seed 1 is one of the searches, so the best is no worse');
      assert.equal(result.iterations, 600);
    } finally {
      await pool.close();
    }
  });

  it('rejects a bad thread count', async () => {
    await assert.rejects(solveParallel(lineProblem(), { threads: 0 }), (e: unknown) => e instanceof DispatchInputError && e.field === 'options.threads');
  });
});
