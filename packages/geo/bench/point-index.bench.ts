import { around } from 'geokdbush';
import { PointIndex, mulberry32, randomPointInDisc, type LngLat } from '@o2o/geo';
import { MB, measureRetained, medianMs, opsPerSec, type BenchFigures, type BenchOptions } from './bench-util.js';

const CITY: LngLat = [116.4, 39.9];
const CITY_RADIUS_M = 15_000;
const K = 10;
const MAX_DISTANCE_M = 3_000;

/**
 * PointIndex over 100,000 stores uniform in a 15 km disc (Beijing), k = 10 within 3 km from
 * 1,024 seeded query points of the same city; geokdbush `around` on the same tree as baseline.
 */
export function run(opts: BenchOptions): BenchFigures {
  const numPoints = opts.smoke ? 2_000 : 100_000;
  const numQueries = 1024;
  const rng = mulberry32(7);
  const lngs = new Float64Array(numPoints);
  const lats = new Float64Array(numPoints);
  for (let i = 0; i < numPoints; i++) [lngs[i], lats[i]] = randomPointInDisc(rng, CITY, CITY_RADIUS_M);
  const queries = new Float64Array(2 * numQueries);
  for (let i = 0; i < numQueries; i++) [queries[2 * i], queries[2 * i + 1]] = randomPointInDisc(rng, CITY, CITY_RADIUS_M);

  const buildMs = medianMs(() => PointIndex.fromArrays(lngs, lats), opts.smoke ? 1 : 7);
  const { value: index, bytes } = measureRetained(() => PointIndex.fromArrays(lngs, lats));

  let q = 0;
  let sink = 0;
  const outIdx = new Int32Array(K);
  const label = `k=${K} within ${MAX_DISTANCE_M / 1000} km, n=${numPoints}`;
  const knnPerSec = opsPerSec(`PointIndex.nearest ${label}`, () => {
    q = (q + 2) & (2 * numQueries - 1);
    sink += index.nearest(queries[q]!, queries[q + 1]!, K, MAX_DISTANCE_M).length;
  }, opts);
  const knnIntoPerSec = opsPerSec(`PointIndex.nearestInto ${label}`, () => {
    q = (q + 2) & (2 * numQueries - 1);
    sink += index.nearestInto(queries[q]!, queries[q + 1]!, K, MAX_DISTANCE_M, outIdx);
  }, opts);
  const isEven = (idx: number) => (idx & 1) === 0;
  const knnFilteredPerSec = opsPerSec(`PointIndex.nearestInto, filter keeps 1/2, ${label}`, () => {
    q = (q + 2) & (2 * numQueries - 1);
    sink += index.nearestInto(queries[q]!, queries[q + 1]!, K, MAX_DISTANCE_M, outIdx, undefined, isEven);
  }, opts);
  const geokdbushPerSec = opsPerSec(`geokdbush around (baseline) ${label}`, () => {
    q = (q + 2) & (2 * numQueries - 1);
    sink += around(index.tree, queries[q]!, queries[q + 1]!, K, MAX_DISTANCE_M / 1000).length;
  }, opts);
  if (!Number.isFinite(sink)) throw new Error('unreachable: keeps the loops alive');

  return {
    numPoints,
    buildMs: round(buildMs, 1),
    memoryMB: round(bytes / MB, 2),
    knnPerSec: Math.round(knnPerSec),
    knnIntoPerSec: Math.round(knnIntoPerSec),
    knnFilteredHalfPerSec: Math.round(knnFilteredPerSec),
    geokdbushAroundPerSec: Math.round(geokdbushPerSec),
  };
}

function round(x: number, digits: number): number {
  return Number(x.toFixed(digits));
}
