/**
 * The route-planning problem as users give it: locations are matrix indices (the solver never
 * sees coordinates), times are integer seconds on one clock (e.g. offsets from the planning
 * horizon's start, or Unix epoch seconds: any integer clock works), costs are numbers.
 * `buildProblem` validates it once and packs it into a `ProblemData` (typed arrays over one
 * buffer that workers share).
 */

/** A time window `[start, end]` (both included): service may start no earlier than `start` and no later than `end`. */
export type TimeWindow = readonly [start: number, end: number];

/** A stop: where, when, for how long. */
export interface StopInput {
  /** Row/column of the matrices. */
  readonly location: number;
  /** Service duration at the stop (handover, parking), seconds. Default 0. */
  readonly serviceSec?: number;
  /**
   * Hard time window: service starts within it (waiting allowed before `start`). Default: always
   * open. A stop arriving after `end` is infeasible.
   */
  readonly timeWindow?: TimeWindow;
  /**
   * Soft due time: service starting after it costs `latenessCostPerSec` per second late (the
   * promise time of an O2O order). Lateness is reported, the job is not dropped.
   */
  readonly softDueAt?: number;
  /** Cost per second of lateness after `softDueAt`. Default 1 when `softDueAt` is set. */
  readonly latenessCostPerSec?: number;
}

/**
 * A single-stop job. `kind: 'delivery'` (default) is loaded at the vehicle's start (a depot
 * delivery: the classic VRP customer); `kind: 'pickup'` is collected and carried to the end.
 */
export interface JobInput extends StopInput {
  readonly id: string;
  readonly kind?: 'delivery' | 'pickup';
  /** Amount per capacity dimension. Default all zeros. */
  readonly demand?: readonly number[];
  /** Skills a vehicle must have (all of them). */
  readonly skills?: readonly number[];
  /**
   * Optional job: the cost of leaving it unassigned. Absent: the job is mandatory (left out only
   * when no vehicle can serve it, with a reason).
   */
  readonly unassignedPenalty?: number;
}

/** A pickup-and-delivery pair (an O2O order): same vehicle, pickup first. */
export interface ShipmentInput {
  readonly id: string;
  readonly pickup: StopInput;
  readonly delivery: StopInput;
  readonly demand?: readonly number[];
  readonly skills?: readonly number[];
  /** Longest time from leaving the pickup to starting the delivery service (food freshness), seconds. */
  readonly maxRideSec?: number;
  readonly unassignedPenalty?: number;
}

/** A vehicle (rider). */
export interface VehicleInput {
  readonly id: string;
  /** Where the vehicle is now / starts. */
  readonly startLocation: number;
  /** Where it must end; absent: the route ends at its last stop (open route). */
  readonly endLocation?: number;
  /** When it is available at `startLocation`. Default 0. */
  readonly startAt?: number;
  /** Shift end: no pickup or job may start after it; deliveries of orders on board may. Default: none. */
  readonly shiftEndAt?: number;
  /** Hard latest time to reach `endLocation` (or finish the last stop). Default: none. */
  readonly endBy?: number;
  /** Capacity per dimension. */
  readonly capacity: readonly number[];
  /** Most orders (jobs and shipments) carried at once. Default: unlimited. */
  readonly bagLimit?: number;
  readonly skills?: readonly number[];
  /** Cost of using the vehicle at all. Default 0. */
  readonly fixedCost?: number;
  /**
   * Shipments already picked up by this vehicle: only their delivery remains, and it stays on
   * this vehicle. Their demand is on board from the start.
   */
  readonly onBoard?: readonly string[];
  /**
   * Committed stops: a locked prefix of the route, kept first and in this order. Each entry is a
   * job id, or `<shipment id>:pickup` / `<shipment id>:delivery`.
   */
  readonly committed?: readonly string[];
}

/** Weights of the objective; each term is summed over routes. */
export interface ObjectiveWeights {
  /** Per second of route duration (start to end, waiting included). Default 1. */
  readonly durationSec?: number;
  /** Per second of travel only. Default 0. */
  readonly travelSec?: number;
  /** Per metre of distance (needs a distance matrix). Default 0. */
  readonly distanceM?: number;
  /** Multiplier of every stop's lateness cost. Default 1. */
  readonly lateness?: number;
  /** Multiplier of every vehicle's fixed cost. Default 1. */
  readonly fixedCost?: number;
}

/** The whole problem. */
export interface ProblemInput {
  /** Number of locations: the matrices are `numLocations × numLocations`, row-major. */
  readonly numLocations: number;
  /** Travel durations, seconds (integers ≥ 0). */
  readonly durationMatrix: Int32Array | readonly number[];
  /** Travel distances, metres (integers ≥ 0). Default: none (distance terms are 0). */
  readonly distanceMatrix?: Int32Array | readonly number[];
  readonly vehicles: readonly VehicleInput[];
  readonly jobs?: readonly JobInput[];
  readonly shipments?: readonly ShipmentInput[];
  readonly objective?: ObjectiveWeights;
}
