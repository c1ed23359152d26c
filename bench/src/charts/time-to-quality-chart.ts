/**
 * Time-to-quality charts of the route solver, from the curves of `SolveResult.history`
 * (`InstanceResult.curve`): one instance's best distance over time as its gap to the best-known
 * solution (`solve --svg`, `vrp --curve NAME --svg`), and the mean gap per instance class over
 * time (`vrp --svg`). Time is on a log axis; the best so far holds until the next improvement
 * (steps) and up to the end of the solve. Points where customers are still unassigned carry no
 * distance and are left out. The distance of a curve point is the solver's (travel rounded up,
 * see the README), so gaps read a few hundredths of a percent high.
 */
import { primaryBks } from '../report/compare-to-bks.js';
import type { CurvePoint, InstanceResult } from '../run/instance-result.js';
import { ChartInputError } from './chart-input-error.js';
import { lineChartSvg, type LinePoint, type LineSeries } from './line-chart-svg.js';

/** Time is drawn from here (a log axis cannot start at 0). */
const MIN_TIME_MS = 0.1;
/** Sample times of the class means, per decade. */
const SAMPLES_PER_DECADE = 10;

type CurvedResult = Pick<InstanceResult, 'instance' | 'objective' | 'timeMs' | 'vehicles' | 'distance' | 'bks' | 'bksDistanceObjective' | 'seed' | 'class'> & { readonly curve?: readonly CurvePoint[] };

/**
 * The distance-bearing curve points of `result` as (time, value), extended to the end of the
 * solve; with `labelVehicles`, the first point and each one where the vehicle count changes are
 * labelled "N veh".
 */
function bestSoFar(result: CurvedResult, value: (distance: number) => number, labelVehicles = false): LinePoint[] {
  const kept = (result.curve ?? []).filter((p) => p.distance !== null);
  const points: LinePoint[] = kept.map((p, k) => {
    const point = { x: Math.max(MIN_TIME_MS, p.timeMs), y: value(p.distance!) };
    return labelVehicles && (k === 0 || kept[k - 1]!.vehicles !== p.vehicles) ? { ...point, label: `${p.vehicles} veh` } : point;
  });
  const last = points[points.length - 1];
  if (last !== undefined && result.timeMs > last.x) points.push({ x: result.timeMs, y: last.y });
  return points;
}

/**
 * One instance: the gap to its best-known distance (or the distance when no table lists it) over
 * time; under the hierarchical objective the vehicle count is written where it changes (there a
 * shorter distance with more vehicles is not better).
 */
export function timeToQualityChartSvg(result: CurvedResult): string {
  const bks = primaryBks(result);
  const points = bestSoFar(result, (d) => (bks === undefined ? d : (100 * (d - bks.distance)) / bks.distance), result.objective === 'hierarchical');
  if (points.length === 0) throw new ChartInputError('CHART_EMPTY', `${result.instance} has no curve point without unassigned customers (solve with a curve, and long enough)`);
  const name = `${result.instance}: ${result.vehicles} vehicles, distance ${result.distance.toFixed(2)} at ${(result.timeMs / 1000).toFixed(1)} s (seed ${result.seed})`;
  return lineChartSvg({
    title: `Time to quality, ${result.instance} (${result.objective} objective)`,
    x: { quantity: 'time since the solve started', unit: 'ms', scale: 'log' },
    y: bks === undefined ? { quantity: 'best distance so far', unit: 'instance units' } : { quantity: 'best distance above the best known', unit: '%' },
    series: [{ name, points }],
    interpolation: 'step',
    ...(bks === undefined ? {} : { referenceLines: [{ y: 0, name: `best known: ${bks.vehicles} vehicles, ${bks.distance.toFixed(2)}` }] }),
  });
}

/** Log-spaced sample times from {@link MIN_TIME_MS} to `endMs` (inclusive), three significant digits. */
export function logSampleTimesMs(endMs: number): number[] {
  const times: number[] = [];
  for (let k = 0; ; k++) {
    const t = Number((MIN_TIME_MS * 10 ** (k / SAMPLES_PER_DECADE)).toPrecision(3));
    if (t >= endMs) break;
    times.push(t);
  }
  return [...times, endMs];
}

/** The value of a best-so-far curve at `t`: its last point at or before t, or undefined before its first. */
function valueAt(points: readonly LinePoint[], t: number): number | undefined {
  let value: number | undefined;
  for (const p of points) {
    if (p.x > t) break;
    value = p.y;
  }
  return value;
}

/** The mean over `curves` at each of `timesMs` where every curve has a value. */
export function meanCurve(curves: readonly (readonly LinePoint[])[], timesMs: readonly number[]): LinePoint[] {
  const points: LinePoint[] = [];
  for (const t of timesMs) {
    const values = curves.map((c) => valueAt(c, t));
    if (values.some((v) => v === undefined)) continue;
    points.push({ x: t, y: values.reduce((sum: number, v) => sum + v!, 0) / values.length });
  }
  return points;
}

/**
 * Mean gap to the best known over time, one series per instance class (classes in order of
 * first appearance) and one over all instances, sampled ten times a decade; a series starts once
 * each of its instances has a solution without unassigned customers. Instances no table lists
 * are left out.
 */
export function classGapChartSvg(folderName: string, results: readonly CurvedResult[]): string {
  const withBks = results.filter((r) => primaryBks(r) !== undefined);
  if (withBks.length === 0) throw new ChartInputError('CHART_EMPTY', `no instance of ${folderName} has a best-known solution to compare with`);
  const curveOf = (r: CurvedResult) => {
    const bks = primaryBks(r)!;
    return bestSoFar(r, (d) => (100 * (d - bks.distance)) / bks.distance);
  };
  const times = logSampleTimesMs(Math.max(...withBks.map((r) => r.timeMs)));
  const classes = [...new Set(withBks.map((r) => r.class ?? 'other'))];
  const series: LineSeries[] = [
    ...classes.map((c) => {
      const members = withBks.filter((r) => (r.class ?? 'other') === c);
      return { name: `${c} (${members.length})`, points: meanCurve(members.map(curveOf), times) };
    }),
    { name: `all (${withBks.length})`, points: meanCurve(withBks.map(curveOf), times), color: '#000000', emphasis: true },
  ].filter((s) => s.points.length > 0);
  if (series.length === 0) throw new ChartInputError('CHART_EMPTY', `no class of ${folderName} has a solution without unassigned customers on every instance`);
  const objective = withBks[0]!.objective;
  return lineChartSvg({
    title: `Time to quality, ${folderName}: mean gap per class (${objective} objective)`,
    x: { quantity: 'time since the solve started', unit: 'ms', scale: 'log' },
    y: { quantity: 'mean best distance above the best known', unit: '%' },
    series,
    interpolation: 'step',
    markers: false,
    referenceLines: [{ y: 0, name: 'best known' }],
  });
}
