/**
 * `o2o-bench rappi <city-day dir|id> [--policy NAME] [--full-shifts] [--json] [--log FILE]`: the
 * MDRP KPIs of a dispatch policy on one Rappi city-day (see `mdrp/read-rappi-instance.ts` for the
 * travel model and the rules assumed). The log is in seconds. Exits with status 1 when the
 * checker finds any violation.
 */
import { parseRappiArgs } from '../mdrp/mdrp-args.js';
import { resolveRappiDir } from '../mdrp/mdrp-paths.js';
import { createPolicy } from '../mdrp/policies.js';
import { readRappiInstance } from '../mdrp/read-rappi-instance.js';
import { runSim } from '../mdrp/run-sim.js';
import { formatSimRun } from '../mdrp/sim-report.js';
import { writeLogFile } from '../mdrp/write-log-file.js';
import { runEnvironment } from '../report/run-environment.js';

export async function runRappiCommand(argv: readonly string[]): Promise<void> {
  const args = parseRappiArgs(argv);
  const instance = readRappiInstance(resolveRappiDir(args.dir), { trimShifts: args.trimShifts });
  const { run, log } = runSim(instance, createPolicy(args.policy), { timeUnitSec: 1 });
  if (args.logFile !== undefined) writeLogFile(args.logFile, log);
  const shifts = args.trimShifts ? 'shifts trimmed to the order period' : 'full shifts';
  console.log(args.json ? JSON.stringify({ ...run, trimShifts: args.trimShifts, environment: runEnvironment() }) : `${formatSimRun(run)}\n  (${instance.stores.length} stores from pickup coordinates; ${shifts})`);
  if (run.numViolations > 0) process.exitCode = 1;
}
