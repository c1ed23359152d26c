/**
 * Histograms of one or more series on shared bins, bars side by side within each bin (so no
 * series hides another), an optional overflow bin for a long tail, and each series' mean as a
 * dashed line in its colour. Axis labels carry the unit: "<quantity> (<unit>)" and
 * "<count noun> per <bin width> <unit> bin".
 */
import { axisScale, type AxisTick } from './axis-scale.js';
import { ChartInputError } from './chart-input-error.js';
import { chartFrame, renderChart, type FrameTick } from './chart-frame.js';
import { histogramBins, type HistogramBins } from './histogram-bins.js';
import { decimalsForStep } from './nice-ticks.js';
import { seriesColors } from './series-colors.js';
import { formatTickLabel, svgNumber } from './svg-number.js';

export interface HistogramSeries {
  readonly name: string;
  readonly values: readonly number[];
  /** `#rrggbb`; default: the palette's colour for the series' position. */
  readonly color?: string;
}

export interface HistogramSpec {
  readonly title: string;
  /** What the values measure, e.g. "click-to-door". */
  readonly quantity: string;
  /** Their unit, e.g. "min". */
  readonly unit: string;
  /** What is counted, e.g. "orders". */
  readonly countNoun: string;
  readonly series: readonly HistogramSeries[];
  readonly binWidth?: number;
  readonly targetBins?: number;
  readonly overflowFrom?: number;
  /** Draw each series' mean (over all its values, overflow included) as a dashed line. Default true. */
  readonly showMeans?: boolean;
}

/** Gap between neighbouring bins, as a share of a bin's width. */
const BIN_GAP = 0.15;

/** The chart as an SVG document. Throws {@link ChartInputError} on empty or non-finite input. */
export function histogramSvg(spec: HistogramSpec): string {
  if (spec.series.length === 0) throw new ChartInputError('CHART_EMPTY', 'a histogram needs at least one series, got none');
  const colors = seriesColors(spec.series);
  const bins = histogramBins(
    spec.series.map((s) => s.values),
    { ...(spec.binWidth === undefined ? {} : { binWidth: spec.binWidth }), ...(spec.targetBins === undefined ? {} : { targetBins: spec.targetBins }), ...(spec.overflowFrom === undefined ? {} : { overflowFrom: spec.overflowFrom }) },
  );
  const widthLabel = formatTickLabel(bins.binWidth, decimalsForStep(bins.binWidth));
  const frame = chartFrame(
    spec.title,
    `${spec.quantity} (${spec.unit})`,
    `${spec.countNoun} per ${widthLabel} ${spec.unit} bin`,
    spec.series.map((s, i) => ({ name: s.name, color: colors[i]!, mark: 'box' as const })),
  );
  const { plot } = frame;
  const totalBins = bins.numBins + (bins.overflowFrom === null ? 0 : 1);
  const end = bins.start + totalBins * bins.binWidth;
  const x = axisScale('linear', bins.start, end, plot.left, plot.right, 'values', true);
  const maxCount = Math.max(...bins.counts.flat());
  const y = axisScale('linear', 0, maxCount, plot.bottom, plot.top, 'counts');
  const marks = [...barMarks(bins, colors, x.toPx, y.toPx), ...(spec.showMeans === false ? [] : meanMarks(spec.series, colors, x.toPx, frame.plot, bins))];
  return renderChart(frame, xTicks(bins, x.ticks, x.toPx), y.ticks, marks);
}

function barMarks(bins: HistogramBins, colors: readonly string[], xPx: (v: number) => number, yPx: (v: number) => number): string[] {
  const numSeries = bins.counts.length;
  const marks: string[] = [];
  const baseline = yPx(0);
  const totalBins = bins.counts[0]?.length ?? 0;
  for (let b = 0; b < totalBins; b++) {
    const left = xPx(bins.start + b * bins.binWidth);
    const binPx = xPx(bins.start + (b + 1) * bins.binWidth) - left;
    const barPx = (binPx * (1 - BIN_GAP)) / numSeries;
    bins.counts.forEach((row, s) => {
      const count = row[b] ?? 0;
      if (count === 0) return;
      const top = yPx(count);
      const x = left + (binPx * BIN_GAP) / 2 + s * barPx;
      marks.push(`<rect class="bar" data-series="${s}" data-bin="${b}" data-count="${count}" x="${svgNumber(x)}" y="${svgNumber(top)}" width="${svgNumber(barPx)}" height="${svgNumber(baseline - top)}" fill="${colors[s]}"/>`);
    });
  }
  return marks;
}

function meanMarks(series: readonly HistogramSeries[], colors: readonly string[], xPx: (v: number) => number, plot: { top: number; bottom: number }, bins: HistogramBins): string[] {
  const axisEnd = bins.start + (bins.counts[0]?.length ?? 0) * bins.binWidth;
  return series.map((s, i) => {
    const mean = s.values.reduce((sum, v) => sum + v, 0) / s.values.length;
    // A mean beyond the overflow bin's edge is drawn at the axis end (its value is in data-value).
    const px = xPx(Math.min(mean, axisEnd));
    return `<line class="mean" data-series="${i}" data-value="${svgNumber(mean)}" x1="${svgNumber(px)}" y1="${svgNumber(plot.top)}" x2="${svgNumber(px)}" y2="${svgNumber(plot.bottom)}" stroke="${colors[i]}" stroke-width="1.5" stroke-dasharray="6 4"/>`;
  });
}

/** The axis' ticks up to the overflow edge, then "≥ edge" under the overflow bin. */
function xTicks(bins: HistogramBins, ticks: readonly AxisTick[], xPx: (v: number) => number): FrameTick[] {
  if (bins.overflowFrom === null) return [...ticks];
  const edge = bins.overflowFrom;
  const regular = ticks.filter((t) => t.value <= edge - bins.binWidth / 2);
  return [...regular, { px: xPx(edge + bins.binWidth / 2), label: `≥${formatTickLabel(edge, decimalsForStep(bins.binWidth))}` }];
}
