import { AccessError, bearerChallenge } from './access-error.js';

/**
 * Stable codes of {@link AuthError}.
 * - `AUTH_MISSING`: no `Authorization` header (or an empty one).
 * - `AUTH_SCHEME`: an `Authorization` header with another scheme than `Bearer` (e.g. `Basic`).
 * - `TOKEN_MALFORMED`: `Bearer` with no token, a token with characters a JWT cannot hold, an oversized
 *   token, or one that is not a well-formed JWS compact serialisation.
 * - `TOKEN_ALGORITHM`: signed with another algorithm than HS256 (including `none`).
 * - `TOKEN_SIGNATURE`: the signature does not match (another key, or a tampered token).
 * - `TOKEN_EXPIRED`: `exp` has passed (beyond the clock tolerance), or `iat` is older than the longest lifetime minted.
 * - `TOKEN_NOT_YET_VALID`: `nbf` (or `iat`) lies in the future beyond the clock tolerance.
 * - `TOKEN_ISSUER`: `iss` is not the configured issuer.
 * - `TOKEN_AUDIENCE`: `aud` does not name the configured audience.
 * - `TOKEN_CLAIMS`: a signed token whose claims are missing or invalid (`exp`, `sub`, `iat`, `role`, `stores`, `rider`).
 */
export type AuthErrorCode =
  | 'AUTH_MISSING'
  | 'AUTH_SCHEME'
  | 'TOKEN_MALFORMED'
  | 'TOKEN_ALGORITHM'
  | 'TOKEN_SIGNATURE'
  | 'TOKEN_EXPIRED'
  | 'TOKEN_NOT_YET_VALID'
  | 'TOKEN_ISSUER'
  | 'TOKEN_AUDIENCE'
  | 'TOKEN_CLAIMS';

/** Every {@link AuthErrorCode}. */
export const AUTH_ERROR_CODES: readonly AuthErrorCode[] = [
  'AUTH_MISSING',
  'AUTH_SCHEME',
  'TOKEN_MALFORMED',
  'TOKEN_ALGORITHM',
  'TOKEN_SIGNATURE',
  'TOKEN_EXPIRED',
  'TOKEN_NOT_YET_VALID',
  'TOKEN_ISSUER',
  'TOKEN_AUDIENCE',
  'TOKEN_CLAIMS',
];

/**
 * The caller is not authenticated: answer 401 with the `WWW-Authenticate` header set to
 * {@link AuthError.wwwAuthenticate}. Without credentials the challenge carries no error
 * (RFC 6750 §3.1); with a bad token it says `error="invalid_token"`.
 *
 * Messages describe what is wrong with the token, never the token itself, and no underlying
 * library error is kept as `cause` (those can carry the decoded claims).
 */
export class AuthError extends AccessError {
  declare readonly code: AuthErrorCode;
  readonly status = 401 as const;
  readonly wwwAuthenticate: string;

  constructor(code: AuthErrorCode, message: string) {
    super(code, message);
    const hasCredentials = code !== 'AUTH_MISSING' && code !== 'AUTH_SCHEME';
    this.wwwAuthenticate = hasCredentials ? bearerChallenge('invalid_token', message) : bearerChallenge();
  }
}
