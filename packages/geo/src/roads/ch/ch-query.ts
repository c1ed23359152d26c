/**
 * Point-to-point queries on a {@link ContractionHierarchy}: a bidirectional upward Dijkstra with
 * stall-on-demand, in rank space, on reusable typed-array scratch (no allocation per query).
 */
import { GeoInputError } from '../../errors.js';
import { assertSeedArrays, type ChEndpoint } from './ch-endpoint.js';
import { chSearchGraph, type ChSearchGraph } from './ch-search-graph.js';
import { ChVertexHeap } from './ch-vertex-heap.js';
import type { ContractionHierarchy } from './contraction-hierarchy.js';

/** Cost returned when no path exists. */
export const CH_UNREACHABLE = -1;

const U32_MAX = 0xffffffff;

/**
 * A reusable CH searcher (one per thread / concurrent caller). Each query returns the fastest
 * `durationMs` or {@link CH_UNREACHABLE}; the found path's length, end seeds and original arcs
 * are read afterwards with {@link lengthCm}, {@link sourceVertex}, {@link targetVertex} and
 * {@link unpackArcs}. The search stops a direction once its smallest key reaches the best
 * meeting cost, and skips ("stalls") vertices reached suboptimally through a higher neighbour.
 */
export class ChQuery {
  private readonly g: ChSearchGraph;
  private readonly n: number;
  private readonly distF: Float64Array;
  private readonly distB: Float64Array;
  private readonly stampF: Uint32Array;
  private readonly stampB: Uint32Array;
  /** Arc that reached each vertex: up arc (forward) / down arc (backward) index, or `-seed-1`. */
  private readonly parF: Int32Array;
  private readonly parB: Int32Array;
  private readonly heapF: ChVertexHeap;
  private readonly heapB: ChVertexHeap;
  private readonly chain: Int32Array;
  private readonly stack: Int32Array;
  private gen = 0;
  private best = Infinity;
  private meet = -1;
  private readonly srcScratch = [0];
  private readonly tgtScratch = [0];
  private srcOffCm: ArrayLike<number> | undefined = undefined;
  private tgtOffCm: ArrayLike<number> | undefined = undefined;
  /** Vertices settled (popped) by the last query, both directions (for benches and tuning). */
  settled = 0;

  /** A searcher over `ch` (the rank-space layout is built once per hierarchy and shared). */
  constructor(ch: ContractionHierarchy) {
    const g = chSearchGraph(ch);
    const n = g.numVertices;
    this.g = g;
    this.n = n;
    this.distF = new Float64Array(n);
    this.distB = new Float64Array(n);
    this.stampF = new Uint32Array(n);
    this.stampB = new Uint32Array(n);
    this.parF = new Int32Array(n);
    this.parB = new Int32Array(n);
    this.heapF = new ChVertexHeap(n);
    this.heapB = new ChVertexHeap(n);
    this.chain = new Int32Array(n);
    this.stack = new Int32Array(n + 2);
  }

  /** Fastest time from vertex `s` to vertex `t`, ms, or {@link CH_UNREACHABLE}. Throws `GeoInputError` for a bad vertex id. */
  queryVertex(s: number, t: number): number {
    const n = this.n;
    if (!(s >>> 0 === s && s < n)) throw new GeoInputError('GEO_INVALID_ARGUMENT', 's', `must be a vertex id, an integer in [0, ${n - 1}]`, s);
    if (!(t >>> 0 === t && t < n)) throw new GeoInputError('GEO_INVALID_ARGUMENT', 't', `must be a vertex id, an integer in [0, ${n - 1}]`, t);
    const gen = this.begin();
    const rs = this.g.rank[s]!;
    const rt = this.g.rank[t]!;
    this.stampF[rs] = gen;
    this.distF[rs] = 0;
    this.parF[rs] = -1;
    this.heapF.push(rs, 0);
    this.stampB[rt] = gen;
    this.distB[rt] = 0;
    this.parB[rt] = -1;
    this.heapB.push(rt, 0);
    if (rs === rt) {
      this.best = 0;
      this.meet = rs;
    }
    return this.run();
  }

  /**
   * Fastest time from any source seed to any target seed including the offsets:
   * `min over i, j of sourceOffsetsMs[i] + path(sourceVertices[i], targetVertices[j]) + targetOffsetsMs[j]`,
   * in ms, or {@link CH_UNREACHABLE}. Offsets may be omitted (all 0). The optional `…LengthsCm`
   * are added to {@link lengthCm}. Throws `GeoInputError` for bad vertices or offsets.
   */
  query(
    sourceVertices: ArrayLike<number>,
    sourceOffsetsMs: ArrayLike<number> | undefined,
    targetVertices: ArrayLike<number>,
    targetOffsetsMs: ArrayLike<number> | undefined,
    sourceLengthsCm?: ArrayLike<number>,
    targetLengthsCm?: ArrayLike<number>,
  ): number {
    const n = this.n;
    assertSeedArrays('sources', sourceVertices, sourceOffsetsMs, sourceLengthsCm, n);
    assertSeedArrays('targets', targetVertices, targetOffsetsMs, targetLengthsCm, n);
    const gen = this.begin();
    const { rank } = this.g;
    const { distF, distB, stampF, stampB, parF, parB, heapF, heapB } = this;
    for (let i = 0; i < sourceVertices.length; i++) {
      const r = rank[sourceVertices[i]!]!;
      const o = sourceOffsetsMs === undefined ? 0 : sourceOffsetsMs[i]!;
      if (stampF[r] !== gen) {
        stampF[r] = gen;
        distF[r] = o;
        parF[r] = -i - 1;
        heapF.push(r, o);
      } else if (o < distF[r]!) {
        distF[r] = o;
        parF[r] = -i - 1;
        heapF.decrease(r, o);
      }
    }
    for (let i = 0; i < targetVertices.length; i++) {
      const r = rank[targetVertices[i]!]!;
      const o = targetOffsetsMs === undefined ? 0 : targetOffsetsMs[i]!;
      if (stampB[r] !== gen) {
        stampB[r] = gen;
        distB[r] = o;
        parB[r] = -i - 1;
        heapB.push(r, o);
      } else if (o < distB[r]!) {
        distB[r] = o;
        parB[r] = -i - 1;
        heapB.decrease(r, o);
      }
    }
    for (let i = 0; i < targetVertices.length; i++) {
      const r = rank[targetVertices[i]!]!;
      if (stampF[r] === gen && distF[r]! + distB[r]! < this.best) {
        this.best = distF[r]! + distB[r]!;
        this.meet = r;
      }
    }
    this.srcOffCm = sourceLengthsCm;
    this.tgtOffCm = targetLengthsCm;
    return this.run();
  }

  /**
   * {@link query} between two endpoints, each a vertex id or seeds with offsets (e.g. the
   * `SnapSeeds` of `sourceSeeds` / `targetSeeds`, whose `lengthsCm` count in {@link lengthCm}).
   */
  queryEndpoints(source: ChEndpoint, target: ChEndpoint): number {
    if (typeof source === 'number' && typeof target === 'number') return this.queryVertex(source, target);
    if (typeof source === 'number') {
      this.srcScratch[0] = source;
      const t = target as Exclude<ChEndpoint, number>;
      return this.query(this.srcScratch, undefined, t.vertices, t.offsetsMs, undefined, t.lengthsCm);
    }
    if (typeof target === 'number') {
      this.tgtScratch[0] = target;
      return this.query(source.vertices, source.offsetsMs, this.tgtScratch, undefined, source.lengthsCm, undefined);
    }
    return this.query(source.vertices, source.offsetsMs, target.vertices, target.offsetsMs, source.lengthsCm, target.lengthsCm);
  }

  /** Length of the path found by the last query (incl. `…LengthsCm`), cm, or {@link CH_UNREACHABLE}. */
  lengthCm(): number {
    if (this.meet < 0) return CH_UNREACHABLE;
    const { upLen, upTail, downLen, downLow } = this.g;
    const { parF, parB } = this;
    let len = 0;
    let x = this.meet;
    let a = parF[x]!;
    for (; a >= 0; a = parF[x]!) {
      len += upLen[a]!;
      x = upTail[a]!;
    }
    len += this.srcOffCm?.[-a - 1] ?? 0;
    x = this.meet;
    a = parB[x]!;
    for (; a >= 0; a = parB[x]!) {
      len += downLen[a]!;
      x = downLow[a]!;
    }
    len += this.tgtOffCm?.[-a - 1] ?? 0;
    return len;
  }

  /** Graph vertex where the last query's path starts (the chosen source seed), or -1 when unreachable. */
  sourceVertex(): number {
    if (this.meet < 0) return -1;
    let x = this.meet;
    for (let a = this.parF[x]!; a >= 0; a = this.parF[x]!) x = this.g.upTail[a]!;
    return this.g.order[x]!;
  }

  /** Graph vertex where the last query's path ends (the chosen target seed), or -1 when unreachable. */
  targetVertex(): number {
    if (this.meet < 0) return -1;
    let x = this.meet;
    for (let a = this.parB[x]!; a >= 0; a = this.parB[x]!) x = this.g.downLow[a]!;
    return this.g.order[x]!;
  }

  /**
   * The last query's path as original graph arc indices, from {@link sourceVertex} to
   * {@link targetVertex} (empty when they coincide or nothing was found). Unpacks shortcuts
   * iteratively. Fills and returns `out` (cleared first).
   */
  unpackArcs(out: number[] = []): number[] {
    out.length = 0;
    if (this.meet < 0) return out;
    const { upTail, downLow } = this.g;
    const { parF, parB, chain } = this;
    let k = 0;
    let x = this.meet;
    for (let a = parF[x]!; a >= 0; a = parF[x]!) {
      chain[k++] = a;
      x = upTail[a]!;
    }
    while (k > 0) this.unpack(chain[--k]!, out);
    x = this.meet;
    for (let a = parB[x]!; a >= 0; a = parB[x]!) {
      this.unpack(~a, out);
      x = downLow[a]!;
    }
    return out;
  }

  /** Appends the original arcs of one hierarchy arc (`code ≥ 0`: up arc, `< 0`: down arc `~code`). */
  private unpack(code: number, out: number[]): void {
    const { upVia, upChildDown, upChildUp, downVia, downChildDown, downChildUp } = this.g;
    const stack = this.stack;
    let sp = 0;
    stack[sp++] = code;
    while (sp > 0) {
      const c = stack[--sp]!;
      if (c >= 0) {
        const via = upVia[c]!;
        if (via >= 0) out.push(via);
        else {
          stack[sp++] = upChildUp[c]!;
          stack[sp++] = ~upChildDown[c]!;
        }
      } else {
        const d = ~c;
        const via = downVia[d]!;
        if (via >= 0) out.push(via);
        else {
          stack[sp++] = downChildUp[d]!;
          stack[sp++] = ~downChildDown[d]!;
        }
      }
    }
  }

  /** Starts a query: new generation, empty heaps, no meeting yet. */
  private begin(): number {
    if (this.gen === U32_MAX) {
      this.stampF.fill(0);
      this.stampB.fill(0);
      this.gen = 0;
    }
    this.heapF.clear();
    this.heapB.clear();
    this.best = Infinity;
    this.meet = -1;
    this.srcOffCm = undefined;
    this.tgtOffCm = undefined;
    return ++this.gen;
  }

  /** The bidirectional search proper (alternating directions). */
  private run(): number {
    const { upFirst, upHead, upDur, downFirst, downTail, downDur } = this.g;
    const { distF, distB, stampF, stampB, parF, parB, heapF, heapB } = this;
    const gen = this.gen;
    let best = this.best;
    let meet = this.meet;
    let settled = 0;
    let forward = true;
    for (;;) {
      const fOpen = heapF.size > 0 && heapF.keys[0]! < best;
      const bOpen = heapB.size > 0 && heapB.keys[0]! < best;
      if (!fOpen) {
        if (!bOpen) break;
        forward = false;
      } else if (!bOpen) forward = true;
      settled++;
      if (forward) {
        const d = heapF.keys[0]!;
        const v = heapF.pop();
        forward = false;
        // Stall: a higher vertex w with w → v reached v faster.
        let stalled = false;
        for (let a = downFirst[v]!, end = downFirst[v + 1]!; a < end; a++) {
          const w = downTail[a]!;
          if (stampF[w] === gen && distF[w]! + downDur[a]! < d) {
            stalled = true;
            break;
          }
        }
        if (stalled) continue;
        for (let a = upFirst[v]!, end = upFirst[v + 1]!; a < end; a++) {
          const w = upHead[a]!;
          const nd = d + upDur[a]!;
          if (stampF[w] !== gen) {
            stampF[w] = gen;
            distF[w] = nd;
            parF[w] = a;
            heapF.push(w, nd);
          } else if (nd < distF[w]!) {
            distF[w] = nd;
            parF[w] = a;
            heapF.decrease(w, nd);
          } else continue;
          if (stampB[w] === gen) {
            const c = nd + distB[w]!;
            if (c < best) {
              best = c;
              meet = w;
            }
          }
        }
      } else {
        const d = heapB.keys[0]!;
        const v = heapB.pop();
        forward = true;
        let stalled = false;
        for (let a = upFirst[v]!, end = upFirst[v + 1]!; a < end; a++) {
          const w = upHead[a]!;
          if (stampB[w] === gen && distB[w]! + upDur[a]! < d) {
            stalled = true;
            break;
          }
        }
        if (stalled) continue;
        for (let a = downFirst[v]!, end = downFirst[v + 1]!; a < end; a++) {
          const w = downTail[a]!;
          const nd = d + downDur[a]!;
          if (stampB[w] !== gen) {
            stampB[w] = gen;
            distB[w] = nd;
            parB[w] = a;
            heapB.push(w, nd);
          } else if (nd < distB[w]!) {
            distB[w] = nd;
            parB[w] = a;
            heapB.decrease(w, nd);
          } else continue;
          if (stampF[w] === gen) {
            const c = nd + distF[w]!;
            if (c < best) {
              best = c;
              meet = w;
            }
          }
        }
      }
    }
    this.best = best;
    this.meet = meet;
    this.settled = settled;
    return meet < 0 ? CH_UNREACHABLE : best;
  }
}
