import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { cellToBoundary, cellToLatLng, getHexagonEdgeLengthAvg, gridDisk, latLngToCell, polygonToCells, UNITS } from 'h3-js';
import { EARTH_RADIUS_M } from '../distance.js';
import type { PolygonCoords } from './validate-zone-features.js';

/** The H3 cells of one zone, split by whether a point in them needs an exact polygon test. */
export interface ZoneCover {
  /** Cells entirely inside the zone, which no ring edge touches. */
  readonly interiorCells: string[];
  /** Cells a ring edge touches (or may touch): a point there gets a turf test. */
  readonly boundaryCells: string[];
}

const RAD = Math.PI / 180;

/**
 * Covers a validated zone with H3 cells at `resolution`.
 *
 * Boundary: every ring edge (outer and holes, as planar `[lng, lat]` segments, which is what
 * turf tests) is sampled at most half an average cell edge apart. The cells of the samples are
 * boundary cells. An edge can also clip a cell between two samples; such a cell is a neighbour
 * (gridDisk k = 1) of a sampled cell, so each neighbour whose hexagon lies within
 * {@link touchToleranceM} of the edge is a boundary cell too. The tolerance exceeds the gap
 * between a cell's true region (bounded by great-circle arcs, which decides `latLngToCell`) and
 * its `[lng, lat]` hexagon, so no cell the boundary enters is missed.
 *
 * Interior: the cells `polygonToCells` returns (cell centre inside, per part) that are not
 * boundary cells. Such a cell holds no part of any ring, so the whole cell is on one side of the
 * boundary, the side of its centre. Each such centre is re-checked with turf: a disagreement
 * (impossible for validated zones) demotes the cell to boundary, which stays correct.
 *
 * Cells in neither list are entirely outside the zone.
 */
export function coverZone(parts: readonly PolygonCoords[], resolution: number): ZoneCover {
  const edgeM = getHexagonEdgeLengthAvg(resolution, UNITS.m);
  const tracer = new EdgeTracer(resolution, 0.5 * edgeM, touchToleranceM(edgeM), 3 * edgeM);
  for (const rings of parts) {
    for (const ring of rings) {
      for (let k = 0; k + 1 < ring.length; k++) tracer.trace(ring[k]![0]!, ring[k]![1]!, ring[k + 1]![0]!, ring[k + 1]![1]!);
    }
  }
  const boundary = tracer.cells;
  const geometry = { type: 'MultiPolygon' as const, coordinates: parts as PolygonCoords[] };
  const interior = new Set<string>();
  for (const rings of parts) {
    for (const cell of polygonToCells(rings, resolution, true)) {
      if (boundary.has(cell) || interior.has(cell)) continue;
      const [lat, lng] = cellToLatLng(cell);
      if (booleanPointInPolygon([lng, lat], geometry)) interior.add(cell);
      else boundary.add(cell);
    }
  }
  return { interiorCells: [...interior], boundaryCells: [...boundary] };
}

/**
 * Distance (metres) within which an edge counts as touching a cell's `[lng, lat]` hexagon: 1 m
 * plus a term growing with the cell size that bounds the sagitta between a great-circle cell
 * edge and the straight `[lng, lat]` chord (L² tan(lat) / 8R; the term covers latitudes up to
 * ~80° and the extra vertices of distorted cells).
 */
export function touchToleranceM(edgeM: number): number {
  return 1 + (edgeM * edgeM) / (0.1 * EARTH_RADIUS_M);
}

/** Collects the cells touched by planar `[lng, lat]` segments. */
class EdgeTracer {
  readonly cells = new Set<string>();
  private readonly hexagons = new Map<string, number[][] | null>();
  private readonly sampled = new Set<string>();
  private readonly checked = new Set<string>();

  constructor(
    private readonly resolution: number,
    private readonly spacingM: number,
    private readonly toleranceM: number,
    /** Above the widest cell (2 × the longest edge, within 1.5 × the average): a quick reject. */
    private readonly cellWidthM: number,
  ) {}

  /** Adds the cells touched by the segment from (lng1, lat1) to (lng2, lat2). */
  trace(lng1: number, lat1: number, lng2: number, lat2: number): void {
    // Upper bound of the metres per unit of the planar segment: the widest cos(lat) on it.
    const minAbsLat = lat1 * lat2 <= 0 ? 0 : Math.min(Math.abs(lat1), Math.abs(lat2));
    const dx = (lng2 - lng1) * Math.cos(minAbsLat * RAD);
    const lengthM = Math.sqrt(dx * dx + (lat2 - lat1) * (lat2 - lat1)) * RAD * EARTH_RADIUS_M;
    const steps = Math.max(1, Math.ceil(lengthM / this.spacingM));
    this.sampled.clear();
    this.checked.clear();
    for (let s = 0; s <= steps; s++) {
      const t = s / steps;
      this.sampled.add(latLngToCell(lat1 + t * (lat2 - lat1), lng1 + t * (lng2 - lng1), this.resolution));
    }
    for (const cell of this.sampled) {
      this.cells.add(cell);
      for (const neighbour of gridDisk(cell, 1)) {
        // A neighbour of several sampled cells is tested against this segment once.
        if (this.cells.has(neighbour) || this.checked.has(neighbour)) continue;
        this.checked.add(neighbour);
        const hexagon = this.hexagon(neighbour);
        if (hexagon === null || segmentTouchesRing(lng1, lat1, lng2, lat2, hexagon, this.toleranceM, this.cellWidthM)) {
          this.cells.add(neighbour);
        }
      }
    }
  }

  /**
   * The cell's boundary as `[lng, lat]` positions, cached; null when it spans more than 180° of
   * longitude (a cell on the antimeridian or a pole has no usable planar shape: assume it is touched).
   */
  private hexagon(cell: string): number[][] | null {
    let hexagon = this.hexagons.get(cell);
    if (hexagon === undefined) {
      const boundary = cellToBoundary(cell, true);
      const lngs = boundary.map((p) => p[0]!);
      hexagon = Math.max(...lngs) - Math.min(...lngs) > 180 ? null : boundary;
      this.hexagons.set(cell, hexagon);
    }
    return hexagon;
  }
}

/**
 * Whether the segment comes within `toleranceM` of the closed ring (as a filled polygon),
 * measured in local equirectangular metres at the ring's first vertex. `ringWidthM` bounds the
 * distance between any two points of the ring.
 */
function segmentTouchesRing(
  lng1: number,
  lat1: number,
  lng2: number,
  lat2: number,
  ring: number[][],
  toleranceM: number,
  ringWidthM: number,
): boolean {
  const [lng0, lat0] = ring[0] as [number, number];
  const kx = Math.cos(lat0 * RAD) * RAD * EARTH_RADIUS_M;
  const ky = RAD * EARTH_RADIUS_M;
  const ax = (lng1 - lng0) * kx, ay = (lat1 - lat0) * ky;
  const bx = (lng2 - lng0) * kx, by = (lat2 - lat0) * ky;
  // Quick reject: the segment passes farther from the first vertex than the ring is wide.
  if (pointSegmentM(0, 0, ax, ay, bx, by) > ringWidthM + toleranceM) return false;
  let inside = false;
  for (let k = 0; k + 1 < ring.length; k++) {
    const cx = (ring[k]![0]! - lng0) * kx, cy = (ring[k]![1]! - lat0) * ky;
    const dx = (ring[k + 1]![0]! - lng0) * kx, dy = (ring[k + 1]![1]! - lat0) * ky;
    if (segmentDistanceM(ax, ay, bx, by, cx, cy, dx, dy) <= toleranceM) return true;
    // Even-odd test of the segment start against the ring (the segment may lie wholly inside).
    if (cy > ay !== dy > ay && ax < ((dx - cx) * (ay - cy)) / (dy - cy) + cx) inside = !inside;
  }
  return inside;
}

/** Distance between segments AB and CD in the plane (0 when they cross). */
function segmentDistanceM(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number): number {
  const d1 = cross(cx, cy, dx, dy, ax, ay), d2 = cross(cx, cy, dx, dy, bx, by);
  const d3 = cross(ax, ay, bx, by, cx, cy), d4 = cross(ax, ay, bx, by, dx, dy);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return 0;
  return Math.min(pointSegmentM(ax, ay, cx, cy, dx, dy), pointSegmentM(bx, by, cx, cy, dx, dy), pointSegmentM(cx, cy, ax, ay, bx, by), pointSegmentM(dx, dy, ax, ay, bx, by));
}

function cross(ox: number, oy: number, px: number, py: number, qx: number, qy: number): number {
  return (px - ox) * (qy - oy) - (py - oy) * (qx - ox);
}

function pointSegmentM(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const vx = bx - ax, vy = by - ay;
  const len2 = vx * vx + vy * vy;
  const t = len2 > 0 ? Math.max(0, Math.min(1, ((px - ax) * vx + (py - ay) * vy) / len2)) : 0;
  return Math.hypot(px - ax - t * vx, py - ay - t * vy);
}

/**
 * Rough number of cells `coverZone` would create for these parts: bounding-box area over the
 * average cell area, plus the boundary band. Used to refuse a resolution far too fine for the zones.
 */
export function estimateCoverCells(parts: readonly PolygonCoords[], resolution: number): number {
  const edgeM = getHexagonEdgeLengthAvg(resolution, UNITS.m);
  const cellAreaM2 = 2.598 * edgeM * edgeM;
  let cells = 0;
  for (const rings of parts) {
    let minLng = Infinity, minLat = Infinity, maxLng = -Infinity, maxLat = -Infinity, perimeterM = 0;
    for (const ring of rings) {
      for (let k = 0; k < ring.length; k++) {
        const [lng, lat] = ring[k] as [number, number];
        minLng = Math.min(minLng, lng); maxLng = Math.max(maxLng, lng);
        minLat = Math.min(minLat, lat); maxLat = Math.max(maxLat, lat);
        const next = ring[k + 1];
        if (next) perimeterM += Math.hypot((next[0]! - lng) * Math.cos(lat * RAD), next[1]! - lat) * RAD * EARTH_RADIUS_M;
      }
    }
    const cosLat = Math.cos(((minLat + maxLat) / 2) * RAD);
    const areaM2 = (maxLng - minLng) * cosLat * (maxLat - minLat) * (RAD * EARTH_RADIUS_M) ** 2;
    cells += areaM2 / cellAreaM2 + (3 * perimeterM) / edgeM;
  }
  return cells;
}
