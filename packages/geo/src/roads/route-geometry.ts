/**
 * Route geometry as GeoJSON: the shape of a path of arcs, trimmed to snapped end points.
 */
import { haversineDistanceM } from '../distance.js';
import type { LngLat } from '../types.js';
import type { RoadGraph } from './road-graph.js';
import { arcTail } from './snap/snap-seeds.js';
import type { RoadSnap } from './snap/road-snapper.js';

/** A GeoJSON LineString feature. */
export interface LineStringFeature {
  readonly type: 'Feature';
  readonly geometry: { readonly type: 'LineString'; readonly coordinates: Array<[number, number]> };
  readonly properties: Record<string, unknown>;
}

/** The full shape of arc `a`, tail to head. */
export function arcPolyline(graph: RoadGraph, a: number): Array<[number, number]> {
  const u = arcTail(graph, a);
  const v = graph.head[a]!;
  const pts: Array<[number, number]> = [[graph.vertexLng[u]!, graph.vertexLat[u]!]];
  for (let k = graph.geomFirst[a]!; k < graph.geomFirst[a + 1]!; k++) pts.push([graph.geomLng[k]!, graph.geomLat[k]!]);
  pts.push([graph.vertexLng[v]!, graph.vertexLat[v]!]);
  return pts;
}

/** The part of a polyline between fractions `from` ≤ `to` of its length. */
export function slicePolyline(points: ReadonlyArray<readonly [number, number]>, from: number, to: number): Array<[number, number]> {
  const cum = [0];
  for (let i = 1; i < points.length; i++) {
    cum.push(cum[i - 1]! + haversineDistanceM(points[i - 1]![0], points[i - 1]![1], points[i]![0], points[i]![1]));
  }
  const total = cum[cum.length - 1]!;
  const at = (f: number): [number, number] => {
    const d = f * total;
    for (let i = 1; i < points.length; i++) {
      if (cum[i]! >= d) {
        const seg = cum[i]! - cum[i - 1]!;
        const t = seg > 0 ? (d - cum[i - 1]!) / seg : 0;
        const p0 = points[i - 1]!;
        const p1 = points[i]!;
        return [p0[0] + (p1[0] - p0[0]) * t, p0[1] + (p1[1] - p0[1]) * t];
      }
    }
    const last = points[points.length - 1]!;
    return [last[0], last[1]];
  };
  const out: Array<[number, number]> = [at(from)];
  for (let i = 1; i < points.length - 1; i++) {
    if (cum[i]! > from * total && cum[i]! < to * total) out.push([points[i]![0], points[i]![1]]);
  }
  out.push(at(to));
  return out;
}

/**
 * The shape of a route: optionally the rest of the source's arc from the snapped point, the arcs
 * of the path, and optionally the start of the target's arc up to its snapped point.
 * `fromSnap`/`toSnap` must be the snaps the path was searched from/to; `entryArc`/`exitArc` are the
 * arcs the route actually uses at its ends (the snap arc or its reverse).
 */
export function routeLineString(
  graph: RoadGraph,
  arcs: readonly number[],
  ends: { from?: { snap: RoadSnap; arc: number }; to?: { snap: RoadSnap; arc: number } } = {},
  properties: Record<string, unknown> = {},
): LineStringFeature {
  const coords: Array<[number, number]> = [];
  const append = (pts: Array<[number, number]>): void => {
    for (const p of pts) {
      const last = coords[coords.length - 1];
      if (!last || last[0] !== p[0] || last[1] !== p[1]) coords.push(p);
    }
  };
  if (ends.from) {
    const { snap, arc } = ends.from;
    const f = arc === snap.arc ? snap.fraction : 1 - snap.fraction;
    append(slicePolyline(arcPolyline(graph, arc), f, 1));
  }
  for (const a of arcs) append(arcPolyline(graph, a));
  if (ends.to) {
    const { snap, arc } = ends.to;
    const f = arc === snap.arc ? snap.fraction : 1 - snap.fraction;
    append(slicePolyline(arcPolyline(graph, arc), 0, f));
  }
  if (coords.length === 1) coords.push([coords[0]![0], coords[0]![1]]);
  return { type: 'Feature', geometry: { type: 'LineString', coordinates: coords }, properties };
}

/** The part of arc `a` between fractions `from` ≤ `to` of its length, as a LineString feature. */
export function arcSliceLineString(graph: RoadGraph, a: number, from: number, to: number, properties: Record<string, unknown> = {}): LineStringFeature {
  const coords = slicePolyline(arcPolyline(graph, a), from, to);
  return { type: 'Feature', geometry: { type: 'LineString', coordinates: coords }, properties };
}

/** Convenience: a `[lng, lat]` of vertex `v`. */
export function vertexPoint(graph: RoadGraph, v: number): LngLat {
  return [graph.vertexLng[v]!, graph.vertexLat[v]!];
}
