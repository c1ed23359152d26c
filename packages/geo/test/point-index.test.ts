import assert from 'node:assert/strict';
import {
  GeoInputError,
  PointIndex,
  haversineDistanceM,
  mulberry32,
  randomPointInDisc,
  type LngLat,
  type Rng,
} from '@o2o/geo';

const CITY: LngLat = [116.4, 39.9];

/** k nearest by brute force: sorted by (distance, index), within maxDistanceM, filter applied. */
function bruteNearest(
  points: readonly LngLat[],
  lng: number,
  lat: number,
  k: number,
  maxDistanceM = Infinity,
  filter?: (idx: number) => boolean,
): number[] {
  const hits: Array<{ idx: number; d: number }> = [];
  points.forEach((p, idx) => {
    const d = haversineDistanceM(lng, lat, p[0], p[1]);
    if (d <= maxDistanceM && (!filter || filter(idx))) hits.push({ idx, d });
  });
  hits.sort((a, b) => a.d - b.d || a.idx - b.idx);
  return hits.slice(0, k).map((h) => h.idx);
}

function cityPoints(rng: Rng, n: number, radiusM = 15_000): LngLat[] {
  return Array.from({ length: n }, () => randomPointInDisc(rng, CITY, radiusM));
}

function assertGeoInputError(fn: () => unknown, code: string, field: string): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof GeoInputError, `expected GeoInputError, got ${String(err)}`);
    assert.equal(err.code, code);
    assert.equal(err.field, field);
    return true;
  });
}

describe('PointIndex', () => {
  describe('nearest', () => {
    const rng = mulberry32(11);
    const points = cityPoints(rng, 2_000);
    const index = PointIndex.from(points);
    const queries = cityPoints(rng, 200, 18_000);

    it('returns the k nearest within the radius as brute force does, on 2,000 seeded points', () => {
      for (const [i, q] of queries.entries()) {
        const k = [1, 5, 10, 37][i % 4]!;
        const maxDistanceM = [300, 3_000, Infinity][i % 3]!;
        assert.deepEqual(index.nearest(q[0], q[1], k, maxDistanceM), bruteNearest(points, q[0], q[1], k, maxDistanceM), `query ${i}`);
      }
    });

    it('returns only points accepted by the filter, still the k nearest of them', () => {
      const isEven = (idx: number) => idx % 2 === 0;
      const isRare = (idx: number) => idx % 97 === 0;
      for (const q of queries.slice(0, 60)) {
        assert.deepEqual(index.nearest(q[0], q[1], 10, 3_000, isEven), bruteNearest(points, q[0], q[1], 10, 3_000, isEven));
        assert.deepEqual(index.nearest(q[0], q[1], 5, Infinity, isRare), bruteNearest(points, q[0], q[1], 5, Infinity, isRare));
      }
    });

    it('returns nothing when the filter rejects everything', () => {
      assert.deepEqual(index.nearest(CITY[0], CITY[1], 10, Infinity, () => false), []);
    });

    it('returns every point within the radius, nearest first, when k exceeds their number', () => {
      const q = queries[0]!;
      const got = index.nearest(q[0], q[1], 5_000, 2_000);
      assert.deepEqual(got, bruteNearest(points, q[0], q[1], 5_000, 2_000));
      assert.ok(got.length > 0 && got.length < 5_000);
      assert.equal(index.nearest(q[0], q[1], 5_000).length, points.length);
      assert.equal(index.nearest(q[0], q[1], 2 ** 31 - 1).length, points.length); // k is capped by the size

    });

    it('returns nothing for k = 0', () => {
      assert.deepEqual(index.nearest(CITY[0], CITY[1], 0), []);
    });

    it('returns only coincident points, by index, for radius 0', () => {
      const withDuplicates: LngLat[] = [...points, points[7]!, points[3]!, points[7]!];
      const dupIndex = PointIndex.from(withDuplicates);
      const [lng, lat] = points[7]!;
      assert.deepEqual(dupIndex.nearest(lng, lat, 10, 0), [7, 2_000, 2_002]);
      assert.deepEqual(dupIndex.nearest(lng, lat, 2, 0), [7, 2_000]);
    });

    it('stays exact for large k, ties broken by the smaller index', () => {
      const copies: LngLat[] = [...points, ...points.slice(0, 300)]; // 300 coincident pairs
      const big = PointIndex.from(copies);
      for (const q of queries.slice(0, 5)) {
        for (const k of [33, 250, 1_500]) {
          assert.deepEqual(big.nearest(q[0], q[1], k, 6_000), bruteNearest(copies, q[0], q[1], k, 6_000), `k=${k}`);
        }
      }
      const [lng, lat] = points[5]!;
      assert.deepEqual(big.nearest(lng, lat, 40, 0), [5, 2_005]);
    });

    it('returns nothing from an empty index', () => {
      const empty = PointIndex.from([]);
      assert.equal(empty.numPoints, 0);
      assert.deepEqual(empty.nearest(CITY[0], CITY[1], 10), []);
      assert.deepEqual(empty.nearestWithDistances(CITY[0], CITY[1], 10, 3_000), []);
    });
  });

  describe('nearestWithDistances and nearestInto', () => {
    const rng = mulberry32(12);
    const points = cityPoints(rng, 1_000);
    const index = PointIndex.from(points);

    it('gives distances equal to haversineDistanceM', () => {
      const [lng, lat] = randomPointInDisc(rng, CITY, 10_000);
      const got = index.nearestWithDistances(lng, lat, 10, 5_000);
      assert.equal(got.length, 10);
      for (const { idx, distanceM } of got) {
        assert.equal(distanceM, haversineDistanceM(lng, lat, points[idx]![0], points[idx]![1]));
      }
      assert.deepEqual(got.map((n) => n.idx), index.nearest(lng, lat, 10, 5_000));
    });

    it('writes results into caller-owned arrays and returns their count', () => {
      const outIdx = new Int32Array(16).fill(-1);
      const outDistanceM = new Float64Array(16);
      const [lng, lat] = randomPointInDisc(rng, CITY, 10_000);
      const n = index.nearestInto(lng, lat, 12, Infinity, outIdx, outDistanceM);
      assert.equal(n, 12);
      const expected = index.nearestWithDistances(lng, lat, 12);
      assert.deepEqual(Array.from(outIdx.subarray(0, n)), expected.map((e) => e.idx));
      assert.deepEqual(Array.from(outDistanceM.subarray(0, n)), expected.map((e) => e.distanceM));
      assert.equal(outIdx[12], -1);
    });

    it('throws when the output array is shorter than k', () => {
      assertGeoInputError(() => index.nearestInto(CITY[0], CITY[1], 10, 100, new Int32Array(5)), 'GEO_INVALID_ARGUMENT', 'outIdx');
    });
  });

  describe('on the whole sphere', () => {
    it('finds neighbours across the antimeridian and around a pole as brute force does', () => {
      const rng = mulberry32(13);
      const points: LngLat[] = [];
      for (let i = 0; i < 600; i++) points.push([rng() < 0.5 ? 179.9 + rng() * 0.1 : -180 + rng() * 0.1, -16 - rng() * 2]);
      for (let i = 0; i < 300; i++) points.push([rng() * 360 - 180, 89 + rng()]);
      for (let i = 0; i < 300; i++) points.push([rng() * 360 - 180, rng() * 180 - 90]);
      const index = PointIndex.from(points);
      const queries: LngLat[] = [[180, -17], [-180, -16.5], [179.95, -17.2], [0, 90], [45, 89.5], [-120, -89.9], [10, 0]];
      for (const [lng, lat] of queries) {
        for (const maxDistanceM of [5_000, 200_000, Infinity]) {
          assert.deepEqual(index.nearest(lng, lat, 15, maxDistanceM), bruteNearest(points, lng, lat, 15, maxDistanceM), `${lng},${lat} r=${maxDistanceM}`);
        }
      }
    });
  });

  describe('fromArrays', () => {
    it('indexes parallel Float64Arrays like from() indexes pairs', () => {
      const rng = mulberry32(14);
      const points = cityPoints(rng, 500);
      const lngs = Float64Array.from(points, (p) => p[0]);
      const lats = Float64Array.from(points, (p) => p[1]);
      const a = PointIndex.from(points);
      const b = PointIndex.fromArrays(lngs, lats);
      assert.equal(b.numPoints, 500);
      assert.deepEqual(b.nearest(CITY[0], CITY[1], 20, 4_000), a.nearest(CITY[0], CITY[1], 20, 4_000));
    });
  });

  describe('input validation', () => {
    const index = PointIndex.from([[1, 2], [3, 4]]);

    it('throws GEO_INVALID_COORDINATE naming the point and axis for a bad latitude', () => {
      const points: LngLat[] = [[0, 0], [1, 1], [2, 2], [3, 91]];
      assertGeoInputError(() => PointIndex.from(points), 'GEO_INVALID_COORDINATE', 'points[3][1] (lat)');
      assert.throws(() => PointIndex.from(points), /points\[3\]\[1\] \(lat\) must be a finite latitude in \[-90, 90\], got 91/);
    });

    it('throws GEO_INVALID_COORDINATE for a point that is not a pair, or NaN longitude', () => {
      assertGeoInputError(() => PointIndex.from([[0, 0], 5 as unknown as LngLat]), 'GEO_INVALID_COORDINATE', 'points[1]');
      assertGeoInputError(() => PointIndex.from([[Number.NaN, 0]]), 'GEO_INVALID_COORDINATE', 'points[0][0] (lng)');
    });

    it('throws for mismatched or invalid parallel arrays', () => {
      assertGeoInputError(() => PointIndex.fromArrays([1, 2], [3]), 'GEO_INVALID_ARGUMENT', 'lats.length');
      assertGeoInputError(() => PointIndex.fromArrays([1, 200], [3, 4]), 'GEO_INVALID_COORDINATE', 'lngs[1]');
      assertGeoInputError(() => PointIndex.fromArrays([1, 2], [3, -90.5]), 'GEO_INVALID_COORDINATE', 'lats[1]');
    });

    it('throws for an invalid nodeSize, query point, k or maximum distance', () => {
      assertGeoInputError(() => PointIndex.from([], { nodeSize: 1 }), 'GEO_INVALID_ARGUMENT', 'options.nodeSize');
      assertGeoInputError(() => index.nearest(0, Number.NaN, 3), 'GEO_INVALID_COORDINATE', 'lat');
      assertGeoInputError(() => index.nearest(181, 0, 3), 'GEO_INVALID_COORDINATE', 'lng');
      assertGeoInputError(() => index.nearest(0, 0, -1), 'GEO_INVALID_ARGUMENT', 'k');
      assertGeoInputError(() => index.nearest(0, 0, 1.5), 'GEO_INVALID_ARGUMENT', 'k');
      assertGeoInputError(() => index.nearest(0, 0, 3, -1), 'GEO_INVALID_ARGUMENT', 'maxDistanceM');
      assertGeoInputError(() => index.nearest(0, 0, 3, Number.NaN), 'GEO_INVALID_ARGUMENT', 'maxDistanceM');
    });
  });
});
