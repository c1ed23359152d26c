/**
 * `o2o-bench vrp <folder> [--instances LIST] [--curve NAME] [--out FILE] [--svg DIR] [solve options]`:
 * every instance of a folder, one after the other; progress on stderr, tables (or `--json`) on
 * stdout. `--svg DIR` records every instance's time-to-quality curve (only `--curve`'s goes into
 * the JSON, as without it) and writes the mean gap per class over time
 * (`vrp-<folder>-time-to-quality.svg`), and with `--curve NAME` that instance's own curve
 * (`vrp-<NAME>-time-to-quality.svg`).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { parseVrpArgs } from '../args/vrp-args.js';
import { readBksTables } from '../bks/read-bks-tables.js';
import { classGapChartSvg, timeToQualityChartSvg } from '../charts/time-to-quality-chart.js';
import { chartFileName, writeSvgFile } from '../charts/write-svg-file.js';
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
  const curved: InstanceResult[] = [];
  for (const file of files) {
    const instance = readInstance(file, args.format);
    const isCurveInstance = instanceNameOf(file) === curveInstance;
    const result = attachBks(await solveInstance(instance, args, isCurveInstance || args.svgDir !== undefined), tables);
    curved.push(result);
    const { curve: _curve, ...withoutCurve } = result;
    results.push(isCurveInstance ? result : withoutCurve);
    console.error(formatProgressLine(results.length, files.length, result));
  }
  const run = buildVrpRun(args, folder, startedAt, runEnvironment(), results, curveInstance);
  if (args.outFile !== undefined) {
    mkdirSync(dirname(args.outFile), { recursive: true });
    writeFileSync(args.outFile, `${JSON.stringify(run, null, 2)}\n`);
  }
  console.log(args.json ? JSON.stringify(run) : formatVrpRun(run));
  if (args.svgDir !== undefined) writeVrpCharts(args.svgDir, basename(folder), curved, curveInstance);
}

function writeVrpCharts(svgDir: string, folderName: string, curved: readonly InstanceResult[], curveInstance: string | undefined): void {
  const paths = [writeSvgFile(svgDir, chartFileName('vrp', folderName, 'time-to-quality'), classGapChartSvg(folderName, curved))];
  const single = curved.find((r) => r.instance === curveInstance);
  if (single !== undefined) paths.push(writeSvgFile(svgDir, chartFileName('vrp', single.instance, 'time-to-quality'), timeToQualityChartSvg(single)));
  for (const path of paths) console.error(`chart: ${path}`);
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
