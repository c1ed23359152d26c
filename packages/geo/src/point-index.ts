/**
 * `PointIndex`: a static k-nearest index of points (stores, warehouses) on a kdbush tree.
 * Built once, queried many times; results are dense indices in insertion order.
 */
import KDBush from 'kdbush';
import { GeoInputError } from './errors.js';
import { KdNearest } from './knn/kd-nearest.js';
import { assertOutputArrays, KnnQuery, type IdxFilter, type Neighbour } from './knn/knn-query.js';
import type { LngLat } from './types.js';
import { assertLat, assertLng, assertLngLat } from './validate.js';

export type { IdxFilter, Neighbour } from './knn/knn-query.js';

/** Dense index of a point of a {@link PointIndex}: its position in the input. */
export type PointIdx = number;

/** Options of {@link PointIndex.from}. */
export interface PointIndexOptions {
  /** Points per kd-tree leaf (kdbush `nodeSize`), 2–65535. Default 32. */
  nodeSize?: number;
}

const DEFAULT_NODE_SIZE = 32;

/**
 * Static k-nearest index over points given once. Distances are great-circle (haversine) metres,
 * exactly as `haversineDistanceM` computes them; ties are broken by the smaller index.
 * One query allocates only its result array (`nearestInto` allocates nothing).
 */
export class PointIndex {
  /** Number of points indexed. */
  readonly numPoints: number;
  /** The kdbush tree (ids are point indices): usable with geokdbush or serialised via `tree.data`. */
  readonly tree: KDBush;
  private readonly kd: KdNearest;
  private readonly query = new KnnQuery();

  private constructor(tree: KDBush) {
    this.tree = tree;
    this.numPoints = tree.numItems;
    this.kd = new KdNearest(tree);
  }

  /**
   * Builds an index of `[lng, lat]` points. Point `i` gets index `i`.
   * @throws GeoInputError `GEO_INVALID_COORDINATE` naming the point, e.g. `points[3][1] (lat)`.
   */
  static from(points: ArrayLike<LngLat>, options: PointIndexOptions = {}): PointIndex {
    if (points === null || typeof points !== 'object' || typeof points.length !== 'number') {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', 'points', 'must be an array of [lng, lat] pairs', points);
    }
    const tree = new KDBush(points.length, nodeSizeOf(options));
    for (let i = 0; i < points.length; i++) {
      const p = points[i];
      assertLngLat(`points[${i}]`, p);
      tree.add(p[0], p[1]);
    }
    return new PointIndex(tree.finish());
  }

  /**
   * Builds an index from parallel longitude and latitude arrays (degrees), e.g. Float64Arrays.
   * @throws GeoInputError when the lengths differ or a coordinate is invalid (`lats[7]`).
   */
  static fromArrays(lngs: ArrayLike<number>, lats: ArrayLike<number>, options: PointIndexOptions = {}): PointIndex {
    if (lngs?.length !== lats?.length || typeof lngs?.length !== 'number') {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', 'lats.length', `must equal lngs.length (${lngs?.length})`, lats?.length);
    }
    const tree = new KDBush(lngs.length, nodeSizeOf(options));
    for (let i = 0; i < lngs.length; i++) {
      const lng = lngs[i];
      const lat = lats[i];
      assertLng(`lngs[${i}]`, lng);
      assertLat(`lats[${i}]`, lat);
      tree.add(lng, lat);
    }
    return new PointIndex(tree.finish());
  }

  /**
   * Indices of the (at most) `k` points nearest to (lng, lat), nearest first, within
   * `maxDistanceM` metres (inclusive) and accepted by `filter`.
   * The filter may be called more than once for an index, and not at all for far points.
   * @throws GeoInputError on an invalid coordinate, k or distance.
   */
  nearest(lng: number, lat: number, k: number, maxDistanceM = Infinity, filter?: IdxFilter): PointIdx[] {
    this.run(lng, lat, k, maxDistanceM, filter);
    return this.query.toIndices();
  }

  /** Like {@link nearest}, with each result's distance in metres. */
  nearestWithDistances(lng: number, lat: number, k: number, maxDistanceM = Infinity, filter?: IdxFilter): Neighbour[] {
    this.run(lng, lat, k, maxDistanceM, filter);
    return this.query.toNeighbours();
  }

  /**
   * Like {@link nearest}, writing into caller-owned arrays (length ≥ k) instead of allocating:
   * `outIdx[0..n)` and, if given, `outDistanceM[0..n)`. Returns n, the number of results.
   */
  nearestInto(
    lng: number,
    lat: number,
    k: number,
    maxDistanceM: number,
    outIdx: Int32Array,
    outDistanceM?: Float64Array,
    filter?: IdxFilter,
  ): number {
    this.query.begin(lng, lat, k, maxDistanceM, filter, this.numPoints);
    assertOutputArrays(k, outIdx, outDistanceM);
    this.kd.search(this.query);
    return this.query.copyInto(outIdx, outDistanceM);
  }

  private run(lng: number, lat: number, k: number, maxDistanceM: number, filter: IdxFilter | undefined): void {
    this.query.begin(lng, lat, k, maxDistanceM, filter, this.numPoints);
    this.kd.search(this.query);
  }
}

function nodeSizeOf(options: PointIndexOptions): number {
  const nodeSize = options.nodeSize ?? DEFAULT_NODE_SIZE;
  if (!Number.isInteger(nodeSize) || nodeSize < 2 || nodeSize > 65535) {
    throw new GeoInputError('GEO_INVALID_ARGUMENT', 'options.nodeSize', 'must be an integer in [2, 65535]', nodeSize);
  }
  return nodeSize;
}
