/**
 * Turns the search's internal solution into the public {@link SolutionOutput}: external ids,
 * a full schedule per stop, loads, lateness, the cost breakdown and unassigned reasons.
 */
import type { BuiltProblem } from './build-problem.js';
import { STOP_DELIVERY, STOP_JOB_DELIVERY, STOP_PICKUP, W_DISTANCE, W_DURATION, W_FIXED, W_LATENESS, W_TRAVEL } from './problem-data.js';
import { RouteState } from './route-state.js';
import type { Route, RouteStop, SolutionOutput, StopKind, UnassignedJob } from './solution-output.js';
import type { SolutionSnapshot } from './solution-state.js';
import { emptyRouteCache, unassignedReason } from './unassigned-reason.js';

export function toSolutionOutput(built: BuiltProblem, snapshot: SolutionSnapshot): SolutionOutput {
  const d = built.data;
  const w = d.weights;
  const routes: Route[] = [];
  const cost = { total: 0, duration: 0, travel: 0, distance: 0, lateness: 0, fixed: 0, unassigned: 0 };
  let isFeasible = true;
  snapshot.routes.forEach((stops, v) => {
    if (stops.length === 0) return;
    const route = new RouteState(d, v);
    route.restoreStops(stops, stops.length);
    if (!route.isFeasible) isFeasible = false;
    const out = routeOutput(built, route);
    routes.push(out);
    cost.duration += w[W_DURATION]! * out.durationSec;
    cost.travel += w[W_TRAVEL]! * out.travelSec;
    cost.distance += w[W_DISTANCE]! * out.distanceM;
    cost.lateness += w[W_LATENESS]! * route.latenessCost;
    cost.fixed += w[W_FIXED]! * d.vehFixedCost[v]!;
  });
  const emptyRoutes = emptyRouteCache(d);
  const unassigned: UnassignedJob[] = snapshot.unassigned
    .slice()
    .sort((a, b) => a - b)
    .map((r) => {
      if (d.penalty[r]! !== Infinity) cost.unassigned += d.penalty[r]!;
      return { id: built.requestIds[r]!, kind: built.requestIsShipment[r] ? 'shipment' : 'job', reason: unassignedReason(d, r, emptyRoutes) };
    });
  // An order the rider carries or has committed to must be served: leaving it out is infeasible.
  if (snapshot.unassigned.some((r) => d.boundVehicle[r]! >= 0)) isFeasible = false;
  cost.total = cost.duration + cost.travel + cost.distance + cost.lateness + cost.fixed + cost.unassigned;
  return { routes, unassigned, cost, numVehiclesUsed: routes.length, isFeasible };
}

function routeOutput(built: BuiltProblem, route: RouteState): Route {
  const d = built.data;
  const v = route.vehicle;
  const dims = d.numDims;
  const vehicleId = built.vehicleIds[v]!;
  const startAt = d.vehStartAt[v]!;
  const stops: RouteStop[] = [
    {
      kind: 'start',
      id: vehicleId,
      location: d.vehStartLoc[v]!,
      arrivalAt: startAt,
      startAt,
      departureAt: startAt,
      waitSec: 0,
      latenessSec: 0,
      load: Array.from(route.initLoad),
      ordersOnBoard: route.initBag,
      isLocked: false,
    },
  ];
  let waitSec = 0;
  let latenessSec = 0;
  for (let p = 0; p < route.len; p++) {
    const s = route.stops[p]!;
    const start = route.startAt[p]!;
    const late = Math.max(0, start - d.softDueAt[s]!);
    waitSec += route.waitSec[p]!;
    latenessSec += late;
    const kind = d.stopKind[s]!;
    const stopKind: StopKind = kind === STOP_PICKUP ? 'pickup' : kind === STOP_DELIVERY || (kind === STOP_JOB_DELIVERY && built.requestIsShipment[d.requestOfStop[s]!]) ? 'delivery' : 'job';
    stops.push({
      kind: stopKind,
      id: built.requestIds[d.requestOfStop[s]!]!,
      location: d.stopLoc[s]!,
      arrivalAt: start - route.waitSec[p]!,
      startAt: start,
      departureAt: start + d.serviceSec[s]!,
      waitSec: route.waitSec[p]!,
      latenessSec: late,
      load: Array.from(route.load.subarray(p * dims, (p + 1) * dims)),
      ordersOnBoard: route.bag[p]!,
      isLocked: p < route.numLocked,
    });
  }
  const endLoc = d.vehEndLoc[v]!;
  if (endLoc >= 0) {
    const last = stops[stops.length - 1]!;
    stops.push({
      kind: 'end',
      id: vehicleId,
      location: endLoc,
      arrivalAt: route.endTime,
      startAt: route.endTime,
      departureAt: route.endTime,
      waitSec: 0,
      latenessSec: 0,
      load: last.load.slice(),
      ordersOnBoard: last.ordersOnBoard,
      isLocked: false,
    });
  }
  return {
    vehicleId,
    stops,
    durationSec: route.endTime - startAt,
    travelSec: route.travelSec,
    distanceM: route.distanceM,
    waitSec,
    latenessSec,
    cost: route.cost,
  };
}
