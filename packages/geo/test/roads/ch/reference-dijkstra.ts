/**
 * Plain Dijkstra on a RoadGraph, the reference the CH tests compare against and the baseline of
 * the CH benches: flatqueue (plain arrays, lazy deletion, one queue reused) and a per-search stamp
 * array, as measured in /work/shared/ROADS.md §3.
 */
import FlatQueue from 'flatqueue';
import type { RoadGraph } from '@o2o/geo';

export class ReferenceDijkstra {
  /** Tentative/final time per vertex, ms (valid where `stamp === gen`). */
  readonly dist: Float64Array;
  /** Length of the path behind `dist`, cm. */
  readonly len: Float64Array;
  readonly stamp: Uint32Array;
  gen = 0;
  private readonly queue = new FlatQueue<number>();
  /** 0: plain; 1: among equal times keep the shorter length; -1: the longer. */
  private tie = 0;

  constructor(private readonly graph: RoadGraph) {
    this.dist = new Float64Array(graph.numVertices);
    this.len = new Float64Array(graph.numVertices);
    this.stamp = new Uint32Array(graph.numVertices);
  }

  /** Time from the seeds to `v` after {@link oneToAll}: ms or Infinity. */
  distanceTo(v: number): number {
    return this.stamp[v] === this.gen ? this.dist[v]! : Infinity;
  }

  /** Length of that path, cm (offsets included), or Infinity. */
  lengthTo(v: number): number {
    return this.stamp[v] === this.gen ? this.len[v]! : Infinity;
  }

  /**
   * One-to-all from `seeds` with start offsets (ms, cm). `ties` picks the length among equally
   * fast paths: `'min'` / `'max'` (lexicographic Dijkstra) or `'any'` (plain, fastest).
   */
  oneToAll(seeds: ArrayLike<number>, offsetsMs?: ArrayLike<number>, offsetsCm?: ArrayLike<number>, ties: 'any' | 'min' | 'max' = 'any'): void {
    this.tie = ties === 'min' ? 1 : ties === 'max' ? -1 : 0;
    this.search(seeds, offsetsMs, offsetsCm, -1);
    this.tie = 0;
  }

  /** Point-to-point time `s → t`, ms, or -1 (stops when `t` is settled). */
  query(s: number, t: number): number {
    this.search([s], undefined, undefined, t);
    return this.stamp[t] === this.gen ? this.dist[t]! : -1;
  }

  private search(seeds: ArrayLike<number>, offsetsMs: ArrayLike<number> | undefined, offsetsCm: ArrayLike<number> | undefined, target: number): void {
    const { firstOut, head, durationMs, lengthCm } = this.graph;
    const { dist, len, stamp, queue } = this;
    const gen = ++this.gen;
    const tie = this.tie;
    queue.clear();
    for (let i = 0; i < seeds.length; i++) {
      const s = seeds[i]!;
      const o = offsetsMs?.[i] ?? 0;
      const l = offsetsCm?.[i] ?? 0;
      if (stamp[s] !== gen || o < dist[s]! || (o === dist[s] && tie * (len[s]! - l) > 0)) {
        stamp[s] = gen;
        dist[s] = o;
        len[s] = l;
        queue.push(s, o);
      }
    }
    while (queue.length > 0) {
      const d = queue.peekValue()!;
      const u = queue.pop()!;
      if (d > dist[u]!) continue;
      if (u === target) return;
      const lu = len[u]!;
      for (let a = firstOut[u]!, end = firstOut[u + 1]!; a < end; a++) {
        const w = head[a]!;
        const nd = d + durationMs[a]!;
        const nl = lu + lengthCm[a]!;
        if (stamp[w] !== gen || nd < dist[w]!) {
          stamp[w] = gen;
          dist[w] = nd;
          len[w] = nl;
          queue.push(w, nd);
        } else if (tie !== 0 && nd === dist[w] && tie * (len[w]! - nl) > 0) {
          len[w] = nl;
          queue.push(w, nd);
        }
      }
    }
  }
}
