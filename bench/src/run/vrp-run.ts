/** The JSON record of a folder run (`o2o-bench vrp --json` / `--out`), e.g. for bench/baselines/. */
import type { VrpArgs } from '../args/vrp-args.js';
import { summarizeByClass, type ClassSummary } from '../report/summarize-by-class.js';
import type { RunEnvironment } from '../report/run-environment.js';
import type { InstanceResult } from './instance-result.js';

export interface VrpRun {
  readonly command: 'vrp';
  readonly folder: string;
  /** ISO time the run started. */
  readonly startedAt: string;
  readonly settings: {
    readonly format: string;
    readonly objective: string;
    readonly timeLimitMs: number;
    readonly maxIterations?: number;
    readonly seed: number;
    readonly threads: number;
    readonly instances?: string;
  };
  readonly environment: RunEnvironment;
  readonly classes: readonly ClassSummary[];
  /** Instance whose result carries a `curve`. */
  readonly curveInstance?: string;
  readonly instances: readonly InstanceResult[];
}

export function buildVrpRun(args: VrpArgs, folder: string, startedAt: Date, environment: RunEnvironment, results: readonly InstanceResult[], curveInstance?: string): VrpRun {
  return {
    command: 'vrp',
    folder,
    startedAt: startedAt.toISOString(),
    settings: {
      format: args.format,
      objective: args.objective,
      timeLimitMs: args.timeLimitMs,
      ...(args.maxIterations === undefined ? {} : { maxIterations: args.maxIterations }),
      seed: args.seed,
      threads: args.threads,
      ...(args.instanceFilter === undefined ? {} : { instances: args.instanceFilter }),
    },
    environment,
    classes: summarizeByClass(results),
    ...(curveInstance === undefined ? {} : { curveInstance }),
    instances: results,
  };
}
