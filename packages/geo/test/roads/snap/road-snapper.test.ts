import assert from 'node:assert/strict';
import {
  BidirectionalSearch,
  DijkstraSearch,
  generateGridCity,
  haversineDistanceM,
  mulberry32,
  RoadSnapper,
  arcPolyline,
  arcTail,
  routeLineString,
  sameRoadTrip,
  sourceSeeds,
  targetSeeds,
  type RoadGraph,
  type RoadSnap,
} from '@o2o/geo';

/**
 * A ⇄ B along a bent two-way road (shape point at (0.005, 0.003)), B → C one-way, C → A one-way.
 * Arcs: 0 = A→B (bent), 1 = B→A (bent, reversed shape), 2 = B→C, 3 = C→A.
 */
export function bentTriangle(): RoadGraph {
  const lng = Float64Array.from([0, 0.01, 0.01]);
  const lat = Float64Array.from([0, 0, 0.01]);
  const legAB = haversineDistanceM(0, 0, 0.005, 0.003) + haversineDistanceM(0.005, 0.003, 0.01, 0);
  const legBC = haversineDistanceM(0.01, 0, 0.01, 0.01);
  const legCA = haversineDistanceM(0.01, 0.01, 0, 0);
  const cm = (m: number): number => Math.round(m * 100);
  const ms = (m: number): number => Math.round((m / 10) * 1000);
  return {
    profile: 'car',
    numVertices: 3,
    numArcs: 4,
    vertexLng: lng,
    vertexLat: lat,
    firstOut: Uint32Array.from([0, 1, 3, 4]),
    head: Uint32Array.from([1, 0, 2, 0]),
    durationMs: Uint32Array.from([ms(legAB), ms(legAB), ms(legBC), ms(legCA)]),
    lengthCm: Uint32Array.from([cm(legAB), cm(legAB), cm(legBC), cm(legCA)]),
    roadClass: new Uint8Array(4),
    wayId: Float64Array.from([7, 7, 8, 9]),
    geomFirst: Uint32Array.from([0, 1, 2, 2, 2]),
    geomLng: Float64Array.from([0.005, 0.005]),
    geomLat: Float64Array.from([0.003, 0.003]),
  };
}

/** Nearest road distance by dense sampling of every arc's shape (slow reference). */
function bruteNearestM(g: RoadGraph, p: readonly [number, number], stepM = 1): number {
  let best = Infinity;
  for (let a = 0; a < g.numArcs; a++) {
    const pts = arcPolyline(g, a);
    for (let i = 1; i < pts.length; i++) {
      const [x0, y0] = pts[i - 1]!;
      const [x1, y1] = pts[i]!;
      const n = Math.max(1, Math.ceil(haversineDistanceM(x0, y0, x1, y1) / stepM));
      for (let k = 0; k <= n; k++) {
        const d = haversineDistanceM(p[0], p[1], x0 + ((x1 - x0) * k) / n, y0 + ((y1 - y0) * k) / n);
        if (d < best) best = d;
      }
    }
  }
  return best;
}

describe('roads: snapping', () => {
  it('finds the nearest road segment (not the nearest junction) like a brute-force scan', () => {
    const g = generateGridCity({ rows: 8, cols: 9, spacingM: 180, oneWayShare: 0.3, seed: 4 });
    const snapper = new RoadSnapper(g, { maxSnapDistanceM: 500 });
    const rand = mulberry32(1);
    const lng0 = g.vertexLng[0]!;
    const lat0 = g.vertexLat[0]!;
    for (let i = 0; i < 150; i++) {
      const p: [number, number] = [lng0 - 0.002 + rand() * 0.022, lat0 - 0.002 + rand() * 0.016];
      const snap = snapper.snap(p);
      const want = bruteNearestM(g, p, 1);
      if (want > 500) {
        assert.equal(snap, null);
        continue;
      }
      assert.ok(snap, `point ${p} should snap (${want} m from a road)`);
      assert.ok(Math.abs(snap.distanceM - want) < 0.6, `snap ${snap.distanceM} m vs brute ${want} m`);
      assert.ok(Math.abs(haversineDistanceM(p[0], p[1], snap.point[0], snap.point[1]) - snap.distanceM) < 1e-6);
      assert.ok(snap.fraction >= 0 && snap.fraction <= 1);
    }
  });

  it('puts a point beside a bent road on the bend, with the fraction along the shape', () => {
    const g = bentTriangle();
    const snapper = new RoadSnapper(g);
    const snap = snapper.snap([0.005, 0.0031])!;
    assert.ok(snap.arc === 0 || snap.arc === 1);
    assert.equal(snap.reverseArc, snap.arc === 0 ? 1 : 0);
    assert.ok(Math.abs(snap.fraction - 0.5) < 0.01, `fraction ${snap.fraction}`);
    assert.ok(snap.distanceM < 12, `distance ${snap.distanceM}`);
    // Near the middle of one-way B→C: no reverse arc.
    const oneWay = snapper.snap([0.0101, 0.0025])!;
    assert.equal(oneWay.arc, 2);
    assert.equal(oneWay.reverseArc, -1);
    assert.ok(Math.abs(oneWay.fraction - 0.25) < 0.01);
  });

  it('reports points too far from every road as null instead of moving them', () => {
    const g = bentTriangle();
    const snapper = new RoadSnapper(g, { maxSnapDistanceM: 100 });
    assert.equal(snapper.snap([0.05, 0.05]), null);
    assert.equal(snapper.snap([0.005, 0.0031], 5), null);
    assert.ok(snapper.snap([0.005, 0.0031], 50));
  });

  it('rejects invalid coordinates and options, naming the field', () => {
    const g = bentTriangle();
    assert.throws(() => new RoadSnapper(g).snap([200, 0]), /point\[0\] \(lng\) must be a finite longitude/);
    assert.throws(() => new RoadSnapper(g, { maxSnapDistanceM: -1 }), /maxSnapDistanceM must be a finite number/);
  });

  it('seeds of snapped points give the trip cost of the augmented graph', () => {
    const g = generateGridCity({ rows: 10, cols: 10, oneWayShare: 0.4, seed: 8 });
    const snapper = new RoadSnapper(g);
    const search = new DijkstraSearch(g);
    const rand = mulberry32(5);
    const lng0 = g.vertexLng[0]!;
    const lat0 = g.vertexLat[0]!;
    const point = (): [number, number] => [lng0 + rand() * 0.016, lat0 + rand() * 0.012];
    for (let i = 0; i < 200; i++) {
      const from = snapper.snap(point())!;
      const to = snapper.snap(point())!;
      const src = sourceSeeds(g, from);
      const dst = targetSeeds(g, to);
      search.run(src.vertices, src.offsetsMs, dst.vertices);
      let best = Infinity;
      dst.vertices.forEach((v, k) => (best = Math.min(best, search.costTo(v) + dst.offsetsMs[k]!)));
      const direct = sameRoadTrip(g, from, to);
      if (direct) best = Math.min(best, direct.durationMs);
      // Reference: the explicit combinations of the (at most two) exits and entries.
      let ref = direct ? direct.durationMs : Infinity;
      const single = new DijkstraSearch(g);
      src.vertices.forEach((s, i) =>
        dst.vertices.forEach((t, j) => (ref = Math.min(ref, src.offsetsMs[i]! + single.oneToOne(s, t) + dst.offsetsMs[j]!))),
      );
      assert.equal(best, ref);
      assert.ok(best >= 0 && Number.isFinite(best));
    }
  });

  it('same-road trips follow the arc or, on two-way streets, its reverse', () => {
    const g = bentTriangle();
    const at = (fraction: number, arc = 0, reverseArc = 1): RoadSnap => ({ arc, reverseArc, fraction, distanceM: 0, point: [0, 0] });
    assert.deepEqual(sameRoadTrip(g, at(0.2), at(0.7)), { durationMs: Math.round((0.7 - 0.2) * g.durationMs[0]!), lengthCm: Math.round((0.7 - 0.2) * g.lengthCm[0]!), arc: 0 });
    assert.equal(sameRoadTrip(g, at(0.7), at(0.2))!.arc, 1);
    assert.equal(sameRoadTrip(g, at(0.7, 2, -1), at(0.2, 2, -1)), null);
    assert.equal(sameRoadTrip(g, at(0.2, 2, -1), at(0.7, 0, 1)), null);
    assert.equal(arcTail(g, 2), 1);
    assert.equal(arcTail(g, 3), 2);
    assert.equal(arcTail(g, 0), 0);
  });

  it('route geometry starts at the snapped source and ends at the snapped target', () => {
    const g = bentTriangle();
    const snapper = new RoadSnapper(g);
    const from = snapper.snap([0.0025, 0.0016])!; // on the bent road, first half
    const to = snapper.snap([0.0101, 0.005])!; // on B→C
    const search = new BidirectionalSearch(g);
    assert.equal(search.oneToOne(1, 1), 0);
    const feature = routeLineString(g, [], { from: { snap: from, arc: 0 }, to: { snap: to, arc: 2 } }, { durationSec: 1 });
    const coords = feature.geometry.coordinates;
    assert.deepEqual(coords[0], [from.point[0], from.point[1]].map((x, i) => coords[0]![i]!));
    assert.ok(haversineDistanceM(coords[0]![0], coords[0]![1], from.point[0], from.point[1]) < 0.5);
    const last = coords[coords.length - 1]!;
    assert.ok(haversineDistanceM(last[0], last[1], to.point[0], to.point[1]) < 0.5);
    assert.ok(coords.some(([x, y]) => x === 0.005 && y === 0.003), 'keeps the bend of the road');
    assert.ok(coords.some(([x, y]) => x === 0.01 && y === 0), 'passes junction B');
    assert.equal(feature.properties.durationSec, 1);
  });
});
