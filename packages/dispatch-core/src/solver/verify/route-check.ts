/**
 * @internal Recomputes one route from the input and its stop order (earliest-start schedule,
 * loads, orders on board), checks the per-route hard rules and compares every reported number
 * with the recomputation. Cross-route rules (pairing, duplicates, unassigned) are in
 * `assignment-check.ts`.
 */
import type { VehicleInput } from '../problem-input.js';
import type { Route, RouteStop } from '../solution-output.js';
import { LoadLimits } from './load-limits.js';
import { demandOf, distanceMOf, isLocation, latenessCostPerSecOf, travelSecOf, type ProblemIndex } from './problem-index.js';
import {
  checkRouteShape,
  committedKeyOf,
  isJobStopKind,
  resolveStop,
  routeLabel,
  stopLabel,
  type JobStopKind,
  type StopTask,
} from './route-structure.js';
import { compareStop, type ExpectedStop } from './stop-compare.js';
import { isClose, isSameNumber, mismatch, show, type ViolationList } from './violations.js';

/** A job stop found in a route, with its recomputed times. */
export interface Visit {
  readonly kind: JobStopKind;
  readonly id: string;
  readonly routeIdx: number;
  readonly vehicleId: string;
  readonly position: number;
  readonly startAt: number;
  readonly departureAt: number;
  readonly label: string;
}

/** One route as recomputed. */
export interface RouteSummary {
  readonly vehicleId: string;
  /** Undefined when the route names an unknown vehicle (then nothing is recomputed). */
  readonly vehicle: VehicleInput | undefined;
  readonly numJobStops: number;
  readonly durationSec: number;
  readonly travelSec: number;
  readonly distanceM: number;
  readonly waitSec: number;
  readonly latenessSec: number;
  /** Σ latenessSec × latenessCostPerSec × objective.lateness. */
  readonly latenessCost: number;
  readonly visits: readonly Visit[];
}

/** The walk along one route's stops: the vehicle's state after the last stop processed. */
class RouteWalk {
  readonly startAt: number;
  time: number;
  location: number;
  load: number[];
  ordersOnBoard = 0;
  travelSec = 0;
  distanceM = 0;
  waitSec = 0;
  latenessSec = 0;
  latenessCost = 0;
  numJobStops = 0;
  lastStopLabel: string;
  readonly visits: Visit[] = [];
  /** Committed-list ids of the job stops, in route order. */
  readonly jobKeys: string[] = [];
  private readonly skillsChecked = new Set<string>();
  private readonly vehicleSkills: ReadonlySet<number>;
  readonly limits: LoadLimits;

  constructor(
    private readonly index: ProblemIndex,
    readonly vehicle: VehicleInput,
    private readonly routeIdx: number,
    private readonly out: ViolationList,
  ) {
    this.startAt = vehicle.startAt ?? 0;
    this.time = this.startAt;
    this.location = vehicle.startLocation;
    this.load = vehicle.capacity.map(() => 0);
    this.lastStopLabel = `${routeLabel(vehicle.id)}, stop 0 (start ${vehicle.id})`;
    this.vehicleSkills = new Set(vehicle.skills ?? []);
    // Orders the vehicle already carries or has committed to need no skill check: they are its own.
    for (const id of vehicle.onBoard ?? []) this.skillsChecked.add(`shipment ${id}`);
    for (const ref of vehicle.committed ?? []) {
      const m = /^(.*):(pickup|delivery)$/.exec(ref);
      this.skillsChecked.add(m ? `shipment ${m[1]}` : `job ${ref}`);
    }
    this.limits = new LoadLimits(vehicle);
  }

  /** Initial load: delivery-kind single jobs of the route plus the vehicle's on-board shipments. */
  loadAtStart(tasks: readonly (StopTask | string | undefined)[]): void {
    const add = (demand: readonly number[] | undefined): void => {
      this.load = this.load.map((x, d) => x + demandOf(demand, d));
      this.ordersOnBoard++;
    };
    for (const task of tasks) if (typeof task === 'object' && task.isLoadedAtStart) add(task.demand);
    for (const id of this.vehicle.onBoard ?? []) {
      const shipment = this.index.shipments.get(id);
      if (shipment !== undefined && this.index.onBoardOwner.get(id) === this.vehicle.id) add(shipment.demand);
    }
  }

  /** Moves to `location`, adding the leg to the totals; returns the arrival time. */
  private travelTo(location: number): number {
    const legSec = travelSecOf(this.index, this.location, location);
    this.travelSec += legSec;
    this.distanceM += distanceMOf(this.index, this.location, location);
    this.location = location;
    return this.time + legSec;
  }

  start(stop: RouteStop | undefined): void {
    if (stop !== undefined) this.lastStopLabel = stopLabel(this.vehicle.id, 0, stop);
    const label = this.lastStopLabel;
    this.limits.check(label, this.load, this.ordersOnBoard);
    if (stop === undefined) return;
    const t = this.startAt;
    compareStop(label, stop, this.expectedStop(this.vehicle.id, this.vehicle.startLocation, [t, t, t]), this.out);
  }

  /** What a stop reached at `arrivalAt` and served in `[startAt, departureAt]` should report, at the current load. */
  private expectedStop(
    id: string,
    location: number,
    [arrivalAt, startAt, departureAt]: readonly [number, number, number],
    latenessSec = 0,
    isLocked = false,
  ): ExpectedStop {
    const { ordersOnBoard } = this;
    const waitSec = startAt - arrivalAt;
    return { id, location, arrivalAt, startAt, departureAt, waitSec, latenessSec, load: [...this.load], ordersOnBoard, isLocked };
  }

  /** Serves one job stop at the earliest start its time window allows. */
  visit(position: number, stop: RouteStop, task: StopTask): void {
    const label = stopLabel(this.vehicle.id, position, stop);
    const { timeWindow, softDueAt } = task.stop;
    const arrivalAt = this.travelTo(task.stop.location);
    const startAt = timeWindow === undefined ? arrivalAt : Math.max(arrivalAt, timeWindow[0]);
    const departureAt = startAt + (task.stop.serviceSec ?? 0);
    const latenessSec = softDueAt === undefined ? 0 : Math.max(0, startAt - softDueAt);
    this.load = this.load.map((x, d) => x + task.loadSign * demandOf(task.demand, d));
    this.ordersOnBoard += task.loadSign;
    const isLocked = this.numJobStops < (this.vehicle.committed ?? []).length;
    this.countJobStop(label, committedKeyOf(task.kind, task.id));
    this.checkHardRules(label, task, startAt);
    const expected = this.expectedStop(task.id, task.stop.location, [arrivalAt, startAt, departureAt], latenessSec, isLocked);
    compareStop(label, stop, expected, this.out);
    this.waitSec += startAt - arrivalAt;
    this.latenessSec += latenessSec;
    this.latenessCost += latenessSec * latenessCostPerSecOf(task.stop) * this.index.weights.lateness;
    this.time = departureAt;
    const { routeIdx, vehicle } = this;
    this.visits.push({ kind: task.kind, id: task.id, routeIdx, vehicleId: vehicle.id, position, startAt, departureAt, label });
  }

  private countJobStop(label: string, key: string): void {
    this.numJobStops++;
    this.jobKeys.push(key);
    this.lastStopLabel = label;
  }

  private checkHardRules(label: string, task: StopTask, startAt: number): void {
    const { timeWindow } = task.stop;
    if (timeWindow !== undefined && startAt > timeWindow[1]) {
      this.out.add('time_window', `${label}: service starts at ${startAt}, after its time window end ${timeWindow[1]}`);
    }
    const { shiftEndAt } = this.vehicle;
    if (task.isShiftBound && shiftEndAt !== undefined && startAt > shiftEndAt) {
      this.out.add('shift_end', `${label}: service starts at ${startAt}, after the vehicle's shift end ${shiftEndAt}`);
    }
    const missing = (task.skills ?? []).filter((s) => !this.vehicleSkills.has(s));
    if (missing.length > 0 && !this.skillsChecked.has(task.ownerLabel)) {
      this.out.add('skills', `${label}: vehicle ${this.vehicle.id} lacks skill(s) ${show(missing)} of ${task.ownerLabel}`);
    }
    this.skillsChecked.add(task.ownerLabel);
    this.limits.check(label, this.load, this.ordersOnBoard);
  }

  /**
   * A stop naming nothing in the input (already reported): the walk resynchronises on its
   * reported location, departure, wait, lateness, load and orders, so later stops are still
   * checked on their own merits.
   */
  resync(position: number, stop: RouteStop): void {
    this.countJobStop(stopLabel(this.vehicle.id, position, stop), committedKeyOf(stop.kind as JobStopKind, stop.id));
    if (isLocation(this.index.numLocations, stop.location)) this.travelTo(stop.location);
    if (Number.isFinite(stop.departureAt)) this.time = stop.departureAt;
    if (Number.isFinite(stop.waitSec)) this.waitSec += stop.waitSec;
    if (Number.isFinite(stop.latenessSec)) this.latenessSec += stop.latenessSec;
    if (Array.isArray(stop.load) && stop.load.length === this.load.length) this.load = [...stop.load];
    if (Number.isInteger(stop.ordersOnBoard)) this.ordersOnBoard = stop.ordersOnBoard;
  }

  /** Goes to the end location (if any) and checks `endBy`; returns the route's end time. */
  finish(endStop: RouteStop | undefined, endPosition: number): number {
    const { endLocation, endBy } = this.vehicle;
    if (endLocation === undefined) {
      if (endBy !== undefined && this.time > endBy) {
        this.out.add('end_by', `${this.lastStopLabel}: the route ends at its departure ${this.time}, after endBy ${endBy}`);
      }
      return this.time;
    }
    const arrivalAt = this.travelTo(endLocation);
    const label =
      endStop === undefined ? `${routeLabel(this.vehicle.id)}, end` : stopLabel(this.vehicle.id, endPosition, endStop);
    if (endStop !== undefined) {
      const expected = this.expectedStop(this.vehicle.id, endLocation, [arrivalAt, arrivalAt, arrivalAt]);
      compareStop(label, endStop, expected, this.out);
    }
    if (endBy !== undefined && arrivalAt > endBy) {
      this.out.add('end_by', `${label}: arrives at endLocation ${endLocation} at ${arrivalAt}, after endBy ${endBy}`);
    }
    return arrivalAt;
  }

  checkCommittedPrefix(): void {
    const committed = this.vehicle.committed ?? [];
    const prefix = this.jobKeys.slice(0, committed.length);
    if (prefix.length === committed.length && prefix.every((key, i) => key === committed[i])) return;
    const rule = `the first job stops must be the committed stops ${show(committed)} in this order`;
    this.out.add('committed', `${routeLabel(this.vehicle.id)}: ${rule}, found ${show(prefix)}`);
  }
}

/** Recomputes and checks one route of a known vehicle. */
export function checkRoute(
  index: ProblemIndex,
  vehicle: VehicleInput,
  route: Route,
  routeIdx: number,
  out: ViolationList,
): RouteSummary {
  const shape = checkRouteShape(vehicle, route, out);
  const stops = route.stops;
  const tasks = stops.map((s) => (isJobStopKind(s.kind) ? resolveStop(index, s.kind, s.id) : undefined));
  const walk = new RouteWalk(index, vehicle, routeIdx, out);
  walk.loadAtStart(tasks);
  walk.start(shape.hasStart ? stops[0] : undefined);
  stops.forEach((stop, p) => {
    const task = tasks[p];
    if (task === undefined) return; // start, end, or a misplaced / unknown kind: reported by the shape check
    if (typeof task === 'string') {
      out.add('unknown_id', `${stopLabel(vehicle.id, p, stop)}: ${task}`);
      walk.resync(p, stop);
    } else walk.visit(p, stop, task);
  });
  walk.limits.report(out);
  const endAt = walk.finish(shape.hasEnd ? stops[stops.length - 1] : undefined, stops.length - 1);
  walk.checkCommittedPrefix();
  const summary: RouteSummary = {
    vehicleId: vehicle.id,
    vehicle,
    numJobStops: walk.numJobStops,
    durationSec: endAt - walk.startAt,
    travelSec: walk.travelSec,
    distanceM: walk.distanceM,
    waitSec: walk.waitSec,
    latenessSec: walk.latenessSec,
    latenessCost: walk.latenessCost,
    visits: walk.visits,
  };
  compareRouteTotals(index, route, summary, out);
  return summary;
}

/** The route's share of the objective: 0 for a route without job stops (it could be omitted). */
export function routeCostOf(index: ProblemIndex, r: RouteSummary): number {
  if (r.numJobStops === 0) return 0;
  const w = index.weights;
  return (
    r.durationSec * w.durationSec +
    r.travelSec * w.travelSec +
    r.distanceM * w.distanceM +
    r.latenessCost +
    (r.vehicle?.fixedCost ?? 0) * w.fixedCost
  );
}

const TOTAL_FIELDS = ['durationSec', 'travelSec', 'distanceM', 'waitSec', 'latenessSec'] as const;

function compareRouteTotals(index: ProblemIndex, route: Route, summary: RouteSummary, out: ViolationList): void {
  const diffs = TOTAL_FIELDS.filter((f) => !isSameNumber(summary[f], route[f])).map((f) => mismatch(f, route[f], summary[f]));
  const cost = routeCostOf(index, summary);
  if (!isClose(cost, route.cost)) diffs.push(mismatch('cost', route.cost, cost));
  if (diffs.length > 0) {
    const what = 'reported totals differ from the recomputation';
    out.add('route_total_mismatch', `${routeLabel(summary.vehicleId)}: ${what}: ${diffs.join(', ')}`);
  }
}

/** A route naming an unknown vehicle: nothing can be recomputed, but its stops still count as visits. */
export function summariseUnknownVehicleRoute(index: ProblemIndex, route: Route, routeIdx: number): RouteSummary {
  const visits: Visit[] = [];
  route.stops.forEach((stop, position) => {
    if (!isJobStopKind(stop.kind) || typeof resolveStop(index, stop.kind, stop.id) === 'string') return;
    const { kind, id, startAt, departureAt } = stop;
    const { vehicleId } = route;
    visits.push({ kind, id, routeIdx, vehicleId, position, startAt, departureAt, label: stopLabel(vehicleId, position, stop) });
  });
  const numJobStops = route.stops.filter((s) => isJobStopKind(s.kind)).length;
  const zero = { durationSec: 0, travelSec: 0, distanceM: 0, waitSec: 0, latenessSec: 0, latenessCost: 0 };
  return { vehicleId: route.vehicleId, vehicle: undefined, numJobStops, ...zero, visits };
}
