/**
 * @internal Rules across routes: each stop visited at most once, shipments paired in one route
 * with the pickup first (and within their maximum ride), on-board shipments delivered by their
 * vehicle, committed stops of unrouted vehicles, and `solution.unassigned` listing exactly the
 * jobs left out.
 */
import type { ShipmentInput } from '../problem-input.js';
import type { SolutionOutput } from '../solution-output.js';
import type { ProblemIndex } from './problem-index.js';
import type { RouteSummary, Visit } from './route-check.js';
import { routeLabel } from './route-structure.js';
import { show, type ViolationList } from './violations.js';

/** Which jobs and shipments have at least one stop in some route. */
export interface Assignment {
  readonly routedJobIds: ReadonlySet<string>;
  readonly routedShipmentIds: ReadonlySet<string>;
}

/** Runs every cross-route check; returns what is routed (for the unassigned cost). */
export function checkAssignment(
  index: ProblemIndex,
  solution: SolutionOutput,
  summaries: readonly RouteSummary[],
  out: ViolationList,
): Assignment {
  const visits = firstVisits(summaries, out);
  const routedJobIds = new Set([...index.jobs.keys()].filter((id) => visits.has(`job:${id}`)));
  const routedShipmentIds = new Set(
    [...index.shipments.keys()].filter((id) => visits.has(`pickup:${id}`) || visits.has(`delivery:${id}`)),
  );
  const listed = checkUnassignedList(index, solution, { routedJobIds, routedShipmentIds }, out);
  for (const shipment of index.shipments.values()) {
    const owner = index.onBoardOwner.get(shipment.id);
    if (owner === undefined) checkPairing(shipment, visits, out);
    else checkOnBoard(shipment, owner, visits, listed.has(`shipment:${shipment.id}`), out);
  }
  const routedVehicles = new Set(summaries.map((s) => s.vehicleId));
  for (const vehicle of index.vehicles.values()) {
    const committed = vehicle.committed ?? [];
    if (committed.length > 0 && !routedVehicles.has(vehicle.id)) {
      out.add('committed', `vehicle ${vehicle.id} has committed stops ${show(committed)} but no route`);
    }
  }
  return { routedJobIds, routedShipmentIds };
}

/** The first visit of each `kind:id`; every later one is a duplicate. */
function firstVisits(summaries: readonly RouteSummary[], out: ViolationList): Map<string, Visit> {
  const first = new Map<string, Visit>();
  for (const summary of summaries) {
    for (const visit of summary.visits) {
      const key = `${visit.kind}:${visit.id}`;
      const earlier = first.get(key);
      if (earlier === undefined) first.set(key, visit);
      else out.add('duplicate_stop', `${visit.label}: ${visit.kind} ${visit.id} is already visited at ${earlier.label}`);
    }
  }
  return first;
}

function checkPairing(shipment: ShipmentInput, visits: ReadonlyMap<string, Visit>, out: ViolationList): void {
  const id = shipment.id;
  const pickup = visits.get(`pickup:${id}`);
  const delivery = visits.get(`delivery:${id}`);
  if (pickup === undefined && delivery === undefined) return;
  if (delivery === undefined) {
    out.add('precedence', `${pickup?.label}: shipment ${id} is picked up, but its delivery is in no route`);
  } else if (pickup === undefined) {
    out.add('precedence', `${delivery.label}: shipment ${id} is delivered, but its pickup is in no route`);
  } else if (pickup.routeIdx !== delivery.routeIdx) {
    out.add(
      'precedence',
      `shipment ${id}: pickup in ${routeLabel(pickup.vehicleId)} (stop ${pickup.position}) but delivery in ` +
        `${routeLabel(delivery.vehicleId)} (stop ${delivery.position}); both must be in one route`,
    );
  } else if (delivery.position < pickup.position) {
    out.add('precedence', `${delivery.label}: delivered before its pickup at stop ${pickup.position}`);
  } else checkMaxRide(shipment, pickup, delivery, out);
}

/** Ride = delivery service start − pickup departure. */
function checkMaxRide(shipment: ShipmentInput, pickup: Visit, delivery: Visit, out: ViolationList): void {
  const { maxRideSec } = shipment;
  const rideSec = delivery.startAt - pickup.departureAt;
  if (maxRideSec === undefined || rideSec <= maxRideSec) return;
  out.add(
    'max_ride',
    `${delivery.label}: ride from leaving the pickup (stop ${pickup.position}) at ${pickup.departureAt} to ` +
      `delivery service start ${delivery.startAt} is ${rideSec} s, over maxRideSec ${maxRideSec}`,
  );
}

function checkOnBoard(
  shipment: ShipmentInput,
  owner: string,
  visits: ReadonlyMap<string, Visit>,
  isListedUnassigned: boolean,
  out: ViolationList,
): void {
  const id = shipment.id;
  const pickup = visits.get(`pickup:${id}`);
  const delivery = visits.get(`delivery:${id}`);
  if (pickup !== undefined) {
    const rule = `is already on board vehicle ${owner}, so its pickup must not be visited`;
    out.add('on_board', `${pickup.label}: shipment ${id} ${rule}`);
  }
  if (delivery === undefined) {
    const listed = isListedUnassigned ? ' (it is listed as unassigned)' : '';
    out.add('on_board', `shipment ${id} is on board vehicle ${owner}, but its delivery is in no route${listed}`);
  } else if (delivery.vehicleId !== owner) {
    out.add('on_board', `${delivery.label}: shipment ${id} is on board vehicle ${owner}, so only ${owner} may deliver it`);
  }
}

/**
 * Each entry names a known job (kind 'job') or shipment (kind 'shipment') left out of every
 * route, once; every job or shipment left out is listed (on-board shipments are reported by the
 * on-board rule instead). Returns the `kind:id` keys listed.
 */
function checkUnassignedList(
  index: ProblemIndex,
  solution: SolutionOutput,
  routed: Assignment,
  out: ViolationList,
): Set<string> {
  const listed = new Set<string>();
  solution.unassigned.forEach((u, i) => {
    const where = `unassigned[${i}] (${u.kind} ${u.id})`;
    const isJob = u.kind === 'job';
    const isKnown = isJob ? index.jobs.has(u.id) : u.kind === 'shipment' && index.shipments.has(u.id);
    const key = `${u.kind}:${u.id}`;
    if (!isKnown) out.add('unassigned_list', `${where}: the problem has no ${show(u.kind)} with id ${show(u.id)}`);
    else if (listed.has(key)) out.add('unassigned_list', `${where}: listed more than once`);
    else if (isJob ? routed.routedJobIds.has(u.id) : routed.routedShipmentIds.has(u.id)) {
      out.add('unassigned_list', `${where}: listed as unassigned, but it has a stop in a route`);
    }
    listed.add(key);
  });
  for (const id of index.jobs.keys()) {
    if (!routed.routedJobIds.has(id) && !listed.has(`job:${id}`)) {
      out.add('unassigned_list', `job ${id} is in no route and not listed in unassigned`);
    }
  }
  for (const id of index.shipments.keys()) {
    if (!routed.routedShipmentIds.has(id) && !listed.has(`shipment:${id}`) && !index.onBoardOwner.has(id)) {
      out.add('unassigned_list', `shipment ${id} is in no route and not listed in unassigned`);
    }
  }
  return listed;
}
