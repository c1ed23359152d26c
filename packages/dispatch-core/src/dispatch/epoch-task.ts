/**
 * An epoch problem as plain data (orders, riders, a {@link PlanarTravelModel}): what the region
 * workers receive and what the partitioner cuts.
 */
import type { EpochOrder, EpochProblem, EpochRider } from './epoch-problem.js';
import type { EpochParams } from './epoch-params.js';
import { planarTravelSec, type PlanarTravelModel } from './planar-travel.js';

export interface EpochTaskProblem extends Omit<EpochProblem, 'travelSec'> {
  readonly travel: PlanarTravelModel;
}

/** What one worker plans: one region's problem. */
export interface EpochTask {
  readonly problem: EpochTaskProblem;
  readonly params: Partial<EpochParams>;
  /** Nice value the worker thread sets for itself before its first plan (see {@link EpochPoolOptions.threadNiceness}). */
  readonly threadNiceness?: number;
}

/** The in-process problem of a task (its travel function built from the model). */
export function toEpochProblem(task: EpochTaskProblem): EpochProblem {
  return { ...task, travelSec: planarTravelSec(task.travel) };
}

/** A region's share of a problem: the given orders and riders (by index). */
export function subProblem(problem: EpochTaskProblem, orderIdx: readonly number[], riderIdx: readonly number[]): EpochTaskProblem {
  const orders: EpochOrder[] = orderIdx.map((i) => problem.orders[i]!);
  const riders: EpochRider[] = riderIdx.map((i) => problem.riders[i]!);
  return { ...problem, orders, riders };
}
