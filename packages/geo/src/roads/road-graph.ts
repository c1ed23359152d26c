/**
 * A directed road graph in compressed sparse row (CSR) form, in typed arrays only, so it can be
 * saved as one binary file, loaded in milliseconds and shared with worker threads.
 *
 * - Vertices are road junctions and dead ends (degree-2 chains are compressed into one arc whose
 *   intermediate shape points are kept in the geometry arrays). Dense indices `0 … numVertices-1`.
 * - Arcs of vertex `v` are `firstOut[v] … firstOut[v+1]-1`; arc `a` goes to `head[a]`.
 *   A two-way street is two arcs. Parallel arcs are deduplicated to the fastest.
 * - Weights: free-flow travel time in integer milliseconds (`durationMs`, so sums are exact and
 *   searches compare integers), length in integer centimetres (`lengthCm`). Public results are
 *   rounded to integer seconds and metres.
 * - `roadClass[a]` is an index into {@link ROAD_CLASSES} (traffic profiles are per class).
 * - Geometry: the shape points strictly between an arc's tail and head, in travel order, are
 *   `geomLng/geomLat[geomFirst[a] … geomFirst[a+1]-1]`.
 * - `wayId[a]` is the OSM way the arc comes from (0 for generated graphs), so users can key
 *   per-edge data by way.
 */
import { GeoInputError } from '../errors.js';

export interface RoadGraph {
  /** Profile the graph was built for, e.g. `'car'`. */
  readonly profile: string;
  readonly numVertices: number;
  readonly numArcs: number;
  /** Vertex longitude, degrees. */
  readonly vertexLng: Float64Array;
  /** Vertex latitude, degrees. */
  readonly vertexLat: Float64Array;
  /** CSR offsets, length `numVertices + 1`. */
  readonly firstOut: Uint32Array;
  /** Head vertex of each arc. */
  readonly head: Uint32Array;
  /** Free-flow travel time of each arc, integer milliseconds (≥ 1). */
  readonly durationMs: Uint32Array;
  /** Length of each arc, integer centimetres. */
  readonly lengthCm: Uint32Array;
  /** Road class code of each arc (index into ROAD_CLASSES). */
  readonly roadClass: Uint8Array;
  /** OSM way id of each arc (0 when not from OSM). */
  readonly wayId: Float64Array;
  /** Geometry offsets, length `numArcs + 1`. */
  readonly geomFirst: Uint32Array;
  readonly geomLng: Float64Array;
  readonly geomLat: Float64Array;
}

/** The reverse (incoming-arc) view of a graph, for backward searches. */
export interface ReverseArcs {
  /** CSR offsets over incoming arcs, length `numVertices + 1`. */
  readonly firstIn: Uint32Array;
  /** Tail vertex of each incoming arc. */
  readonly tail: Uint32Array;
  /** The forward arc index each incoming arc mirrors (for weights, classes, geometry). */
  readonly arc: Uint32Array;
}

/** Builds the incoming-arc CSR of `graph` (O(V + A)). */
export function buildReverseArcs(graph: RoadGraph): ReverseArcs {
  const n = graph.numVertices;
  const m = graph.numArcs;
  const firstIn = new Uint32Array(n + 1);
  for (let a = 0; a < m; a++) firstIn[graph.head[a]! + 1]!++;
  for (let v = 0; v < n; v++) firstIn[v + 1]! += firstIn[v]!;
  const fill = firstIn.slice(0, n);
  const tail = new Uint32Array(m);
  const arc = new Uint32Array(m);
  for (let u = 0; u < n; u++) {
    for (let a = graph.firstOut[u]!; a < graph.firstOut[u + 1]!; a++) {
      const slot = fill[graph.head[a]!]!++;
      tail[slot] = u;
      arc[slot] = a;
    }
  }
  return { firstIn, tail, arc };
}

/** The tail vertex of every arc (O(A)); CSR stores only heads. */
export function arcTails(graph: RoadGraph): Uint32Array {
  const tails = new Uint32Array(graph.numArcs);
  for (let u = 0; u < graph.numVertices; u++) tails.fill(u, graph.firstOut[u]!, graph.firstOut[u + 1]!);
  return tails;
}

/**
 * Checks the structural invariants (lengths, offsets monotone, heads in range, durations ≥ 1,
 * geometry offsets consistent). Throws `GeoInputError` (GEO_INVALID_ARGUMENT) naming the field.
 * Used on load and by tests; O(V + A).
 */
export function assertRoadGraph(graph: RoadGraph, field = 'graph'): void {
  const n = graph.numVertices;
  const m = graph.numArcs;
  const expectLength = (name: string, arr: ArrayLike<number>, len: number): void => {
    if (arr.length !== len) throw new GeoInputError('GEO_INVALID_ARGUMENT', `${field}.${name}`, `must have length ${len}`, arr.length);
  };
  if (!Number.isInteger(n) || n < 1) throw new GeoInputError('GEO_INVALID_ARGUMENT', `${field}.numVertices`, 'must be an integer ≥ 1', n);
  if (!Number.isInteger(m) || m < 0) throw new GeoInputError('GEO_INVALID_ARGUMENT', `${field}.numArcs`, 'must be an integer ≥ 0', m);
  expectLength('vertexLng', graph.vertexLng, n);
  expectLength('vertexLat', graph.vertexLat, n);
  expectLength('firstOut', graph.firstOut, n + 1);
  expectLength('head', graph.head, m);
  expectLength('durationMs', graph.durationMs, m);
  expectLength('lengthCm', graph.lengthCm, m);
  expectLength('roadClass', graph.roadClass, m);
  expectLength('wayId', graph.wayId, m);
  expectLength('geomFirst', graph.geomFirst, m + 1);
  if (graph.firstOut[0] !== 0 || graph.firstOut[n] !== m) {
    throw new GeoInputError('GEO_INVALID_ARGUMENT', `${field}.firstOut`, `must start at 0 and end at numArcs (${m})`, graph.firstOut[n]);
  }
  for (let v = 0; v < n; v++) {
    if (graph.firstOut[v + 1]! < graph.firstOut[v]!) {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', `${field}.firstOut[${v + 1}]`, 'must not be below the previous offset', graph.firstOut[v + 1]);
    }
  }
  for (let a = 0; a < m; a++) {
    if (graph.head[a]! >= n) throw new GeoInputError('GEO_INVALID_ARGUMENT', `${field}.head[${a}]`, `must be a vertex index < ${n}`, graph.head[a]);
    if (graph.durationMs[a]! < 1) throw new GeoInputError('GEO_INVALID_ARGUMENT', `${field}.durationMs[${a}]`, 'must be ≥ 1', graph.durationMs[a]);
  }
  const g = graph.geomLng.length;
  expectLength('geomLat', graph.geomLat, g);
  if (graph.geomFirst[0] !== 0 || graph.geomFirst[m] !== g) {
    throw new GeoInputError('GEO_INVALID_ARGUMENT', `${field}.geomFirst`, `must start at 0 and end at the number of shape points (${g})`, graph.geomFirst[m]);
  }
}

/** Bounding box of a graph's junctions, `[minLng, minLat, maxLng, maxLat]` (GeoJSON bbox order). */
export function roadGraphBbox(graph: RoadGraph): [number, number, number, number] {
  let minLng = Infinity;
  let maxLng = -Infinity;
  let minLat = Infinity;
  let maxLat = -Infinity;
  for (let v = 0; v < graph.numVertices; v++) {
    const lng = graph.vertexLng[v]!;
    const lat = graph.vertexLat[v]!;
    if (lng < minLng) minLng = lng;
    if (lng > maxLng) maxLng = lng;
    if (lat < minLat) minLat = lat;
    if (lat > maxLat) maxLat = lat;
  }
  return [minLng, minLat, maxLng, maxLat];
}
