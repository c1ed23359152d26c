/**
 * `GridBucketIndex`: moving points bucketed in a hashed lat/lng grid, updated in place.
 *
 * - Rows are bands of `cellSizeM` metres of latitude. Each row is cut into as many equal
 *   longitude columns as fit `cellSizeM` at the row's edge nearest the equator, so cells are
 *   roughly square anywhere and columns tile the full circle (the antimeridian just wraps).
 * - A cell (col, row) hashes to one of 2^b buckets; each bucket is a doubly linked list threaded
 *   through per-slot `next`/`prev` Int32Arrays. Collisions only cost a skipped compare: a point
 *   stores its own (col, row) and scans ignore points of other cells.
 * - `update` is O(1) and allocation-free: a point that stays in its cell only has its position
 *   rewritten; one that crosses a border is unlinked and relinked.
 * - `nearest` scans the cells overlapping the box of a cap radius (see `runPasses`); the first
 *   radius comes from the point counts of the 3×3 cells around the query, so one pass usually
 *   suffices whatever the local density. Huge radii fall back to a scan of all slots.
 */
import { GeoInputError } from '../errors.js';
import { EARTH_RADIUS_M } from '../distance.js';
import { cosLatOf, haversineKey } from '../knn/haversine-key.js';
import { runPasses, type KnnQuery, type PassScanner } from '../knn/knn-query.js';
import { growInt32, MovingIndexBase, type MovingIndexOptions, type RiderIdx } from './moving-index-base.js';

/** Options of {@link GridBucketIndex}. */
export interface GridBucketIndexOptions extends MovingIndexOptions {
  /**
   * Cell edge, metres, 20–1,000,000. Default 250: best of 150–500 m in the bench (50,000 riders
   * over a 15 km disc, about 4 per cell). Any size gives exact results; it only moves the cost.
   */
  cellSizeM?: number;
}

const M_PER_DEG = (Math.PI / 180) * EARTH_RADIUS_M;
const NOT_LINKED = -1;
const DEFAULT_CELL_SIZE_M = 250;

/** Moving-point index on a hashed lat/lng grid (see the module comment). */
export class GridBucketIndex extends MovingIndexBase implements PassScanner {
  /** Cell edge, metres. */
  readonly cellSizeM: number;
  private readonly cellLatDeg: number;
  private readonly numRows: number;
  /** Number of longitude columns of each row. */
  private readonly colsOfRow: Int32Array;
  private heads: Int32Array;
  /** Points linked in each bucket: local density for the first pass radius. */
  private bucketCounts: Int32Array;
  private bucketMask: number;
  private next: Int32Array;
  private prev: Int32Array;
  /** Cell of each linked slot; `cellRow` is NOT_LINKED for inactive slots. */
  private cellCol: Int32Array;
  private cellRow: Int32Array;
  /** Scratch of {@link colRangesOf}: up to two [colMin, colMax] ranges. */
  private readonly colRanges = new Int32Array(4);

  constructor(options: GridBucketIndexOptions = {}) {
    super(options);
    const cellSizeM = options.cellSizeM ?? DEFAULT_CELL_SIZE_M;
    if (typeof cellSizeM !== 'number' || !(cellSizeM >= 20 && cellSizeM <= 1_000_000)) {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', 'options.cellSizeM', 'must be a number in [20, 1000000]', cellSizeM);
    }
    this.cellSizeM = cellSizeM;
    this.cellLatDeg = cellSizeM / M_PER_DEG;
    this.numRows = Math.ceil(180 / this.cellLatDeg);
    this.colsOfRow = new Int32Array(this.numRows);
    for (let row = 0; row < this.numRows; row++) {
      // the row's edge nearest the equator is its widest: size columns there
      const south = -90 + row * this.cellLatDeg;
      const north = Math.min(90, south + this.cellLatDeg);
      const widestLat = south <= 0 && north >= 0 ? 0 : Math.min(Math.abs(south), Math.abs(north));
      this.colsOfRow[row] = Math.max(1, Math.floor((360 * cosLatOf(widestLat)) / this.cellLatDeg));
    }
    const capacity = this.capacity;
    this.bucketMask = bucketCountFor(capacity) - 1;
    this.heads = new Int32Array(this.bucketMask + 1).fill(NOT_LINKED);
    this.bucketCounts = new Int32Array(this.bucketMask + 1);
    this.next = new Int32Array(capacity).fill(NOT_LINKED);
    this.prev = new Int32Array(capacity).fill(NOT_LINKED);
    this.cellCol = new Int32Array(capacity);
    this.cellRow = new Int32Array(capacity).fill(NOT_LINKED);
  }

  /** Moves a live point; relinks it only when it changes cell. Allocation-free. */
  update(idx: RiderIdx, lng: number, lat: number): void {
    this.checkUpdate(idx, lng, lat);
    this.lngs[idx] = lng;
    this.lats[idx] = lat;
    this.cosLats[idx] = cosLatOf(lat);
    const oldRow = this.cellRow[idx]!;
    if (oldRow === NOT_LINKED) return; // inactive: linked again by setActive(idx, true)
    const row = this.rowOf(lat);
    const col = this.colOf(lng, row);
    if (row === oldRow && col === this.cellCol[idx]) return;
    this.unlink(idx);
    this.link(idx, col, row);
  }

  protected onActivated(idx: RiderIdx): void {
    const row = this.rowOf(this.lats[idx]!);
    this.link(idx, this.colOf(this.lngs[idx]!, row), row);
  }

  protected onDeactivated(idx: RiderIdx): void {
    this.unlink(idx);
    this.cellRow[idx] = NOT_LINKED;
  }

  protected search(q: KnnQuery): void {
    if (this.numActive === 0 || q.k === 0) return;
    runPasses(q, this, this.seedRadiusM(q));
  }

  /**
   * A first pass radius from the density of the 3×3 cells around the query: the radius of a
   * disc expected to hold 1.5·k points (bucket counts may include colliding cells: a slight
   * overestimate of density, corrected by a second pass when it matters).
   */
  private seedRadiusM(q: KnnQuery): number {
    const row = this.rowOf(q.lat);
    const col = this.colOf(q.lng, row);
    let count = 0;
    for (let r = Math.max(0, row - 1); r <= Math.min(this.numRows - 1, row + 1); r++) {
      const numCols = this.colsOfRow[r]!;
      const c = r === row ? col : this.colOf(q.lng, r);
      for (let dc = -1; dc <= 1; dc++) {
        const cc = c + dc < 0 ? numCols - 1 : c + dc >= numCols ? 0 : c + dc; // wrap the antimeridian
        count += this.bucketCounts[hashCell(cc, r) & this.bucketMask]!;
      }
    }
    if (count === 0) return 1.5 * this.cellSizeM;
    const densityPerM2 = count / (9 * this.cellSizeM * this.cellSizeM);
    return Math.sqrt((1.5 * q.k) / (Math.PI * densityPerM2));
  }

  /**
   * Offers the points of every cell the pass box overlaps, or, when the box holds more cells than
   * there are slots (huge radius, whole sphere), of every active slot.
   */
  scanPass(q: KnnQuery): void {
    const b = q.box;
    const rowMin = this.rowOf(b.minLat);
    const rowMax = this.rowOf(b.maxLat);
    const ranges = this.colRanges;
    let numCells = 0;
    for (let row = rowMin; row <= rowMax && numCells <= this.numSlots; row++) {
      const numRanges = this.colRangesOf(q, row);
      for (let r = 0; r < numRanges; r++) numCells += ranges[2 * r + 1]! - ranges[2 * r]! + 1;
    }
    if (numCells > this.numSlots) {
      this.scanSlots(q);
      return;
    }
    for (let row = rowMin; row <= rowMax; row++) {
      const numRanges = this.colRangesOf(q, row);
      for (let r = 0; r < numRanges; r++) this.scanCols(q, row, ranges[2 * r]!, ranges[2 * r + 1]!);
    }
  }

  /** Writes the column ranges of `row` covered by the pass box into `colRanges`; returns 1 or 2. */
  private colRangesOf(q: KnnQuery, row: number): number {
    const b = q.box;
    const ranges = this.colRanges;
    const numCols = this.colsOfRow[row]!;
    ranges[0] = 0;
    ranges[1] = numCols - 1;
    if (b.isFullLng) return 1;
    const colMin = this.colOf(b.minLng, row);
    const colMax = this.colOf(b.maxLng, row);
    if (!b.isWrapped) {
      ranges[0] = colMin;
      ranges[1] = colMax;
      return 1;
    }
    if (colMax >= colMin - 1) return 1; // the two wrapped ranges meet: whole row
    ranges[0] = colMin;
    ranges[2] = 0;
    ranges[3] = colMax;
    return 2;
  }

  /** Offers every active slot: the fallback for boxes with more cells than slots. */
  private scanSlots(q: KnnQuery): void {
    for (let i = 0; i < this.numSlots; i++) {
      if (this.cellRow[i] === NOT_LINKED) continue;
      const key = haversineKey(q.lng, q.lat, q.cosLat, this.lngs[i]!, this.lats[i]!, this.cosLats[i]!);
      if (key <= q.passKey) q.offer(key, i);
    }
  }

  private scanCols(q: KnnQuery, row: number, colMin: number, colMax: number): void {
    const heads = this.heads;
    const next = this.next;
    const cellCol = this.cellCol;
    const cellRow = this.cellRow;
    const lngs = this.lngs;
    const lats = this.lats;
    const cosLats = this.cosLats;
    for (let col = colMin; col <= colMax; col++) {
      for (let i = heads[hashCell(col, row) & this.bucketMask]!; i !== NOT_LINKED; i = next[i]!) {
        if (cellCol[i] !== col || cellRow[i] !== row) continue; // another cell in the same bucket
        const key = haversineKey(q.lng, q.lat, q.cosLat, lngs[i]!, lats[i]!, cosLats[i]!);
        if (key <= q.passKey) q.offer(key, i);
      }
    }
  }

  private rowOf(lat: number): number {
    const row = Math.floor((lat + 90) / this.cellLatDeg);
    return row < this.numRows ? row : this.numRows - 1;
  }

  private colOf(lng: number, row: number): number {
    const numCols = this.colsOfRow[row]!;
    const col = Math.floor(((lng + 180) * numCols) / 360);
    return col < numCols ? col : numCols - 1;
  }

  private link(idx: RiderIdx, col: number, row: number): void {
    const bucket = hashCell(col, row) & this.bucketMask;
    const head = this.heads[bucket]!;
    this.next[idx] = head;
    this.prev[idx] = NOT_LINKED;
    if (head !== NOT_LINKED) this.prev[head] = idx;
    this.heads[bucket] = idx;
    this.bucketCounts[bucket]!++;
    this.cellCol[idx] = col;
    this.cellRow[idx] = row;
  }

  private unlink(idx: RiderIdx): void {
    const before = this.prev[idx]!;
    const after = this.next[idx]!;
    const bucket = hashCell(this.cellCol[idx]!, this.cellRow[idx]!) & this.bucketMask;
    this.bucketCounts[bucket]!--;
    if (before !== NOT_LINKED) this.next[before] = after;
    else this.heads[bucket] = after;
    if (after !== NOT_LINKED) this.prev[after] = before;
  }

  protected override grow(capacity: number): void {
    super.grow(capacity);
    this.next = growInt32(this.next, capacity, NOT_LINKED);
    this.prev = growInt32(this.prev, capacity, NOT_LINKED);
    this.cellCol = growInt32(this.cellCol, capacity, 0);
    this.cellRow = growInt32(this.cellRow, capacity, NOT_LINKED);
    this.rehash(bucketCountFor(capacity));
  }

  /** Rebuilds the bucket lists with `numBuckets` buckets (after growth). */
  private rehash(numBuckets: number): void {
    this.bucketMask = numBuckets - 1;
    this.heads = new Int32Array(numBuckets).fill(NOT_LINKED);
    this.bucketCounts = new Int32Array(numBuckets);
    for (let idx = 0; idx < this.numSlots; idx++) {
      const row = this.cellRow[idx]!;
      if (row !== NOT_LINKED) this.link(idx, this.cellCol[idx]!, row);
    }
  }
}

/** Bucket count for a slot capacity: the power of two ≥ 2 × capacity (at least 1024). */
function bucketCountFor(capacity: number): number {
  let n = 1024;
  while (n < 2 * capacity) n *= 2;
  return n;
}

/** Mixes a cell's (col, row) into 32 bits; callers mask it to the bucket count. */
function hashCell(col: number, row: number): number {
  const h = Math.imul(col, 0x9e3779b1) ^ Math.imul(row, 0x85ebca77);
  return h ^ (h >>> 15);
}
