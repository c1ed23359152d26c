/**
 * Bidirectional Dijkstra on a {@link RoadGraph}: a forward search from the source and a backward
 * search (over incoming arcs) from the target, alternating on the smaller queue key, stopping when
 * the two keys together reach the best meeting cost.
 */
import { UNREACHABLE } from '../../travel-time/travel-provider.js';
import type { ReverseArcs, RoadGraph } from '../road-graph.js';
import { arcTails, buildReverseArcs } from '../road-graph.js';
import { createSearchQueue, DEFAULT_SEARCH_QUEUE, type SearchQueue, type SearchQueueKind } from './search-queue.js';
import { assertVertex, SearchSpace } from './search-space.js';

export interface BidirectionalOptions {
  queue?: SearchQueueKind;
  /** The graph's reverse arcs, when the caller already has them. */
  reverse?: ReverseArcs;
}

/** A reusable bidirectional Dijkstra searcher (not re-entrant). */
export class BidirectionalSearch {
  readonly forward: SearchSpace;
  readonly backward: SearchSpace;
  readonly reverse: ReverseArcs;
  private readonly qf: SearchQueue;
  private readonly qb: SearchQueue;
  private tails: Uint32Array | undefined;
  private meet = -1;
  private bestMs = Infinity;

  constructor(readonly graph: RoadGraph, options: BidirectionalOptions = {}) {
    this.forward = new SearchSpace(graph.numVertices);
    this.backward = new SearchSpace(graph.numVertices);
    this.reverse = options.reverse ?? buildReverseArcs(graph);
    const kind = options.queue ?? DEFAULT_SEARCH_QUEUE;
    this.qf = createSearchQueue(kind, graph.numVertices);
    this.qb = createSearchQueue(kind, graph.numVertices);
  }

  /** Vertices settled by both directions of the last search. */
  get settledCount(): number {
    return this.forward.settledCount + this.backward.settledCount;
  }

  /** Fastest time from `source` to `target`, ms, or UNREACHABLE. */
  oneToOne(source: number, target: number): number {
    const g = this.graph;
    assertVertex('source', source, g.numVertices);
    assertVertex('target', target, g.numVertices);
    const { firstOut, head, durationMs, lengthCm } = g;
    const { firstIn, tail, arc: inArc } = this.reverse;
    const f = this.forward;
    const b = this.backward;
    const qf = this.qf;
    const qb = this.qb;
    f.reset();
    b.reset();
    qf.clear();
    qb.clear();
    const gf = f.generation;
    const gb = b.generation;
    f.stamp[source] = gf;
    f.costMs[source] = 0;
    f.lengthCm[source] = 0;
    f.parentArc[source] = -1;
    qf.push(source, 0);
    b.stamp[target] = gb;
    b.costMs[target] = 0;
    b.lengthCm[target] = 0;
    b.parentArc[target] = -1;
    qb.push(target, 0);
    let best = source === target ? 0 : Infinity;
    let meet = source === target ? source : -1;
    let nf = 0;
    let nb = 0;
    for (;;) {
      const kf = qf.length > 0 ? qf.peekKey()! : Infinity;
      const kb = qb.length > 0 ? qb.peekKey()! : Infinity;
      if (kf + kb >= best || (kf === Infinity && kb === Infinity)) break;
      if (kf <= kb) {
        const u = qf.pop()!;
        if (f.settled[u] === gf) continue;
        f.settled[u] = gf;
        nf++;
        const cu = f.costMs[u]!;
        const lu = f.lengthCm[u]!;
        for (let a = firstOut[u]!, end = firstOut[u + 1]!; a < end; a++) {
          const v = head[a]!;
          const cv = cu + durationMs[a]!;
          if (f.stamp[v] !== gf || cv < f.costMs[v]!) {
            f.stamp[v] = gf;
            f.costMs[v] = cv;
            f.lengthCm[v] = lu + lengthCm[a]!;
            f.parentArc[v] = a;
            qf.push(v, cv);
            if (b.stamp[v] === gb && cv + b.costMs[v]! < best) {
              best = cv + b.costMs[v]!;
              meet = v;
            }
          }
        }
      } else {
        const u = qb.pop()!;
        if (b.settled[u] === gb) continue;
        b.settled[u] = gb;
        nb++;
        const cu = b.costMs[u]!;
        const lu = b.lengthCm[u]!;
        for (let i = firstIn[u]!, end = firstIn[u + 1]!; i < end; i++) {
          const v = tail[i]!;
          const a = inArc[i]!;
          const cv = cu + durationMs[a]!;
          if (b.stamp[v] !== gb || cv < b.costMs[v]!) {
            b.stamp[v] = gb;
            b.costMs[v] = cv;
            b.lengthCm[v] = lu + lengthCm[a]!;
            b.parentArc[v] = a;
            qb.push(v, cv);
            if (f.stamp[v] === gf && cv + f.costMs[v]! < best) {
              best = cv + f.costMs[v]!;
              meet = v;
            }
          }
        }
      }
    }
    f.settledCount = nf;
    b.settledCount = nb;
    this.meet = meet;
    this.bestMs = best;
    return meet < 0 ? UNREACHABLE : best;
  }

  /** Length (cm) of the path found by the last search, or UNREACHABLE. */
  lastLengthCm(): number {
    if (this.meet < 0) return UNREACHABLE;
    return this.forward.lengthCm[this.meet]! + this.backward.lengthCm[this.meet]!;
  }

  /** Arc indices of the path found by the last search, source first. */
  lastPathArcs(): number[] {
    if (this.meet < 0 || this.bestMs === Infinity) return [];
    this.tails ??= arcTails(this.graph);
    const arcs = this.forward.pathArcs(this.meet, this.tails);
    let x = this.meet;
    for (let guard = 0; guard <= this.graph.numVertices; guard++) {
      const a = this.backward.parentArc[x]!;
      if (a < 0) break;
      arcs.push(a);
      x = this.graph.head[a]!;
    }
    return arcs;
  }
}
