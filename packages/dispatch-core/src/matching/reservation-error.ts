/**
 * Typed errors of {@link InventoryReservations}: asking about a reservation that does not exist,
 * or committing one that can no longer be committed. Shortages are not errors: `reserve` returns
 * them as a result.
 */
import { DispatchError } from '../errors.js';
import type { InventoryReservations } from './inventory-reservations.js';

/**
 * Stable codes of {@link ReservationError}. HTTP mapping in a service: `UNKNOWN_RESERVATION` → 404,
 * the others → 409 Conflict (the request is well-formed but clashes with the reservation's state).
 */
export type ReservationErrorCode =
  /** No reservation has this id. */
  | 'UNKNOWN_RESERVATION'
  /** `commit` on a reservation that was already committed (the stock was deducted once, not twice). */
  | 'ALREADY_COMMITTED'
  /** `commit` on a reservation that was released (e.g. the order was cancelled). */
  | 'RESERVATION_RELEASED'
  /** `commit` on a reservation whose hold timed out (its units went back to stock). */
  | 'RESERVATION_EXPIRED';

/** A reservation id that is unknown, or a commit that its reservation's state does not allow. */
export class ReservationError extends DispatchError {
  declare readonly code: ReservationErrorCode;
  /** The reservation id asked about. */
  readonly reservationId: string;
  constructor(code: ReservationErrorCode, reservationId: string, message: string) {
    super(code, message);
    this.reservationId = reservationId;
  }
}
