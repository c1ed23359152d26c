/**
 * Delivery zones of the ops view: each store's service area, the drop-offs a quote accepts from
 * it. A quote estimates the road distance as the straight line times {@link ROAD_DETOUR_FACTOR}
 * and refuses past `pricing.distance.maxDistanceM`, so the area is a disc of radius
 * `maxDistanceM / ROAD_DETOUR_FACTOR` around the store, drawn as a polygon.
 */
import { destination } from '@o2o/geo';
import type { StoreRecord } from '../service/store-catalog.js';
import type { OpsPoint, OpsZone } from './ops-types.js';

/** Road distance over straight-line distance, as `DispatchService.quote` estimates it. */
export const ROAD_DETOUR_FACTOR = 1.3;
/** Vertices of a service-area polygon (before closing the ring). */
export const SERVICE_AREA_VERTICES = 48;

/** `[lng, lat]` rounded to 6 decimals (~0.1 m): what the snapshot sends. */
export function opsPoint(lng: number, lat: number): OpsPoint {
  return [Math.round(lng * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6];
}

/** Straight-line radius of a store's service area for a quote limit of `maxDistanceM` road metres. */
export function serviceAreaRadiusM(maxDistanceM: number): number {
  return Math.floor(maxDistanceM / ROAD_DETOUR_FACTOR);
}

/** The store's service area: a closed counter-clockwise ring of {@link SERVICE_AREA_VERTICES} points at `radiusM`. */
export function storeServiceArea(store: Pick<StoreRecord, 'id' | 'location' | 'open'>, radiusM: number): OpsZone {
  const [lng, lat] = store.location;
  const ring: OpsPoint[] = [];
  // Bearings run clockwise from north; walking them backwards makes the ring counter-clockwise (GeoJSON).
  for (let i = 0; i < SERVICE_AREA_VERTICES; i++) {
    const [x, y] = destination(lng, lat, 360 - (i * 360) / SERVICE_AREA_VERTICES, radiusM);
    ring.push(opsPoint(x, y));
  }
  ring.push(ring[0]!);
  return { storeId: store.id, radiusM, ring, active: store.open };
}
