/**
 * Groups vehicles that are interchangeable while empty (same start, end, times, capacities, bag
 * limit, skills, fixed cost, no committed stops): inserting into one empty vehicle of a group is
 * as good as into any other, so the search tries one per group.
 */
import type { ProblemData } from './problem-data.js';

export function vehicleProfiles(d: ProblemData): Int32Array {
  const ids = new Map<string, number>();
  const out = new Int32Array(d.numVehicles);
  for (let v = 0; v < d.numVehicles; v++) {
    const hasLocked = d.vehLockedStart[v + 1]! > d.vehLockedStart[v]!;
    const key = hasLocked
      ? `locked:${v}`
      : [
          d.vehStartLoc[v],
          d.vehEndLoc[v],
          d.vehStartAt[v],
          d.vehShiftEndAt[v],
          d.vehEndBy[v],
          d.vehFixedCost[v],
          d.vehBagLimit[v],
          ...d.vehCapacity.subarray(v * d.numDims, (v + 1) * d.numDims),
          ...d.vehSkills.subarray(v * d.skillWords, (v + 1) * d.skillWords),
        ].join(',');
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size;
      ids.set(key, id);
    }
    out[v] = id;
  }
  return out;
}
