/**
 * The per-vehicle fixed cost of the hierarchical objective (fewest vehicles, then distance):
 * large enough that saving one vehicle beats any distance difference.
 *
 * Every customer is left exactly once and the depot once per used vehicle, so any solution's
 * travel is at most `D = Σ_{customers i} rowMax(i) + K · rowMax(depot)`, where rowMax(i) is the
 * longest scaled travel time out of i and K the fleet size. With a fixed cost `f = D + 1`, a
 * solution with k vehicles costs at most k·f + D < (k + 1)·f, the least a solution with k + 1
 * vehicles can cost. (This is a provable form of "twice the sum of the row maxima".) For the
 * 100-customer sets at factor 10,000 f is about 1.7·10^8: each vehicle's fixed cost fits an
 * Int32, and totals stay exact in doubles.
 */
import type { ScaledInstance } from './scale-instance.js';

export function dominatingFixedCost(scaled: ScaledInstance, fleetSize: number): number {
  const n = scaled.numNodes;
  let bound = 0;
  for (let i = 0; i < n; i++) {
    let rowMax = 0;
    for (let j = 0; j < n; j++) rowMax = Math.max(rowMax, scaled.durationMatrix[i * n + j] ?? 0);
    bound += i === 0 ? fleetSize * rowMax : rowMax;
  }
  return bound + 1;
}
