/**
 * Riders as the service tracks them: profile (persisted), shift, last position (memory only: a
 * position is worth nothing after a restart, the app reports a new one within seconds), the orders
 * in hand, and a cool-down after a declined offer. Location updates mutate numbers in place: the
 * hot path allocates nothing.
 */
import type { RiderMode } from '@o2o/dispatch-core';
import { notFound } from '../api/api-error.js';

/** The persisted part of a rider. */
export interface RiderProfile {
  readonly id: string;
  readonly name?: string;
  readonly mode: RiderMode;
  readonly capacity: number;
  readonly bagLimit: number;
  readonly onShift: boolean;
  /** Planned shift end while on shift, Unix seconds (0 off shift). */
  readonly shiftEnd: number;
  /** Where the rider is based, when given at creation. */
  readonly home?: { readonly lat: number; readonly lng: number };
}

/** A rider's live state (mutable, owned by the registry). */
export interface RiderState {
  profile: RiderProfile;
  lng: number;
  lat: number;
  /** When the position was reported; 0: never. */
  locAt: number;
  /** Orders assigned to it and not delivered yet. */
  readonly orders: Set<string>;
  /** Its open offer, if any. */
  offerId: string | undefined;
  /** No new offer before this instant (after a decline). */
  coolDownUntil: number;
  /**
   * Set for a rider of another region seen here because it is near (a guest): its home region.
   * Guests are not in this region's catalog, and leave the registry once free of this region's work.
   */
  guestOf?: string;
}

export class RiderRegistry {
  private readonly riders = new Map<string, RiderState>();

  get size(): number {
    return this.riders.size;
  }

  get(riderId: string): RiderState | undefined {
    return this.riders.get(riderId);
  }

  require(riderId: string): RiderState {
    const rider = this.riders.get(riderId);
    if (rider === undefined) throw notFound('rider', riderId);
    return rider;
  }

  values(): IterableIterator<RiderState> {
    return this.riders.values();
  }

  /** Adds a rider or replaces its profile (live state kept). */
  put(profile: RiderProfile): RiderState {
    const known = this.riders.get(profile.id);
    if (known !== undefined) {
      known.profile = profile;
      return known;
    }
    const state: RiderState = { profile, lng: 0, lat: 0, locAt: 0, orders: new Set(), offerId: undefined, coolDownUntil: 0 };
    this.riders.set(profile.id, state);
    return state;
  }

  /**
   * Adds or refreshes a guest (a rider of region `home` seen here); a rider of this region with
   * the same id is left alone (false).
   */
  putGuest(profile: RiderProfile, lng: number, lat: number, at: number, home: string): boolean {
    const known = this.riders.get(profile.id);
    if (known !== undefined && known.guestOf === undefined) return false;
    const state = known ?? { profile, lng, lat, locAt: 0, orders: new Set<string>(), offerId: undefined, coolDownUntil: 0, guestOf: home };
    state.profile = profile;
    state.guestOf = home;
    if (at >= state.locAt) {
      state.lng = lng;
      state.lat = lat;
      state.locAt = at;
    }
    this.riders.set(profile.id, state);
    return true;
  }

  /** Forgets a guest (a rider of this region is kept: false). */
  dropGuest(riderId: string): boolean {
    const known = this.riders.get(riderId);
    if (known === undefined || known.guestOf === undefined) return false;
    this.riders.delete(riderId);
    return true;
  }

  /**
   * Records a position (ignored when older than the last one). Returns false for an unknown rider
   * or one off shift (the caller reports it).
   */
  move(riderId: string, lng: number, lat: number, at: number): boolean {
    const rider = this.riders.get(riderId);
    if (rider === undefined || !rider.profile.onShift) return false;
    if (at >= rider.locAt) {
      rider.lng = lng;
      rider.lat = lat;
      rider.locAt = at;
    }
    return true;
  }

  /** Riders on shift. */
  countOnShift(): number {
    let n = 0;
    for (const r of this.riders.values()) if (r.profile.onShift && r.guestOf === undefined) n++;
    return n;
  }
}
