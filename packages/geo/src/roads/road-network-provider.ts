/**
 * `RoadNetworkProvider`: travel times on a real road graph behind the common
 * {@link TravelTimeProvider} interface, so the route solver, the examples and the service take
 * road times exactly as they take straight-line ones.
 *
 * - Points are snapped to the nearest road segment ({@link RoadSnapper}); a point farther than
 *   `maxSnapDistanceM` from every road gets UNREACHABLE cells (a {@link FallbackChainProvider}
 *   then fills them from the next provider and marks them), never a silently moved answer.
 * - Free flow (no traffic model): contraction-hierarchy queries and RPHAST matrices.
 * - With a {@link RoadTrafficModel}: exact time-dependent answers for the departure instant —
 *   time-dependent A* whose lower bounds are the free-flow times to the target (one CH
 *   all-to-one sweep), and time-dependent Dijkstra one-to-many for matrix rows. Every answer
 *   equals a plain time-dependent Dijkstra's on the same graph (tested).
 * - Durations are rounded to integer seconds and lengths to integer metres.
 */
import { GeoInputError } from '../errors.js';
import type { LngLat } from '../types.js';
import { assertIntegerInRange, assertLngLat } from '../validate.js';
import { MAX_DEPART_AT, MAX_MATRIX_CELLS } from '../travel-time/straight-line-provider.js';
import { isTravelMode, type TravelMode } from '../travel-time/travel-mode.js';
import {
  UNREACHABLE,
  type TravelQueryOptions,
  type TravelTimeEstimate,
  type TravelTimeMatrix,
  type TravelTimeProvider,
} from '../travel-time/travel-provider.js';
import { buildContractionHierarchy } from './ch/build-contraction-hierarchy.js';
import { chAllToOne } from './ch/ch-all-to-one.js';
import type { ChSeeds } from './ch/ch-endpoint.js';
import { chMatrix } from './ch/ch-matrix.js';
import { ChQuery } from './ch/ch-query.js';
import type { ContractionHierarchy } from './ch/contraction-hierarchy.js';
import type { RoadGraph } from './road-graph.js';
import { arcSliceLineString, routeLineString, type LineStringFeature } from './route-geometry.js';
import { RoadSnapper, type RoadSnap } from './snap/road-snapper.js';
import { arcTail, sameRoadTrip, sourceSeeds, targetSeeds } from './snap/snap-seeds.js';
import { RoadTrafficModel, type RoadTrafficModelOptions } from './traffic/road-traffic-model.js';
import { TdAStar } from './traffic/td-a-star.js';
import { TdDijkstra } from './traffic/td-dijkstra.js';

/** Travel mode of each built-in graph profile. */
const MODE_OF_PROFILE: Readonly<Record<string, TravelMode>> = { car: 'car', scooter: 'escooter', bike: 'bike', walk: 'walk' };

export interface RoadNetworkProviderOptions {
  /** The road graph (from `importOsmPbf`, `loadRoadGraph` or `generateGridCity`). */
  graph: RoadGraph;
  /** Its contraction hierarchy; built at construction when absent (Monaco: well under a second). */
  ch?: ContractionHierarchy;
  /**
   * Time-of-day traffic: a model of this graph, or options to build one. Absent or `false`:
   * free-flow times at every instant.
   */
  traffic?: RoadTrafficModel | RoadTrafficModelOptions | false;
  /** Mode the graph stands for. Default from `graph.profile` (car, scooter → escooter, bike, walk). */
  mode?: TravelMode;
  /** Farthest a point may be from a road, metres. Default 250. */
  maxSnapDistanceM?: number;
  /** Provider name in results. Default `'road-network'`. */
  name?: string;
}

/** A route with its shape. */
export interface RoadRoute extends TravelTimeEstimate {
  /** GeoJSON LineString from the snapped origin to the snapped destination (null when unreachable). */
  readonly geometry: LineStringFeature | null;
  /** Where the origin and destination were snapped (null when too far from every road). */
  readonly fromSnap: RoadSnap | null;
  readonly toSnap: RoadSnap | null;
}

/** Travel times on a road graph (see the module comment). Not re-entrant: one per thread. */
export class RoadNetworkProvider implements TravelTimeProvider {
  readonly name: string;
  readonly modes: readonly TravelMode[];
  readonly graph: RoadGraph;
  readonly ch: ContractionHierarchy;
  readonly traffic: RoadTrafficModel | null;
  readonly snapper: RoadSnapper;
  private readonly chQuery: ChQuery;
  private tdDijkstra: TdDijkstra | undefined;
  private tdAStar: TdAStar | undefined;
  private boundScratch: Float64Array | undefined;

  /** Throws `GeoInputError` naming the option at fault. */
  constructor(options: RoadNetworkProviderOptions) {
    if (options === null || typeof options !== 'object') throw new GeoInputError('GEO_INVALID_ARGUMENT', 'options', 'must be an object', options);
    const graph = options.graph;
    if (graph === null || typeof graph !== 'object' || !(graph.firstOut instanceof Uint32Array)) {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', 'options.graph', 'must be a RoadGraph', graph);
    }
    this.graph = graph;
    const mode = options.mode ?? MODE_OF_PROFILE[graph.profile] ?? 'car';
    if (!isTravelMode(mode)) throw new GeoInputError('GEO_INVALID_ARGUMENT', 'options.mode', 'must be one of walk, bike, escooter, car', mode);
    this.modes = Object.freeze([mode]);
    const name = options.name ?? 'road-network';
    if (typeof name !== 'string' || name.length === 0) throw new GeoInputError('GEO_INVALID_ARGUMENT', 'options.name', 'must be a non-empty string', name);
    this.name = name;
    if (options.ch !== undefined && options.ch.numVertices !== graph.numVertices) {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', 'options.ch', `must be the hierarchy of this graph (${graph.numVertices} vertices)`, options.ch.numVertices);
    }
    this.ch = options.ch ?? buildContractionHierarchy(graph);
    this.chQuery = new ChQuery(this.ch);
    const traffic = options.traffic ?? false;
    this.traffic = traffic === false ? null : traffic instanceof RoadTrafficModel ? traffic : new RoadTrafficModel(graph, traffic);
    if (this.traffic !== null && this.traffic.graph !== graph) {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', 'options.traffic', 'must be a model of this graph', 'a model of another graph');
    }
    this.snapper = new RoadSnapper(graph, options.maxSnapDistanceM === undefined ? {} : { maxSnapDistanceM: options.maxSnapDistanceM });
  }

  /** Where `point` lies on the network, or null when no road is within `maxSnapDistanceM`. */
  snap(point: LngLat): RoadSnap | null {
    return this.snapper.snap(point);
  }

  /** {@link durationSync} as a promise (rejects instead of throwing). */
  async duration(from: LngLat, to: LngLat, departAt: number, options?: TravelQueryOptions): Promise<TravelTimeEstimate> {
    return this.durationSync(from, to, departAt, options);
  }

  /** One trip leaving at `departAt` (integer Unix seconds); equal to the matching matrix cell. */
  durationSync(from: LngLat, to: LngLat, departAt: number, options?: TravelQueryOptions): TravelTimeEstimate {
    const { durationSec, distanceM } = this.routeSync(from, to, departAt, { ...options, geometry: false });
    return { durationSec, distanceM, provider: this.name, isFallback: false };
  }

  /**
   * The fastest route from `from` to `to` leaving at `departAt`, with its GeoJSON shape unless
   * `geometry: false`. UNREACHABLE durations (and a null geometry) when a point does not snap.
   */
  routeSync(from: LngLat, to: LngLat, departAt: number, options: TravelQueryOptions & { geometry?: boolean } = {}): RoadRoute {
    assertLngLat('from', from);
    assertLngLat('to', to);
    assertDepartAt(departAt);
    this.checkMode(options);
    const fromSnap = this.snapper.snap(from);
    const toSnap = this.snapper.snap(to);
    const unreachable: RoadRoute = { durationSec: UNREACHABLE, distanceM: UNREACHABLE, provider: this.name, isFallback: false, geometry: null, fromSnap, toSnap };
    if (fromSnap === null || toSnap === null) return unreachable;
    const wantGeometry = options.geometry !== false;
    if (this.traffic !== null) {
      const astar = (this.tdAStar ??= new TdAStar(this.traffic));
      const departMs = departAt * 1000;
      const bounds = this.freeFlowBoundsTo(toSnap);
      const arrival = astar.oneToOne(departMs, fromSnap, toSnap, bounds);
      if (arrival === UNREACHABLE) return unreachable;
      const durationSec = roundSec(arrival - departMs);
      const distanceM = roundM(astar.routeLengthCm());
      const geometry = wantGeometry ? this.tdGeometry(Array.from(astar.routeArcs()), fromSnap, toSnap, durationSec, distanceM) : null;
      return { durationSec, distanceM, provider: this.name, isFallback: false, geometry, fromSnap, toSnap };
    }
    const g = this.graph;
    const q = this.chQuery;
    let bestMs = q.queryEndpoints(sourceSeeds(g, fromSnap), targetSeeds(g, toSnap));
    let bestCm = bestMs >= 0 ? q.lengthCm() : UNREACHABLE;
    const direct = sameRoadTrip(g, fromSnap, toSnap);
    const useDirect = direct !== null && (bestMs < 0 || direct.durationMs <= bestMs);
    if (useDirect) {
      bestMs = direct.durationMs;
      bestCm = direct.lengthCm;
    }
    if (bestMs < 0) return unreachable;
    const durationSec = roundSec(bestMs);
    const distanceM = roundM(bestCm);
    let geometry: LineStringFeature | null = null;
    if (wantGeometry) {
      const props = { durationSec, distanceM, provider: this.name };
      if (useDirect) {
        geometry = this.directGeometry(fromSnap, toSnap, direct.arc, props);
      } else {
        const arcs = q.unpackArcs();
        const entryArc = q.sourceVertex() === g.head[fromSnap.arc] ? fromSnap.arc : fromSnap.reverseArc;
        const exitArc = q.targetVertex() === arcTail(g, toSnap.arc) ? toSnap.arc : toSnap.reverseArc;
        geometry = routeLineString(g, arcs, { from: { snap: fromSnap, arc: entryArc }, to: { snap: toSnap, arc: exitArc } }, props);
      }
    }
    return { durationSec, distanceM, provider: this.name, isFallback: false, geometry, fromSnap, toSnap };
  }

  /** {@link matrixSync} as a promise (rejects instead of throwing). */
  async matrix(sources: readonly LngLat[], targets: readonly LngLat[], departAt: number, options?: TravelQueryOptions): Promise<TravelTimeMatrix> {
    return this.matrixSync(sources, targets, departAt, options);
  }

  /**
   * The `sources × targets` matrix leaving at `departAt` (integer Unix seconds). Rows of sources
   * and columns of targets that do not snap are UNREACHABLE.
   */
  matrixSync(sources: readonly LngLat[], targets: readonly LngLat[], departAt: number, options?: TravelQueryOptions): TravelTimeMatrix {
    assertPoints('sources', sources);
    assertPoints('targets', targets);
    assertDepartAt(departAt);
    const mode = this.checkMode(options);
    const numCells = sources.length * targets.length;
    if (numCells > MAX_MATRIX_CELLS) {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', 'sources.length × targets.length', `must be at most ${MAX_MATRIX_CELLS}`, numCells);
    }
    const durationSec = new Int32Array(numCells).fill(UNREACHABLE);
    const distanceM = new Int32Array(numCells).fill(UNREACHABLE);
    const result: TravelTimeMatrix = { numSources: sources.length, numTargets: targets.length, durationSec, distanceM, departAt, mode, provider: this.name, isFallback: false };
    if (numCells === 0) return result;
    const srcSnaps = sources.map((p) => this.snapper.snap(p));
    const tgtSnaps = targets.map((p) => this.snapper.snap(p));
    const srcIdx = indicesOf(srcSnaps);
    const tgtIdx = indicesOf(tgtSnaps);
    if (srcIdx.length === 0 || tgtIdx.length === 0) return result;
    const nt = targets.length;
    if (this.traffic !== null) {
      const td = (this.tdDijkstra ??= new TdDijkstra(this.traffic));
      const departMs = departAt * 1000;
      const places = tgtIdx.map((j) => tgtSnaps[j]!);
      const arrivals = new Float64Array(places.length);
      for (const i of srcIdx) {
        td.oneToMany(departMs, srcSnaps[i]!, places, arrivals);
        for (let k = 0; k < places.length; k++) {
          if (arrivals[k]! < 0) continue;
          const cell = i * nt + tgtIdx[k]!;
          durationSec[cell] = roundSec(arrivals[k]! - departMs);
          distanceM[cell] = roundM(td.routeLengthCm(k));
        }
      }
      return result;
    }
    const g = this.graph;
    const table = chMatrix(
      this.ch,
      srcIdx.map((i) => sourceSeeds(g, srcSnaps[i]!) as ChSeeds),
      tgtIdx.map((j) => targetSeeds(g, tgtSnaps[j]!) as ChSeeds),
    );
    const ntr = tgtIdx.length;
    for (let a = 0; a < srcIdx.length; a++) {
      for (let b = 0; b < ntr; b++) {
        const ms = table.durationMs[a * ntr + b]!;
        if (ms < 0) continue;
        const cell = srcIdx[a]! * nt + tgtIdx[b]!;
        durationSec[cell] = roundSec(ms);
        distanceM[cell] = roundM(table.lengthCm![a * ntr + b]!);
      }
    }
    // Points on the same road may be joined along it without reaching a junction.
    const targetsByArc = new Map<number, number[]>();
    for (const j of tgtIdx) {
      const arc = tgtSnaps[j]!.arc;
      const list = targetsByArc.get(arc);
      if (list) list.push(j);
      else targetsByArc.set(arc, [j]);
    }
    for (const i of srcIdx) {
      const from = srcSnaps[i]!;
      for (const j of targetsByArc.get(from.arc) ?? []) {
        const direct = sameRoadTrip(g, from, tgtSnaps[j]!);
        if (direct === null) continue;
        const cell = i * nt + j;
        const sec = roundSec(direct.durationMs);
        if (durationSec[cell]! < 0 || sec <= durationSec[cell]!) {
          durationSec[cell] = sec;
          distanceM[cell] = roundM(direct.lengthCm);
        }
      }
    }
    return result;
  }

  /** Exact free-flow times (ms) from every vertex to the point `to` (TD A*'s lower bounds). */
  private freeFlowBoundsTo(to: RoadSnap): Float64Array {
    const out = (this.boundScratch ??= new Float64Array(this.graph.numVertices));
    return chAllToOne(this.ch, targetSeeds(this.graph, to), out);
  }

  private tdGeometry(arcs: number[], from: RoadSnap, to: RoadSnap, durationSec: number, distanceM: number): LineStringFeature {
    // routeArcs holds the partial first and last arcs; trim them to the snapped points.
    const props = { durationSec, distanceM, provider: this.name };
    if (arcs.length === 1 && (arcs[0] === from.arc || arcs[0] === from.reverseArc) && from.arc === to.arc) {
      return this.directGeometry(from, to, arcs[0]!, props);
    }
    const first = arcs.shift()!;
    const last = arcs.pop() ?? first;
    return routeLineString(this.graph, arcs, { from: { snap: from, arc: first }, to: { snap: to, arc: last } }, props);
  }

  private directGeometry(from: RoadSnap, to: RoadSnap, arc: number, props: Record<string, unknown>): LineStringFeature {
    const f0 = arc === from.arc ? from.fraction : 1 - from.fraction;
    const f1 = arc === to.arc ? to.fraction : 1 - to.fraction;
    return arcSliceLineString(this.graph, arc, f0, f1, props);
  }

  private checkMode(options: TravelQueryOptions | undefined): TravelMode {
    if (options !== undefined && (options === null || typeof options !== 'object')) {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', 'options', 'must be an object', options);
    }
    options?.signal?.throwIfAborted();
    const mode = options?.mode ?? this.modes[0]!;
    if (!this.modes.includes(mode)) {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', 'options.mode', `must be ${JSON.stringify(this.modes[0])} (the mode of this road graph)`, mode);
    }
    return mode;
  }
}

function assertDepartAt(departAt: unknown): asserts departAt is number {
  assertIntegerInRange('departAt', departAt, 0, MAX_DEPART_AT);
}

function assertPoints(field: string, points: unknown): asserts points is readonly LngLat[] {
  if (!Array.isArray(points)) throw new GeoInputError('GEO_INVALID_ARGUMENT', field, 'must be an array of [lng, lat] points', points);
  for (let i = 0; i < points.length; i++) assertLngLat(`${field}[${i}]`, points[i]);
}

/** Indices of the points that snapped. */
function indicesOf(snaps: ReadonlyArray<RoadSnap | null>): number[] {
  const out: number[] = [];
  snaps.forEach((s, i) => {
    if (s !== null) out.push(i);
  });
  return out;
}

function roundSec(ms: number): number {
  return Math.round(ms / 1000);
}

function roundM(cm: number): number {
  return cm < 0 ? UNREACHABLE : Math.round(cm / 100);
}
