import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { kinks } from '@turf/kinks';
import { GeoInputError } from '../errors.js';
import { assertLngLat } from '../validate.js';

/** External id of a delivery zone (the GeoJSON Feature `id`). */
export type ZoneId = string | number;

/** A GeoJSON position `[lng, lat]` (a third value, the altitude, is accepted and ignored). */
export type ZonePosition = readonly number[];

/** A GeoJSON Polygon: an outer ring then holes, each a closed ring of `[lng, lat]` positions. */
export interface ZonePolygon {
  readonly type: 'Polygon';
  readonly coordinates: ReadonlyArray<readonly ZonePosition[]>;
}

/** A GeoJSON MultiPolygon: a list of Polygon coordinate arrays (parts may overlap). */
export interface ZoneMultiPolygon {
  readonly type: 'MultiPolygon';
  readonly coordinates: ReadonlyArray<ReadonlyArray<readonly ZonePosition[]>>;
}

/** A delivery zone as a GeoJSON Feature with an `id`. */
export interface ZoneFeature {
  readonly type: 'Feature';
  readonly id: ZoneId;
  readonly geometry: ZonePolygon | ZoneMultiPolygon;
  readonly properties?: unknown;
}

/** Coordinates of one polygon part: rings of `[lng, lat]` positions (own, mutable copies). */
export type PolygonCoords = number[][][];

/** A validated zone: its id and its parts copied as `[lng, lat]` (altitudes dropped). */
export interface ValidZone {
  readonly id: ZoneId;
  /** Polygon parts (one for a Polygon), each `[outer, ...holes]`. */
  readonly parts: PolygonCoords[];
}

/**
 * Validates delivery-zone features once, at the {@link ZoneIndex} boundary, and copies their
 * coordinates. Rules, each failure a {@link GeoInputError} naming the field and value:
 * - every feature is a GeoJSON Feature with a unique string or finite number `id` (GEO_INVALID_ARGUMENT);
 * - its geometry is a non-empty Polygon or MultiPolygon; each ring is closed, has at least
 *   4 positions and 3 distinct ones, no edge spans more than 180° of longitude (split zones at
 *   the antimeridian), no ring crosses or touches itself or another ring of its polygon
 *   (@turf/kinks), and every hole lies inside its outer ring and outside the other holes
 *   (GEO_INVALID_POLYGON);
 * - positions are finite `[lng, lat]` in range (GEO_INVALID_COORDINATE).
 * The last two rules make H3's polygon semantics (inside outer, outside every hole) equal to
 * turf's even-odd rule, which the index relies on.
 */
export function validateZoneFeatures(zones: unknown): ValidZone[] {
  if (!Array.isArray(zones)) {
    throw new GeoInputError('GEO_INVALID_ARGUMENT', 'zones', 'must be an array of GeoJSON Polygon or MultiPolygon features', zones);
  }
  const seen = new Map<ZoneId, number>();
  return zones.map((zone: unknown, i) => {
    const valid = validateZoneFeature(`zones[${i}]`, zone);
    const previous = seen.get(valid.id);
    if (previous !== undefined) {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', `zones[${i}].id`, `must be unique (zones[${previous}] has it too)`, valid.id);
    }
    seen.set(valid.id, i);
    return valid;
  });
}

function validateZoneFeature(field: string, zone: unknown): ValidZone {
  if (typeof zone !== 'object' || zone === null || (zone as { type?: unknown }).type !== 'Feature') {
    throw new GeoInputError('GEO_INVALID_POLYGON', field, 'must be a GeoJSON Feature', zone);
  }
  const { id, geometry } = zone as { id?: unknown; geometry?: unknown };
  if (!((typeof id === 'string' && id.length > 0) || (typeof id === 'number' && Number.isFinite(id)))) {
    throw new GeoInputError('GEO_INVALID_ARGUMENT', `${field}.id`, 'must be a non-empty string or a finite number', id);
  }
  if (typeof geometry !== 'object' || geometry === null) {
    throw new GeoInputError('GEO_INVALID_POLYGON', `${field}.geometry`, 'must be a Polygon or MultiPolygon geometry', geometry);
  }
  const { type, coordinates } = geometry as { type?: unknown; coordinates?: unknown };
  const coordsField = `${field}.geometry.coordinates`;
  if (type === 'Polygon') return { id, parts: [validatePolygon(coordsField, coordinates)] };
  if (type !== 'MultiPolygon') {
    throw new GeoInputError('GEO_INVALID_POLYGON', `${field}.geometry.type`, 'must be "Polygon" or "MultiPolygon"', type);
  }
  if (!Array.isArray(coordinates) || coordinates.length === 0) {
    throw new GeoInputError('GEO_INVALID_POLYGON', coordsField, 'must be a non-empty array of polygons', coordinates);
  }
  return { id, parts: coordinates.map((part: unknown, p) => validatePolygon(`${coordsField}[${p}]`, part)) };
}

/** Validates one polygon (`[outer, ...holes]`) and returns a 2D copy. */
function validatePolygon(field: string, rings: unknown): PolygonCoords {
  if (!Array.isArray(rings) || rings.length === 0) {
    throw new GeoInputError('GEO_INVALID_POLYGON', field, 'must be a non-empty array of linear rings', rings);
  }
  const copy = rings.map((ring: unknown, r) => validateRing(`${field}[${r}]`, ring));
  if (copy.length > 1) {
    const crossing = kinks({ type: 'Polygon', coordinates: copy.map(dropRepeats) }).features[0];
    if (crossing) {
      throw new GeoInputError('GEO_INVALID_POLYGON', field, 'rings must not cross or touch each other', crossing.geometry.coordinates);
    }
    assertHolesAreNested(field, copy);
  }
  return copy;
}

/** Validates one linear ring and returns a `[lng, lat]` copy. */
function validateRing(field: string, ring: unknown): number[][] {
  if (!Array.isArray(ring) || ring.length < 4) {
    throw new GeoInputError('GEO_INVALID_POLYGON', field, 'must be a closed linear ring of at least 4 positions', ring);
  }
  const copy: number[][] = [];
  for (let k = 0; k < ring.length; k++) {
    const pos: unknown = ring[k];
    assertLngLat(`${field}[${k}]`, pos);
    const prev = copy[k - 1];
    if (prev && Math.abs(pos[0] - prev[0]!) > 180) {
      throw new GeoInputError('GEO_INVALID_POLYGON', `${field}[${k}]`, 'must be within 180° of longitude of the previous position (split zones at the antimeridian)', pos);
    }
    copy.push([pos[0], pos[1]]);
  }
  const first = copy[0]!;
  const last = copy[copy.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) {
    throw new GeoInputError('GEO_INVALID_POLYGON', `${field}[${copy.length - 1}]`, `must equal the first position ${JSON.stringify(first)} (rings are closed)`, last);
  }
  const distinct = dropRepeats(copy);
  if (distinct.length < 4 || new Set(distinct.map((p) => `${p[0]},${p[1]}`)).size < 3) {
    throw new GeoInputError('GEO_INVALID_POLYGON', field, 'must have at least 3 distinct positions', ring);
  }
  const crossing = kinks({ type: 'Polygon', coordinates: [distinct] }).features[0];
  if (crossing) {
    throw new GeoInputError('GEO_INVALID_POLYGON', field, 'must not cross or touch itself', crossing.geometry.coordinates);
  }
  return copy;
}

/** Holes (rings 1..n) must lie inside the outer ring and outside each other. Rings do not cross here. */
function assertHolesAreNested(field: string, rings: PolygonCoords): void {
  const outer = { type: 'Polygon' as const, coordinates: [rings[0]!] };
  for (let h = 1; h < rings.length; h++) {
    const probe = rings[h]![0]!;
    if (!booleanPointInPolygon(probe, outer, { ignoreBoundary: true })) {
      throw new GeoInputError('GEO_INVALID_POLYGON', `${field}[${h}]`, 'must lie inside the outer ring (a hole)', probe);
    }
    for (let o = 1; o < rings.length; o++) {
      if (o !== h && booleanPointInPolygon(probe, { type: 'Polygon', coordinates: [rings[o]!] }, { ignoreBoundary: true })) {
        throw new GeoInputError('GEO_INVALID_POLYGON', `${field}[${h}]`, `must not lie inside another hole (${field}[${o}])`, probe);
      }
    }
  }
}

/** The ring without consecutive repeated positions (kinks would report them as crossings). */
function dropRepeats(ring: number[][]): number[][] {
  return ring.filter((p, k) => k === 0 || p[0] !== ring[k - 1]![0] || p[1] !== ring[k - 1]![1]);
}
