import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { AUTH_SECRET_ENV, AuthInputError, AuthSecret, MIN_SECRET_BYTES, TokenIssuer, TokenVerifier, resolveAuthConfig } from '@o2o/dispatch-worker';
import { SECRET } from './auth-fixtures.js';

/** Asserts an AuthInputError with `code` whose message does not contain `secret`. */
function assertInputError(fn: () => unknown, code: string, secret: string, message?: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof AuthInputError, inspect(error));
    assert.equal(error.code, code);
    if (message !== undefined) assert.match(error.message, message);
    if (secret.length > 0) assert.ok(!`${error.message}\n${error.stack}\n${inspect(error)}`.includes(secret), 'the error shows the secret');
    return true;
  });
}

describe('AuthSecret', () => {
  it(`accepts ${MIN_SECRET_BYTES} bytes and refuses ${MIN_SECRET_BYTES - 1}, counting UTF-8 bytes`, () => {
    assert.equal(AuthSecret.from('x'.repeat(32)).byteLength, 32);
    assertInputError(() => AuthSecret.from('x'.repeat(31)), 'WEAK_SECRET', 'x'.repeat(31), /^secret must be at least 32 bytes .*got 31 bytes$/);
    assert.equal(AuthSecret.from('é'.repeat(16)).byteLength, 32);
    assertInputError(() => AuthSecret.from(new Uint8Array(16)), 'WEAK_SECRET', '');
  });

  it('never shows its value through String, JSON or inspect', () => {
    const secret = AuthSecret.from(SECRET, 'env TEST');
    const config = { auth: { secret }, port: 1 };
    for (const text of [String(secret), `${secret}`, JSON.stringify(config), inspect(config, { depth: 10, showHidden: true })]) {
      assert.ok(!text.includes(SECRET), text);
      assert.match(text, /\[REDACTED\]/);
    }
    assert.deepEqual(new TextDecoder().decode(secret.bytes), SECRET);
  });

  it('gives out copies of its bytes', () => {
    const secret = AuthSecret.from(SECRET);
    secret.bytes.fill(0);
    assert.equal(new TextDecoder().decode(secret.bytes), SECRET);
  });

  it(`reads the environment (${AUTH_SECRET_ENV} by default), naming the variable but not the value`, () => {
    assert.equal(AuthSecret.fromEnv(undefined, { [AUTH_SECRET_ENV]: SECRET }).byteLength, SECRET.length);
    assert.equal(AuthSecret.fromEnv('OTHER', { OTHER: SECRET }).source, 'env OTHER');
    assertInputError(() => AuthSecret.fromEnv('OTHER', {}), 'SECRET_UNAVAILABLE', '', /^env OTHER must hold the signing secret/);
    assertInputError(() => AuthSecret.fromEnv('OTHER', { OTHER: '' }), 'SECRET_UNAVAILABLE', '');
    assertInputError(() => AuthSecret.fromEnv('OTHER', { OTHER: 'hunter2-short' }), 'WEAK_SECRET', 'hunter2-short', /^env OTHER must be at least 32 bytes/);
  });

  it('reads a file without its trailing newline, and names unreadable files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'auth-secret-'));
    try {
      const file = join(dir, 'secret');
      writeFileSync(file, `${SECRET}\r\n`);
      assert.equal(new TextDecoder().decode(AuthSecret.fromFile(file).bytes), SECRET);
      writeFileSync(file, 'too-short-secret\n');
      assertInputError(() => AuthSecret.fromFile(file), 'WEAK_SECRET', 'too-short-secret', /got 16 bytes/);
      assertInputError(() => AuthSecret.fromFile(join(dir, 'missing')), 'SECRET_UNAVAILABLE', '', /ENOENT/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('resolveAuthConfig', () => {
  it('fills in defaults', () => {
    const config = resolveAuthConfig({ secret: SECRET });
    assert.deepEqual({ ...config, secret: undefined, now: undefined }, {
      secret: undefined,
      issuer: 'o2o-dispatch',
      audience: 'o2o-dispatch-api',
      clockToleranceSec: 5,
      maxTtlSec: 30 * 86_400,
      now: undefined,
    });
  });

  it('refuses bad options, naming them', () => {
    assertInputError(() => resolveAuthConfig({ secret: SECRET, issuer: ' ' }), 'INVALID_OPTION', SECRET, /^issuer must be a non-empty string/);
    assertInputError(() => resolveAuthConfig({ secret: SECRET, audience: 'a'.repeat(129) }), 'INVALID_OPTION', SECRET, /^audience /);
    assertInputError(() => resolveAuthConfig({ secret: SECRET, clockToleranceSec: 301 }), 'INVALID_OPTION', SECRET, /^clockToleranceSec must be an integer from 0 to 300, got 301$/);
    assertInputError(() => resolveAuthConfig({ secret: SECRET, maxTtlSec: 0 }), 'INVALID_OPTION', SECRET, /^maxTtlSec /);
    assertInputError(() => new TokenVerifier({ secret: SECRET, cacheSize: -1 }), 'INVALID_OPTION', SECRET, /^cacheSize /);
    assertInputError(() => new TokenIssuer({ secret: 'short' }), 'WEAK_SECRET', 'short');
  });
});
