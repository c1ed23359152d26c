/**
 * The routed ways of an OSM extract after profile filtering, in typed arrays: the input of
 * {@link buildRoadGraphFromWays}. Produced by the PBF reader and by the plain-JS builder alike,
 * so both paths build identical graphs from identical data.
 */
import { SortedIdIndex } from './sorted-id-index.js';

/** Routed ways and the coordinates of the nodes they reference. */
export interface RoutedWays {
  /** Longitude of each referenced node (dense index in ascending OSM id order); NaN = unknown. */
  readonly nodeLng: Float64Array;
  /** Latitude of each referenced node; NaN when the node is missing from the input or outside the bbox. */
  readonly nodeLat: Float64Array;
  readonly numWays: number;
  /** OSM id of each way. */
  readonly wayId: Float64Array;
  /** Road class code of each way (index into ROAD_CLASSES). */
  readonly wayClass: Uint8Array;
  /** Travel speed on each way, km/h (> 0). */
  readonly waySpeedKmh: Float64Array;
  /** 1 = only along the node order, -1 = only against it, 0 = both directions. */
  readonly wayOneway: Int8Array;
  /** Node refs of way `w` are `refNode[refFirst[w] … refFirst[w+1]-1]`; length `numWays + 1`. */
  readonly refFirst: Uint32Array;
  /** Dense node index of each ref. */
  readonly refNode: Uint32Array;
}

/**
 * Collects routed ways with their node ids, then (once node coordinates are known) turns ids
 * into dense node indices. Usage: `addWay` for every kept way → `nodeIndex()` → fill the
 * coordinates of the indexed ids → `finish(lng, lat)`.
 */
export class RoutedWaysBuilder {
  private readonly ids: number[] = [];
  private readonly classes: number[] = [];
  private readonly speeds: number[] = [];
  private readonly oneways: number[] = [];
  private readonly refFirst: number[] = [0];
  private refIds = new Float64Array(4096);
  private refCount = 0;
  private index: SortedIdIndex | undefined;

  /** Number of ways added. */
  get numWays(): number {
    return this.ids.length;
  }

  /** Adds one way; its node ids are `refIds[0 … refCount-1]` (OSM ids, any magnitude up to 2^53). */
  addWay(wayId: number, classCode: number, speedKmh: number, oneway: -1 | 0 | 1, refIds: ArrayLike<number>, refCount: number): void {
    if (this.refCount + refCount > this.refIds.length) {
      const grown = new Float64Array(Math.max(this.refIds.length * 2, this.refCount + refCount));
      grown.set(this.refIds.subarray(0, this.refCount));
      this.refIds = grown;
    }
    const refs = this.refIds;
    let at = this.refCount;
    for (let i = 0; i < refCount; i++) refs[at++] = refIds[i]!;
    this.refCount = at;
    this.ids.push(wayId);
    this.classes.push(classCode);
    this.speeds.push(speedKmh);
    this.oneways.push(oneway);
    this.refFirst.push(at);
  }

  /** The index over every distinct node id referenced by the added ways (built once). */
  nodeIndex(): SortedIdIndex {
    this.index ??= SortedIdIndex.fromIds(this.refIds, this.refCount);
    return this.index;
  }

  /** The routed ways, with refs turned into indices of {@link nodeIndex}. `nodeLng/Lat` have one entry per indexed id. */
  finish(nodeLng: Float64Array, nodeLat: Float64Array): RoutedWays {
    const index = this.nodeIndex();
    const refNode = new Uint32Array(this.refCount);
    for (let i = 0; i < this.refCount; i++) refNode[i] = index.indexOf(this.refIds[i]!);
    return {
      nodeLng,
      nodeLat,
      numWays: this.ids.length,
      wayId: Float64Array.from(this.ids),
      wayClass: Uint8Array.from(this.classes),
      waySpeedKmh: Float64Array.from(this.speeds),
      wayOneway: Int8Array.from(this.oneways),
      refFirst: Uint32Array.from(this.refFirst),
      refNode,
    };
  }
}
