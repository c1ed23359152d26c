/**
 * `o2o-bench vrp <folder> [--instances LIST] [--curve NAME] [--out FILE] [solve options]`:
 * every instance of a folder, one after the other; progress on stderr, tables (or `--json`) on
 * stdout.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseVrpArgs } from '../args/vrp-args.js';
import { readBksTables } from '../bks/read-bks-tables.js';
import { resolveBenchmarkFolder } from '../instances/benchmark-paths.js';
import { listInstanceFiles } from '../instances/list-instance-files.js';
import { instanceNameOf, readInstance } from '../instances/read-instance.js';
import { selectInstances } from '../instances/select-instances.js';
import { formatClassTable } from '../report/class-table.js';
import { attachBks, primaryBks } from '../report/compare-to-bks.js';
import { formatCurveTable } from '../report/curve-table.js';
import { formatInstanceTable } from '../report/instance-table.js';
import { formatProgressLine } from '../report/progress-line.js';
import { runEnvironment } from '../report/run-environment.js';
import type { InstanceResult } from '../run/instance-result.js';
import { solveInstance } from '../run/solve-instance.js';
import { buildVrpRun, type VrpRun } from '../run/vrp-run.js';

export async function runVrpCommand(argv: readonly string[]): Promise<void> {
  const args = parseVrpArgs(argv);
  const folder = resolveBenchmarkFolder(args.folder);
  const { files, curveInstance } = selectInstances(listInstanceFiles(folder), args.instancePatterns, args.curveInstance, folder);
  const tables = readBksTables(folder);
  const startedAt = new Date();
  const results: InstanceResult[] = [];
  for (const file of files) {
    const instance = readInstance(file, args.format);
    const result = attachBks(await solveInstance(instance, args, instanceNameOf(file) === curveInstance), tables);
    results.push(result);
    console.error(formatProgressLine(results.length, files.length, result));
  }
  const run = buildVrpRun(args, folder, startedAt, runEnvironment(), results, curveInstance);
  if (args.outFile !== undefined) {
    mkdirSync(dirname(args.outFile), { recursive: true });
    writeFileSync(args.outFile, `${JSON.stringify(run, null, 2)}\n`);
  }
  console.log(args.json ? JSON.stringify(run) : formatVrpRun(run));
}

function formatVrpRun(run: VrpRun): string {
  const s = run.settings;
  const parts = [
    `${run.folder}: ${run.instances.length} instances, ${s.objective} objective, limit ${s.timeLimitMs} ms${s.maxIterations === undefined ? '' : ` / ${s.maxIterations} iterations`}, seed ${s.seed}, ${s.threads} thread(s), node ${run.environment.node}, ${run.environment.cpuModel}`,
    formatInstanceTable(run.instances),
    formatClassTable(run.classes),
  ];
  const curved = run.instances.find((r) => r.instance === run.curveInstance);
  if (curved?.curve) parts.push(`time to quality, ${curved.instance}:\n${formatCurveTable(curved.curve, primaryBks(curved))}`);
  return parts.join('\n\n');
}
