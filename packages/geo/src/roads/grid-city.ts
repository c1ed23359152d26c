/**
 * Generated grid cities: a deterministic {@link RoadGraph} without any OSM file, for tests,
 * benches and examples. Streets form a jittered grid; every `arterialEvery`-th row and column is a
 * two-way primary road, the rest are residential streets of which a share is one-way. The result
 * is always strongly connected (one-way streets that would strand a junction are made two-way).
 */
import { destination, haversineDistanceM } from '../distance.js';
import { GeoInputError } from '../errors.js';
import { mulberry32 } from '../random.js';
import type { LngLat } from '../types.js';
import { assertIntegerInRange, assertLngLat, assertNumberInRange } from '../validate.js';
import { roadClassCode } from './road-class.js';
import type { RoadGraph } from './road-graph.js';

export interface GridCityOptions {
  /** Junction rows (≥ 2). Default 20. */
  rows?: number;
  /** Junction columns (≥ 2). Default 20. */
  cols?: number;
  /** Mean block length, metres. Default 150. */
  spacingM?: number;
  /** South-west corner. Default Porto `[-8.63, 41.14]`. */
  origin?: LngLat;
  /** Share of residential streets that are one-way, [0, 1]. Default 0.3. */
  oneWayShare?: number;
  /** Every n-th row and column is a primary road. Default 5. */
  arterialEvery?: number;
  /** Residential speed, km/h. Default 25. */
  residentialKmh?: number;
  /** Primary speed, km/h. Default 50. */
  primaryKmh?: number;
  /** Seed of the jitter and one-way choices. Default 1. */
  seed?: number;
}

interface Street {
  readonly u: number;
  readonly v: number;
  readonly primary: boolean;
  /** 0 = two-way, 1 = u→v only, 2 = v→u only. */
  oneWay: 0 | 1 | 2;
}

/** A deterministic grid city (same options → the same graph). Throws `GeoInputError` for bad options. */
export function generateGridCity(options: GridCityOptions = {}): RoadGraph {
  const rows = options.rows ?? 20;
  const cols = options.cols ?? 20;
  const spacingM = options.spacingM ?? 150;
  const origin = options.origin ?? ([-8.63, 41.14] as const);
  const oneWayShare = options.oneWayShare ?? 0.3;
  const arterialEvery = options.arterialEvery ?? 5;
  const residentialKmh = options.residentialKmh ?? 25;
  const primaryKmh = options.primaryKmh ?? 50;
  const seed = options.seed ?? 1;
  assertIntegerInRange('rows', rows, 2, 2000);
  assertIntegerInRange('cols', cols, 2, 2000);
  assertNumberInRange('spacingM', spacingM, 10, 10_000);
  assertLngLat('origin', origin);
  assertNumberInRange('oneWayShare', oneWayShare, 0, 1);
  assertIntegerInRange('arterialEvery', arterialEvery, 1, 10_000);
  assertNumberInRange('residentialKmh', residentialKmh, 1, 200);
  assertNumberInRange('primaryKmh', primaryKmh, 1, 200);
  assertIntegerInRange('seed', seed, 0, 2 ** 32 - 1);
  if (rows * cols > 4_000_000) throw new GeoInputError('GEO_INVALID_ARGUMENT', 'rows × cols', 'must be ≤ 4,000,000', rows * cols);

  const rand = mulberry32(seed);
  const n = rows * cols;
  const lng = new Float64Array(n);
  const lat = new Float64Array(n);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const north = (r + (rand() - 0.5) * 0.4) * spacingM;
      const east = (c + (rand() - 0.5) * 0.4) * spacingM;
      const [nLng, nLat] = destination(origin[0], origin[1], 0, north);
      const [pLng, pLat] = destination(nLng, nLat, 90, east);
      lng[r * cols + c] = pLng;
      lat[r * cols + c] = pLat;
    }
  }
  const streets: Street[] = [];
  const isArterial = (i: number): boolean => i % arterialEvery === 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const v = r * cols + c;
      if (c + 1 < cols) streets.push({ u: v, v: v + 1, primary: isArterial(r), oneWay: 0 });
      if (r + 1 < rows) streets.push({ u: v, v: v + cols, primary: isArterial(c), oneWay: 0 });
    }
  }
  for (const s of streets) {
    if (!s.primary && rand() < oneWayShare) s.oneWay = rand() < 0.5 ? 1 : 2;
  }
  makeStronglyConnected(n, streets);

  const arcs: Array<{ u: number; v: number; primary: boolean }> = [];
  for (const s of streets) {
    if (s.oneWay !== 2) arcs.push({ u: s.u, v: s.v, primary: s.primary });
    if (s.oneWay !== 1) arcs.push({ u: s.v, v: s.u, primary: s.primary });
  }
  arcs.sort((a, b) => a.u - b.u || a.v - b.v);
  const m = arcs.length;
  const firstOut = new Uint32Array(n + 1);
  const head = new Uint32Array(m);
  const durationMs = new Uint32Array(m);
  const lengthCm = new Uint32Array(m);
  const roadClass = new Uint8Array(m);
  const primaryCode = roadClassCode('primary');
  const residentialCode = roadClassCode('residential');
  arcs.forEach((a, i) => {
    firstOut[a.u + 1]!++;
    head[i] = a.v;
    const lengthM = haversineDistanceM(lng[a.u]!, lat[a.u]!, lng[a.v]!, lat[a.v]!);
    const kmh = a.primary ? primaryKmh : residentialKmh;
    lengthCm[i] = Math.round(lengthM * 100);
    durationMs[i] = Math.max(1, Math.round((lengthM / (kmh / 3.6)) * 1000));
    roadClass[i] = a.primary ? primaryCode : residentialCode;
  });
  for (let v = 0; v < n; v++) firstOut[v + 1]! += firstOut[v]!;
  return {
    profile: 'car',
    numVertices: n,
    numArcs: m,
    vertexLng: lng,
    vertexLat: lat,
    firstOut,
    head,
    durationMs,
    lengthCm,
    roadClass,
    wayId: new Float64Array(m),
    geomFirst: new Uint32Array(m + 1),
    geomLng: new Float64Array(0),
    geomLat: new Float64Array(0),
  };
}

/** Turns one-way streets back to two-way until every junction reaches and is reached from junction 0. */
function makeStronglyConnected(n: number, streets: Street[]): void {
  // Each round makes every one-way street touching a stranded junction two-way, then re-checks.
  for (;;) {
    const fwd = reach(n, streets, false);
    const bwd = reach(n, streets, true);
    let fixed = 0;
    for (const s of streets) {
      if (s.oneWay !== 0 && (!fwd[s.u] || !fwd[s.v] || !bwd[s.u] || !bwd[s.v])) {
        s.oneWay = 0;
        fixed++;
      }
    }
    if (fixed === 0) return;
  }
}

function reach(n: number, streets: readonly Street[], backward: boolean): Uint8Array {
  const adj: number[][] = Array.from({ length: n }, () => []);
  const addArc = (from: number, to: number): void => {
    if (backward) adj[to]!.push(from);
    else adj[from]!.push(to);
  };
  for (const s of streets) {
    if (s.oneWay !== 2) addArc(s.u, s.v);
    if (s.oneWay !== 1) addArc(s.v, s.u);
  }
  const seen = new Uint8Array(n);
  const stack = [0];
  seen[0] = 1;
  while (stack.length > 0) {
    const x = stack.pop()!;
    for (const y of adj[x]!) {
      if (!seen[y]) {
        seen[y] = 1;
        stack.push(y);
      }
    }
  }
  return seen;
}
