import assert from 'node:assert/strict';
import {
  AStarSearch,
  BidirectionalSearch,
  DijkstraSearch,
  generateGridCity,
  mulberry32,
  UNREACHABLE,
  type RoadGraph,
  type SearchQueueKind,
} from '@o2o/geo';

/** Bellman-Ford: the slow, obviously-correct reference. */
function bellmanFord(g: RoadGraph, s: number): Float64Array {
  const d = new Float64Array(g.numVertices).fill(Infinity);
  d[s] = 0;
  for (let round = 0; round < g.numVertices; round++) {
    let changed = false;
    for (let u = 0; u < g.numVertices; u++) {
      if (d[u] === Infinity) continue;
      for (let a = g.firstOut[u]!; a < g.firstOut[u + 1]!; a++) {
        const c = d[u]! + g.durationMs[a]!;
        if (c < d[g.head[a]!]!) {
          d[g.head[a]!] = c;
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
  return d;
}

function pathCost(g: RoadGraph, arcs: number[], s: number, t: number): { ms: number; cm: number } {
  let at = s;
  let ms = 0;
  let cm = 0;
  for (const a of arcs) {
    assert.ok(a >= g.firstOut[at]! && a < g.firstOut[at + 1]!, `arc ${a} does not leave vertex ${at}`);
    ms += g.durationMs[a]!;
    cm += g.lengthCm[a]!;
    at = g.head[a]!;
  }
  assert.equal(at, t);
  return { ms, cm };
}

/** A tiny graph with two components: 0 ⇄ 1 → 2, and 3 → 4. */
function disconnected(): RoadGraph {
  return {
    profile: 'car',
    numVertices: 5,
    numArcs: 4,
    vertexLng: Float64Array.from([0, 0.001, 0.002, 0.01, 0.011]),
    vertexLat: Float64Array.from([0, 0, 0, 0, 0]),
    firstOut: Uint32Array.from([0, 1, 3, 3, 4, 4]),
    head: Uint32Array.from([1, 0, 2, 4]),
    durationMs: Uint32Array.from([10_000, 10_000, 12_000, 5_000]),
    lengthCm: Uint32Array.from([11_100, 11_100, 11_100, 11_100]),
    roadClass: new Uint8Array(4),
    wayId: new Float64Array(4),
    geomFirst: new Uint32Array(5),
    geomLng: new Float64Array(0),
    geomLat: new Float64Array(0),
  };
}

describe('roads: plain searches (Dijkstra, A*, bidirectional)', () => {
  for (const queue of ['flatqueue', 'fastpriorityqueue'] as SearchQueueKind[]) {
    it(`Dijkstra one-to-all equals Bellman-Ford on grid cities (${queue})`, () => {
      for (const oneWayShare of [0, 0.3, 0.6]) {
        const g = generateGridCity({ rows: 12, cols: 14, oneWayShare, seed: 7 });
        const dijkstra = new DijkstraSearch(g, { queue });
        for (const s of [0, 17, 100, g.numVertices - 1]) {
          const ref = bellmanFord(g, s);
          const got = dijkstra.oneToAll(s);
          for (let v = 0; v < g.numVertices; v++) assert.equal(got[v], ref[v], `s=${s} v=${v} share=${oneWayShare}`);
        }
      }
    });
  }

  it('A* and bidirectional equal Dijkstra on 3,000 random pairs, and paths recompute to the cost', () => {
    const rand = mulberry32(3);
    for (const [seed, oneWayShare] of [[1, 0], [2, 0.3], [3, 0.6]] as const) {
      const g = generateGridCity({ rows: 25, cols: 20, oneWayShare, seed });
      const dijkstra = new DijkstraSearch(g);
      const astar = new AStarSearch(g);
      const bidir = new BidirectionalSearch(g);
      const slowQueue = new DijkstraSearch(g, { queue: 'fastpriorityqueue' });
      for (let i = 0; i < 1000; i++) {
        const s = Math.floor(rand() * g.numVertices);
        const t = Math.floor(rand() * g.numVertices);
        const want = dijkstra.oneToOne(s, t);
        assert.ok(want >= 0);
        assert.equal(slowQueue.oneToOne(s, t), want);
        assert.equal(astar.oneToOne(s, t), want, `A* s=${s} t=${t}`);
        assert.equal(bidir.oneToOne(s, t), want, `bidirectional s=${s} t=${t}`);
        const pd = pathCost(g, dijkstra.pathArcs(t), s, t);
        assert.equal(pd.ms, want);
        assert.equal(pd.cm, dijkstra.lengthTo(t));
        const pa = pathCost(g, astar.pathArcs(t), s, t);
        assert.equal(pa.ms, want);
        assert.equal(pa.cm, astar.lengthTo(t));
        const pb = pathCost(g, bidir.lastPathArcs(), s, t);
        assert.equal(pb.ms, want);
        assert.equal(pb.cm, bidir.lastLengthCm());
      }
    }
  });

  it('A* settles fewer vertices than Dijkstra on average', () => {
    const g = generateGridCity({ rows: 30, cols: 30, oneWayShare: 0.3, seed: 5 });
    const rand = mulberry32(9);
    const dijkstra = new DijkstraSearch(g);
    const astar = new AStarSearch(g);
    let nd = 0;
    let na = 0;
    for (let i = 0; i < 300; i++) {
      const s = Math.floor(rand() * g.numVertices);
      const t = Math.floor(rand() * g.numVertices);
      dijkstra.oneToOne(s, t);
      nd += dijkstra.settledCount;
      astar.oneToOne(s, t);
      na += astar.settledCount;
    }
    assert.ok(na < nd, `A* settled ${na}, Dijkstra ${nd}`);
  });

  it('unreachable pairs give UNREACHABLE in every search; source = target gives 0', () => {
    const g = disconnected();
    const searches = [new DijkstraSearch(g), new AStarSearch(g), new BidirectionalSearch(g)];
    for (const search of searches) {
      assert.equal(search.oneToOne(0, 4), UNREACHABLE);
      assert.equal(search.oneToOne(2, 0), UNREACHABLE);
      assert.equal(search.oneToOne(0, 2), 22_000);
      assert.equal(search.oneToOne(3, 3), 0);
    }
    assert.deepEqual([...new DijkstraSearch(g).oneToAll(1)], [10_000, 0, 12_000, UNREACHABLE, UNREACHABLE]);
  });

  it('multi-seed runs with offsets stop once every target is settled and equal the best seed', () => {
    const g = generateGridCity({ rows: 15, cols: 15, oneWayShare: 0.3, seed: 11 });
    const search = new DijkstraSearch(g);
    const ref = new DijkstraSearch(g);
    const seeds = [3, 120];
    const offsets = [4_000, 9_500];
    const targets = [200, 17, 64];
    search.run(seeds, offsets, targets);
    assert.ok(search.settledCount < g.numVertices);
    for (const t of targets) {
      const want = Math.min(offsets[0]! + ref.oneToOne(seeds[0]!, t), offsets[1]! + ref.oneToOne(seeds[1]!, t));
      assert.equal(search.costTo(t), want);
    }
  });

  it('rejects vertex indices out of range, naming the field', () => {
    const g = generateGridCity({ rows: 3, cols: 3 });
    assert.throws(() => new DijkstraSearch(g).oneToOne(0, 9), /target must be a vertex index in \[0, 8\], got 9/);
    assert.throws(() => new AStarSearch(g).oneToOne(-1, 0), /source must be a vertex index/);
    assert.throws(() => new BidirectionalSearch(g).oneToOne(0.5, 0), /source must be a vertex index/);
    assert.throws(() => new DijkstraSearch(g).run([0], [0], [99]), /targets\[0\] must be a vertex index/);
  });
});
