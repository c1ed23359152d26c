/**
 * The order status lifecycle:
 *
 * ```
 * placed → accepted → ready → assigned → picked_up → delivered
 *    └─────────┴─────────┴────────┴───────────┴──→ cancelled
 *                        ready ←──┘ (unassign: the rider declined or was re-planned away)
 * ```
 *
 * `delivered` and `cancelled` are final. Each transition records its time in `statusAt`.
 */
import { DispatchInputError, IllegalTransitionError } from '../errors.js';
import { EPOCH_SECONDS_RULE } from './issue-collector.js';
import { isEpochSeconds, type EpochSeconds } from './epoch-seconds.js';
import { ORDER_STATUSES, type Order, type OrderStatus } from './order.js';

/** The statuses each status may move to. */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = Object.freeze({
  placed: ['accepted', 'cancelled'],
  accepted: ['ready', 'cancelled'],
  ready: ['assigned', 'cancelled'],
  assigned: ['picked_up', 'ready', 'cancelled'],
  picked_up: ['delivered', 'cancelled'],
  delivered: [],
  cancelled: [],
});

/** What a transition needs besides its time. */
export interface TransitionDetails {
  /** Store accepting the order; required for `accepted` unless the order already names one. */
  readonly storeId?: string;
  /** Rider taking the order; required for `assigned`. */
  readonly riderId?: string;
}

/** True when the lifecycle allows `from → to`. */
export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

/** True for `delivered` and `cancelled`, which allow no further transition. */
export function isFinalStatus(status: OrderStatus): boolean {
  return ORDER_TRANSITIONS[status].length === 0;
}

/** The latest time recorded on the order: `placedAt` or its latest `statusAt` entry. */
export function lastTransitionAt(order: Order): EpochSeconds {
  let last = order.placedAt;
  for (const at of Object.values(order.statusAt ?? {})) if (at !== undefined && at > last) last = at;
  return last;
}

/**
 * Moves `order` to status `to` at time `at` (integer Unix epoch seconds) and returns the updated,
 * frozen copy (the input is not changed). Records `statusAt[to] = at`; `accepted` also sets
 * `storeId`, `assigned` sets `riderId`, `ready` sets `readyAt = at` (the actual ready time), and
 * `assigned → ready` (unassign) clears `riderId` and keeps `readyAt`.
 *
 * @throws {IllegalTransitionError} when the lifecycle does not allow `order.status → to`
 *   (e.g. `delivered → assigned`).
 * @throws {DispatchInputError} when `to` is not a status, `at` is not valid epoch seconds or is
 *   earlier than the order's last recorded time, or the store or rider id a transition needs is missing.
 */
export function transitionOrder(order: Order, to: OrderStatus, at: EpochSeconds, details: TransitionDetails = {}): Order {
  if (!(ORDER_STATUSES as readonly unknown[]).includes(to)) {
    throw new DispatchInputError('INVALID_INPUT', 'to', `must be one of ${ORDER_STATUSES.map((s) => `'${s}'`).join(', ')}`, to);
  }
  const allowed = ORDER_TRANSITIONS[order.status];
  if (!allowed.includes(to)) throw new IllegalTransitionError(order.id, order.status, to, allowed);
  if (!isEpochSeconds(at)) throw new DispatchInputError('INVALID_INPUT', 'at', EPOCH_SECONDS_RULE, at);
  const last = lastTransitionAt(order);
  if (at < last) throw new DispatchInputError('INVALID_INPUT', 'at', `must not be earlier than the order's last recorded time (${last})`, at);

  const statusAt = Object.freeze({ ...order.statusAt, [to]: at });
  const next: Order = { ...order, status: to, statusAt };
  if (to === 'accepted') return Object.freeze({ ...next, storeId: requireId('storeId', details.storeId ?? order.storeId, to) });
  if (to === 'assigned') return Object.freeze({ ...next, riderId: requireId('riderId', details.riderId, to) });
  if (to === 'ready' && order.status === 'assigned') {
    // Unassign: the order goes back to the pool; it was already ready, so readyAt stays.
    const { riderId: _dropped, ...rest } = next;
    return Object.freeze(rest);
  }
  if (to === 'ready') return Object.freeze({ ...next, readyAt: at });
  return Object.freeze(next);
}

function requireId(field: 'storeId' | 'riderId', id: unknown, to: OrderStatus): string {
  if (typeof id === 'string' && id.length > 0) return id;
  throw new DispatchInputError('INVALID_INPUT', field, `must be a non-empty string to move an order to '${to}'`, id);
}
