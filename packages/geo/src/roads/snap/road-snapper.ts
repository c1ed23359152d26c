/**
 * Snapping: a coordinate to the nearest point on the nearest road segment (not merely the nearest
 * junction), with the distance to the road. A point farther than `maxSnapDistanceM` from every
 * road is reported (`null`), never silently moved.
 *
 * Segments are indexed by sample points every ≤ {@link SNAP_SAMPLE_SPACING_M} metres in a KDBush
 * on a local equirectangular projection centred on the graph (accurate for city and regional
 * extents); candidates within a growing radius are then measured exactly, so the answer is the
 * true nearest segment in the projected plane.
 */
import KDBush from 'kdbush';
import { haversineDistanceM } from '../../distance.js';
import type { LngLat } from '../../types.js';
import { assertLngLat, assertNumberInRange } from '../../validate.js';
import { roadGraphBbox, type RoadGraph } from '../road-graph.js';

/** Largest gap between two sample points of a segment in the snap index, metres. */
export const SNAP_SAMPLE_SPACING_M = 40;
/** Default farthest snap, metres. */
export const DEFAULT_MAX_SNAP_DISTANCE_M = 250;

const RAD = Math.PI / 180;
const M_PER_DEG = 6_371_008.8 * RAD;

/** A point placed on the road network. */
export interface RoadSnap {
  /** Arc the point lies on. */
  readonly arc: number;
  /** The opposite arc of the same road (two-way street), or -1. */
  readonly reverseArc: number;
  /** Position along `arc` from its tail, by length, in [0, 1]. */
  readonly fraction: number;
  /** Distance from the given coordinate to the road, metres. */
  readonly distanceM: number;
  /** The snapped position `[lng, lat]`. */
  readonly point: LngLat;
}

export interface RoadSnapperOptions {
  /** Farthest a point may be from a road to snap, metres. Default {@link DEFAULT_MAX_SNAP_DISTANCE_M}. */
  maxSnapDistanceM?: number;
}

/** Nearest-segment index over a {@link RoadGraph}. Build once per graph (O(total road length)). */
export class RoadSnapper {
  readonly maxSnapDistanceM: number;
  private readonly lng0: number;
  private readonly lat0: number;
  private readonly kx: number;
  /** Polyline of each indexed arc: projected points and cumulative length (projected metres). */
  private readonly polyFirst: Uint32Array;
  private readonly polyX: Float64Array;
  private readonly polyY: Float64Array;
  private readonly polyCum: Float64Array;
  /** Indexed arc of each polyline, and its opposite arc (or -1). */
  private readonly polyArc: Uint32Array;
  private readonly polyReverse: Int32Array;
  /** Sample point → global segment index (segment k = points k, k+1 of its polyline). */
  private readonly sampleSeg: Uint32Array;
  /** Segment → polyline. */
  private readonly segPoly: Uint32Array;
  private readonly tree: KDBush;
  private readonly seenSeg: Uint32Array;
  private seenGen = 0;

  constructor(readonly graph: RoadGraph, options: RoadSnapperOptions = {}) {
    const maxSnap = options.maxSnapDistanceM ?? DEFAULT_MAX_SNAP_DISTANCE_M;
    assertNumberInRange('maxSnapDistanceM', maxSnap, 0, 100_000);
    this.maxSnapDistanceM = maxSnap;
    const g = graph;
    const [minLng, minLat, maxLng, maxLat] = roadGraphBbox(g);
    this.lng0 = (minLng + maxLng) / 2;
    this.lat0 = (minLat + maxLat) / 2;
    this.kx = Math.cos(this.lat0 * RAD) * M_PER_DEG;

    const reverseOf = findReverseArcs(g);
    const arcs: number[] = [];
    for (let a = 0; a < g.numArcs; a++) if (reverseOf[a]! < 0 || reverseOf[a]! > a) arcs.push(a);
    let numPoints = 0;
    for (const a of arcs) numPoints += 2 + g.geomFirst[a + 1]! - g.geomFirst[a]!;
    this.polyFirst = new Uint32Array(arcs.length + 1);
    this.polyX = new Float64Array(numPoints);
    this.polyY = new Float64Array(numPoints);
    this.polyCum = new Float64Array(numPoints);
    this.polyArc = Uint32Array.from(arcs);
    this.polyReverse = Int32Array.from(arcs, (a) => reverseOf[a]!);
    const tails = new Uint32Array(g.numArcs);
    for (let u = 0; u < g.numVertices; u++) tails.fill(u, g.firstOut[u]!, g.firstOut[u + 1]!);
    let p = 0;
    const samples: number[] = [];
    const segPoly: number[] = [];
    const sampleSeg: number[] = [];
    arcs.forEach((a, i) => {
      this.polyFirst[i] = p;
      const push = (lng: number, lat: number): void => {
        this.polyX[p] = this.projX(lng);
        this.polyY[p] = this.projY(lat);
        this.polyCum[p] = p === this.polyFirst[i] ? 0 : this.polyCum[p - 1]! + Math.hypot(this.polyX[p]! - this.polyX[p - 1]!, this.polyY[p]! - this.polyY[p - 1]!);
        p++;
      };
      push(g.vertexLng[tails[a]!]!, g.vertexLat[tails[a]!]!);
      for (let k = g.geomFirst[a]!; k < g.geomFirst[a + 1]!; k++) push(g.geomLng[k]!, g.geomLat[k]!);
      push(g.vertexLng[g.head[a]!]!, g.vertexLat[g.head[a]!]!);
      for (let k = this.polyFirst[i]!; k < p - 1; k++) {
        const seg = segPoly.length;
        segPoly.push(i);
        const x0 = this.polyX[k]!, y0 = this.polyY[k]!, x1 = this.polyX[k + 1]!, y1 = this.polyY[k + 1]!;
        const pieces = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0) / SNAP_SAMPLE_SPACING_M));
        for (let s = 0; s < pieces; s++) {
          const t = (s + 0.5) / pieces;
          samples.push(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t);
          sampleSeg.push(seg);
        }
      }
    });
    this.polyFirst[arcs.length] = p;
    this.segPoly = Uint32Array.from(segPoly);
    this.sampleSeg = Uint32Array.from(sampleSeg);
    this.seenSeg = new Uint32Array(segPoly.length);
    this.tree = new KDBush(Math.max(1, sampleSeg.length), 32, Float64Array);
    for (let i = 0; i < samples.length; i += 2) this.tree.add(samples[i]!, samples[i + 1]!);
    if (sampleSeg.length === 0) this.tree.add(Infinity, Infinity);
    this.tree.finish();
  }

  /**
   * The nearest road position to `point`, or `null` when no road lies within
   * `maxSnapDistanceM` (default: the snapper's). Throws `GeoInputError` for an invalid coordinate.
   */
  snap(point: LngLat, maxSnapDistanceM = this.maxSnapDistanceM): RoadSnap | null {
    assertLngLat('point', point);
    const x = this.projX(point[0]);
    const y = this.projY(point[1]);
    // Any point of a segment lies within half a sample spacing of one of its samples.
    const slack = SNAP_SAMPLE_SPACING_M / 2;
    let bestD2 = Infinity;
    let bestSeg = -1;
    let bestT = 0;
    for (let r = Math.min(100, maxSnapDistanceM + slack); ; r *= 2) {
      const radius = Math.min(r, maxSnapDistanceM + slack);
      if (++this.seenGen === 0xffffffff) {
        this.seenSeg.fill(0);
        this.seenGen = 1;
      }
      for (const id of this.tree.within(x, y, radius)) {
        const seg = this.sampleSeg[id]!;
        if (this.seenSeg[seg] === this.seenGen) continue;
        this.seenSeg[seg] = this.seenGen;
        const k = this.segmentStart(seg);
        const x0 = this.polyX[k]!, y0 = this.polyY[k]!;
        const dx = this.polyX[k + 1]! - x0, dy = this.polyY[k + 1]! - y0;
        const len2 = dx * dx + dy * dy;
        let t = len2 > 0 ? ((x - x0) * dx + (y - y0) * dy) / len2 : 0;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        const ex = x0 + dx * t - x, ey = y0 + dy * t - y;
        const d2 = ex * ex + ey * ey;
        if (d2 < bestD2 || (d2 === bestD2 && seg < bestSeg)) {
          bestD2 = d2;
          bestSeg = seg;
          bestT = t;
        }
      }
      if (bestSeg >= 0 && Math.sqrt(bestD2) <= radius - slack) break;
      if (radius >= maxSnapDistanceM + slack) break;
    }
    if (bestSeg < 0 || Math.sqrt(bestD2) > maxSnapDistanceM) return null;
    const poly = this.segPoly[bestSeg]!;
    const k = this.segmentStart(bestSeg);
    const last = this.polyFirst[poly + 1]! - 1;
    const sx = this.polyX[k]! + (this.polyX[k + 1]! - this.polyX[k]!) * bestT;
    const sy = this.polyY[k]! + (this.polyY[k + 1]! - this.polyY[k]!) * bestT;
    const along = this.polyCum[k]! + (this.polyCum[k + 1]! - this.polyCum[k]!) * bestT;
    const total = this.polyCum[last]!;
    const fraction = total > 0 ? Math.min(1, Math.max(0, along / total)) : 0;
    const snapped: LngLat = [this.lng0 + sx / this.kx, this.lat0 + sy / M_PER_DEG];
    return {
      arc: this.polyArc[poly]!,
      reverseArc: this.polyReverse[poly]!,
      fraction,
      distanceM: haversineDistanceM(point[0], point[1], snapped[0], snapped[1]),
      point: snapped,
    };
  }

  /** Index (into the polyline arrays) of the first point of global segment `seg`. */
  private segmentStart(seg: number): number {
    // Segments of a polyline are numbered consecutively; polyline i owns points polyFirst[i]…
    // and segments from (polyFirst[i] − i) on, because each polyline has one point more than segments.
    const poly = this.segPoly[seg]!;
    return seg + poly;
  }

  private projX(lng: number): number {
    let d = lng - this.lng0;
    if (d > 180) d -= 360;
    else if (d < -180) d += 360;
    return d * this.kx;
  }

  private projY(lat: number): number {
    return (lat - this.lat0) * M_PER_DEG;
  }
}

/**
 * For every arc, the opposite arc of the same road (head → tail with the same length, way and
 * reversed shape), or -1.
 */
export function findReverseArcs(g: RoadGraph): Int32Array {
  const out = new Int32Array(g.numArcs).fill(-1);
  for (let u = 0; u < g.numVertices; u++) {
    for (let a = g.firstOut[u]!; a < g.firstOut[u + 1]!; a++) {
      if (out[a]! >= 0) continue;
      const v = g.head[a]!;
      for (let b = g.firstOut[v]!; b < g.firstOut[v + 1]!; b++) {
        if (b === a || out[b]! >= 0 || g.head[b] !== u) continue;
        if (g.lengthCm[b] !== g.lengthCm[a] || g.wayId[b] !== g.wayId[a]) continue;
        if (!sameReversedShape(g, a, b)) continue;
        out[a] = b;
        out[b] = a;
        break;
      }
    }
  }
  return out;
}

function sameReversedShape(g: RoadGraph, a: number, b: number): boolean {
  const na = g.geomFirst[a + 1]! - g.geomFirst[a]!;
  if (g.geomFirst[b + 1]! - g.geomFirst[b]! !== na) return false;
  for (let i = 0; i < na; i++) {
    const ia = g.geomFirst[a]! + i;
    const ib = g.geomFirst[b + 1]! - 1 - i;
    if (g.geomLng[ia] !== g.geomLng[ib] || g.geomLat[ia] !== g.geomLat[ib]) return false;
  }
  return true;
}
