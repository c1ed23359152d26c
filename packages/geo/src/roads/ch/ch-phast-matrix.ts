/**
 * Many-to-many travel times on a contraction hierarchy by RPHAST (Delling, Goldberg, Werneck):
 * the vertices that can reach a target by climbing down arcs backwards (the union of the targets'
 * backward search spaces) are selected once and laid out in descending rank; then, for each
 * source, an upward search seeds their times and one linear sweep over the selection reads the
 * down arcs and finishes every time. Several sources share a sweep (one pass over the arcs, a
 * lane per source), which is what makes it fast on city graphs.
 */
import type { ChEndpoint, FlatEndpoints } from './ch-endpoint.js';
import { matrixBuffers, matrixInputs, resolveMatrixOptions, type ChMatrixOptions, type ChMatrixResult } from './ch-matrix-result.js';
import type { ChSearchGraph } from './ch-search-graph.js';
import { CH_UNREACHABLE } from './ch-query.js';
import { ChUpwardSearch } from './ch-upward-search.js';
import type { ContractionHierarchy } from './contraction-hierarchy.js';

/**
 * Fastest times (and lengths) from every source to every target by RPHAST; endpoints are vertex
 * ids or seed sets with offsets (see {@link ChEndpoint}). `options.sourcesPerSweep` sources share
 * each sweep (default 16). Throws `GeoInputError` for bad endpoints or options.
 */
export function chPhastMatrix(
  ch: ContractionHierarchy,
  sources: readonly ChEndpoint[],
  targets: readonly ChEndpoint[],
  options: ChMatrixOptions = {},
): ChMatrixResult {
  const { g, src, tgt } = matrixInputs(ch, sources, targets, options);
  return phastMatrix(g, src, tgt, selectTargetSpace(g, tgt), options);
}

/** RPHAST on validated, flattened endpoints and a precomputed target space (internal; see {@link chMatrix}). */
export function phastMatrix(g: ChSearchGraph, src: FlatEndpoints, tgt: FlatEndpoints, sel: TargetSpace, options: ChMatrixOptions): ChMatrixResult {
  const { lengths, sourcesPerSweep } = resolveMatrixOptions(options);
  const numS = src.count;
  const numT = tgt.count;
  const { durationMs, lengthCm } = matrixBuffers(options, numS, numT, lengths);
  if (numS === 0 || numT === 0) return { numSources: numS, numTargets: numT, durationMs, lengthCm };

  const lanes = Math.min(sourcesPerSweep, numS);
  const k = sel.size;
  const dist = new Float64Array(k * lanes);
  const len = lengths ? new Float64Array(k * lanes) : undefined;
  const up = new ChUpwardSearch(g, true);
  const { localOf } = sel;
  // Target seeds as local indices, for reading the cells.
  const tgtLocal = new Int32Array(tgt.rankOf.length);
  for (let i = 0; i < tgtLocal.length; i++) tgtLocal[i] = localOf[tgt.rankOf[i]!]!;
  const { first: tgtFirst, offsetMs: tgtOffMs, offsetCm: tgtOffCm } = tgt;

  for (let s0 = 0; s0 < numS; s0 += lanes) {
    const batch = Math.min(lanes, numS - s0);
    dist.fill(Infinity);
    // Phase 1: an upward search per source fills its lane.
    for (let l = 0; l < batch; l++) {
      const i = s0 + l;
      up.run(src.rankOf, src.offsetMs, src.offsetCm, src.first[i]!, src.first[i + 1]!, lengths);
      const { settled, dist: ud, len: ul } = up;
      for (let j = 0; j < up.numSettled; j++) {
        const v = settled[j]!;
        const x = localOf[v]!;
        if (x < 0) continue;
        dist[x * lanes + l] = ud[v]!;
        if (len) len[x * lanes + l] = ul[v]!;
      }
    }
    // Phase 2: the sweep, in descending rank (ascending local index).
    sweep(sel, lanes, dist, len);
    // Phase 3: per target (its lanes are adjacent in memory), the best seed for each source.
    for (let j = 0; j < numT; j++) {
      const q0 = tgtFirst[j]!;
      const q1 = tgtFirst[j + 1]!;
      if (q1 - q0 === 1) {
        // One seed (the common case): no choice to make.
        const base = tgtLocal[q0]! * lanes;
        const om = tgtOffMs[q0]!;
        const oc = tgtOffCm[q0]!;
        let cell = s0 * numT + j;
        for (let l = 0; l < batch; l++, cell += numT) {
          const d = dist[base + l]!;
          if (d === Infinity) {
            durationMs[cell] = CH_UNREACHABLE;
            if (lengthCm) lengthCm[cell] = CH_UNREACHABLE;
          } else {
            durationMs[cell] = d + om;
            if (lengthCm) lengthCm[cell] = len![base + l]! + oc;
          }
        }
        continue;
      }
      for (let l = 0; l < batch; l++) {
        let best = Infinity;
        let bestLen = CH_UNREACHABLE;
        for (let q = q0; q < q1; q++) {
          const x = tgtLocal[q]! * lanes + l;
          const c = dist[x]! + tgtOffMs[q]!;
          if (c < best) {
            best = c;
            if (len) bestLen = len[x]! + tgtOffCm[q]!;
          }
        }
        const cell = (s0 + l) * numT + j;
        durationMs[cell] = best === Infinity ? CH_UNREACHABLE : best;
        if (lengthCm) lengthCm[cell] = bestLen;
      }
    }
  }
  return { numSources: numS, numTargets: numT, durationMs, lengthCm };
}

/** The selected vertices in descending rank, with their down arcs in local indices (internal). */
export interface TargetSpace {
  readonly size: number;
  /** Selected vertices plus their down arcs: the sweep's work per source. */
  readonly work: number;
  /** Rank → local index, -1 when not selected. */
  readonly localOf: Int32Array;
  readonly first: Int32Array;
  /** Local index of the (higher) tail of each down arc; always below the arc's own local index. */
  readonly tail: Int32Array;
  readonly dur: Float64Array;
  readonly len: Float64Array;
}

/** The union of the targets' backward search spaces, laid out for the sweep (internal). */
export function selectTargetSpace(g: ChSearchGraph, tgt: FlatEndpoints): TargetSpace {
  const n = g.numVertices;
  const { downFirst, downTail, downDur, downLen } = g;
  const mark = new Uint8Array(n);
  const stack = new Int32Array(n);
  let sp = 0;
  for (let i = 0; i < tgt.rankOf.length; i++) {
    const r = tgt.rankOf[i]!;
    if (!mark[r]) {
      mark[r] = 1;
      stack[sp++] = r;
    }
  }
  while (sp > 0) {
    const v = stack[--sp]!;
    for (let a = downFirst[v]!; a < downFirst[v + 1]!; a++) {
      const w = downTail[a]!;
      if (!mark[w]) {
        mark[w] = 1;
        stack[sp++] = w;
      }
    }
  }
  const localOf = new Int32Array(n).fill(-1);
  let size = 0;
  let numArcs = 0;
  for (let r = n - 1; r >= 0; r--) {
    if (!mark[r]) continue;
    localOf[r] = size++;
    numArcs += downFirst[r + 1]! - downFirst[r]!;
  }
  const first = new Int32Array(size + 1);
  const tail = new Int32Array(numArcs);
  const dur = new Float64Array(numArcs);
  const len = new Float64Array(numArcs);
  let x = 0;
  let e = 0;
  for (let r = n - 1; r >= 0; r--) {
    if (!mark[r]) continue;
    first[x++] = e;
    for (let a = downFirst[r]!; a < downFirst[r + 1]!; a++) {
      tail[e] = localOf[downTail[a]!]!;
      dur[e] = downDur[a]!;
      len[e++] = downLen[a]!;
    }
  }
  first[size] = e;
  return { size, work: size + e, localOf, first, tail, dur, len };
}

/**
 * The sweep: for each selected vertex in descending rank, relax its down arcs from the (already
 * final) higher tails, for every lane (and carry the lengths along when `len` is given).
 * `lanes === 16` runs an unrolled kernel (about 2× faster in V8).
 */
function sweep(sel: TargetSpace, lanes: number, dist: Float64Array, len: Float64Array | undefined): void {
  if (lanes === 16) {
    if (len) sweep16WithLengths(sel, dist, len);
    else sweep16(sel, dist);
    return;
  }
  const { size, first, tail, dur, len: arcLen } = sel;
  for (let x = 0; x < size; x++) {
    const bx = x * lanes;
    for (let a = first[x]!, end = first[x + 1]!; a < end; a++) {
      const bt = tail[a]! * lanes;
      const c = dur[a]!;
      const cl = arcLen[a]!;
      for (let l = 0; l < lanes; l++) {
        const nd = dist[bt + l]! + c;
        if (nd < dist[bx + l]!) {
          dist[bx + l] = nd;
          if (len) len[bx + l] = len[bt + l]! + cl;
        }
      }
    }
  }
}

function sweep16(sel: TargetSpace, dist: Float64Array): void {
  const { size, first, tail, dur } = sel;
  for (let x = 0; x < size; x++) {
    const bx = x * 16;
    for (let a = first[x]!, end = first[x + 1]!; a < end; a++) {
      const bt = tail[a]! * 16;
      const c = dur[a]!;
      let nd: number;
      nd = dist[bt + 0]! + c;
      if (nd < dist[bx + 0]!) dist[bx + 0] = nd;
      nd = dist[bt + 1]! + c;
      if (nd < dist[bx + 1]!) dist[bx + 1] = nd;
      nd = dist[bt + 2]! + c;
      if (nd < dist[bx + 2]!) dist[bx + 2] = nd;
      nd = dist[bt + 3]! + c;
      if (nd < dist[bx + 3]!) dist[bx + 3] = nd;
      nd = dist[bt + 4]! + c;
      if (nd < dist[bx + 4]!) dist[bx + 4] = nd;
      nd = dist[bt + 5]! + c;
      if (nd < dist[bx + 5]!) dist[bx + 5] = nd;
      nd = dist[bt + 6]! + c;
      if (nd < dist[bx + 6]!) dist[bx + 6] = nd;
      nd = dist[bt + 7]! + c;
      if (nd < dist[bx + 7]!) dist[bx + 7] = nd;
      nd = dist[bt + 8]! + c;
      if (nd < dist[bx + 8]!) dist[bx + 8] = nd;
      nd = dist[bt + 9]! + c;
      if (nd < dist[bx + 9]!) dist[bx + 9] = nd;
      nd = dist[bt + 10]! + c;
      if (nd < dist[bx + 10]!) dist[bx + 10] = nd;
      nd = dist[bt + 11]! + c;
      if (nd < dist[bx + 11]!) dist[bx + 11] = nd;
      nd = dist[bt + 12]! + c;
      if (nd < dist[bx + 12]!) dist[bx + 12] = nd;
      nd = dist[bt + 13]! + c;
      if (nd < dist[bx + 13]!) dist[bx + 13] = nd;
      nd = dist[bt + 14]! + c;
      if (nd < dist[bx + 14]!) dist[bx + 14] = nd;
      nd = dist[bt + 15]! + c;
      if (nd < dist[bx + 15]!) dist[bx + 15] = nd;
    }
  }
}

function sweep16WithLengths(sel: TargetSpace, dist: Float64Array, len: Float64Array): void {
  const { size, first, tail, dur, len: arcLen } = sel;
  for (let x = 0; x < size; x++) {
    const bx = x * 16;
    for (let a = first[x]!, end = first[x + 1]!; a < end; a++) {
      const bt = tail[a]! * 16;
      const c = dur[a]!;
      const cl = arcLen[a]!;
      let nd: number;
      nd = dist[bt + 0]! + c;
      if (nd < dist[bx + 0]!) {
        dist[bx + 0] = nd;
        len[bx + 0] = len[bt + 0]! + cl;
      }
      nd = dist[bt + 1]! + c;
      if (nd < dist[bx + 1]!) {
        dist[bx + 1] = nd;
        len[bx + 1] = len[bt + 1]! + cl;
      }
      nd = dist[bt + 2]! + c;
      if (nd < dist[bx + 2]!) {
        dist[bx + 2] = nd;
        len[bx + 2] = len[bt + 2]! + cl;
      }
      nd = dist[bt + 3]! + c;
      if (nd < dist[bx + 3]!) {
        dist[bx + 3] = nd;
        len[bx + 3] = len[bt + 3]! + cl;
      }
      nd = dist[bt + 4]! + c;
      if (nd < dist[bx + 4]!) {
        dist[bx + 4] = nd;
        len[bx + 4] = len[bt + 4]! + cl;
      }
      nd = dist[bt + 5]! + c;
      if (nd < dist[bx + 5]!) {
        dist[bx + 5] = nd;
        len[bx + 5] = len[bt + 5]! + cl;
      }
      nd = dist[bt + 6]! + c;
      if (nd < dist[bx + 6]!) {
        dist[bx + 6] = nd;
        len[bx + 6] = len[bt + 6]! + cl;
      }
      nd = dist[bt + 7]! + c;
      if (nd < dist[bx + 7]!) {
        dist[bx + 7] = nd;
        len[bx + 7] = len[bt + 7]! + cl;
      }
      nd = dist[bt + 8]! + c;
      if (nd < dist[bx + 8]!) {
        dist[bx + 8] = nd;
        len[bx + 8] = len[bt + 8]! + cl;
      }
      nd = dist[bt + 9]! + c;
      if (nd < dist[bx + 9]!) {
        dist[bx + 9] = nd;
        len[bx + 9] = len[bt + 9]! + cl;
      }
      nd = dist[bt + 10]! + c;
      if (nd < dist[bx + 10]!) {
        dist[bx + 10] = nd;
        len[bx + 10] = len[bt + 10]! + cl;
      }
      nd = dist[bt + 11]! + c;
      if (nd < dist[bx + 11]!) {
        dist[bx + 11] = nd;
        len[bx + 11] = len[bt + 11]! + cl;
      }
      nd = dist[bt + 12]! + c;
      if (nd < dist[bx + 12]!) {
        dist[bx + 12] = nd;
        len[bx + 12] = len[bt + 12]! + cl;
      }
      nd = dist[bt + 13]! + c;
      if (nd < dist[bx + 13]!) {
        dist[bx + 13] = nd;
        len[bx + 13] = len[bt + 13]! + cl;
      }
      nd = dist[bt + 14]! + c;
      if (nd < dist[bx + 14]!) {
        dist[bx + 14] = nd;
        len[bx + 14] = len[bt + 14]! + cl;
      }
      nd = dist[bt + 15]! + c;
      if (nd < dist[bx + 15]!) {
        dist[bx + 15] = nd;
        len[bx + 15] = len[bt + 15]! + cl;
      }
    }
  }
}
