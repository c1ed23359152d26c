/**
 * Scratch state of one time-dependent searcher: per-vertex arrival labels (integer ms since the
 * epoch), path lengths and parent arcs, valid only where `stamp[v]` is the current generation (a
 * new search is O(1), not O(V)); the source and target seeds of the current query; and the best
 * arrival found at each target. Shared by {@link TdDijkstra} and {@link TdAStar}; not exported.
 * @internal
 */
import FlatQueue from 'flatqueue';
import { GeoInputError } from '../../errors.js';
import { UNREACHABLE } from '../../travel-time/travel-provider.js';
import { assertIntegerInRange, assertNumberInRange } from '../../validate.js';
import type { RoadGraph } from '../road-graph.js';
import { MAX_INSTANT_MS, type RoadTrafficModel } from './road-traffic-model.js';
import { emitPlaceSeeds, type TdPlaces } from './td-places.js';

const INITIAL_SEEDS = 8;

function grownInt32(a: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  if (size <= a.length) return a;
  const b = new Int32Array(Math.max(size, 2 * a.length));
  b.set(a);
  return b;
}

function grownFloat64(a: Float64Array<ArrayBuffer>, size: number): Float64Array<ArrayBuffer> {
  if (size <= a.length) return a;
  const b = new Float64Array(Math.max(size, 2 * a.length));
  b.set(a);
  return b;
}

/** @internal */
export class TdSearchState {
  readonly graph: RoadGraph;
  readonly model: RoadTrafficModel;
  /**
   * Lazy-deletion binary heap (a vertex may sit in it several times; searches skip stale entries):
   * measured about 20 % faster here than an indexed heap with decrease-key.
   */
  readonly queue = new FlatQueue<number>();
  gen = 0;
  /** Generation in which the vertex was reached (its labels are valid). */
  readonly stamp: Uint32Array;
  /** Generation in which the vertex was settled (popped). */
  readonly settled: Uint32Array;
  /** Earliest arrival found, integer ms since the epoch. */
  readonly arrival: Float64Array;
  /** Length of the path to the vertex, cm (fractional for paths starting part-way along an arc). */
  readonly lengthCm: Float64Array;
  /** Arc into the vertex on its path, or `-1 - sourceSeed` for a seed. */
  readonly parent: Int32Array;
  departAtMs = 0;
  settledCount = 0;

  // Source seeds: entry vertex, arc (-1 for a vertex place) and position along it.
  numSources = 0;
  srcVertex = new Int32Array(INITIAL_SEEDS);
  srcArc = new Int32Array(INITIAL_SEEDS);
  srcPos = new Float64Array(INITIAL_SEEDS);
  private hasArcSource = false;

  // Target seeds: the vertex they are reached from, arc (-1) and position, fixed extras, owning
  // target, and a per-vertex linked list (tsFirst valid where tsStamp is current).
  numTargetSeeds = 0;
  private tsVertex = new Int32Array(INITIAL_SEEDS);
  tsArc = new Int32Array(INITIAL_SEEDS);
  tsPos = new Float64Array(INITIAL_SEEDS);
  tsOffsetMs = new Float64Array(INITIAL_SEEDS);
  private tsOffsetCm = new Float64Array(INITIAL_SEEDS);
  private tsTarget = new Int32Array(INITIAL_SEEDS);
  private tsNext = new Int32Array(INITIAL_SEEDS);
  readonly tsFirst: Int32Array;
  readonly tsStamp: Uint32Array;
  /** Target seeds whose vertex is not settled yet (Dijkstra's one-to-many stop). */
  unresolvedSeeds = 0;

  // Targets: best arrival (Infinity until found), its length and how it was reached
  // (target seed j ≥ 0, or `-1 - sourceSeed` for a direct trip along a shared arc).
  numTargets = 0;
  targetBest = new Float64Array(INITIAL_SEEDS);
  private targetLen = new Float64Array(INITIAL_SEEDS);
  private targetVia = new Int32Array(INITIAL_SEEDS);
  /** Targets with no arrival found yet. */
  pendingTargets = 0;
  /** Once `pendingTargets` is 0: an upper bound of every target's best arrival. */
  maxTargetBest = Infinity;
  private currentTarget = 0;

  constructor(model: RoadTrafficModel) {
    this.model = model;
    this.graph = model.graph;
    const n = this.graph.numVertices;
    this.stamp = new Uint32Array(n);
    this.settled = new Uint32Array(n);
    this.arrival = new Float64Array(n);
    this.lengthCm = new Float64Array(n);
    this.parent = new Int32Array(n);
    this.tsFirst = new Int32Array(n);
    this.tsStamp = new Uint32Array(n);
  }

  /** Starts a query leaving at `departAtMs`: every vertex becomes unreached. */
  begin(departAtMs: number): void {
    assertNumberInRange('departAtMs', departAtMs, 0, MAX_INSTANT_MS);
    this.gen++;
    if (this.gen === 0xffffffff) {
      this.stamp.fill(0);
      this.settled.fill(0);
      this.tsStamp.fill(0);
      this.gen = 1;
    }
    this.queue.clear();
    this.departAtMs = departAtMs;
    this.settledCount = 0;
    this.numSources = 0;
    this.hasArcSource = false;
    this.numTargetSeeds = 0;
    this.unresolvedSeeds = 0;
    this.numTargets = 0;
    this.pendingTargets = 0;
    this.maxTargetBest = Infinity;
  }

  /** Seeds the query's sources (labels only; the searcher pushes them with its keys, see {@link isSeedOwner}). */
  addSources(field: string, places: TdPlaces): void {
    emitPlaceSeeds(this.graph, this.model.tails, field, places, true, this.sourceSink);
  }

  /** Adds one target (a place, or alternatives for it). Call {@link joinSameArc} after the last. */
  addTarget(field: string, places: TdPlaces): void {
    const i = this.numTargets++;
    if (i >= this.targetBest.length) {
      this.targetBest = grownFloat64(this.targetBest, i + 1);
      this.targetLen = grownFloat64(this.targetLen, i + 1);
      this.targetVia = grownInt32(this.targetVia, i + 1);
    }
    this.targetBest[i] = Infinity;
    this.targetLen[i] = 0;
    this.targetVia[i] = 0;
    this.pendingTargets++;
    this.currentTarget = i;
    emitPlaceSeeds(this.graph, this.model.tails, field, places, false, this.targetSink);
  }

  /** Direct trips from a source point to a target point ahead of it on the same arc. */
  joinSameArc(): void {
    if (!this.hasArcSource) return;
    const { durationMs, lengthCm } = this.graph;
    for (let j = 0; j < this.numTargetSeeds; j++) {
      const arc = this.tsArc[j]!;
      if (arc < 0) continue;
      for (let s = 0; s < this.numSources; s++) {
        if (this.srcArc[s] !== arc || this.tsPos[j]! < this.srcPos[s]!) continue;
        const share = this.tsPos[j]! - this.srcPos[s]!;
        const arrival = Math.ceil(this.model.exactArrivalMs(this.model.arcSlot[arc]!, share * durationMs[arc]!, this.departAtMs));
        this.offerTarget(this.tsTarget[j]!, arrival, share * lengthCm[arc]!, -1 - s);
      }
    }
  }

  /** Offers the arrival through every target seed reached from `u` (call when `u` is settled). */
  reachTargetSeedsAt(u: number): void {
    const t = this.arrival[u]!;
    const l = this.lengthCm[u]!;
    const { durationMs, lengthCm } = this.graph;
    for (let j = this.tsFirst[u]!; j >= 0; j = this.tsNext[j]!) {
      const arc = this.tsArc[j]!;
      if (arc >= 0) {
        const pos = this.tsPos[j]!;
        const arrival = Math.ceil(this.model.exactArrivalMs(this.model.arcSlot[arc]!, pos * durationMs[arc]!, t));
        this.offerTarget(this.tsTarget[j]!, arrival, l + pos * lengthCm[arc]!, j);
      } else {
        this.offerTarget(this.tsTarget[j]!, Math.ceil(t + this.tsOffsetMs[j]!), l + this.tsOffsetCm[j]!, j);
      }
      this.unresolvedSeeds--;
    }
  }

  /** Best arrival at target `i` (integer ms), or UNREACHABLE. */
  targetArrival(i: number): number {
    const best = this.targetBest[i]!;
    return best === Infinity ? UNREACHABLE : best;
  }

  /** Length (integer cm) of the route to target `i`, or UNREACHABLE. */
  targetLengthCm(i: number): number {
    return this.targetBest[i] === Infinity ? UNREACHABLE : Math.round(this.targetLen[i]!);
  }

  /**
   * Arcs of the route to target `i`, in travel order: the source's arc when it starts part-way
   * along one, the whole arcs between, and the target's arc when it ends part-way along one
   * (a direct trip along one arc is that arc alone). Empty when unreachable.
   */
  targetArcs(field: string, i: number): Uint32Array {
    assertIntegerInRange(field, i, 0, Math.max(0, this.numTargets - 1));
    if (i >= this.numTargets || this.targetBest[i] === Infinity) return new Uint32Array(0);
    const via = this.targetVia[i]!;
    if (via < 0) return Uint32Array.of(this.srcArc[-1 - via]!);
    const arcs = this.vertexArcs(this.tsVertex[via]!);
    if (this.tsArc[via]! >= 0) arcs.push(this.tsArc[via]!);
    return Uint32Array.from(arcs);
  }

  /** Arcs of the path to reached vertex `v` (with a leading source arc), travel order. */
  vertexArcs(v: number): number[] {
    const arcs: number[] = [];
    const tails = this.model.tails;
    let x = v;
    for (let guard = 0; guard <= this.graph.numVertices; guard++) {
      const p = this.parent[x]!;
      if (p < 0) {
        const arc = this.srcArc[-1 - p]!;
        if (arc >= 0) arcs.push(arc);
        return arcs.reverse();
      }
      arcs.push(p);
      x = tails[p]!;
    }
    throw new GeoInputError('GEO_INVALID_ARGUMENT', 'graph', 'has a parent cycle (corrupt search state)', v);
  }

  private offerTarget(i: number, arrival: number, len: number, via: number): void {
    const best = this.targetBest[i]!;
    if (arrival >= best) return;
    this.targetBest[i] = arrival;
    this.targetLen[i] = len;
    this.targetVia[i] = via;
    if (best === Infinity && --this.pendingTargets === 0) {
      let max = 0;
      for (let k = 0; k < this.numTargets; k++) max = Math.max(max, this.targetBest[k]!);
      this.maxTargetBest = max;
    }
  }

  private readonly sourceSink = (vertex: number, arc: number, position: number, offsetMs: number, offsetCm: number): void => {
    const s = this.numSources++;
    if (s >= this.srcVertex.length) {
      this.srcVertex = grownInt32(this.srcVertex, s + 1);
      this.srcArc = grownInt32(this.srcArc, s + 1);
      this.srcPos = grownFloat64(this.srcPos, s + 1);
    }
    this.srcVertex[s] = vertex;
    this.srcArc[s] = arc;
    this.srcPos[s] = position;
    let arrival: number;
    let len: number;
    if (arc >= 0) {
      this.hasArcSource = true;
      const rest = 1 - position;
      arrival = Math.ceil(this.model.exactArrivalMs(this.model.arcSlot[arc]!, rest * this.graph.durationMs[arc]!, this.departAtMs));
      len = rest * this.graph.lengthCm[arc]!;
    } else {
      arrival = Math.ceil(this.departAtMs + offsetMs);
      len = offsetCm;
    }
    if (this.stamp[vertex] !== this.gen || arrival < this.arrival[vertex]!) {
      this.stamp[vertex] = this.gen;
      this.arrival[vertex] = arrival;
      this.lengthCm[vertex] = len;
      this.parent[vertex] = -1 - s;
    }
  };

  private readonly targetSink = (vertex: number, arc: number, position: number, offsetMs: number, offsetCm: number): void => {
    const j = this.numTargetSeeds++;
    if (j >= this.tsVertex.length) {
      this.tsVertex = grownInt32(this.tsVertex, j + 1);
      this.tsArc = grownInt32(this.tsArc, j + 1);
      this.tsPos = grownFloat64(this.tsPos, j + 1);
      this.tsOffsetMs = grownFloat64(this.tsOffsetMs, j + 1);
      this.tsOffsetCm = grownFloat64(this.tsOffsetCm, j + 1);
      this.tsTarget = grownInt32(this.tsTarget, j + 1);
      this.tsNext = grownInt32(this.tsNext, j + 1);
    }
    this.tsVertex[j] = vertex;
    this.tsArc[j] = arc;
    this.tsPos[j] = position;
    this.tsOffsetMs[j] = offsetMs;
    this.tsOffsetCm[j] = offsetCm;
    this.tsTarget[j] = this.currentTarget;
    this.tsNext[j] = this.tsStamp[vertex] === this.gen ? this.tsFirst[vertex]! : -1;
    this.tsFirst[vertex] = j;
    this.tsStamp[vertex] = this.gen;
    this.unresolvedSeeds++;
  };

  /** True when source seed `s` gave its vertex its label (push each seeded vertex once). */
  isSeedOwner(s: number): boolean {
    return this.parent[this.srcVertex[s]!] === -1 - s;
  }

  /** The vertex target seed `j` is reached from. */
  targetSeedVertex(j: number): number {
    return this.tsVertex[j]!;
  }
}
