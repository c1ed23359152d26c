/**
 * A solution as the solver returns it: routes with a full schedule per stop, unassigned jobs
 * with a reason, and the cost broken down. Times are on the problem's clock.
 */

/** What a stop of a route is. */
export type StopKind = 'start' | 'job' | 'pickup' | 'delivery' | 'end';

/** One visited stop, with its schedule. */
export interface RouteStop {
  readonly kind: StopKind;
  /** Job or shipment id; the vehicle id for `start` / `end`. */
  readonly id: string;
  readonly location: number;
  /** Arrival at the location. */
  readonly arrivalAt: number;
  /** Service start (arrival plus any wait for the time window). */
  readonly startAt: number;
  /** Departure (service start plus service duration). */
  readonly departureAt: number;
  /** Waiting before service, seconds. */
  readonly waitSec: number;
  /** Lateness after the soft due time, seconds (0 when on time or none). */
  readonly latenessSec: number;
  /** Load per capacity dimension after the stop. */
  readonly load: readonly number[];
  /** Orders (jobs and shipments) on board after the stop. */
  readonly ordersOnBoard: number;
  /** True for committed (locked) stops. */
  readonly isLocked: boolean;
}

/** One vehicle's route. */
export interface Route {
  readonly vehicleId: string;
  readonly stops: readonly RouteStop[];
  readonly durationSec: number;
  readonly travelSec: number;
  readonly distanceM: number;
  readonly waitSec: number;
  readonly latenessSec: number;
  readonly cost: number;
}

/** Why a job is not in any route. */
export type UnassignedReason =
  /** No vehicle has every skill the job needs. */
  | 'skills'
  /** The demand exceeds every vehicle's capacity or bag limit. */
  | 'capacity'
  /** No vehicle can reach it within its time window (or shift / end time). */
  | 'time_window'
  /** No vehicle can deliver it within its maximum ride time. */
  | 'ride_time'
  /** Feasible alone, but no room was found for it in this solution. */
  | 'no_room'
  /** Optional, and serving it costs more than its unassigned penalty. */
  | 'not_worth_it';

export interface UnassignedJob {
  readonly id: string;
  readonly kind: 'job' | 'shipment';
  readonly reason: UnassignedReason;
}

/** The objective, term by term (weighted, as in `ObjectiveWeights`). */
export interface CostBreakdown {
  readonly total: number;
  readonly duration: number;
  readonly travel: number;
  readonly distance: number;
  readonly lateness: number;
  readonly fixed: number;
  readonly unassigned: number;
}

export interface SolutionOutput {
  readonly routes: readonly Route[];
  readonly unassigned: readonly UnassignedJob[];
  readonly cost: CostBreakdown;
  readonly numVehiclesUsed: number;
  /** True when every hard constraint holds (unassigned jobs do not make it infeasible). */
  readonly isFeasible: boolean;
}
