import assert from 'node:assert/strict';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { cellToLatLng, gridDisk, gridDistance, latLngToCell } from 'h3-js';
import { GeoInputError, H3Heatmap, mulberry32, supplyDemandRatio, tentWeights, type HeatmapCell } from '@o2o/geo';

const BOGOTA = { lng: -74.08, lat: 4.6 };

/** Centre `[lng, lat]` of an H3 cell. */
function centreOf(h3: string): [number, number] {
  const [lat, lng] = cellToLatLng(h3);
  return [lng, lat];
}

function byH3(cells: HeatmapCell[]): Map<string, HeatmapCell> {
  return new Map(cells.map((c) => [c.h3, c]));
}

function assertGeoInputError(fn: () => unknown, code: string, field: string): void {
  assert.throws(fn, (err: unknown) => err instanceof GeoInputError && err.code === code && err.field.startsWith(field));
}

/**
 * Named fixture "two-cells": 4 orders in cell A, 2 idle riders in its neighbour B, res 8.
 * With k = 1 and tent weights [1, 0.5] the divisor is 1 + 6 · 0.5 = 4, so by hand:
 * A: demand 1, supply 0.25 (ratio 4); B: demand 0.5, supply 0.5 (ratio 1);
 * the 2 common neighbours: demand 0.5, supply 0.25 (ratio 2);
 * A's 3 other neighbours: demand 0.5, supply 0 (ratio Infinity); B's 3 others: demand 0, supply 0.25.
 */
function twoCells(): { heatmap: H3Heatmap; a: string; b: string } {
  const heatmap = new H3Heatmap({ resolution: 8, windowSec: 600 });
  const a = latLngToCell(BOGOTA.lat, BOGOTA.lng, 8);
  const b = gridDisk(a, 1).find((c) => c !== a)!;
  for (let i = 0; i < 4; i++) heatmap.add('demand', ...centreOf(a), 10 + i);
  for (let i = 0; i < 2; i++) heatmap.add('supply', ...centreOf(b), 20 + i);
  return { heatmap, a, b };
}

describe('H3Heatmap', () => {
  describe('sliding window', () => {
    it('expires an event once the clock reaches atSec + windowSec', () => {
      const heatmap = new H3Heatmap({ windowSec: 600 });
      for (const t of [0, 100, 300]) heatmap.add('demand', BOGOTA.lng, BOGOTA.lat, t);
      heatmap.advanceTo(599);
      assert.equal(heatmap.numEvents, 3);
      heatmap.advanceTo(600);
      assert.equal(heatmap.numEvents, 2);
      assert.deepEqual(heatmap.countsAt(BOGOTA.lng, BOGOTA.lat), { demand: 2, supply: 0 });
      assert.deepEqual(heatmap.cellCounts(heatmap.cellOf(BOGOTA.lng, BOGOTA.lat)), { demand: 2, supply: 0 });
      assert.throws(() => heatmap.cellOf(BOGOTA.lng, 91), /lat/);
      heatmap.advanceTo(900);
      assert.equal(heatmap.numEvents, 0);
      assert.equal(heatmap.numCells, 0, 'empty cells are released');
      assert.deepEqual(heatmap.cells(), []);
    });

    it('accepts late events inside the window and drops older ones', () => {
      const heatmap = new H3Heatmap({ windowSec: 600 });
      assert.equal(heatmap.add('supply', BOGOTA.lng, BOGOTA.lat, 700), true);
      assert.equal(heatmap.add('supply', BOGOTA.lng, BOGOTA.lat, 150), true);
      assert.equal(heatmap.add('supply', BOGOTA.lng, BOGOTA.lat, 100), false);
      assert.equal(heatmap.numEvents, 2);
      heatmap.advanceTo(750);
      assert.deepEqual(heatmap.countsAt(BOGOTA.lng, BOGOTA.lat), { demand: 0, supply: 1 });
    });

    it('never moves the clock back', () => {
      const heatmap = new H3Heatmap({ windowSec: 60 });
      heatmap.advanceTo(1_000);
      heatmap.advanceTo(10);
      assert.equal(heatmap.nowSec, 1_000);
    });

    it('matches a brute-force count over 20,000 shuffled events in 30 cells', () => {
      const rng = mulberry32(5);
      const windowSec = 1_200; // ~2,400 events in the window: the ring buffer grows and wraps
      const heatmap = new H3Heatmap({ resolution: 9, windowSec });
      const accepted: Array<{ h3: string; kind: 'demand' | 'supply'; atSec: number }> = [];
      const points = Array.from({ length: 30 }, () => [BOGOTA.lng + (rng() - 0.5) * 0.05, BOGOTA.lat + (rng() - 0.5) * 0.05] as const);
      for (let i = 0; i < 20_000; i++) {
        const [lng, lat] = points[Math.floor(rng() * points.length)]!;
        const kind = rng() < 0.6 ? 'demand' : 'supply';
        const atSec = i * 0.5 - (rng() < 0.1 ? rng() * 1_500 : 0); // 10 % late, some after their window
        const isInWindow = atSec > Math.max(heatmap.nowSec, atSec) - windowSec;
        assert.equal(heatmap.add(kind, lng, lat, atSec), isInWindow);
        if (isInWindow) accepted.push({ h3: latLngToCell(lat, lng, 9), kind, atSec });
        if (i % 997 === 0) {
          const live = accepted.filter((e) => heatmap.nowSec - e.atSec < windowSec);
          assert.equal(heatmap.numEvents, live.length);
          for (const [lng2, lat2] of points.slice(0, 5)) {
            const h3 = latLngToCell(lat2, lng2, 9);
            const expected = { demand: 0, supply: 0 };
            for (const e of live) if (e.h3 === h3) expected[e.kind]++;
            assert.deepEqual(heatmap.cellCounts(h3), expected);
          }
        }
      }
    });
  });

  describe('time buckets (bucketSec)', () => {
    it('counts an event from the start of its bucket and expires it a window later', () => {
      const heatmap = new H3Heatmap({ windowSec: 60, bucketSec: 10 });
      assert.equal(heatmap.add('demand', BOGOTA.lng, BOGOTA.lat, 17), true); // bucket 10
      assert.equal(heatmap.add('demand', BOGOTA.lng, BOGOTA.lat, 19.5), true); // bucket 10, same entry
      assert.equal(heatmap.add('demand', BOGOTA.lng, BOGOTA.lat, 21), true); // bucket 20
      assert.deepEqual([heatmap.numEvents, heatmap.numEntries], [3, 2]);
      heatmap.advanceTo(69.9);
      assert.equal(heatmap.numEvents, 3);
      heatmap.advanceTo(70); // 10 + 60: the first bucket leaves, 7 s before 17 + 60
      assert.deepEqual(heatmap.countsAt(BOGOTA.lng, BOGOTA.lat), { demand: 1, supply: 0 });
      assert.equal(heatmap.add('supply', BOGOTA.lng, BOGOTA.lat, 19), false, 'its bucket already left the window');
      heatmap.advanceTo(80);
      assert.deepEqual([heatmap.numEvents, heatmap.numEntries, heatmap.numCells], [0, 0, 0]);
    });

    it('matches a brute-force count of bucketed times over 20,000 shuffled events, in bounded memory', () => {
      const rng = mulberry32(11);
      const windowSec = 600;
      const bucketSec = 5;
      const heatmap = new H3Heatmap({ resolution: 9, windowSec, bucketSec });
      const accepted: Array<{ h3: string; kind: 'demand' | 'supply'; bucketAtSec: number }> = [];
      const points = Array.from({ length: 30 }, () => [BOGOTA.lng + (rng() - 0.5) * 0.05, BOGOTA.lat + (rng() - 0.5) * 0.05] as const);
      const cells = new Set(points.map(([lng, lat]) => latLngToCell(lat, lng, 9)));
      let mostEntries = 0;
      for (let i = 0; i < 20_000; i++) {
        const [lng, lat] = points[Math.floor(rng() * points.length)]!;
        const kind = rng() < 0.6 ? 'demand' : 'supply';
        const atSec = i * 0.1 - (rng() < 0.1 ? rng() * 700 : 0); // 10 events/s, 10 % late, some after their window
        const bucketAtSec = Math.floor(atSec / bucketSec) * bucketSec;
        const isInWindow = bucketAtSec > Math.max(heatmap.nowSec, atSec) - windowSec;
        assert.equal(heatmap.add(kind, lng, lat, atSec), isInWindow);
        if (isInWindow) accepted.push({ h3: latLngToCell(lat, lng, 9), kind, bucketAtSec });
        mostEntries = Math.max(mostEntries, heatmap.numEntries);
        if (i % 997 === 0) {
          const live = accepted.filter((e) => heatmap.nowSec - e.bucketAtSec < windowSec);
          assert.equal(heatmap.numEvents, live.length);
          for (const h3 of [...cells].slice(0, 5)) {
            const expected = { demand: 0, supply: 0 };
            for (const e of live) if (e.h3 === h3) expected[e.kind]++;
            assert.deepEqual(heatmap.cellCounts(h3), expected);
          }
        }
      }
      // In order, at most one entry per (bucket, cell, kind): 121 buckets x 30 cells x 2 kinds;
      // late events may add one entry each.
      const lateEvents = 2_000;
      assert.ok(mostEntries < 121 * cells.size * 2 + lateEvents, `entries ${mostEntries}`);
    });

    it('holds a fixed number of entries at any event rate', () => {
      const entriesAt = (perSec: number): number => {
        const heatmap = new H3Heatmap({ windowSec: 300, bucketSec: 5 });
        for (let t = 0; t < 600; t++) for (let k = 0; k < perSec; k++) heatmap.add('demand', BOGOTA.lng + (k % 4) * 0.01, BOGOTA.lat, t + k / perSec);
        return heatmap.numEntries;
      };
      assert.equal(entriesAt(200), entriesAt(20), '4 cells x 60 buckets, whatever the rate');
      assert.equal(entriesAt(20), 4 * 60);
    });

    it('rejects a bucket longer than the window or negative', () => {
      assertGeoInputError(() => new H3Heatmap({ windowSec: 60, bucketSec: 61 }), 'GEO_INVALID_ARGUMENT', 'options.bucketSec');
      assertGeoInputError(() => new H3Heatmap({ bucketSec: -1 }), 'GEO_INVALID_ARGUMENT', 'options.bucketSec');
      assertGeoInputError(() => new H3Heatmap({ bucketSec: Number.NaN }), 'GEO_INVALID_ARGUMENT', 'options.bucketSec');
    });
  });

  describe('smoothing and ratios', () => {
    it('gives the hand-checked k = 1 values of the two-cells fixture', () => {
      const { heatmap, a, b } = twoCells();
      const cells = byH3(heatmap.cells());
      assert.equal(cells.size, 10, 'support: the union of the two 1-disks');
      assert.deepEqual(cells.get(a), { h3: a, demand: 4, supply: 0, ratio: Infinity, smoothedDemand: 1, smoothedSupply: 0.25, smoothedRatio: 4 });
      assert.deepEqual(cells.get(b), { h3: b, demand: 0, supply: 2, ratio: 0, smoothedDemand: 0.5, smoothedSupply: 0.5, smoothedRatio: 1 });
      for (const cell of cells.values()) {
        if (cell.h3 === a || cell.h3 === b) continue;
        const [da, db] = [gridDistance(a, cell.h3), gridDistance(b, cell.h3)];
        assert.equal(cell.smoothedDemand, da === 1 ? 0.5 : 0);
        assert.equal(cell.smoothedSupply, db === 1 ? 0.25 : 0);
      }
      const total = [...cells.values()].reduce((s, c) => [s[0]! + c.smoothedDemand, s[1]! + c.smoothedSupply], [0, 0]);
      assert.deepEqual(total, [4, 2], 'smoothing preserves the totals');
    });

    it('uses custom weights normalised by the full disk', () => {
      const heatmap = new H3Heatmap({ resolution: 8, smoothingK: 2, smoothingWeights: [2, 1, 0] });
      heatmap.add('demand', BOGOTA.lng, BOGOTA.lat, 0);
      const a = latLngToCell(BOGOTA.lat, BOGOTA.lng, 8);
      const cells = byH3(heatmap.cells());
      assert.equal(cells.size, 19);
      assert.equal(cells.get(a)!.smoothedDemand, 2 / 8); // divisor 2 + 1·6 + 0·12 = 8
      assert.equal(cells.get(gridDisk(a, 1).find((c) => c !== a)!)!.smoothedDemand, 1 / 8);
      assert.deepEqual(tentWeights(2), [1, 2 / 3, 1 / 3]);
    });

    it('returns only the raw cells when smoothing is off', () => {
      const heatmap = new H3Heatmap({ smoothingK: 0 });
      heatmap.add('demand', BOGOTA.lng, BOGOTA.lat, 0);
      assert.deepEqual(heatmap.cells().map((c) => [c.demand, c.smoothedDemand]), [[1, 1]]);
    });

    it('defines the ratio as demand / supply, 0 for nothing and Infinity for demand without supply', () => {
      assert.equal(supplyDemandRatio(3, 2), 1.5);
      assert.equal(supplyDemandRatio(0, 0), 0);
      assert.equal(supplyDemandRatio(3, 0), Infinity);
      assert.equal(supplyDemandRatio(0, 5), 0);
    });

    it('ranks the hottest cells with Infinity first and ties by smoothed demand then H3 index', () => {
      const { heatmap, a, b } = twoCells();
      assert.deepEqual(heatmap.hottest(1, 'demand').map((c) => c.h3), [a]);
      assert.deepEqual(heatmap.hottest(1, 'supply').map((c) => c.h3), [b]);
      const byRatio = heatmap.hottest(6, 'smoothedRatio');
      assert.deepEqual(byRatio.map((c) => c.smoothedRatio), [Infinity, Infinity, Infinity, 4, 2, 2]);
      assert.deepEqual(byRatio.slice(0, 3).map((c) => c.h3), byRatio.slice(0, 3).map((c) => c.h3).sort());
      assert.equal(byRatio[3]!.h3, a);
      assert.equal(heatmap.hottest(100).length, 10);
    });
  });

  describe('toGeoJSON', () => {
    it('exports closed counter-clockwise [lng, lat] hexagons containing their events', () => {
      const { heatmap, a } = twoCells();
      const geojson = heatmap.toGeoJSON();
      assert.equal(geojson.type, 'FeatureCollection');
      assert.equal(geojson.features.length, 10);
      for (const feature of geojson.features) {
        const ring = feature.geometry.coordinates[0]!;
        assert.equal(feature.geometry.type, 'Polygon');
        assert.equal(ring.length, 7, 'hexagon: 6 vertices + closing position');
        assert.deepEqual(ring[0], ring[ring.length - 1]);
        for (const [lng, lat] of ring) assert.ok(Math.abs(lng! - BOGOTA.lng) < 0.05 && Math.abs(lat! - BOGOTA.lat) < 0.05, 'lng first');
        let area2 = 0;
        for (let k = 0; k + 1 < ring.length; k++) area2 += ring[k]![0]! * ring[k + 1]![1]! - ring[k + 1]![0]! * ring[k]![1]!;
        assert.ok(area2 > 0, 'counter-clockwise (RFC 7946)');
        assert.ok(booleanPointInPolygon(centreOf(feature.properties.h3), feature.geometry));
      }
      const fa = geojson.features.find((f) => f.id === a)!;
      assert.deepEqual(fa.properties, { h3: a, demand: 4, supply: 0, ratio: null, smoothedDemand: 1, smoothedSupply: 0.25, smoothedRatio: 4 });
      assert.deepEqual(JSON.parse(JSON.stringify(geojson)), geojson, 'plain JSON, no Infinity');
    });
  });

  describe('bad input', () => {
    it('throws GEO_INVALID_ARGUMENT or GEO_INVALID_COORDINATE naming the field', () => {
      const heatmap = new H3Heatmap();
      assertGeoInputError(() => heatmap.add('orders' as 'demand', 0, 0, 0), 'GEO_INVALID_ARGUMENT', 'kind');
      assertGeoInputError(() => heatmap.add('demand', Number.NaN, 0, 0), 'GEO_INVALID_COORDINATE', 'lng');
      assertGeoInputError(() => heatmap.add('demand', 0, -91, 0), 'GEO_INVALID_COORDINATE', 'lat');
      assertGeoInputError(() => heatmap.add('demand', 0, 0, Number.POSITIVE_INFINITY), 'GEO_INVALID_ARGUMENT', 'atSec');
      assertGeoInputError(() => heatmap.advanceTo(Number.NaN), 'GEO_INVALID_ARGUMENT', 'nowSec');
      assertGeoInputError(() => heatmap.hottest(-1), 'GEO_INVALID_ARGUMENT', 'n');
      assertGeoInputError(() => heatmap.hottest(1, 'heat' as 'demand'), 'GEO_INVALID_ARGUMENT', 'by');
    });

    it('rejects bad options', () => {
      assertGeoInputError(() => new H3Heatmap({ resolution: 16 }), 'GEO_INVALID_RESOLUTION', 'options.resolution');
      assertGeoInputError(() => new H3Heatmap({ resolution: 7.5 }), 'GEO_INVALID_RESOLUTION', 'options.resolution');
      assertGeoInputError(() => new H3Heatmap({ windowSec: 0 }), 'GEO_INVALID_ARGUMENT', 'options.windowSec');
      assertGeoInputError(() => new H3Heatmap({ smoothingK: -1 }), 'GEO_INVALID_ARGUMENT', 'options.smoothingK');
      assertGeoInputError(() => new H3Heatmap({ smoothingK: 1, smoothingWeights: [1] }), 'GEO_INVALID_ARGUMENT', 'options.smoothingWeights');
      assertGeoInputError(() => new H3Heatmap({ smoothingWeights: [0, 1] }), 'GEO_INVALID_ARGUMENT', 'options.smoothingWeights');
    });

    it('does not crash at the poles or on the antimeridian', () => {
      const heatmap = new H3Heatmap();
      for (const [lng, lat] of [[180, 0], [-180, 0], [0, 90], [0, -90]] as const) heatmap.add('demand', lng, lat, 0);
      assert.equal(heatmap.numCells, 3, '180 and -180 are the same cell');
      assert.equal(heatmap.toGeoJSON().features.length, heatmap.cells().length);
    });
  });
});
