import { equirectangularDistanceM, haversineDistanceM, mulberry32 } from '@o2o/geo';
import { opsPerSec, type BenchFigures, type BenchOptions } from './bench-util.js';

/** Haversine vs equirectangular on the same seeded city-scale pairs (Bogotá, ≤ 50 km). */
export function run(opts: BenchOptions): BenchFigures {
  const n = 4096;
  const rng = mulberry32(42);
  const coords = new Float64Array(n * 4);
  for (let i = 0; i < n * 4; i += 4) {
    coords[i] = -74.08 + (rng() - 0.5) * 0.4;
    coords[i + 1] = 4.6 + (rng() - 0.5) * 0.4;
    coords[i + 2] = -74.08 + (rng() - 0.5) * 0.4;
    coords[i + 3] = 4.6 + (rng() - 0.5) * 0.4;
  }
  let sink = 0;
  // One loop per function (no shared call site), so neither is measured through a polymorphic call.
  const haversineLoop = () => {
    let s = 0;
    for (let i = 0; i < n * 4; i += 4) s += haversineDistanceM(coords[i]!, coords[i + 1]!, coords[i + 2]!, coords[i + 3]!);
    sink += s;
  };
  const equirectLoop = () => {
    let s = 0;
    for (let i = 0; i < n * 4; i += 4) s += equirectangularDistanceM(coords[i]!, coords[i + 1]!, coords[i + 2]!, coords[i + 3]!);
    sink += s;
  };
  const haversinePerSec = opsPerSec(`haversine x${n}`, haversineLoop, opts) * n;
  const equirectPerSec = opsPerSec(`equirectangular x${n}`, equirectLoop, opts) * n;
  if (!Number.isFinite(sink)) throw new Error('unreachable: keeps the loops alive');
  const ratio = equirectPerSec / haversinePerSec;
  console.log(`  equirectangular is ${ratio.toFixed(2)}x haversine`);
  return {
    haversinePerSec: Math.round(haversinePerSec),
    equirectangularPerSec: Math.round(equirectPerSec),
    equirectangularVsHaversine: Number(ratio.toFixed(2)),
  };
}
