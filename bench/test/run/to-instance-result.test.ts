import assert from 'node:assert/strict';
import type { Route, RouteStop, SolveResult, SolutionOutput } from '@o2o/dispatch-core';
import { curveFromHistory, routesFromSolution, scaleInstance, toInstanceResult, toProblemInput, type RunSettings } from '@o2o/bench';
import { tinySolomon } from '../fixtures/parsed-tiny.js';

const SETTINGS: RunSettings = { format: 'auto', objective: 'distance', timeLimitMs: 1000, seed: 7, threads: 1, json: false };

/** A route as the solver would return it; only kind, id and location matter here. */
function route(vehicleId: string, locations: number[]): Route {
  const stop = (kind: RouteStop['kind'], id: string, location: number): RouteStop => ({
    kind, id, location, arrivalAt: 0, startAt: 0, departureAt: 0, waitSec: 0, latenessSec: 0, load: [0], ordersOnBoard: 0, isLocked: false,
  });
  const stops = [stop('start', vehicleId, 0), ...locations.map((loc) => stop('job', String(loc), loc)), stop('end', vehicleId, 0)];
  return { vehicleId, stops, durationSec: 0, travelSec: 0, distanceM: 0, waitSec: 0, latenessSec: 0, cost: 0 };
}

function solution(routes: Route[], unassigned: SolutionOutput['unassigned'] = []): SolutionOutput {
  const cost = { total: 1_178_339, duration: 0, travel: 1_178_339, distance: 0, lateness: 0, fixed: 0, unassigned: 0 };
  return { routes, unassigned, cost, numVehiclesUsed: routes.length, isFeasible: true };
}

function solved(sol: SolutionOutput, solverViolations: string[] = [], withCurve = false) {
  const instance = tinySolomon();
  const scaled = scaleInstance(instance);
  const result: SolveResult = {
    solution: sol,
    iterations: 42,
    timeMs: 12.5,
    stoppedBy: 'max_iterations',
    history: [{ timeMs: 1, iteration: 0, cost: 1_300_000, numVehicles: 2, numUnassigned: 0 }],
  };
  return toInstanceResult({ instance, scaled, built: toProblemInput(instance, scaled, 'distance'), settings: SETTINGS, result, solverViolations, wallMs: 20, withCurve });
}

describe('routesFromSolution', () => {
  it('lists node ids in visit order, without the depot or unused vehicles', () => {
    assert.deepEqual(routesFromSolution(solution([route('v1', [3]), route('v2', []), route('v3', [1, 2])])), [[3], [1, 2]]);
  });
});

describe('toInstanceResult', () => {
  it('reports vehicles, the distance recomputed in doubles, and feasibility', () => {
    const result = solved(solution([route('v1', [1, 2]), route('v2', [3])]));
    assert.deepEqual([result.instance, result.objective, result.vehicles, result.timeMs, result.feasible], ['tiny-solomon-3', 'distance', 2, 12.5, true]);
    assert.equal(result.distance, Math.sqrt(170) + Math.sqrt(674) + Math.sqrt(1508) + 40);
    assert.deepEqual(result.routes, [[1, 2], [3]]);
    assert.deepEqual([result.iterations, result.stoppedBy, result.seed, result.scaleFactor, result.scaledCost], [42, 'max_iterations', 7, 10_000, 1_178_339]);
    assert.equal(result.curve, undefined);
  });

  it('is infeasible when the double-precision check, verifySolution or an unassigned job says so', () => {
    const late = solved(solution([route('v1', [2, 1]), route('v2', [3])]));
    assert.equal(late.feasible, false);
    assert.equal(late.violations.length, 1);
    const flagged = solved(solution([route('v1', [1, 2]), route('v2', [3])]), ['route v1: something']);
    assert.deepEqual([flagged.feasible, flagged.solverViolations], [false, ['route v1: something']]);
    const missing = solved(solution([route('v1', [1, 2])], [{ id: '3', kind: 'job', reason: 'no_room' }]));
    assert.deepEqual([missing.feasible, missing.unassigned], [false, ['3']]);
  });

  it('keeps the time-to-quality curve when asked', () => {
    const result = solved(solution([route('v1', [1, 2]), route('v2', [3])]), [], true);
    assert.deepEqual(result.curve, [{ timeMs: 1, iteration: 0, vehicles: 2, unassigned: 0, cost: 1_300_000, distance: 130 }]);
  });
});

describe('curveFromHistory', () => {
  it('takes the fixed costs out of the objective and unscales it; no distance while jobs are unassigned', () => {
    const history = [
      { timeMs: 1, iteration: 0, cost: 9e9, numVehicles: 3, numUnassigned: 1 },
      { timeMs: 5, iteration: 10, cost: 2 * 1_000_000 + 1_234_500, numVehicles: 2, numUnassigned: 0 },
    ];
    assert.deepEqual(curveFromHistory(history, 10_000, 1_000_000).map((p) => p.distance), [null, 123.45]);
  });
});
