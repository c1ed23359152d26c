/** What {@link checkItinerary} reports: one entry per broken rule, with a stable code and a message. */

/**
 * Stable codes. The first eight follow the MDRP evaluator's rules (Reyes et al. 2018, the Grubhub
 * instance document); the others check the log itself, service times and same-store bundles.
 */
export type ItineraryRule =
  /** 1. An order is picked up or dropped off twice, or is both delivered and listed unassigned. */
  | 'ORDER_AT_MOST_ONCE'
  /** 2. An order is assigned before it is placed. */
  | 'ASSIGNED_BEFORE_PLACEMENT'
  /** 3. A pickup after the courier's off time (or before its on time). */
  | 'PICKUP_OUTSIDE_SHIFT'
  /** 4. A bundle is picked up before its latest ready time. */
  | 'PICKUP_BEFORE_READY'
  /** 5. Drop-offs do not follow the pickup's order list, or a picked-up order is never dropped off. */
  | 'DELIVERY_OUT_OF_SEQUENCE'
  /** 6. A move departs before the courier is free (shift start, service or previous move not over). */
  | 'INCONSISTENT_MOVE'
  /** 7. A pickup where the courier is not (or of an order of another restaurant). */
  | 'NOT_AT_RESTAURANT'
  /** 8. A drop-off where the courier is not. */
  | 'NOT_AT_CUSTOMER'
  /** Pickup earlier than arrival + pickupService/2, or drop-off not at arrival + dropoffService/2. */
  | 'SERVICE_TIME'
  /** Orders of two restaurants in one bundle (consecutive pickups) with sameStoreBundlesOnly. */
  | 'MIXED_STORE_BUNDLE'
  /** The courier heads to the store, or picks up, before the bundle's assignment instant. */
  | 'ACTS_BEFORE_ASSIGNMENT'
  /** An order appears neither in an itinerary nor in `unassigned`. */
  | 'ORDER_UNACCOUNTED'
  /** A courier, restaurant or order id the instance does not have (or a courier listed twice). */
  | 'UNKNOWN_ID'
  /** The log is not shaped as an ItineraryLog (wrong type, missing field, non-finite instant). */
  | 'MALFORMED_LOG';

export interface ItineraryViolation {
  readonly rule: ItineraryRule;
  /** Courier id, when the violation is in an itinerary. */
  readonly courier?: string;
  /** Index of the event in that courier's itinerary. */
  readonly eventIndex?: number;
  /** Order id, when one order is at fault. */
  readonly order?: string;
  /** Readable account, with instants in the log's unit: `courier "c1" event 4: pickup at 30 is before o2 is ready at 32`. */
  readonly message: string;
}

/** A checker's verdict on a log. */
export interface ItineraryCheck {
  /** True when there is no violation. */
  readonly isValid: boolean;
  readonly violations: readonly ItineraryViolation[];
  /** Orders dropped off in the log (each counted once). */
  readonly numDelivered: number;
}
