/**
 * Verifies bearer tokens and turns them into {@link Principal}s.
 *
 * Only HS256 with the configured secret is accepted (`none`, other HMAC sizes and asymmetric
 * algorithms are refused before any key is used); `iss` and `aud` must match; `exp`, `iat` and
 * `sub` are required; `exp`, `nbf` and `iat` are checked with a small clock tolerance (`iat` may
 * not lie in the future nor be older than the longest lifetime minted, `maxTtlSec`); then the
 * role claims are validated. Every failure is an {@link AuthError} (401) with a stable code and a message that
 * never contains the token or the secret.
 *
 * An express 5 middleware is a few lines:
 * ```ts
 * app.use(async (req, res, next) => {
 *   res.locals.principal = await verifier.authenticate(req.headers.authorization);
 *   next();
 * }); // a rejection reaches the error handler, which answers error.status with error.wwwAuthenticate
 * ```
 */
import { errors, jwtVerify, type CryptoKey, type JWTPayload } from 'jose';
import { resolveAuthConfig, type AuthConfig, type AuthOptions } from './auth-config.js';
import { AuthError, type AuthErrorCode } from './auth-error.js';
import { AuthInputError } from './auth-input-error.js';
import { MAX_TOKEN_CHARS, parseBearerToken } from './bearer-token.js';
import { importHmacKey, TOKEN_ALGORITHM } from './hmac-key.js';
import type { Principal } from './principal.js';
import { findClaimIssue, principalFromClaims } from './token-claims.js';
import { DEFAULT_TOKEN_CACHE_SIZE, VerifiedTokenCache } from './verified-token-cache.js';

export interface TokenVerifierOptions extends AuthOptions {
  /** Verified tokens remembered (see {@link VerifiedTokenCache}); 0 disables. Default 10,000. */
  readonly cacheSize?: number;
}

export class TokenVerifier {
  readonly config: AuthConfig;
  readonly #cache: VerifiedTokenCache;
  #key: Promise<CryptoKey> | undefined;

  /** @throws {AuthInputError} on a weak secret or a bad option. */
  constructor(options: TokenVerifierOptions) {
    this.config = resolveAuthConfig(options);
    const cacheSize = options.cacheSize ?? DEFAULT_TOKEN_CACHE_SIZE;
    if (!Number.isSafeInteger(cacheSize) || cacheSize < 0) {
      throw new AuthInputError('INVALID_OPTION', 'cacheSize', 'must be an integer ≥ 0', cacheSize);
    }
    this.#cache = new VerifiedTokenCache(cacheSize);
  }

  /**
   * The principal of an `Authorization` header value (`Bearer <token>`).
   * @throws {AuthError} on a missing or malformed header or an invalid token.
   */
  async authenticate(authorization: string | undefined): Promise<Principal> {
    return this.verify(parseBearerToken(authorization));
  }

  /**
   * The principal of a bare token.
   * @throws {AuthError} (see {@link AuthErrorCode}).
   */
  async verify(token: string): Promise<Principal> {
    if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_CHARS) {
      throw new AuthError('TOKEN_MALFORMED', `malformed bearer token: expected 1 to ${MAX_TOKEN_CHARS} characters`);
    }
    const { clockToleranceSec, now } = this.config;
    const nowMs = now();
    const cached = this.#cache.get(token, Math.floor(nowMs / 1000), clockToleranceSec);
    if (cached !== undefined) return cached;
    this.#key ??= importHmacKey(this.config.secret, 'verify');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, await this.#key, {
        algorithms: [TOKEN_ALGORITHM],
        issuer: this.config.issuer,
        audience: this.config.audience,
        clockTolerance: clockToleranceSec,
        requiredClaims: ['exp', 'sub'],
        // Requires `iat`, refuses one in the future and tokens older than the longest lifetime we mint.
        maxTokenAge: this.config.maxTtlSec,
        currentDate: new Date(nowMs),
      }));
    } catch (error) {
      throw authErrorFromJose(error);
    }
    const issue = findClaimIssue(payload);
    if (issue !== undefined) throw new AuthError('TOKEN_CLAIMS', `invalid bearer token: claim ${issue.field} ${issue.rule}`);
    // Past `iat + maxTtlSec` the age check fails even if `exp` is later: the cache must agree.
    const expiresAt = Math.min(payload.exp as number, (payload.iat as number) + this.config.maxTtlSec + 1);
    const principal = principalFromClaims(payload, expiresAt);
    this.#cache.set(token, principal);
    return principal;
  }

  /** Forgets every cached verification (e.g. after rotating the secret in tests). */
  clearCache(): void {
    this.#cache.clear();
  }
}

const CLAIM_CODES: Readonly<Record<string, AuthErrorCode>> = {
  iss: 'TOKEN_ISSUER',
  aud: 'TOKEN_AUDIENCE',
  nbf: 'TOKEN_NOT_YET_VALID',
  iat: 'TOKEN_NOT_YET_VALID',
};

const CLAIM_MESSAGES: Readonly<Record<string, string>> = {
  TOKEN_ISSUER: 'invalid bearer token: issued by another issuer',
  TOKEN_AUDIENCE: 'invalid bearer token: issued for another audience',
  TOKEN_NOT_YET_VALID: 'invalid bearer token: not valid yet',
};

/**
 * The {@link AuthError} for a jose failure. jose's own messages and `payload` are dropped (they can
 * echo claims); anything that is not a jose error is a bug and is rethrown as is.
 */
function authErrorFromJose(error: unknown): AuthError {
  if (!(error instanceof errors.JOSEError)) throw error;
  switch (error.code) {
    case 'ERR_JWT_EXPIRED':
      return new AuthError('TOKEN_EXPIRED', 'invalid bearer token: expired');
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return new AuthError('TOKEN_SIGNATURE', 'invalid bearer token: signature verification failed');
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return new AuthError('TOKEN_ALGORITHM', `invalid bearer token: only ${TOKEN_ALGORITHM} tokens are accepted`);
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED': {
      const { claim, reason } = error as errors.JWTClaimValidationFailed;
      const code = claim === 'iss' || claim === 'aud' || reason === 'check_failed' ? CLAIM_CODES[claim] : undefined;
      if (code !== undefined) return new AuthError(code, CLAIM_MESSAGES[code] ?? 'invalid bearer token');
      return new AuthError('TOKEN_CLAIMS', `invalid bearer token: claim ${/^[a-z]{2,5}$/.test(claim) ? claim : 'value'} is ${reason === 'missing' ? 'missing' : 'invalid'}`);
    }
    default:
      // ERR_JWS_INVALID, ERR_JWT_INVALID, ERR_JOSE_NOT_SUPPORTED, ...: not a well-formed HS256 JWT.
      return new AuthError('TOKEN_MALFORMED', 'malformed bearer token: not a well-formed signed JWT');
  }
}
