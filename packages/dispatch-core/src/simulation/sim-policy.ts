/**
 * The contract between the simulator and a dispatch policy. At each decision instant the
 * simulator shows the policy the orders still waiting for a courier and, for every courier, when
 * and where it will be free of the work already given to it; the policy answers with bundles
 * given to couriers. Assignments are final (couriers accept every instruction and are never
 * diverted); orders a policy leaves alone wait for a later decision.
 */
import type { SimInstance } from './sim-instance.js';

/** A courier as a policy sees it at a decision instant. */
export interface SimCourierView {
  /** Index into `SimInstance.couriers`. */
  readonly courier: number;
  /** Instant the courier has finished every bundle assigned so far (≥ now; `now` when idle). */
  readonly freeAt: number;
  /** Where it is then: its last drop-off, or its on-location. */
  readonly freeX: number;
  readonly freeY: number;
  /** Bundles assigned and not yet delivered. */
  readonly openBundles: number;
  /** Orders delivered so far. */
  readonly delivered: number;
}

/** What a policy sees when it decides. */
export interface SimDispatchView {
  readonly now: number;
  readonly instance: SimInstance;
  /** Orders placed by `now` and not assigned yet (indices into `instance.orders`, by placement). */
  readonly unassigned: readonly number[];
  /** Couriers whose shift has started and whose last pickup can still be before `offAt`. */
  readonly couriers: readonly SimCourierView[];
  /** Why the simulator asks: an epoch tick, or an order placement (its index). */
  readonly trigger: { readonly kind: 'epoch' } | { readonly kind: 'placement'; readonly order: number };
}

/** One instruction: `courier` picks up `orders` at their store and drops them off in this order. */
export interface SimAssignment {
  readonly courier: number;
  readonly orders: readonly number[];
}

/** A dispatch policy. */
export interface SimPolicy {
  readonly name: string;
  /** Seconds between epoch decisions (0: none). */
  readonly epochSec: number;
  /** Also decide at every order placement. */
  readonly onPlacement: boolean;
  decide(view: SimDispatchView): readonly SimAssignment[];
}
