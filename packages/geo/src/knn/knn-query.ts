/**
 * State, validation and output of one k-nearest query, shared by every index of @o2o/geo.
 * An index owns one `KnnQuery` and reuses it, so a query allocates nothing but its result.
 *
 * Search protocol: an index scans the {@link CapBox} of a pass radius and offers each point whose
 * haversine key is within {@link KnnQuery.passKey} to {@link KnnQuery.offer}. {@link runPasses}
 * grows the radius until k points were found or the maximum distance was covered: a pass that
 * finds k points within radius r has seen every point within r, so its k best are exact.
 */
import { EARTH_RADIUS_M } from '../distance.js';
import { GeoInputError } from '../errors.js';
import { assertLat, assertLng } from '../validate.js';
import { CapBox } from './cap-box.js';
import { cosLatOf, distanceMFromKey, keyFromDistanceM } from './haversine-key.js';
import { TopK } from './top-k.js';

/** A predicate on dense indices: return false to exclude the point from the results. */
export type IdxFilter = (idx: number) => boolean;

/** One result of a k-nearest query. */
export interface Neighbour {
  /** Dense index of the point. */
  idx: number;
  /** Great-circle (haversine) distance from the query point, metres. */
  distanceM: number;
}

/** Half the Earth's circumference: a cap of this radius is the whole sphere. */
const HALF_CIRCUMFERENCE_M = Math.PI * EARTH_RADIUS_M;
/** Largest accepted k. */
const MAX_K = 2 ** 31 - 1;

/** Reusable state of a k-nearest query (see the module comment for the protocol). */
export class KnnQuery {
  lng = 0;
  lat = 0;
  cosLat = 1;
  k = 0;
  maxDistanceM = Infinity;
  filter: IdxFilter | undefined = undefined;
  /** Haversine key of the current pass radius. */
  passKey = 0;
  /** Box of the current pass radius. */
  readonly box = new CapBox();
  /** The k best so far. */
  readonly top = new TopK();

  /**
   * Validates the arguments (throws {@link GeoInputError}) and starts a query; `numPoints` (the
   * index's size) caps k, so a huge k allocates nothing.
   */
  begin(lng: number, lat: number, k: number, maxDistanceM: number, filter: IdxFilter | undefined, numPoints: number): void {
    assertLng('lng', lng);
    assertLat('lat', lat);
    if (typeof k !== 'number' || !Number.isInteger(k) || k < 0 || k > MAX_K) {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', 'k', `must be an integer in [0, ${MAX_K}]`, k);
    }
    if (typeof maxDistanceM !== 'number' || Number.isNaN(maxDistanceM) || maxDistanceM < 0) {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', 'maxDistanceM', 'must be a number >= 0 (Infinity for no limit)', maxDistanceM);
    }
    if (filter !== undefined && typeof filter !== 'function') {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', 'filter', 'must be a function (idx) => boolean or undefined', filter);
    }
    this.lng = lng;
    this.lat = lat;
    this.cosLat = cosLatOf(lat);
    this.k = Math.min(k, numPoints);
    this.maxDistanceM = maxDistanceM;
    this.filter = filter;
    this.passKey = keyFromDistanceM(maxDistanceM);
    this.top.reset(this.k);
  }

  /** Offers a point within the pass radius; the filter runs only if the point would enter. */
  offer(key: number, idx: number): void {
    if (!this.top.accepts(key, idx)) return;
    if (this.filter !== undefined && !this.filter(idx)) return;
    this.top.insert(key, idx);
  }

  /** Starts a pass of radius `radiusM`: empties the top-k, sets the pass key and box. */
  startPass(radiusM: number): void {
    this.top.reset(this.k);
    this.passKey = keyFromDistanceM(radiusM);
    this.box.set(this.lng, this.lat, Math.min(radiusM, HALF_CIRCUMFERENCE_M));
  }

  /** The results as dense indices, nearest first. */
  toIndices(): number[] {
    this.top.finish();
    const n = this.top.count;
    const out = new Array<number>(n);
    for (let i = 0; i < n; i++) out[i] = this.top.idxs[i]!;
    return out;
  }

  /** The results with their distances in metres, nearest first. */
  toNeighbours(): Neighbour[] {
    this.top.finish();
    const n = this.top.count;
    const out = new Array<Neighbour>(n);
    for (let i = 0; i < n; i++) out[i] = { idx: this.top.idxs[i]!, distanceM: distanceMFromKey(this.top.keys[i]!) };
    return out;
  }

  /** Writes the results into caller-owned arrays; returns how many were written. */
  copyInto(outIdx: Int32Array, outDistanceM: Float64Array | undefined): number {
    this.top.finish();
    const n = this.top.count;
    for (let i = 0; i < n; i++) outIdx[i] = this.top.idxs[i]!;
    if (outDistanceM !== undefined) {
      for (let i = 0; i < n; i++) outDistanceM[i] = distanceMFromKey(this.top.keys[i]!);
    }
    return n;
  }
}

/** An index that can scan one pass of a {@link KnnQuery}. */
export interface PassScanner {
  /** Offers every point of `q.box` (its key test is done by the scanner against `q.passKey`). */
  scanPass(q: KnnQuery): void;
}

/**
 * Runs passes of growing radius, starting at `initialRadiusM`, until k points are found or the
 * query's maximum distance (or the whole sphere) has been covered.
 */
export function runPasses(q: KnnQuery, scanner: PassScanner, initialRadiusM: number): void {
  if (q.k === 0) return;
  let radiusM = Math.min(Math.max(initialRadiusM, 0), q.maxDistanceM);
  for (;;) {
    q.startPass(radiusM);
    scanner.scanPass(q);
    const found = q.top.count;
    if (found >= q.k || radiusM >= q.maxDistanceM || radiusM >= HALF_CIRCUMFERENCE_M) return;
    // grow by the missing density (area ∝ r²), at least ×1.5 and at most ×4 per pass
    const growth = found === 0 ? 4 : Math.min(4, Math.max(1.5, 1.2 * Math.sqrt(q.k / found)));
    radiusM = Math.min(q.maxDistanceM, Math.max(radiusM * growth, 1));
  }
}

/** Checks a caller-owned output array of a `nearestInto` call. */
export function assertOutputArrays(k: number, outIdx: unknown, outDistanceM: unknown): void {
  if (!(outIdx instanceof Int32Array) || outIdx.length < k) {
    throw new GeoInputError('GEO_INVALID_ARGUMENT', 'outIdx', `must be an Int32Array of length >= k (${k})`, outIdx instanceof Int32Array ? outIdx.length : outIdx);
  }
  if (outDistanceM !== undefined && (!(outDistanceM instanceof Float64Array) || outDistanceM.length < k)) {
    throw new GeoInputError('GEO_INVALID_ARGUMENT', 'outDistanceM', `must be a Float64Array of length >= k (${k}) or undefined`, outDistanceM instanceof Float64Array ? outDistanceM.length : outDistanceM);
  }
}
