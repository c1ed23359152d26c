/** Mints bearer tokens (HS256 JWTs) for the service's roles. */
import { randomUUID } from 'node:crypto';
import { SignJWT, type CryptoKey } from 'jose';
import { resolveAuthConfig, type AuthConfig, type AuthOptions } from './auth-config.js';
import { AuthInputError } from './auth-input-error.js';
import { importHmacKey, TOKEN_ALGORITHM } from './hmac-key.js';
import { defaultSubject, findClaimIssue, type TokenClaims } from './token-claims.js';
import { parseTtl, type Ttl } from './ttl.js';

/** Lifetime of a token when `mint` is given none: 12 hours (a shift). */
export const DEFAULT_TOKEN_TTL: Ttl = '12h';

/**
 * Mints tokens with `iss`, `aud`, `sub`, `iat`, `exp`, a random `jti` and the role claims
 * (`role`, plus `stores` for a merchant or `rider` for a rider).
 *
 * ```ts
 * const issuer = new TokenIssuer({ secret: AuthSecret.fromEnv() });
 * const token = await issuer.mint({ role: 'merchant', stores: ['s1', 's2'] }, '12h');
 * ```
 */
export class TokenIssuer {
  readonly config: AuthConfig;
  #key: Promise<CryptoKey> | undefined;

  /** @throws {AuthInputError} on a weak secret or a bad option. */
  constructor(options: AuthOptions) {
    this.config = resolveAuthConfig(options);
  }

  /**
   * A signed token for `claims`, valid for `ttl` from now.
   * @throws {AuthInputError} `INVALID_CLAIMS` (naming the claim) or `INVALID_TTL`.
   */
  async mint(claims: TokenClaims, ttl: Ttl = DEFAULT_TOKEN_TTL): Promise<string> {
    const ttlSec = parseTtl(ttl, this.config.maxTtlSec);
    // Validate the claims as given (a JS caller may pass stray fields), with a stand-in subject
    // when none is given (the default one is derived from claims that must be valid first).
    const issue = findClaimIssue({ ...claims, sub: claims.sub ?? 'default' });
    if (issue !== undefined) throw new AuthInputError('INVALID_CLAIMS', issue.field, issue.rule, issue.value);
    const sub = claims.sub ?? defaultSubject(claims);
    const roleClaims =
      claims.role === 'merchant' ? { role: claims.role, stores: [...claims.stores] }
      : claims.role === 'rider' ? { role: claims.role, rider: claims.rider }
      : { role: claims.role };
    const nowSec = Math.floor(this.config.now() / 1000);
    this.#key ??= importHmacKey(this.config.secret, 'sign');
    return new SignJWT(roleClaims)
      .setProtectedHeader({ alg: TOKEN_ALGORITHM, typ: 'JWT' })
      .setIssuer(this.config.issuer)
      .setAudience(this.config.audience)
      .setSubject(sub)
      .setJti(randomUUID())
      .setIssuedAt(nowSec)
      .setExpirationTime(nowSec + ttlSec)
      .sign(await this.#key);
  }
}
