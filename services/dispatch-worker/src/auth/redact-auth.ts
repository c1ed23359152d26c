/**
 * Keeping credentials out of logs: a pino `redact` configuration, and a helper that scrubs free
 * text (an error message, a URL, a header dump) of bearer tokens, JWTs and known secrets.
 *
 * ```ts
 * pino({ redact: { paths: [...AUTH_REDACT_PATHS], censor: REDACTED } })
 * ```
 */
import { AuthSecret, REDACTED } from './auth-secret.js';

/**
 * Log paths that can hold credentials, in pino / fast-redact syntax: request and response headers
 * as pino-http logs them (`req.headers`, `res.headers`), the same headers logged on their own, and
 * fields named like credentials at the top level or one level down.
 */
export const AUTH_REDACT_PATHS: readonly string[] = Object.freeze([
  'req.headers.authorization',
  'req.headers["proxy-authorization"]',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers["proxy-authorization"]',
  'headers.cookie',
  'headers["set-cookie"]',
  'authorization',
  'cookie',
  'token',
  'secret',
  'password',
  '*.authorization',
  '*.token',
  '*.secret',
  '*.password',
]);

/** Headers {@link redactHeaders} blanks (lower-case, as node gives them). */
export const SENSITIVE_HEADERS: readonly string[] = Object.freeze(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key']);

// A credential after an auth scheme: `Bearer abc.def.ghi`, `Basic dXNlcjpwYXNz` (8+ characters, so
// prose such as "bearer of" survives).
const SCHEME_CREDENTIALS = /\b(Bearer|Basic|Token)(\s+)[A-Za-z0-9\-._~+/]{8,}=*/gi;
// Anything shaped like a JWS or JWE: base64url of `{"` is `eyJ`.
const JWT_LIKE = /\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*){0,3}/g;
// `token=...` / `access_token=...` in query strings and form bodies.
const TOKEN_PARAMS = /\b((?:access_|id_|refresh_)?token=)[^&\s"']+/gi;

/** Secrets shorter than this are not searched for (they would blank ordinary words). */
const MIN_SECRET_CHARS = 8;

/**
 * `text` with bearer/basic credentials, JWT-shaped strings, `token=` parameters and every given
 * secret (its string form) replaced by {@link REDACTED}.
 */
export function redactAuth(text: string, secrets: readonly (string | AuthSecret)[] = []): string {
  let out = text.replace(SCHEME_CREDENTIALS, `$1$2${REDACTED}`).replace(JWT_LIKE, REDACTED).replace(TOKEN_PARAMS, `$1${REDACTED}`);
  for (const secret of secrets) {
    const value = secret instanceof AuthSecret ? new TextDecoder().decode(secret.bytes) : secret;
    if (value.length >= MIN_SECRET_CHARS) out = out.split(value).join(REDACTED);
  }
  return out;
}

/** A shallow copy of `headers` with {@link SENSITIVE_HEADERS} (any case) replaced by {@link REDACTED}. */
export function redactHeaders<T extends Readonly<Record<string, unknown>>>(headers: T): T {
  const copy: Record<string, unknown> = { ...headers };
  for (const name of Object.keys(copy)) {
    if (SENSITIVE_HEADERS.includes(name.toLowerCase()) && copy[name] !== undefined) copy[name] = REDACTED;
  }
  return copy as T;
}
