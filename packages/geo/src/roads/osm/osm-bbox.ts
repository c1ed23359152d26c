import { GeoInputError } from '../../errors.js';
import { assertLat, assertLng } from '../../validate.js';

/** A bounding box `[minLng, minLat, maxLng, maxLat]` in degrees (not crossing the antimeridian). */
export type OsmBbox = readonly [minLng: number, minLat: number, maxLng: number, maxLat: number];

/** Throws `GeoInputError` unless `bbox` is a valid {@link OsmBbox}, naming `field[i]`. */
export function assertOsmBbox(field: string, bbox: unknown): asserts bbox is OsmBbox {
  if (!Array.isArray(bbox) || bbox.length !== 4) {
    throw new GeoInputError('GEO_INVALID_ARGUMENT', field, 'must be [minLng, minLat, maxLng, maxLat]', bbox);
  }
  assertLng(`${field}[0] (minLng)`, bbox[0]);
  assertLat(`${field}[1] (minLat)`, bbox[1]);
  assertLng(`${field}[2] (maxLng)`, bbox[2]);
  assertLat(`${field}[3] (maxLat)`, bbox[3]);
  if (bbox[2] < bbox[0]) throw new GeoInputError('GEO_INVALID_ARGUMENT', `${field}[2] (maxLng)`, `must be ≥ minLng (${bbox[0]}); boxes across the antimeridian are not supported`, bbox[2]);
  if (bbox[3] < bbox[1]) throw new GeoInputError('GEO_INVALID_ARGUMENT', `${field}[3] (maxLat)`, `must be ≥ minLat (${bbox[1]})`, bbox[3]);
}
