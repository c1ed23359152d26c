/**
 * Plain Dijkstra on a {@link RoadGraph}'s free-flow (or caller-given) arc durations: the
 * reference every faster search is tested against, and the one-to-all baseline of the benches.
 */
import { UNREACHABLE } from '../../travel-time/travel-provider.js';
import type { RoadGraph } from '../road-graph.js';
import { arcTails } from '../road-graph.js';
import { createSearchQueue, DEFAULT_SEARCH_QUEUE, type SearchQueue, type SearchQueueKind } from './search-queue.js';
import { assertVertex, SearchSpace } from './search-space.js';

export interface DijkstraOptions {
  /** Priority queue. Default {@link DEFAULT_SEARCH_QUEUE}. */
  queue?: SearchQueueKind;
  /** Arc weights to use instead of `graph.durationMs` (e.g. traffic weights at one instant). */
  weightMs?: Uint32Array;
}

/** A reusable Dijkstra searcher (scratch arrays allocated once; not re-entrant). */
export class DijkstraSearch {
  readonly space: SearchSpace;
  private readonly queue: SearchQueue;
  private readonly weightMs: Uint32Array;
  private tails: Uint32Array | undefined;

  constructor(readonly graph: RoadGraph, options: DijkstraOptions = {}) {
    this.space = new SearchSpace(graph.numVertices);
    this.queue = createSearchQueue(options.queue ?? DEFAULT_SEARCH_QUEUE, graph.numVertices);
    this.weightMs = options.weightMs ?? graph.durationMs;
  }

  /** Vertices settled by the last search. */
  get settledCount(): number {
    return this.space.settledCount;
  }

  /** Fastest time from `source` to `target`, ms, or UNREACHABLE. Stops when `target` is settled. */
  oneToOne(source: number, target: number): number {
    assertVertex('source', source, this.graph.numVertices);
    assertVertex('target', target, this.graph.numVertices);
    this.runFrom([source], undefined, target, null);
    return this.space.costTo(target);
  }

  /**
   * Searches from seeds (vertices with initial costs, ms) until every vertex in `targets` is
   * settled (all vertices when `targets` is omitted). Read results with `costTo` / `lengthTo` /
   * `pathArcs`.
   */
  run(seeds: ArrayLike<number>, seedOffsetsMs?: ArrayLike<number>, targets?: ArrayLike<number>): void {
    for (let i = 0; i < seeds.length; i++) assertVertex(`seeds[${i}]`, seeds[i], this.graph.numVertices);
    if (targets) for (let i = 0; i < targets.length; i++) assertVertex(`targets[${i}]`, targets[i], this.graph.numVertices);
    this.runFrom(seeds, seedOffsetsMs, -1, targets ?? null);
  }

  /** One-to-all from `source`: fills `outMs` (length numVertices) with costs, UNREACHABLE where none. */
  oneToAll(source: number, outMs: Float64Array = new Float64Array(this.graph.numVertices)): Float64Array {
    assertVertex('source', source, this.graph.numVertices);
    this.runFrom([source], undefined, -1, null);
    for (let v = 0; v < this.graph.numVertices; v++) outMs[v] = this.space.costTo(v);
    return outMs;
  }

  /** Cost (ms) of `v` in the last search, or UNREACHABLE. */
  costTo(v: number): number {
    return this.space.isSettled(v) ? this.space.costMs[v]! : UNREACHABLE;
  }

  /** Length (cm) of the fastest path to `v` in the last search, or UNREACHABLE. */
  lengthTo(v: number): number {
    return this.space.isSettled(v) ? this.space.lengthCm[v]! : UNREACHABLE;
  }

  /** Arc indices of the fastest path to `v` in the last search, source first. */
  pathArcs(v: number): number[] {
    this.tails ??= arcTails(this.graph);
    return this.space.isSettled(v) ? this.space.pathArcs(v, this.tails) : [];
  }

  private runFrom(seeds: ArrayLike<number>, offsets: ArrayLike<number> | undefined, target: number, targets: ArrayLike<number> | null): void {
    const { firstOut, head, lengthCm } = this.graph;
    const w = this.weightMs;
    const sp = this.space;
    const { costMs, lengthCm: len, parentArc, stamp, settled, mark } = sp;
    const q = this.queue;
    sp.reset();
    q.clear();
    const gen = sp.generation;
    for (let i = 0; i < seeds.length; i++) {
      const s = seeds[i]!;
      const c = offsets ? offsets[i]! : 0;
      if (stamp[s] !== gen || c < costMs[s]!) {
        stamp[s] = gen;
        costMs[s] = c;
        len[s] = 0;
        parentArc[s] = -1;
        q.push(s, c);
      }
    }
    let remaining = 0;
    if (targets) {
      for (let i = 0; i < targets.length; i++) {
        const t = targets[i]!;
        if (mark[t] !== gen) {
          mark[t] = gen;
          remaining++;
        }
      }
    }
    let count = 0;
    while (q.length > 0) {
      const u = q.pop()!;
      if (settled[u] === gen) continue;
      settled[u] = gen;
      count++;
      if (u === target) break;
      if (targets !== null && mark[u] === gen && --remaining === 0) break;
      const cu = costMs[u]!;
      const lu = len[u]!;
      for (let a = firstOut[u]!, end = firstOut[u + 1]!; a < end; a++) {
        const v = head[a]!;
        const cv = cu + w[a]!;
        if (stamp[v] !== gen || cv < costMs[v]!) {
          stamp[v] = gen;
          costMs[v] = cv;
          len[v] = lu + lengthCm[a]!;
          parentArc[v] = a;
          q.push(v, cv);
        }
      }
    }
    sp.settledCount = count;
  }
}
