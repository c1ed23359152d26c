/**
 * MDRP travel (the Grubhub instance document): travel minutes = ⌈euclidean metres /
 * metres-per-minute⌉, the same for every courier; here in seconds (× 60). Because of the rounding
 * up the triangle inequality may fail, as in the original instances.
 */
import type { SimTravelModel } from '@o2o/dispatch-core';

/** See the module doc. */
export class MdrpTravelModel implements SimTravelModel {
  constructor(readonly metersPerMinute: number) {}

  timeSec(ax: number, ay: number, bx: number, by: number): number {
    return 60 * Math.ceil(Math.hypot(bx - ax, by - ay) / this.metersPerMinute);
  }

  distanceM(ax: number, ay: number, bx: number, by: number): number {
    return Math.hypot(bx - ax, by - ay);
  }
}
