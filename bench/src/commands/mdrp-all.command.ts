/**
 * `o2o-bench mdrp-all <folder|mdrp> [--policy NAME | --compare] [--instances LIST] [--json] [--svg DIR]`:
 * every MDRP instance of a folder, one after the other (progress on stderr), then a per-instance
 * table and a summary across instances. `--compare` runs greedy and ours on each instance in the
 * same run and prints, per instance and overall, delivered orders, click-to-door above the floor,
 * orders over the maximum click-to-door and pay per order for both. `--svg DIR` writes the
 * click-to-door histogram of every delivered order of every instance, per policy
 * (`mdrp-all-click-to-door.svg`). Exits with status 1 when the checker finds any violation.
 */
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import { MDRP_TIME_UNIT_SEC } from '@o2o/dispatch-core';
import { BenchArgError } from '../args/bench-arg-error.js';
import { writeClickToDoorChart } from '../charts/click-to-door-chart.js';
import { matchesAnyPattern } from '../instances/name-patterns.js';
import { formatFixed } from '../report/format-table.js';
import { runEnvironment } from '../report/run-environment.js';
import { parseMdrpAllArgs } from '../mdrp/mdrp-args.js';
import { readMdrpFloors } from '../mdrp/mdrp-floors.js';
import { listMdrpInstanceDirs, resolveMdrpFolder } from '../mdrp/mdrp-paths.js';
import { createPolicy } from '../mdrp/policies.js';
import { readMdrpInstance } from '../mdrp/read-mdrp-instance.js';
import { runSim, type SimRun } from '../mdrp/run-sim.js';
import { summarizeSimRuns } from '../mdrp/sim-run-summary.js';
import { formatCompareTable, formatSimRunTable, formatSimSummary, type ComparedInstance } from '../mdrp/sim-report.js';

export async function runMdrpAllCommand(argv: readonly string[]): Promise<void> {
  const args = parseMdrpAllArgs(argv);
  const folder = resolveMdrpFolder(args.folder);
  const patterns = args.instancePatterns;
  const dirs = listMdrpInstanceDirs(folder).filter((dir) => patterns === undefined || matchesAnyPattern(basename(dir), patterns));
  if (dirs.length === 0) throw new BenchArgError(`no MDRP instance folder in ${JSON.stringify(folder)}${args.instanceFilter === undefined ? '' : ` matches --instances ${JSON.stringify(args.instanceFilter)}`}`);
  const floors = readMdrpFloors(folder);
  const started = performance.now();
  const rows: ComparedInstance[] = [];
  const clickToDoorMin = args.policies.map(() => [] as number[]);
  for (const dir of dirs) {
    const instance = readMdrpInstance(dir);
    const floorMin = floors.get(instance.name);
    const sims = args.policies.map((name) => runSim(instance, createPolicy(name), { timeUnitSec: MDRP_TIME_UNIT_SEC, ...(floorMin === undefined ? {} : { floorMin }) }));
    if (args.svgDir !== undefined) sims.forEach((s, p) => s.clickToDoorMin.forEach((m) => clickToDoorMin[p]!.push(m)));
    const runs = sims.map((s) => s.run);
    rows.push({ instance: instance.name, runs });
    console.error(progressLine(rows.length, dirs.length, runs));
  }
  const wallSec = (performance.now() - started) / 1000;
  const byPolicy = args.policies.map((_, p) => rows.map((row) => row.runs[p]!));
  const summaries = args.policies.map((policy, p) => summarizeSimRuns(policy, byPolicy[p]!));
  if (args.json) {
    console.log(JSON.stringify({ folder, policies: args.policies, environment: runEnvironment(), wallSec, summaries, instances: rows }));
  } else {
    const tables = args.compare ? [formatCompareTable(args.policies, rows, summaries)] : byPolicy.map((runs) => formatSimRunTable(runs));
    console.log([`${folder}: ${rows.length} instances, policies ${args.policies.join(', ')}, node ${process.version}`, ...tables, ...summaries.map(formatSimSummary), `wall time ${formatFixed(wallSec, 1)} s (read, simulate, check)`].join('\n\n'));
  }
  if (summaries.some((s) => s.numViolations > 0)) process.exitCode = 1;
  if (args.svgDir !== undefined) {
    const subject = `${rows.length} MDRP instance${rows.length === 1 ? '' : 's'}, all orders`;
    console.error(`chart: ${writeClickToDoorChart(args.svgDir, ['mdrp-all'], subject, args.policies.map((policy, p) => ({ policy, clickToDoorMin: clickToDoorMin[p]! })))}`);
  }
}

function progressLine(done: number, total: number, runs: readonly SimRun[]): string {
  const width = String(total).length;
  const parts = runs.map((r) => `${r.policy} deliv ${r.kpis.numDelivered}/${r.kpis.numOrders} c2d ${formatFixed(r.kpis.clickToDoorMeanMin, 2)} viol ${r.numViolations} ${formatFixed(r.simulateMs, 0)} ms`);
  return `[${String(done).padStart(width)}/${total}] ${runs[0]?.instance ?? ''}  ${parts.join('  |  ')}`;
}
