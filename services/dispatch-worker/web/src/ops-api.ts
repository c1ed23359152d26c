/**
 * The page's calls to the service: the admin token (taken once from `#token=` in the URL fragment,
 * which never reaches a server or a log, then kept in sessionStorage for this tab) and JSON GETs
 * that send it as a bearer token. A 401 or 403 is an {@link AuthError}: the page asks for a token.
 */

const TOKEN_KEY = 'o2o-ops-token';

/** The service refused the token (401) or its role (403). */
export class AuthError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}

/** Moves a `#token=` fragment into sessionStorage and out of the address bar; returns the token to use, if any. */
export function takeToken(): string | undefined {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (match !== null) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]!));
    history.replaceState(null, '', `${location.pathname}${location.search}`);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? undefined;
}

export function saveToken(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token);
}

export function forgetToken(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}

/** GET `path` with the token; the parsed JSON. Throws {@link AuthError} on 401/403, an Error naming the code otherwise. */
export async function getJson<T>(path: string, token: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(path, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' }, cache: 'no-store', ...(signal === undefined ? {} : { signal }) });
  if (res.ok) return (await res.json()) as T;
  throw await errorOf(res, `GET ${path}`);
}

/** The error for a refused answer (the service's `error.code` and message when it sent one). */
export async function errorOf(res: Response, what: string): Promise<Error> {
  let code = `HTTP_${res.status}`;
  let message = res.statusText;
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string } };
    code = body.error?.code ?? code;
    message = body.error?.message ?? message;
  } catch {
    // not JSON: keep the status
  }
  if (res.status === 401 || res.status === 403) return new AuthError(res.status, code, message);
  return new Error(`${what}: ${res.status} ${code} ${message}`);
}
