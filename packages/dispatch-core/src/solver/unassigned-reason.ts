/**
 * Why a request ended up unassigned: tried alone on an empty route of every vehicle that may take
 * it, the first rule that fails everywhere names the reason (skills, then capacity / bag limit,
 * then ride time or time window); when it fits alone, it only lacked room in this solution (or,
 * for an optional request, was not worth its cost).
 */
import { InsertionMove, bestInsertionInRoute } from './insertion.js';
import { STOP_PICKUP, type ProblemData } from './problem-data.js';
import { RouteState } from './route-state.js';
import type { UnassignedReason } from './solution-output.js';

export function unassignedReason(d: ProblemData, r: number, emptyRoutes: (v: number) => RouteState): UnassignedReason {
  const bound = d.boundVehicle[r]!;
  const vehicles = bound >= 0 ? [bound] : Array.from({ length: d.numVehicles }, (_, v) => v);
  const withSkills = vehicles.filter((v) => d.vehicleHasSkills(v, r));
  if (withSkills.length === 0) return 'skills';
  const s = d.requestFirstStop[r]!;
  const fits = withSkills.filter((v) => {
    for (let k = 0; k < d.numDims; k++) if (Math.abs(d.demand[s * d.numDims + k]!) > d.vehCapacity[v * d.numDims + k]!) return false;
    return d.vehBagLimit[v]! >= 1;
  });
  if (fits.length === 0) return 'capacity';
  const move = new InsertionMove();
  for (const v of fits) bestInsertionInRoute(d, emptyRoutes(v), v, r, move);
  if (move.route >= 0) return d.penalty[r]! !== Infinity && move.delta >= d.penalty[r]! ? 'not_worth_it' : 'no_room';
  if (d.stopKind[s] === STOP_PICKUP) {
    const ds = d.sibling[s]!;
    const direct = d.duration(d.stopLoc[s]!, d.stopLoc[ds]!);
    if (direct > d.maxRideSec[r]!) return 'ride_time';
  }
  return 'time_window';
}

/** Empty routes (locked prefix only) per vehicle, built on first use. */
export function emptyRouteCache(d: ProblemData): (v: number) => RouteState {
  const cache = new Map<number, RouteState>();
  return (v) => {
    let route = cache.get(v);
    if (!route) {
      route = new RouteState(d, v);
      cache.set(v, route);
    }
    return route;
  };
}
