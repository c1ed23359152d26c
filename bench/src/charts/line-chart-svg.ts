/**
 * Curves of one or more series on numeric axes (linear or log10 each), drawn straight from point
 * to point or as steps (the value holds until the next point: a best-so-far curve), with a dot
 * per point, optional point labels, optional horizontal reference lines (dashed, in the legend)
 * and an emphasised series. Axis labels carry the unit: "<quantity> (<unit>)".
 */
import { axisScale, type ScaleKind } from './axis-scale.js';
import { assertFiniteValue, ChartInputError } from './chart-input-error.js';
import { chartFrame, renderChart, type LegendEntry } from './chart-frame.js';
import { escapeXml } from './escape-xml.js';
import { seriesColors } from './series-colors.js';
import { svgNumber } from './svg-number.js';

export interface LinePoint {
  readonly x: number;
  readonly y: number;
  /** Written just above the point (e.g. a vehicle count where it changes). */
  readonly label?: string;
}

export interface LineSeries {
  readonly name: string;
  /** In non-decreasing x order. */
  readonly points: readonly LinePoint[];
  readonly color?: string;
  /** Drawn thicker (e.g. the mean over all the other series). */
  readonly emphasis?: boolean;
}

/** A horizontal line at `y` (e.g. the best-known value), dashed, in grey. */
export interface ReferenceLine {
  readonly y: number;
  readonly name: string;
}

export interface AxisSpec {
  readonly quantity: string;
  readonly unit: string;
  /** Default linear. */
  readonly scale?: ScaleKind;
}

export interface LineChartSpec {
  readonly title: string;
  readonly x: AxisSpec;
  readonly y: AxisSpec;
  readonly series: readonly LineSeries[];
  /** `step`: each value holds until the next point's x. Default `linear`. */
  readonly interpolation?: 'linear' | 'step';
  readonly referenceLines?: readonly ReferenceLine[];
  /** A dot on each point. Default true. */
  readonly markers?: boolean;
}

const REFERENCE_COLOR = '#666666';

/** The chart as an SVG document. Throws {@link ChartInputError} on empty, unordered or non-finite input. */
export function lineChartSvg(spec: LineChartSpec): string {
  assertSeriesAreValid(spec.series);
  const colors = seriesColors(spec.series);
  const references = spec.referenceLines ?? [];
  references.forEach((r, i) => assertFiniteValue(`referenceLines[${i}].y`, r.y));
  const legend: LegendEntry[] = [
    ...spec.series.map((s, i) => ({ name: s.name, color: colors[i]!, mark: 'line' as const })),
    ...references.map((r) => ({ name: r.name, color: REFERENCE_COLOR, mark: 'dashed-line' as const })),
  ];
  const frame = chartFrame(spec.title, `${spec.x.quantity} (${spec.x.unit})`, `${spec.y.quantity} (${spec.y.unit})`, legend);
  const points = spec.series.flatMap((s) => s.points);
  const ys = [...points.map((p) => p.y), ...references.map((r) => r.y)];
  const { plot } = frame;
  const x = axisScale(spec.x.scale ?? 'linear', Math.min(...points.map((p) => p.x)), Math.max(...points.map((p) => p.x)), plot.left, plot.right, 'x values');
  const y = axisScale(spec.y.scale ?? 'linear', Math.min(...ys), Math.max(...ys), plot.bottom, plot.top, 'y values');
  const step = spec.interpolation === 'step';
  const marks = [
    ...references.map((r, i) => `<line class="reference" data-reference="${i}" x1="${svgNumber(plot.left)}" y1="${svgNumber(y.toPx(r.y))}" x2="${svgNumber(plot.right)}" y2="${svgNumber(y.toPx(r.y))}" stroke="${REFERENCE_COLOR}" stroke-width="1.5" stroke-dasharray="6 4"/>`),
    ...spec.series.flatMap((s, i) => {
      const pts = s.points.map((p) => [x.toPx(p.x), y.toPx(p.y)] as const);
      const path = pts.map(([px, py], k) => (k === 0 ? `M${svgNumber(px)} ${svgNumber(py)}` : `${step ? `H${svgNumber(px)}V` : `L${svgNumber(px)} `}${svgNumber(py)}`)).join('');
      const width = s.emphasis === true ? 3 : 1.75;
      const line = `<path class="line" data-series="${i}" data-points="${pts.length}" d="${path}" fill="none" stroke="${colors[i]}" stroke-width="${width}" stroke-linejoin="round"/>`;
      const dots = spec.markers === false ? [] : pts.map(([px, py]) => `<circle class="point" data-series="${i}" cx="${svgNumber(px)}" cy="${svgNumber(py)}" r="2.5" fill="${colors[i]}"/>`);
      const labels = s.points.flatMap((p, k) =>
        p.label === undefined ? [] : [`<text class="point-label" data-series="${i}" x="${svgNumber(pts[k]![0] + 3)}" y="${svgNumber(pts[k]![1] - 6)}" font-size="10" fill="${colors[i]}">${escapeXml(p.label)}</text>`],
      );
      return [line, ...dots, ...labels];
    }),
  ];
  return renderChart(frame, x.ticks, y.ticks, marks);
}

function assertSeriesAreValid(series: readonly LineSeries[]): void {
  if (series.length === 0) throw new ChartInputError('CHART_EMPTY', 'a line chart needs at least one series, got none');
  series.forEach((s, i) => {
    if (s.points.length === 0) throw new ChartInputError('CHART_EMPTY', `series[${i}].points is empty`);
    s.points.forEach((p, k) => {
      assertFiniteValue(`series[${i}].points[${k}].x`, p.x);
      assertFiniteValue(`series[${i}].points[${k}].y`, p.y);
      const previous = s.points[k - 1];
      if (previous !== undefined && p.x < previous.x) {
        throw new ChartInputError('CHART_BAD_OPTION', `series[${i}].points must be in non-decreasing x order, got x ${p.x} after ${previous.x} at points[${k}]`);
      }
    });
  });
}
