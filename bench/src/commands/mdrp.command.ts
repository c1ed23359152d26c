/**
 * `o2o-bench mdrp <instance-dir|name> [--policy NAME] [--json] [--log FILE]`: one MDRP instance
 * under a dispatch policy. Prints the KPIs, the click-to-door floor (instance_summary.csv) and the
 * itinerary checker's violations; exits with status 1 when there is any.
 */
import { dirname, resolve } from 'node:path';
import { MDRP_TIME_UNIT_SEC } from '@o2o/dispatch-core';
import { runEnvironment } from '../report/run-environment.js';
import { parseMdrpArgs } from '../mdrp/mdrp-args.js';
import { readMdrpFloors } from '../mdrp/mdrp-floors.js';
import { resolveMdrpInstanceDir } from '../mdrp/mdrp-paths.js';
import { createPolicy } from '../mdrp/policies.js';
import { readMdrpInstance } from '../mdrp/read-mdrp-instance.js';
import { runSim } from '../mdrp/run-sim.js';
import { formatSimRun } from '../mdrp/sim-report.js';
import { writeLogFile } from '../mdrp/write-log-file.js';

export async function runMdrpCommand(argv: readonly string[]): Promise<void> {
  const args = parseMdrpArgs(argv);
  const dir = resolveMdrpInstanceDir(args.instance);
  const instance = readMdrpInstance(dir);
  const floorMin = readMdrpFloors(dirname(resolve(dir))).get(instance.name);
  const { run, log } = runSim(instance, createPolicy(args.policy), { timeUnitSec: MDRP_TIME_UNIT_SEC, ...(floorMin === undefined ? {} : { floorMin }) });
  if (args.logFile !== undefined) writeLogFile(args.logFile, log);
  console.log(args.json ? JSON.stringify({ ...run, environment: runEnvironment() }) : formatSimRun(run));
  if (run.numViolations > 0) process.exitCode = 1;
}
