/**
 * `solve`: validates the problem, builds a first solution and improves it by ruin and recreate
 * until a limit is reached; always returns the best solution found. Runs in the calling thread
 * and yields to the event loop every few milliseconds so an AbortSignal can stop it.
 */
import { DispatchInputError } from '../errors.js';
import { buildProblem, type BuiltProblem } from './build-problem.js';
import type { ProblemData } from './problem-data.js';
import type { ProblemInput } from './problem-input.js';
import { DEFAULT_SEARCH_PARAMS, RuinRecreateSearch, type SearchParams } from './ruin-recreate-search.js';
import type { ImprovementEvent, SolveOptions, SolveResult, StopReason } from './solve-options.js';
import type { SolutionSnapshot } from './solution-state.js';
import { toSolutionOutput } from './to-output.js';

const DEFAULT_TIME_LIMIT_MS = 1_000;
const YIELD_EVERY_MS = 20;
/** Ruin and recreate stops at this share of a time limit; the rest is left for the final local-search polish. */
const SEARCH_SHARE_OF_TIME = 0.95;

/** Solves a problem given as {@link ProblemInput}. @throws {DispatchInputError} on bad input or options. */
export async function solve(input: ProblemInput, options: SolveOptions = {}): Promise<SolveResult> {
  return solveBuilt(buildProblem(input), options);
}

/** What a search run returns before ids are attached (also what a worker sends back). */
export interface SearchOutcome {
  readonly best: SolutionSnapshot;
  readonly iterations: number;
  readonly timeMs: number;
  readonly stoppedBy: StopReason;
  readonly history: readonly ImprovementEvent[];
}

/** Solves an already built problem (the parallel layer's entry point). */
export async function solveBuilt(built: BuiltProblem, options: SolveOptions = {}, params: SearchParams = DEFAULT_SEARCH_PARAMS): Promise<SolveResult> {
  const outcome = await runSearch(built.data, options, params);
  return { solution: toSolutionOutput(built, outcome.best), iterations: outcome.iterations, timeMs: outcome.timeMs, stoppedBy: outcome.stoppedBy, history: outcome.history };
}

/**
 * Runs the search on packed problem data and returns the best snapshot with its statistics.
 * `shouldStop` is polled like the AbortSignal (the parallel layer passes a shared flag).
 */
export async function runSearch(data: ProblemData, options: SolveOptions, params: SearchParams, shouldStop?: () => boolean): Promise<SearchOutcome> {
  checkOptions(options);
  const t0 = performance.now();
  const maxIterations = options.maxIterations ?? Infinity;
  const timeLimitMs = options.timeLimitMs ?? (options.maxIterations === undefined && options.targetCost === undefined ? DEFAULT_TIME_LIMIT_MS : Infinity);
  const search = new RuinRecreateSearch(data, options.seed ?? 1, params);
  const history: ImprovementEvent[] = [];
  const record = () => {
    const event: ImprovementEvent = {
      timeMs: performance.now() - t0,
      iteration: search.iterations,
      cost: search.bestCost,
      numVehicles: search.bestNumVehicles,
      numUnassigned: search.best.unassigned.length,
    };
    history.push(event);
    options.onImprovement?.(event);
  };
  record();
  // A complete solution with fewer vehicles found during fleet minimisation (not yet the best by cost).
  const recordFleet = () => {
    const event: ImprovementEvent = {
      timeMs: performance.now() - t0,
      iteration: search.iterations,
      cost: search.fleetBest.cost,
      numVehicles: search.fleetBest.numVehicles,
      numUnassigned: 0,
    };
    history.push(event);
    options.onImprovement?.(event);
  };

  // The temperature follows iterations when they bound the run (deterministic), else time.
  const byIterations = Number.isFinite(maxIterations);
  const fleetShare = options.minimiseVehicles === true ? params.fleetMinimisationShare : 0;
  let inFleetPhase = fleetShare > 0;
  if (inFleetPhase) search.startFleetMinimisation();
  let stoppedBy: StopReason | undefined;
  let lastYield = performance.now();
  for (;;) {
    const elapsed = performance.now() - t0;
    if (options.targetCost !== undefined && search.bestCost <= options.targetCost) stoppedBy = 'target_cost';
    else if (options.signal?.aborted || shouldStop?.()) stoppedBy = 'aborted';
    else if (search.iterations >= maxIterations) stoppedBy = 'max_iterations';
    else if (elapsed >= timeLimitMs * SEARCH_SHARE_OF_TIME) stoppedBy = 'time_limit';
    if (stoppedBy) {
      if (inFleetPhase && search.endFleetMinimisation()) record();
      break;
    }
    if (data.numRequests === 0) {
      stoppedBy = 'max_iterations';
      break;
    }
    const fraction = byIterations ? search.iterations / maxIterations : elapsed / (timeLimitMs * SEARCH_SHARE_OF_TIME);
    if (inFleetPhase) {
      // Hierarchical objective: the first share of the budget removes vehicles, the rest cuts cost.
      if (fraction < fleetShare) {
        if (search.fleetStep()) recordFleet();
      } else {
        inFleetPhase = false;
        if (search.endFleetMinimisation()) record();
      }
    } else if (search.step(search.temperatureAt(fleetShare >= 1 ? 1 : (fraction - fleetShare) / (1 - fleetShare)))) record();
    if (performance.now() - lastYield > YIELD_EVERY_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      lastYield = performance.now();
    }
  }
  if (stoppedBy !== 'aborted' && search.polishBest(options.seed ?? 1)) record();
  return { best: search.best, iterations: search.iterations, timeMs: performance.now() - t0, stoppedBy, history };
}

/** Validates solve options (shared with the parallel layer). */
export function checkOptions(o: SolveOptions): void {
  const positive = (field: string, x: number | undefined) => {
    if (x !== undefined && !(typeof x === 'number' && x > 0 && !Number.isNaN(x))) throw new DispatchInputError('INVALID_INPUT', `options.${field}`, 'must be a positive number', x);
  };
  positive('timeLimitMs', o.timeLimitMs);
  positive('maxIterations', o.maxIterations);
  if (o.seed !== undefined && !Number.isInteger(o.seed)) throw new DispatchInputError('INVALID_INPUT', 'options.seed', 'must be an integer', o.seed);
  if (o.targetCost !== undefined && typeof o.targetCost !== 'number') throw new DispatchInputError('INVALID_INPUT', 'options.targetCost', 'must be a number', o.targetCost);
}
