import type { SolveResult } from '@o2o/dispatch-core';
import type { RunSettings } from '../args/solve-args.js';
import { instanceClassOf } from '../instances/instance-class.js';
import type { VrpInstance } from '../instances/vrp-instance.js';
import type { ScaledProblem } from '../problem/to-problem-input.js';
import type { ScaledInstance } from '../problem/scale-instance.js';
import { curveFromHistory } from './curve-from-history.js';
import { evaluateRoutes } from './evaluate-routes.js';
import type { InstanceResult } from './instance-result.js';
import { routesFromSolution } from './routes-from-solution.js';

export interface SolvedInstance {
  readonly instance: VrpInstance;
  readonly scaled: ScaledInstance;
  readonly built: ScaledProblem;
  readonly settings: RunSettings;
  readonly result: SolveResult;
  /** What `verifySolution` returned. */
  readonly solverViolations: readonly string[];
  readonly wallMs: number;
  /** Keep the time-to-quality curve. */
  readonly withCurve: boolean;
}

/** Reads routes off a solve, recomputes the distance and checks feasibility in doubles. */
export function toInstanceResult(solved: SolvedInstance): InstanceResult {
  const { instance, settings, result } = solved;
  const { solution } = result;
  const routes = routesFromSolution(solution);
  const evaluation = evaluateRoutes(instance, routes);
  const unassigned = solution.unassigned.map((job) => job.id);
  return {
    instance: instance.name,
    objective: settings.objective,
    vehicles: evaluation.vehicles,
    distance: evaluation.distance,
    timeMs: result.timeMs,
    feasible: evaluation.violations.length === 0 && solved.solverViolations.length === 0 && unassigned.length === 0 && solution.isFeasible,
    class: instanceClassOf(instance.name) ?? null,
    format: instance.format,
    violations: evaluation.violations,
    solverViolations: [...solved.solverViolations],
    solverIsFeasible: solution.isFeasible,
    unassigned,
    iterations: result.iterations,
    stoppedBy: result.stoppedBy,
    seed: settings.seed,
    timeLimitMs: settings.timeLimitMs,
    ...(settings.maxIterations === undefined ? {} : { maxIterations: settings.maxIterations }),
    threads: settings.threads,
    wallMs: solved.wallMs,
    scaleFactor: solved.scaled.factor,
    scaledCost: solution.cost.total,
    ...(solved.withCurve ? { curve: curveFromHistory(result.history, solved.scaled.factor, solved.built.vehicleFixedCost) } : {}),
    routes,
  };
}
