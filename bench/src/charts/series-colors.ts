/** Series colours: the Okabe–Ito palette (readable with colour-blindness), darkest first, without its yellow. */
import { ChartInputError } from './chart-input-error.js';

export const SERIES_COLORS: readonly string[] = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#999999'];

/** The colour of each series: its own when given, else the palette's in order; at most {@link SERIES_COLORS}.length series. */
export function seriesColors(series: readonly { readonly color?: string }[]): string[] {
  if (series.length > SERIES_COLORS.length) {
    throw new ChartInputError('CHART_BAD_OPTION', `a chart takes at most ${SERIES_COLORS.length} series, got ${series.length}`);
  }
  return series.map((s, i) => {
    if (s.color !== undefined && !/^#[0-9a-fA-F]{6}$/.test(s.color)) {
      throw new ChartInputError('CHART_BAD_OPTION', `series[${i}].color must be a #rrggbb colour, got ${JSON.stringify(s.color)}`);
    }
    return s.color ?? SERIES_COLORS[i]!;
  });
}
