/**
 * Where a time-dependent search starts and ends: a vertex (with an optional fixed extra time and
 * length), or a point part-way along an arc. A place may be given as several alternatives (e.g.
 * both directions of a two-way street); the search uses the best.
 *
 * - A **source** point at `fraction` of arc `u → v` enters the graph at `v` after driving the rest
 *   of the arc, `1 − fraction`, from the departure instant (time-dependent, see
 *   `RoadTrafficModel.arrivalMs`); with `reverseArc` also at `u` after `fraction` of the reverse arc.
 * - A **target** point at `fraction` of arc `u → v` is reached from `u`: the arrival at `u` plus the
 *   time to drive the first `fraction` of the arc entered at that arrival instant (the same
 *   integration as whole arcs, over `fraction × durationMs` of free-flow time, so FIFO holds and
 *   `fraction` 1 is the whole arc); with `reverseArc` also from `v` over `1 − fraction` of it.
 * - A source and a target on the same arc, the target ahead, are also joined directly along it.
 *
 * Objects shaped like a `RoadSnap` (`{ arc, fraction, reverseArc }`) are accepted as they are.
 */
import { GeoInputError } from '../../errors.js';
import { assertIntegerInRange, assertNumberInRange } from '../../validate.js';
import type { RoadGraph } from '../road-graph.js';

/** A vertex, optionally with a fixed extra time (ms) and length (cm) spent there. */
export interface TdVertexPlace {
  readonly vertex: number;
  /** Extra time, ms ≥ 0: at a source, spent before leaving; at a target, after arriving. Default 0. */
  readonly offsetMs?: number;
  /** Extra length, cm ≥ 0, added likewise. Default 0. */
  readonly offsetCm?: number;
}

/** A point at `fraction` (by length, from the tail) along `arc`. */
export interface TdArcPlace {
  readonly arc: number;
  /** Position along the arc from its tail, [0, 1]. */
  readonly fraction: number;
  /** The opposite arc of the same two-way street, or -1 / absent. */
  readonly reverseArc?: number;
}

/** One place: a vertex index, a {@link TdVertexPlace} or a {@link TdArcPlace}. */
export type TdPlace = number | TdVertexPlace | TdArcPlace;

/** A place, or alternatives for one place (the best is used). */
export type TdPlaces = TdPlace | readonly TdPlace[];

/**
 * Receives each seed of a place: the vertex where the search enters (source: the arc's head;
 * target: its tail), the arc (-1 for a vertex place), the position along that arc, and the fixed
 * extra time and length.
 * @internal
 */
export type TdSeedSink = (vertex: number, arc: number, position: number, offsetMs: number, offsetCm: number) => void;

/**
 * Validates `places` (throws `GeoInputError` naming `field`) and emits its seeds, as a source
 * (`isSource`) or as a target.
 * @internal
 */
export function emitPlaceSeeds(
  graph: RoadGraph,
  tails: Uint32Array,
  field: string,
  places: TdPlaces,
  isSource: boolean,
  sink: TdSeedSink,
): void {
  if (Array.isArray(places)) {
    if (places.length === 0) throw new GeoInputError('GEO_INVALID_ARGUMENT', field, 'must not be an empty array', places);
    for (let i = 0; i < places.length; i++) emitOne(graph, tails, `${field}[${i}]`, places[i], isSource, sink);
  } else {
    emitOne(graph, tails, field, places as TdPlace, isSource, sink);
  }
}

function emitOne(graph: RoadGraph, tails: Uint32Array, field: string, place: unknown, isSource: boolean, sink: TdSeedSink): void {
  const n = graph.numVertices;
  if (typeof place === 'number') {
    assertIntegerInRange(field, place, 0, n - 1);
    sink(place, -1, 0, 0, 0);
    return;
  }
  if (typeof place !== 'object' || place === null) {
    throw new GeoInputError('GEO_INVALID_ARGUMENT', field, 'must be a vertex index, { vertex, offsetMs? } or { arc, fraction, reverseArc? }', place);
  }
  const p = place as Record<string, unknown>;
  if ('arc' in p) {
    const { arc, fraction } = p;
    assertIntegerInRange(`${field}.arc`, arc, 0, graph.numArcs - 1);
    assertNumberInRange(`${field}.fraction`, fraction, 0, 1);
    const rev = p['reverseArc'] ?? -1;
    assertIntegerInRange(`${field}.reverseArc`, rev, -1, graph.numArcs - 1);
    if (rev >= 0 && (graph.head[rev] !== tails[arc] || tails[rev] !== graph.head[arc])) {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', `${field}.reverseArc`, `must run from the head to the tail of arc ${arc}`, rev);
    }
    if (isSource) {
      sink(graph.head[arc]!, arc, fraction, 0, 0);
      if (rev >= 0) sink(graph.head[rev]!, rev, 1 - fraction, 0, 0);
    } else {
      sink(tails[arc]!, arc, fraction, 0, 0);
      if (rev >= 0) sink(tails[rev]!, rev, 1 - fraction, 0, 0);
    }
    return;
  }
  if ('vertex' in p) {
    assertIntegerInRange(`${field}.vertex`, p['vertex'], 0, n - 1);
    const offsetMs = p['offsetMs'] ?? 0;
    const offsetCm = p['offsetCm'] ?? 0;
    assertNumberInRange(`${field}.offsetMs`, offsetMs, 0, Number.MAX_SAFE_INTEGER);
    assertNumberInRange(`${field}.offsetCm`, offsetCm, 0, Number.MAX_SAFE_INTEGER);
    sink(p['vertex'], -1, 0, offsetMs, offsetCm);
    return;
  }
  throw new GeoInputError('GEO_INVALID_ARGUMENT', field, 'must be a vertex index, { vertex, offsetMs? } or { arc, fraction, reverseArc? }', place);
}
