import assert from 'node:assert/strict';
import {
  GeoInputError,
  GridBucketIndex,
  KdbushRebuildIndex,
  MovingPointIndex,
  haversineDistanceM,
  mulberry32,
  randomPointInDisc,
  type LngLat,
  type MovingIndex,
  type Rng,
} from '@o2o/geo';

const CITY: LngLat = [-74.08, 4.6];

type Make = (initialCapacity?: number) => MovingIndex;

const IMPLEMENTATIONS: Array<[string, Make]> = [
  ['MovingPointIndex', (initialCapacity) => new MovingPointIndex({ initialCapacity })],
  ['GridBucketIndex with 100 m cells', (initialCapacity) => new GridBucketIndex({ initialCapacity, cellSizeM: 100 })],
  ['KdbushRebuildIndex', (initialCapacity) => new KdbushRebuildIndex({ initialCapacity, nodeSize: 8 })],
];

/** The model the index must agree with: positions of live riders and their active flag. */
class Model {
  readonly positions = new Map<number, { lng: number; lat: number; isActive: boolean }>();

  nearest(lng: number, lat: number, k: number, maxDistanceM = Infinity, filter?: (idx: number) => boolean): number[] {
    const hits: Array<{ idx: number; d: number }> = [];
    for (const [idx, p] of this.positions) {
      if (!p.isActive || (filter && !filter(idx))) continue;
      const d = haversineDistanceM(lng, lat, p.lng, p.lat);
      if (d <= maxDistanceM) hits.push({ idx, d });
    }
    hits.sort((a, b) => a.d - b.d || a.idx - b.idx);
    return hits.slice(0, k).map((h) => h.idx);
  }
}

/** Adds, moves, removes and toggles riders at random, mirroring every step in the model. */
function churn(rng: Rng, index: MovingIndex, model: Model, steps: number, radiusM: number, center: LngLat = CITY): void {
  for (let s = 0; s < steps; s++) {
    const live = [...model.positions.keys()];
    const pick = live[Math.floor(rng() * live.length)];
    const action = rng();
    if (pick === undefined || action < 0.15) {
      const [lng, lat] = randomPointInDisc(rng, center, radiusM);
      model.positions.set(index.add(lng, lat), { lng, lat, isActive: true });
    } else if (action < 0.8) {
      const p = model.positions.get(pick)!;
      // mostly short moves (same or next cell), sometimes a jump across the city
      const [lng, lat] = rng() < 0.9 ? randomPointInDisc(rng, [p.lng, p.lat], 80) : randomPointInDisc(rng, center, radiusM);
      index.update(pick, lng, lat);
      p.lng = lng;
      p.lat = lat;
    } else if (action < 0.9) {
      index.remove(pick);
      model.positions.delete(pick);
    } else {
      const p = model.positions.get(pick)!;
      p.isActive = !p.isActive;
      index.setActive(pick, p.isActive);
    }
  }
}

function assertMatchesModel(rng: Rng, index: MovingIndex, model: Model, numQueries: number, radiusM: number, center: LngLat = CITY): void {
  for (let i = 0; i < numQueries; i++) {
    const [lng, lat] = randomPointInDisc(rng, center, radiusM * 1.2);
    const k = [1, 10, 25][i % 3]!;
    const maxDistanceM = [250, 3_000, Infinity][i % 3]!;
    assert.deepEqual(index.nearest(lng, lat, k, maxDistanceM), model.nearest(lng, lat, k, maxDistanceM), `query ${i}`);
  }
}

function assertGeoInputError(fn: () => unknown, code: string, field: string): void {
  assert.throws(fn, (err: unknown) => err instanceof GeoInputError && err.code === code && err.field === field);
}

for (const [name, make] of IMPLEMENTATIONS) {
  describe(name, () => {
    it('agrees with brute force after many random adds, moves, removals and deactivations', () => {
      const rng = mulberry32(21);
      const index = make(64);
      const model = new Model();
      churn(rng, index, model, 3_000, 5_000);
      for (let round = 0; round < 5; round++) {
        churn(rng, index, model, 1_500, 5_000);
        assertMatchesModel(rng, index, model, 60, 5_000);
      }
      assert.equal(index.numLive, model.positions.size);
      assert.equal(index.numActive, [...model.positions.values()].filter((p) => p.isActive).length);
    });

    it('never returns removed or inactive riders, even when they are the nearest', () => {
      const index = make();
      const a = index.add(CITY[0], CITY[1]);
      const b = index.add(CITY[0] + 0.0001, CITY[1]);
      const c = index.add(CITY[0] + 0.0002, CITY[1]);
      assert.deepEqual(index.nearest(CITY[0], CITY[1], 3), [a, b, c]);
      index.remove(a);
      index.setActive(b, false);
      assert.deepEqual(index.nearest(CITY[0], CITY[1], 3), [c]);
      index.update(b, CITY[0], CITY[1]); // an inactive rider still moves, still hidden
      assert.deepEqual(index.nearest(CITY[0], CITY[1], 3), [c]);
      index.setActive(b, true);
      assert.deepEqual(index.nearest(CITY[0], CITY[1], 3), [b, c]);
      index.setActive(c, false);
      index.setActive(b, false);
      assert.deepEqual(index.nearest(CITY[0], CITY[1], 3), []);
    });

    it('applies the filter and returns nothing when it rejects everything', () => {
      const rng = mulberry32(22);
      const index = make();
      const model = new Model();
      churn(rng, index, model, 2_000, 3_000);
      const isOdd = (idx: number) => idx % 2 === 1;
      for (let i = 0; i < 30; i++) {
        const [lng, lat] = randomPointInDisc(rng, CITY, 3_000);
        assert.deepEqual(index.nearest(lng, lat, 10, 2_000, isOdd), model.nearest(lng, lat, 10, 2_000, isOdd));
      }
      assert.deepEqual(index.nearest(CITY[0], CITY[1], 10, Infinity, () => false), []);
    });

    it('returns nothing when empty, for k = 0 and beyond the radius', () => {
      const index = make();
      assert.deepEqual(index.nearest(CITY[0], CITY[1], 10), []);
      index.add(CITY[0], CITY[1] + 0.01); // about 1.1 km north
      assert.deepEqual(index.nearest(CITY[0], CITY[1], 0), []);
      assert.deepEqual(index.nearest(CITY[0], CITY[1], 5, 1_000), []);
      assert.equal(index.nearest(CITY[0], CITY[1], 5, 1_200).length, 1);
    });

    it('gives distances equal to haversineDistanceM, also through nearestInto', () => {
      const rng = mulberry32(23);
      const index = make();
      const points = Array.from({ length: 500 }, () => randomPointInDisc(rng, CITY, 2_000));
      for (const [lng, lat] of points) index.add(lng, lat);
      const got = index.nearestWithDistances(CITY[0], CITY[1], 8);
      for (const { idx, distanceM } of got) assert.equal(distanceM, haversineDistanceM(CITY[0], CITY[1], points[idx]![0], points[idx]![1]));
      const outIdx = new Int32Array(8);
      const outDistanceM = new Float64Array(8);
      assert.equal(index.nearestInto(CITY[0], CITY[1], 8, Infinity, outIdx, outDistanceM), 8);
      assert.deepEqual(Array.from(outIdx), got.map((n) => n.idx));
      assert.deepEqual(Array.from(outDistanceM), got.map((n) => n.distanceM));
    });

    it('stays exact for riders moving across the antimeridian and near a pole', () => {
      const rng = mulberry32(24);
      for (const center of [[180, -17], [0, 89.99]] as LngLat[]) {
        const index = make(16);
        const model = new Model();
        const wrap = (p: [number, number]): [number, number] => [p[0] > 180 ? p[0] - 360 : p[0], Math.min(90, p[1])];
        for (let i = 0; i < 400; i++) {
          const [lng, lat] = wrap(randomPointInDisc(rng, center, 3_000));
          model.positions.set(index.add(lng, lat), { lng, lat, isActive: true });
        }
        for (let i = 0; i < 2_000; i++) {
          const idx = Math.floor(rng() * 400);
          const [lng, lat] = wrap(randomPointInDisc(rng, center, 3_000));
          index.update(idx, lng, lat);
          model.positions.set(idx, { lng, lat, isActive: true });
        }
        for (let i = 0; i < 40; i++) {
          const [lng, lat] = wrap(randomPointInDisc(rng, center, 3_000));
          assert.deepEqual(index.nearest(lng, lat, 10, 1_500), model.nearest(lng, lat, 10, 1_500), `${center.join(',')} query ${i}`);
        }
      }
    });
  });
}

describe('moving-point index slots and ids', () => {
  it('reuses the slot of a removed rider and maps external ids both ways', () => {
    const index = new MovingPointIndex();
    const a = index.add(CITY[0], CITY[1], 'rider-a');
    const b = index.add(CITY[0], CITY[1], 'rider-b');
    assert.equal(index.idxOf('rider-b'), b);
    assert.equal(index.externalIdOf(a), 'rider-a');
    index.remove(a);
    assert.equal(index.idxOf('rider-a'), -1);
    assert.equal(index.has(a), false);
    assert.ok(Number.isNaN(index.lngOf(a)));
    const c = index.add(CITY[0] + 0.001, CITY[1], 'rider-c');
    assert.equal(c, a);
    assert.equal(index.externalIdOf(c), 'rider-c');
    assert.equal(index.lngOf(c), CITY[0] + 0.001);
    assert.equal(index.numLive, 2);
  });

  it('grows past its initial capacity without losing riders', () => {
    const rng = mulberry32(25);
    const index = new MovingPointIndex({ initialCapacity: 2 });
    const model = new Model();
    for (let i = 0; i < 3_000; i++) {
      const [lng, lat] = randomPointInDisc(rng, CITY, 4_000);
      model.positions.set(index.add(lng, lat), { lng, lat, isActive: true });
    }
    assert.ok(index.capacity >= 3_000);
    assertMatchesModel(rng, index, model, 30, 4_000);
  });

  it('rebuilds the kdbush tree lazily, once per batch of changes', () => {
    const index = new KdbushRebuildIndex();
    const a = index.add(CITY[0], CITY[1]);
    index.add(CITY[0], CITY[1]);
    index.nearest(CITY[0], CITY[1], 1);
    index.nearest(CITY[0], CITY[1], 1);
    assert.equal(index.numRebuilds, 1);
    index.update(a, CITY[0] + 0.01, CITY[1]);
    index.update(a, CITY[0] + 0.02, CITY[1]);
    assert.equal(index.isDirty, true);
    index.nearest(CITY[0], CITY[1], 1);
    assert.equal(index.numRebuilds, 2);
  });

  it('rejects updates of unknown or removed riders, bad coordinates, ids and options', () => {
    const index = new MovingPointIndex();
    const a = index.add(CITY[0], CITY[1], 'x');
    assertGeoInputError(() => index.update(5, 0, 0), 'GEO_INVALID_ARGUMENT', 'idx');
    assertGeoInputError(() => index.update(-1, 0, 0), 'GEO_INVALID_ARGUMENT', 'idx');
    assertGeoInputError(() => index.update(a, 0, Number.NaN), 'GEO_INVALID_COORDINATE', 'lat');
    assertGeoInputError(() => index.update(a, -180.5, 0), 'GEO_INVALID_COORDINATE', 'lng');
    assertGeoInputError(() => index.add(0, 95), 'GEO_INVALID_COORDINATE', 'lat');
    assertGeoInputError(() => index.add(0, 0, 'x'), 'GEO_INVALID_ARGUMENT', 'externalId');
    index.remove(a);
    assertGeoInputError(() => index.update(a, 0, 0), 'GEO_INVALID_ARGUMENT', 'idx');
    assertGeoInputError(() => index.remove(a), 'GEO_INVALID_ARGUMENT', 'idx');
    assertGeoInputError(() => index.setActive(a, true), 'GEO_INVALID_ARGUMENT', 'idx');
    assertGeoInputError(() => index.nearest(0, 0, -2), 'GEO_INVALID_ARGUMENT', 'k');
    assertGeoInputError(() => new GridBucketIndex({ cellSizeM: 5 }), 'GEO_INVALID_ARGUMENT', 'options.cellSizeM');
    assertGeoInputError(() => new KdbushRebuildIndex({ nodeSize: 0 }), 'GEO_INVALID_ARGUMENT', 'options.nodeSize');
    assertGeoInputError(() => new MovingPointIndex({ initialCapacity: 0 }), 'GEO_INVALID_ARGUMENT', 'options.initialCapacity');
  });
});
