/**
 * Full evaluation of one vehicle's stop sequence from scratch, O(length): the reference every
 * constant-time delta is tested against, and the exact check used for routes with soft due times
 * or ride limits. Returns the route cost, or Infinity when a hard rule breaks (window end, shift
 * end, end time, capacity, bag limit, ride limit, pickup after its delivery or missing).
 */
import {
  STOP_DELIVERY,
  STOP_JOB_DELIVERY,
  STOP_JOB_PICKUP,
  STOP_PICKUP,
  W_FIXED,
  type ProblemData,
} from './problem-data.js';

let scratchLoad = new Int32Array(8);
let scratchDepartAt = new Float64Array(64);

export function evaluateSequence(d: ProblemData, v: number, seq: ArrayLike<number>, len: number, fixedWeight: number = d.weights[W_FIXED]!): number {
  if (len === 0) return 0;
  const dims = d.numDims;
  if (scratchLoad.length < dims) scratchLoad = new Int32Array(dims);
  if (scratchDepartAt.length < d.numStops) scratchDepartAt = new Float64Array(d.numStops);
  const load = scratchLoad;
  load.fill(0, 0, dims);
  let bag = 0;
  for (let p = 0; p < len; p++) {
    const s = seq[p]!;
    if (d.stopKind[s] === STOP_JOB_DELIVERY) {
      bag++;
      for (let k = 0; k < dims; k++) load[k] = load[k]! - d.demand[s * dims + k]!;
    }
  }
  for (let k = 0; k < dims; k++) if (load[k]! > d.vehCapacity[v * dims + k]!) return Infinity;
  if (bag > d.vehBagLimit[v]!) return Infinity;

  const n = d.numLocations;
  let loc = d.vehStartLoc[v]!;
  let time = d.vehStartAt[v]!;
  let travel = 0;
  let dist = 0;
  let late = 0;
  for (let p = 0; p < len; p++) {
    const s = seq[p]!;
    const sl = d.stopLoc[s]!;
    const t = d.durationMatrix[loc * n + sl]!;
    travel += t;
    dist += d.distance(loc, sl);
    const start = Math.max(time + t, d.twStart[s]!);
    if (start > d.effectiveTwEnd(s, v)) return Infinity;
    if (start > d.softDueAt[s]!) late += d.lateCostPerSec[s]! * (start - d.softDueAt[s]!);
    time = start + d.serviceSec[s]!;
    loc = sl;
    const kind = d.stopKind[s]!;
    if (kind === STOP_PICKUP) {
      scratchDepartAt[s] = time;
    } else if (kind === STOP_DELIVERY) {
      const pickup = d.sibling[s]!;
      let seen = false;
      for (let q = 0; q < p; q++) if (seq[q] === pickup) seen = true;
      if (!seen) return Infinity;
      if (start - scratchDepartAt[pickup]! > d.maxRideSec[d.requestOfStop[s]!]!) return Infinity;
    }
    bag += kind === STOP_JOB_PICKUP || kind === STOP_PICKUP ? 1 : -1;
    if (bag > d.vehBagLimit[v]!) return Infinity;
    for (let k = 0; k < dims; k++) {
      load[k] = load[k]! + d.demand[s * dims + k]!;
      if (load[k]! > d.vehCapacity[v * dims + k]!) return Infinity;
    }
  }
  const endLoc = d.vehEndLoc[v]!;
  if (endLoc >= 0) {
    travel += d.durationMatrix[loc * n + endLoc]!;
    dist += d.distance(loc, endLoc);
    time += d.durationMatrix[loc * n + endLoc]!;
  }
  if (time > d.vehEndBy[v]!) return Infinity;
  return d.routeCost(v, time, travel, dist, late, fixedWeight);
}
