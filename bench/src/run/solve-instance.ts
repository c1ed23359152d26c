/** Solves one benchmark instance with the route solver and reports it on the instance's own numbers. */
import { DEFAULT_SEARCH_PARAMS, solveParallel, verifySolution, type SearchParams, type SolveOptions } from '@o2o/dispatch-core';
import type { RunSettings } from '../args/solve-args.js';
import type { VrpInstance } from '../instances/vrp-instance.js';
import { scaleInstance } from '../problem/scale-instance.js';
import { toProblemInput } from '../problem/to-problem-input.js';
import type { InstanceResult } from './instance-result.js';
import { toInstanceResult } from './to-instance-result.js';

export async function solveInstance(instance: VrpInstance, settings: RunSettings, withCurve: boolean): Promise<InstanceResult> {
  const startMs = performance.now();
  const scaled = scaleInstance(instance);
  const built = toProblemInput(instance, scaled, settings.objective);
  const options: SolveOptions = {
    timeLimitMs: settings.timeLimitMs,
    seed: settings.seed,
    minimiseVehicles: settings.objective === 'hierarchical',
    ...(settings.maxIterations === undefined ? {} : { maxIterations: settings.maxIterations }),
  };
  // threads: 1 runs in-process, exactly like solve(); --params overrides the search parameters.
  const params = { ...DEFAULT_SEARCH_PARAMS, ...settings.params } as SearchParams;
  const result = await solveParallel(built.input, { ...options, threads: settings.threads, paramSets: [params] });
  const solverViolations = verifySolution(built.input, result.solution);
  return toInstanceResult({ instance, scaled, built, settings, result, solverViolations, wallMs: performance.now() - startMs, withCurve });
}
