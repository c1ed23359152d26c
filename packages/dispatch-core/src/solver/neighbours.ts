/**
 * For each stop, the other stops sorted by travel time (the shorter of the two directions):
 * the adjacency that string removal walks from its seed and that insertion uses to find the
 * routes worth trying. Truncated to the nearest `k`; built by a bounded insertion (O(n·k) per
 * stop in the worst case, O(n) typically) instead of a full sort.
 */
import type { ProblemData } from './problem-data.js';

export interface StopNeighbours {
  readonly k: number;
  /** Row-major numStops × k, nearest first (ties: smaller stop index first). */
  readonly list: Int32Array;
}

export function buildStopNeighbours(d: ProblemData, k: number): StopNeighbours {
  const n = d.numLocations;
  const m = d.durationMatrix;
  return nearestStopsBy(d.numStops, k, (s, t) => {
    const a = d.stopLoc[s]!;
    const b = d.stopLoc[t]!;
    return Math.min(m[a * n + b]!, m[b * n + a]!);
  });
}

/**
 * For each stop s, the `k` other stops with the smallest `key(s, t)`, sorted (ties: smaller stop
 * index first), kept by bounded insertion: O(numStops · k) per stop at worst, O(numStops) typically.
 */
export function nearestStopsBy(numStops: number, k: number, key: (s: number, t: number) => number): StopNeighbours {
  const kk = Math.max(0, Math.min(k, numStops - 1));
  const list = new Int32Array(numStops * kk);
  const topKey = new Float64Array(kk + 1);
  const topIdx = new Int32Array(kk + 1);
  for (let s = 0; s < numStops; s++) {
    let count = 0;
    for (let t = 0; t < numStops; t++) {
      if (t === s) continue;
      const value = key(s, t);
      if (count === kk && !(value < topKey[kk - 1]!)) continue; // not among the k nearest (ties keep the earlier stop)
      let i = count < kk ? count++ : kk - 1;
      while (i > 0 && topKey[i - 1]! > value) {
        topKey[i] = topKey[i - 1]!;
        topIdx[i] = topIdx[i - 1]!;
        i--;
      }
      topKey[i] = value;
      topIdx[i] = t;
    }
    list.set(topIdx.subarray(0, kk), s * kk);
  }
  return { k: kk, list };
}
