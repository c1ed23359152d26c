/**
 * The haversine "key" `h = sin²(Δφ/2) + cos φ1 · cos φ2 · sin²(Δλ/2)`: monotone in great-circle
 * distance, so nearest-neighbour searches compare keys and convert only the k winners to metres
 * (no `asin`/`sqrt` per candidate). The formula is evaluated exactly as `haversineDistanceM` does,
 * so `distanceMFromKey(haversineKey(...))` is bit-identical to `haversineDistanceM(...)`.
 */
import { EARTH_RADIUS_M } from '../distance.js';

const RAD = Math.PI / 180;

/** Cosine of a latitude given in degrees (the form {@link haversineKey} expects). */
export function cosLatOf(latDeg: number): number {
  return Math.cos(latDeg * RAD);
}

/**
 * Haversine key between point 1 and point 2 (degrees), with `cosLat1 = cosLatOf(lat1)` and
 * `cosLat2 = cosLatOf(lat2)` precomputed by the caller.
 */
export function haversineKey(lng1: number, lat1: number, cosLat1: number, lng2: number, lat2: number, cosLat2: number): number {
  const s1 = Math.sin(((lat2 - lat1) * RAD) / 2);
  const s2 = Math.sin(((lng2 - lng1) * RAD) / 2);
  return s1 * s1 + cosLat1 * cosLat2 * s2 * s2;
}

/** Great-circle distance in metres of a haversine key. */
export function distanceMFromKey(key: number): number {
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(key)));
}

/** Haversine key of a distance in metres: the largest key a point within `distanceM` can have. */
export function keyFromDistanceM(distanceM: number): number {
  if (distanceM >= Math.PI * EARTH_RADIUS_M) return Infinity;
  const s = Math.sin(distanceM / (2 * EARTH_RADIUS_M));
  return s * s;
}
