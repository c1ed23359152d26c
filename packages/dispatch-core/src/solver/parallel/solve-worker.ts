/**
 * Worker entry (piscina): maps the shared problem buffer, runs one search with the task's seed
 * and parameters, and returns its best solution.
 */
import { ProblemData } from '../problem-data.js';
import { runSearch } from '../solve.js';
import type { SolveTask, SolveTaskResult } from './messages.js';

export default async function solveTask(task: SolveTask): Promise<SolveTaskResult> {
  const data = ProblemData.fromBuffer(task.problem);
  const stop = new Int32Array(task.stopFlag);
  const outcome = await runSearch(
    data,
    {
      seed: task.seed,
      ...(task.timeLimitMs !== undefined ? { timeLimitMs: remainingMs(task) } : {}),
      ...(task.maxIterations !== undefined ? { maxIterations: task.maxIterations } : {}),
      ...(task.targetCost !== undefined ? { targetCost: task.targetCost } : {}),
      ...(task.minimiseVehicles !== undefined ? { minimiseVehicles: task.minimiseVehicles } : {}),
    },
    task.params,
    () => Atomics.load(stop, 0) === 1,
  );
  const last = outcome.history[outcome.history.length - 1]!;
  return {
    routes: outcome.best.routes.map((r) => Int32Array.from(r)),
    unassigned: outcome.best.unassigned.slice(),
    cost: last.cost,
    iterations: outcome.iterations,
    timeMs: outcome.timeMs,
    stoppedBy: outcome.stoppedBy,
    history: outcome.history.map((e) => ({ ...e })),
  };
}

/** The time left until the main thread's deadline (at least 1 ms), else the task's limit. */
function remainingMs(task: SolveTask): number {
  if (task.deadlineEpochMs === undefined) return task.timeLimitMs!;
  return Math.max(1, Math.min(task.timeLimitMs!, task.deadlineEpochMs - Date.now()));
}
