import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { DEFAULT_ZONE_RESOLUTION, ZoneIndex, mulberry32, randomPointInDisc, randomStarZone, type ZoneFeature } from '@o2o/geo';
import { MB, measureRetained, medianMs, opsPerSec, type BenchFigures, type BenchOptions } from './bench-util.js';

const BOGOTA = [-74.08, 4.65] as const;

type TurfGeometry = Parameters<typeof booleanPointInPolygon>[1];

/**
 * Seeded delivery zones around Bogotá: star-shaped, 8-40 vertices, 0.5-4 km from their centre,
 * centres within 10 km of the city centre (so zones overlap, as store zones do), 20 % with a hole.
 */
function bogotaZones(numZones: number): ZoneFeature[] {
  const rng = mulberry32(2024);
  return Array.from({ length: numZones }, (_, i) =>
    randomStarZone(rng, `zone-${i}`, randomPointInDisc(rng, BOGOTA, 10_000), {
      numVertices: 8 + Math.floor(rng() * 33),
      minRadiusM: 500 + rng() * 700,
      maxRadiusM: 1_500 + rng() * 2_500,
      hasHole: rng() < 0.2,
    }),
  );
}

/** Fixed query points within 12 km of the centre (some outside every zone). */
function queryPoints(numQueries: number): Float64Array {
  const rng = mulberry32(99);
  const coords = new Float64Array(numQueries * 2);
  for (let i = 0; i < numQueries; i++) {
    const [lng, lat] = randomPointInDisc(rng, BOGOTA, 12_000);
    coords[2 * i] = lng;
    coords[2 * i + 1] = lat;
  }
  return coords;
}

/**
 * Zone lookups: H3-accelerated ZoneIndex vs a plain turf loop over all zones (and, for honesty,
 * a turf loop with a bbox pre-check), build time and retained memory; in a full run, the
 * lookup rate and size at resolutions 8-10 (how the default resolution was chosen).
 */
export function run(opts: BenchOptions): BenchFigures {
  const numZones = opts.smoke ? 20 : 200;
  const numQueries = opts.smoke ? 200 : 10_000;
  const numTurfQueries = opts.smoke ? 50 : 1_000;
  const zones = bogotaZones(numZones);
  const coords = queryPoints(numQueries);
  const out = new Int32Array(numZones);
  let sink = 0;

  const { value: index, bytes } = measureRetained(() => ZoneIndex.build(zones));
  const buildMs = medianMs(() => ZoneIndex.build(zones), opts.smoke ? 1 : 5);
  const stats = index.stats();

  const lookupAll = (idx: ZoneIndex, n: number) => () => {
    let s = 0;
    for (let i = 0; i < n; i++) s += idx.zonesAtInto(coords[2 * i]!, coords[2 * i + 1]!, out);
    sink += s;
  };
  const h3PerSec = opsPerSec(`ZoneIndex res ${index.resolution} x${numQueries}`, lookupAll(index, numQueries), opts) * numQueries;

  const geometries = zones.map((z) => z.geometry as TurfGeometry);
  const withBbox = zones.map((z) => ({ ...z.geometry, bbox: bboxOf(z) }) as TurfGeometry);
  const turfLoop = (geoms: TurfGeometry[]) => () => {
    let s = 0;
    const p = [0, 0];
    for (let i = 0; i < numTurfQueries; i++) {
      p[0] = coords[2 * i]!;
      p[1] = coords[2 * i + 1]!;
      for (const g of geoms) if (booleanPointInPolygon(p, g)) s++;
    }
    sink += s;
  };
  const turfPerSec = opsPerSec(`turf loop over ${numZones} zones x${numTurfQueries}`, turfLoop(geometries), opts) * numTurfQueries;
  const turfBboxPerSec = opsPerSec(`turf loop with bbox x${numTurfQueries}`, turfLoop(withBbox), opts) * numTurfQueries;
  assertSameAnswers(index, geometries, coords, numTurfQueries);

  const figures: BenchFigures = {
    zones: numZones,
    resolution: index.resolution,
    buildMs: round(buildMs, 1),
    retainedMB: round(bytes / MB, 2),
    cells: stats.numCells,
    boundaryEntryShare: round(stats.numBoundaryEntries / (stats.numBoundaryEntries + stats.numInteriorEntries), 3),
    h3LookupsPerSec: Math.round(h3PerSec),
    turfLookupsPerSec: Math.round(turfPerSec),
    turfBboxLookupsPerSec: Math.round(turfBboxPerSec),
    ratio: round(h3PerSec / turfPerSec, 1),
    ratioVsTurfBbox: round(h3PerSec / turfBboxPerSec, 1),
  };
  console.log(`  H3 lookups are ${figures.ratio}x the plain turf loop (${figures.ratioVsTurfBbox}x with bbox pre-check)`);
  if (!opts.smoke) {
    for (const resolution of [8, 10].filter((r) => r !== DEFAULT_ZONE_RESOLUTION)) {
      const built = measureRetained(() => ZoneIndex.build(zones, { resolution }));
      const perSec = opsPerSec(`ZoneIndex res ${resolution} x${numQueries}`, lookupAll(built.value, numQueries), opts) * numQueries;
      figures[`res${resolution}LookupsPerSec`] = Math.round(perSec);
      figures[`res${resolution}RetainedMB`] = round(built.bytes / MB, 2);
    }
  }
  if (!Number.isFinite(sink)) throw new Error('unreachable: keeps the loops alive');
  return figures;
}

/** The bench is also a check: the index and turf agree on the turf query set. */
function assertSameAnswers(index: ZoneIndex, geometries: TurfGeometry[], coords: Float64Array, n: number): void {
  const out = new Int32Array(geometries.length);
  for (let i = 0; i < n; i++) {
    const p = [coords[2 * i]!, coords[2 * i + 1]!];
    const count = index.zonesAtInto(p[0]!, p[1]!, out);
    const expected = geometries.flatMap((g, z) => (booleanPointInPolygon(p, g) ? [z] : []));
    if (count !== expected.length || expected.some((z, k) => out[k] !== z)) throw new Error(`ZoneIndex disagrees with turf at ${p.join(', ')}`);
  }
}

function bboxOf(zone: ZoneFeature): [number, number, number, number] {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const polys = zone.geometry.type === 'Polygon' ? [zone.geometry.coordinates] : zone.geometry.coordinates;
  for (const [lng, lat] of polys.flat(2)) {
    box[0] = Math.min(box[0], lng!);
    box[1] = Math.min(box[1], lat!);
    box[2] = Math.max(box[2], lng!);
    box[3] = Math.max(box[3], lat!);
  }
  return box;
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}
