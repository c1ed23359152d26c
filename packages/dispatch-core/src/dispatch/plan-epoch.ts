/**
 * One dispatch epoch: bundle the waiting orders, price every bundle with its nearest candidate
 * riders (riders free soon included), solve one global minimum-cost assignment of bundles to
 * riders, then commit only the assignments whose rider must leave now — the rest are held so a
 * later order can still join the bundle or a better rider can free up.
 */
import { solveSparseAssignment } from '../assignment/solve-sparse-assignment.js';
import { BundleTiming, bundleReadyRange, evaluateBundle, orderCost } from './bundle-route.js';
import { buildBundles, targetBundleSize } from './build-bundles.js';
import type { EpochProblem } from './epoch-problem.js';
import { resolveEpochParams, type EpochParams } from './epoch-params.js';

/** A committed instruction: the rider takes these orders (drop-off sequence) now. */
export interface EpochAssignment {
  /** The rider's `ref`. */
  readonly rider: number;
  /** The orders' `ref`s, in drop-off sequence. */
  readonly orders: readonly number[];
  readonly departAt: number;
  readonly pickupAt: number;
  readonly dropoffAt: readonly number[];
  /** The assignment's cost in the objective (seconds), for merging plans of overlapping regions. */
  readonly cost: number;
}

export interface EpochPlan {
  readonly assignments: readonly EpochAssignment[];
  /** Bundles the assignment matched to a rider but held back (not urgent yet). */
  readonly held: number;
  /** Bundles no rider could take this epoch. */
  readonly unmatched: number;
  readonly numBundles: number;
  readonly targetBundleSize: number;
  /** Candidate (bundle, rider) pairs priced. */
  readonly pairs: number;
  /** Bundles folded into another after the assignment (riders were short). */
  readonly merged: number;
}

/** Plans one epoch (pure; deterministic for the same input). */
export function planEpoch(problem: EpochProblem, partialParams: Partial<EpochParams> = {}): EpochPlan {
  const params = resolveEpochParams(partialParams);
  const { now, orders, riders } = problem;
  const horizon = now + params.lookaheadSec;
  const eligible: number[] = [];
  for (let i = 0; i < orders.length; i++) if (orders[i]!.readyAt <= horizon) eligible.push(i);
  const riderIdx: number[] = [];
  for (let r = 0; r < riders.length; r++) if (riders[r]!.offAt > now) riderIdx.push(r);
  // Scarcity: orders ready within the bundling window against riders free within it.
  const window = now + params.bundleWindowSec;
  let readySoon = 0;
  for (const i of eligible) if (orders[i]!.readyAt <= window) readySoon++;
  let freeSoon = 0;
  for (const r of riderIdx) if (riders[r]!.freeAt <= window) freeSoon++;
  const target = targetBundleSize(readySoon, freeSoon, params.maxBundleSize);
  const bundles = buildBundles(problem, params, eligible, target);
  const numRows = bundles.length;
  const numCols = riderIdx.length;
  const empty: EpochPlan = { assignments: [], held: 0, unmatched: numRows, numBundles: numRows, targetBundleSize: target, pairs: 0, merged: 0 };
  if (numRows === 0 || numCols === 0) return empty;

  // Candidate riders per bundle: the k best by a cheap estimate of the pickup instant.
  const k = Math.min(params.maxCandidateRiders, numCols);
  const est = new Float64Array(numCols);
  const order = new Int32Array(numCols);
  const rowStart = new Int32Array(numRows + 1);
  const cols: number[] = [];
  const costs: number[] = [];
  const timing = new BundleTiming();
  const unassignedCost = new Float64Array(numRows);
  const due = new Uint8Array(numRows).fill(1);
  /** Best candidate cost of every bundle (due or not), Infinity when no rider can take it. */
  const bestCost = new Float64Array(numRows);
  const halfPick = problem.pickupServiceSec / 2;
  // A lower bound of the riding time: straight line at the top speed, less a margin for rounding.
  const secPerM = 1 / (problem.maxSpeedMps * 1.1);
  for (let b = 0; b < numRows; b++) {
    const bundle = bundles[b]!;
    const o0 = orders[bundle[0]!]!;
    let ready = 0;
    for (const o of bundle) ready = Math.max(ready, orders[o]!.readyAt);
    for (let c = 0; c < numCols; c++) {
      const r = riders[riderIdx[c]!]!;
      const rideLowerSec = Math.hypot(r.x - o0.storeX, r.y - o0.storeY) * secPerM;
      const arrive = Math.max(now, r.freeAt) + rideLowerSec;
      // Riders too far away, or that cannot pick up before their shift ends, are no candidates.
      est[c] = rideLowerSec > params.candidateRadiusSec || Math.max(arrive + halfPick, ready) > r.offAt ? Infinity : arrive;
      order[c] = c;
    }
    partialSortByKey(order, est, k);
    let best = Infinity;
    let deferExtra = 0;
    let minLeaveAt = Infinity;
    const rowFirst = cols.length;
    for (let j = 0; j < k; j++) {
      const c = order[j]!;
      if (est[c] === Infinity) break;
      const r = riders[riderIdx[c]!]!;
      evaluateBundle(problem, params, bundle, riderIdx[c]!, timing);
      if (timing.pickupAt > r.offAt) continue;
      const cost = timing.cost + payCost(params, r.ordersSoFar, r.guaranteedOrders, bundle.length);
      cols.push(c);
      costs.push(cost);
      if (cost < best) {
        best = cost;
        // What waiting would add: the same trip with every drop-off `deferSec` later.
        deferExtra = 0;
        for (let q = 0; q < timing.sequence.length; q++) {
          const o = orders[timing.sequence[q]!]!;
          const d = timing.dropoffAt[q]!;
          deferExtra += orderCost(problem, params, o, d + params.deferSec) - orderCost(problem, params, o, d);
        }
      }
      // When this rider would have to leave: when it is free, or later if it can still reach
      // the (first store's) food when it is ready.
      const rideSec = timing.arriveAt - timing.departAt;
      minLeaveAt = Math.min(minLeaveAt, Math.max(timing.departAt, timing.firstStoreReadyAt - halfPick - rideSec));
    }
    // A bundle no candidate needs to leave for yet (every candidate is busy for a while, or the
    // food is far from ready) stays out of this epoch's assignment: it does not tie up a rider
    // another bundle needs now, and it can still grow or find a rider who frees up first.
    bestCost[b] = best;
    if (best !== Infinity && minLeaveAt > now + params.commitHorizonSec) {
      due[b] = 0;
      cols.length = rowFirst;
      costs.length = rowFirst;
      best = Infinity;
    }
    rowStart[b + 1] = cols.length;
    // Leaving a bundle for later costs its best assignment delayed by `deferSec` plus a penalty
    // per order: it waits only when its rider is worth more to another bundle, and urgent
    // orders (whose cost grows fastest with delay) keep their riders first.
    unassignedCost[b] = due[b] ? (best === Infinity ? 0 : best + deferExtra) + params.unassignedPenaltySec * bundle.length : 0;
  }
  const { rowToCol } = solveSparseAssignment({
    numRows,
    numCols,
    rowStart,
    col: Int32Array.from(cols),
    cost: Float64Array.from(costs),
    unassignedCost,
  });

  const rowRider = Int32Array.from(rowToCol, (c) => (c < 0 ? -1 : riderIdx[c]!));
  const merged = mergeBundles(problem, params, bundles, rowRider, unassignedCost, due, bestCost);

  const assignments: EpochAssignment[] = [];
  let held = 0;
  let unmatched = 0;
  for (let b = 0; b < bundles.length; b++) {
    const ri = rowRider[b]!;
    const bundle = bundles[b]!;
    if (bundle.length === 0) continue;
    if (!due[b]) {
      held++;
      continue;
    }
    if (ri < 0) {
      unmatched++;
      continue;
    }
    const r = riders[ri]!;
    evaluateBundle(problem, params, bundle, ri, timing);
    const rideSec = timing.arriveAt - timing.departAt;
    const leaveAt = Math.max(timing.departAt, timing.firstStoreReadyAt - problem.pickupServiceSec / 2 - rideSec);
    if (leaveAt > now + params.commitHorizonSec) {
      held++;
      continue;
    }
    assignments.push({
      rider: r.ref,
      orders: timing.sequence.map((o) => orders[o]!.ref),
      departAt: timing.departAt,
      pickupAt: timing.pickupAt,
      dropoffAt: [...timing.dropoffAt],
      cost: timing.cost,
    });
  }
  return { assignments, held, unmatched, numBundles: numRows, targetBundleSize: target, pairs: cols.length, merged };
}

/**
 * Folds bundles of one store together when riders are short: a bundle left without a rider joins
 * an assigned bundle of its store whenever the merged trip is feasible and keeps the drop-off
 * route within the detour limit; two assigned bundles merge when the merged trip costs less than
 * both apart plus the value of the rider it frees (counted only while riders are short: some
 * bundle has no rider, or some food would wait more than `shortRiderWaitSec` for its rider).
 * Rewrites `bundles` (emptied rows) and `rowRider` in place; returns the number of merges.
 */
function mergeBundles(
  problem: EpochProblem,
  params: EpochParams,
  bundles: number[][],
  rowRider: Int32Array,
  unassignedCost: Float64Array,
  due: Uint8Array,
  bestCost: Float64Array,
): number {
  const { orders, riders } = problem;
  const timing = new BundleTiming();
  const n = bundles.length;
  const rowCost = new Float64Array(n);
  let short = false;
  for (let b = 0; b < n; b++) {
    const ri = rowRider[b]!;
    if (!due[b]) {
      // Not due yet: it will need a rider later, at about its best cost now.
      rowCost[b] = bestCost[b]!;
      continue;
    }
    if (ri < 0) {
      rowCost[b] = unassignedCost[b]!;
      short = true;
    } else {
      const r = riders[ri]!;
      rowCost[b] = evaluateBundle(problem, params, bundles[b]!, ri, timing).cost + payCost(params, r.ordersSoFar, r.guaranteedOrders, bundles[b]!.length);
      // Food waiting long for its rider is the other sign that riders are short.
      let ready = 0;
      for (const o of bundles[b]!) ready = Math.max(ready, orders[o]!.readyAt);
      if (timing.pickupAt - ready > params.shortRiderWaitSec) short = true;
    }
  }
  if (!short && params.freedRiderValueSec === 0) return 0;
  const freedValue = short ? params.freedRiderValueSec : 0;
  const byStore = new Map<number, number[]>();
  for (let b = 0; b < n; b++) {
    const key = orders[bundles[b]![0]!]!.storeKey;
    const list = byStore.get(key);
    if (list) list.push(b);
    else byStore.set(key, [b]);
  }
  const readyOf = (bundle: readonly number[]): [number, number] => bundleReadyRange(problem, bundle);
  const dropRideSec = (bundle: readonly number[]): number => {
    evaluateBundle(problem, params, bundle, -1, timing);
    return timing.doneAt - timing.pickupAt - problem.pickupServiceSec / 2 - bundle.length * problem.dropoffServiceSec;
  };
  let merges = 0;
  for (const rows of byStore.values()) {
    if (rows.length < 2) continue;
    for (;;) {
      let best = 0;
      let bestA = -1;
      let bestB = -1;
      let bestRider = -1;
      let bestTogether = 0;
      for (const a of rows) {
        if (bundles[a]!.length === 0 || rowRider[a]! < 0 || !due[a]) continue;
        for (const b of rows) {
          if (b === a || bundles[b]!.length === 0) continue;
          if (!due[b] && bestCost[b] === Infinity) continue;
          const m = [...bundles[a]!, ...bundles[b]!];
          if (m.length > params.maxBundleSize) continue;
          const [lo, hi] = readyOf(m);
          if (hi - lo > params.bundleReadyGapSec) continue;
          if (dropRideSec(m) > Math.max(dropRideSec(bundles[a]!), dropRideSec(bundles[b]!)) + params.bundleMaxDetourSec) continue;
          // A bundle with a rider (now, or later when due) frees that rider by joining.
          const apart = rowCost[a]! + rowCost[b]! + (rowRider[b]! >= 0 || !due[b] ? freedValue : 0);
          for (const ri of rowRider[b]! >= 0 ? [rowRider[a]!, rowRider[b]!] : [rowRider[a]!]) {
            const r = riders[ri]!;
            evaluateBundle(problem, params, m, ri, timing);
            if (timing.pickupAt > r.offAt) continue;
            const together = timing.cost + payCost(params, r.ordersSoFar, r.guaranteedOrders, m.length);
            if (apart - together > best) {
              best = apart - together;
              bestA = a;
              bestB = b;
              bestRider = ri;
              bestTogether = together;
            }
          }
        }
      }
      if (bestA < 0) break;
      bundles[bestA] = [...bundles[bestA]!, ...bundles[bestB]!];
      bundles[bestB] = [];
      due[bestB] = 1;
      rowRider[bestA] = bestRider;
      rowRider[bestB] = -1;
      rowCost[bestA] = bestTogether;
      merges++;
    }
  }
  return merges;
}

/**
 * Seconds of cost for the pay a bundle of `n` orders adds above the rider's guarantee, plus the
 * workload-balance term (orders the rider already has × bundle orders × weight).
 */
function payCost(params: EpochParams, soFar: number, guaranteed: number, n: number): number {
  const over = Math.max(0, soFar + n - guaranteed) - Math.max(0, soFar - guaranteed);
  return params.payOverGuaranteeSec * over + params.workloadBalanceWeight * soFar * n;
}

/** Moves the `k` smallest keys' indices to the front of `idx` (sorted among themselves). */
function partialSortByKey(idx: Int32Array, key: Float64Array, k: number): void {
  const n = idx.length;
  if (k >= n) {
    idx.sort((a, b) => key[a]! - key[b]! || a - b);
    return;
  }
  // Quickselect on the k-th smallest, then sort the prefix.
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const pivot = key[idx[(lo + hi) >>> 1]!]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (key[idx[i]!]! < pivot) i++;
      while (key[idx[j]!]! > pivot) j--;
      if (i <= j) {
        const t = idx[i]!;
        idx[i] = idx[j]!;
        idx[j] = t;
        i++;
        j--;
      }
    }
    if (k - 1 <= j) hi = j;
    else if (k - 1 >= i) lo = i;
    else break;
  }
  const prefix = Array.from(idx.subarray(0, k)).sort((a, b) => key[a]! - key[b]! || a - b);
  idx.set(prefix, 0);
}
