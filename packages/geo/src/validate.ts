import { GeoInputError } from './errors.js';
import type { LngLat } from './types.js';

/** Throws unless `lng` is a finite number in [-180, 180]. */
export function assertLng(field: string, lng: unknown): asserts lng is number {
  if (typeof lng !== 'number' || !Number.isFinite(lng) || lng < -180 || lng > 180) {
    throw new GeoInputError('GEO_INVALID_COORDINATE', field, 'must be a finite longitude in [-180, 180]', lng);
  }
}

/** Throws unless `lat` is a finite number in [-90, 90]. */
export function assertLat(field: string, lat: unknown): asserts lat is number {
  if (typeof lat !== 'number' || !Number.isFinite(lat) || lat < -90 || lat > 90) {
    throw new GeoInputError('GEO_INVALID_COORDINATE', field, 'must be a finite latitude in [-90, 90]', lat);
  }
}

/** Throws unless `p` is a `[lng, lat]` pair of valid coordinates. `field` names it in the error. */
export function assertLngLat(field: string, p: unknown): asserts p is LngLat {
  if (!Array.isArray(p) || p.length < 2) {
    throw new GeoInputError('GEO_INVALID_COORDINATE', field, 'must be a [lng, lat] array', p);
  }
  assertLng(`${field}[0] (lng)`, p[0]);
  assertLat(`${field}[1] (lat)`, p[1]);
}

/** Throws unless `value` is a finite number within [min, max]. */
export function assertNumberInRange(field: string, value: unknown, min: number, max: number): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new GeoInputError('GEO_INVALID_ARGUMENT', field, `must be a finite number in [${min}, ${max}]`, value);
  }
}

/** Throws unless `value` is an integer within [min, max]. */
export function assertIntegerInRange(field: string, value: unknown, min: number, max: number): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new GeoInputError('GEO_INVALID_ARGUMENT', field, `must be an integer in [${min}, ${max}]`, value);
  }
}
