/**
 * Grouped bars of a few named statistics (p50, p90, p99, p99.9, max) for one or more series,
 * each bar labelled with its value, on a log10 value axis by default (tails are orders of
 * magnitude above medians; values must be ≥ 0, and > 0 on a log axis). A value a series lacks is shown as "n/a" in place of its bar. Axis
 * label: "<quantity> (<unit>)".
 */
import { axisScale, type ScaleKind } from './axis-scale.js';
import { assertFiniteValue, ChartInputError } from './chart-input-error.js';
import { chartFrame, renderChart } from './chart-frame.js';
import { escapeXml } from './escape-xml.js';
import { seriesColors } from './series-colors.js';
import { svgNumber } from './svg-number.js';

export interface PercentileSeries {
  readonly name: string;
  /** One value per category, same order; null: not measured. */
  readonly values: readonly (number | null)[];
  readonly color?: string;
}

export interface PercentileChartSpec {
  readonly title: string;
  /** e.g. ["p50", "p90", "p99", "p99.9", "max"]. */
  readonly categories: readonly string[];
  /** What the categories are, for the x label, e.g. "percentile of requests". */
  readonly categoryLabel: string;
  readonly quantity: string;
  readonly unit: string;
  readonly series: readonly PercentileSeries[];
  /** Default log (every value must then be > 0). */
  readonly scale?: ScaleKind;
}

const GROUP_GAP = 0.3;

/** A value label: three significant digits or more (12.3, 1.23, 0.123, 1234). */
export function formatBarValue(value: number): string {
  const magnitude = Math.abs(value);
  const decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;
  return value.toFixed(decimals);
}

/** The chart as an SVG document. Throws {@link ChartInputError} on empty, misshaped or non-finite input. */
export function percentileChartSvg(spec: PercentileChartSpec): string {
  const values = assertShapeIsValid(spec);
  const colors = seriesColors(spec.series);
  const frame = chartFrame(spec.title, spec.categoryLabel, `${spec.quantity} (${spec.unit})`, spec.series.map((s, i) => ({ name: s.name, color: colors[i]!, mark: 'box' as const })));
  const { plot } = frame;
  const scale = spec.scale ?? 'log';
  const y = axisScale(scale, scale === 'log' ? Math.min(...values) : 0, Math.max(...values), plot.bottom, plot.top, 'values');
  const groupPx = (plot.right - plot.left) / spec.categories.length;
  const barPx = (groupPx * (1 - GROUP_GAP)) / spec.series.length;
  const baseline = y.toPx(scale === 'log' ? y.min : 0);
  const marks: string[] = [];
  spec.series.forEach((s, i) => {
    s.values.forEach((value, c) => {
      const x = plot.left + c * groupPx + (groupPx * GROUP_GAP) / 2 + i * barPx;
      const mid = svgNumber(x + barPx / 2);
      if (value === null) {
        marks.push(`<text class="missing" data-series="${i}" data-category="${c}" x="${mid}" y="${svgNumber(baseline - 4)}" text-anchor="middle" font-size="10">n/a</text>`);
        return;
      }
      const top = y.toPx(value);
      marks.push(
        `<rect class="bar" data-series="${i}" data-category="${c}" data-value="${escapeXml(String(value))}" x="${svgNumber(x)}" y="${svgNumber(top)}" width="${svgNumber(barPx)}" height="${svgNumber(baseline - top)}" fill="${colors[i]}"/>`,
        `<text class="value" data-series="${i}" data-category="${c}" x="${mid}" y="${svgNumber(top - 4)}" text-anchor="middle" font-size="10">${formatBarValue(value)}</text>`,
      );
    });
  });
  const xTicks = spec.categories.map((label, c) => ({ px: plot.left + (c + 0.5) * groupPx, label }));
  return renderChart(frame, xTicks, y.ticks, marks);
}

/** Checks the spec; returns every non-null value. */
function assertShapeIsValid(spec: PercentileChartSpec): number[] {
  if (spec.categories.length === 0) throw new ChartInputError('CHART_EMPTY', 'a percentile chart needs at least one category, got none');
  if (spec.series.length === 0) throw new ChartInputError('CHART_EMPTY', 'a percentile chart needs at least one series, got none');
  const values: number[] = [];
  spec.series.forEach((s, i) => {
    if (s.values.length !== spec.categories.length) {
      throw new ChartInputError('CHART_BAD_OPTION', `series[${i}].values must have one value per category (${spec.categories.length}), got ${s.values.length}`);
    }
    s.values.forEach((v, c) => {
      if (v === null) return;
      assertFiniteValue(`series[${i}].values[${c}]`, v);
      if (v < 0) throw new ChartInputError('CHART_BAD_OPTION', `series[${i}].values[${c}] must be ≥ 0, got ${v}`);
      values.push(v);
    });
  });
  if (values.length === 0) throw new ChartInputError('CHART_EMPTY', 'a percentile chart needs at least one value, got only nulls');
  return values;
}
