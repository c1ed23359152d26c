/**
 * What {@link simulate} returns: per order when it was assigned, picked up and dropped off and
 * by whom; per courier its itinerary (moves, pickups, drop-offs) in seconds; and the orders no
 * courier was given by the end of the horizon. Indices refer to the instance's arrays.
 */

/** Where a move goes: a store, or the customer (drop-off position) of an order. */
export type SimPlace = { readonly kind: 'store'; readonly store: number } | { readonly kind: 'customer'; readonly order: number };

/** The courier leaves where it is at `departAt` and reaches `to` at `arriveAt`. */
export interface SimMoveEvent {
  readonly type: 'move';
  readonly departAt: number;
  readonly arriveAt: number;
  /** Distance of the move, metres (from the instance's travel model). */
  readonly distanceM: number;
  readonly to: SimPlace;
}

/** The courier picks up `orders` (all of `store`) at `at`; they were assigned to it at `assignedAt`. */
export interface SimPickupEvent {
  readonly type: 'pickup';
  readonly at: number;
  readonly assignedAt: number;
  readonly store: number;
  readonly orders: readonly number[];
}

/** The courier drops `order` off at its customer at `at`. */
export interface SimDropoffEvent {
  readonly type: 'dropoff';
  readonly at: number;
  readonly order: number;
}

/** One entry of a courier's itinerary. */
export type SimCourierEvent = SimMoveEvent | SimPickupEvent | SimDropoffEvent;

/** One order's fate; the instants are `null` when it was never assigned. */
export interface SimOrderOutcome {
  readonly placedAt: number;
  readonly readyAt: number;
  readonly assignedAt: number | null;
  readonly pickupAt: number | null;
  readonly dropoffAt: number | null;
  /** Index into `SimInstance.couriers`, or `null`. */
  readonly courier: number | null;
}

/** The outcome of one simulation run. */
export interface SimResult {
  /** `SimPolicy.name` of the policy that decided. */
  readonly policy: string;
  /** No decision is taken at or after this instant (by default the last shift end). */
  readonly horizonEndSec: number;
  /** One outcome per instance order, same indices. Every assigned order is delivered. */
  readonly orders: readonly SimOrderOutcome[];
  /** One itinerary per instance courier, same indices, in time order. */
  readonly itineraries: readonly (readonly SimCourierEvent[])[];
  /** Orders never assigned (indices, in instance order). */
  readonly unassigned: readonly number[];
  /** Bundles assigned (one per `SimAssignment` executed). */
  readonly numBundles: number;
  /** Times `policy.decide` was called. */
  readonly numDecisions: number;
}
