/**
 * Shared bins for several series of values: equal widths (a nice width, or the one given) from a
 * whole multiple of the width at or below the smallest value, so every series is counted on the
 * same edges; integer data get a width of at least 1 (a nice width is then whole, so no bin
 * spans more possible values than its neighbours). With `overflowFrom`, values at or above it (rounded up to a bin edge) fall in one
 * last open-ended bin instead of stretching the axis over a long tail.
 */
import { assertFiniteValue, ChartInputError } from './chart-input-error.js';
import { niceStep } from './nice-ticks.js';

export interface HistogramBinOptions {
  /** Bin width in the values' unit; default: a nice width giving about `targetBins` bins. */
  readonly binWidth?: number;
  /** Default 30. */
  readonly targetBins?: number;
  /** Values ≥ this (rounded up to a bin edge) go to one overflow bin. */
  readonly overflowFrom?: number;
}

export interface HistogramBins {
  /** Lower edge of the first bin. */
  readonly start: number;
  readonly binWidth: number;
  /** Regular bins: bin i is [start + i·w, start + (i+1)·w); the last one holds the largest value when there is no overflow bin. */
  readonly numBins: number;
  /** Lower edge of the overflow bin (= start + numBins·w), or null when there is none. */
  readonly overflowFrom: number | null;
  /** counts[series][bin]; with an overflow bin, its count is at index numBins. */
  readonly counts: readonly (readonly number[])[];
}

/** Counts `series` (each a non-empty list of finite values) into shared bins. */
export function histogramBins(series: readonly (readonly number[])[], options: HistogramBinOptions = {}): HistogramBins {
  if (series.length === 0) throw new ChartInputError('CHART_EMPTY', 'a histogram needs at least one series, got none');
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  series.forEach((values, s) => {
    if (values.length === 0) throw new ChartInputError('CHART_EMPTY', `series[${s}].values is empty`);
    values.forEach((v, i) => {
      assertFiniteValue(`series[${s}].values[${i}]`, v);
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    });
  });
  const overflow = options.overflowFrom;
  if (overflow !== undefined) assertFiniteValue('overflowFrom', overflow);
  const top = overflow !== undefined && overflow < hi ? overflow : hi;
  const width = binWidthFor(lo, top, options, series.every((values) => values.every(Number.isInteger)));
  const start = Math.floor(lo / width + 1e-9) * width;
  const hasOverflow = overflow !== undefined && overflow <= hi && overflow > start;
  const numBins = Math.max(1, hasOverflow ? Math.ceil((overflow - start) / width - 1e-9) : Math.floor((hi - start) / width + 1e-9) + 1);
  const counts = series.map((values) => {
    const row = new Array<number>(numBins + (hasOverflow ? 1 : 0)).fill(0);
    for (const v of values) row[Math.min(Math.floor((v - start) / width + 1e-9), row.length - 1)]! += 1;
    return row;
  });
  return { start, binWidth: width, numBins, overflowFrom: hasOverflow ? start + numBins * width : null, counts };
}

function binWidthFor(lo: number, hi: number, options: HistogramBinOptions, isIntegerData: boolean): number {
  if (options.binWidth !== undefined) {
    if (!(options.binWidth > 0) || !Number.isFinite(options.binWidth)) throw new ChartInputError('CHART_BAD_OPTION', `binWidth must be a finite number > 0, got ${String(options.binWidth)}`);
    return options.binWidth;
  }
  const targetBins = options.targetBins ?? 30;
  if (!Number.isInteger(targetBins) || targetBins < 1) throw new ChartInputError('CHART_BAD_OPTION', `targetBins must be an integer ≥ 1, got ${String(targetBins)}`);
  const width = hi > lo ? niceStep((hi - lo) / targetBins) : 1;
  // Integer data (whole minutes) get whole widths, so every bin spans as many possible values.
  return isIntegerData && width < 1 ? 1 : width;
}
