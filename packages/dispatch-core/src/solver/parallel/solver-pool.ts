/**
 * Parallel solving (VROOM-style portfolio): K independent searches with different seeds (and
 * parameter sets) run on a piscina pool of worker threads that share the packed problem through a
 * SharedArrayBuffer; the best solution wins and the first worker error is rethrown.
 */
import { Piscina } from 'piscina';
import { DispatchInputError } from '../../errors.js';
import { buildProblem } from '../build-problem.js';
import type { ProblemInput } from '../problem-input.js';
import { DEFAULT_SEARCH_PARAMS, type SearchParams } from '../ruin-recreate-search.js';
import { checkOptions, solveBuilt } from '../solve.js';
import type { ImprovementEvent, SolveOptions, SolveResult } from '../solve-options.js';
import { toSolutionOutput } from '../to-output.js';
import type { SolveTask, SolveTaskResult } from './messages.js';

// Compiled, dist/solver/parallel/solver-pool.js loads solve-worker.js; under tsx, the .ts source.
const EXT = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
const WORKER_URL = new URL(`./solve-worker${EXT}`, import.meta.url);

/** Options of {@link solveParallel}: solve options plus the number of searches run at once. */
export interface ParallelSolveOptions extends SolveOptions {
  /** Worker threads (independent searches). 1 runs in-process. */
  readonly threads: number;
  /** Parameter sets, used round-robin by the searches. Default: the default set for every search. */
  readonly paramSets?: readonly SearchParams[];
}

/** A reusable pool of solver threads (creating threads costs tens of ms; reuse it across solves). */
export class SolverPool {
  private readonly pool: Piscina;
  readonly threads: number;

  constructor(threads: number) {
    assertThreads(threads);
    this.threads = threads;
    this.pool = new Piscina({ filename: WORKER_URL.href, minThreads: threads, maxThreads: threads, idleTimeout: 60_000 });
  }

  /** Runs `threads` searches (seeds seed, seed+1, …) and returns the best. */
  async solve(input: ProblemInput, options: Omit<ParallelSolveOptions, 'threads'> = {}): Promise<SolveResult> {
    checkOptions(options);
    const built = buildProblem(input, { shared: true });
    const stopFlag = new SharedArrayBuffer(4);
    const stop = new Int32Array(stopFlag);
    const onAbort = () => Atomics.store(stop, 0, 1);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) onAbort();
    const paramSets = options.paramSets ?? [DEFAULT_SEARCH_PARAMS];
    const seed = options.seed ?? 1;
    const timeLimitMs = options.timeLimitMs ?? (options.maxIterations === undefined && options.targetCost === undefined ? 1_000 : undefined);
    const t0 = performance.now();
    try {
      const tasks = Array.from({ length: this.threads }, (_, k): SolveTask => ({
        problem: built.data.buffer as SharedArrayBuffer,
        stopFlag,
        seed: seed + k,
        // Leave room for collecting the results and building the output on the main thread.
        ...(timeLimitMs !== undefined ? { timeLimitMs, deadlineEpochMs: Date.now() + timeLimitMs * 0.97 } : {}),
        ...(options.maxIterations !== undefined ? { maxIterations: options.maxIterations } : {}),
        ...(options.targetCost !== undefined ? { targetCost: options.targetCost } : {}),
        ...(options.minimiseVehicles !== undefined ? { minimiseVehicles: options.minimiseVehicles } : {}),
        params: paramSets[k % paramSets.length]!,
      }));
      // When one search reaches the target, the others stop too.
      const results = await Promise.all(
        tasks.map(async (task) => {
          const r = (await this.pool.run(task)) as SolveTaskResult;
          if (r.stoppedBy === 'target_cost') onAbort();
          return r;
        }),
      );
      let best = results[0]!;
      for (const r of results) if (r.cost < best.cost - 1e-9) best = r;
      const history: ImprovementEvent[] = best.history;
      for (const event of history) options.onImprovement?.(event);
      return {
        solution: toSolutionOutput(built, { routes: best.routes, unassigned: best.unassigned }),
        iterations: results.reduce((s, r) => s + r.iterations, 0),
        timeMs: performance.now() - t0,
        stoppedBy: options.signal?.aborted ? 'aborted' : best.stoppedBy,
        history,
      };
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Stops the threads. */
  async close(): Promise<void> {
    await this.pool.destroy();
  }
}

/**
 * Solves with `threads` independent searches and returns the best solution. `threads: 1` runs
 * in-process (no worker), exactly like `solve`.
 */
export async function solveParallel(input: ProblemInput, options: ParallelSolveOptions): Promise<SolveResult> {
  assertThreads(options.threads);
  if (options.threads === 1) {
    const built = buildProblem(input);
    return solveBuilt(built, options, options.paramSets?.[0] ?? DEFAULT_SEARCH_PARAMS);
  }
  const pool = new SolverPool(options.threads);
  try {
    return await pool.solve(input, options);
  } finally {
    await pool.close();
  }
}

function assertThreads(threads: number): void {
  if (!Number.isInteger(threads) || threads < 1 || threads > 256) {
    throw new DispatchInputError('INVALID_INPUT', 'options.threads', 'must be an integer in [1, 256]', threads);
  }
}
