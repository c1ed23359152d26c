/**
 * Free-flow times from every vertex to one target, from a contraction hierarchy: a complete
 * backward upward search from the target's seeds, then one sweep over the vertices in descending
 * rank reading their upward arcs (a reverse PHAST). About one plain Dijkstra's memory traffic
 * without its queue; the exact lower bounds of time-dependent A*.
 */
import FlatQueue from 'flatqueue';
import { GeoInputError } from '../../errors.js';
import type { ChSeeds } from './ch-endpoint.js';
import { assertSeedArrays } from './ch-endpoint.js';
import type { ContractionHierarchy } from './contraction-hierarchy.js';

const queues = new WeakMap<ContractionHierarchy, FlatQueue<number>>();

/**
 * Fastest free-flow time (ms) from every vertex to `target` into `out[v]` (Infinity where the
 * target cannot be reached). `target` is a vertex id or seeds whose offsets are the times from
 * each seed vertex to the point. Throws `GeoInputError` for bad input.
 */
export function chAllToOne(
  ch: ContractionHierarchy,
  target: number | ChSeeds,
  out: Float64Array = new Float64Array(ch.numVertices),
): Float64Array {
  const n = ch.numVertices;
  if (!(out instanceof Float64Array) || out.length < n) {
    throw new GeoInputError('GEO_INVALID_ARGUMENT', 'out', `must be a Float64Array of length ≥ ${n}`, out);
  }
  const seeds: ChSeeds = typeof target === 'number' ? { vertices: [target] } : target;
  assertSeedArrays('target', seeds.vertices, seeds.offsetsMs, seeds.lengthsCm, n);
  out.fill(Infinity, 0, n);
  let q = queues.get(ch);
  if (!q) {
    q = new FlatQueue<number>();
    queues.set(ch, q);
  }
  q.clear();
  for (let i = 0; i < seeds.vertices.length; i++) {
    const v = seeds.vertices[i]!;
    const d = seeds.offsetsMs?.[i] ?? 0;
    if (d < out[v]!) {
      out[v] = d;
      q.push(v, d);
    }
  }
  // Backward upward search: from v, climb the down arcs w → v (w higher) stored at v.
  const { downFirst, downTail, downDurationMs, upFirst, upHead, upDurationMs, order } = ch;
  while (q.length > 0) {
    const key = q.peekValue()!;
    const v = q.pop()!;
    if (key > out[v]!) continue;
    for (let a = downFirst[v]!, end = downFirst[v + 1]!; a < end; a++) {
      const w = downTail[a]!;
      const d = key + downDurationMs[a]!;
      if (d < out[w]!) {
        out[w] = d;
        q.push(w, d);
      }
    }
  }
  // Sweep in descending rank: every up arc v → x has x settled already.
  for (let r = n - 1; r >= 0; r--) {
    const v = order[r]!;
    let best = out[v]!;
    for (let a = upFirst[v]!, end = upFirst[v + 1]!; a < end; a++) {
      const d = upDurationMs[a]! + out[upHead[a]!]!;
      if (d < best) best = d;
    }
    out[v] = best;
  }
  return out;
}
