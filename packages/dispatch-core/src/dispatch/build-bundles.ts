/**
 * Bundles for one epoch: per store, orders sorted by ready time are grouped up to a target size
 * that follows the ratio of waiting orders to riders free soon (no bundling while riders are
 * plentiful; bigger bundles as they get scarce), as long as the orders are ready close together
 * and the shared drop-off route stays short.
 */
import type { EpochProblem } from './epoch-problem.js';
import type { EpochParams } from './epoch-params.js';
import { BundleTiming, bundleReadyRange, evaluateBundle } from './bundle-route.js';

/** Target orders per bundle for `numOrders` waiting and `numRiders` free soon. */
export function targetBundleSize(numOrders: number, numRiders: number, maxBundleSize: number): number {
  if (numOrders === 0) return 1;
  if (numRiders === 0) return maxBundleSize;
  return Math.max(1, Math.min(maxBundleSize, Math.ceil(numOrders / numRiders)));
}

/**
 * Partitions `orderIdx` (indices into `problem.orders`) into bundles of one store each, at most
 * `targetSize` orders, ready within `bundleReadyGapSec` of each other, whose drop-off route takes
 * at most `bundleMaxDetourSec` more than the bundle's slowest single delivery; then, unless
 * `sameStoreBundlesOnly`, joins bundles of nearby stores under the same limits.
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
  return params.sameStoreBundlesOnly || targetSize < 2 ? bundles : joinNearbyStores(problem, params, bundles, targetSize);
}

/** Riding time from the (first) store to the last drop-off of a bundle (no service, no waits). */
function routeSec(problem: EpochProblem, params: EpochParams, bundle: readonly number[], timing: BundleTiming): number {
  return evaluateBundle(problem, params, bundle, -1, timing).rideSec;
}

/**
 * Joins bundles of nearby stores (stores at most half the detour limit apart) while they stay
 * within the target size, the ready gap and the detour limit: one rider collects at both.
 */
function joinNearbyStores(problem: EpochProblem, params: EpochParams, bundles: number[][], targetSize: number): number[][] {
  const timing = new BundleTiming();
  const orders = problem.orders;
  const readyRange = (b: readonly number[]): [number, number] => bundleReadyRange(problem, b);
  const sorted = [...bundles].sort((a, b) => readyRange(a)[0] - readyRange(b)[0]);
  const out: number[][] = [];
  for (const b of sorted) {
    const sb = orders[b[0]!]!;
    let joined = false;
    for (const a of out) {
      if (a.length + b.length > targetSize) continue;
      const sa = orders[a[0]!]!;
      if (sa.storeKey === sb.storeKey) continue;
      if (problem.travelSec(sa.storeX, sa.storeY, sb.storeX, sb.storeY, -1) > params.bundleMaxDetourSec / 2) continue;
      const [lo, hi] = readyRange([...a, ...b]);
      if (hi - lo > params.bundleReadyGapSec) continue;
      const apart = Math.max(routeSec(problem, params, a, timing), routeSec(problem, params, b, timing));
      if (routeSec(problem, params, [...a, ...b], timing) > apart + params.bundleMaxDetourSec) continue;
      a.push(...b);
      joined = true;
      break;
    }
    if (!joined) out.push([...b]);
  }
  return out;
}
