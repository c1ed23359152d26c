import { H3Heatmap, mulberry32, randomPointInDisc, type HeatmapEventKind } from '@o2o/geo';
import { MB, measureRetained, medianMs, type BenchFigures, type BenchOptions } from './bench-util.js';

const BOGOTA = [-74.08, 4.65] as const;
const WINDOW_SEC = 900;

/** A seeded event stream: coordinates, times (s) and kinds (0 demand, 1 supply). */
interface EventStream {
  readonly coords: Float64Array;
  readonly timesSec: Float64Array;
  readonly kinds: Uint8Array;
}

/**
 * One hour of Bogotá: orders clustered around 12 hotspots (1.5 km spread) plus a uniform
 * background, idle-rider pings spread over 15 km, ~5 % of events arriving up to 30 s late.
 */
function bogotaHour(numEvents: number): EventStream {
  const rng = mulberry32(7);
  const hotspots = Array.from({ length: 12 }, () => randomPointInDisc(rng, BOGOTA, 10_000));
  const coords = new Float64Array(numEvents * 2);
  const timesSec = new Float64Array(numEvents);
  const kinds = new Uint8Array(numEvents);
  for (let i = 0; i < numEvents; i++) {
    const isDemand = rng() < 0.4;
    const [lng, lat] = isDemand && rng() < 0.8 ? randomPointInDisc(rng, hotspots[i % hotspots.length]!, 1_500) : randomPointInDisc(rng, BOGOTA, 15_000);
    coords[2 * i] = lng;
    coords[2 * i + 1] = lat;
    timesSec[i] = (i / numEvents) * 3_600 - (rng() < 0.05 ? rng() * 30 : 0);
    kinds[i] = isDemand ? 0 : 1;
  }
  return { coords, timesSec, kinds };
}

const KINDS: readonly HeatmapEventKind[] = ['demand', 'supply'];

/** Time bucket of the bucketed variant, seconds (the dispatch service's default). */
const BUCKET_SEC = 5;

function replay(stream: EventStream, bucketSec = 0): H3Heatmap {
  const heatmap = new H3Heatmap({ windowSec: WINDOW_SEC, bucketSec });
  const n = stream.timesSec.length;
  for (let i = 0; i < n; i++) {
    heatmap.add(KINDS[stream.kinds[i]!]!, stream.coords[2 * i]!, stream.coords[2 * i + 1]!, stream.timesSec[i]!);
  }
  return heatmap;
}

/**
 * Heatmap under a realistic load (res 8, 15-minute window, k = 1 smoothing): add rate over a
 * one-hour stream, then snapshot (smoothing), top-20 and GeoJSON export times on the final window;
 * the same stream with 5 s time buckets (add rate, entries and retained memory, run in the same
 * process so the two compare).
 */
export function run(opts: BenchOptions): BenchFigures {
  const numEvents = opts.smoke ? 5_000 : 500_000;
  const repeats = opts.smoke ? 1 : 5;
  const stream = bogotaHour(numEvents);
  const addMs = medianMs(() => replay(stream), repeats);
  const { value: heatmap, bytes } = measureRetained(() => replay(stream));
  const snapshotMs = medianMs(() => heatmap.cells(), repeats);
  const hottestMs = medianMs(() => heatmap.hottest(20, 'smoothedRatio'), repeats);
  const exportMs = medianMs(() => JSON.stringify(heatmap.toGeoJSON()), repeats);
  const bucketedAddMs = medianMs(() => replay(stream, BUCKET_SEC), repeats);
  const { value: bucketed, bytes: bucketedBytes } = measureRetained(() => replay(stream, BUCKET_SEC));
  const figures: BenchFigures = {
    events: numEvents,
    eventsInWindow: heatmap.numEvents,
    cellsWithEvents: heatmap.numCells,
    cellsInSnapshot: heatmap.cells().length,
    addEventsPerSec: Math.round(numEvents / (addMs / 1_000)),
    retainedMB: Number((bytes / MB).toFixed(2)),
    snapshotMs: Number(snapshotMs.toFixed(2)),
    hottest20Ms: Number(hottestMs.toFixed(2)),
    geojsonExportMs: Number(exportMs.toFixed(2)),
    entriesInWindow: heatmap.numEntries,
    bucketedAddEventsPerSec: Math.round(numEvents / (bucketedAddMs / 1_000)),
    bucketedEntriesInWindow: bucketed.numEntries,
    bucketedRetainedMB: Number((bucketedBytes / MB).toFixed(2)),
  };
  console.log(`  with ${BUCKET_SEC} s buckets: ${figures.bucketedAddEventsPerSec} events/s, ${figures.bucketedEntriesInWindow} entries for ${figures.eventsInWindow} events, ${figures.bucketedRetainedMB} MB (exact: ${figures.retainedMB} MB)`);
  console.log(`  ${figures.addEventsPerSec} events/s; snapshot ${figures.snapshotMs} ms, GeoJSON ${figures.geojsonExportMs} ms for ${figures.cellsInSnapshot} cells`);
  return figures;
}
