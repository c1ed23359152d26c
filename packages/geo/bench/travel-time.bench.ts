/**
 * Straight-line travel times: full sources × targets matrices (seconds and metres) at a free-flow
 * and a congested departure, and single-trip rates. Seeded points in a 15 km disc (a city).
 */
import { StraightLineProvider, mulberry32, randomPointInDisc, type LngLat, type TravelMode } from '@o2o/geo';
import { medianMs, opsPerSec, type BenchFigures, type BenchOptions } from './bench-util.js';

const CITY: LngLat = [2.3522, 48.8566];
const CITY_RADIUS_M = 15_000;
/** 2024-01-10 (a Wednesday) at 03:00 UTC: free flow in the default profile. */
const NIGHT = Date.UTC(2024, 0, 10, 3) / 1000;
/** 2024-01-10 at 07:45 UTC: into the morning peak, trips cross the 08:00 and 09:00 marks. */
const PEAK = Date.UTC(2024, 0, 10, 7, 45) / 1000;

function cityPoints(seed: number, n: number): LngLat[] {
  const rng = mulberry32(seed);
  return Array.from({ length: n }, () => randomPointInDisc(rng, CITY, CITY_RADIUS_M));
}

/**
 * Median and min ms of an n × n matrix (validation, allocation and both arrays included); every
 * repeat uses a new departure second, so no departure plan is reused.
 */
function matrixMs(
  provider: StraightLineProvider,
  n: number,
  departAt: number,
  mode: TravelMode,
  opts: BenchOptions,
  reuseOutput: boolean,
): { medianMs: number; minMs: number } {
  const sources = cityPoints(1, n);
  const targets = cityPoints(2, n);
  const out = reuseOutput ? { durationSecOut: new Int32Array(n * n), distanceMOut: new Int32Array(n * n) } : {};
  let k = 0;
  const times: number[] = [];
  const once = (): void => {
    const t0 = process.hrtime.bigint();
    provider.matrixSync(sources, targets, departAt + ++k, { mode, ...out });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  };
  for (let w = 0; w < 3; w++) provider.matrixSync(sources, targets, departAt - w, { mode, ...out }); // warm-up
  const median = medianMs(once, opts.smoke ? 3 : 21);
  return { medianMs: median, minMs: Math.min(...times) };
}

/** Awaited `duration()` calls per second (the async path a remote provider would take). */
async function asyncDurationsPerSec(provider: StraightLineProvider, pairs: LngLat[], departAt: number, numCalls: number): Promise<number> {
  const t0 = process.hrtime.bigint();
  for (let c = 0; c < numCalls; c++) {
    await provider.duration(pairs[c % pairs.length]!, pairs[(c * 7 + 1) % pairs.length]!, departAt, { mode: 'car' });
  }
  return numCalls / (Number(process.hrtime.bigint() - t0) / 1e9);
}

export async function run(opts: BenchOptions): Promise<BenchFigures> {
  const n = opts.smoke ? 50 : 1000;
  const provider = new StraightLineProvider();
  const figures: BenchFigures = { matrixSize: `${n}x${n}` };
  for (const [name, departAt, mode, reuseOutput] of [
    ['matrixFreeFlowCar', NIGHT, 'car', false],
    ['matrixCongestedCar', PEAK, 'car', false],
    ['matrixCongestedEscooter', PEAK, 'escooter', false],
    ['matrixCongestedCarInto', PEAK, 'car', true],
  ] as const) {
    const { medianMs: median, minMs } = matrixMs(provider, n, departAt, mode, opts, reuseOutput);
    figures[`${name}MedianMs`] = median;
    figures[`${name}MinMs`] = minMs;
    console.log(`  ${name}: median ${median.toFixed(2)} ms, min ${minMs.toFixed(2)} ms`);
  }

  const pairs = cityPoints(3, 1024);
  let c = 0;
  figures.durationSyncSameDepartPerSec = opsPerSec(
    'durationSync, same departAt',
    () => provider.durationSync(pairs[c++ & 1023]!, pairs[(c * 7) & 1023]!, PEAK, { mode: 'car' }),
    opts,
  );
  let t = PEAK;
  figures.durationSyncNewDepartPerSec = opsPerSec(
    'durationSync, new departAt each call',
    () => provider.durationSync(pairs[c++ & 1023]!, pairs[(c * 7) & 1023]!, ++t, { mode: 'car' }),
    opts,
  );
  figures.durationAsyncPerSec = await asyncDurationsPerSec(provider, pairs, PEAK, opts.smoke ? 1000 : 500_000);
  console.log(`  duration() awaited: ${Math.round(figures.durationAsyncPerSec)} calls/s`);
  for (const [name, v] of Object.entries(figures)) if (typeof v === 'number') figures[name] = Number(v.toPrecision(4));
  return figures;
}
