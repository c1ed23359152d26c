/** Orders as the API shows them (`{ lat, lng }` positions) and back. */
import type { Order } from '@o2o/dispatch-core';
import type { OrderView } from '../api/api-types.js';

export function toOrderView(order: Order): OrderView {
  return {
    id: order.id,
    status: order.status,
    ...(order.storeId === undefined ? {} : { storeId: order.storeId }),
    ...(order.riderId === undefined ? {} : { riderId: order.riderId }),
    items: order.items,
    dropOff: { lat: order.dropOff[1], lng: order.dropOff[0] },
    placedAt: order.placedAt,
    readyAt: order.readyAt,
    promisedBy: order.promisedBy,
    size: order.size,
    ...(order.statusAt === undefined ? {} : { statusAt: order.statusAt }),
  };
}
