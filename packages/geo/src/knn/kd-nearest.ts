/**
 * k-nearest search over a kdbush tree, allocation-free. geokdbush's `around` does the same job
 * with a priority queue of objects (about 110k queries/s for k = 10 on 100k points in the bench);
 * this kernel scans the box of a cap radius seeded from the query's leaf (see `runPasses`) and
 * reaches about 3× that.
 */
import type KDBush from 'kdbush';
import { cosLatOf, distanceMFromKey, haversineKey } from './haversine-key.js';
import { runPasses, type KnnQuery, type PassScanner } from './knn-query.js';

/**
 * k-nearest queries on a finished kdbush tree, with two arrays in the tree's (kd-sorted) slot
 * order: the dense index each slot reports and the cosine of its latitude.
 */
export class KdNearest implements PassScanner {
  readonly coords: Float64Array;
  readonly nodeSize: number;
  readonly numItems: number;
  /** DFS stack of (left, right, axis) frames; a kd-tree of 2^32 points is < 32 levels deep. */
  private readonly stack = new Int32Array(3 * 64);

  /** Dense index reported for each kd slot. */
  readonly idxOfSlot: Int32Array;
  /** Cosine of each kd slot's latitude. */
  readonly cosLatOfSlot: Float64Array;

  /**
   * @param tree a finished kdbush tree with Float64Array coordinates (lng, lat)
   * @param idxOfAdded dense index of the j-th point added to the tree (identity when omitted)
   */
  constructor(
    readonly tree: KDBush,
    idxOfAdded?: Int32Array,
  ) {
    this.coords = tree.coords as Float64Array;
    this.nodeSize = tree.nodeSize;
    this.numItems = tree.numItems;
    this.idxOfSlot = new Int32Array(this.numItems);
    this.cosLatOfSlot = new Float64Array(this.numItems);
    const ids = tree.ids;
    for (let i = 0; i < this.numItems; i++) {
      const added = ids[i]!;
      this.idxOfSlot[i] = idxOfAdded === undefined ? added : idxOfAdded[added]!;
      this.cosLatOfSlot[i] = cosLatOf(this.coords[2 * i + 1]!);
    }
  }

  /** Runs a whole k-nearest query (after `q.begin`). */
  search(q: KnnQuery): void {
    if (this.numItems === 0 || q.k === 0) return;
    runPasses(q, this, this.seedRadiusM(q));
  }

  /**
   * A first pass radius: the k-th distance among the points of the leaf the query falls in
   * (then the first pass usually finds k points), or a wider guess when the leaf has fewer.
   */
  seedRadiusM(q: KnnQuery): number {
    const coords = this.coords;
    let left = 0;
    let right = this.numItems - 1;
    let axis = 0;
    while (right - left > this.nodeSize) {
      const m = (left + right) >> 1;
      const isBefore = axis === 0 ? q.lng < coords[2 * m]! : q.lat < coords[2 * m + 1]!;
      if (isBefore) right = m - 1;
      else left = m + 1;
      axis = 1 - axis;
    }
    for (let i = left; i <= right; i++) this.offerSlot(q, i);
    const top = q.top;
    if (top.count === 0) return 1000;
    const farthestM = distanceMFromKey(top.worstKey());
    // slack so the pass key (recomputed from metres) still admits the k-th point
    const radiusM = farthestM * (1 + 1e-9) + 1e-6;
    return top.count >= q.k ? radiusM : radiusM * Math.sqrt(q.k / top.count) * 1.2;
  }

  /** Offers every slot inside `q.box` (split in two when it wraps the antimeridian). */
  scanPass(q: KnnQuery): void {
    const b = q.box;
    if (b.isWrapped) {
      this.scanBox(q, b.minLng, b.minLat, 180, b.maxLat);
      this.scanBox(q, -180, b.minLat, b.maxLng, b.maxLat);
    } else {
      this.scanBox(q, b.minLng, b.minLat, b.maxLng, b.maxLat);
    }
  }

  /** kdbush's `range` walk, offering hits instead of collecting them. */
  private scanBox(q: KnnQuery, minX: number, minY: number, maxX: number, maxY: number): void {
    const coords = this.coords;
    const nodeSize = this.nodeSize;
    const stack = this.stack;
    stack[0] = 0;
    stack[1] = this.numItems - 1;
    stack[2] = 0;
    let sp = 3;
    while (sp > 0) {
      const axis = stack[--sp]!;
      const right = stack[--sp]!;
      const left = stack[--sp]!;
      if (right - left <= nodeSize) {
        // leaf: test every point
        for (let i = left; i <= right; i++) {
          const x = coords[2 * i]!;
          const y = coords[2 * i + 1]!;
          if (x >= minX && x <= maxX && y >= minY && y <= maxY) this.offerSlot(q, i);
        }
        continue;
      }
      // inner node: test the median point, then descend into the halves the box overlaps
      const m = (left + right) >> 1;
      const x = coords[2 * m]!;
      const y = coords[2 * m + 1]!;
      if (x >= minX && x <= maxX && y >= minY && y <= maxY) this.offerSlot(q, m);
      if (axis === 0 ? minX <= x : minY <= y) {
        stack[sp++] = left;
        stack[sp++] = m - 1;
        stack[sp++] = 1 - axis;
      }
      if (axis === 0 ? maxX >= x : maxY >= y) {
        stack[sp++] = m + 1;
        stack[sp++] = right;
        stack[sp++] = 1 - axis;
      }
    }
  }

  private offerSlot(q: KnnQuery, slot: number): void {
    const key = haversineKey(q.lng, q.lat, q.cosLat, this.coords[2 * slot]!, this.coords[2 * slot + 1]!, this.cosLatOfSlot[slot]!);
    if (key <= q.passKey) q.offer(key, this.idxOfSlot[slot]!);
  }
}
