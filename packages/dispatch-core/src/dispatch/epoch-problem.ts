/**
 * One dispatch epoch as the assignment engine sees it: the orders still waiting for a rider, the
 * riders that are free now or soon, and a travel function. Positions are planar metres (project
 * lat/lng first, e.g. equirectangular around the city centre); every instant and duration is an
 * integer number of seconds.
 */

/** An order waiting for a rider. */
export interface EpochOrder {
  /** The caller's id for the order (returned in assignments). */
  readonly ref: number;
  /** Orders of the same store share this key (bundles form per store). */
  readonly storeKey: number;
  readonly storeX: number;
  readonly storeY: number;
  readonly dropX: number;
  readonly dropY: number;
  readonly placedAt: number;
  readonly readyAt: number;
  /** Promised drop-off instant. Default placedAt + the problem's target click-to-door. */
  readonly promisedBy?: number;
}

/** A rider that can take work: free of its current work at `freeAt`, at (x, y). */
export interface EpochRider {
  /** The caller's id for the rider (returned in assignments). */
  readonly ref: number;
  readonly freeAt: number;
  readonly x: number;
  readonly y: number;
  /** No pickup after this instant. */
  readonly offAt: number;
  /** Orders delivered or already given to the rider this shift. */
  readonly ordersSoFar: number;
  /** Orders the rider's pay guarantee covers over the whole shift (guarantee ÷ pay per order). */
  readonly guaranteedOrders: number;
}

/** Travel time between two positions for rider `rider` (its `ref`), integer seconds ≥ 0. */
export type EpochTravelSec = (ax: number, ay: number, bx: number, by: number, rider: number) => number;

export interface EpochProblem {
  readonly now: number;
  readonly orders: readonly EpochOrder[];
  readonly riders: readonly EpochRider[];
  readonly travelSec: EpochTravelSec;
  /** Pickup at ≥ arrival + half the service and ≥ ready; leave half a service later. */
  readonly pickupServiceSec: number;
  /** Drop-off at arrival + half the service; leave half a service later. */
  readonly dropoffServiceSec: number;
  readonly targetClickToDoorSec: number;
  readonly maxClickToDoorSec: number;
  /** Speed no rider exceeds, metres per second (for cheap candidate screening). */
  readonly maxSpeedMps: number;
}
