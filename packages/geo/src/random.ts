import type { LngLat } from './types.js';

/** A seeded pseudo-random generator returning floats in [0, 1). */
export type Rng = () => number;

/**
 * Mulberry32: a tiny, fast, seeded 32-bit PRNG. Same seed, same sequence, on every platform:
 * benches, tests and the synthetic city are reproducible with it.
 */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [min, max] (both included). */
export function randomInt(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

const M_PER_DEG_LAT = 111_320;

/**
 * A point uniformly distributed over a disc of `radiusM` metres around `center` (flat-earth
 * approximation, fine for city-sized discs).
 */
export function randomPointInDisc(rng: Rng, center: LngLat, radiusM: number): [number, number] {
  const r = radiusM * Math.sqrt(rng());
  const theta = rng() * 2 * Math.PI;
  const dLat = (r * Math.cos(theta)) / M_PER_DEG_LAT;
  const dLng = (r * Math.sin(theta)) / (M_PER_DEG_LAT * Math.cos((center[1] * Math.PI) / 180));
  return [center[0] + dLng, center[1] + dLat];
}
