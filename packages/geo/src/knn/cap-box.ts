/**
 * The lng/lat bounding box of a spherical cap (all points within `radiusM` of a centre), as used
 * by the box scans of the nearest-neighbour searches. Exact on the sphere, padded by a hair so a
 * point on the cap's rim is never cut by rounding; the haversine key test decides membership.
 */
import { EARTH_RADIUS_M } from '../distance.js';

const DEG = 180 / Math.PI;
/** Padding of the box, degrees (about 0.1 mm): absorbs rounding of asin/sin at the rim. */
const PAD_DEG = 1e-9;

/** A reusable box: latitude range plus one longitude range that may wrap the antimeridian. */
export class CapBox {
  minLat = -90;
  maxLat = 90;
  /** West edge in [-180, 180]. When {@link isWrapped}, the box is `[minLng, 180] ∪ [-180, maxLng]`. */
  minLng = -180;
  /** East edge in [-180, 180]. */
  maxLng = 180;
  /** True when the longitude range crosses the antimeridian (then `minLng > maxLng`). */
  isWrapped = false;
  /** True when the box spans every longitude (the cap reaches a pole or is very large). */
  isFullLng = true;

  /** Sets the box to the cap of `radiusM` metres around (lng, lat); returns `this`. */
  set(lng: number, lat: number, radiusM: number): this {
    const deltaRad = radiusM / EARTH_RADIUS_M;
    const deltaDeg = deltaRad * DEG + PAD_DEG;
    this.minLat = lat - deltaDeg;
    this.maxLat = lat + deltaDeg;
    this.isWrapped = false;
    if (deltaRad >= Math.PI / 2 || this.minLat <= -90 || this.maxLat >= 90) {
      // the cap contains a pole (or is a hemisphere or more): every longitude is in range
      this.minLat = Math.max(-90, this.minLat);
      this.maxLat = Math.min(90, this.maxLat);
      return this.setFullLng();
    }
    // widest longitude offset of the cap, reached at latitude asin(sin φ / cos δ)
    const ratio = Math.sin(deltaRad) / Math.cos(lat / DEG);
    if (ratio >= 1) return this.setFullLng();
    const dLngDeg = Math.asin(ratio) * DEG + PAD_DEG;
    if (dLngDeg >= 180) return this.setFullLng();
    this.isFullLng = false;
    this.minLng = lng - dLngDeg;
    this.maxLng = lng + dLngDeg;
    if (this.minLng < -180) {
      this.minLng += 360;
      this.isWrapped = true;
    } else if (this.maxLng > 180) {
      this.maxLng -= 360;
      this.isWrapped = true;
    }
    return this;
  }

  private setFullLng(): this {
    this.minLng = -180;
    this.maxLng = 180;
    this.isFullLng = true;
    this.isWrapped = false;
    return this;
  }
}
