/**
 * Per-searcher scratch state over a graph's vertices: tentative cost, length and parent arc,
 * valid only where `stamp[v]` equals the current generation, so a new search costs O(1) instead
 * of clearing arrays (the arrays are allocated once per searcher).
 */
import { GeoInputError } from '../../errors.js';
import { UNREACHABLE } from '../../travel-time/travel-provider.js';

export class SearchSpace {
  readonly costMs: Float64Array;
  readonly lengthCm: Float64Array;
  /** Arc that reached the vertex, -1 for a seed. */
  readonly parentArc: Int32Array;
  /** Generation in which `costMs` etc. were written. */
  readonly stamp: Uint32Array;
  /** Generation in which the vertex was settled. */
  readonly settled: Uint32Array;
  /** Generation in which the vertex was marked (e.g. as a target still to settle). */
  readonly mark: Uint32Array;
  generation = 0;
  /** Vertices settled by the last search. */
  settledCount = 0;

  constructor(readonly numVertices: number) {
    this.costMs = new Float64Array(numVertices);
    this.lengthCm = new Float64Array(numVertices);
    this.parentArc = new Int32Array(numVertices);
    this.stamp = new Uint32Array(numVertices);
    this.settled = new Uint32Array(numVertices);
    this.mark = new Uint32Array(numVertices);
  }

  /** Starts a new search: every vertex becomes unreached. */
  reset(): void {
    this.generation++;
    if (this.generation === 0xffffffff) {
      this.stamp.fill(0);
      this.settled.fill(0);
      this.mark.fill(0);
      this.generation = 1;
    }
    this.settledCount = 0;
  }

  reached(v: number): boolean {
    return this.stamp[v] === this.generation;
  }

  isSettled(v: number): boolean {
    return this.settled[v] === this.generation;
  }

  /** Cost of `v` found by the last search (ms), or UNREACHABLE when not reached. */
  costTo(v: number): number {
    return this.stamp[v] === this.generation ? this.costMs[v]! : UNREACHABLE;
  }

  /** Length (cm) of the path to `v` found by the last search, or UNREACHABLE. */
  lengthTo(v: number): number {
    return this.stamp[v] === this.generation ? this.lengthCm[v]! : UNREACHABLE;
  }

  /**
   * The arcs of the path the last search found to `v`, source first (empty when `v` is a seed or
   * unreached). `tails` maps arcs to their tail vertex for forward searches.
   */
  pathArcs(v: number, arcEnd: Uint32Array): number[] {
    const arcs: number[] = [];
    if (this.stamp[v] !== this.generation) return arcs;
    let x = v;
    for (let guard = 0; guard <= this.numVertices; guard++) {
      const a = this.parentArc[x]!;
      if (a < 0) return arcs.reverse();
      arcs.push(a);
      x = arcEnd[a]!;
    }
    throw new GeoInputError('GEO_INVALID_ARGUMENT', 'graph', 'has a parent cycle (corrupt search state)', v);
  }
}

/** Throws unless `v` is a vertex index of a graph with `n` vertices. */
export function assertVertex(field: string, v: unknown, n: number): asserts v is number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= n) {
    throw new GeoInputError('GEO_INVALID_ARGUMENT', field, `must be a vertex index in [0, ${n - 1}]`, v);
  }
}
