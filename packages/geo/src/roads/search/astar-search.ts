/**
 * A* on a {@link RoadGraph} with the straight-line lower bound ({@link StraightLineBound}).
 * Vertices are re-opened when a cheaper path appears, so the answer is exact even where rounding
 * makes the bound slightly inconsistent; it always equals Dijkstra's cost (tested).
 */
import type { RoadGraph } from '../road-graph.js';
import { arcTails } from '../road-graph.js';
import { StraightLineBound } from './lower-bound.js';
import { createSearchQueue, DEFAULT_SEARCH_QUEUE, type SearchQueue, type SearchQueueKind } from './search-queue.js';
import { assertVertex, SearchSpace } from './search-space.js';

export interface AStarOptions {
  queue?: SearchQueueKind;
}

/** A reusable A* searcher (not re-entrant). */
export class AStarSearch {
  readonly space: SearchSpace;
  readonly bound: StraightLineBound;
  private readonly queue: SearchQueue;
  private tails: Uint32Array | undefined;

  constructor(readonly graph: RoadGraph, options: AStarOptions = {}) {
    this.space = new SearchSpace(graph.numVertices);
    this.bound = new StraightLineBound(graph);
    this.queue = createSearchQueue(options.queue ?? DEFAULT_SEARCH_QUEUE, graph.numVertices);
  }

  /** Vertices settled (popped and expanded) by the last search. */
  get settledCount(): number {
    return this.space.settledCount;
  }

  /** Fastest time from `source` to `target`, ms, or UNREACHABLE. */
  oneToOne(source: number, target: number): number {
    const g = this.graph;
    assertVertex('source', source, g.numVertices);
    assertVertex('target', target, g.numVertices);
    const { firstOut, head, durationMs, lengthCm } = g;
    const sp = this.space;
    const { costMs, lengthCm: len, parentArc, stamp, settled } = sp;
    const q = this.queue;
    const bound = this.bound;
    sp.reset();
    q.clear();
    const gen = sp.generation;
    stamp[source] = gen;
    costMs[source] = 0;
    len[source] = 0;
    parentArc[source] = -1;
    q.push(source, bound.boundMs(source, target));
    let count = 0;
    while (q.length > 0) {
      const key = q.peekKey()!;
      const u = q.pop()!;
      const cu = costMs[u]!;
      // Stale entry: the vertex was pushed again with a smaller cost since (keys only decrease).
      if (key !== cu + bound.boundMs(u, target)) continue;
      settled[u] = gen;
      count++;
      if (u === target) break;
      const lu = len[u]!;
      for (let a = firstOut[u]!, end = firstOut[u + 1]!; a < end; a++) {
        const v = head[a]!;
        const cv = cu + durationMs[a]!;
        if (stamp[v] !== gen || cv < costMs[v]!) {
          stamp[v] = gen;
          costMs[v] = cv;
          len[v] = lu + lengthCm[a]!;
          parentArc[v] = a;
          settled[v] = 0;
          q.push(v, cv + bound.boundMs(v, target));
        }
      }
    }
    sp.settledCount = count;
    return settled[target] === gen ? costMs[target]! : -1;
  }

  /** Length (cm) of the path found by the last search to its target, or UNREACHABLE. */
  lengthTo(v: number): number {
    return this.space.isSettled(v) ? this.space.lengthCm[v]! : -1;
  }

  /** Arc indices of the path the last search found to `v`, source first. */
  pathArcs(v: number): number[] {
    this.tails ??= arcTails(this.graph);
    return this.space.isSettled(v) ? this.space.pathArcs(v, this.tails) : [];
  }
}
