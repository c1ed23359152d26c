/**
 * The click-to-door histogram of one or more dispatch policies on the same orders (`mdrp`,
 * `mdrp-all`, `rappi` with `--svg`): about 40 bins shared by the policies, the slowest 0.5 % of
 * all orders in one "≥" bin, each policy's mean as a dashed line; the legend gives n, mean and
 * p90 per policy over the orders drawn (so `mdrp-all`'s means weigh every order alike, not every
 * instance).
 */
import { ChartInputError } from './chart-input-error.js';
import { histogramSvg } from './histogram-svg.js';
import { formatTickLabel } from './svg-number.js';
import { chartFileName, writeSvgFile } from './write-svg-file.js';

/** The click-to-door minutes of one policy's delivered orders. */
export interface PolicyClickToDoor {
  readonly policy: string;
  readonly clickToDoorMin: readonly number[];
}

/** Policies keep their colour from chart to chart. */
const POLICY_COLORS: Readonly<Record<string, string>> = { ours: '#0072B2', greedy: '#D55E00' };

/** Share of the pooled orders left out of the regular bins (into the overflow bin). */
const OVERFLOW_SHARE = 0.005;

/** Nearest-rank quantile (the ⌈q·n⌉-th smallest) of non-empty `values`. */
export function nearestRankQuantile(values: readonly number[], q: number): number {
  if (values.length === 0) throw new ChartInputError('CHART_EMPTY', 'a quantile needs at least one value, got none');
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
}

/** `subject` names the orders in the title, e.g. "0o100t100s1p100" or "168 MDRP instances". */
export function clickToDoorChartSvg(subject: string, runs: readonly PolicyClickToDoor[]): string {
  runs.forEach((r, i) => {
    if (r.clickToDoorMin.length === 0) throw new ChartInputError('CHART_EMPTY', `runs[${i}] (${r.policy}) delivered no order`);
  });
  const pooled = runs.flatMap((r) => r.clickToDoorMin);
  return histogramSvg({
    title: `Click-to-door, ${subject}: ${runs.map((r) => r.policy).join(' vs ')}`,
    quantity: 'click-to-door',
    unit: 'min',
    countNoun: 'delivered orders',
    targetBins: 40,
    overflowFrom: nearestRankQuantile(pooled, 1 - OVERFLOW_SHARE),
    series: runs.map((r) => {
      const mean = r.clickToDoorMin.reduce((sum, v) => sum + v, 0) / r.clickToDoorMin.length;
      const p90 = nearestRankQuantile(r.clickToDoorMin, 0.9);
      const color = POLICY_COLORS[r.policy];
      return {
        name: `${r.policy}: n ${formatTickLabel(r.clickToDoorMin.length, 0)}, mean ${mean.toFixed(1)} min, p90 ${p90.toFixed(1)} min`,
        values: r.clickToDoorMin,
        ...(color === undefined ? {} : { color }),
      };
    }),
  });
}

/** Writes the chart into `dir` as `<nameParts…>-click-to-door.svg`; returns its path. */
export function writeClickToDoorChart(dir: string, nameParts: readonly string[], subject: string, runs: readonly PolicyClickToDoor[]): string {
  return writeSvgFile(dir, chartFileName(...nameParts, 'click-to-door'), clickToDoorChartSvg(subject, runs));
}
