/**
 * Re-planning routes under way: every rider's current route (orders on board, the stop it is
 * already driving to, orders assigned but not picked up) plus the new orders go to the route
 * solver as one problem. Orders on board stay with their rider and the stop under way stays first
 * (the solver's `onBoard` and `committed`); new orders are inserted where they cost least; orders
 * not yet picked up may move to another rider when that helps (`reassignNotPickedUp`), or stay
 * with theirs, in their current order, ahead of new work.
 */
import { DispatchInputError } from '../errors.js';
import type { ShipmentInput, VehicleInput } from '../solver/problem-input.js';
import { solve } from '../solver/solve.js';
import type { UnassignedJob } from '../solver/solution-output.js';

/** An open order: locations are indices of the caller's matrices. */
export interface ReplanOrder {
  readonly id: string;
  readonly pickupLocation: number;
  readonly dropoffLocation: number;
  readonly readyAt: number;
  readonly promisedBy: number;
  readonly size?: number;
  readonly pickupServiceSec?: number;
  readonly dropoffServiceSec?: number;
  /** Cost per second of lateness past `promisedBy`. Default 2. */
  readonly latenessCostPerSec?: number;
}

/** A rider with its current route. */
export interface ReplanRider {
  readonly id: string;
  /** Where the rider is (or the stop it is finishing), a matrix index. */
  readonly location: number;
  /** When it can start its next leg. */
  readonly availableAt: number;
  readonly shiftEndAt?: number;
  readonly capacity: number;
  readonly bagLimit?: number;
  /** Orders picked up, not delivered. */
  readonly onBoard?: readonly string[];
  /** The pickup it is already driving to (cannot change), if any. */
  readonly headingToPickup?: string;
  /** Orders assigned to it, not picked up, in its planned order. */
  readonly assigned?: readonly string[];
}

export interface ReplanInput {
  readonly riders: readonly ReplanRider[];
  /** Every open order: on board, assigned, and new ones. */
  readonly orders: readonly ReplanOrder[];
  readonly numLocations: number;
  readonly durationMatrix: Int32Array | readonly number[];
  readonly distanceMatrix?: Int32Array | readonly number[];
  /** Orders not picked up may change rider. Default true. */
  readonly reassignNotPickedUp?: boolean;
  /** Solver budget. Default 200 ms. */
  readonly timeLimitMs?: number;
  /** Or a fixed number of search iterations (deterministic for a seed, whatever the machine). */
  readonly maxIterations?: number;
  readonly seed?: number;
}

/** A planned stop of a rider. */
export interface ReplanStop {
  readonly kind: 'pickup' | 'delivery';
  readonly orderId: string;
  readonly location: number;
  readonly arrivalAt: number;
  readonly startAt: number;
  readonly latenessSec: number;
}

export interface ReplanResult {
  readonly routes: ReadonlyArray<{ readonly riderId: string; readonly stops: readonly ReplanStop[] }>;
  /** Orders assigned before that now belong to another rider. */
  readonly reassigned: ReadonlyArray<{ readonly orderId: string; readonly from: string; readonly to: string }>;
  readonly unassigned: readonly UnassignedJob[];
  readonly isFeasible: boolean;
}

/** Re-plans every route with the route solver (see the module comment). */
export async function replanRoutes(input: ReplanInput): Promise<ReplanResult> {
  const reassign = input.reassignNotPickedUp ?? true;
  const byId = new Map(input.orders.map((o) => [o.id, o]));
  const previousRider = new Map<string, string>();
  input.riders.forEach((r, i) => {
    const check = (field: string, id: string): void => {
      if (!byId.has(id)) throw new DispatchInputError('UNKNOWN_REFERENCE', `riders[${i}].${field}`, 'must name an order of orders', id);
    };
    (r.onBoard ?? []).forEach((id, k) => check(`onBoard[${k}]`, id));
    if (r.headingToPickup !== undefined) check('headingToPickup', r.headingToPickup);
    (r.assigned ?? []).forEach((id, k) => {
      check(`assigned[${k}]`, id);
      previousRider.set(id, r.id);
    });
    if (r.headingToPickup !== undefined) previousRider.set(r.headingToPickup, r.id);
  });
  const shipments: ShipmentInput[] = input.orders.map((o) => ({
    id: o.id,
    pickup: { location: o.pickupLocation, serviceSec: o.pickupServiceSec ?? 120, timeWindow: [o.readyAt, Number.MAX_SAFE_INTEGER] as const },
    delivery: { location: o.dropoffLocation, serviceSec: o.dropoffServiceSec ?? 120, softDueAt: o.promisedBy, latenessCostPerSec: o.latenessCostPerSec ?? 2 },
    demand: [o.size ?? 1],
  }));
  const vehicles: VehicleInput[] = input.riders.map((r) => {
    const committed: string[] = [];
    if (r.headingToPickup !== undefined) committed.push(`${r.headingToPickup}:pickup`);
    if (!reassign) for (const id of r.assigned ?? []) if (id !== r.headingToPickup) committed.push(`${id}:pickup`);
    return {
      id: r.id,
      startLocation: r.location,
      startAt: r.availableAt,
      ...(r.shiftEndAt !== undefined ? { shiftEndAt: r.shiftEndAt } : {}),
      capacity: [r.capacity],
      ...(r.bagLimit !== undefined ? { bagLimit: r.bagLimit } : {}),
      onBoard: r.onBoard ?? [],
      committed,
    };
  });
  const result = await solve(
    {
      numLocations: input.numLocations,
      durationMatrix: input.durationMatrix,
      ...(input.distanceMatrix !== undefined ? { distanceMatrix: input.distanceMatrix } : {}),
      vehicles,
      shipments,
      objective: { durationSec: 1, lateness: 1 },
    },
    input.maxIterations !== undefined
      ? { maxIterations: input.maxIterations, seed: input.seed ?? 1 }
      : { timeLimitMs: input.timeLimitMs ?? 200, seed: input.seed ?? 1 },
  );
  const reassigned: Array<{ orderId: string; from: string; to: string }> = [];
  const routes = result.solution.routes.map((route) => {
    const stops: ReplanStop[] = [];
    for (const s of route.stops) {
      if (s.kind !== 'pickup' && s.kind !== 'delivery') continue;
      stops.push({ kind: s.kind, orderId: s.id, location: s.location, arrivalAt: s.arrivalAt, startAt: s.startAt, latenessSec: s.latenessSec });
      const from = previousRider.get(s.id);
      if (s.kind === 'pickup' && from !== undefined && from !== route.vehicleId) reassigned.push({ orderId: s.id, from, to: route.vehicleId });
    }
    return { riderId: route.vehicleId, stops };
  });
  return { routes, reassigned, unassigned: result.solution.unassigned, isFeasible: result.solution.isFeasible };
}
