/**
 * Bad configuration or minting input for the auth module (a weak secret, an unknown role, a bad
 * ttl). At service start-up it is fatal; in the mint-token CLI it becomes exit code 2.
 *
 * The message names the field, the rule and, except for secrets, the value:
 * `ttl must be a positive duration such as 90, 90s, 15m, 12h or 7d, got "soon"`. A secret's value never
 * appears, only its source and length.
 */

/**
 * A value for a message, short and unambiguous, as `@o2o/geo`'s `formatValue` renders it (not
 * imported: the mint-token CLI would load all of geo, h3 included, to print one error).
 */
function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === undefined || value === null) return String(value);
  if (Array.isArray(value)) return value.length > 4 ? `an array of length ${value.length}` : `[${value.map(formatValue).join(', ')}]`;
  return typeof value === 'object' ? 'an object' : typeof value;
}

/**
 * Stable codes of {@link AuthInputError}.
 * - `WEAK_SECRET`: the signing secret is shorter than {@link MIN_SECRET_BYTES} bytes.
 * - `SECRET_UNAVAILABLE`: the secret's environment variable is unset or its file unreadable.
 * - `INVALID_OPTION`: an option (issuer, audience, clock tolerance, max ttl, cache size) breaks its rule.
 * - `INVALID_CLAIMS`: claims to mint break a rule (role, stores, rider, sub).
 * - `INVALID_TTL`: a token lifetime is not a positive duration within the configured maximum.
 */
export type AuthInputErrorCode = 'WEAK_SECRET' | 'SECRET_UNAVAILABLE' | 'INVALID_OPTION' | 'INVALID_CLAIMS' | 'INVALID_TTL';

/** Marker for a value that must not be printed (a secret). */
export const SECRET_VALUE: unique symbol = Symbol('secret value');

export class AuthInputError extends Error {
  readonly code: AuthInputErrorCode;
  /** The field at fault, e.g. `stores[2]`, `ttl`, `secret`. */
  readonly field: string;
  /** The rule, worded to follow the field. */
  readonly rule: string;

  /** Pass {@link SECRET_VALUE} as `value` to leave the value out of the message. */
  constructor(code: AuthInputErrorCode, field: string, rule: string, value: unknown) {
    super(value === SECRET_VALUE ? `${field} ${rule}` : `${field} ${rule}, got ${formatValue(value)}`);
    this.name = 'AuthInputError';
    this.code = code;
    this.field = field;
    this.rule = rule;
  }
}
