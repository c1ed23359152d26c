/**
 * `o2o-bench rappi <city-day dir|id> [--policy NAME | --compare] [--full-shifts] [--json]
 * [--log FILE] [--svg DIR]`: the MDRP KPIs of a dispatch policy (or of greedy and ours on the same
 * orders, `--compare`) on one Rappi city-day (see `mdrp/read-rappi-instance.ts` for the travel
 * model and the rules assumed). The log is in seconds. `--svg DIR` writes the click-to-door
 * histogram (`rappi-<city-day>-click-to-door.svg`). Exits with status 1 when the checker finds
 * any violation.
 */
import { writeClickToDoorChart } from '../charts/click-to-door-chart.js';
import { parseRappiArgs } from '../mdrp/mdrp-args.js';
import { resolveRappiDir } from '../mdrp/mdrp-paths.js';
import { readRappiInstance } from '../mdrp/read-rappi-instance.js';
import { runSelectedPolicies } from '../mdrp/run-selected-policies.js';
import { formatPolicyRuns } from '../mdrp/sim-report.js';
import { runEnvironment } from '../report/run-environment.js';

export async function runRappiCommand(argv: readonly string[]): Promise<void> {
  const args = parseRappiArgs(argv);
  const instance = readRappiInstance(resolveRappiDir(args.dir), { trimShifts: args.trimShifts });
  const shifts = args.trimShifts ? 'shifts trimmed to the order period' : 'full shifts';
  const { runs, clickToDoor } = runSelectedPolicies(instance, args, { timeUnitSec: 1 });
  const environment = runEnvironment();
  const json = args.compare ? { instance: instance.name, policies: args.policies, runs, trimShifts: args.trimShifts, environment } : { ...runs[0]!, trimShifts: args.trimShifts, environment };
  console.log(args.json ? JSON.stringify(json) : `${formatPolicyRuns(runs)}\n  (${instance.stores.length} stores from pickup coordinates; ${shifts})`);
  if (args.svgDir !== undefined) console.error(`chart: ${writeClickToDoorChart(args.svgDir, ['rappi', instance.name], `Rappi ${instance.name} (${shifts})`, clickToDoor)}`);
  if (runs.some((r) => r.numViolations > 0)) process.exitCode = 1;
}
