/**
 * Who is calling, as established by a verified token. A principal is frozen: verified tokens are
 * cached and their principals shared between requests.
 */

/** Every {@link Role}. */
export const ROLES = ['admin', 'merchant', 'rider'] as const;

/**
 * - `admin`: operations staff, the demo feed and platform integrations that sell for any store; no scope limit.
 * - `merchant`: acts for the stores listed in its token (a store's staff, or a platform that sells
 *   for those stores and pushes their orders).
 * - `rider`: acts as the one rider named in its token.
 */
export type Role = (typeof ROLES)[number];

interface PrincipalBase {
  /** Token subject (`sub`): who the token was issued to, for logs and audit. */
  readonly sub: string;
  /** Token id (`jti`), when the token has one. */
  readonly tokenId?: string;
  /** When the token expires, Unix epoch seconds (long-lived streams such as SSE should end then). */
  readonly expiresAt: number;
}

export interface AdminPrincipal extends PrincipalBase {
  readonly role: 'admin';
}

export interface MerchantPrincipal extends PrincipalBase {
  readonly role: 'merchant';
  /** Stores it acts for (the token's `stores` claim): non-empty, no duplicates. */
  readonly storeIds: readonly string[];
}

export interface RiderPrincipal extends PrincipalBase {
  readonly role: 'rider';
  /** The rider it acts as (the token's `rider` claim). */
  readonly riderId: string;
}

/** An authenticated caller. */
export type Principal = AdminPrincipal | MerchantPrincipal | RiderPrincipal;

/** True when `value` is one of {@link ROLES}. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
