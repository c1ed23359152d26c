/**
 * A numeric axis: a domain widened to nice ticks, mapped onto a pixel range (`fromPx` is where
 * the domain's minimum goes: the left edge for x, the bottom for y), linearly or in log10.
 */
import { ChartInputError } from './chart-input-error.js';
import type { FrameTick } from './chart-frame.js';
import { linearTicks, logTicks, type TickSet } from './nice-ticks.js';
import { formatTickLabel } from './svg-number.js';

export type ScaleKind = 'linear' | 'log';

/** A tick: its value, where it goes (px) and its label. */
export interface AxisTick extends FrameTick {
  readonly value: number;
}

export interface AxisScale {
  readonly kind: ScaleKind;
  /** The domain after widening to the first and last tick. */
  readonly min: number;
  readonly max: number;
  readonly ticks: readonly AxisTick[];
  toPx(value: number): number;
}

/** Most ticks of a linear axis. */
export const MAX_LINEAR_TICKS = 7;

/**
 * The axis for data in [dataMin, dataMax], widened to its outer ticks; a linear axis with
 * `exactDomain` keeps the data's range (the ticks are then the nice values inside it: bins that
 * must fill the axis). A log axis needs dataMin > 0 (`field` names the data in the error
 * otherwise).
 */
export function axisScale(kind: ScaleKind, dataMin: number, dataMax: number, fromPx: number, toPx: number, field: string, exactDomain = false): AxisScale {
  if (kind === 'log' && !(dataMin > 0)) {
    throw new ChartInputError('CHART_BAD_OPTION', `${field} must be > 0 on a log axis, got a minimum of ${String(dataMin)}`);
  }
  const ticks: TickSet = kind === 'log' ? logTicks(dataMin, dataMax) : linearTicks(dataMin, dataMax, MAX_LINEAR_TICKS, exactDomain ? 'inside' : 'widen');
  const transform = kind === 'log' ? Math.log10 : (v: number) => v;
  const t0 = transform(ticks.min);
  const span = transform(ticks.max) - t0;
  const map = (value: number) => fromPx + ((transform(value) - t0) / span) * (toPx - fromPx);
  return { kind, min: ticks.min, max: ticks.max, ticks: ticks.values.map((value) => ({ value, px: map(value), label: formatTickLabel(value, ticks.decimals) })), toPx: map };
}
