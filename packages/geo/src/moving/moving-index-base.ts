/**
 * Slot storage and public API shared by the moving-point indexes: riders (or any moving points)
 * live in dense slots of structure-of-arrays typed arrays, reused after removal through a free
 * list. Subclasses add the spatial structure (`update`, the hooks and `search`).
 */
import { GeoInputError } from '../errors.js';
import { cosLatOf } from '../knn/haversine-key.js';
import { assertOutputArrays, KnnQuery, type IdxFilter, type Neighbour } from '../knn/knn-query.js';
import { assertLat, assertLng } from '../validate.js';

/** Dense index of a moving point (a rider); reused after `remove`. */
export type RiderIdx = number;

/** Slot is in use (added, not removed). */
export const LIVE = 1;
/** Slot is live and may be returned by queries. */
export const ACTIVE = 2;

/** The API every moving-point index implements (used by tests and benches). */
export interface MovingIndex {
  readonly numLive: number;
  readonly numActive: number;
  add(lng: number, lat: number, externalId?: string): RiderIdx;
  update(idx: RiderIdx, lng: number, lat: number): void;
  remove(idx: RiderIdx): void;
  setActive(idx: RiderIdx, isActive: boolean): void;
  nearest(lng: number, lat: number, k: number, maxDistanceM?: number, filter?: IdxFilter): RiderIdx[];
  nearestWithDistances(lng: number, lat: number, k: number, maxDistanceM?: number, filter?: IdxFilter): Neighbour[];
  nearestInto(lng: number, lat: number, k: number, maxDistanceM: number, outIdx: Int32Array, outDistanceM?: Float64Array, filter?: IdxFilter): number;
}

/** Common options of the moving-point indexes. */
export interface MovingIndexOptions {
  /** Slots allocated up front; the arrays double when full. Default 1024. */
  initialCapacity?: number;
}

/** Slot storage, validation and the query API; see the module comment. */
export abstract class MovingIndexBase implements MovingIndex {
  /** Longitude of each slot, degrees. */
  protected lngs: Float64Array;
  /** Latitude of each slot, degrees. */
  protected lats: Float64Array;
  /** `cos(lat)` of each slot, kept with the position for the haversine key. */
  protected cosLats: Float64Array;
  /** {@link LIVE} | {@link ACTIVE} bits per slot. */
  protected flags: Uint8Array;
  /** Slots freed by `remove`, reused LIFO. */
  private freeSlots: Int32Array;
  private numFree = 0;
  /** Slots ever handed out: slots ≥ this are untouched. */
  protected numSlots = 0;
  private externalIds: Array<string | undefined> = [];
  private readonly idxByExternalId = new Map<string, RiderIdx>();
  private _numLive = 0;
  private _numActive = 0;
  protected readonly query = new KnnQuery();

  constructor(options: MovingIndexOptions = {}) {
    const capacity = options.initialCapacity ?? 1024;
    if (!Number.isInteger(capacity) || capacity < 1 || capacity > 2 ** 30) {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', 'options.initialCapacity', 'must be an integer in [1, 2^30]', capacity);
    }
    this.lngs = new Float64Array(capacity);
    this.lats = new Float64Array(capacity);
    this.cosLats = new Float64Array(capacity);
    this.flags = new Uint8Array(capacity);
    this.freeSlots = new Int32Array(capacity);
  }

  /** Number of points added and not removed. */
  get numLive(): number {
    return this._numLive;
  }

  /** Number of live points that queries may return. */
  get numActive(): number {
    return this._numActive;
  }

  /** Current slot capacity (grows by doubling). */
  get capacity(): number {
    return this.flags.length;
  }

  /**
   * Adds an active point at (lng, lat) and returns its dense index (a freed slot is reused).
   * @param externalId optional caller id (e.g. a rider id), unique among live points; see {@link idxOf}.
   * @throws GeoInputError on an invalid coordinate or a duplicate external id.
   */
  add(lng: number, lat: number, externalId?: string): RiderIdx {
    assertLng('lng', lng);
    assertLat('lat', lat);
    if (externalId !== undefined && this.idxByExternalId.has(externalId)) {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', 'externalId', 'must be unique among live points', externalId);
    }
    if (this.numFree === 0 && this.numSlots === this.flags.length) this.grow(this.flags.length * 2);
    const idx = this.numFree > 0 ? this.freeSlots[--this.numFree]! : this.numSlots++;
    this.lngs[idx] = lng;
    this.lats[idx] = lat;
    this.cosLats[idx] = cosLatOf(lat);
    this.flags[idx] = LIVE | ACTIVE;
    this.externalIds[idx] = externalId;
    if (externalId !== undefined) this.idxByExternalId.set(externalId, idx);
    this._numLive++;
    this._numActive++;
    this.onActivated(idx);
    return idx;
  }

  /**
   * Moves a live point (active or not) to (lng, lat). Allocation-free.
   * @throws GeoInputError when idx is not live or the coordinate is invalid.
   */
  abstract update(idx: RiderIdx, lng: number, lat: number): void;

  /** Removes a live point: it is never returned again and its slot may be reused by `add`. */
  remove(idx: RiderIdx): void {
    this.assertLive(idx);
    if ((this.flags[idx]! & ACTIVE) !== 0) this.setActive(idx, false);
    this.flags[idx] = 0;
    const externalId = this.externalIds[idx];
    if (externalId !== undefined) this.idxByExternalId.delete(externalId);
    this.externalIds[idx] = undefined;
    this.freeSlots[this.numFree++] = idx;
    this._numLive--;
  }

  /** Marks a live point as returnable by queries (true) or hidden from them (false). */
  setActive(idx: RiderIdx, isActive: boolean): void {
    this.assertLive(idx);
    const wasActive = (this.flags[idx]! & ACTIVE) !== 0;
    if (wasActive === isActive) return;
    if (isActive) {
      this.flags[idx] = LIVE | ACTIVE;
      this._numActive++;
      this.onActivated(idx);
    } else {
      this.onDeactivated(idx);
      this.flags[idx] = LIVE;
      this._numActive--;
    }
  }

  /** True when idx is a live point. */
  has(idx: RiderIdx): boolean {
    return (this.flags[idx]! & LIVE) !== 0;
  }

  /** True when idx is live and active. */
  isActive(idx: RiderIdx): boolean {
    return (this.flags[idx]! & ACTIVE) !== 0;
  }

  /** Index of the live point added with `externalId`, or -1. */
  idxOf(externalId: string): RiderIdx {
    return this.idxByExternalId.get(externalId) ?? -1;
  }

  /** External id given to `add` for a live index, if any. */
  externalIdOf(idx: RiderIdx): string | undefined {
    return this.has(idx) ? this.externalIds[idx] : undefined;
  }

  /** Longitude of a live point, degrees (NaN when not live). */
  lngOf(idx: RiderIdx): number {
    return this.has(idx) ? this.lngs[idx]! : Number.NaN;
  }

  /** Latitude of a live point, degrees (NaN when not live). */
  latOf(idx: RiderIdx): number {
    return this.has(idx) ? this.lats[idx]! : Number.NaN;
  }

  /**
   * Indices of the (at most) `k` active points nearest to (lng, lat), nearest first, within
   * `maxDistanceM` metres (inclusive) and accepted by `filter` (which may be called more than
   * once per index). Ties are broken by the smaller index.
   */
  nearest(lng: number, lat: number, k: number, maxDistanceM = Infinity, filter?: IdxFilter): RiderIdx[] {
    this.query.begin(lng, lat, k, maxDistanceM, filter, this._numActive);
    this.search(this.query);
    return this.query.toIndices();
  }

  /** Like {@link nearest}, with each result's great-circle distance in metres. */
  nearestWithDistances(lng: number, lat: number, k: number, maxDistanceM = Infinity, filter?: IdxFilter): Neighbour[] {
    this.query.begin(lng, lat, k, maxDistanceM, filter, this._numActive);
    this.search(this.query);
    return this.query.toNeighbours();
  }

  /** Like {@link nearest}, writing into caller-owned arrays (length ≥ k); returns the count. */
  nearestInto(
    lng: number,
    lat: number,
    k: number,
    maxDistanceM: number,
    outIdx: Int32Array,
    outDistanceM?: Float64Array,
    filter?: IdxFilter,
  ): number {
    this.query.begin(lng, lat, k, maxDistanceM, filter, this._numActive);
    assertOutputArrays(k, outIdx, outDistanceM);
    this.search(this.query);
    return this.query.copyInto(outIdx, outDistanceM);
  }

  /** Runs the query (after `begin`): offers active points only. */
  protected abstract search(q: KnnQuery): void;
  /** The point just became active (added or re-activated); position arrays are set. */
  protected abstract onActivated(idx: RiderIdx): void;
  /** The point is about to become inactive (deactivated or removed). */
  protected abstract onDeactivated(idx: RiderIdx): void;

  /** Grows every per-slot array to `capacity`; subclasses extend it for their own arrays. */
  protected grow(capacity: number): void {
    this.lngs = growFloat64(this.lngs, capacity);
    this.lats = growFloat64(this.lats, capacity);
    this.cosLats = growFloat64(this.cosLats, capacity);
    const flags = new Uint8Array(capacity);
    flags.set(this.flags);
    this.flags = flags;
    const freeSlots = new Int32Array(capacity);
    freeSlots.set(this.freeSlots);
    this.freeSlots = freeSlots;
  }

  /** Validates an update's arguments; cheap enough for the hot path, throws out of line. */
  protected checkUpdate(idx: RiderIdx, lng: number, lat: number): void {
    if ((this.flags[idx]! & LIVE) === 0) throwNotLive(idx);
    if (!(lng >= -180 && lng <= 180)) assertLng('lng', lng);
    if (!(lat >= -90 && lat <= 90)) assertLat('lat', lat);
  }

  protected assertLive(idx: RiderIdx): void {
    if ((this.flags[idx]! & LIVE) === 0) throwNotLive(idx);
  }
}

function throwNotLive(idx: unknown): never {
  throw new GeoInputError('GEO_INVALID_ARGUMENT', 'idx', 'must be the index of a live point', idx);
}

/** A copy of `a` with length `capacity`. */
export function growFloat64(a: Float64Array, capacity: number): Float64Array {
  const out = new Float64Array(capacity);
  out.set(a);
  return out;
}

/** A copy of `a` with length `capacity`, new slots set to `fill`. */
export function growInt32(a: Int32Array, capacity: number, fill: number): Int32Array {
  const out = new Int32Array(capacity).fill(fill);
  out.set(a);
  return out;
}
