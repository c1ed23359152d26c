/** The result of `o2o-bench load`: one JSON object, or a readable table. */
import { formatFixed, formatTable } from '../report/format-table.js';
import type { RunEnvironment } from '../report/run-environment.js';
import { LatencyHistogram } from './latency-histogram.js';
import type { LocationStreamResult } from './location-stream.js';
import type { OpenLoopResult } from './open-loop-generator.js';
import { kbToMb } from './process-memory.js';

export interface LoadSettings {
  readonly durationSec: number;
  readonly warmupSec: number;
  /** Orders per second offered. */
  readonly rate: number;
  /** Location updates per second offered (entries, not requests). */
  readonly locationRate: number;
  /** Entries per location request. */
  readonly batch: number;
  /** Location requests per second offered: locationRate / batch, rounded (0: no location stream). */
  readonly locationRequestsPerSec: number;
  readonly riders: number;
  readonly stores: number;
  readonly orderConnections: number;
  readonly locationConnections: number;
  /** HTTP fronts the service ran (`--http-workers`; 0: one process). */
  readonly httpWorkers: number;
  /** The service's order store: `sqlite` (embedded) or `redis` (a local redis-server, AOF `appendfsync always`). */
  readonly backend: 'sqlite' | 'redis';
  /**
   * Instances of one city on Redis (`--instances`, docs/scaling.md: regions, leases, intake
   * streams); 0: one process, no regions. Requests go to the instances in turn (connection i to
   * instance i mod N); CPU, RSS and epochs are summed over them.
   */
  readonly instances: number;
  /** `open-loop`: batches evenly spread (default); `autocannon`: autocannon's per-second budgets (bursty). */
  readonly locationDriver: 'open-loop' | 'autocannon';
  readonly seed: number;
}

/** Resident memory of the service over the measured window, in KiB. */
export interface ServiceMemory {
  /** Largest 1 s sample in the window. */
  readonly windowPeakKb: number | undefined;
  /** `VmHWM` at the end: the peak since the service started, between samples included. */
  readonly lifetimePeakKb: number | undefined;
  /** Sample 60 s into the window; undefined when the window is shorter than 90 s. */
  readonly afterFirstMinuteKb: number | undefined;
  readonly endKb: number | undefined;
  /** Median of the samples of seconds 60–90 of the window and of its last 30 s (undefined under 120 s). */
  readonly medianAfterFirstMinuteKb?: number | undefined;
  readonly medianEndKb?: number | undefined;
  /** Median of each whole minute of the window (windows of 120 s or more): the trend, not the sawtooth. */
  readonly byMinuteKb?: readonly (number | undefined)[];
}

/** CPU use over the measured window, in % of one core. */
export interface CpuUse {
  /** The service process, all its threads (undefined when /proc cannot tell). */
  readonly servicePct: number | undefined;
  /** The bench process: autocannon, the order generator's thread, the samplers. */
  readonly benchPct: number;
  /** The redis-server of `--backend redis`. */
  readonly redisPct?: number;
}

export interface LoadReportInput {
  readonly settings: LoadSettings;
  readonly orders: OpenLoopResult;
  readonly locations: LocationStreamResult;
  /** `o2o_epochs_total` at the start and end of the window (undefined: /metrics unreadable). */
  readonly epochsAtStart: number | undefined;
  readonly epochsAtEnd: number | undefined;
  readonly memory: ServiceMemory;
  readonly cpu: CpuUse;
  readonly setupSec: number;
  readonly environment: RunEnvironment;
}

const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;
const mbOrNull = (kb: number | undefined): number | null => (kb === undefined ? null : kbToMb(kb));

/** The JSON report; key order: the headline figures first. */
export function buildLoadReport(input: LoadReportInput) {
  const { settings, orders, locations, memory } = input;
  const latency = new LatencyHistogram(orders.latency);
  const windowSec = orders.windowSec;
  const growthPct = (from: number | undefined, to: number | undefined): number | null =>
    from === undefined || to === undefined || from === 0 ? null : round(((to - from) / from) * 100, 1);
  const epochsDuringLoad = input.epochsAtStart === undefined || input.epochsAtEnd === undefined ? null : input.epochsAtEnd - input.epochsAtStart;
  return {
    ordersPerSec: round(orders.okCompletedInWindow / windowSec, 1),
    orderP50Ms: round(latency.percentileMs(50), 2),
    orderP99Ms: round(latency.percentileMs(99), 2),
    locationUpdatesPerSec: round(locations.acceptedEntries / windowSec, 1),
    locationP99Ms: round(locations.p99Ms, 2),
    epochs: input.epochsAtEnd ?? null,
    rssMb: mbOrNull(memory.windowPeakKb),
    offeredOrdersPerSec: round(orders.window.scheduled / windowSec, 1),
    orders: orders.window.ok,
    orderErrors: orders.window.errors,
    orderP90Ms: round(latency.percentileMs(90), 2),
    orderP999Ms: round(latency.percentileMs(99.9), 2),
    orderMaxMs: round(latency.maxMs, 2),
    orderMeanMs: round(latency.meanMs, 2),
    offeredLocationUpdatesPerSec: settings.locationRequestsPerSec * settings.batch,
    locationRequestsPerSec: round(locations.requestsOk / windowSec, 1),
    locationErrors: locations.errors,
    locationP50Ms: round(locations.p50Ms, 2),
    locationP90Ms: round(locations.p90Ms, 2),
    locationMaxMs: round(locations.maxMs, 2),
    rssPeakMb: mbOrNull(memory.lifetimePeakKb),
    rssAfterFirstMinuteMb: mbOrNull(memory.afterFirstMinuteKb),
    rssEndMb: mbOrNull(memory.endKb),
    rssGrowthPct: growthPct(memory.afterFirstMinuteKb, memory.endKb),
    rssMedianAfterFirstMinuteMb: mbOrNull(memory.medianAfterFirstMinuteKb),
    rssMedianEndMb: mbOrNull(memory.medianEndKb),
    rssMedianGrowthPct: growthPct(memory.medianAfterFirstMinuteKb, memory.medianEndKb),
    rssByMinuteMb: memory.byMinuteKb === undefined ? null : memory.byMinuteKb.map(mbOrNull),
    durationSec: windowSec,
    epochsDuringLoad,
    serviceCpuPct: input.cpu.servicePct === undefined ? null : round(input.cpu.servicePct, 0),
    redisCpuPct: input.cpu.redisPct === undefined ? null : round(input.cpu.redisPct, 0),
    benchCpuPct: round(input.cpu.benchPct, 0),
    warmup: { scheduled: orders.warmup.scheduled, ok: orders.warmup.ok, errors: orders.warmup.errors },
    generator: {
      scheduleLagP99Ms: round(new LatencyHistogram(orders.scheduleLag).percentileMs(99), 2),
      maxScheduleLagMs: round(orders.window.maxScheduleLagMs, 2),
      maxQueued: orders.maxQueued,
    },
    setupSec: round(input.setupSec, 2),
    settings,
    environment: input.environment,
  };
}

export type LoadReport = ReturnType<typeof buildLoadReport>;

function formatCounts(counts: Readonly<Record<string, number>>): string {
  const entries = Object.entries(counts);
  return entries.length === 0 ? '0' : entries.map(([key, count]) => `${key}: ${count}`).join(', ');
}

/** The report as a Metric | Value table, with the run's settings above it. */
export function formatLoadReport(report: LoadReport): string {
  const s = report.settings;
  const ms = (value: number): string => `${formatFixed(value, 2)} ms`;
  const mb = (value: number | null): string => (value === null ? '-' : `${formatFixed(value, 1)} MB`);
  const rows: string[][] = [
    ['orders/s (2xx, completed in window)', `${formatFixed(report.ordersPerSec, 1)} (offered ${formatFixed(report.offeredOrdersPerSec, 1)})`],
    ['orders 2xx / errors', `${report.orders} / ${formatCounts(report.orderErrors)}`],
    ['order latency p50 / p90 / p99', `${ms(report.orderP50Ms)} / ${ms(report.orderP90Ms)} / ${ms(report.orderP99Ms)}`],
    ['order latency p99.9 / max', `${ms(report.orderP999Ms)} / ${ms(report.orderMaxMs)}`],
    ['location updates/s (accepted)', `${formatFixed(report.locationUpdatesPerSec, 1)} (offered ${report.offeredLocationUpdatesPerSec})`],
    ['location requests/s (2xx) / errors', `${formatFixed(report.locationRequestsPerSec, 1)} / ${formatCounts(report.locationErrors)}`],
    ['location latency p50 / p99 / max (autocannon)', `${ms(report.locationP50Ms)} / ${ms(report.locationP99Ms)} / ${ms(report.locationMaxMs)}`],
    ['epochs in window / since start', `${report.epochsDuringLoad ?? '-'} / ${report.epochs ?? '-'}`],
    ['service RSS peak in window (1 s samples)', mb(report.rssMb)],
    ['service RSS peak since start (VmHWM)', mb(report.rssPeakMb)],
    ['service RSS after 1st minute / end / growth', `${mb(report.rssAfterFirstMinuteMb)} / ${mb(report.rssEndMb)} / ${report.rssGrowthPct === null ? '-' : `${formatFixed(report.rssGrowthPct, 1)} %`}`],
    ['service RSS median of s 60–90 / of the last 30 s / growth', `${mb(report.rssMedianAfterFirstMinuteMb)} / ${mb(report.rssMedianEndMb)} / ${report.rssMedianGrowthPct === null ? '-' : `${formatFixed(report.rssMedianGrowthPct, 1)} %`}`],
    ['CPU over the window: service / bench (% of a core)', `${report.serviceCpuPct ?? '-'} / ${report.benchCpuPct}`],
    ['generator schedule lag p99 / max, max queued', `${ms(report.generator.scheduleLagP99Ms)} / ${ms(report.generator.maxScheduleLagMs)}, ${report.generator.maxQueued}`],
  ];
  const header =
    `load: ${report.durationSec} s measured after a ${s.warmupSec} s warm-up; ${s.rate} orders/s on ${s.orderConnections} connections, ` +
    `${s.locationRate} location updates/s in batches of ${s.batch} on ${s.locationConnections} connections (${s.locationDriver}); ${s.stores} stores, ${s.riders} riders, ${s.httpWorkers === 0 ? 'one service process' : `${s.httpWorkers} HTTP front(s) + the writer`}, ${s.backend} store ` +
    `(setup ${formatFixed(report.setupSec, 1)} s; node ${report.environment.node}, ${report.environment.numCpus} CPUs)`;
  return `${header}\n\n${formatTable([{ header: 'Metric' }, { header: 'Value', align: 'right' }], rows)}`;
}
