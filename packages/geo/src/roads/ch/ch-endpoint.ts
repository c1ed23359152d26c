/**
 * Endpoints of CH queries and matrices: a graph vertex, or a point on the network given as several
 * seed vertices with offsets (e.g. a point snapped onto the middle of an arc `u → v` is reached
 * from `v` after the rest of the arc and leaves through `u`…). Validation and flattening into
 * typed arrays (internal helpers).
 */
import { GeoInputError } from '../../errors.js';

/**
 * Several seed vertices of one endpoint. For a source, `offsetsMs[i]` is the time from the point
 * to `vertices[i]`; for a target, the time from `vertices[i]` to the point. The result is the
 * minimum over all seed pairs of `offset + path + offset`. (A source and a target on the same arc
 * can also be joined along the arc itself; that direct case is the caller's to check, e.g. with
 * `sameRoadTrip`.) The `SnapSeeds` of `sourceSeeds` / `targetSeeds` are `ChSeeds` as they are.
 */
export interface ChSeeds {
  /** Graph vertex ids, at least one. */
  readonly vertices: ArrayLike<number>;
  /** Finite times ≥ 0 (integers keep sums exact), one per vertex, milliseconds. Default all 0. */
  readonly offsetsMs?: ArrayLike<number>;
  /** Part-of-arc lengths ≥ 0, one per vertex, centimetres, added to the reported lengths. Default all 0. */
  readonly lengthsCm?: ArrayLike<number>;
}

/** A CH source or target: a graph vertex id, or seed vertices with offsets. */
export type ChEndpoint = number | ChSeeds;

/** Endpoints flattened: endpoint `i` owns seeds `first[i] … first[i+1]-1` (vertex ids are ranks). */
export interface FlatEndpoints {
  readonly count: number;
  readonly first: Int32Array;
  /** Seed vertex, as its rank. */
  readonly rankOf: Int32Array;
  readonly offsetMs: Float64Array;
  readonly offsetCm: Float64Array;
}

/** Throws unless `v` is a vertex id of a graph with `n` vertices. */
export function assertVertex(field: string, v: unknown, n: number): asserts v is number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= n) {
    throw new GeoInputError('GEO_INVALID_ARGUMENT', field, `must be a vertex id, an integer in [0, ${n - 1}]`, v);
  }
}

/** Throws unless `x` is a finite number ≥ 0. */
export function assertOffset(field: string, x: unknown): asserts x is number {
  if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) {
    throw new GeoInputError('GEO_INVALID_ARGUMENT', field, 'must be a finite number ≥ 0', x);
  }
}

/** Validates a seed list given as parallel arrays (vertices, optional offsets). */
export function assertSeedArrays(
  field: string,
  vertices: ArrayLike<number>,
  offsetsMs: ArrayLike<number> | undefined,
  lengthsCm: ArrayLike<number> | undefined,
  n: number,
): void {
  if (vertices === null || typeof vertices !== 'object' || typeof vertices.length !== 'number') {
    throw new GeoInputError('GEO_INVALID_ARGUMENT', `${field}.vertices`, 'must be an array of vertex ids', vertices);
  }
  const k = vertices.length;
  if (k < 1) throw new GeoInputError('GEO_INVALID_ARGUMENT', `${field}.vertices`, 'must hold at least one vertex', vertices);
  if (offsetsMs !== undefined && offsetsMs.length !== k) {
    throw new GeoInputError('GEO_INVALID_ARGUMENT', `${field}.offsetsMs`, `must have one entry per vertex (${k})`, offsetsMs.length);
  }
  if (lengthsCm !== undefined && lengthsCm.length !== k) {
    throw new GeoInputError('GEO_INVALID_ARGUMENT', `${field}.lengthsCm`, `must have one entry per vertex (${k})`, lengthsCm.length);
  }
  for (let i = 0; i < k; i++) {
    assertVertex(`${field}.vertices[${i}]`, vertices[i], n);
    if (offsetsMs !== undefined) assertOffset(`${field}.offsetsMs[${i}]`, offsetsMs[i]);
    if (lengthsCm !== undefined) assertOffset(`${field}.lengthsCm[${i}]`, lengthsCm[i]);
  }
}

/** Validates and flattens `endpoints` (named `field` in errors) of a graph with ranks `rank`. */
export function flattenEndpoints(field: string, endpoints: readonly ChEndpoint[], rank: Uint32Array): FlatEndpoints {
  const n = rank.length;
  if (!Array.isArray(endpoints)) throw new GeoInputError('GEO_INVALID_ARGUMENT', field, 'must be an array of endpoints', endpoints);
  const count = endpoints.length;
  const first = new Int32Array(count + 1);
  for (let i = 0; i < count; i++) {
    const e = endpoints[i];
    if (typeof e === 'number') {
      assertVertex(`${field}[${i}]`, e, n);
      first[i + 1] = first[i]! + 1;
    } else {
      if (e === null || typeof e !== 'object') {
        throw new GeoInputError('GEO_INVALID_ARGUMENT', `${field}[${i}]`, 'must be a vertex id or { vertices, offsetsMs?, lengthsCm? }', e);
      }
      assertSeedArrays(`${field}[${i}]`, e.vertices, e.offsetsMs, e.lengthsCm, n);
      first[i + 1] = first[i]! + e.vertices.length;
    }
  }
  const total = first[count]!;
  const rankOf = new Int32Array(total);
  const offsetMs = new Float64Array(total);
  const offsetCm = new Float64Array(total);
  for (let i = 0; i < count; i++) {
    const e = endpoints[i]!;
    let k = first[i]!;
    if (typeof e === 'number') {
      rankOf[k] = rank[e]!;
    } else {
      for (let j = 0; j < e.vertices.length; j++, k++) {
        rankOf[k] = rank[e.vertices[j]!]!;
        offsetMs[k] = e.offsetsMs?.[j] ?? 0;
        offsetCm[k] = e.lengthsCm?.[j] ?? 0;
      }
    }
  }
  return { count, first, rankOf, offsetMs, offsetCm };
}
