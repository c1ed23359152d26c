/**
 * The query-side layout of a {@link ContractionHierarchy}: vertices renumbered by rank (vertex `r`
 * here is `ch.order[r]` in the graph), so the top of the hierarchy, which every search reaches, is
 * contiguous in memory and a PHAST sweep is a forward scan. Weights as float64 so searches add
 * without conversions. Built once per hierarchy (`O(V + A·deg)`) and cached.
 */
import { GeoInputError } from '../../errors.js';
import type { ContractionHierarchy } from './contraction-hierarchy.js';

/** Rank-space arrays shared by {@link ChQuery} and the CH matrices (internal). */
export interface ChSearchGraph {
  readonly numVertices: number;
  /** Graph vertex → rank (the hierarchy's own array). */
  readonly rank: Uint32Array;
  /** Rank → graph vertex (the hierarchy's own array). */
  readonly order: Uint32Array;
  /** Up arcs `tail → head` (head higher), grouped by tail rank. */
  readonly upFirst: Int32Array;
  readonly upTail: Int32Array;
  readonly upHead: Int32Array;
  readonly upDur: Float64Array;
  readonly upLen: Float64Array;
  /** Original arc index (≥ 0) or `-middle-1` for a shortcut (as in the hierarchy). */
  readonly upVia: Int32Array;
  /** For a shortcut `t → h` through `m`: the down arc `t → m` and the up arc `m → h` (both stored at `m`). */
  readonly upChildDown: Int32Array;
  readonly upChildUp: Int32Array;
  /** Down arcs `tail → low` (tail higher), grouped by low rank. */
  readonly downFirst: Int32Array;
  readonly downTail: Int32Array;
  readonly downLow: Int32Array;
  readonly downDur: Float64Array;
  readonly downLen: Float64Array;
  readonly downVia: Int32Array;
  /** For a shortcut `t → v` through `m`: the down arc `t → m` and the up arc `m → v`. */
  readonly downChildDown: Int32Array;
  readonly downChildUp: Int32Array;
}

const cache = new WeakMap<ContractionHierarchy, ChSearchGraph>();

/** The (cached) rank-space search layout of `ch`. Throws `GeoInputError` for an inconsistent hierarchy. */
export function chSearchGraph(ch: ContractionHierarchy): ChSearchGraph {
  let g = cache.get(ch);
  if (!g) {
    g = buildSearchGraph(ch);
    cache.set(ch, g);
  }
  return g;
}

function buildSearchGraph(ch: ContractionHierarchy): ChSearchGraph {
  const n = ch.numVertices;
  const { rank, order } = ch;
  const bad = (field: string, rule: string, value: unknown): never => {
    throw new GeoInputError('GEO_INVALID_ARGUMENT', `ch.${field}`, rule, value);
  };
  if (rank.length !== n || order.length !== n) bad('rank', `and ch.order must have length ${n}`, rank.length);
  if (ch.upFirst.length !== n + 1 || ch.downFirst.length !== n + 1) bad('upFirst', `and ch.downFirst must have length ${n + 1}`, ch.upFirst.length);
  const numUp = ch.upFirst[n]!;
  const numDown = ch.downFirst[n]!;
  const upFirst = new Int32Array(n + 1);
  const upTail = new Int32Array(numUp);
  const upHead = new Int32Array(numUp);
  const upDur = new Float64Array(numUp);
  const upLen = new Float64Array(numUp);
  const upVia = new Int32Array(numUp);
  const downFirst = new Int32Array(n + 1);
  const downTail = new Int32Array(numDown);
  const downLow = new Int32Array(numDown);
  const downDur = new Float64Array(numDown);
  const downLen = new Float64Array(numDown);
  const downVia = new Int32Array(numDown);
  let iu = 0;
  let id = 0;
  for (let r = 0; r < n; r++) {
    const v = order[r]!;
    if (rank[v] !== r) bad(`rank[${v}]`, `must be the inverse of ch.order (order[${r}] = ${v})`, rank[v]);
    upFirst[r] = iu;
    for (let a = ch.upFirst[v]!; a < ch.upFirst[v + 1]!; a++) {
      const h = rank[ch.upHead[a]!]!;
      if (!(h > r)) bad(`upHead[${a}]`, 'must lead to a higher rank', ch.upHead[a]);
      upTail[iu] = r;
      upHead[iu] = h;
      upDur[iu] = ch.upDurationMs[a]!;
      upLen[iu] = ch.upLengthCm[a]!;
      upVia[iu++] = ch.upVia[a]!;
    }
    downFirst[r] = id;
    for (let a = ch.downFirst[v]!; a < ch.downFirst[v + 1]!; a++) {
      const t = rank[ch.downTail[a]!]!;
      if (!(t > r)) bad(`downTail[${a}]`, 'must come from a higher rank', ch.downTail[a]);
      downTail[id] = t;
      downLow[id] = r;
      downDur[id] = ch.downDurationMs[a]!;
      downLen[id] = ch.downLengthCm[a]!;
      downVia[id++] = ch.downVia[a]!;
    }
  }
  upFirst[n] = iu;
  downFirst[n] = id;

  const findDown = (m: number, tail: number): number => {
    for (let a = downFirst[m]!; a < downFirst[m + 1]!; a++) if (downTail[a] === tail) return a;
    return bad('downTail', `must hold the arc ${order[tail]} → ${order[m]} a shortcut goes through`, -1);
  };
  const findUp = (m: number, head: number): number => {
    for (let a = upFirst[m]!; a < upFirst[m + 1]!; a++) if (upHead[a] === head) return a;
    return bad('upHead', `must hold the arc ${order[m]} → ${order[head]} a shortcut goes through`, -1);
  };
  const upChildDown = new Int32Array(numUp).fill(-1);
  const upChildUp = new Int32Array(numUp).fill(-1);
  for (let a = 0; a < numUp; a++) {
    const via = upVia[a]!;
    if (via >= 0) continue;
    const m = rank[-via - 1]!;
    upChildDown[a] = findDown(m, upTail[a]!);
    upChildUp[a] = findUp(m, upHead[a]!);
  }
  const downChildDown = new Int32Array(numDown).fill(-1);
  const downChildUp = new Int32Array(numDown).fill(-1);
  for (let a = 0; a < numDown; a++) {
    const via = downVia[a]!;
    if (via >= 0) continue;
    const m = rank[-via - 1]!;
    downChildDown[a] = findDown(m, downTail[a]!);
    downChildUp[a] = findUp(m, downLow[a]!);
  }
  return {
    numVertices: n,
    rank,
    order,
    upFirst,
    upTail,
    upHead,
    upDur,
    upLen,
    upVia,
    upChildDown,
    upChildUp,
    downFirst,
    downTail,
    downLow,
    downDur,
    downLen,
    downVia,
    downChildDown,
    downChildUp,
  };
}
