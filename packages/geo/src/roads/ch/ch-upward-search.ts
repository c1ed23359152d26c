/**
 * A complete upward search in a contraction hierarchy (no stop rule), with stall-on-demand: the
 * first phase of PHAST and both phases of the bucket many-to-many method. Reusable typed-array
 * scratch; internal.
 */
import type { ChSearchGraph } from './ch-search-graph.js';
import { ChVertexHeap } from './ch-vertex-heap.js';

const U32_MAX = 0xffffffff;

/** Upward Dijkstra from one endpoint's seeds, forward (climbing up arcs) or backward (climbing down arcs reversed). */
export class ChUpwardSearch {
  /** Time from (forward) / to (backward) the seeds, ms, where `stamp === gen`. */
  readonly dist: Float64Array;
  /** Length of the path behind `dist`, cm (only when run with lengths). */
  readonly len: Float64Array;
  readonly stamp: Uint32Array;
  gen = 0;
  /** Vertices (ranks) settled and not stalled by the last run, in settling order. */
  readonly settled: Int32Array;
  numSettled = 0;
  private readonly heap: ChVertexHeap;
  private readonly relaxFirst: Int32Array;
  private readonly relaxOther: Int32Array;
  private readonly relaxDur: Float64Array;
  private readonly relaxLen: Float64Array;
  private readonly stallFirst: Int32Array;
  private readonly stallOther: Int32Array;
  private readonly stallDur: Float64Array;

  constructor(g: ChSearchGraph, forward: boolean) {
    const n = g.numVertices;
    this.dist = new Float64Array(n);
    this.len = new Float64Array(n);
    this.stamp = new Uint32Array(n);
    this.settled = new Int32Array(n);
    this.heap = new ChVertexHeap(n);
    if (forward) {
      this.relaxFirst = g.upFirst;
      this.relaxOther = g.upHead;
      this.relaxDur = g.upDur;
      this.relaxLen = g.upLen;
      this.stallFirst = g.downFirst;
      this.stallOther = g.downTail;
      this.stallDur = g.downDur;
    } else {
      this.relaxFirst = g.downFirst;
      this.relaxOther = g.downTail;
      this.relaxDur = g.downDur;
      this.relaxLen = g.downLen;
      this.stallFirst = g.upFirst;
      this.stallOther = g.upHead;
      this.stallDur = g.upDur;
    }
  }

  /** Whether vertex (rank) `v` was reached by the last run. */
  reached(v: number): boolean {
    return this.stamp[v] === this.gen;
  }

  /** Searches from seeds `from … to-1` of the given seed arrays (ranks, offsets ms and cm). */
  run(rankOf: Int32Array, offsetMs: Float64Array, offsetCm: Float64Array, from: number, to: number, withLengths: boolean): void {
    const { dist, len, stamp, heap, settled, relaxFirst, relaxOther, relaxDur, relaxLen, stallFirst, stallOther, stallDur } = this;
    if (this.gen === U32_MAX) {
      stamp.fill(0);
      this.gen = 0;
    }
    const gen = ++this.gen;
    heap.clear();
    for (let i = from; i < to; i++) {
      const r = rankOf[i]!;
      const o = offsetMs[i]!;
      if (stamp[r] !== gen) {
        stamp[r] = gen;
        dist[r] = o;
        len[r] = offsetCm[i]!;
        heap.push(r, o);
      } else if (o < dist[r]!) {
        dist[r] = o;
        len[r] = offsetCm[i]!;
        heap.decrease(r, o);
      }
    }
    let count = 0;
    while (heap.size > 0) {
      const d = heap.minKey();
      const v = heap.pop();
      let stalled = false;
      for (let a = stallFirst[v]!, end = stallFirst[v + 1]!; a < end; a++) {
        const w = stallOther[a]!;
        if (stamp[w] === gen && dist[w]! + stallDur[a]! < d) {
          stalled = true;
          break;
        }
      }
      if (stalled) continue;
      settled[count++] = v;
      const lv = len[v]!;
      for (let a = relaxFirst[v]!, end = relaxFirst[v + 1]!; a < end; a++) {
        const w = relaxOther[a]!;
        const nd = d + relaxDur[a]!;
        if (stamp[w] !== gen) {
          stamp[w] = gen;
          dist[w] = nd;
          if (withLengths) len[w] = lv + relaxLen[a]!;
          heap.push(w, nd);
        } else if (nd < dist[w]!) {
          dist[w] = nd;
          if (withLengths) len[w] = lv + relaxLen[a]!;
          heap.decrease(w, nd);
        }
      }
    }
    this.numSettled = count;
  }
}
