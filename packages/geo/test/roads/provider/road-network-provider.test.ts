import assert from 'node:assert/strict';
import {
  DijkstraSearch,
  FallbackChainProvider,
  RoadNetworkProvider,
  RoadTrafficModel,
  StraightLineProvider,
  TdDijkstra,
  UNREACHABLE,
  buildContractionHierarchy,
  buildReverseArcs,
  chAllToOne,
  generateGridCity,
  haversineDistanceM,
  mulberry32,
  roadGraphBbox,
  sameRoadTrip,
  sourceSeeds,
  targetSeeds,
  type LngLat,
  type RoadGraph,
} from '@o2o/geo';

/** 2024-01-10 (a Wednesday) 07:30 UTC: into the morning peak. */
const PEAK = Date.UTC(2024, 0, 10, 7, 30) / 1000;

function cityPoints(g: RoadGraph, seed: number, n: number): LngLat[] {
  const rand = mulberry32(seed);
  const [minLng, minLat, maxLng, maxLat] = roadGraphBbox(g);
  return Array.from({ length: n }, () => [minLng + rand() * (maxLng - minLng), minLat + rand() * (maxLat - minLat)] as const);
}

/** Reverse Dijkstra from one vertex: the free-flow time from every vertex to it. */
function toVertexMs(g: RoadGraph, t: number): Float64Array {
  const rev = buildReverseArcs(g);
  const d = new Float64Array(g.numVertices).fill(Infinity);
  d[t] = 0;
  const done = new Uint8Array(g.numVertices);
  for (;;) {
    let u = -1;
    for (let v = 0; v < g.numVertices; v++) if (!done[v] && d[v]! < Infinity && (u < 0 || d[v]! < d[u]!)) u = v;
    if (u < 0) return d;
    done[u] = 1;
    for (let i = rev.firstIn[u]!; i < rev.firstIn[u + 1]!; i++) {
      const c = d[u]! + g.durationMs[rev.arc[i]!]!;
      if (c < d[rev.tail[i]!]!) d[rev.tail[i]!] = c;
    }
  }
}

describe('roads: RoadNetworkProvider', () => {
  const graph = generateGridCity({ rows: 14, cols: 16, oneWayShare: 0.3, seed: 21 });
  const ch = buildContractionHierarchy(graph);

  it('chAllToOne equals a reverse Dijkstra from the target', () => {
    for (const t of [0, 57, graph.numVertices - 1]) {
      assert.deepEqual([...chAllToOne(ch, t)], [...toVertexMs(graph, t)]);
    }
  });

  it('free flow: every matrix cell equals the seeds-and-same-road definition, and durationSync', () => {
    const provider = new RoadNetworkProvider({ graph, ch });
    const pts = cityPoints(graph, 1, 40);
    const m = provider.matrixSync(pts, pts, PEAK);
    assert.equal(m.provider, 'road-network');
    assert.equal(m.mode, 'car');
    const dijkstra = new DijkstraSearch(graph);
    for (let i = 0; i < pts.length; i++) {
      const from = provider.snap(pts[i]!)!;
      const src = sourceSeeds(graph, from);
      for (let j = 0; j < pts.length; j++) {
        const to = provider.snap(pts[j]!)!;
        const dst = targetSeeds(graph, to);
        dijkstra.run(src.vertices, src.offsetsMs, dst.vertices);
        let best = Infinity;
        dst.vertices.forEach((v, k) => (best = Math.min(best, dijkstra.costTo(v) + dst.offsetsMs[k]!)));
        const direct = sameRoadTrip(graph, from, to);
        if (direct) best = Math.min(best, direct.durationMs);
        assert.equal(m.durationSec[i * pts.length + j], Math.round(best / 1000), `cell ${i},${j}`);
        if (i === j) assert.equal(m.durationSec[i * pts.length + j], 0);
      }
      const one = provider.durationSync(pts[i]!, pts[(i + 7) % pts.length]!, PEAK);
      assert.equal(one.durationSec, m.durationSec[i * pts.length + ((i + 7) % pts.length)]);
      assert.equal(one.distanceM, m.distanceM[i * pts.length + ((i + 7) % pts.length)]);
    }
  });

  it('with traffic: durations equal a plain time-dependent Dijkstra for every departure tried', () => {
    const traffic = new RoadTrafficModel(graph, { utcOffsetMin: 0 });
    const provider = new RoadNetworkProvider({ graph, ch, traffic });
    const td = new TdDijkstra(traffic);
    const pts = cityPoints(graph, 2, 24);
    const rand = mulberry32(4);
    for (const departAt of [PEAK, PEAK + 3 * 3600, Date.UTC(2024, 0, 10, 16, 50) / 1000, Date.UTC(2024, 0, 13, 23, 55) / 1000]) {
      const m = provider.matrixSync(pts, pts, departAt);
      for (let k = 0; k < 60; k++) {
        const i = Math.floor(rand() * pts.length);
        const j = Math.floor(rand() * pts.length);
        const from = provider.snap(pts[i]!)!;
        const to = provider.snap(pts[j]!)!;
        const arrival = td.oneToOne(departAt * 1000, from, to);
        const want = Math.round((arrival - departAt * 1000) / 1000);
        assert.equal(m.durationSec[i * pts.length + j], want, `matrix ${i}→${j} at ${departAt}`);
        const one = provider.durationSync(pts[i]!, pts[j]!, departAt);
        assert.equal(one.durationSec, want, `A* ${i}→${j} at ${departAt}`);
        assert.equal(one.distanceM, Math.round(td.routeLengthCm() / 100));
      }
    }
    // Rush hour is slower than the night for the same trips.
    const night = provider.matrixSync(pts, pts, Date.UTC(2024, 0, 10, 2) / 1000);
    const peak = provider.matrixSync(pts, pts, Date.UTC(2024, 0, 10, 8) / 1000);
    const sum = (a: Int32Array): number => a.reduce((s, x) => s + x, 0);
    assert.ok(sum(peak.durationSec) > sum(night.durationSec) * 1.1);
  });

  it('routes carry a GeoJSON shape from the snapped origin to the snapped destination', () => {
    for (const traffic of [false, { utcOffsetMin: 60 }] as const) {
      const provider = new RoadNetworkProvider({ graph, ch, traffic });
      const pts = cityPoints(graph, 3, 12);
      for (let i = 0; i + 1 < pts.length; i++) {
        const r = provider.routeSync(pts[i]!, pts[i + 1]!, PEAK);
        assert.ok(r.geometry && r.fromSnap && r.toSnap);
        const c = r.geometry.geometry.coordinates;
        assert.ok(haversineDistanceM(c[0]![0], c[0]![1], r.fromSnap.point[0], r.fromSnap.point[1]) < 1);
        const last = c[c.length - 1]!;
        assert.ok(haversineDistanceM(last[0], last[1], r.toSnap.point[0], r.toSnap.point[1]) < 1);
        let lengthM = 0;
        for (let k = 1; k < c.length; k++) lengthM += haversineDistanceM(c[k - 1]![0], c[k - 1]![1], c[k]![0], c[k]![1]);
        assert.ok(Math.abs(lengthM - r.distanceM) <= 2 + 0.01 * r.distanceM, `shape ${lengthM} m vs route ${r.distanceM} m`);
      }
    }
  });

  it('points too far from every road get UNREACHABLE; a fallback chain fills and marks them', async () => {
    const provider = new RoadNetworkProvider({ graph, ch, maxSnapDistanceM: 100 });
    const pts = cityPoints(graph, 5, 5);
    const farAway: LngLat = [pts[0]![0] + 0.2, pts[0]![1]];
    const all = [...pts, farAway];
    const m = provider.matrixSync(all, all, PEAK);
    for (let k = 0; k < all.length; k++) {
      assert.equal(m.durationSec[5 * all.length + k], UNREACHABLE);
      assert.equal(m.durationSec[k * all.length + 5], UNREACHABLE);
    }
    assert.equal(provider.durationSync(farAway, pts[0]!, PEAK).durationSec, UNREACHABLE);
    const chain = new FallbackChainProvider([provider, new StraightLineProvider()]);
    const filled = await chain.matrix(all, all, PEAK, { mode: 'car' });
    assert.equal(filled.isFallback, true);
    assert.ok(filled.durationSec.every((x) => x >= 0));
    assert.ok(filled.cellProvenance);
    assert.equal(filled.cellProvenance.providerNames[filled.cellProvenance.providerIdx[5 * all.length]!], 'straight-line');
    assert.equal(filled.cellProvenance.providerNames[filled.cellProvenance.providerIdx[1]!], 'road-network');
    assert.equal(filled.durationSec[1], m.durationSec[1]);
  });

  it('rejects bad input naming the field', async () => {
    const provider = new RoadNetworkProvider({ graph, ch });
    const p: LngLat = [graph.vertexLng[0]!, graph.vertexLat[0]!];
    assert.throws(() => provider.durationSync(p, p, PEAK, { mode: 'walk' }), /options\.mode must be "car"/);
    assert.throws(() => provider.durationSync(p, p, -5), /departAt must be an integer/);
    assert.throws(() => provider.matrixSync([p, [0, 95]], [p], PEAK), /sources\[1\]\[1\] \(lat\)/);
    await assert.rejects(provider.matrix([p], 'x' as unknown as LngLat[], PEAK), /targets must be an array/);
    assert.throws(() => new RoadNetworkProvider({ graph, ch: buildContractionHierarchy(generateGridCity({ rows: 3, cols: 3 })) }), /options\.ch must be the hierarchy of this graph/);
  });
});
