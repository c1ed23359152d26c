/**
 * Who may offer work to a rider, when several dispatchers can see the same rider (the regions of
 * a city run on several instances: a rider near a border is seen by its home region and by its
 * neighbours, docs/scaling.md). A dispatcher claims the rider before it offers work, keeps the
 * claim while the rider carries its orders, and releases it when the rider is free again; a
 * claim held by another dispatcher refuses the offer (the orders wait for the next epoch). A
 * single dispatcher needs no gate.
 */
export interface RiderGate {
  /** Claims `riderId` for `ttlSec` (renewing a claim this dispatcher holds); false: someone else holds it. */
  claim(riderId: string, ttlSec: number): Promise<boolean>;
  /** Extends a claim this dispatcher holds (the rider accepted or carries its orders). */
  extend(riderId: string, ttlSec: number): Promise<void>;
  /** Gives the claim back (the rider carries nothing of this dispatcher's any more). */
  release(riderId: string): Promise<void>;
}

/** A rider of another region, near enough to be offered this region's orders. */
export interface GuestRider {
  readonly profile: import('./rider-registry.js').RiderProfile;
  readonly lng: number;
  readonly lat: number;
  /** When the position was reported. */
  readonly at: number;
  /** The rider's home region. */
  readonly home: string;
}
