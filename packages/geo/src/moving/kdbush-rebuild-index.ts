/**
 * `KdbushRebuildIndex`: moving points in typed arrays, with a kdbush tree of the active points
 * rebuilt lazily by the first query after any change (update, add, remove, activation).
 * Updates are plain array writes; the rebuild (an O(n log n) kd-sort) is paid once per tick.
 */
import KDBush from 'kdbush';
import { GeoInputError } from '../errors.js';
import { cosLatOf } from '../knn/haversine-key.js';
import { KdNearest } from '../knn/kd-nearest.js';
import type { KnnQuery } from '../knn/knn-query.js';
import { ACTIVE, MovingIndexBase, type MovingIndexOptions, type RiderIdx } from './moving-index-base.js';

/** Options of {@link KdbushRebuildIndex}. */
export interface KdbushRebuildIndexOptions extends MovingIndexOptions {
  /** Points per kd-tree leaf (kdbush `nodeSize`), 2–65535. Default 32. */
  nodeSize?: number;
}

/** Moving-point index that rebuilds a kdbush tree on the first query after changes. */
export class KdbushRebuildIndex extends MovingIndexBase {
  readonly nodeSize: number;
  /** Tree of the active points as of the last rebuild; stale while {@link isDirty}. */
  private kd: KdNearest | undefined = undefined;
  /** Slot of the j-th point added to the tree, reused across rebuilds. */
  private slotOfAdded = new Int32Array(0);
  /** True when a change happened since the last rebuild. */
  isDirty = true;
  /** Number of rebuilds so far (for benches and tests). */
  numRebuilds = 0;

  constructor(options: KdbushRebuildIndexOptions = {}) {
    super(options);
    const nodeSize = options.nodeSize ?? 32;
    if (!Number.isInteger(nodeSize) || nodeSize < 2 || nodeSize > 65535) {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', 'options.nodeSize', 'must be an integer in [2, 65535]', nodeSize);
    }
    this.nodeSize = nodeSize;
  }

  /** Moves a live point: three array writes and a dirty flag. Allocation-free. */
  update(idx: RiderIdx, lng: number, lat: number): void {
    this.checkUpdate(idx, lng, lat);
    this.lngs[idx] = lng;
    this.lats[idx] = lat;
    this.cosLats[idx] = cosLatOf(lat);
    this.isDirty = true;
  }

  protected onActivated(): void {
    this.isDirty = true;
  }

  protected onDeactivated(): void {
    this.isDirty = true;
  }

  protected search(q: KnnQuery): void {
    if (this.isDirty) this.rebuild();
    this.kd?.search(q);
  }

  /** Rebuilds the tree from the active points now (queries do it on demand). */
  rebuild(): void {
    const n = this.numActive;
    if (this.slotOfAdded.length < n) this.slotOfAdded = new Int32Array(Math.max(n, this.slotOfAdded.length * 2));
    const tree = new KDBush(n, this.nodeSize);
    let j = 0;
    for (let idx = 0; idx < this.numSlots; idx++) {
      if ((this.flags[idx]! & ACTIVE) === 0) continue;
      tree.add(this.lngs[idx]!, this.lats[idx]!);
      this.slotOfAdded[j++] = idx;
    }
    tree.finish();
    this.kd = new KdNearest(tree, this.slotOfAdded);
    this.isDirty = false;
    this.numRebuilds++;
  }
}
