/**
 * The HS256 signing secret, wrapped so that it cannot leak by accident: `String(secret)`,
 * `JSON.stringify(config)` and `util.inspect(config)` (hence `console.log` and pino) all print
 * `[REDACTED]`; only {@link AuthSecret.bytes} gives the key material.
 */
import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { AuthInputError, SECRET_VALUE } from './auth-input-error.js';

/** Shortest accepted secret: 32 bytes, the HS256 output size (RFC 7518 §3.2). */
export const MIN_SECRET_BYTES = 32;

/** Environment variable the service and the mint-token CLI read the secret from by default. */
export const AUTH_SECRET_ENV = 'O2O_AUTH_SECRET';

/** The placeholder printed instead of a secret or a token. */
export const REDACTED = '[REDACTED]';

export class AuthSecret {
  readonly #bytes: Uint8Array;
  /** Where the secret came from, e.g. `env O2O_AUTH_SECRET` (used in messages, never the value). */
  readonly source: string;

  private constructor(bytes: Uint8Array, source: string) {
    this.#bytes = bytes;
    this.source = source;
  }

  /**
   * A secret from a string (its UTF-8 bytes) or raw bytes (copied).
   * @throws {AuthInputError} `WEAK_SECRET` when shorter than {@link MIN_SECRET_BYTES} bytes.
   */
  static from(raw: string | Uint8Array, source = 'secret'): AuthSecret {
    const bytes = typeof raw === 'string' ? new TextEncoder().encode(raw) : new Uint8Array(raw);
    if (bytes.length < MIN_SECRET_BYTES) {
      throw new AuthInputError(
        'WEAK_SECRET',
        source,
        `must be at least ${MIN_SECRET_BYTES} bytes (e.g. \`openssl rand -base64 48\`), got ${bytes.length} bytes`,
        SECRET_VALUE,
      );
    }
    return new AuthSecret(bytes, source);
  }

  /**
   * The secret in environment variable `name`.
   * @throws {AuthInputError} `SECRET_UNAVAILABLE` when unset or empty, `WEAK_SECRET` when too short.
   */
  static fromEnv(name: string = AUTH_SECRET_ENV, env: NodeJS.ProcessEnv = process.env): AuthSecret {
    const value = env[name];
    if (value === undefined || value === '') {
      throw new AuthInputError('SECRET_UNAVAILABLE', `env ${name}`, 'must hold the signing secret, but it is unset or empty', SECRET_VALUE);
    }
    return AuthSecret.from(value, `env ${name}`);
  }

  /**
   * The secret in a file (its bytes, without one trailing newline).
   * @throws {AuthInputError} `SECRET_UNAVAILABLE` when unreadable, `WEAK_SECRET` when too short.
   */
  static fromFile(path: string): AuthSecret {
    let content: Buffer;
    try {
      content = readFileSync(path);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new AuthInputError('SECRET_UNAVAILABLE', `file ${JSON.stringify(path)}`, `must be a readable file holding the signing secret (${reason})`, SECRET_VALUE);
    }
    let end = content.length;
    if (end > 0 && content[end - 1] === 0x0a) end--;
    if (end > 0 && content[end - 1] === 0x0d) end--;
    return AuthSecret.from(content.subarray(0, end), `file ${JSON.stringify(path)}`);
  }

  /** The key material (a copy: callers cannot alter the secret). */
  get bytes(): Uint8Array {
    return new Uint8Array(this.#bytes);
  }

  /** Length in bytes. */
  get byteLength(): number {
    return this.#bytes.length;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return `AuthSecret(${REDACTED}, ${this.#bytes.length} bytes from ${this.source})`;
  }
}
