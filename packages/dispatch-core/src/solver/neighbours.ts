/**
 * For each stop, the other stops sorted by travel time (the shorter of the two directions):
 * the adjacency that string removal walks from its seed. Truncated to the nearest `k`.
 */
import type { ProblemData } from './problem-data.js';

export interface StopNeighbours {
  readonly k: number;
  /** Row-major numStops × k. */
  readonly list: Int32Array;
}

export function buildStopNeighbours(d: ProblemData, k: number): StopNeighbours {
  const numStops = d.numStops;
  const kk = Math.max(0, Math.min(k, numStops - 1));
  const list = new Int32Array(numStops * kk);
  const order = Array.from({ length: numStops }, (_, i) => i);
  const key = new Float64Array(numStops);
  for (let s = 0; s < numStops; s++) {
    const a = d.stopLoc[s]!;
    for (let t = 0; t < numStops; t++) {
      const b = d.stopLoc[t]!;
      key[t] = t === s ? Infinity : Math.min(d.duration(a, b), d.duration(b, a)) + t * 1e-9;
    }
    order.sort((x, y) => key[x]! - key[y]!);
    for (let i = 0; i < kk; i++) list[s * kk + i] = order[i]!;
  }
  return { k: kk, list };
}
