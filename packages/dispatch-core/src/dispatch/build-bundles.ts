/**
 * Bundles for one epoch: per store, orders sorted by ready time are grouped up to a target size
 * that follows the ratio of waiting orders to riders free soon (no bundling while riders are
 * plentiful; bigger bundles as they get scarce), as long as the orders are ready close together
 * and the shared drop-off route stays short.
 */
import type { EpochProblem } from './epoch-problem.js';
import type { EpochParams } from './epoch-params.js';
import { BundleTiming, evaluateBundle } from './bundle-route.js';

/** Target orders per bundle for `numOrders` waiting and `numRiders` free soon. */
export function targetBundleSize(numOrders: number, numRiders: number, maxBundleSize: number): number {
  if (numOrders === 0) return 1;
  if (numRiders === 0) return maxBundleSize;
  return Math.max(1, Math.min(maxBundleSize, Math.ceil(numOrders / numRiders)));
}

/**
 * Partitions `orderIdx` (indices into `problem.orders`) into bundles of one store each, at most
 * `targetSize` orders, ready within `bundleReadyGapSec` of each other, whose drop-off route takes
 * at most `bundleMaxDetourSec` more than the bundle's slowest single delivery.
 */
export function buildBundles(problem: EpochProblem, params: EpochParams, orderIdx: readonly number[], targetSize: number): number[][] {
  const byStore = new Map<number, number[]>();
  for (const i of orderIdx) {
    const key = problem.orders[i]!.storeKey;
    const list = byStore.get(key);
    if (list) list.push(i);
    else byStore.set(key, [i]);
  }
  const bundles: number[][] = [];
  const timing = new BundleTiming();
  const single = new BundleTiming();
  const storeKeys = [...byStore.keys()].sort((a, b) => a - b);
  for (const key of storeKeys) {
    const list = byStore.get(key)!;
    list.sort((a, b) => problem.orders[a]!.readyAt - problem.orders[b]!.readyAt || a - b);
    let current: number[] = [];
    let slowestSingle = 0;
    for (const i of list) {
      if (current.length > 0 && current.length < targetSize) {
        const firstReady = problem.orders[current[0]!]!.readyAt;
        if (problem.orders[i]!.readyAt - firstReady <= params.bundleReadyGapSec) {
          const alone = routeSec(problem, params, [i], single);
          const joined = routeSec(problem, params, [...current, i], timing);
          if (joined <= Math.max(slowestSingle, alone) + params.bundleMaxDetourSec) {
            current.push(i);
            slowestSingle = Math.max(slowestSingle, alone);
            continue;
          }
        }
      }
      if (current.length > 0) bundles.push(current);
      current = [i];
      slowestSingle = routeSec(problem, params, [i], single);
    }
    if (current.length > 0) bundles.push(current);
  }
  return bundles;
}

/** Riding time from the store to the last drop-off of a bundle for a reference rider (no service, no waits). */
function routeSec(problem: EpochProblem, params: EpochParams, bundle: readonly number[], timing: BundleTiming): number {
  evaluateBundle(problem, params, bundle, -1, timing);
  return timing.doneAt - timing.pickupAt - problem.pickupServiceSec / 2 - bundle.length * problem.dropoffServiceSec;
}
