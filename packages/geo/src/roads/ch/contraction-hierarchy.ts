/**
 * A contraction hierarchy over a {@link RoadGraph}: every vertex has a rank (its contraction
 * order) and the searches only climb. Arrays are indexed by the graph's own vertex ids.
 *
 * - Upward arcs `v → w` with `rank[w] > rank[v]` (forward searches climb them):
 *   `upFirst[v] … upFirst[v+1]-1`, head `upHead`, weights `upDurationMs` / `upLengthCm`.
 * - Downward arcs `w → v` with `rank[w] > rank[v]`, stored at their lower end `v` (backward searches
 *   climb them from the target; a PHAST sweep reads them in descending rank):
 *   `downFirst[v] … downFirst[v+1]-1`, tail `downTail`, weights `downDurationMs` / `downLengthCm`.
 * - `upVia` / `downVia`: ≥ 0 → the arc is the graph's original arc of that index; < 0 → a shortcut
 *   through the middle vertex `-via - 1` (unpack `tail → middle` and `middle → head` recursively).
 *   Both halves are stored at the middle vertex: `tail → middle` among its down arcs,
 *   `middle → head` among its up arcs; weights are the sums of the halves.
 *
 * Built by {@link buildContractionHierarchy}; queried with {@link ChQuery} (point to point) and
 * {@link chMatrix} / {@link chPhastMatrix} / {@link chBucketMatrix} (many to many), which lay the
 * arrays out again in rank order for locality. Every array is a typed array, so a hierarchy can be
 * saved as one binary file and shared with worker threads like the graph.
 */
export interface ContractionHierarchy {
  readonly numVertices: number;
  /** Contraction order of each vertex: 0 = contracted first (least important). */
  readonly rank: Uint32Array;
  /** The vertex of each rank (inverse of `rank`). */
  readonly order: Uint32Array;
  readonly upFirst: Uint32Array;
  readonly upHead: Uint32Array;
  readonly upDurationMs: Uint32Array;
  readonly upLengthCm: Uint32Array;
  readonly upVia: Int32Array;
  readonly downFirst: Uint32Array;
  readonly downTail: Uint32Array;
  readonly downDurationMs: Uint32Array;
  readonly downLengthCm: Uint32Array;
  readonly downVia: Int32Array;
}
