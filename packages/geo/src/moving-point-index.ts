/**
 * Moving-point indexes (riders whose positions change every few seconds).
 * `MovingPointIndex` is the implementation chosen by the bench (see README-moving-index.md);
 * the other candidate stays exported under its own name.
 */
import { GridBucketIndex } from './moving/grid-bucket-index.js';

export { GridBucketIndex, type GridBucketIndexOptions } from './moving/grid-bucket-index.js';
export { KdbushRebuildIndex, type KdbushRebuildIndexOptions } from './moving/kdbush-rebuild-index.js';
export type { MovingIndex, MovingIndexOptions, RiderIdx } from './moving/moving-index-base.js';

/**
 * Index of moving points (riders): O(1) allocation-free `update`, exact k-nearest queries.
 * Currently the hashed lat/lng grid {@link GridBucketIndex}.
 */
export class MovingPointIndex extends GridBucketIndex {}
