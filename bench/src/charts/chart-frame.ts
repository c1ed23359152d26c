/**
 * What every chart shares: the page (size, background, `<title>`), the heading, the legend
 * (entries left to right, wrapped to the plot's width), the plot area below them, grid lines, the
 * two axes with their ticks and labels. The chart writers compute their scales from
 * {@link ChartFrame.plot}, then pass their ticks and data marks to {@link renderChart}.
 */
import { escapeXml } from './escape-xml.js';
import { svgNumber } from './svg-number.js';

export const CHART_WIDTH_PX = 760;
export const CHART_HEIGHT_PX = 440;
const FONT_SIZE_PX = 12;
/** Estimated advance of one character at {@link FONT_SIZE_PX} (sans-serif), px. */
const CHAR_WIDTH_PX = 6.8;
const LEGEND_ROW_PX = 18;
const LEGEND_SWATCH_PX = 22;
const LEGEND_GAP_PX = 18;
const MARGIN = { left: 76, right: 24, bottom: 54, top: 12 } as const;
const TITLE_HEIGHT_PX = 20;

/** How a legend entry's swatch is drawn: a filled box (bars) or a line (curves; dashed for reference lines). */
export type LegendMark = 'box' | 'line' | 'dashed-line';

export interface LegendEntry {
  readonly name: string;
  readonly color: string;
  readonly mark: LegendMark;
}

export interface PlotArea {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/** A tick as the frame draws it: a position along its axis and a label. */
export interface FrameTick {
  readonly px: number;
  readonly label: string;
}

export interface ChartFrame {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly legend: readonly LegendEntry[];
  readonly plot: PlotArea;
  /** Legend entries with their top-left corner. */
  readonly legendPlaces: readonly { readonly entry: LegendEntry; readonly x: number; readonly y: number }[];
}

/** Lays out the heading and the legend, and leaves the rest to the plot. */
export function chartFrame(title: string, xLabel: string, yLabel: string, legend: readonly LegendEntry[]): ChartFrame {
  const left = MARGIN.left;
  const right = CHART_WIDTH_PX - MARGIN.right;
  let x = left;
  let y = MARGIN.top + TITLE_HEIGHT_PX + 8;
  const legendPlaces = legend.map((entry) => {
    const width = LEGEND_SWATCH_PX + 6 + entry.name.length * CHAR_WIDTH_PX;
    if (x > left && x + width > right) {
      x = left;
      y += LEGEND_ROW_PX;
    }
    const place = { entry, x, y };
    x += width + LEGEND_GAP_PX;
    return place;
  });
  const top = (legend.length === 0 ? y : y + LEGEND_ROW_PX) + 10;
  return { title, xLabel, yLabel, legend, legendPlaces, plot: { left, top, right, bottom: CHART_HEIGHT_PX - MARGIN.bottom } };
}

function legendSvg(frame: ChartFrame): string {
  const entries = frame.legendPlaces.map(({ entry, x, y }) => {
    const mid = y + LEGEND_ROW_PX / 2;
    const swatch =
      entry.mark === 'box'
        ? `<rect x="${svgNumber(x + 5)}" y="${svgNumber(mid - 6)}" width="12" height="12" fill="${entry.color}"/>`
        : `<line x1="${svgNumber(x)}" y1="${svgNumber(mid)}" x2="${svgNumber(x + LEGEND_SWATCH_PX)}" y2="${svgNumber(mid)}" stroke="${entry.color}" stroke-width="2.5"${entry.mark === 'dashed-line' ? ' stroke-dasharray="6 4"' : ''}/>`;
    return `<g class="legend-entry">${swatch}<text x="${svgNumber(x + LEGEND_SWATCH_PX + 6)}" y="${svgNumber(mid + 4)}">${escapeXml(entry.name)}</text></g>`;
  });
  return `<g class="legend">${entries.join('')}</g>`;
}

function axesSvg(frame: ChartFrame, xTicks: readonly FrameTick[], yTicks: readonly FrameTick[]): string[] {
  const { left, top, right, bottom } = frame.plot;
  const n = svgNumber;
  const grid = yTicks.map((t) => `<line x1="${n(left)}" y1="${n(t.px)}" x2="${n(right)}" y2="${n(t.px)}"/>`);
  const xTickSvg = xTicks.map((t) => `<g class="tick"><line x1="${n(t.px)}" y1="${n(bottom)}" x2="${n(t.px)}" y2="${n(bottom + 5)}"/><text x="${n(t.px)}" y="${n(bottom + 18)}" text-anchor="middle" stroke="none">${escapeXml(t.label)}</text></g>`);
  const yTickSvg = yTicks.map((t) => `<g class="tick"><line x1="${n(left - 5)}" y1="${n(t.px)}" x2="${n(left)}" y2="${n(t.px)}"/><text x="${n(left - 8)}" y="${n(t.px + 4)}" text-anchor="end" stroke="none">${escapeXml(t.label)}</text></g>`);
  const midX = (left + right) / 2;
  const midY = (top + bottom) / 2;
  return [
    `<g class="grid" stroke="#e4e4e4" stroke-width="1">${grid.join('')}</g>`,
    `<g class="x-axis" stroke="#333333"><line class="axis-line" x1="${n(left)}" y1="${n(bottom)}" x2="${n(right)}" y2="${n(bottom)}"/>${xTickSvg.join('')}` +
      `<text class="axis-label" x="${n(midX)}" y="${n(bottom + 40)}" text-anchor="middle" stroke="none">${escapeXml(frame.xLabel)}</text></g>`,
    `<g class="y-axis" stroke="#333333"><line class="axis-line" x1="${n(left)}" y1="${n(top)}" x2="${n(left)}" y2="${n(bottom)}"/>${yTickSvg.join('')}` +
      `<text class="axis-label" x="16" y="${n(midY)}" text-anchor="middle" stroke="none" transform="rotate(-90 16 ${n(midY)})">${escapeXml(frame.yLabel)}</text></g>`,
  ];
}

/** The whole document: page, heading, legend, grid, axes, then `marks` (the data, drawn last). */
export function renderChart(frame: ChartFrame, xTicks: readonly FrameTick[], yTicks: readonly FrameTick[], marks: readonly string[]): string {
  const title = escapeXml(frame.title);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH_PX}" height="${CHART_HEIGHT_PX}" viewBox="0 0 ${CHART_WIDTH_PX} ${CHART_HEIGHT_PX}" role="img" font-family="Helvetica, Arial, sans-serif" font-size="${FONT_SIZE_PX}" fill="#222222">`,
    `<title>${title}</title>`,
    `<rect class="background" x="0" y="0" width="${CHART_WIDTH_PX}" height="${CHART_HEIGHT_PX}" fill="#ffffff"/>`,
    `<text class="chart-title" x="${svgNumber(CHART_WIDTH_PX / 2)}" y="${MARGIN.top + 15}" text-anchor="middle" font-size="15" font-weight="bold">${title}</text>`,
    legendSvg(frame),
    ...axesSvg(frame, xTicks, yTicks),
    `<g class="data">`,
    ...marks,
    `</g>`,
    `</svg>`,
    '',
  ].join('\n');
}
