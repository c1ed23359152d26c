/**
 * The baseline dispatch policy: first come, first served, one order per courier trip. At every
 * placement (and at every tick, to retry orders that found no courier) each waiting order, oldest
 * first, goes alone to the courier that can pick it up earliest (ties: lowest courier index),
 * among couriers whose pickup would not be after their `offAt`. No bundling, no look-ahead; an
 * order no courier can take waits for the next decision.
 */
import { pickupTimeSec, planBundle } from './bundle-plan.js';
import type { SimAssignment, SimDispatchView, SimPolicy } from './sim-policy.js';

/** Options of {@link GreedyPolicy}. */
export interface GreedyPolicyOptions {
  /** Seconds between retry ticks (default 60). */
  readonly epochSec?: number;
}

/** Default tick of {@link GreedyPolicy}: one minute, the MDRP time unit. */
export const GREEDY_EPOCH_SEC = 60;

/** See the module doc. Stateless: one instance can run any number of simulations. */
export class GreedyPolicy implements SimPolicy {
  readonly name = 'greedy';
  readonly epochSec: number;
  readonly onPlacement = true;

  constructor(options: GreedyPolicyOptions = {}) {
    this.epochSec = options.epochSec ?? GREEDY_EPOCH_SEC;
  }

  decide(view: SimDispatchView): readonly SimAssignment[] {
    const { instance, now } = view;
    // Where each courier will be free, updated as this decision hands out orders.
    const free = view.couriers.map((c) => ({ courier: c.courier, atSec: c.freeAt, x: c.freeX, y: c.freeY, offAt: instance.couriers[c.courier]!.offAt }));
    const assignments: SimAssignment[] = [];
    for (const o of view.unassigned) {
      const order = instance.orders[o]!;
      let best = -1;
      let bestPickupSec = Infinity;
      free.forEach((f, k) => {
        const pickupSec = pickupTimeSec(instance, f.courier, f.atSec, f.x, f.y, order.store, order.readyAt);
        if (pickupSec > f.offAt) return;
        if (pickupSec < bestPickupSec) {
          best = k;
          bestPickupSec = pickupSec;
        }
      });
      const chosen = free[best];
      if (chosen === undefined) continue;
      assignments.push({ courier: chosen.courier, orders: [o] });
      const plan = planBundle(instance, chosen.courier, chosen, [o], now);
      chosen.atSec = plan.freeAtSec;
      chosen.x = plan.freeX;
      chosen.y = plan.freeY;
    }
    return assignments;
  }
}
