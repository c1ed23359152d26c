/**
 * `o2o-bench solve <instance> [--format solomon|lilim|auto] [--objective distance|hierarchical]
 * [--time-limit-ms N] [--max-iterations N] [--seed N] [--threads N] [--json] [--svg DIR]`.
 * `--svg DIR` records the time-to-quality curve (also in the JSON then) and writes it as
 * `solve-<instance>-time-to-quality.svg`.
 */
import { dirname } from 'node:path';
import { parseSolveArgs } from '../args/solve-args.js';
import { readBksTables } from '../bks/read-bks-tables.js';
import { timeToQualityChartSvg } from '../charts/time-to-quality-chart.js';
import { chartFileName, writeSvgFile } from '../charts/write-svg-file.js';
import { resolveInstancePath } from '../instances/benchmark-paths.js';
import { readInstance } from '../instances/read-instance.js';
import { attachBks } from '../report/compare-to-bks.js';
import { formatSolveSummary } from '../report/solve-summary.js';
import { solveInstance } from '../run/solve-instance.js';

export async function runSolveCommand(argv: readonly string[]): Promise<void> {
  const args = parseSolveArgs(argv);
  const path = resolveInstancePath(args.instance);
  const instance = readInstance(path, args.format);
  const result = attachBks(await solveInstance(instance, args, args.svgDir !== undefined), readBksTables(dirname(path)));
  console.log(args.json ? JSON.stringify(result) : formatSolveSummary(result));
  if (args.svgDir !== undefined) console.error(`chart: ${writeSvgFile(args.svgDir, chartFileName('solve', result.instance, 'time-to-quality'), timeToQualityChartSvg(result))}`);
}
