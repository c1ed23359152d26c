import { arch, availableParallelism, cpus, platform, totalmem } from 'node:os';

/** Where a run happened, recorded with every JSON result (results mean little without it). */
export interface RunEnvironment {
  readonly node: string;
  readonly platform: string;
  readonly arch: string;
  readonly cpuModel: string;
  readonly numCpus: number;
  readonly totalMemoryMb: number;
}

export function runEnvironment(): RunEnvironment {
  return {
    node: process.version,
    platform: platform(),
    arch: arch(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    numCpus: availableParallelism(),
    totalMemoryMb: Math.round(totalmem() / 2 ** 20),
  };
}
