/** Piscina worker: plans one region's epoch. */
import { planEpoch, type EpochPlan } from './plan-epoch.js';
import { toEpochProblem, type EpochTask } from './epoch-task.js';

export default function planRegion(task: EpochTask): EpochPlan {
  return planEpoch(toEpochProblem(task.problem), task.params);
}
