/**
 * `o2o-bench mdrp <instance-dir|name> [--policy NAME | --compare] [--json] [--log FILE] [--svg DIR]`:
 * one MDRP instance under a dispatch policy, or under greedy and ours on the same orders with
 * `--compare`. Prints the KPIs, the click-to-door floor (instance_summary.csv) and the itinerary
 * checker's violations; exits with status 1 when there is any. `--svg DIR` writes the
 * click-to-door histogram (`mdrp-<instance>-click-to-door.svg`).
 */
import { dirname, resolve } from 'node:path';
import { MDRP_TIME_UNIT_SEC } from '@o2o/dispatch-core';
import { writeClickToDoorChart } from '../charts/click-to-door-chart.js';
import { runEnvironment } from '../report/run-environment.js';
import { parseMdrpArgs } from '../mdrp/mdrp-args.js';
import { readMdrpFloors } from '../mdrp/mdrp-floors.js';
import { resolveMdrpInstanceDir } from '../mdrp/mdrp-paths.js';
import { readMdrpInstance } from '../mdrp/read-mdrp-instance.js';
import { runSelectedPolicies } from '../mdrp/run-selected-policies.js';
import { formatPolicyRuns } from '../mdrp/sim-report.js';

export async function runMdrpCommand(argv: readonly string[]): Promise<void> {
  const args = parseMdrpArgs(argv);
  const dir = resolveMdrpInstanceDir(args.instance);
  const instance = readMdrpInstance(dir);
  const floorMin = readMdrpFloors(dirname(resolve(dir))).get(instance.name);
  const options = { timeUnitSec: MDRP_TIME_UNIT_SEC, ...(floorMin === undefined ? {} : { floorMin }) };
  const { runs, clickToDoor } = runSelectedPolicies(instance, args, options);
  const json = args.compare ? { instance: instance.name, policies: args.policies, runs, environment: runEnvironment() } : { ...runs[0]!, environment: runEnvironment() };
  console.log(args.json ? JSON.stringify(json) : formatPolicyRuns(runs));
  if (args.svgDir !== undefined) console.error(`chart: ${writeClickToDoorChart(args.svgDir, ['mdrp', instance.name], `MDRP ${instance.name}`, clickToDoor)}`);
  if (runs.some((r) => r.numViolations > 0)) process.exitCode = 1;
}
