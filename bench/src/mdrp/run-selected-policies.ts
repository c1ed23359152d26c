/**
 * The policy runs of `mdrp` and `rappi`: every selected policy on the same instance, in order,
 * with the itinerary log of the first written (`--log`, one policy only) and the click-to-door
 * minutes of each kept for the chart (`--svg`).
 */
import type { SimInstance } from '@o2o/dispatch-core';
import type { PolicyClickToDoor } from '../charts/click-to-door-chart.js';
import type { PolicySelection } from './mdrp-args.js';
import { createPolicy } from './policies.js';
import { runSim, type RunSimOptions, type SimRun } from './run-sim.js';
import { writeLogFile } from './write-log-file.js';

/** The runs in policy order, and each policy's click-to-door minutes. */
export function runSelectedPolicies(instance: SimInstance, args: PolicySelection & { readonly logFile?: string }, options: RunSimOptions): { readonly runs: SimRun[]; readonly clickToDoor: PolicyClickToDoor[] } {
  const sims = args.policies.map((name) => runSim(instance, createPolicy(name), options));
  if (args.logFile !== undefined) writeLogFile(args.logFile, sims[0]!.log);
  return { runs: sims.map((s) => s.run), clickToDoor: sims.map((s) => ({ policy: s.run.policy, clickToDoorMin: s.clickToDoorMin })) };
}
