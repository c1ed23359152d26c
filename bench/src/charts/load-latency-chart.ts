/**
 * The latency percentiles of `o2o-bench load --svg`: p50, p90, p99, p99.9 and max of the order
 * requests and of the rider-location requests, from the report (latency from the scheduled send
 * time, see `commands/load.command.ts`). The report has no p99.9 for locations: that bar reads
 * "n/a". A stream with no 2xx answer in the window is left out; the value axis is log10 unless a
 * value is 0.
 */
import type { LoadReport } from '../load/load-report.js';
import { ChartInputError } from './chart-input-error.js';
import { percentileChartSvg, type PercentileSeries } from './percentile-chart-svg.js';

export const LATENCY_CATEGORIES = ['p50', 'p90', 'p99', 'p99.9', 'max'] as const;

type LatencyFigures = Pick<
  LoadReport,
  | 'orders' | 'ordersPerSec' | 'offeredOrdersPerSec' | 'orderP50Ms' | 'orderP90Ms' | 'orderP99Ms' | 'orderP999Ms' | 'orderMaxMs'
  | 'locationRequestsPerSec' | 'locationUpdatesPerSec' | 'offeredLocationUpdatesPerSec' | 'locationP50Ms' | 'locationP90Ms' | 'locationP99Ms' | 'locationMaxMs'
  | 'durationSec'
> & { readonly settings: Pick<LoadReport['settings'], 'backend' | 'httpWorkers' | 'locationDriver'> & { readonly instances?: number } };

export function loadLatencyChartSvg(report: LatencyFigures): string {
  const series: PercentileSeries[] = [];
  if (report.orders > 0) {
    series.push({
      name: `POST /v1/orders: ${report.ordersPerSec}/s (offered ${report.offeredOrdersPerSec}/s)`,
      values: [report.orderP50Ms, report.orderP90Ms, report.orderP99Ms, report.orderP999Ms, report.orderMaxMs],
      color: '#0072B2',
    });
  }
  if (report.locationRequestsPerSec > 0) {
    series.push({
      name: `POST /v1/riders/locations: ${report.locationRequestsPerSec} req/s, ${report.locationUpdatesPerSec} updates/s (offered ${report.offeredLocationUpdatesPerSec}/s)`,
      values: [report.locationP50Ms, report.locationP90Ms, report.locationP99Ms, null, report.locationMaxMs],
      color: '#009E73',
    });
  }
  if (series.length === 0) throw new ChartInputError('CHART_EMPTY', 'the load run has no 2xx answer in its window: no latency to chart');
  const values = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const s = report.settings;
  const service = (s.instances ?? 0) > 0 ? `${s.instances} instances` : s.httpWorkers > 0 ? `${s.httpWorkers} HTTP fronts` : 'one process';
  return percentileChartSvg({
    title: `Load: latency from the scheduled send, ${report.durationSec} s window (${s.backend} store, ${service})`,
    categories: LATENCY_CATEGORIES,
    categoryLabel: `percentile of the 2xx answers in the window (locations: ${s.locationDriver})`,
    quantity: 'latency',
    unit: 'ms',
    series,
    scale: values.every((v) => v > 0) ? 'log' : 'linear',
  });
}
