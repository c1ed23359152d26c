/**
 * Timing of one bundle (orders of one store) for one rider: leave when free, ride to the store,
 * pick up when the last order is ready, then drop off in the best order (every permutation for
 * bundles of up to 4 orders, nearest-neighbour beyond).
 */
import type { EpochOrder, EpochProblem } from './epoch-problem.js';
import type { EpochParams } from './epoch-params.js';

/** Reusable result of {@link evaluateBundle} (no allocation per call). */
export class BundleTiming {
  /** Order positions (indices into `problem.orders`) in drop-off sequence. */
  readonly sequence: number[] = [];
  readonly dropoffAt: number[] = [];
  departAt = 0;
  arriveAt = 0;
  pickupAt = 0;
  /** Instant the rider has dropped off the last order and left. */
  doneAt = 0;
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
 * Times and cost of `bundle` (indices into `problem.orders`, same store) for the rider at
 * position `riderIdx` of `problem.riders` (`-1`: a reference rider free now at the store).
 */
export function evaluateBundle(problem: EpochProblem, params: EpochParams, bundle: readonly number[], riderIdx: number, out: BundleTiming): BundleTiming {
  const orders = problem.orders;
  const first = orders[bundle[0]!]!;
  let ready = 0;
  for (const o of bundle) ready = Math.max(ready, orders[o]!.readyAt);
  const halfPick = problem.pickupServiceSec / 2;
  const halfDrop = problem.dropoffServiceSec / 2;
  let riderRef = -1;
  if (riderIdx >= 0) {
    const r = problem.riders[riderIdx]!;
    riderRef = r.ref;
    out.departAt = Math.max(problem.now, r.freeAt);
    out.arriveAt = out.departAt + problem.travelSec(r.x, r.y, first.storeX, first.storeY, r.ref);
  } else {
    out.departAt = problem.now;
    out.arriveAt = problem.now;
  }
  out.pickupAt = Math.max(out.arriveAt + halfPick, ready);
  const leave = out.pickupAt + halfPick;
  const n = bundle.length;
  let bestCost = Infinity;
  let bestPerm: readonly number[] | undefined;
  if (n <= 4) {
    for (const perm of PERMUTATIONS[n]!) {
      let t = leave;
      let x = first.storeX;
      let y = first.storeY;
      let cost = 0;
      for (const k of perm) {
        const o = orders[bundle[k]!]!;
        t += problem.travelSec(x, y, o.dropX, o.dropY, riderRef) + halfDrop;
        cost += orderCost(problem, params, o, t);
        t += halfDrop;
        x = o.dropX;
        y = o.dropY;
        if (cost >= bestCost) break;
      }
      if (cost < bestCost) {
        bestCost = cost;
        bestPerm = perm;
      }
    }
  } else {
    // Nearest neighbour from the store.
    const left = bundle.map((_, k) => k);
    const perm: number[] = [];
    let x = first.storeX;
    let y = first.storeY;
    while (left.length > 0) {
      let best = 0;
      let bestT = Infinity;
      left.forEach((k, i) => {
        const o = orders[bundle[k]!]!;
        const tt = problem.travelSec(x, y, o.dropX, o.dropY, riderRef);
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
  // Replay the chosen sequence to fill the outputs.
  out.sequence.length = 0;
  out.dropoffAt.length = 0;
  let t = leave;
  let x = first.storeX;
  let y = first.storeY;
  let cost = 0;
  for (const k of bestPerm!) {
    const o = orders[bundle[k]!]!;
    t += problem.travelSec(x, y, o.dropX, o.dropY, riderRef) + halfDrop;
    out.sequence.push(bundle[k]!);
    out.dropoffAt.push(t);
    cost += orderCost(problem, params, o, t);
    t += halfDrop;
    x = o.dropX;
    y = o.dropY;
  }
  out.doneAt = t;
  out.cost =
    cost +
    params.riderWaitWeight * Math.max(0, ready - (out.arriveAt + halfPick)) +
    params.riderTimeWeight * (out.doneAt - out.departAt);
  return out;
}
