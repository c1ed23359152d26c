/** Extracting the token from an `Authorization: Bearer <token>` header (RFC 6750 §2.1). */
import { AuthError } from './auth-error.js';

/** Longest token accepted, in characters (ours are about 400; this bounds work on garbage). */
export const MAX_TOKEN_CHARS = 4_096;

// RFC 6750 b64token.
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

/**
 * The bearer token in an `Authorization` header value.
 * @throws {AuthError} `AUTH_MISSING` (absent or blank), `AUTH_SCHEME` (another scheme), or
 *   `TOKEN_MALFORMED` (no token, characters a token cannot hold, or longer than {@link MAX_TOKEN_CHARS}).
 */
export function parseBearerToken(authorization: string | undefined): string {
  if (authorization === undefined || authorization.trim() === '') {
    throw new AuthError('AUTH_MISSING', 'missing Authorization header: send Authorization: Bearer <token>');
  }
  const header = authorization.trim();
  const space = header.search(/\s/);
  const scheme = space === -1 ? header : header.slice(0, space);
  if (scheme.toLowerCase() !== 'bearer') {
    // Never echo the header: with another scheme it holds other credentials.
    throw new AuthError('AUTH_SCHEME', 'unsupported Authorization scheme: send Authorization: Bearer <token>');
  }
  const token = space === -1 ? '' : header.slice(space).trimStart();
  if (token === '') throw new AuthError('TOKEN_MALFORMED', 'malformed Authorization header: no token after Bearer');
  if (token.length > MAX_TOKEN_CHARS) throw new AuthError('TOKEN_MALFORMED', `malformed bearer token: longer than ${MAX_TOKEN_CHARS} characters`);
  if (!B64TOKEN.test(token)) throw new AuthError('TOKEN_MALFORMED', 'malformed bearer token: it holds characters a token cannot contain');
  return token;
}
