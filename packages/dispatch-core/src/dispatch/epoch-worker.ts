/** Piscina worker: plans one region's epoch. */
import { setPriority } from 'node:os';
import { planEpoch, type EpochPlan } from './plan-epoch.js';
import { toEpochProblem, type EpochTask } from './epoch-task.js';

let niceness: number | undefined;

export default function planRegion(task: EpochTask): EpochPlan {
  if (task.threadNiceness !== undefined && niceness !== task.threadNiceness) {
    niceness = task.threadNiceness;
    try {
      // On Linux this sets the calling thread's nice value only (threads are tasks).
      setPriority(niceness);
    } catch {
      // Not allowed (e.g. lowering it without privileges): plan at the current priority.
    }
  }
  return planEpoch(toEpochProblem(task.problem), task.params);
}
