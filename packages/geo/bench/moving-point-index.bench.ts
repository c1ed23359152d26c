import { latLngToCell } from 'h3-js';
import { GridBucketIndex, KdbushRebuildIndex, mulberry32, randomPointInDisc, type LngLat, type MovingIndex } from '@o2o/geo';
import { MB, measureRetained, opsPerSec, type BenchFigures, type BenchOptions } from './bench-util.js';

const CITY: LngLat = [116.4, 39.9];
const CITY_RADIUS_M = 15_000;
/** Largest move between two position reports, metres (about 5 s at 36 km/h). */
const STEP_M = 50;
const K = 10;
const MAX_DISTANCE_M = 3_000;

const CANDIDATES: Array<[string, () => MovingIndex]> = [
  ['grid', () => new GridBucketIndex()],
  ['kdbushRebuild', () => new KdbushRebuildIndex()],
];

/** Two position snapshots: tick t writes A or B, so every update moves a rider ≤ STEP_M. */
interface Fleet {
  numRiders: number;
  lngs: [Float64Array, Float64Array];
  lats: [Float64Array, Float64Array];
  queries: Float64Array;
}

/**
 * Both moving-point candidates on 50,000 riders uniform in a 15 km disc (Beijing): full-fleet
 * update ticks, k = 10 within 3 km queries on a static snapshot, and mixed ticks (update every
 * rider, then run Q queries). `memoryMB` includes a string id per rider (`rider-123`).
 * Also h3-js `latLngToCell`, the floor of an H3-bucketed update.
 */
export function run(opts: BenchOptions): BenchFigures {
  const fleet = makeFleet(opts.smoke ? 2_000 : 50_000, 1024);
  const figures: BenchFigures = { numRiders: fleet.numRiders };
  for (const [name, make] of CANDIDATES) Object.assign(figures, benchCandidate(name, make, fleet, opts));
  figures['h3LatLngToCellPerSec'] = Math.round(benchH3(fleet, opts));
  const gridTick = Number(figures['grid.tick1000QueriesMs']);
  const kdTick = Number(figures['kdbushRebuild.tick1000QueriesMs']);
  figures['fasterOnMixedTicks'] = gridTick <= kdTick ? 'grid' : 'kdbushRebuild';
  return figures;
}

function makeFleet(numRiders: number, numQueries: number): Fleet {
  const rng = mulberry32(99);
  const fleet: Fleet = {
    numRiders,
    lngs: [new Float64Array(numRiders), new Float64Array(numRiders)],
    lats: [new Float64Array(numRiders), new Float64Array(numRiders)],
    queries: new Float64Array(2 * numQueries),
  };
  for (let i = 0; i < numRiders; i++) {
    const a = randomPointInDisc(rng, CITY, CITY_RADIUS_M);
    const b = randomPointInDisc(rng, a, STEP_M);
    [fleet.lngs[0][i], fleet.lats[0][i]] = a;
    [fleet.lngs[1][i], fleet.lats[1][i]] = b;
  }
  for (let i = 0; i < numQueries; i++) [fleet.queries[2 * i], fleet.queries[2 * i + 1]] = randomPointInDisc(rng, CITY, CITY_RADIUS_M);
  return fleet;
}

function benchCandidate(name: string, make: () => MovingIndex, fleet: Fleet, opts: BenchOptions): BenchFigures {
  const n = fleet.numRiders;
  const { value: index, bytes } = measureRetained(() => {
    const built = make();
    for (let i = 0; i < n; i++) built.add(fleet.lngs[0][i]!, fleet.lats[0][i]!, `rider-${i}`);
    built.nearest(CITY[0], CITY[1], 1); // a kdbush candidate holds its tree from here on
    return built;
  });
  let tick = 0;
  const updateAll = () => {
    const lngs = (tick & 1) === 0 ? fleet.lngs[0] : fleet.lngs[1];
    const lats = (tick & 1) === 0 ? fleet.lats[0] : fleet.lats[1];
    for (let i = 0; i < n; i++) index.update(i, lngs[i]!, lats[i]!);
    tick++;
  };
  const numQueries = fleet.queries.length / 2;
  const outIdx = new Int32Array(K);
  let q = 0;
  let sink = 0;
  const query = () => {
    q = (q + 2) & (2 * numQueries - 1);
    sink += index.nearestInto(fleet.queries[q]!, fleet.queries[q + 1]!, K, MAX_DISTANCE_M, outIdx);
  };
  const noIds = measureRetained(() => {
    const built = make();
    for (let i = 0; i < n; i++) built.add(fleet.lngs[0][i]!, fleet.lats[0][i]!);
    built.nearest(CITY[0], CITY[1], 1);
    return built;
  });
  if (noIds.value.numLive !== n) throw new Error('unreachable: keeps the index alive');
  const label = `${name} n=${n}`;
  const updatesPerSec = opsPerSec(`${label} update every rider`, updateAll, opts) * n;
  query(); // rebuild (kdbush) outside the static measurement
  const knnPerSec = opsPerSec(`${label} nearestInto k=${K} within 3 km, static snapshot`, query, opts);
  const ticks: BenchFigures = {};
  for (const numTickQueries of opts.smoke ? [1000] : [100, 1000]) {
    const hz = opsPerSec(`${label} tick: update every rider + ${numTickQueries} queries`, () => {
      updateAll();
      for (let j = 0; j < numTickQueries; j++) query();
    }, opts);
    ticks[`${name}.tick${numTickQueries}QueriesMs`] = round(1000 / hz, 2);
  }
  if (!Number.isFinite(sink)) throw new Error('unreachable: keeps the loops alive');
  return {
    [`${name}.memoryMB`]: round(bytes / MB, 2),
    [`${name}.memoryWithoutExternalIdsMB`]: round(noIds.bytes / MB, 2),
    [`${name}.updatesPerSec`]: Math.round(updatesPerSec),
    [`${name}.knnPerSec`]: Math.round(knnPerSec),
    ...ticks,
  };
}

/** Rate of h3-js `latLngToCell` at resolution 9 (~174 m edge) over the riders' positions. */
function benchH3(fleet: Fleet, opts: BenchOptions): number {
  let i = 0;
  let sink = 0;
  const hz = opsPerSec('h3-js latLngToCell res 9 (one per H3-bucketed update)', () => {
    i = i + 1 < fleet.numRiders ? i + 1 : 0;
    sink += latLngToCell(fleet.lats[0][i]!, fleet.lngs[0][i]!, 9).length;
  }, opts);
  if (!Number.isFinite(sink)) throw new Error('unreachable');
  return hz;
}

function round(x: number, digits: number): number {
  return Number(x.toFixed(digits));
}
