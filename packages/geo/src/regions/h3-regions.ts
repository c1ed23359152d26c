/**
 * A city cut into regions of H3 cells, for dispatching regions in parallel: every point belongs
 * to one region (the H3 cell of `resolution` containing it), and a point near a border also
 * "sees" the neighbouring regions (those owning a fine cell within `borderRing` rings of the
 * point's fine cell at `borderResolution`), so a rider near a border can serve both sides.
 */
import { cellToParent, gridDisk, latLngToCell } from 'h3-js';
import { assertIntegerInRange, assertLat, assertLng } from '../validate.js';

export interface H3RegionsOptions {
  /** Region size: H3 resolution of a region (res 6 ≈ 36 km², res 7 ≈ 5 km²). Default 6. */
  resolution?: number;
  /** Resolution of the border test, finer than `resolution`. Default resolution + 2. */
  borderResolution?: number;
  /** Fine-cell rings around a point that decide which regions it sees. Default 1. */
  borderRing?: number;
}

export class H3Regions {
  readonly resolution: number;
  readonly borderResolution: number;
  readonly borderRing: number;

  /** Throws `GeoInputError` naming the option at fault. */
  constructor(options: H3RegionsOptions = {}) {
    this.resolution = options.resolution ?? 6;
    assertIntegerInRange('resolution', this.resolution, 0, 14);
    this.borderResolution = options.borderResolution ?? Math.min(15, this.resolution + 2);
    assertIntegerInRange('borderResolution', this.borderResolution, this.resolution, 15);
    this.borderRing = options.borderRing ?? 1;
    assertIntegerInRange('borderRing', this.borderRing, 0, 10);
  }

  /** The region (H3 cell id at `resolution`) containing the point. */
  regionOf(lng: number, lat: number): string {
    assertLng('lng', lng);
    assertLat('lat', lat);
    return latLngToCell(lat, lng, this.resolution);
  }

  /** The point's own region first, then every other region within the border rings (sorted). */
  regionsNear(lng: number, lat: number): string[] {
    assertLng('lng', lng);
    assertLat('lat', lat);
    const own = latLngToCell(lat, lng, this.resolution);
    if (this.borderRing === 0) return [own];
    const fine = latLngToCell(lat, lng, this.borderResolution);
    const others = new Set<string>();
    for (const cell of gridDisk(fine, this.borderRing)) {
      const region = cellToParent(cell, this.resolution);
      if (region !== own) others.add(region);
    }
    return [own, ...[...others].sort()];
  }
}
