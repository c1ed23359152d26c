import assert from 'node:assert/strict';
import {
  CH_UNREACHABLE,
  GeoInputError,
  buildContractionHierarchy,
  chBucketMatrix,
  chMatrix,
  chPhastMatrix,
  generateGridCity,
  type ChEndpoint,
  type ChMatrixOptions,
  type ChMatrixResult,
  type ContractionHierarchy,
  type RoadGraph,
} from '@o2o/geo';
import { disconnectedGraph, randomSeeds, randomVertices } from './ch-fixtures.js';
import { ReferenceDijkstra } from './reference-dijkstra.js';

type MatrixFn = (ch: ContractionHierarchy, s: readonly ChEndpoint[], t: readonly ChEndpoint[], o?: ChMatrixOptions) => ChMatrixResult;

const METHODS: Array<[string, MatrixFn, ChMatrixOptions]> = [
  ['chMatrix', chMatrix, {}],
  ['chBucketMatrix', chBucketMatrix, {}],
  ['chBucketMatrix without lengths', chBucketMatrix, { lengths: false }],
  ['chPhastMatrix, 1 source per sweep', chPhastMatrix, { sourcesPerSweep: 1 }],
  ['chPhastMatrix, 3 sources per sweep', chPhastMatrix, { sourcesPerSweep: 3 }],
  ['chPhastMatrix, 16 sources per sweep, no lengths', chPhastMatrix, { sourcesPerSweep: 16, lengths: false }],
];

/** Reference table: times plus the shortest and longest length among fastest paths, per cell. */
function referenceTable(graph: RoadGraph, sources: readonly ChEndpoint[], targets: readonly ChEndpoint[]): { ms: number[]; minCm: number[]; maxCm: number[] } {
  const lo = new ReferenceDijkstra(graph);
  const hi = new ReferenceDijkstra(graph);
  const ms: number[] = [];
  const minCm: number[] = [];
  const maxCm: number[] = [];
  const seeds = (e: ChEndpoint): { v: ArrayLike<number>; o?: ArrayLike<number>; l?: ArrayLike<number> } =>
    typeof e === 'number' ? { v: [e] } : { v: e.vertices, o: e.offsetsMs, l: e.lengthsCm };
  for (const s of sources) {
    const { v, o, l } = seeds(s);
    lo.oneToAll(v, o, l, 'min');
    hi.oneToAll(v, o, l, 'max');
    for (const t of targets) {
      const ts = seeds(t);
      let best = Infinity;
      let bestLo = Infinity;
      let bestHi = -Infinity;
      for (let j = 0; j < ts.v.length; j++) {
        const x = ts.v[j]!;
        const c = lo.distanceTo(x) + (ts.o?.[j] ?? 0);
        const extra = ts.l?.[j] ?? 0;
        if (c < best) {
          best = c;
          bestLo = lo.lengthTo(x) + extra;
          bestHi = hi.lengthTo(x) + extra;
        } else if (c === best) {
          bestLo = Math.min(bestLo, lo.lengthTo(x) + extra);
          bestHi = Math.max(bestHi, hi.lengthTo(x) + extra);
        }
      }
      ms.push(best === Infinity ? CH_UNREACHABLE : best);
      minCm.push(best === Infinity ? CH_UNREACHABLE : bestLo);
      maxCm.push(best === Infinity ? CH_UNREACHABLE : bestHi);
    }
  }
  return { ms, minCm, maxCm };
}

function assertTable(got: ChMatrixResult, ref: { ms: number[]; minCm: number[]; maxCm: number[] }, numS: number, numT: number, lengths: boolean): void {
  assert.equal(got.numSources, numS);
  assert.equal(got.numTargets, numT);
  assert.equal(got.durationMs.length, numS * numT);
  let mismatches = 0;
  for (let c = 0; c < numS * numT; c++) if (got.durationMs[c] !== ref.ms[c]) mismatches++;
  assert.equal(mismatches, 0, 'time mismatches');
  if (!lengths) {
    assert.equal(got.lengthCm, undefined);
    return;
  }
  assert.ok(got.lengthCm);
  for (let c = 0; c < numS * numT; c++) {
    const l = got.lengthCm[c]!;
    assert.ok(l >= ref.minCm[c]! && l <= ref.maxCm[c]!, `cell ${c}: length ${l} outside [${ref.minCm[c]}, ${ref.maxCm[c]}]`);
  }
}

describe('contraction hierarchy: many-to-many matrices', () => {
  const CITIES = [
    { rows: 14, cols: 16, oneWayShare: 0, seed: 31 },
    { rows: 22, cols: 20, oneWayShare: 0.3, seed: 32 },
    { rows: 20, cols: 24, oneWayShare: 0.6, seed: 33 },
  ];
  for (const city of CITIES) {
    describe(`grid city ${city.rows}×${city.cols}, one-way share ${city.oneWayShare}`, () => {
      const graph = generateGridCity(city);
      const ch = buildContractionHierarchy(graph);
      const n = graph.numVertices;
      const sources: ChEndpoint[] = [...randomVertices(n, 30, city.seed), ...randomSeeds(n, 15, city.seed + 1)];
      const targets: ChEndpoint[] = [...randomSeeds(n, 20, city.seed + 2), ...randomVertices(n, 27, city.seed + 3)];
      const ref = referenceTable(graph, sources, targets);
      for (const [name, fn, options] of METHODS) {
        it(`${name} equals one-to-all Dijkstra on every cell (seeds with offsets included)`, () => {
          assertTable(fn(ch, sources, targets, options), ref, sources.length, targets.length, options.lengths !== false);
        });
      }
      it('all vertices to all vertices on a corner of the city (PHAST and buckets agree with Dijkstra)', () => {
        const all = Array.from({ length: Math.min(n, 120) }, (_, i) => i * Math.floor(n / 120));
        const r = referenceTable(graph, all, all);
        assertTable(chPhastMatrix(ch, all, all), r, all.length, all.length, true);
        assertTable(chBucketMatrix(ch, all, all), r, all.length, all.length, true);
      });
    });
  }

  it('carries lengths apart when offsets are fractional (no packing) and still matches Dijkstra', () => {
    const graph = generateGridCity({ rows: 18, cols: 17, oneWayShare: 0.4, seed: 41 });
    const ch = buildContractionHierarchy(graph);
    const n = graph.numVertices;
    const frac = (seeds: ChEndpoint[]): ChEndpoint[] =>
      seeds.map((e, i) => (typeof e === 'number' ? e : { ...e, offsetsMs: Array.from(e.offsetsMs!, (o) => o + [0.25, 0.5, 0.75][i % 3]!) }));
    const sources = frac([...randomSeeds(n, 20, 42), ...randomVertices(n, 10, 43)]);
    const targets = frac([...randomVertices(n, 15, 44), ...randomSeeds(n, 20, 45)]);
    const ref = referenceTable(graph, sources, targets);
    for (const [, fn, options] of METHODS) assertTable(fn(ch, sources, targets, options), ref, sources.length, targets.length, options.lengths !== false);
  });

  it('writes into caller arrays when given `into`, and checks their size', () => {
    const graph = generateGridCity({ rows: 9, cols: 9, oneWayShare: 0.3, seed: 46 });
    const ch = buildContractionHierarchy(graph);
    const s = [0, 5, 17];
    const t = [3, 80, 40, 41];
    for (const fn of [chMatrix, chBucketMatrix, chPhastMatrix]) {
      const into = { durationMs: new Float64Array(12).fill(123), lengthCm: new Float64Array(12).fill(456) };
      const got = fn(ch, s, t, { into });
      assert.equal(got.durationMs, into.durationMs);
      assert.equal(got.lengthCm, into.lengthCm);
      assert.deepEqual(Array.from(got.durationMs), Array.from(fn(ch, s, t).durationMs));
      assert.throws(() => fn(ch, s, t, { into: { durationMs: new Float64Array(11), lengthCm: new Float64Array(12) } }), GeoInputError);
      assert.throws(() => fn(ch, s, t, { into: { durationMs: new Float64Array(12) } }), GeoInputError);
      assert.equal(fn(ch, s, t, { into: { durationMs: new Float64Array(12) }, lengths: false }).lengthCm, undefined);
    }
  });

  describe('disconnected hand-built graph', () => {
    const graph = disconnectedGraph();
    const ch = buildContractionHierarchy(graph);
    const all = [0, 1, 2, 3, 4, 5, 6];
    const ref = referenceTable(graph, all, all);
    for (const [name, fn, options] of METHODS) {
      it(`${name} marks unreachable cells with -1`, () => {
        const got = fn(ch, all, all, options);
        assertTable(got, ref, 7, 7, options.lengths !== false);
        assert.equal(got.durationMs[0 * 7 + 3], CH_UNREACHABLE);
        assert.equal(got.durationMs[0 * 7 + 2], 1500);
        assert.equal(got.durationMs[3 * 7 + 4], 700);
        assert.equal(got.durationMs[5 * 7 + 5], 0);
      });
    }
  });

  it('handles empty source or target lists', () => {
    const ch = buildContractionHierarchy(generateGridCity({ rows: 4, cols: 4 }));
    for (const fn of [chMatrix, chBucketMatrix, chPhastMatrix]) {
      const a = fn(ch, [], [1, 2]);
      assert.equal(a.durationMs.length, 0);
      assert.equal(a.numTargets, 2);
      const b = fn(ch, [1, 2, 3], []);
      assert.equal(b.durationMs.length, 0);
      assert.equal(b.numSources, 3);
    }
  });

  it('rejects bad endpoints and options with GeoInputError', () => {
    const ch = buildContractionHierarchy(generateGridCity({ rows: 4, cols: 4 }));
    for (const fn of [chMatrix, chBucketMatrix, chPhastMatrix]) {
      assert.throws(() => fn(ch, [16], [0]), GeoInputError);
      assert.throws(() => fn(ch, [0], [{ vertices: [] }]), GeoInputError);
      assert.throws(() => fn(ch, [{ vertices: [1], offsetsMs: [-5] }], [0]), GeoInputError);
      assert.throws(() => fn(ch, [{ vertices: [1, 2], offsetsMs: [5] }], [0]), GeoInputError);
      assert.throws(() => fn(ch, [0], [1], { sourcesPerSweep: 0 }), GeoInputError);
    }
  });
});
