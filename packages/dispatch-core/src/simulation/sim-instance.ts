/**
 * A courier-dispatch simulation instance in the shape of the Meal Delivery Routing Problem
 * (Reyes et al. 2018; the Grubhub instances) and of real city-days (Rappi): stores, orders placed
 * over a day with ready times, couriers on shifts, and a travel model.
 *
 * Units: integer seconds for every instant and duration (MDRP minutes × 60), metres for
 * coordinates of planar instances; `travel` decides how far two positions are, so lat/lng
 * instances plug in through their own model.
 */

/** A store (restaurant, dark store): where orders are picked up. */
export interface SimStore {
  readonly id: string;
  readonly x: number;
  readonly y: number;
}

/** An order: placed at `placedAt`, ready at `readyAt` at its store, dropped off at (x, y). */
export interface SimOrder {
  readonly id: string;
  /** Drop-off position. */
  readonly x: number;
  readonly y: number;
  readonly placedAt: number;
  readonly readyAt: number;
  /** Index into `SimInstance.stores`. */
  readonly store: number;
  /** Promised drop-off instant, when the source has one (Rappi); otherwise placedAt + target. */
  readonly promisedBy?: number;
}

/** A courier on one shift, starting at (x, y). */
export interface SimCourier {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly onAt: number;
  readonly offAt: number;
  /** Vehicle, when the source has one (walking, bicycle, motorcycle, car). */
  readonly vehicle?: string;
}

/** Travel between two positions for a courier: integer seconds ≥ 0 (and metres, for KPIs). */
export interface SimTravelModel {
  /** Travel time from (ax, ay) to (bx, by) for courier `courier`, integer seconds ≥ 0. */
  timeSec(ax: number, ay: number, bx: number, by: number, courier: number): number;
  /** Travel distance, metres (for distance KPIs). */
  distanceM(ax: number, ay: number, bx: number, by: number, courier: number): number;
}

/** The pay rule: each courier earns max(perOrder × orders delivered, perHour × shift hours). */
export interface SimPayRule {
  readonly perOrder: number;
  readonly perHour: number;
}

export interface SimInstance {
  readonly name: string;
  readonly stores: readonly SimStore[];
  /** Sorted by `placedAt`. */
  readonly orders: readonly SimOrder[];
  readonly couriers: readonly SimCourier[];
  readonly travel: SimTravelModel;
  /** Service at a store: pickup at ≥ arrival + half of it (and ≥ ready), departure half after. */
  readonly pickupServiceSec: number;
  /** Service at a customer: drop-off at arrival + half of it, departure half after. */
  readonly dropoffServiceSec: number;
  /** Click-to-door target (MDRP: 40 min) and maximum (90 min), seconds. */
  readonly targetClickToDoorSec: number;
  readonly maxClickToDoorSec: number;
  readonly pay: SimPayRule;
  /** MDRP rule: only orders of the same store share a bundle. */
  readonly sameStoreBundlesOnly: boolean;
}
