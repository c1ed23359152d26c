/**
 * Travel for Rappi city-days, which have no road times: straight-line metres (on the planar
 * projection of {@link readRappiInstance}, within 0.1 % of haversine at city scale) × a detour
 * factor of 1.3, at a speed set by the courier's vehicle, rounded up to whole seconds.
 *
 * Speeds (door-to-door urban averages, chosen here, not from the source): walking 1.3 m/s
 * (4.7 km/h), bicycle 4.2 m/s (15 km/h), motorcycle and car 7 m/s (25 km/h; in city traffic a
 * car is no faster than a motorcycle).
 */
import type { SimTravelModel } from '@o2o/dispatch-core';

/** Vehicles of the Rappi couriers.csv files. */
export type RappiVehicle = 'walking' | 'bicycle' | 'motorcycle' | 'car';

/** Speed of each vehicle, m/s (see the module doc). */
export const RAPPI_VEHICLE_SPEED_MPS: Readonly<Record<RappiVehicle, number>> = { walking: 1.3, bicycle: 4.2, motorcycle: 7, car: 7 };

/** Road distance / straight-line distance assumed for every trip. */
export const RAPPI_DETOUR_FACTOR = 1.3;

/** See the module doc. */
export class RappiTravelModel implements SimTravelModel {
  /** `speedMps[courier]`: the speed of each courier of the instance, by index. */
  constructor(private readonly speedMps: Float64Array) {}

  timeSec(ax: number, ay: number, bx: number, by: number, courier: number): number {
    const speed = this.speedMps[courier];
    if (speed === undefined) throw new RangeError(`courier index ${courier} is out of range (0 … ${this.speedMps.length - 1})`);
    return Math.ceil(this.distanceM(ax, ay, bx, by) / speed);
  }

  distanceM(ax: number, ay: number, bx: number, by: number): number {
    return Math.hypot(bx - ax, by - ay) * RAPPI_DETOUR_FACTOR;
  }
}
