/** Settings shared by {@link TokenIssuer} and {@link TokenVerifier}, validated once. */
import { AuthInputError } from './auth-input-error.js';
import { AuthSecret } from './auth-secret.js';
import { MAX_ID_CHARS } from './token-claims.js';

export const DEFAULT_ISSUER = 'o2o-dispatch';
export const DEFAULT_AUDIENCE = 'o2o-dispatch-api';
/** Clock skew tolerated on `exp` and `nbf`, in seconds. */
export const DEFAULT_CLOCK_TOLERANCE_SEC = 5;
/** Longest lifetime a token may be minted with: 30 days. */
export const DEFAULT_MAX_TTL_SEC = 30 * 86_400;
/** Largest clock tolerance accepted (a larger one would make expiry meaningless). */
export const MAX_CLOCK_TOLERANCE_SEC = 300;

/** What callers pass: the secret, and optionally everything else. */
export interface AuthOptions {
  /** The HS256 secret (≥ 32 bytes); a string is taken as its UTF-8 bytes. */
  readonly secret: AuthSecret | string | Uint8Array;
  /** `iss` minted and required. Default {@link DEFAULT_ISSUER}. */
  readonly issuer?: string;
  /** `aud` minted and required. Default {@link DEFAULT_AUDIENCE}. */
  readonly audience?: string;
  /** Default {@link DEFAULT_CLOCK_TOLERANCE_SEC}. */
  readonly clockToleranceSec?: number;
  /** Default {@link DEFAULT_MAX_TTL_SEC}. */
  readonly maxTtlSec?: number;
  /** Current time in epoch milliseconds (tests inject a clock). Default `Date.now`. */
  readonly now?: () => number;
}

/** {@link AuthOptions} checked, with defaults filled in. */
export interface AuthConfig {
  readonly secret: AuthSecret;
  readonly issuer: string;
  readonly audience: string;
  readonly clockToleranceSec: number;
  readonly maxTtlSec: number;
  readonly now: () => number;
}

function checkName(field: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_ID_CHARS) {
    throw new AuthInputError('INVALID_OPTION', field, `must be a non-empty string of at most ${MAX_ID_CHARS} characters`, value);
  }
  return value;
}

function checkInteger(field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new AuthInputError('INVALID_OPTION', field, `must be an integer from ${min} to ${max}`, value);
  }
  return value;
}

/**
 * Checks options and fills in defaults.
 * @throws {AuthInputError} `WEAK_SECRET` or `INVALID_OPTION`.
 */
export function resolveAuthConfig(options: AuthOptions): AuthConfig {
  const secret = options.secret instanceof AuthSecret ? options.secret : AuthSecret.from(options.secret);
  return {
    secret,
    issuer: checkName('issuer', options.issuer ?? DEFAULT_ISSUER),
    audience: checkName('audience', options.audience ?? DEFAULT_AUDIENCE),
    clockToleranceSec: checkInteger('clockToleranceSec', options.clockToleranceSec ?? DEFAULT_CLOCK_TOLERANCE_SEC, 0, MAX_CLOCK_TOLERANCE_SEC),
    maxTtlSec: checkInteger('maxTtlSec', options.maxTtlSec ?? DEFAULT_MAX_TTL_SEC, 1, 366 * 86_400),
    now: options.now ?? Date.now,
  };
}
