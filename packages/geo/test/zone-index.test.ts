import assert from 'node:assert/strict';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { GeoInputError, ZoneIndex, mulberry32, randomStarZone, type ZoneFeature, type ZoneId } from '@o2o/geo';

type Ring = number[][];

/** A closed axis-aligned rectangle ring, counter-clockwise. */
function rect(west: number, south: number, east: number, north: number): Ring {
  return [[west, south], [east, south], [east, north], [west, north], [west, south]];
}

function polygon(id: ZoneId, ...rings: Ring[]): ZoneFeature {
  return { type: 'Feature', id, geometry: { type: 'Polygon', coordinates: rings }, properties: {} };
}

/**
 * Named fixture "porto-8-zones": concave, holed (one hole smaller than a res-9 cell), a
 * MultiPolygon with a part smaller than a cell, a star zone overlapping others, two rectangles
 * sharing an edge and a triangle touching their shared corner, and a sliver thinner than a cell.
 */
function portoZones(): ZoneFeature[] {
  return [
    polygon('concave-c', [[-8.64, 41.14], [-8.6, 41.14], [-8.6, 41.15], [-8.63, 41.15], [-8.63, 41.16], [-8.6, 41.16], [-8.6, 41.17], [-8.64, 41.17], [-8.64, 41.14]]),
    polygon('holes', rect(-8.62, 41.155, -8.58, 41.185), rect(-8.61, 41.165, -8.6, 41.172), rect(-8.5905, 41.1778, -8.59, 41.1782)),
    {
      type: 'Feature',
      id: 42,
      geometry: {
        type: 'MultiPolygon',
        coordinates: [
          [[[-8.57, 41.14], [-8.55, 41.14], [-8.56, 41.16], [-8.57, 41.14]]],
          [[[-8.575, 41.17], [-8.5743, 41.17], [-8.5746, 41.1705], [-8.575, 41.17]]],
          [rect(-8.57, 41.175, -8.55, 41.195), rect(-8.565, 41.18, -8.555, 41.19)],
        ],
      },
    },
    randomStarZone(mulberry32(3), 'overlap-star', [-8.6, 41.16], { numVertices: 30, minRadiusM: 800, maxRadiusM: 2500, hasHole: true }),
    polygon('shared-west', rect(-8.66, 41.175, -8.64, 41.19)),
    polygon('shared-east', rect(-8.64, 41.175, -8.62, 41.19)),
    polygon('shared-corner', [[-8.64, 41.19], [-8.63, 41.2], [-8.65, 41.2], [-8.64, 41.19]]),
    polygon('sliver', [[-8.66, 41.13], [-8.55, 41.195], [-8.5496, 41.1954], [-8.6596, 41.1304], [-8.66, 41.13]]),
  ];
}

/** The reference answer: turf over every zone. */
function turfZonesAt(zones: ZoneFeature[], lng: number, lat: number): ZoneId[] {
  return zones.filter((z) => booleanPointInPolygon([lng, lat], z.geometry as Parameters<typeof booleanPointInPolygon>[1])).map((z) => z.id);
}

/** Every vertex and edge midpoint of every ring: points exactly on boundaries. */
function boundaryPoints(zones: ZoneFeature[]): number[][] {
  const points: number[][] = [];
  for (const z of zones) {
    const polys = z.geometry.type === 'Polygon' ? [z.geometry.coordinates] : z.geometry.coordinates;
    for (const ring of polys.flat()) {
      for (let k = 0; k + 1 < ring.length; k++) {
        const [a, b] = [ring[k]!, ring[k + 1]!];
        points.push([a[0]!, a[1]!], [(a[0]! + b[0]!) / 2, (a[1]! + b[1]!) / 2]);
      }
    }
  }
  return points;
}

function assertSameAsTurf(index: ZoneIndex, zones: ZoneFeature[], points: Iterable<number[]>): { numInside: number; numOverlap: number } {
  let numInside = 0;
  let numOverlap = 0;
  for (const [lng, lat] of points) {
    const expected = turfZonesAt(zones, lng!, lat!);
    const actual = index.zonesAt(lng!, lat!);
    if (actual.length !== expected.length || actual.some((id, i) => id !== expected[i])) {
      assert.fail(`zonesAt(${lng}, ${lat}) = ${JSON.stringify(actual)}, turf says ${JSON.stringify(expected)}`);
    }
    if (expected.length > 0) numInside++;
    if (expected.length > 1) numOverlap++;
  }
  return { numInside, numOverlap };
}

function* randomPoints(seed: number, count: number): Generator<number[]> {
  const rng = mulberry32(seed);
  for (let i = 0; i < count; i++) yield [-8.67 + rng() * 0.13, 41.125 + rng() * 0.08];
}

function assertGeoInputError(fn: () => unknown, code: string, fieldPart: string): GeoInputError {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof GeoInputError, `expected a GeoInputError, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  assert.ok(caught.message.includes(fieldPart), `"${caught.message}" should name ${fieldPart}`);
  return caught;
}

describe('ZoneIndex', () => {
  const zones = portoZones();
  const index = ZoneIndex.build(zones);

  describe('zonesAt', () => {
    it('gives the same zones as a turf loop over all zones for 100,000 seeded random points', () => {
      const { numInside, numOverlap } = assertSameAsTurf(index, zones, randomPoints(1, 100_000));
      assert.ok(numInside > 30_000 && numOverlap > 5_000, `fixture too easy: ${numInside} inside, ${numOverlap} overlapping`);
    });

    it('gives the same zones as turf on every vertex and edge midpoint, including shared edges', () => {
      assertSameAsTurf(index, zones, boundaryPoints(zones));
      assert.deepEqual(index.zonesAt(-8.64, 41.18), ['shared-west', 'shared-east']);
      assert.deepEqual(index.zonesAt(-8.64, 41.19), ['shared-west', 'shared-east', 'shared-corner']);
    });

    it('finds a MultiPolygon part and a hole smaller than one cell', () => {
      assert.deepEqual(index.zonesAt(-8.57465, 41.1702), [42]);
      assert.ok(!index.zonesAt(-8.59025, 41.178).includes('holes'), 'inside the 40 m hole');
      assert.ok(index.zonesAt(-8.5895, 41.178).includes('holes'), 'next to the 40 m hole');
    });

    it('matches turf at coarse and fine resolutions too', () => {
      for (const resolution of [6, 8, 11]) {
        assertSameAsTurf(ZoneIndex.build(zones, { resolution }), zones, randomPoints(resolution, 10_000));
      }
    });

    it('answers most cells without a polygon test when cells are small against the zones', () => {
      const stats = ZoneIndex.build(zones, { resolution: 10 }).stats();
      assert.ok(stats.numInteriorEntries > stats.numBoundaryEntries, JSON.stringify(stats));
    });

    it('returns no zone far away, at the poles and on the antimeridian', () => {
      for (const [lng, lat] of [[0, 0], [180, 0], [-180, 0], [10, 90], [-10, -90], [180, 90]] as const) {
        assert.deepEqual(index.zonesAt(lng, lat), []);
      }
    });

    it('matches turf for zones touching the antimeridian or close to a pole', () => {
      const edge = [polygon('fiji', rect(179.9, -17, 180, -16.9)), polygon('west', rect(-180, -17, -179.9, -16.9))];
      assertSameAsTurf(ZoneIndex.build(edge), edge, [[180, -16.95], [-180, -16.95], [179.95, -16.95], [-179.95, -16.95], [180, -17]]);
      const arctic = [polygon('arctic', rect(-10, 89.5, 10, 89.99))];
      const rng = mulberry32(4);
      const points = Array.from({ length: 2_000 }, () => [-20 + rng() * 40, 89.4 + rng() * 0.6]);
      assertSameAsTurf(ZoneIndex.build(arctic, { resolution: 7 }), arctic, [...points, [0, 90], [180, 90]]);
    });
  });

  describe('zonesAtInto', () => {
    it('writes dense indices in zone order and returns the full count when out is short', () => {
      const all = new Int32Array(index.numZones);
      assert.equal(index.zonesAtInto(-8.64, 41.19, all), 3);
      assert.deepEqual([...all.subarray(0, 3)], [4, 5, 6]);
      const one = new Int32Array(1);
      assert.equal(index.zonesAtInto(-8.64, 41.19, one), 3);
      assert.equal(one[0], 4);
      assert.equal(index.zoneId(6), 'shared-corner');
      assert.equal(index.zoneIdxOf(42), 2);
      assert.equal(index.zoneIdxOf('missing'), -1);
    });

    it('throws GEO_INVALID_COORDINATE for a non-finite or out-of-range point', () => {
      assertGeoInputError(() => index.zonesAt(Number.NaN, 41), 'GEO_INVALID_COORDINATE', 'lng');
      assertGeoInputError(() => index.zonesAt(-8, 91), 'GEO_INVALID_COORDINATE', 'lat');
    });
  });

  describe('build', () => {
    it('accepts no zones', () => {
      assert.deepEqual(ZoneIndex.build([]).zonesAt(-8.6, 41.15), []);
    });

    it('throws GEO_INVALID_POLYGON for empty polygons and MultiPolygons', () => {
      assertGeoInputError(() => ZoneIndex.build([polygon('a')]), 'GEO_INVALID_POLYGON', 'zones[0].geometry.coordinates');
      const emptyMulti = { type: 'Feature', id: 'm', geometry: { type: 'MultiPolygon', coordinates: [] } };
      assertGeoInputError(() => ZoneIndex.build([emptyMulti] as unknown as ZoneFeature[]), 'GEO_INVALID_POLYGON', 'zones[0].geometry.coordinates');
    });

    it('throws GEO_INVALID_POLYGON for a ring of fewer than 4 positions or not closed', () => {
      assertGeoInputError(() => ZoneIndex.build([polygon('a', [[0, 0], [1, 0], [0, 0]])]), 'GEO_INVALID_POLYGON', 'zones[0].geometry.coordinates[0]');
      const open = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0.5]];
      const err = assertGeoInputError(() => ZoneIndex.build([polygon('a', open)]), 'GEO_INVALID_POLYGON', 'zones[0].geometry.coordinates[0][4]');
      assert.match(err.message, /got \[0, 0\.5\]/);
    });

    it('throws GEO_INVALID_COORDINATE naming the position and the value', () => {
      const ring = rect(0, 0, 1, 1);
      ring.splice(4, 0, [Number.NaN, 0.5]);
      const bad = [...portoZones().slice(0, 2), polygon('bad', ring)];
      const err = assertGeoInputError(() => ZoneIndex.build(bad), 'GEO_INVALID_COORDINATE', 'zones[2].geometry.coordinates[0][4]');
      assert.match(err.message, /got NaN/);
      assertGeoInputError(() => ZoneIndex.build([polygon('a', rect(0, 89.5, 1, 91))]), 'GEO_INVALID_COORDINATE', 'zones[0].geometry.coordinates[0][2][1] (lat)');
    });

    it('throws GEO_INVALID_POLYGON for self-crossing rings and crossing or misplaced holes', () => {
      const bowtie = [[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]];
      assertGeoInputError(() => ZoneIndex.build([polygon('bow', bowtie)]), 'GEO_INVALID_POLYGON', 'zones[0].geometry.coordinates[0] must not cross');
      const crossingHole = polygon('h', rect(0, 0, 1, 1), rect(0.5, 0.5, 1.5, 0.8));
      assertGeoInputError(() => ZoneIndex.build([crossingHole]), 'GEO_INVALID_POLYGON', 'rings must not cross');
      const outsideHole = polygon('h', rect(0, 0, 1, 1), rect(2, 2, 3, 3));
      assertGeoInputError(() => ZoneIndex.build([outsideHole]), 'GEO_INVALID_POLYGON', 'zones[0].geometry.coordinates[1] must lie inside the outer ring');
      const nestedHoles = polygon('h', rect(0, 0, 1, 1), rect(0.1, 0.1, 0.9, 0.9), rect(0.2, 0.2, 0.3, 0.3));
      assertGeoInputError(() => ZoneIndex.build([nestedHoles]), 'GEO_INVALID_POLYGON', 'must not lie inside another hole');
    });

    it('throws GEO_INVALID_POLYGON for edges across the antimeridian, other geometries and degenerate rings', () => {
      assertGeoInputError(() => ZoneIndex.build([polygon('am', rect(170, 0, -170, 1))]), 'GEO_INVALID_POLYGON', 'antimeridian');
      const point = { type: 'Feature', id: 'p', geometry: { type: 'Point', coordinates: [0, 0] } };
      assertGeoInputError(() => ZoneIndex.build([point] as unknown as ZoneFeature[]), 'GEO_INVALID_POLYGON', 'zones[0].geometry.type');
      assertGeoInputError(() => ZoneIndex.build([polygon('flat', [[0, 0], [1, 0], [1, 0], [0, 0]])]), 'GEO_INVALID_POLYGON', '3 distinct');
    });

    it('throws GEO_INVALID_ARGUMENT for a missing or duplicate id and a non-array input', () => {
      assertGeoInputError(() => ZoneIndex.build([{ type: 'Feature', geometry: { type: 'Polygon', coordinates: [rect(0, 0, 1, 1)] } }] as unknown as ZoneFeature[]), 'GEO_INVALID_ARGUMENT', 'zones[0].id');
      assertGeoInputError(() => ZoneIndex.build([polygon('a', rect(0, 0, 1, 1)), polygon('a', rect(2, 2, 3, 3))]), 'GEO_INVALID_ARGUMENT', 'zones[1].id');
      assertGeoInputError(() => ZoneIndex.build({} as unknown as ZoneFeature[]), 'GEO_INVALID_ARGUMENT', 'zones');
    });

    it('throws GEO_INVALID_RESOLUTION for a bad or too fine resolution', () => {
      for (const resolution of [-1, 16, 2.5, Number.NaN, '9']) {
        assertGeoInputError(() => ZoneIndex.build(zones, { resolution: resolution as number }), 'GEO_INVALID_RESOLUTION', 'options.resolution');
      }
      const country = [polygon('pt', rect(-9.5, 37, -6.2, 42))];
      assertGeoInputError(() => ZoneIndex.build(country, { resolution: 12 }), 'GEO_INVALID_RESOLUTION', 'too fine');
    });
  });
});
