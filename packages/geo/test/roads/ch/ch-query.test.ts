import assert from 'node:assert/strict';
import {
  CH_UNREACHABLE,
  ChQuery,
  GeoInputError,
  buildContractionHierarchy,
  generateGridCity,
  mulberry32,
  type ContractionHierarchy,
  type RoadGraph,
} from '@o2o/geo';
import { disconnectedGraph, graphFromArcs, randomSeeds } from './ch-fixtures.js';
import { ReferenceDijkstra } from './reference-dijkstra.js';

const CITIES = [
  { rows: 12, cols: 15, oneWayShare: 0, seed: 1 },
  { rows: 20, cols: 20, oneWayShare: 0.3, seed: 2 },
  { rows: 25, cols: 18, oneWayShare: 0.6, seed: 3 },
  { rows: 32, cols: 30, oneWayShare: 0.3, seed: 4 },
  { rows: 16, cols: 16, oneWayShare: 0.6, seed: 5, arterialEvery: 4 },
];

/** Tail of every arc. */
function tails(graph: RoadGraph): Uint32Array {
  const t = new Uint32Array(graph.numArcs);
  for (let u = 0; u < graph.numVertices; u++) t.fill(u, graph.firstOut[u]!, graph.firstOut[u + 1]!);
  return t;
}

/** Checks `arcs` is a chain from `s` to `t` and returns its summed time and length. */
function walk(graph: RoadGraph, tail: Uint32Array, arcs: readonly number[], s: number, t: number): { ms: number; cm: number } {
  let at = s;
  let ms = 0;
  let cm = 0;
  for (const a of arcs) {
    assert.ok(Number.isInteger(a) && a >= 0 && a < graph.numArcs, `arc ${a} out of range`);
    assert.equal(tail[a], at, `arc ${a} does not continue the chain at ${at}`);
    at = graph.head[a]!;
    ms += graph.durationMs[a]!;
    cm += graph.lengthCm[a]!;
  }
  assert.equal(at, t, 'chain does not end at the target');
  return { ms, cm };
}

function assertWellFormed(graph: RoadGraph, ch: ContractionHierarchy): void {
  const n = graph.numVertices;
  assert.equal(ch.numVertices, n);
  const seen = new Uint8Array(n);
  for (let v = 0; v < n; v++) {
    const r = ch.rank[v]!;
    assert.ok(r < n && !seen[r], `rank[${v}] = ${r} repeats or is out of range`);
    seen[r] = 1;
    assert.equal(ch.order[r], v);
  }
  const tail = tails(graph);
  const checkVia = (via: number, from: number, to: number): void => {
    if (via >= 0) {
      assert.equal(tail[via], from);
      assert.equal(graph.head[via], to);
    } else {
      const m = -via - 1;
      assert.ok(ch.rank[m]! < ch.rank[from]! && ch.rank[m]! < ch.rank[to]!, 'a shortcut middle must rank below both ends');
    }
  };
  for (let v = 0; v < n; v++) {
    for (let a = ch.upFirst[v]!; a < ch.upFirst[v + 1]!; a++) {
      assert.ok(ch.rank[ch.upHead[a]!]! > ch.rank[v]!, 'every up arc climbs');
      assert.ok(ch.upDurationMs[a]! >= 1);
      checkVia(ch.upVia[a]!, v, ch.upHead[a]!);
    }
    for (let a = ch.downFirst[v]!; a < ch.downFirst[v + 1]!; a++) {
      assert.ok(ch.rank[ch.downTail[a]!]! > ch.rank[v]!, 'every down arc comes from above');
      checkVia(ch.downVia[a]!, ch.downTail[a]!, v);
    }
  }
}

describe('contraction hierarchy: build and point-to-point queries', () => {
  for (const city of CITIES) {
    describe(`grid city ${city.rows}×${city.cols}, one-way share ${city.oneWayShare}, seed ${city.seed}`, () => {
      const graph = generateGridCity(city);
      const ch = buildContractionHierarchy(graph);
      const tail = tails(graph);

      it('is a well-formed hierarchy (rank a permutation, up arcs climb, vias consistent)', () => {
        assertWellFormed(graph, ch);
      });

      it('answers random pairs exactly like Dijkstra, with valid unpacked paths', () => {
        const q = new ChQuery(ch);
        const ref = new ReferenceDijkstra(graph);
        const rng = mulberry32(city.seed * 101);
        const n = graph.numVertices;
        let mismatches = 0;
        const arcs: number[] = [];
        for (let i = 0; i < 1500; i++) {
          const s = Math.floor(rng() * n);
          const t = Math.floor(rng() * n);
          const got = q.queryVertex(s, t);
          if (got !== ref.query(s, t)) mismatches++;
          q.unpackArcs(arcs);
          assert.equal(q.sourceVertex(), s);
          assert.equal(q.targetVertex(), t);
          const path = walk(graph, tail, arcs, s, t);
          assert.equal(path.ms, got, 'unpacked time equals the returned cost');
          assert.equal(path.cm, q.lengthCm(), 'unpacked length equals the returned length');
        }
        assert.equal(mismatches, 0);
      });

      it('returns the length of a fastest path (between the shortest and longest fastest ones)', () => {
        const q = new ChQuery(ch);
        const lo = new ReferenceDijkstra(graph);
        const hi = new ReferenceDijkstra(graph);
        const rng = mulberry32(city.seed * 7);
        for (let i = 0; i < 10; i++) {
          const s = Math.floor(rng() * graph.numVertices);
          lo.oneToAll([s], undefined, undefined, 'min');
          hi.oneToAll([s], undefined, undefined, 'max');
          for (let t = 0; t < graph.numVertices; t += 3) {
            assert.equal(q.queryVertex(s, t), lo.distanceTo(t));
            const cm = q.lengthCm();
            assert.ok(cm >= lo.lengthTo(t) && cm <= hi.lengthTo(t), `length ${cm} outside [${lo.lengthTo(t)}, ${hi.lengthTo(t)}]`);
          }
        }
      });

      it('handles several seeds with offsets on both ends', () => {
        const q = new ChQuery(ch);
        const ref = new ReferenceDijkstra(graph);
        const sources = randomSeeds(graph.numVertices, 150, city.seed + 11);
        const targets = randomSeeds(graph.numVertices, 150, city.seed + 12);
        const arcs: number[] = [];
        for (let i = 0; i < sources.length; i++) {
          const src = sources[i]!;
          const tgt = targets[i]!;
          ref.oneToAll(src.vertices, src.offsetsMs);
          let expected = Infinity;
          for (let j = 0; j < tgt.vertices.length; j++) expected = Math.min(expected, ref.distanceTo(tgt.vertices[j]!) + tgt.offsetsMs![j]!);
          const got = q.query(src.vertices, src.offsetsMs, tgt.vertices, tgt.offsetsMs, src.lengthsCm, tgt.lengthsCm);
          assert.equal(got, expected);
          // The path runs between the chosen seeds and adds up with their offsets.
          const sv = q.sourceVertex();
          const tv = q.targetVertex();
          q.unpackArcs(arcs);
          const path = walk(graph, tail, arcs, sv, tv);
          const si = [...Array.from(src.vertices).keys()].filter((k) => src.vertices[k] === sv);
          const ti = [...Array.from(tgt.vertices).keys()].filter((k) => tgt.vertices[k] === tv);
          const combos = si.flatMap((a) => ti.map((b) => [a, b] as const));
          assert.ok(
            combos.some(([a, b]) => src.offsetsMs![a]! + path.ms + tgt.offsetsMs![b]! === got && src.lengthsCm![a]! + path.cm + tgt.lengthsCm![b]! === q.lengthCm()),
            'cost and length are offsets plus the unpacked path',
          );
        }
      });
    });
  }

  it('queryEndpoints takes vertex ids or seed objects on either end', () => {
    const graph = generateGridCity({ rows: 14, cols: 14, oneWayShare: 0.3, seed: 8 });
    const q = new ChQuery(buildContractionHierarchy(graph));
    const ref = new ReferenceDijkstra(graph);
    const seeds = randomSeeds(graph.numVertices, 40, 77);
    for (let i = 0; i + 1 < seeds.length; i += 2) {
      const a = seeds[i]!;
      const b = seeds[i + 1]!;
      const v = b.vertices[0]!;
      const full = q.query(a.vertices, a.offsetsMs, b.vertices, b.offsetsMs, a.lengthsCm, b.lengthsCm);
      const fullCm = q.lengthCm();
      assert.equal(q.queryEndpoints(a, b), full);
      assert.equal(q.lengthCm(), fullCm);
      ref.oneToAll(a.vertices, a.offsetsMs);
      assert.equal(q.queryEndpoints(a, v), ref.distanceTo(v));
      ref.oneToAll([v]);
      const expected = Math.min(...Array.from(b.vertices, (x, j) => ref.distanceTo(x) + b.offsetsMs![j]!));
      assert.equal(q.queryEndpoints(v, b), expected);
      assert.equal(q.queryEndpoints(v, v), 0);
    }
  });

  it('is deterministic for the same graph', () => {
    const graph = generateGridCity({ rows: 18, cols: 14, oneWayShare: 0.4, seed: 9 });
    const a = buildContractionHierarchy(graph);
    const b = buildContractionHierarchy(graph);
    for (const key of Object.keys(a) as Array<keyof ContractionHierarchy>) assert.deepEqual(a[key], b[key], key);
  });

  it('stays exact with tiny witness limits (only superfluous shortcuts)', () => {
    const graph = generateGridCity({ rows: 15, cols: 15, oneWayShare: 0.5, seed: 21 });
    const ch = buildContractionHierarchy(graph, { witnessSettledLimit: 1, simulationSettledLimit: 1, witnessHopLimit: 1, simulationHopLimit: 1 });
    assertWellFormed(graph, ch);
    const q = new ChQuery(ch);
    const ref = new ReferenceDijkstra(graph);
    for (let s = 0; s < graph.numVertices; s += 17) {
      ref.oneToAll([s]);
      for (let t = 0; t < graph.numVertices; t++) assert.equal(q.queryVertex(s, t), ref.distanceTo(t));
    }
  });

  describe('disconnected hand-built graph', () => {
    const graph = disconnectedGraph();
    const ch = buildContractionHierarchy(graph);
    const q = new ChQuery(ch);

    it('is well formed', () => assertWellFormed(graph, ch));

    it('answers reachable pairs and keeps the fastest parallel arc', () => {
      assert.equal(q.queryVertex(0, 2), 1500);
      assert.equal(q.lengthCm(), 2300);
      assert.deepEqual(q.unpackArcs(), [0, 2]);
      assert.equal(q.queryVertex(3, 4), 700);
      assert.equal(q.lengthCm(), 1100);
      assert.deepEqual(q.unpackArcs(), [4]);
      assert.equal(q.queryVertex(4, 4), 0);
      assert.equal(q.lengthCm(), 0);
      assert.deepEqual(q.unpackArcs(), []);
    });

    it('returns CH_UNREACHABLE across islands and against one-way arcs', () => {
      for (const [s, t] of [[2, 0], [0, 3], [4, 1], [5, 6], [0, 5], [6, 2]] as const) {
        assert.equal(q.queryVertex(s, t), CH_UNREACHABLE, `${s} → ${t}`);
        assert.equal(q.lengthCm(), CH_UNREACHABLE);
        assert.deepEqual(q.unpackArcs(), []);
        assert.equal(q.sourceVertex(), -1);
      }
      assert.equal(q.query([2, 5], [0, 0], [0, 1], [0, 0]), CH_UNREACHABLE);
      assert.equal(q.query([2, 0], [0, 40], [1, 6], [3, 0]), 1043);
    });
  });

  it('unpacks shortcuts over a long chain iteratively', () => {
    const n = 3000;
    const arcs: Array<[number, number, number, number]> = [];
    for (let v = 0; v + 1 < n; v++) arcs.push([v, v + 1, 1 + (v % 7), 100]);
    const graph = graphFromArcs(n, arcs);
    const q = new ChQuery(buildContractionHierarchy(graph));
    const cost = q.queryVertex(0, n - 1);
    assert.equal(cost, arcs.reduce((sum, a) => sum + a[2], 0));
    assert.deepEqual(q.unpackArcs(), arcs.map((_, i) => i));
    assert.equal(q.lengthCm(), 100 * (n - 1));
    assert.equal(q.queryVertex(n - 1, 0), CH_UNREACHABLE);
  });

  it('rejects bad input with GeoInputError', () => {
    const graph = generateGridCity({ rows: 3, cols: 3 });
    const q = new ChQuery(buildContractionHierarchy(graph));
    assert.throws(() => q.queryVertex(-1, 0), GeoInputError);
    assert.throws(() => q.queryVertex(0, 9), GeoInputError);
    assert.throws(() => q.queryVertex(0.5, 1), GeoInputError);
    assert.throws(() => q.query([], [], [1], [0]), GeoInputError);
    assert.throws(() => q.query([0], [1, 2], [1], [0]), GeoInputError);
    assert.throws(() => q.query([0], [-1], [1], [0]), GeoInputError);
    assert.throws(() => q.query([0], [Number.NaN], [1], [0]), GeoInputError);
    assert.throws(() => buildContractionHierarchy(graph, { witnessSettledLimit: 0 }), GeoInputError);
    assert.throws(() => buildContractionHierarchy({ ...graph, numArcs: 1 }), GeoInputError);
  });
});
