import type { Rng } from '../random.js';
import type { LngLat } from '../types.js';
import type { ZoneFeature, ZoneId } from './validate-zone-features.js';

/** Options of {@link randomStarZone}. */
export interface RandomStarZoneOptions {
  /** Number of outer-ring vertices (at least 3). */
  readonly numVertices: number;
  /** Smallest and largest distance of an outer vertex from the centre, metres. */
  readonly minRadiusM: number;
  readonly maxRadiusM: number;
  /** Add one star-shaped hole around the centre, within 80 % of `minRadiusM`. Default false. */
  readonly hasHole?: boolean;
}

const M_PER_DEG_LAT = 111_320;

/**
 * A seeded, realistic-looking delivery zone: a star-shaped (so simple, usually concave)
 * polygon around `center` with vertices at increasing random angles and random radii, and
 * optionally a star-shaped hole (a park, an airport) nested inside it. For tests, benches and
 * the synthetic city.
 */
export function randomStarZone(rng: Rng, id: ZoneId, center: LngLat, options: RandomStarZoneOptions): ZoneFeature {
  const { numVertices, minRadiusM, maxRadiusM } = options;
  const outer = starRing(rng, center, Math.max(3, numVertices), minRadiusM, maxRadiusM);
  const coordinates = [outer];
  if (options.hasHole) {
    const holeMaxM = 0.8 * minRadiusM;
    coordinates.push(starRing(rng, center, 6 + Math.floor(rng() * 6), 0.3 * holeMaxM, holeMaxM).reverse());
  }
  return { type: 'Feature', id, geometry: { type: 'Polygon', coordinates }, properties: {} };
}

/** A closed counter-clockwise star-shaped ring. */
function starRing(rng: Rng, center: LngLat, numVertices: number, minRadiusM: number, maxRadiusM: number): number[][] {
  const mPerDegLng = M_PER_DEG_LAT * Math.cos((center[1] * Math.PI) / 180);
  const angles = Array.from({ length: numVertices }, (_, k) => ((k + 0.15 + 0.7 * rng()) / numVertices) * 2 * Math.PI);
  const ring = angles.map((theta) => {
    const r = minRadiusM + rng() * (maxRadiusM - minRadiusM);
    return [center[0] + (r * Math.cos(theta)) / mPerDegLng, center[1] + (r * Math.sin(theta)) / M_PER_DEG_LAT];
  });
  ring.push([ring[0]![0]!, ring[0]![1]!]);
  return ring;
}
