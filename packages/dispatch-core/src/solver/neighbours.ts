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
  const numStops = d.numStops;
  const kk = Math.max(0, Math.min(k, numStops - 1));
  const list = new Int32Array(numStops * kk);
  const topKey = new Float64Array(kk + 1);
  const topIdx = new Int32Array(kk + 1);
  const n = d.numLocations;
  const m = d.durationMatrix;
  for (let s = 0; s < numStops; s++) {
    const a = d.stopLoc[s]!;
    let count = 0;
    for (let t = 0; t < numStops; t++) {
      if (t === s) continue;
      const b = d.stopLoc[t]!;
      const key = Math.min(m[a * n + b]!, m[b * n + a]!);
      if (count === kk && key >= topKey[kk - 1]!) continue; // not among the k nearest (ties keep the earlier stop)
      // Insert (key, t) into the sorted top list.
      let i = count < kk ? count++ : kk - 1;
      while (i > 0 && topKey[i - 1]! > key) {
        topKey[i] = topKey[i - 1]!;
        topIdx[i] = topIdx[i - 1]!;
        i--;
      }
      topKey[i] = key;
      topIdx[i] = t;
    }
    list.set(topIdx.subarray(0, kk), s * kk);
  }
  return { k: kk, list };
}
