/**
 * @internal The shape of a route (one `start` stop first, an `end` stop last iff the vehicle has
 * an `endLocation`, job stops between) and the resolution of each job stop to what the input says
 * about it.
 */
import type { StopInput, VehicleInput } from '../problem-input.js';
import type { Route, RouteStop, StopKind } from '../solution-output.js';
import type { ProblemIndex } from './problem-index.js';
import { show, type ViolationList } from './violations.js';

/** The kinds of a job stop (between the start and the end). */
export type JobStopKind = 'job' | 'pickup' | 'delivery';

const STOP_KINDS: ReadonlySet<string> = new Set<StopKind>(['start', 'job', 'pickup', 'delivery', 'end']);

/** A job stop as the input defines it. */
export interface StopTask {
  readonly kind: JobStopKind;
  /** Job or shipment id. */
  readonly id: string;
  /** `job <id>` or `shipment <id>`: what skills and lateness belong to. */
  readonly ownerLabel: string;
  readonly stop: StopInput;
  readonly demand: readonly number[] | undefined;
  readonly skills: readonly number[] | undefined;
  /** +1 when the stop loads its demand, −1 when it unloads it. */
  readonly loadSign: 1 | -1;
  /** A delivery-kind single job: its demand is loaded at the vehicle's start. */
  readonly isLoadedAtStart: boolean;
  /** A job or pickup: may not start after the vehicle's `shiftEndAt`. */
  readonly isShiftBound: boolean;
}

export function isJobStopKind(kind: string): kind is JobStopKind {
  return kind === 'job' || kind === 'pickup' || kind === 'delivery';
}

/** `route of vehicle v1`. */
export function routeLabel(vehicleId: string): string {
  return `route of vehicle ${vehicleId}`;
}

/** `route of vehicle v1, stop 3 (pickup s1)`. */
export function stopLabel(vehicleId: string, position: number, stop: RouteStop): string {
  return `${routeLabel(vehicleId)}, stop ${position} (${stop.kind} ${stop.id})`;
}

/** The id a committed list uses for a stop: the job id, or `<shipment id>:pickup|delivery`. */
export function committedKeyOf(kind: JobStopKind, id: string): string {
  return kind === 'job' ? id : `${id}:${kind}`;
}

/** What the input says about a job stop, or why the stop names nothing in the input. */
export function resolveStop(index: ProblemIndex, kind: JobStopKind, id: string): StopTask | string {
  if (kind === 'job') {
    const job = index.jobs.get(id);
    if (job !== undefined) {
      const isPickup = job.kind === 'pickup';
      return {
        kind,
        id,
        ownerLabel: `job ${id}`,
        stop: job,
        demand: job.demand,
        skills: job.skills,
        loadSign: isPickup ? 1 : -1,
        isLoadedAtStart: !isPickup,
        isShiftBound: true,
      };
    }
    return index.shipments.has(id)
      ? `${id} is a shipment, so its stops are kind 'pickup' / 'delivery', not 'job'`
      : `no job ${show(id)} in the problem`;
  }
  const shipment = index.shipments.get(id);
  if (shipment !== undefined) {
    return {
      kind,
      id,
      ownerLabel: `shipment ${id}`,
      stop: kind === 'pickup' ? shipment.pickup : shipment.delivery,
      demand: shipment.demand,
      skills: shipment.skills,
      loadSign: kind === 'pickup' ? 1 : -1,
      isLoadedAtStart: false,
      isShiftBound: kind === 'pickup',
    };
  }
  return index.jobs.has(id)
    ? `${id} is a single job, so its stop is kind 'job', not '${kind}'`
    : `no shipment ${show(id)} in the problem`;
}

/** Where the route's start and end stops are, after reporting every misplaced or missing one. */
export interface RouteShape {
  readonly hasStart: boolean;
  /** The route ends with the `end` stop its vehicle needs. */
  readonly hasEnd: boolean;
}

/** Checks stop kinds and the placement of the `start` and `end` stops. */
export function checkRouteShape(vehicle: VehicleInput, route: Route, out: ViolationList): RouteShape {
  const stops = route.stops;
  const last = stops.length - 1;
  const first = stops[0];
  const hasStart = first?.kind === 'start';
  const needsEnd = vehicle.endLocation !== undefined;
  const hasEnd = needsEnd && last > 0 && stops[last]?.kind === 'end';
  const rl = routeLabel(vehicle.id);
  if (!hasStart) {
    const found = first === undefined ? 'the route has no stops' : `found ${first.kind} ${first.id}`;
    out.add('route_structure', `${rl}: stop 0 must be the 'start' stop, ${found}`);
  }
  if (needsEnd && !hasEnd) {
    const rule = `the vehicle has endLocation ${vehicle.endLocation}, so the last stop must be an 'end' stop`;
    out.add('route_structure', `${rl}: ${rule}`);
  }
  stops.forEach((stop, p) => {
    const label = stopLabel(vehicle.id, p, stop);
    if (!STOP_KINDS.has(stop.kind)) out.add('route_structure', `${label}: unknown stop kind ${show(stop.kind)}`);
    else if (stop.kind === 'start' && p !== 0) out.add('route_structure', `${label}: a 'start' stop may only be stop 0`);
    else if (stop.kind === 'end' && !needsEnd) {
      out.add('route_structure', `${label}: the vehicle has no endLocation, so its route has no 'end' stop`);
    } else if (stop.kind === 'end' && p !== last) out.add('route_structure', `${label}: an 'end' stop may only be the last stop`);
  });
  return { hasStart, hasEnd };
}
