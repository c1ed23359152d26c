/**
 * How a snapped point enters a free-flow search: a source on arc `u → v` at fraction `f` starts at
 * `v` having already spent `(1 − f)` of the arc (and at `u` through the opposite arc when the
 * street is two-way); a target on that arc is reached from `u` plus `f` of the arc (and from `v`
 * through the opposite arc). Two points on the same road can also be joined directly along it.
 */
import type { RoadGraph } from '../road-graph.js';
import type { RoadSnap } from './road-snapper.js';

/** Seed vertices with initial costs and lengths (at most two). */
export interface SnapSeeds {
  readonly vertices: number[];
  /** Initial cost of each seed, integer ms. */
  readonly offsetsMs: number[];
  /** Initial length of each seed, integer cm. */
  readonly lengthsCm: number[];
}

/** Tail vertex of arc `a` (binary search over `firstOut`). */
export function arcTail(graph: RoadGraph, a: number): number {
  let lo = 0;
  let hi = graph.numVertices - 1;
  const fo = graph.firstOut;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (fo[mid]! <= a) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The vertices a search leaving from `snap` starts at, with the part of the arc already driven. */
export function sourceSeeds(graph: RoadGraph, snap: RoadSnap, weightMs: Uint32Array = graph.durationMs): SnapSeeds {
  const a = snap.arc;
  const seeds: SnapSeeds = {
    vertices: [graph.head[a]!],
    offsetsMs: [Math.round((1 - snap.fraction) * weightMs[a]!)],
    lengthsCm: [Math.round((1 - snap.fraction) * graph.lengthCm[a]!)],
  };
  const r = snap.reverseArc;
  if (r >= 0) {
    seeds.vertices.push(graph.head[r]!);
    seeds.offsetsMs.push(Math.round(snap.fraction * weightMs[r]!));
    seeds.lengthsCm.push(Math.round(snap.fraction * graph.lengthCm[r]!));
  }
  return seeds;
}

/** The vertices a search reaches `snap` from, with the part of the arc still to drive. */
export function targetSeeds(graph: RoadGraph, snap: RoadSnap, weightMs: Uint32Array = graph.durationMs): SnapSeeds {
  const a = snap.arc;
  const seeds: SnapSeeds = {
    vertices: [arcTail(graph, a)],
    offsetsMs: [Math.round(snap.fraction * weightMs[a]!)],
    lengthsCm: [Math.round(snap.fraction * graph.lengthCm[a]!)],
  };
  const r = snap.reverseArc;
  if (r >= 0) {
    seeds.vertices.push(graph.head[a]!);
    seeds.offsetsMs.push(Math.round((1 - snap.fraction) * weightMs[r]!));
    seeds.lengthsCm.push(Math.round((1 - snap.fraction) * graph.lengthCm[r]!));
  }
  return seeds;
}

/**
 * Cost (ms) and length (cm) of going from `from` to `to` along their common road without leaving
 * it, or null when they are on different roads or the way runs against a one-way street.
 */
export function sameRoadTrip(
  graph: RoadGraph,
  from: RoadSnap,
  to: RoadSnap,
  weightMs: Uint32Array = graph.durationMs,
): { durationMs: number; lengthCm: number; arc: number } | null {
  if (from.arc !== to.arc) return null;
  const a = from.arc;
  if (to.fraction >= from.fraction) {
    const share = to.fraction - from.fraction;
    return { durationMs: Math.round(share * weightMs[a]!), lengthCm: Math.round(share * graph.lengthCm[a]!), arc: a };
  }
  const r = from.reverseArc;
  if (r < 0) return null;
  const share = from.fraction - to.fraction;
  return { durationMs: Math.round(share * weightMs[r]!), lengthCm: Math.round(share * graph.lengthCm[r]!), arc: r };
}
