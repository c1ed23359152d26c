/**
 * Reservation rows as an order store keeps them: dispatch-core's `Reservation` snapshots (the
 * matching and stock logic stay in its `InventoryReservations`). A row is `held` until it ends as
 * `committed` (pickup: stock deducted), `released` (cancel) or `expired`; an ended row is final.
 */
import { DispatchInputError, type Reservation, type ReservationLine, type ReservationStatus } from '@o2o/dispatch-core';
import { checkArray, checkEpochSeconds, checkPlainObject, checkStoreId } from './store-input-checks.js';

/** Every reservation status, `held` first. */
export const RESERVATION_STATUSES: readonly ReservationStatus[] = Object.freeze(['held', 'committed', 'released', 'expired']);

/** True when a row in status `from` may be overwritten by one in status `to` (held → anything, or no change). */
export function canRewriteReservation(from: ReservationStatus, to: ReservationStatus): boolean {
  return from === 'held' || from === to;
}

/**
 * Validates a reservation snapshot and returns a frozen copy holding only the known fields.
 * @throws {DispatchInputError} naming the first broken rule (e.g. `reservations[0].lines[1].quantity`).
 */
export function validateReservationRow(input: unknown, field = 'reservation'): Reservation {
  checkPlainObject(field, input);
  const { id, orderId, lines, status, createdAt, expiresAt, endedAt } = input;
  checkStoreId(`${field}.id`, id);
  if (orderId !== undefined) checkStoreId(`${field}.orderId`, orderId);
  if (!(RESERVATION_STATUSES as readonly unknown[]).includes(status)) {
    throw new DispatchInputError('INVALID_INPUT', `${field}.status`, `must be one of ${RESERVATION_STATUSES.map((s) => `'${s}'`).join(', ')}`, status);
  }
  checkEpochSeconds(`${field}.createdAt`, createdAt);
  checkEpochSeconds(`${field}.expiresAt`, expiresAt);
  if (endedAt !== undefined) checkEpochSeconds(`${field}.endedAt`, endedAt);
  checkArray(`${field}.lines`, lines);
  if (lines.length === 0) throw new DispatchInputError('INVALID_INPUT', `${field}.lines`, 'must not be empty', lines);
  const copies = lines.map((line, i): ReservationLine => {
    const f = `${field}.lines[${i}]`;
    checkPlainObject(f, line);
    checkStoreId(`${f}.storeId`, line.storeId);
    checkStoreId(`${f}.sku`, line.sku);
    const quantity = line.quantity;
    if (typeof quantity !== 'number' || !Number.isSafeInteger(quantity) || quantity < 1) {
      throw new DispatchInputError('INVALID_INPUT', `${f}.quantity`, 'must be a positive integer', quantity);
    }
    return Object.freeze({ storeId: line.storeId, sku: line.sku, quantity });
  });
  return Object.freeze({
    id,
    ...(orderId === undefined ? {} : { orderId }),
    lines: Object.freeze(copies),
    status: status as ReservationStatus,
    createdAt,
    expiresAt,
    ...(endedAt === undefined ? {} : { endedAt }),
  });
}
