/**
 * @internal One courier during a simulation: the work already given to it (its itinerary, when
 * and where it is free of it) and how much of it is done at a given instant.
 */
import type { SimCourier } from './sim-instance.js';
import type { SimCourierView } from './sim-policy.js';
import type { BundlePlan } from './bundle-plan.js';
import type { SimCourierEvent } from './sim-result.js';

/** @internal See the module doc. */
export class CourierTrack {
  /** Departure from the last customer of the last bundle (onAt while it has none). */
  freeAt: number;
  freeX: number;
  freeY: number;
  readonly events: SimCourierEvent[] = [];
  /** Drop-off instants, ascending (bundles run one after the other). */
  private readonly dropoffTimes: number[] = [];
  /** Last drop-off of each bundle, ascending. */
  private readonly bundleEnds: number[] = [];
  private numDropoffsDone = 0;
  private numBundlesDone = 0;

  constructor(
    readonly index: number,
    readonly courier: SimCourier,
  ) {
    this.freeAt = courier.onAt;
    this.freeX = courier.x;
    this.freeY = courier.y;
  }

  /** On shift at `now` (`onAt ≤ now < offAt`). */
  isOnDuty(now: number): boolean {
    return now >= this.courier.onAt && now < this.courier.offAt;
  }

  /** On shift, and a pickup is still possible by `offAt` (leaving when free, even with no travel). */
  canStillPickUp(now: number, halfPickupSec: number): boolean {
    return this.isOnDuty(now) && Math.max(now, this.freeAt) + halfPickupSec <= this.courier.offAt;
  }

  /** What a policy sees of this courier at `now` (instants only move forward). */
  view(now: number): SimCourierView {
    while (this.numDropoffsDone < this.dropoffTimes.length && this.dropoffTimes[this.numDropoffsDone]! <= now) this.numDropoffsDone++;
    while (this.numBundlesDone < this.bundleEnds.length && this.bundleEnds[this.numBundlesDone]! <= now) this.numBundlesDone++;
    return {
      courier: this.index,
      freeAt: Math.max(now, this.freeAt),
      freeX: this.freeX,
      freeY: this.freeY,
      openBundles: this.bundleEnds.length - this.numBundlesDone,
      delivered: this.numDropoffsDone,
    };
  }

  /** Appends a planned bundle (planned from this track's free instant and position). */
  commit(plan: BundlePlan): void {
    this.events.push(...plan.events);
    this.dropoffTimes.push(...plan.dropoffAtSec);
    this.bundleEnds.push(Math.max(...plan.dropoffAtSec));
    this.freeAt = plan.freeAtSec;
    this.freeX = plan.freeX;
    this.freeY = plan.freeY;
  }
}
