/**
 * An independent feasibility and consistency checker for solver output. It is written only from
 * the documented semantics of `problem-input.ts` and `solution-output.ts`, not from the solver: it
 * recomputes every schedule, load and cost from the input and the stop order of each route, and
 * uses the solver's reported numbers only to check that they agree with the recomputation.
 *
 * Conventions (`n` = `numLocations`, matrices row-major, `D[i][j] = durationMatrix[i * n + j]`):
 *
 * - **Route shape.** `stops[0]` is kind `'start'` (id = vehicle id) at `startLocation`; a final
 *   `'end'` stop (id = vehicle id) at `endLocation` exists iff the vehicle has an `endLocation`.
 *   Between them: job stops, kind `'job'` for a `JobInput`, `'pickup'` / `'delivery'` for a
 *   `ShipmentInput`, id = the job or shipment id. A vehicle has at most one route; routes without
 *   job stops may be omitted, and count for nothing in the objective or `numVehiclesUsed`.
 * - **Schedule** (earliest start, no deliberate idling). Depart the start at `vehicle.startAt`
 *   (default 0). At each stop: `arrivalAt = previous departure + D[prev][loc]`,
 *   `startAt = max(arrivalAt, timeWindow.start)`, `waitSec = startAt − arrivalAt`,
 *   `departureAt = startAt + serviceSec`. The start stop has arrival = start = departure =
 *   `vehicle.startAt`; the end stop has start = departure = arrival; both have wait and lateness 0.
 *   Hard: `startAt ≤ timeWindow.end`. With an `endLocation`, the end arrival must be `≤ endBy`;
 *   without one, `endBy` bounds the departure from the last stop (the start, for an empty route).
 *   No `'job'` stop (either kind) or `'pickup'` stop may start after `shiftEndAt`; deliveries may.
 * - **Lateness.** `latenessSec = max(0, startAt − softDueAt)` (0 without `softDueAt`); its cost is
 *   `latenessSec × latenessCostPerSec (default 1) × objective.lateness (default 1)`.
 * - **Pairing.** A shipment that is not on board has either no stop at all (unassigned) or both
 *   stops in one route, pickup first. A shipment in `vehicle.onBoard` has no pickup stop, and its
 *   delivery must be in that vehicle's route (it may not be left unassigned). Each job stop,
 *   pickup and delivery appears at most once over all routes; unknown ids, or a stop kind that
 *   does not match the id's type, are violations.
 * - **Loads** (per capacity dimension, `capacity.length` dimensions, missing demand entries 0).
 *   Initial load = demands of the route's delivery-kind single jobs (the default kind) + demands
 *   of the vehicle's on-board shipments. A delivery-kind job stop and a shipment delivery subtract
 *   the demand; a pickup-kind job stop and a shipment pickup add it. The load must stay within
 *   `[0, capacity]` at the start and after every stop. `ordersOnBoard` starts at the number of
 *   delivery-kind single jobs of the route plus on-board shipments, +1 per pickup (job or
 *   shipment), −1 per delivery, and must stay `≤ bagLimit`. One violation per route and limit:
 *   the first stop over it, with the count of later stops also over it.
 * - **Max ride.** `delivery.startAt − pickup.departureAt ≤ maxRideSec` when both stops are in one
 *   route, pickup first (no check for on-board shipments).
 * - **Skills.** The vehicle has every skill of each job or shipment it serves, except those it
 *   already carries (on board) or has committed to (any of their stops in `committed`): they are
 *   its own whatever its skills; reported once per job or shipment and route.
 * - **Committed stops.** The first `committed.length` job stops are, in order, the entries of
 *   `vehicle.committed` (job id, `<shipmentId>:pickup` or `<shipmentId>:delivery`). Exactly the
 *   first `committed.length` job stops have `isLocked: true`; all others, `start` and `end`
 *   included, have `isLocked: false`. A vehicle with committed stops must have a route.
 * - **Unassigned.** Every job and shipment is either in a route or listed in
 *   `solution.unassigned` exactly once, with kind `'job'` / `'shipment'` matching its type.
 *   Unassigned jobs do not make a solution infeasible (mandatory ones included); `reason` is not
 *   checked.
 * - **Consistency.** Each stop's `id` (start/end), `location`, `arrivalAt`, `startAt`,
 *   `departureAt`, `waitSec`, `latenessSec`, `load`, `ordersOnBoard` and `isLocked` equal the
 *   recomputation (exactly when the recomputed value is an integer). Per route: `durationSec` =
 *   (end arrival with an `endLocation`, else last departure) − `vehicle.startAt`; `travelSec` =
 *   Σ D over its legs (the leg to the end included); `distanceM` = the same over `distanceMatrix`
 *   (0 without one); `waitSec` and `latenessSec` = sums over its stops; `cost` = durationSec ×
 *   w.durationSec + travelSec × w.travelSec + distanceM × w.distanceM + its lateness cost +
 *   fixedCost × w.fixedCost (0 for a route without job stops). Cost terms, summed over routes with
 *   job stops: `duration` (w.durationSec, default 1), `travel` (w.travelSec, default 0),
 *   `distance` (w.distanceM, default 0), `lateness` (as above), `fixed` (vehicle `fixedCost`,
 *   default 0, × w.fixedCost, default 1), `unassigned` (Σ `unassignedPenalty` of the jobs and
 *   shipments with no stop; mandatory ones add 0); `total` = their sum. Costs compare with
 *   `|a − b| ≤ 1e-9 · max(1, |a|, |b|)`. `numVehiclesUsed` = routes with at least one job stop.
 * - **Feasibility flag.** `isFeasible` must be true iff no hard violation was found (rules in
 *   {@link SolutionViolation}`.isHard`); reporting mismatches and malformed input are not hard.
 *
 * Robustness: a route naming an unknown vehicle is reported and not recomputed (its stops still
 * count as visits); a job stop naming nothing in the input is reported and the walk resumes from
 * its reported departure, location and load, so one bad stop does not cascade.
 */
import type { ProblemInput } from './problem-input.js';
import type { SolutionOutput } from './solution-output.js';
import { checkAssignment } from './verify/assignment-check.js';
import { checkCost } from './verify/cost-check.js';
import { indexProblem } from './verify/problem-index.js';
import { checkRoute, summariseUnknownVehicleRoute, type RouteSummary } from './verify/route-check.js';
import { ViolationList, type SolutionViolation } from './verify/violations.js';

export type { SolutionViolation, ViolationRule } from './verify/violations.js';

/**
 * Every broken rule of `solution` for `input`, as structured records in the order found: route
 * by route, then across routes, then the cost, then the feasibility flag. Empty: feasible and
 * consistent. Never throws on malformed solutions.
 */
export function findSolutionViolations(input: ProblemInput, solution: SolutionOutput): SolutionViolation[] {
  const out = new ViolationList();
  const index = indexProblem(input, out);
  const routedVehicleIds = new Set<string>();
  const summaries: RouteSummary[] = solution.routes.map((route, routeIdx) => {
    const vehicle = index.vehicles.get(route.vehicleId);
    if (vehicle === undefined) {
      out.add('route_structure', `route ${routeIdx} names unknown vehicle '${route.vehicleId}'`);
      return summariseUnknownVehicleRoute(index, route, routeIdx);
    }
    if (routedVehicleIds.has(vehicle.id)) {
      out.add('route_structure', `route ${routeIdx}: vehicle ${vehicle.id} already has a route`);
    }
    routedVehicleIds.add(vehicle.id);
    return checkRoute(index, vehicle, route, routeIdx, out);
  });
  const assignment = checkAssignment(index, solution, summaries, out);
  checkCost(index, solution, summaries, assignment, out);
  const numHard = out.numHard;
  if (solution.isFeasible && numHard > 0) {
    out.add('feasibility_flag', `isFeasible is true, but ${numHard} hard constraint violation(s) were found`);
  } else if (!solution.isFeasible && numHard === 0) {
    out.add('feasibility_flag', 'isFeasible is false, but no hard constraint is violated');
  }
  return out.items;
}

/**
 * Human-readable violations of `solution` for `input` (empty array: feasible and consistent),
 * e.g. `route of vehicle v3, stop 4 (pickup s17): service starts at 5120, after its time window
 * end 5000`. See the module doc for the exact conventions.
 */
export function verifySolution(input: ProblemInput, solution: SolutionOutput): string[] {
  return findSolutionViolations(input, solution).map((v) => v.message);
}
