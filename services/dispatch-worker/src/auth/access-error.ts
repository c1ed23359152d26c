/**
 * Base class of the two refusals the auth layer produces: {@link AuthError} (401, the caller is not
 * authenticated) and {@link ForbiddenError} (403, authenticated but outside its scope).
 *
 * An HTTP error mapper needs only this class: answer `status`, set the `WWW-Authenticate` header
 * to `wwwAuthenticate`, and send `code` and `message`. Neither ever contains a token or a secret.
 */

/** The realm named in every `WWW-Authenticate` challenge. */
export const AUTH_REALM = 'o2o-dispatch';

/** Builds an RFC 6750 `Bearer` challenge; `error` and `description` are omitted when absent. */
export function bearerChallenge(error?: 'invalid_token' | 'insufficient_scope', description?: string): string {
  const parts = [`realm="${AUTH_REALM}"`];
  if (error !== undefined) parts.push(`error="${error}"`);
  // Quoted-string: our own messages never contain quotes or backslashes, but stay safe.
  if (description !== undefined) parts.push(`error_description="${description.replace(/["\\]/g, "'")}"`);
  return `Bearer ${parts.join(', ')}`;
}

/** A request refused by authentication (401) or authorisation (403). */
export abstract class AccessError extends Error {
  /** HTTP status to answer. */
  abstract readonly status: 401 | 403;
  /** Stable code, for programs. */
  readonly code: string;
  /** Value of the `WWW-Authenticate` response header. */
  abstract readonly wwwAuthenticate: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}
