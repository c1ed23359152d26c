/** Click-to-door (drop-off − placement) of every delivered order of a simulation, in minutes, in order index order. */
import type { SimResult } from '@o2o/dispatch-core';

export function clickToDoorMinutes(result: SimResult): number[] {
  const minutes: number[] = [];
  for (const order of result.orders) {
    // simKpis counts an order as delivered when it has both a pickup and a drop-off.
    if (order.dropoffAt !== null && order.pickupAt !== null) minutes.push((order.dropoffAt - order.placedAt) / 60);
  }
  return minutes;
}
