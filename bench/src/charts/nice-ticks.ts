/**
 * Tick values for chart axes. Linear: "nice" steps (1, 2 or 5 × a power of ten) on a domain
 * widened to whole steps. Log: a domain widened to 1, 2 or 5 × a power of ten at each end, ticks
 * at its ends and every power of ten inside, with 2× and 5× when it spans at most two decades.
 */

/** A domain widened to its first and last tick, and the ticks. */
export interface TickSet {
  readonly min: number;
  readonly max: number;
  readonly values: readonly number[];
  /** Decimals that print every tick exactly enough. */
  readonly decimals: number;
}

const NICE_FRACTIONS = [1, 2, 5, 10];

/** The smallest nice step (1, 2, 5 × 10^k) at or above `rough` (> 0). */
export function niceStep(rough: number): number {
  const exponent = Math.floor(Math.log10(rough));
  const base = 10 ** exponent;
  const fraction = NICE_FRACTIONS.find((f) => f * base >= rough * (1 - 1e-12)) ?? 10;
  return Number((fraction * base).toPrecision(12));
}

/** Decimals needed to print multiples of `step` exactly (0 for whole steps, 1 for 2.5, 2 for 0.25). */
export function decimalsForStep(step: number): number {
  for (let decimals = 0; decimals < 12; decimals++) {
    const scaled = step * 10 ** decimals;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-9 * Math.max(1, scaled)) return decimals;
  }
  return 12;
}

/**
 * Ticks for [min, max] (min ≤ max, both finite): at most `maxTicks` (≥ 2) nice values. `widen`
 * (default) covers the range, and the domain becomes [first tick, last tick] (a value within a
 * thousandth of a step of a tick counts as on it, so −0.0004 does not add a step below 0);
 * `inside` keeps the domain and returns the nice values within it.
 */
export function linearTicks(min: number, max: number, maxTicks: number, mode: 'widen' | 'inside' = 'widen'): TickSet {
  let lo = min;
  let hi = max;
  if (hi === lo) {
    // One value: centre it in a small range so the axis still has a scale.
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  // Start below the smallest step that can fit and grow: the first nice step that fits wins.
  let step = niceStep((hi - lo) / (maxTicks + 1));
  for (;;) {
    const first = mode === 'widen' ? Math.floor(lo / step + 1e-3) : Math.ceil(lo / step - 1e-9);
    const last = mode === 'widen' ? Math.ceil(hi / step - 1e-3) : Math.floor(hi / step + 1e-9);
    if (last - first + 1 <= maxTicks) {
      const values = Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => Number(((first + i) * step).toPrecision(12)));
      const decimals = decimalsForStep(step);
      return mode === 'widen' ? { min: values[0]!, max: values[values.length - 1]!, values, decimals } : { min: lo, max: hi, values, decimals };
    }
    step = niceStep(step * 1.000001);
  }
}

/** The largest 1, 2 or 5 × 10^k at or below `value` (> 0), or with `up` the smallest at or above it. */
function niceLogBound(value: number, up: boolean): number {
  const exponent = Math.floor(Math.log10(value));
  const candidates = [-1, 0, 1].flatMap((e) => [1, 2, 5].map((m) => Number((m * 10 ** (exponent + e)).toPrecision(12))));
  const tolerance = value * 1e-9;
  return up ? candidates.find((c) => c >= value - tolerance)! : candidates.filter((c) => c <= value + tolerance).pop()!;
}

/**
 * Ticks for [min, max] with 0 < min ≤ max on a log axis: the domain is widened to 1, 2 or 5 ×
 * a power of ten at each end (both are ticks), with every power of ten in between, and 2× and 5×
 * too when the domain spans at most two decades.
 */
export function logTicks(min: number, max: number): TickSet {
  const lo = niceLogBound(min, false);
  let hi = niceLogBound(max, true);
  if (hi === lo) hi = niceLogBound(lo * 1.5, true);
  const multiples = hi / lo <= 100 * (1 + 1e-9) ? [1, 2, 5] : [1];
  const values = new Set<number>([lo]);
  for (let exponent = Math.floor(Math.log10(lo)); exponent <= Math.ceil(Math.log10(hi)); exponent++) {
    for (const m of multiples) {
      const value = Number((m * 10 ** exponent).toPrecision(12));
      if (value > lo && value < hi) values.add(value);
    }
  }
  values.add(hi);
  return { min: lo, max: hi, values: [...values], decimals: Math.max(0, -Math.floor(Math.log10(lo) + 1e-9)) };
}
