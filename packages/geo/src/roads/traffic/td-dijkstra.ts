/**
 * Time-dependent Dijkstra on a {@link RoadTrafficModel}: earliest arrival instants when leaving at
 * a given instant, with arc times from the model (FIFO, so settling vertices in arrival order is
 * exact, as in the static case). Labels are integer ms since the epoch.
 */
import { UNREACHABLE } from '../../travel-time/travel-provider.js';
import { assertIntegerInRange } from '../../validate.js';
import { GeoInputError } from '../../errors.js';
import type { RoadGraph } from '../road-graph.js';
import type { RoadTrafficModel } from './road-traffic-model.js';
import type { TdPlaces } from './td-places.js';
import { TdSearchState } from './td-search-state.js';

const ONE_TO_ONE = 0;
const ONE_TO_MANY = 1;
const ONE_TO_ALL = 2;

/**
 * A reusable time-dependent Dijkstra searcher for one graph and traffic model: scratch arrays are
 * allocated once, a query allocates nothing (not re-entrant; one searcher per concurrent use).
 *
 * ```ts
 * const td = new TdDijkstra(new RoadTrafficModel(graph, { timeZone: 'Europe/Lisbon' }));
 * const arrival = td.oneToOne(Date.parse('2024-05-06T08:00:00Z'), source, target);
 * const minutes = (arrival - departAt) / 60_000; // UNREACHABLE (-1) when there is no route
 * ```
 */
export class TdDijkstra {
  readonly model: RoadTrafficModel;
  readonly graph: RoadGraph;
  private readonly st: TdSearchState;

  constructor(model: RoadTrafficModel) {
    this.model = model;
    this.graph = model.graph;
    this.st = new TdSearchState(model);
  }

  /** Vertices settled by the last query. */
  get settledCount(): number {
    return this.st.settledCount;
  }

  /**
   * Earliest arrival (integer ms since the epoch) at `target` when leaving `source` at
   * `departAtMs`, or UNREACHABLE. Stops once no unsettled vertex can improve the target.
   * Read the route with {@link routeLengthCm} and {@link routeArcs}.
   */
  oneToOne(departAtMs: number, source: TdPlaces, target: TdPlaces): number {
    const st = this.st;
    st.begin(departAtMs);
    st.addSources('source', source);
    st.addTarget('target', target);
    st.joinSameArc();
    this.search(ONE_TO_ONE);
    return st.targetArrival(0);
  }

  /**
   * Earliest arrivals at each of `targets` into `outArrivalMs[i]` (UNREACHABLE where none); stops
   * when every target is settled. Routes: `routeLengthCm(i)`, `routeArcs(i)`.
   */
  oneToMany(
    departAtMs: number,
    source: TdPlaces,
    targets: readonly TdPlaces[],
    outArrivalMs: Float64Array = new Float64Array(targets.length),
  ): Float64Array {
    if (!Array.isArray(targets)) throw new GeoInputError('GEO_INVALID_ARGUMENT', 'targets', 'must be an array of places', targets);
    if (outArrivalMs.length < targets.length) {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', 'outArrivalMs', `must have length ≥ ${targets.length}`, outArrivalMs.length);
    }
    const st = this.st;
    st.begin(departAtMs);
    st.addSources('source', source);
    for (let i = 0; i < targets.length; i++) st.addTarget(`targets[${i}]`, targets[i]!);
    st.joinSameArc();
    if (targets.length > 0) this.search(ONE_TO_MANY);
    for (let i = 0; i < targets.length; i++) outArrivalMs[i] = st.targetArrival(i);
    return outArrivalMs;
  }

  /**
   * Earliest arrival at every vertex into `outArrivalMs[v]` (UNREACHABLE where none). Per-vertex
   * routes: {@link arrivalAt}, {@link lengthCmAt}, {@link pathArcsTo}.
   */
  oneToAll(departAtMs: number, source: TdPlaces, outArrivalMs: Float64Array = new Float64Array(this.graph.numVertices)): Float64Array {
    const n = this.graph.numVertices;
    if (outArrivalMs.length < n) throw new GeoInputError('GEO_INVALID_ARGUMENT', 'outArrivalMs', `must have length ≥ ${n}`, outArrivalMs.length);
    const st = this.st;
    st.begin(departAtMs);
    st.addSources('source', source);
    this.search(ONE_TO_ALL);
    for (let v = 0; v < n; v++) outArrivalMs[v] = st.settled[v] === st.gen ? st.arrival[v]! : UNREACHABLE;
    return outArrivalMs;
  }

  /** Arrival (integer ms) of the last query at vertex `v` if it settled `v`, else UNREACHABLE. */
  arrivalAt(v: number): number {
    assertIntegerInRange('v', v, 0, this.graph.numVertices - 1);
    return this.st.settled[v] === this.st.gen ? this.st.arrival[v]! : UNREACHABLE;
  }

  /** Length (integer cm) of the last query's path to settled vertex `v`, else UNREACHABLE. */
  lengthCmAt(v: number): number {
    assertIntegerInRange('v', v, 0, this.graph.numVertices - 1);
    return this.st.settled[v] === this.st.gen ? Math.round(this.st.lengthCm[v]!) : UNREACHABLE;
  }

  /** Arcs of the last query's path to settled vertex `v`, travel order (empty when not settled). */
  pathArcsTo(v: number): Uint32Array {
    assertIntegerInRange('v', v, 0, this.graph.numVertices - 1);
    return this.st.settled[v] === this.st.gen ? Uint32Array.from(this.st.vertexArcs(v)) : new Uint32Array(0);
  }

  /** Length (integer cm) of the route to target `i` of the last one-to-one / one-to-many query. */
  routeLengthCm(i = 0): number {
    assertIntegerInRange('i', i, 0, Math.max(0, this.st.numTargets - 1));
    return i < this.st.numTargets ? this.st.targetLengthCm(i) : UNREACHABLE;
  }

  /** Arcs of the route to target `i` of the last query (see the place rules in `td-places.ts`). */
  routeArcs(i = 0): Uint32Array {
    return this.st.targetArcs('i', i);
  }

  private search(mode: number): void {
    const st = this.st;
    const { firstOut, head, durationMs, lengthCm } = this.graph;
    const model = this.model;
    const slotOf = model.arcSlot;
    const { segStartMs, segEndMs, segM0, segSlope, numSlots } = model;
    const { arrival, lengthCm: len, parent, stamp, settled, queue, tsStamp, targetBest } = st;
    const gen = st.gen;
    for (let s = 0; s < st.numSources; s++) {
      if (st.isSeedOwner(s)) queue.push(st.srcVertex[s]!, arrival[st.srcVertex[s]!]!);
    }
    let count = 0;
    while (queue.length > 0) {
      const u = queue.pop()!;
      if (settled[u] === gen) continue; // stale: settled through a smaller key
      const t = arrival[u]!;
      if (mode === ONE_TO_ONE) {
        if (t >= targetBest[0]!) break;
      } else if (mode === ONE_TO_MANY && st.pendingTargets === 0 && t >= st.maxTargetBest) break;
      settled[u] = gen;
      count++;
      if (tsStamp[u] === gen) {
        st.reachTargetSeedsAt(u);
        if (mode === ONE_TO_MANY && st.unresolvedSeeds === 0) break;
      }
      const lu = len[u]!;
      // The time piece holding t, read once per vertex; arcs ending inside it take one square root
      // (the model's exactArrivalMs inlined), the rare others the model's piecewise walk.
      let seg = model.segmentAt(t);
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
        if (stamp[v] !== gen) stamp[v] = gen;
        else if (tv >= arrival[v]!) continue;
        arrival[v] = tv;
        len[v] = lu + lengthCm[a]!;
        parent[v] = a;
        queue.push(v, tv);
      }
    }
    st.settledCount = count;
  }
}
