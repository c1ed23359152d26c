/**
 * Time-dependent A* on a {@link RoadTrafficModel}, one-to-one. Every congestion factor is ≤ 1, so
 * an arc never takes less than its free-flow `durationMs`: any lower bound of the free-flow time
 * to the target is admissible at every departure instant.
 *
 * - **Default bound** (cheap, no preprocessing per target): straight-line distance to the target in
 *   a local equirectangular plane ÷ the graph's top straight-line speed, where the top speed is the
 *   largest `chord(arc) / durationMs(arc)` over all arcs in that same plane. By the triangle
 *   inequality the bound drops by at most `durationMs` along any arc, so it is consistent by
 *   construction, however the lengths were rounded.
 * - **Caller bound**: `lowerBoundMs[v]` ≤ the time from `v` to the target at any instant, e.g. the
 *   exact free-flow times of {@link TdAStar.freeFlowBoundsMs} (one reverse Dijkstra per target,
 *   worth it when one target is queried at many departure instants).
 *
 * Vertices are re-opened when a cheaper label appears, so the answer equals Dijkstra's even under
 * an inconsistent caller bound (tested against {@link TdDijkstra}).
 */
import FlatQueue from 'flatqueue';
import { GeoInputError } from '../../errors.js';
import { UNREACHABLE } from '../../travel-time/travel-provider.js';
import { buildReverseArcs, type ReverseArcs, type RoadGraph } from '../road-graph.js';
import type { RoadTrafficModel } from './road-traffic-model.js';
import { emitPlaceSeeds, type TdPlaces } from './td-places.js';
import { TdSearchState } from './td-search-state.js';

const RAD = Math.PI / 180;
/** Metres per degree on the mean Earth sphere (R = 6,371,008.8 m). */
const M_PER_DEG = 6_371_008.8 * RAD;

/** A reusable time-dependent A* searcher (scratch allocated once; not re-entrant). */
export class TdAStar {
  readonly model: RoadTrafficModel;
  readonly graph: RoadGraph;
  /** Top straight-line speed of the graph in the bound's plane, metres per ms. */
  readonly maxChordSpeedMPerMs: number;
  /** `1 / maxChordSpeedMPerMs` (0 when no arc has length: the bound is then 0). */
  private readonly msPerM: number;
  private readonly st: TdSearchState;
  /** Vertices in the local plane, metres. */
  private readonly x: Float64Array;
  private readonly y: Float64Array;
  /** Bound of each reached vertex in the current query (valid where stamped). */
  private readonly h: Float64Array;
  private reverse: ReverseArcs | undefined;
  private boundQueue: FlatQueue<number> | undefined;

  constructor(model: RoadTrafficModel) {
    this.model = model;
    const g = model.graph;
    this.graph = g;
    this.st = new TdSearchState(model);
    const n = g.numVertices;
    let minLat = Infinity;
    let maxLat = -Infinity;
    for (let v = 0; v < n; v++) {
      minLat = Math.min(minLat, g.vertexLat[v]!);
      maxLat = Math.max(maxLat, g.vertexLat[v]!);
    }
    const kx = Math.cos(((minLat + maxLat) / 2) * RAD) * M_PER_DEG;
    this.x = new Float64Array(n);
    this.y = new Float64Array(n);
    for (let v = 0; v < n; v++) {
      this.x[v] = g.vertexLng[v]! * kx;
      this.y[v] = g.vertexLat[v]! * M_PER_DEG;
    }
    let maxSpeed = 0;
    const tails = model.tails;
    for (let a = 0; a < g.numArcs; a++) {
      const dx = this.x[g.head[a]!]! - this.x[tails[a]!]!;
      const dy = this.y[g.head[a]!]! - this.y[tails[a]!]!;
      maxSpeed = Math.max(maxSpeed, Math.sqrt(dx * dx + dy * dy) / g.durationMs[a]!);
    }
    this.maxChordSpeedMPerMs = maxSpeed;
    this.msPerM = maxSpeed > 0 ? 1 / maxSpeed : 0;
    this.h = new Float64Array(n);
  }

  /** Vertices settled (expanded) by the last query, re-expansions included. */
  get settledCount(): number {
    return this.st.settledCount;
  }

  /**
   * Earliest arrival (integer ms since the epoch) at `target` leaving `source` at `departAtMs`,
   * or UNREACHABLE; equal to {@link TdDijkstra.oneToOne}. `lowerBoundMs` (length numVertices,
   * ≥ 0, `Infinity` where the target cannot be reached) replaces the default straight-line bound;
   * it must not exceed the time from each vertex to the target.
   */
  oneToOne(departAtMs: number, source: TdPlaces, target: TdPlaces, lowerBoundMs?: ArrayLike<number>): number {
    const st = this.st;
    const n = this.graph.numVertices;
    if (lowerBoundMs !== undefined && (typeof lowerBoundMs !== 'object' || lowerBoundMs === null || lowerBoundMs.length !== n)) {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', 'lowerBoundMs', `must be an array of length ${n}`, lowerBoundMs);
    }
    st.begin(departAtMs);
    st.addSources('source', source);
    st.addTarget('target', target);
    st.joinSameArc();
    if (lowerBoundMs === undefined) this.searchStraightLine();
    else this.search(lowerBoundMs);
    return st.targetArrival(0);
  }

  /** Length (integer cm) of the last query's route, or UNREACHABLE. */
  routeLengthCm(): number {
    return this.st.numTargets > 0 ? this.st.targetLengthCm(0) : UNREACHABLE;
  }

  /** Arcs of the last query's route, travel order (see the place rules in `td-places.ts`). */
  routeArcs(): Uint32Array {
    return this.st.targetArcs('i', 0);
  }

  /**
   * Exact free-flow time (ms) from every vertex to `target` into `out` (Infinity where the target
   * cannot be reached): a reverse Dijkstra on `durationMs`, starting from the target's seeds with
   * their fixed extra time or the free-flow time of their part of an arc. A valid `lowerBoundMs`
   * for {@link oneToOne} to that target at any departure instant. O(V log V); the queue and the
   * reverse arcs are built on the first call and reused.
   */
  freeFlowBoundsMs(target: TdPlaces, out: Float64Array = new Float64Array(this.graph.numVertices)): Float64Array {
    const g = this.graph;
    const n = g.numVertices;
    if (out.length < n) throw new GeoInputError('GEO_INVALID_ARGUMENT', 'out', `must have length ≥ ${n}`, out.length);
    this.reverse ??= buildReverseArcs(g);
    this.boundQueue ??= new FlatQueue<number>();
    const { firstIn, tail, arc: inArc } = this.reverse;
    const queue = this.boundQueue;
    const durationMs = g.durationMs;
    queue.clear();
    out.fill(Infinity, 0, n);
    emitPlaceSeeds(g, this.model.tails, 'target', target, false, (vertex, arc, position, offsetMs) => {
      const start = arc >= 0 ? position * durationMs[arc]! : offsetMs;
      if (start < out[vertex]!) {
        out[vertex] = start;
        queue.push(vertex, start);
      }
    });
    while (queue.length > 0) {
      const key = queue.peekValue()!;
      const u = queue.pop()!;
      const du = out[u]!;
      if (key > du) continue; // stale
      for (let i = firstIn[u]!, end = firstIn[u + 1]!; i < end; i++) {
        const w = tail[i]!;
        const dw = du + durationMs[inArc[i]!]!;
        if (dw < out[w]!) {
          out[w] = dw;
          queue.push(w, dw);
        }
      }
    }
    return out;
  }

  /**
   * The straight-line bound (ms) from `v`: the least over target seeds of distance ÷ top speed plus
   * the seed's free-flow extra (its fixed offset, or its part of an arc at free flow).
   */
  private straightLineBound(v: number): number {
    const st = this.st;
    const durationMs = this.graph.durationMs;
    const inv = this.msPerM;
    let best = Infinity;
    for (let j = 0; j < st.numTargetSeeds; j++) {
      const t = st.targetSeedVertex(j);
      const dx = this.x[v]! - this.x[t]!;
      const dy = this.y[v]! - this.y[t]!;
      const arc = st.tsArc[j]!;
      const extra = arc >= 0 ? st.tsPos[j]! * durationMs[arc]! : st.tsOffsetMs[j]!;
      const b = Math.sqrt(dx * dx + dy * dy) * inv + extra;
      if (b < best) best = b;
    }
    return best;
  }

  private searchStraightLine(): void {
    const st = this.st;
    if (st.numTargetSeeds === 1 && st.tsArc[0]! < 0 && st.tsOffsetMs[0] === 0) this.searchToVertex(st.targetSeedVertex(0));
    else this.search(null);
  }

  /** The straight-line bound, or `lowerBoundMs[v]` when given. */
  private boundAt(lowerBoundMs: ArrayLike<number> | null, v: number): number {
    return lowerBoundMs === null ? this.straightLineBound(v) : lowerBoundMs[v]!;
  }

  /**
   * The general A* loop: the bound of each vertex is computed when first reached and cached in `h`.
   */
  private search(lowerBoundMs: ArrayLike<number> | null): void {
    const st = this.st;
    const h = this.h;
    const { firstOut, head, durationMs, lengthCm } = this.graph;
    const model = this.model;
    const slotOf = model.arcSlot;
    const { segStartMs, segEndMs, segM0, segSlope, numSlots } = model;
    const { arrival, lengthCm: len, parent, stamp, settled, queue, tsStamp, targetBest } = st;
    const gen = st.gen;
    for (let s = 0; s < st.numSources; s++) {
      if (!st.isSeedOwner(s)) continue;
      const v = st.srcVertex[s]!;
      const hv = this.boundAt(lowerBoundMs, v);
      h[v] = hv;
      if (hv !== Infinity) queue.push(v, arrival[v]! + hv);
    }
    let count = 0;
    while (queue.length > 0) {
      const key = queue.peekValue()!;
      if (key >= targetBest[0]!) break;
      const u = queue.pop()!;
      const t = arrival[u]!;
      if (key > t + h[u]!) continue; // stale: pushed again with a smaller key since
      settled[u] = gen;
      count++;
      if (tsStamp[u] === gen) st.reachTargetSeedsAt(u);
      const lu = len[u]!;
      let seg = model.segmentAt(t); // the inlined fast path of TdDijkstra, see there
      let base = seg * numSlots;
      let segEnd = segEndMs[seg]!;
      let intoSeg = t - segStartMs[seg]!;
      for (let a = firstOut[u]!, end = firstOut[u + 1]!; a < end; a++) {
        const v = head[a]!;
        const k = base + slotOf[a]!;
        const b = segSlope[k]!;
        const m = segM0[k]! + b * intoSeg;
        const d = durationMs[a]!;
        const exit = t + (2 * d) / (m + Math.sqrt(Math.max(0, m * m + 2 * b * d)));
        let tv: number;
        if (exit <= segEnd) tv = Math.ceil(exit);
        else {
          tv = Math.ceil(model.exactArrivalMs(slotOf[a]!, d, t));
          seg = model.segmentAt(t);
          base = seg * numSlots;
          segEnd = segEndMs[seg]!;
          intoSeg = t - segStartMs[seg]!;
        }
        if (stamp[v] !== gen) {
          stamp[v] = gen;
          h[v] = this.boundAt(lowerBoundMs, v);
        } else if (tv >= arrival[v]!) continue;
        arrival[v] = tv;
        len[v] = lu + lengthCm[a]!;
        parent[v] = a;
        const key = tv + h[v]!;
        if (key < targetBest[0]!) queue.push(v, key);
      }
    }
    st.settledCount = count;
  }

  /** The common case, inlined: one plain vertex target and the straight-line bound. */
  private searchToVertex(target: number): void {
    const st = this.st;
    const { firstOut, head, durationMs, lengthCm } = this.graph;
    const model = this.model;
    const slotOf = model.arcSlot;
    const { segStartMs, segEndMs, segM0, segSlope, numSlots } = model;
    const { arrival, lengthCm: len, parent, stamp, settled, queue, targetBest } = st;
    const { x, y, h } = this;
    const gen = st.gen;
    const inv = this.msPerM;
    const tx = x[target]!;
    const ty = y[target]!;
    for (let s = 0; s < st.numSources; s++) {
      if (!st.isSeedOwner(s)) continue;
      const v = st.srcVertex[s]!;
      const dx = x[v]! - tx;
      const dy = y[v]! - ty;
      h[v] = Math.sqrt(dx * dx + dy * dy) * inv;
      queue.push(v, arrival[v]! + h[v]!);
    }
    let count = 0;
    while (queue.length > 0) {
      const key = queue.peekValue()!;
      if (key >= targetBest[0]!) break;
      const u = queue.pop()!;
      const t = arrival[u]!;
      if (key > t + h[u]!) continue; // stale
      settled[u] = gen;
      count++;
      if (u === target) st.reachTargetSeedsAt(u);
      const lu = len[u]!;
      let seg = model.segmentAt(t); // the inlined fast path of TdDijkstra, see there
      let base = seg * numSlots;
      let segEnd = segEndMs[seg]!;
      let intoSeg = t - segStartMs[seg]!;
      for (let a = firstOut[u]!, end = firstOut[u + 1]!; a < end; a++) {
        const v = head[a]!;
        const k = base + slotOf[a]!;
        const b = segSlope[k]!;
        const m = segM0[k]! + b * intoSeg;
        const d = durationMs[a]!;
        const exit = t + (2 * d) / (m + Math.sqrt(Math.max(0, m * m + 2 * b * d)));
        let tv: number;
        if (exit <= segEnd) tv = Math.ceil(exit);
        else {
          tv = Math.ceil(model.exactArrivalMs(slotOf[a]!, d, t));
          seg = model.segmentAt(t);
          base = seg * numSlots;
          segEnd = segEndMs[seg]!;
          intoSeg = t - segStartMs[seg]!;
        }
        if (stamp[v] !== gen) {
          stamp[v] = gen;
          const dx = x[v]! - tx;
          const dy = y[v]! - ty;
          h[v] = Math.sqrt(dx * dx + dy * dy) * inv;
        } else if (tv >= arrival[v]!) continue;
        arrival[v] = tv;
        len[v] = lu + lengthCm[a]!;
        parent[v] = a;
        const key = tv + h[v]!;
        if (key < targetBest[0]!) queue.push(v, key);
      }
    }
    st.settledCount = count;
  }
}
