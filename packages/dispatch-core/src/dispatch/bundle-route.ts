/**
 * Timing of one bundle for one rider: leave when free, ride to the store(s), pick up when the
 * orders are ready, then drop off in the best order (every permutation for bundles of up to 4
 * orders, nearest-neighbour beyond).
 */
import type { EpochOrder, EpochProblem } from './epoch-problem.js';
import type { EpochParams } from './epoch-params.js';

/** Reusable result of {@link evaluateBundle} (no allocation per call). */
export class BundleTiming {
  /** Order positions (indices into `problem.orders`) in drop-off sequence. */
  readonly sequence: number[] = [];
  readonly dropoffAt: number[] = [];
  departAt = 0;
  /** Arrival at the first store. */
  arriveAt = 0;
  /** Ready instant of the first store's orders (when the rider should be there). */
  firstStoreReadyAt = 0;
  /** The last pickup. */
  pickupAt = 0;
  /** Instant the rider has dropped off the last order and left. */
  doneAt = 0;
  /** Riding time from the first store on (store to store, then to every customer), seconds. */
  rideSec = 0;
  /** Weighted cost (seconds) of this bundle with this rider, pay term excluded. */
  cost = 0;
}

const PERMUTATIONS: number[][][] = [[], [[0]], [[0, 1], [1, 0]], permutations(3), permutations(4)];

function permutations(n: number): number[][] {
  const out: number[][] = [];
  const rec = (prefix: number[], rest: number[]): void => {
    if (rest.length === 0) out.push(prefix);
    rest.forEach((x, i) => rec([...prefix, x], [...rest.slice(0, i), ...rest.slice(i + 1)]));
  };
  rec([], Array.from({ length: n }, (_, i) => i));
  return out;
}

/**
 * Cost of one order delivered at `dropoffAt`: its click-to-door, extra weight on every second past
 * the target and past the promise, and a fixed penalty once past the maximum (a step, not a slope: an order that will
 * miss the maximum anyway gets no priority over orders that can still make it).
 */
export function orderCost(problem: EpochProblem, params: EpochParams, order: EpochOrder, dropoffAt: number): number {
  const c2d = dropoffAt - order.placedAt;
  const promisedBy = order.promisedBy ?? order.placedAt + problem.targetClickToDoorSec;
  return (
    c2d +
    params.overTargetWeight * Math.max(0, c2d - problem.targetClickToDoorSec) +
    params.latenessWeight * Math.max(0, dropoffAt - promisedBy) +
    (c2d > problem.maxClickToDoorSec ? params.overMaxPenaltySec : 0)
  );
}

/**
 * Times and cost of `bundle` (indices into `problem.orders`) for the rider at position
 * `riderIdx` of `problem.riders` (`-1`: a reference rider free now at the first store). A bundle
 * of several stores visits them in order of first appearance in the drop-off sequence (the rule
 * the simulator follows), picking up each store's orders together before any drop-off.
 */
export function evaluateBundle(problem: EpochProblem, params: EpochParams, bundle: readonly number[], riderIdx: number, out: BundleTiming): BundleTiming {
  const orders = problem.orders;
  const n = bundle.length;
  let bestCost = Infinity;
  let bestPerm: readonly number[] | undefined;
  if (n <= 4) {
    for (const perm of PERMUTATIONS[n]!) {
      const cost = runBundle(problem, params, bundle, perm, riderIdx, bestCost, null);
      if (cost < bestCost) {
        bestCost = cost;
        bestPerm = perm;
      }
    }
  } else {
    // Nearest neighbour from the first order's store.
    const left = bundle.map((_, k) => k);
    const perm: number[] = [];
    let x = orders[bundle[0]!]!.storeX;
    let y = orders[bundle[0]!]!.storeY;
    while (left.length > 0) {
      let best = 0;
      let bestT = Infinity;
      left.forEach((k, i) => {
        const o = orders[bundle[k]!]!;
        const tt = problem.travelSec(x, y, o.dropX, o.dropY, -1);
        if (tt < bestT) {
          bestT = tt;
          best = i;
        }
      });
      const k = left.splice(best, 1)[0]!;
      perm.push(k);
      x = orders[bundle[k]!]!.dropX;
      y = orders[bundle[k]!]!.dropY;
    }
    bestPerm = perm;
  }
  runBundle(problem, params, bundle, bestPerm!, riderIdx, Infinity, out);
  return out;
}

/** Stores of a bundle in visit order (first appearance in `perm`), reused across calls. */
const visitStores: number[] = [];

/**
 * Runs one drop-off sequence; returns its cost (stopping early once it reaches `bound`), and
 * fills `out` when given.
 */
function runBundle(
  problem: EpochProblem,
  params: EpochParams,
  bundle: readonly number[],
  perm: readonly number[],
  riderIdx: number,
  bound: number,
  out: BundleTiming | null,
): number {
  const orders = problem.orders;
  const halfPick = problem.pickupServiceSec / 2;
  const halfDrop = problem.dropoffServiceSec / 2;
  visitStores.length = 0;
  for (const k of perm) {
    const key = orders[bundle[k]!]!.storeKey;
    if (!visitStores.includes(key)) visitStores.push(key);
  }
  let riderRef = -1;
  let t: number;
  let x: number;
  let y: number;
  if (riderIdx >= 0) {
    const r = problem.riders[riderIdx]!;
    riderRef = r.ref;
    t = Math.max(problem.now, r.freeAt);
    x = r.x;
    y = r.y;
  } else {
    // A reference rider waiting at the first store.
    const o = orders[bundle.find((i) => orders[i]!.storeKey === visitStores[0])!]!;
    t = problem.now;
    x = o.storeX;
    y = o.storeY;
  }
  const departAt = t;
  let arriveAt = t;
  let firstReady = 0;
  let pickupAt = t;
  let waitSec = 0;
  let legsSec = 0;
  for (let s = 0; s < visitStores.length; s++) {
    const key = visitStores[s]!;
    let ready = 0;
    let sx = 0;
    let sy = 0;
    for (const i of bundle) {
      const o = orders[i]!;
      if (o.storeKey !== key) continue;
      ready = Math.max(ready, o.readyAt);
      sx = o.storeX;
      sy = o.storeY;
    }
    const leg = problem.travelSec(x, y, sx, sy, riderRef);
    t += leg;
    if (s > 0) legsSec += leg;
    x = sx;
    y = sy;
    if (s === 0) {
      arriveAt = t;
      firstReady = ready;
    }
    pickupAt = Math.max(t + halfPick, ready);
    waitSec += Math.max(0, ready - (t + halfPick));
    t = pickupAt + halfPick;
  }
  if (out) {
    out.departAt = departAt;
    out.arriveAt = arriveAt;
    out.firstStoreReadyAt = firstReady;
    out.pickupAt = pickupAt;
    out.sequence.length = 0;
    out.dropoffAt.length = 0;
  }
  let cost = params.riderWaitWeight * waitSec;
  for (const k of perm) {
    const o = orders[bundle[k]!]!;
    const leg = problem.travelSec(x, y, o.dropX, o.dropY, riderRef);
    legsSec += leg;
    t += leg + halfDrop;
    cost += orderCost(problem, params, o, t);
    if (out) {
      out.sequence.push(bundle[k]!);
      out.dropoffAt.push(t);
    }
    t += halfDrop;
    x = o.dropX;
    y = o.dropY;
    if (cost >= bound) return cost;
  }
  cost += params.riderTimeWeight * (t - departAt);
  if (out) {
    out.doneAt = t;
    out.rideSec = legsSec;
    out.cost = cost;
  }
  return cost;
}

/** Earliest and latest ready instants of a bundle's orders. */
export function bundleReadyRange(problem: EpochProblem, bundle: readonly number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const o of bundle) {
    const ready = problem.orders[o]!.readyAt;
    if (ready < lo) lo = ready;
    if (ready > hi) hi = ready;
  }
  return [lo, hi];
}
