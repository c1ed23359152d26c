/**
 * `o2o-bench load [--duration S] [--rate N] [--location-rate N] [--batch N] [--riders N]
 * [--stores N] [--warmup S] [--seed N] [--location-driver open-loop|autocannon] [--connections N]
 * [--http-workers N] [--backend sqlite|redis] [--instances N] [--json] [--keep-data] [--svg DIR]`: the dispatch
 * service under sustained order and rider-location traffic while its dispatch epochs run.
 * `--svg DIR` writes the latency percentiles as `load-latency.svg` (`charts/load-latency-chart.ts`).
 *
 * Method:
 * - **The service runs as a child process**: `node <dispatch-worker>/dist/main.js --host 127.0.0.1
 *   --port 0 --data-dir <fresh temp dir> --demo --log-level warn`, with a random 48-byte
 *   `O2O_AUTH_SECRET`; the bench waits for its `o2o-dispatch listening on …` line (60 s at most)
 *   and mints an admin token with the same secret. The child is always stopped at the end
 *   (SIGTERM, SIGKILL after 5 s) and its data folder removed unless `--keep-data`.
 *   `O2O_SERVICE_MAIN` points the bench at another build of the service.
 * - **Setup, not measured**: `--stores` restaurants (no inventory) and `--riders` bike riders on
 *   shift, spread uniformly over a 10 km × 10 km square around Bogotá, registered with 50
 *   requests in flight.
 * - **Orders: open loop, on a worker thread.** `POST /v1/orders` number k is due at
 *   t0 + k / rate (evenly spaced; a 1 ms timer sends all that are due), over `--connections` (100) keep-alive
 *   HTTP/1.1 connections used in turn, one request at a time each (raw sockets with a small
 *   response reader: node:http's client costs ~150 µs of CPU a request here, too much for
 *   5,000/s from one thread). Latency runs from the request's *scheduled* time to the end of
 *   its answer, so time spent waiting for a free connection, or behind a stalled server, is
 *   counted (no coordinated omission). Bodies are seeded: a store, 1–3 meals, a drop-off within
 *   3 km of the store (215–345 bytes, median 280), each with its own `idempotency-key`. A
 *   request not answered 10 s after its scheduled time is abandoned and counted as a timeout.
 * - **Order figures**: percentiles come from a fixed-bucket histogram (0.1 % resolution) of the
 *   2xx answers of the requests scheduled in the window (`orders` counts them); every other
 *   outcome (429 backpressure, 5xx, timeouts, socket errors) is counted in `orderErrors` by
 *   status. Judge a run with errors on those first: a 429 or a timeout is not in the
 *   percentiles. `ordersPerSec` is the number of 2xx answers *completed* within the window
 *   divided by its length, so an overloaded service cannot look fast by answering late.
 * - **Generator health**: the generator has its own event loop (autocannon and the bench's
 *   timers run on the main thread, the service in another process).
 *   `generator.scheduleLagP99Ms` / `maxScheduleLagMs` say how late its timer took window
 *   requests off the schedule: a few ms is normal on 2 vCPU shared with the service; a high p99
 *   means the machine, not the service, set the pace (a lone high max is one hiccup, counted in
 *   the latencies as a real client would see it). `generator.maxQueued` is the most requests
 *   ever waiting for a free connection.
 * - **Rider locations: open loop by default** (`--location-driver open-loop`): the same generator on a
 *   second worker thread, `POST /v1/riders/locations` batches evenly spread at
 *   `--location-rate / --batch` requests per second over 20 connections — a fleet reports its
 *   positions all the time, not in bursts. `locationUpdatesPerSec` = 2xx answers completed in the
 *   window × `--batch`; latencies from the scheduled time as for orders.
 * - **Rider locations with `--location-driver autocannon`**: autocannon on the main thread, `POST /v1/riders/locations` with
 *   `--batch` entries per request at `--location-rate / --batch` requests per second over 20
 *   connections (riders in turn, each a few hundred metres from its start), one run through the
 *   warm-up and the window. Only answers completed inside the window count:
 *   `locationUpdatesPerSec` sums the `accepted` counts of their 2xx answers, and their latencies
 *   (from the actual send, autocannon's coordinated-omission correction off) go into the same
 *   kind of histogram as the orders'. autocannon's rate limit is bursty (each connection sends
 *   its per-second budget back to back, then waits for the next second), so `locationP99Ms` is
 *   pessimistic next to evenly spread arrivals.
 * - **Warm-up**: both streams run `--warmup` seconds (5) at the same rates before the measured
 *   window of `--duration` seconds; warm-up answers are not counted.
 * - **Epochs**: `o2o_epochs_total` from `GET /metrics` at both ends of the window
 *   (`epochsDuringLoad`; `epochs` is the counter at the end, i.e. since the service started).
 * - **Memory**: `VmRSS` of the child from `/proc/<pid>/status` every second during the window
 *   (one process: its worker threads are included). `rssMb` is the largest sample, `rssPeakMb`
 *   the kernel's `VmHWM` at the end (peak since start, between samples too), `rssGrowthPct` the
 *   end against the sample 60 s into the window (only for windows of 90 s or more), and
 *   `rssMedianGrowthPct` the median of the last 30 s against the median of seconds 60–90 (windows
 *   of 120 s or more): RSS follows the V8 heap's sawtooth (tens of MB), so one sample against
 *   another can show growth or shrinkage that is only the phase of the sawtooth; `rssByMinuteMb`
 *   is the median of each whole minute, the trend over the run.
 * - **CPU**: `serviceCpuPct` is the child's utime + stime (`/proc/<pid>/stat`, all threads) over
 *   the window in % of one core, `benchCpuPct` the same for the bench process (both streams).
 * - **Caveat**: the bench, autocannon and the service share the machine's cores; on 2 vCPU the
 *   figures are a lower bound of what the service does on its own.
 */
import { BenchArgError } from '../args/bench-arg-error.js';
import { integerFlag, parseFlags } from '../args/flag-values.js';
import { SVG_DIR_FLAG, svgDirFlag } from '../args/svg-dir-flag.js';
import { loadLatencyChartSvg } from '../charts/load-latency-chart.js';
import { writeSvgFile } from '../charts/write-svg-file.js';
import { formatLoadReport } from '../load/load-report.js';
import { runLoadBench } from '../load/run-load-bench.js';

/** Most entries the service accepts in one `POST /v1/riders/locations`. */
const MAX_BATCH = 1_000;

const LOAD_FLAGS = {
  duration: { type: 'string' },
  rate: { type: 'string' },
  'location-rate': { type: 'string' },
  batch: { type: 'string' },
  riders: { type: 'string' },
  stores: { type: 'string' },
  warmup: { type: 'string' },
  seed: { type: 'string' },
  'location-driver': { type: 'string' },
  connections: { type: 'string' },
  'http-workers': { type: 'string' },
  backend: { type: 'string' },
  instances: { type: 'string' },
  json: { type: 'boolean', default: false },
  'keep-data': { type: 'boolean', default: false },
  ...SVG_DIR_FLAG,
} as const;

export async function runLoadCommand(argv: readonly string[]): Promise<void> {
  const { values, positionals } = parseFlags('load', argv, LOAD_FLAGS);
  if (positionals.length > 0) throw new BenchArgError(`load takes no arguments, got ${JSON.stringify(positionals.join(' '))}`);
  const json = values.json === true;
  const { svgDir } = svgDirFlag(values.svg);
  const locationRate = integerFlag('location-rate', values['location-rate'], 0, 20_000);
  const batch = integerFlag('batch', values.batch, 1, 50);
  const riders = integerFlag('riders', values.riders, 1, 2_000);
  if (batch > MAX_BATCH) throw new BenchArgError(`--batch must be at most ${MAX_BATCH}, got ${batch}`);
  if (locationRate > 0 && batch > riders) throw new BenchArgError(`--batch must not exceed --riders (${riders}), got ${batch}`);
  const connections = integerFlag('connections', values.connections, 1, 100);
  if (connections > 2_000) throw new BenchArgError(`--connections must be at most 2000, got ${connections}`);
  const httpWorkers = integerFlag('http-workers', values['http-workers'], 0, 0);
  if (httpWorkers > 8) throw new BenchArgError(`--http-workers must be at most 8, got ${httpWorkers}`);
  const backend = values.backend ?? 'sqlite';
  if (backend !== 'sqlite' && backend !== 'redis') throw new BenchArgError(`--backend must be sqlite or redis, got ${JSON.stringify(backend)}`);
  const instances = integerFlag('instances', values.instances, 0, 0);
  if (instances > 8) throw new BenchArgError(`--instances must be at most 8, got ${instances}`);
  if (instances > 0 && backend !== 'redis') throw new BenchArgError(`--instances needs --backend redis (the instances of a city share Redis), got --backend ${backend}`);
  if (instances > 0 && httpWorkers > 0) throw new BenchArgError('--instances and --http-workers do not go together (each instance serves HTTP itself)');
  const driver = values['location-driver'] ?? 'open-loop';
  if (driver !== 'open-loop' && driver !== 'autocannon') throw new BenchArgError(`--location-driver must be open-loop or autocannon, got ${JSON.stringify(driver)}`);
  const report = await runLoadBench({
    locationDriver: driver,
    durationSec: integerFlag('duration', values.duration, 1, 60),
    warmupSec: integerFlag('warmup', values.warmup, 0, 5),
    rate: integerFlag('rate', values.rate, 1, 5_000),
    locationRate,
    batch,
    locationRequestsPerSec: locationRate === 0 ? 0 : Math.max(1, Math.round(locationRate / batch)),
    riders,
    stores: integerFlag('stores', values.stores, 1, 200),
    orderConnections: connections,
    httpWorkers,
    backend,
    instances,
    locationConnections: 20,
    seed: integerFlag('seed', values.seed, 0, 1),
    keepData: values['keep-data'] === true,
    log: (line) => {
      if (!json) console.error(`  ${line}`);
    },
  });
  console.log(json ? JSON.stringify(report) : formatLoadReport(report));
  if (svgDir !== undefined) console.error(`chart: ${writeSvgFile(svgDir, 'load-latency.svg', loadLatencyChartSvg(report))}`);
}
