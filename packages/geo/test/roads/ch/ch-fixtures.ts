/** Hand-built graphs and random endpoints for the contraction-hierarchy tests. */
import { mulberry32, type ChSeeds, type RoadGraph } from '@o2o/geo';

/** A RoadGraph from an arc list `[tail, head, durationMs, lengthCm]` (arcs sorted by tail here). */
export function graphFromArcs(numVertices: number, arcs: ReadonlyArray<readonly [number, number, number, number]>): RoadGraph {
  const sorted = arcs.map((a, i) => ({ a, i })).sort((x, y) => x.a[0] - y.a[0] || x.i - y.i);
  const m = sorted.length;
  const firstOut = new Uint32Array(numVertices + 1);
  const head = new Uint32Array(m);
  const durationMs = new Uint32Array(m);
  const lengthCm = new Uint32Array(m);
  sorted.forEach(({ a: [u, v, d, l] }, i) => {
    firstOut[u + 1]!++;
    head[i] = v;
    durationMs[i] = d;
    lengthCm[i] = l;
  });
  for (let v = 0; v < numVertices; v++) firstOut[v + 1]! += firstOut[v]!;
  return {
    profile: 'car',
    numVertices,
    numArcs: m,
    vertexLng: new Float64Array(numVertices),
    vertexLat: new Float64Array(numVertices),
    firstOut,
    head,
    durationMs,
    lengthCm,
    roadClass: new Uint8Array(m),
    wayId: new Float64Array(m),
    geomFirst: new Uint32Array(m + 1),
    geomLng: new Float64Array(0),
    geomLat: new Float64Array(0),
  };
}

/**
 * Seven vertices in three islands: 0 ⇄ 1 → 2 (2 is a dead end), 3 ⇄ 4 with a parallel slower arc
 * and a self-loop, and 5, 6 without any arc.
 */
export function disconnectedGraph(): RoadGraph {
  const n = 7;
  const firstOut = Uint32Array.of(0, 1, 3, 3, 6, 7, 7, 7);
  return {
    profile: 'car',
    numVertices: n,
    numArcs: 7,
    vertexLng: new Float64Array(n),
    vertexLat: new Float64Array(n),
    firstOut,
    //          0→1  1→0 1→2  3→4 3→4 3→3  4→3
    head: Uint32Array.of(1, 0, 2, 4, 4, 3, 3),
    durationMs: Uint32Array.of(1000, 1200, 500, 900, 700, 50, 800),
    lengthCm: Uint32Array.of(1500, 1500, 800, 1000, 1100, 10, 1000),
    roadClass: new Uint8Array(7),
    wayId: new Float64Array(7),
    geomFirst: new Uint32Array(8),
    geomLng: new Float64Array(0),
    geomLat: new Float64Array(0),
  };
}

/** `count` random seed sets of 1–3 vertices with offsets up to `maxOffsetMs` (integers) and lengths. */
export function randomSeeds(n: number, count: number, seed: number, maxOffsetMs = 30_000): ChSeeds[] {
  const rng = mulberry32(seed);
  const out: ChSeeds[] = [];
  for (let i = 0; i < count; i++) {
    const k = 1 + Math.floor(rng() * 3);
    const vertices: number[] = [];
    const offsetsMs: number[] = [];
    const lengthsCm: number[] = [];
    for (let j = 0; j < k; j++) {
      vertices.push(Math.floor(rng() * n));
      offsetsMs.push(Math.floor(rng() * maxOffsetMs));
      lengthsCm.push(Math.floor(rng() * 20_000));
    }
    out.push({ vertices, offsetsMs, lengthsCm });
  }
  return out;
}

/** `count` random vertex ids. */
export function randomVertices(n: number, count: number, seed: number): number[] {
  const rng = mulberry32(seed);
  return Array.from({ length: count }, () => Math.floor(rng() * n));
}
