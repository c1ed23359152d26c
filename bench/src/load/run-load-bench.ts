/**
 * The load bench end to end: start the service as a child process, seed the city, run the order
 * stream (open loop, worker thread) and the location stream (autocannon, this thread) through a
 * warm-up and the measured window while sampling the child's RSS and reading its epoch counter,
 * then stop the child and remove its data. The method is described in `commands/load.command.ts`.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LocalRedisServer, TokenIssuer } from '@o2o/dispatch-worker';
import { runEnvironment } from '../report/run-environment.js';
import { LoadCity, LocationBatchFactory } from './load-city.js';
import { buildLoadReport, type CpuUse, type LoadReport, type LoadReportInput, type LoadSettings, type ServiceMemory } from './load-report.js';
import { runLocationStream, type LocationStreamResult } from './location-stream.js';
import { LatencyHistogram } from './latency-histogram.js';
import { OrderGeneratorThread } from './order-generator-thread.js';
import { readProcessTreeCpuSec } from './process-tree.js';
import { RssSampler } from './rss-sampler.js';
import { readEpochsTotal, setupLoadCity, waitForRegionsShared } from './service-client.js';
import { ServiceProcess, resolveServiceMainPath } from './service-process.js';

/** Seconds after which an order or location request counts as a timeout. */
const REQUEST_TIMEOUT_SEC = 10;
/** Requests in flight while seeding stores and riders. */
const SETUP_CONCURRENCY = 50;

export interface LoadBenchOptions extends LoadSettings {
  /** Keep the service's data folder (its path is logged). */
  readonly keepData: boolean;
  /** Progress lines. */
  readonly log: (line: string) => void;
}

/** Sleeps until the `Date.now()` instant `atEpochMs`; rejects early when `signal` aborts. */
async function sleepUntilEpoch(atEpochMs: number, signal: AbortSignal): Promise<void> {
  await sleep(Math.max(0, atEpochMs - Date.now()), undefined, { signal });
}

/** What the location stream returns when it is switched off (`--location-rate 0`). */
const NO_LOCATIONS: LocationStreamResult = { requestsOk: 0, acceptedEntries: 0, errors: {}, p50Ms: 0, p90Ms: 0, p99Ms: 0, maxMs: 0 };

/** What the streams and the window sampling measured: the report's input without its context. */
type Streams = Omit<LoadReportInput, 'settings' | 'setupSec' | 'environment'>;

/** The run's schedule, in `Date.now()` milliseconds. */
interface Schedule {
  readonly startAtMs: number;
  readonly windowStartMs: number;
  readonly windowEndMs: number;
}

interface StreamContext {
  readonly options: LoadBenchOptions;
  readonly service: ServiceProcess;
  readonly token: string;
  readonly city: LoadCity;
  readonly signal: AbortSignal;
  /** The Redis server of `--backend redis`. */
  readonly redis?: LocalRedisServer;
  /** Every service process (`--instances N`: N of them; `service` is the first). */
  readonly services: readonly ServiceProcess[];
}

function startLocationStream({ options, service, token, city, signal }: StreamContext, schedule: Schedule, openLoop: OrderGeneratorThread | undefined): Promise<LocationStreamResult> {
  if (options.locationRequestsPerSec === 0) return Promise.resolve(NO_LOCATIONS);
  if (openLoop !== undefined) {
    return openLoop.run(schedule.startAtMs).then((r) => {
      const latency = new LatencyHistogram(r.latency);
      return {
        requestsOk: r.okCompletedInWindow,
        acceptedEntries: r.okCompletedInWindow * options.batch,
        errors: r.window.errors,
        p50Ms: latency.percentileMs(50),
        p90Ms: latency.percentileMs(90),
        p99Ms: latency.percentileMs(99),
        maxMs: latency.maxMs,
      };
    });
  }
  return runLocationStream({
    baseUrl: service.baseUrl,
    token,
    requestsPerSec: options.locationRequestsPerSec,
    connections: options.locationConnections,
    startAtEpochMs: schedule.startAtMs,
    warmupSec: options.warmupSec,
    durationSec: options.durationSec,
    batch: options.batch,
    bodies: new LocationBatchFactory(city, options.batch, options.seed),
    timeoutSec: REQUEST_TIMEOUT_SEC,
    signal,
  });
}

/**
 * Waits out the warm-up, then samples the window (epoch counter at both ends, RSS every second);
 * `interrupted` (the service died, a stream failed) ends the wait early with its error.
 */
async function measureWindow({ options, services, signal, redis }: StreamContext, schedule: Schedule, interrupted: Promise<unknown>) {
  const samplers = services.map((s) => new RssSampler(s.pid));
  // Several instances: memory, CPU and epochs are the sums over them.
  const sum = (values: readonly (number | undefined)[]): number | undefined => (values.some((v) => v === undefined) ? undefined : values.reduce<number>((a, v) => a + v!, 0));
  const epochsTotal = async (): Promise<number | undefined> => sum(await Promise.all(services.map((s) => readEpochsTotal(s.baseUrl))));
  const cpuSec = (): number | undefined => sum(services.map((s) => readProcessTreeCpuSec(s.pid)));
  try {
    await Promise.race([sleepUntilEpoch(schedule.windowStartMs, signal), interrupted]);
    options.log(`measuring ${options.durationSec} s`);
    const epochsAtStart = await epochsTotal();
    for (const sampler of samplers) sampler.start();
    const cpuAtStart = { serviceSec: cpuSec(), redisSec: redis === undefined ? undefined : readProcessTreeCpuSec(redis.pid), bench: process.cpuUsage(), atMs: performance.now() };
    await Promise.race([sleepUntilEpoch(schedule.windowEndMs, signal), interrupted]);
    const ends = samplers.map((sampler) => sampler.stop());
    const endMemory = ends.some((e) => e === undefined) ? undefined : { rssKb: sum(ends.map((e) => e!.rssKb))!, peakRssKb: sum(ends.map((e) => e!.peakRssKb))! };
    const serviceCpuSec = cpuSec();
    const redisCpuSec = redis === undefined ? undefined : readProcessTreeCpuSec(redis.pid);
    const benchCpu = process.cpuUsage(cpuAtStart.bench);
    const elapsedSec = (performance.now() - cpuAtStart.atMs) / 1000;
    const cpu: CpuUse = {
      servicePct: serviceCpuSec === undefined || cpuAtStart.serviceSec === undefined ? undefined : ((serviceCpuSec - cpuAtStart.serviceSec) / elapsedSec) * 100,
      benchPct: ((benchCpu.user + benchCpu.system) / 1e6 / elapsedSec) * 100,
      ...(redisCpuSec === undefined || cpuAtStart.redisSec === undefined ? {} : { redisPct: ((redisCpuSec - cpuAtStart.redisSec) / elapsedSec) * 100 }),
    };
    const epochsAtEnd = await epochsTotal();
    const memory: ServiceMemory = {
      windowPeakKb: sum(samplers.map((sampler) => sampler.peakKb)),
      lifetimePeakKb: endMemory?.peakRssKb,
      afterFirstMinuteKb: options.durationSec >= 90 ? sum(samplers.map((sampler) => sampler.sampleAt(60)?.rssKb)) : undefined,
      endKb: endMemory?.rssKb,
      ...(options.durationSec >= 120
        ? {
            medianAfterFirstMinuteKb: sum(samplers.map((sampler) => sampler.medianKbBetween(60, 90))),
            medianEndKb: sum(samplers.map((sampler) => sampler.medianKbBetween(sampler.lastAtSec - 30, Infinity))),
            byMinuteKb: Array.from({ length: Math.floor(options.durationSec / 60) }, (_, m) => sum(samplers.map((sampler) => sampler.medianKbBetween(60 * m, 60 * (m + 1))))),
          }
        : {}),
    };
    return { epochsAtStart, epochsAtEnd, memory, cpu };
  } finally {
    for (const sampler of samplers) sampler.stop();
  }
}

/** Warm-up then the measured window, both streams at once; the service is up and seeded. */
async function runStreams(options: LoadBenchOptions, services: readonly ServiceProcess[], token: string, city: LoadCity, runId: string, redis: LocalRedisServer | undefined): Promise<Streams> {
  const service = services[0]!;
  const moreOrigins = services.slice(1).map((s) => s.baseUrl);
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const generator = await OrderGeneratorThread.start({
    settings: { origin: service.baseUrl, moreOrigins, path: '/v1/orders', headers, ratePerSec: options.rate, warmupSec: options.warmupSec, durationSec: options.durationSec, connections: options.orderConnections, timeoutMs: REQUEST_TIMEOUT_SEC * 1000 },
    requests: { kind: 'orders', numStores: options.stores, seed: options.seed, runId },
  });
  // Locations: evenly spread like the orders (a fleet reports all the time), or autocannon.
  const locationThread =
    options.locationRequestsPerSec > 0 && options.locationDriver === 'open-loop'
      ? await OrderGeneratorThread.start({
          settings: { origin: service.baseUrl, moreOrigins, path: '/v1/riders/locations', headers, ratePerSec: options.locationRequestsPerSec, warmupSec: options.warmupSec, durationSec: options.durationSec, connections: options.locationConnections, timeoutMs: REQUEST_TIMEOUT_SEC * 1000 },
          requests: { kind: 'locations', numStores: options.stores, numRiders: options.riders, batch: options.batch, seed: options.seed },
        })
      : undefined;
  const abort = new AbortController();
  const context: StreamContext = { options, service, services, token, city, signal: abort.signal, ...(redis === undefined ? {} : { redis }) };
  try {
    const startAtMs = Date.now() + 100;
    const windowStartMs = startAtMs + options.warmupSec * 1000;
    const schedule: Schedule = { startAtMs, windowStartMs, windowEndMs: windowStartMs + options.durationSec * 1000 };
    const streamsDone = Promise.all([generator.run(startAtMs), startLocationStream(context, schedule, locationThread)]);
    // A dead service ends the run at once, with its stderr.
    const serviceDied = Promise.race(services.map((s) => s.exited.then((code) => ({ s, code })))).then(({ s, code }) => {
      throw new Error(`the dispatch service (pid ${s.pid}) exited (${code}) during the run\n--- service stderr ---\n${s.stderrTail}`);
    });
    streamsDone.catch(() => {});
    serviceDied.catch(() => {});
    const window = await measureWindow(context, schedule, Promise.race([serviceDied, streamsDone]));
    options.log('window over; waiting for the last answers');
    const [orders, locations] = await Promise.race([streamsDone, serviceDied]);
    if (services.some((s) => s.hasExited)) await serviceDied;
    return { orders, locations, ...window };
  } finally {
    abort.abort();
    await generator.terminate();
    await locationThread?.terminate();
  }
}

/** Runs the whole bench; the child is always stopped and, unless `keepData`, its data removed. */
export async function runLoadBench(options: LoadBenchOptions): Promise<LoadReport> {
  const runId = randomBytes(4).toString('hex');
  const authSecret = randomBytes(48).toString('base64url');
  const dataDir = mkdtempSync(join(tmpdir(), 'o2o-load-'));
  const services: ServiceProcess[] = [];
  let redis: LocalRedisServer | undefined;
  const cleanUpNow = (): void => {
    for (const s of services) s.killNow();
    redis?.killNow();
    if (!options.keepData) rmSync(dataDir, { recursive: true, force: true });
  };
  // Ctrl-C: stop the service as at the end of a run, then exit.
  const onSigint = (): void => {
    void Promise.all(services.map((s) => s.stop())).finally(() => {
      cleanUpNow();
      process.exit(130);
    });
  };
  process.once('SIGINT', onSigint);
  process.once('exit', cleanUpNow);
  try {
    const mainPath = resolveServiceMainPath();
    options.log(`starting ${mainPath} (data in ${dataDir})`);
    const extraArgs: string[] = options.httpWorkers > 0 ? ['--http-workers', String(options.httpWorkers)] : [];
    if (options.backend === 'redis') {
      redis = await LocalRedisServer.start({ dir: dataDir, appendfsync: 'always' });
      options.log(`redis-server pid ${redis.pid} at ${redis.url} (appendfsync always)`);
      // One process on one namespace, or one city over N instances (regions, leases, intake streams).
      extraArgs.push('--store', 'redis', '--redis-url', redis.url, ...(options.instances > 0 ? ['--city', `load-${runId}`] : ['--redis-namespace', `load-${runId}`]));
    }
    if (options.instances > 0) {
      const started = await Promise.all(Array.from({ length: options.instances }, () => ServiceProcess.start({ mainPath, dataDir, authSecret, extraArgs, demo: false })));
      services.push(...started);
    } else {
      services.push(await ServiceProcess.start({ mainPath, dataDir, authSecret, extraArgs }));
    }
    const service = services[0]!;
    options.log(`service pid${services.length > 1 ? 's' : ''} ${services.map((s) => s.pid).join(', ')} at ${services.map((s) => s.baseUrl).join(', ')}`);
    const token = await new TokenIssuer({ secret: authSecret }).mint({ role: 'admin' });
    const city = new LoadCity(options.stores, options.riders, options.seed);
    options.log(`setup: ${options.stores} stores, ${options.riders} riders on shift`);
    const setup = await setupLoadCity(service.baseUrl, token, city, SETUP_CONCURRENCY);
    if (options.instances > 0) {
      const shared = await waitForRegionsShared(service.baseUrl, token, options.instances);
      options.log(`${shared.regions} regions over ${shared.owners} instance${shared.owners === 1 ? '' : 's'}`);
    }
    options.log(`warm-up ${options.warmupSec} s`);
    const streams = await runStreams(options, services, token, city, runId, redis);
    const { keepData: _keepData, log: _log, ...settings } = options;
    return buildLoadReport({ settings, ...streams, setupSec: setup.setupSec, environment: runEnvironment() });
  } finally {
    process.removeListener('SIGINT', onSigint);
    process.removeListener('exit', cleanUpNow);
    await Promise.all(services.map((s) => s.stop()));
    await redis?.stop();
    if (options.keepData) options.log(`service data kept in ${dataDir}`);
    else rmSync(dataDir, { recursive: true, force: true });
  }
}
