/**
 * The straight-line matrix kernel: packed coordinates in, integer seconds and metres out.
 * Validation happens in {@link packPoints}; the loop itself never throws and never allocates.
 */
import { equirectangularDistanceCosM } from '../distance.js';
import { GeoInputError } from '../errors.js';
import type { LngLat } from '../types.js';
import { assertLngLat } from '../validate.js';
import { secInPiece, type DeparturePlan, type PlanPieces } from './departure-plan.js';
import { UNREACHABLE } from './travel-provider.js';

const RAD = Math.PI / 180;

/** Travel times from this many seconds on (about 68 years) are reported as UNREACHABLE. */
export const MAX_DURATION_SEC = 2_147_483_647;

/** Validated points as structure of arrays, with each latitude's cosine computed once. */
export interface PackedPoints {
  readonly numPoints: number;
  readonly lng: Float64Array;
  readonly lat: Float64Array;
  readonly cosLat: Float64Array;
}

/**
 * Validates `points` (each with `assertLngLat`, named `${field}[i]`) and packs them.
 * Throws GEO_INVALID_ARGUMENT when `points` is not an array, GEO_INVALID_COORDINATE for a bad point.
 */
export function packPoints(field: string, points: readonly LngLat[]): PackedPoints {
  if (!Array.isArray(points)) {
    throw new GeoInputError('GEO_INVALID_ARGUMENT', field, 'must be an array of [lng, lat] points', points);
  }
  const numPoints = points.length;
  const lng = new Float64Array(numPoints);
  const lat = new Float64Array(numPoints);
  const cosLat = new Float64Array(numPoints);
  for (let i = 0; i < numPoints; i++) {
    const p: unknown = points[i];
    assertLngLat(`${field}[${i}]`, p);
    lng[i] = p[0];
    lat[i] = p[1];
    cosLat[i] = cosOfLatDeg(p[1]);
  }
  return { numPoints, lng, lat, cosLat };
}

/** Cosine of a latitude in degrees, computed the same way for matrices and single trips. */
export function cosOfLatDeg(latDeg: number): number {
  return Math.cos(latDeg * RAD);
}

/**
 * Rounds a non-negative value below 2^31 − 0.5 to the nearest integer, halves up. `(x + 0.5) | 0`
 * instead of `Math.round`, which V8 does not inline on every CPU (3–5× slower matrices).
 */
export function roundToInt(x: number): number {
  return (x + 0.5) | 0;
}

/** Rounds a travel time to integer seconds, or UNREACHABLE when it does not fit an Int32. */
export function roundDurationSec(travelTimeSec: number): number {
  return travelTimeSec < MAX_DURATION_SEC ? roundToInt(travelTimeSec) : UNREACHABLE;
}

/**
 * Fills row-major `durationSec` and `distanceM` (length ≥ sources × targets): route distance =
 * equirectangular distance × `detourFactor`, rounded to metres; travel time = `plan` inverted at
 * the unrounded route distance, rounded to seconds. Identical, cell for cell, to
 * `plan.travelTimeSec`: the piece lookup is inlined (a short forward scan, trips span few hours)
 * over pieces built beforehand up to a bound on every route distance of the matrix.
 */
export function fillStraightLineMatrix(
  sources: PackedPoints,
  targets: PackedPoints,
  detourFactor: number,
  plan: DeparturePlan,
  durationSec: Int32Array,
  distanceM: Int32Array,
): void {
  const boundM = routeDistanceBoundM(sources, targets, detourFactor);
  plan.extendTo(boundM);
  const pieces = plan.pieces();
  const { startSec, startDistM, speedMps, accelMps2 } = pieces;
  const lastIdx = pieces.numPieces - 1;
  const index = buildPieceIndex(pieces, Math.min(boundM, pieces.coveredDistM));
  const { pieceIdxAt, indexedDistM, bucketsPerM } = index;
  const numTargets = targets.numPoints;
  const { lng: tLng, lat: tLat, cosLat: tCos } = targets;
  for (let i = 0; i < sources.numPoints; i++) {
    const lng = sources.lng[i]!;
    const lat = sources.lat[i]!;
    const cosLat = sources.cosLat[i]!;
    const row = i * numTargets;
    for (let j = 0; j < numTargets; j++) {
      const routeM = equirectangularDistanceCosM(lng, lat, cosLat, tLng[j]!, tLat[j]!, tCos[j]!) * detourFactor;
      let sec: number;
      if (routeM <= indexedDistM) {
        // The bucket gives the piece at its start; a piece boundary inside the bucket is rare.
        let k = pieceIdxAt[(routeM * bucketsPerM) | 0]!;
        while (k < lastIdx && startDistM[k + 1]! <= routeM) k++;
        sec = secInPiece(startSec[k]!, speedMps[k]!, accelMps2[k]!, routeM - startDistM[k]!);
      } else {
        sec = plan.travelTimeSec(routeM); // past the bound (float slack) or over a week
      }
      // Route distances stay below 2^31 m (antipodes × detour ≤ 5), so they always fit.
      distanceM[row + j] = roundToInt(routeM);
      durationSec[row + j] = sec < MAX_DURATION_SEC ? roundToInt(sec) : UNREACHABLE;
    }
  }
}

const MAX_BUCKETS = 4096;

/** Distance buckets over [0, indexedDistM], each holding the last piece starting at or before it. */
interface PieceIndex {
  readonly pieceIdxAt: Int32Array;
  readonly indexedDistM: number;
  readonly bucketsPerM: number;
}

/** Indexes pieces by distance so the kernel finds a cell's piece without scanning from the first. */
function buildPieceIndex(pieces: PlanPieces, indexedDistM: number): PieceIndex {
  const numBuckets = pieces.numPieces > 1 && indexedDistM > 0 ? MAX_BUCKETS : 1;
  const bucketsPerM = indexedDistM > 0 ? (numBuckets - 1) / indexedDistM : 0;
  const pieceIdxAt = new Int32Array(numBuckets + 1);
  let k = 0;
  for (let b = 1; b <= numBuckets; b++) {
    // Slightly below the bucket's lower edge: float rounding of `routeM * bucketsPerM` must never
    // put a distance in a bucket whose piece starts after it.
    const bucketStartM = (b / bucketsPerM) * (1 - 1e-9);
    while (k < pieces.numPieces - 1 && pieces.startDistM[k + 1]! <= bucketStartM) k++;
    pieceIdxAt[b] = k;
  }
  return { pieceIdxAt, indexedDistM, bucketsPerM };
}

/**
 * An upper bound on every route distance of the matrix, from the bounding box of all points
 * (a little above the largest equirectangular distance).
 */
function routeDistanceBoundM(sources: PackedPoints, targets: PackedPoints, detourFactor: number): number {
  let minLng = Infinity;
  let maxLng = -Infinity;
  let minLat = Infinity;
  let maxLat = -Infinity;
  let maxCos = 0;
  for (const pts of [sources, targets]) {
    for (let i = 0; i < pts.numPoints; i++) {
      minLng = Math.min(minLng, pts.lng[i]!);
      maxLng = Math.max(maxLng, pts.lng[i]!);
      minLat = Math.min(minLat, pts.lat[i]!);
      maxLat = Math.max(maxLat, pts.lat[i]!);
      maxCos = Math.max(maxCos, pts.cosLat[i]!);
    }
  }
  if (minLng > maxLng) return 0;
  const dLngDeg = Math.min(maxLng - minLng, 180);
  const boundM = equirectangularDistanceCosM(0, 0, maxCos, dLngDeg, maxLat - minLat, maxCos) * detourFactor;
  return boundM * (1 + 1e-9);
}
