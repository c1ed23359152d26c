import { AccessError, bearerChallenge } from './access-error.js';

/**
 * Stable codes of {@link ForbiddenError}.
 * - `FORBIDDEN_ROLE`: the principal's role may never perform the action (a rider cancelling an order).
 * - `FORBIDDEN_SCOPE`: the role may perform it, but not on this resource (a merchant reading another
 *   merchant's order, a rider updating another rider's location).
 */
export type ForbiddenErrorCode = 'FORBIDDEN_ROLE' | 'FORBIDDEN_SCOPE';

/**
 * Authenticated, but outside its scope: answer 403 with `WWW-Authenticate` set to
 * {@link ForbiddenError.wwwAuthenticate} (`error="insufficient_scope"`). The message names the
 * principal's subject, the action and the resource id at fault (ids, never credentials).
 */
export class ForbiddenError extends AccessError {
  declare readonly code: ForbiddenErrorCode;
  readonly status = 403 as const;
  readonly wwwAuthenticate: string;
  /** The action refused, e.g. `orders.cancel`. */
  readonly action: string;
  /** Role of the refused principal. */
  readonly role: string;

  constructor(code: ForbiddenErrorCode, action: string, role: string, message: string) {
    super(code, message);
    this.action = action;
    this.role = role;
    this.wwwAuthenticate = bearerChallenge('insufficient_scope');
  }
}
