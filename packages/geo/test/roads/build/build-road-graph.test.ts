import assert from 'node:assert/strict';
import {
  GeoInputError,
  assertRoadGraph,
  buildRoadGraphFromOsm,
  haversineDistanceM,
  roadClassCode,
  stronglyConnectedComponents,
  type OsmNodeInput,
  type OsmRoadInput,
  type OsmWayInput,
} from '@o2o/geo';
import { arcKeys, findArc, namedArcs, round7 } from './graph-helpers.js';

const node = (id: number, lng: number, lat: number): OsmNodeInput => ({ id, lng: round7(lng), lat: round7(lat) });
const way = (id: number, refs: number[], tags: Record<string, string> = { highway: 'residential' }): OsmWayInput => ({ id, refs, tags });
const lengthM = (nodes: readonly OsmNodeInput[], ids: readonly number[]): number => {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  let sum = 0;
  for (let i = 1; i < ids.length; i++) {
    const a = byId.get(ids[i - 1]!)!;
    const b = byId.get(ids[i]!)!;
    sum += haversineDistanceM(a.lng, a.lat, b.lng, b.lat);
  }
  return sum;
};

describe('buildRoadGraphFromOsm', () => {
  describe('degree-2 compression', () => {
    // 1 — 2 — 3 — 4 — 5 along one way, with a side street 4 — 6 and a return 6 — 5 — keeps it an SCC.
    const nodes = [node(1, 7.42, 43.73), node(2, 7.4205, 43.7302), node(3, 7.4211, 43.7301), node(4, 7.422, 43.73), node(5, 7.423, 43.73), node(6, 7.422, 43.731)];
    const input: OsmRoadInput = { nodes, ways: [way(10, [1, 2, 3, 4, 5]), way(11, [4, 6], { highway: 'primary' }), way(12, [6, 5])] };

    it('makes vertices of way ends and shared nodes only', () => {
      const { graph, stats } = buildRoadGraphFromOsm(input, { profile: 'car' });
      assertRoadGraph(graph);
      assert.equal(graph.numVertices, 4); // 1, 4, 5, 6
      assert.deepEqual(arcKeys(graph, nodes), ['1>4', '4>1', '4>5', '4>6', '5>4', '5>6', '6>4', '6>5']);
      assert.equal(stats.verticesBeforeScc, 4);
      assert.equal(stats.sccCount, 1);
    });

    it('sums haversine lengths over the chain and keeps shape points in travel order', () => {
      const { graph } = buildRoadGraphFromOsm(input, { profile: 'car' });
      const forward = findArc(graph, nodes, 1, 4)!;
      const backward = findArc(graph, nodes, 4, 1)!;
      const m = lengthM(nodes, [1, 2, 3, 4]);
      assert.equal(forward.lengthCm, Math.round(m * 100));
      assert.equal(forward.durationMs, Math.round((m * 3600) / 25));
      assert.deepEqual(forward.geometry, [
        [nodes[1]!.lng, nodes[1]!.lat],
        [nodes[2]!.lng, nodes[2]!.lat],
      ]);
      assert.deepEqual(backward.geometry, [...forward.geometry].reverse());
      assert.equal(backward.lengthCm, forward.lengthCm);
      assert.equal(forward.wayId, 10);
      assert.equal(forward.roadClass, roadClassCode('residential'));
      const side = findArc(graph, nodes, 4, 6)!;
      assert.equal(side.roadClass, roadClassCode('primary'));
      assert.deepEqual(side.geometry, []);
      assert.equal(side.durationMs, Math.round((lengthM(nodes, [4, 6]) * 3600) / 65));
    });

    it('stores arcs in CSR order: by tail, then head', () => {
      const { graph } = buildRoadGraphFromOsm(input, { profile: 'car' });
      for (let v = 0; v < graph.numVertices; v++) {
        for (let a = graph.firstOut[v]! + 1; a < graph.firstOut[v + 1]!; a++) assert.ok(graph.head[a - 1]! < graph.head[a]!);
      }
      assert.equal(graph.geomFirst[graph.numArcs], graph.geomLng.length);
    });

    it('makes a vertex of a node a way visits twice, and drops the loop it closes', () => {
      // way 20 goes 1 → 2 → 3 → 4 → 2 → 5: node 2 is visited twice; 2 → 3 → 4 → 2 is a self-loop.
      const loopNodes = [node(1, 7.42, 43.73), node(2, 7.421, 43.73), node(3, 7.4215, 43.7305), node(4, 7.4205, 43.7305), node(5, 7.422, 43.73)];
      const { graph, stats } = buildRoadGraphFromOsm({ nodes: loopNodes, ways: [way(20, [1, 2, 3, 4, 2, 5])] }, { profile: 'car' });
      assert.deepEqual(arcKeys(graph, loopNodes), ['1>2', '2>1', '2>5', '5>2']);
      assert.equal(stats.selfLoopsDropped, 2);
    });

    it('ignores repeated consecutive refs', () => {
      const { graph } = buildRoadGraphFromOsm({ nodes: input.nodes, ways: [way(10, [1, 1, 2, 2, 3, 4, 5, 5])] }, { profile: 'car' });
      assert.deepEqual(arcKeys(graph, nodes), ['1>5', '5>1']);
      assert.equal(findArc(graph, nodes, 1, 5)!.geometry.length, 3);
    });
  });

  describe('parallel arcs', () => {
    const nodes = [node(1, 7.42, 43.73), node(2, 7.422, 43.73), node(3, 7.421, 43.7303)];

    it('keeps the fastest of parallel arcs, per direction', () => {
      // Slow residential detour 1 – 3 – 2 (3 is a shape point) and a one-way primary 1 → 2.
      const ways = [way(30, [1, 3, 2]), way(31, [1, 2], { highway: 'primary', oneway: 'yes' })];
      const { graph, stats } = buildRoadGraphFromOsm({ nodes, ways }, { profile: 'car' });
      assert.deepEqual(arcKeys(graph, nodes), ['1>2', '2>1']);
      const there = findArc(graph, nodes, 1, 2)!;
      const back = findArc(graph, nodes, 2, 1)!;
      assert.equal(there.wayId, 31);
      assert.equal(there.durationMs, Math.round((lengthM(nodes, [1, 2]) * 3600) / 65));
      assert.deepEqual(there.geometry, []);
      assert.equal(back.wayId, 30);
      assert.deepEqual(back.geometry, [[nodes[2]!.lng, nodes[2]!.lat]]);
      assert.equal(stats.parallelArcsDropped, 1);
    });

    it('breaks duration ties by length', () => {
      // Same speed; the straight way is shorter, so faster; swap order to show order does not matter.
      for (const ways of [
        [way(40, [1, 3, 2]), way(41, [1, 2])],
        [way(41, [1, 2]), way(40, [1, 3, 2])],
      ]) {
        const { graph } = buildRoadGraphFromOsm({ nodes, ways }, { profile: 'car' });
        assert.equal(graph.numArcs, 2);
        assert.ok(namedArcs(graph, nodes).every((a) => a.wayId === 41));
      }
    });
  });

  describe('strongly connected components', () => {
    // A two-way triangle 1-2-3, a one-way spur 3 → 9 (a dead end) and a separate two-way island 7 – 8.
    const nodes = [node(1, 7.42, 43.73), node(2, 7.422, 43.73), node(3, 7.421, 43.732), node(9, 7.424, 43.734), node(7, 7.43, 43.74), node(8, 7.431, 43.74)];
    const ways = [
      way(50, [1, 2]),
      way(51, [2, 3]),
      way(52, [3, 1]),
      way(53, [3, 9], { highway: 'service', oneway: 'yes' }),
      way(54, [7, 8]),
    ];

    it('keeps only the largest SCC and re-indexes densely in node order', () => {
      const { graph, stats } = buildRoadGraphFromOsm({ nodes, ways }, { profile: 'car' });
      assertRoadGraph(graph);
      assert.equal(stats.verticesBeforeScc, 6);
      assert.equal(stats.arcsBeforeScc, 6 + 1 + 2);
      assert.equal(stats.sccCount, 3);
      assert.equal(graph.numVertices, 3);
      assert.equal(stats.numArcs, 6);
      assert.deepEqual(arcKeys(graph, nodes), ['1>2', '1>3', '2>1', '2>3', '3>1', '3>2']);
      assert.deepEqual(Array.from(graph.vertexLng), [nodes[0]!.lng, nodes[1]!.lng, nodes[2]!.lng]);
    });

    it('finds components iteratively on a million-vertex path and cycle', () => {
      const n = 1_000_000;
      const firstOut = new Uint32Array(n + 1);
      const head = new Uint32Array(n);
      for (let v = 0; v < n; v++) {
        firstOut[v + 1] = v + 1;
        head[v] = (v + 1) % n;
      }
      const cycle = stronglyConnectedComponents(n, firstOut, head);
      assert.equal(cycle.count, 1);
      assert.equal(cycle.size[0], n);
      // Drop the closing arc: a path, every vertex its own component.
      const pathFirst = firstOut.slice();
      pathFirst[n] = n - 1;
      const path = stronglyConnectedComponents(n, pathFirst, head.subarray(0, n - 1));
      assert.equal(path.count, n);
    });

    it('groups vertices like a reference on random digraphs', () => {
      let seed = 7;
      const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      for (let trial = 0; trial < 30; trial++) {
        const n = 1 + Math.floor(rand() * 40);
        const m = Math.floor(rand() * n * 2);
        const arcs = Array.from({ length: m }, () => [Math.floor(rand() * n), Math.floor(rand() * n)] as const).sort((a, b) => a[0] - b[0]);
        const firstOut = new Uint32Array(n + 1);
        for (const [u] of arcs) firstOut[u + 1]!++;
        for (let v = 0; v < n; v++) firstOut[v + 1]! += firstOut[v]!;
        const head = Uint32Array.from(arcs.map(([, v]) => v));
        const scc = stronglyConnectedComponents(n, firstOut, head);
        // Reference: u and v share a component iff each reaches the other.
        const reach = Array.from({ length: n }, (_, s) => {
          const seen = new Set([s]);
          const stack = [s];
          while (stack.length) {
            const u = stack.pop()!;
            for (let a = firstOut[u]!; a < firstOut[u + 1]!; a++) if (!seen.has(head[a]!)) (seen.add(head[a]!), stack.push(head[a]!));
          }
          return seen;
        });
        for (let u = 0; u < n; u++) {
          for (let v = 0; v < n; v++) assert.equal(scc.component[u] === scc.component[v], reach[u]!.has(v) && reach[v]!.has(u));
        }
        assert.equal(scc.size.reduce((s, x) => s + x, 0), n);
      }
    });
  });

  describe('input', () => {
    const nodes = [node(1, 7.42, 43.73), node(2, 7.422, 43.73), node(3, 7.424, 43.73)];

    it('cuts a way at a missing node and reports it', () => {
      const { graph, stats } = buildRoadGraphFromOsm({ nodes, ways: [way(60, [1, 2, 99, 3]), way(61, [2, 3])] }, { profile: 'car' });
      assert.equal(stats.nodesMissing, 1);
      assert.equal(stats.nodesReferenced, 4);
      assert.deepEqual(arcKeys(graph, nodes), ['1>2', '2>1', '2>3', '3>2']);
    });

    it('clips to a bbox', () => {
      const { graph } = buildRoadGraphFromOsm({ nodes, ways: [way(60, [1, 2, 3])] }, { profile: 'car', bbox: [7.419, 43.72, 7.4225, 43.74] });
      assert.deepEqual(arcKeys(graph, nodes), ['1>2', '2>1']);
    });

    it('validates nodes, ways and tags, naming the field', () => {
      const run = (input: unknown) => () => buildRoadGraphFromOsm(input as OsmRoadInput, { profile: 'car' });
      const ways = [way(60, [1, 2, 3])];
      assert.throws(run({ nodes: [{ id: 1, lng: 7.42, lat: 95 }], ways }), (err: unknown) => err instanceof GeoInputError && err.field === 'input.nodes[0].lat');
      assert.throws(run({ nodes: [{ id: 1.5, lng: 7.42, lat: 43 }], ways }), /input\.nodes\[0\]\.id must be a safe integer, got 1\.5/);
      assert.throws(run({ nodes: [...nodes, nodes[1]], ways }), /input\.nodes\[3\]\.id must be unique \(an earlier node has the same id\), got 2/);
      assert.throws(run({ nodes, ways: [{ id: 60, refs: [1, 'x'], tags: {} }] }), /input\.ways\[0\]\.refs\[1\] must be a safe integer, got "x"/);
      assert.throws(run({ nodes, ways: [{ id: 60, refs: [1, 2], tags: { highway: 3 } }] }), /input\.ways\[0\]\.tags\.highway must be a string, got 3/);
      assert.throws(run({ nodes, ways: [{ id: 60, refs: [1, 2] }] }), /input\.ways\[0\]\.tags must be an object of string values, got undefined/);
      assert.throws(run({ nodes: 'x', ways }), /input\.nodes must be an array/);
      assert.throws(run(null), /input must be an object \{ nodes, ways \}/);
    });

    it('builds identical graphs whatever the node order', () => {
      const a = buildRoadGraphFromOsm({ nodes, ways: [way(60, [1, 2, 3])] }, { profile: 'car' }).graph;
      const b = buildRoadGraphFromOsm({ nodes: [...nodes].reverse(), ways: [way(60, [1, 2, 3])] }, { profile: 'car' }).graph;
      assert.deepEqual(Array.from(a.vertexLng), Array.from(b.vertexLng));
      assert.deepEqual(Array.from(a.head), Array.from(b.head));
    });

    it('gives every arc at least 1 ms', () => {
      const close = [node(1, 7.42, 43.73), node(2, 7.4200001, 43.73)];
      const { graph } = buildRoadGraphFromOsm({ nodes: close, ways: [way(70, [1, 2], { highway: 'motorway', oneway: 'no' })] }, { profile: 'car' });
      assert.deepEqual(Array.from(graph.durationMs), [1, 1]);
      assert.deepEqual(Array.from(graph.lengthCm), [1, 1]);
    });
  });
});
