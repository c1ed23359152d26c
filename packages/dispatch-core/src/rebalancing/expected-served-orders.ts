/**
 * The fluid model behind rebalancing: over the horizon a cell serves
 * `min(demand, ordersPerRider × supply)` orders. It is concave in supply, so each extra rider is
 * worth at most as much as the previous one, and greedy moves by marginal gain are sound.
 */

/** Expected orders served over the horizon by `supply` riders facing `demand` orders. */
export function expectedServedOrders(demand: number, supply: number, ordersPerRider: number): number {
  return Math.min(demand, ordersPerRider * supply);
}

/**
 * Extra orders served when `share` of a rider (1: for the whole horizon; less when the rider
 * arrives late) joins a cell: `served(supply + share) − served(supply)`.
 */
export function marginalServedOrders(demand: number, supply: number, share: number, ordersPerRider: number): number {
  return expectedServedOrders(demand, supply + share, ordersPerRider) - expectedServedOrders(demand, supply, ordersPerRider);
}
