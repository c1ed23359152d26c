import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { CompactSign, SignJWT, UnsecuredJWT, base64url, generateKeyPair, type JWTPayload } from 'jose';
import { AUTH_ERROR_CODES, AccessError, AuthError, TokenIssuer, TokenVerifier, type AuthErrorCode } from '@o2o/dispatch-worker';
import { OTHER_SECRET, SECRET, TestClock } from './auth-fixtures.js';

const encoder = new TextEncoder();
const ISS = 'o2o-dispatch';
const AUD = 'o2o-dispatch-api';

/** A token signed by hand (HS256 with `secret` unless `alg` says otherwise), for shapes TokenIssuer refuses to mint. */
async function handMade(payload: JWTPayload, options: { secret?: string; alg?: string; clock?: TestClock } = {}): Promise<string> {
  const nowSec = (options.clock ?? new TestClock()).nowSec;
  const claims = { iss: ISS, aud: AUD, sub: 'ops', role: 'admin', iat: nowSec, exp: nowSec + 600, ...payload };
  for (const [key, value] of Object.entries(claims)) if (value === undefined) delete (claims as Record<string, unknown>)[key];
  return new SignJWT(claims).setProtectedHeader({ alg: options.alg ?? 'HS256' }).sign(encoder.encode(options.secret ?? SECRET));
}

/** Asserts a 401 with `code`, and that neither the token nor the secret appears anywhere in the error. */
async function assertRejects(promise: Promise<unknown>, code: AuthErrorCode, token: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof AuthError, `expected AuthError, got ${inspect(error)}`);
    assert.ok(error instanceof AccessError);
    assert.equal(error.code, code);
    assert.equal(error.status, 401);
    assert.equal(error.cause, undefined);
    const rendered = [error.message, error.stack ?? '', error.wwwAuthenticate, JSON.stringify(error), inspect(error, { depth: 5, showHidden: true })].join('\n');
    if (token.length > 0) {
      assert.ok(!rendered.includes(token), 'the error shows the token');
      for (const segment of token.split('.')) {
        if (segment.length > 8) assert.ok(!rendered.includes(segment), 'the error shows part of the token');
      }
    }
    assert.doesNotMatch(rendered, /eyJ[\w-]+\./, 'the error shows something shaped like a JWT');
    assert.ok(!rendered.includes(SECRET), 'the error shows the secret');
    return true;
  });
}

/** The AuthError a verification rejects with. */
async function caught(promise: Promise<unknown>): Promise<AuthError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AuthError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('TokenVerifier', () => {
  let clock: TestClock;
  let issuer: TokenIssuer;
  let verifier: TokenVerifier;
  beforeEach(() => {
    clock = new TestClock();
    issuer = new TokenIssuer({ secret: SECRET, now: clock.now });
    verifier = new TokenVerifier({ secret: SECRET, now: clock.now, cacheSize: 0 });
  });

  describe('authenticate(Authorization header)', () => {
    it('accepts "Bearer <token>", whatever the case of the scheme and the spacing', async () => {
      const token = await issuer.mint({ role: 'rider', rider: 'r1' });
      for (const header of [`Bearer ${token}`, `bearer ${token}`, `BEARER   ${token}  `]) {
        assert.equal((await verifier.authenticate(header)).role, 'rider');
      }
    });

    it('answers AUTH_MISSING without an error code in the challenge when there is no header', async () => {
      for (const header of [undefined, '', '   ']) await assertRejects(verifier.authenticate(header), 'AUTH_MISSING', '');
      const error = await caught(verifier.authenticate(undefined));
      assert.equal(error.wwwAuthenticate, 'Bearer realm="o2o-dispatch"');
    });

    it('answers AUTH_SCHEME for another scheme, without echoing its credentials', async () => {
      await assertRejects(verifier.authenticate('Basic dXNlcjpwYXNzd29yZA=='), 'AUTH_SCHEME', 'dXNlcjpwYXNzd29yZA==');
      const token = await issuer.mint({ role: 'admin' });
      await assertRejects(verifier.authenticate(token), 'AUTH_SCHEME', token);
    });

    it('answers TOKEN_MALFORMED for Bearer without a usable token', async () => {
      await assertRejects(verifier.authenticate('Bearer'), 'TOKEN_MALFORMED', '');
      await assertRejects(verifier.authenticate('Bearer    '), 'TOKEN_MALFORMED', '');
      await assertRejects(verifier.authenticate('Bearer abc def'), 'TOKEN_MALFORMED', 'abc def');
      await assertRejects(verifier.authenticate('Bearer "quoted"'), 'TOKEN_MALFORMED', '"quoted"');
      const long = 'a'.repeat(5_000);
      await assertRejects(verifier.authenticate(`Bearer ${long}`), 'TOKEN_MALFORMED', long);
    });

    it('sets error="invalid_token" in the challenge for a bad token', async () => {
      const error = await caught(verifier.authenticate('Bearer not-a-jwt'));
      assert.equal(error.code, 'TOKEN_MALFORMED');
      assert.match(error.wwwAuthenticate, /^Bearer realm="o2o-dispatch", error="invalid_token", error_description="[^"]+"$/);
    });
  });

  describe('verify(token)', () => {
    it('answers TOKEN_MALFORMED for strings that are not signed JWTs', async () => {
      for (const token of ['not-a-jwt', 'a.b', 'a.b.c', '...', 'a'.repeat(5_000), '']) {
        await assertRejects(verifier.verify(token), 'TOKEN_MALFORMED', token);
      }
    });

    it('answers TOKEN_MALFORMED for a correctly signed payload that is not a JSON object', async () => {
      for (const payload of ['not json', '[1,2]', '"admin"']) {
        const token = await new CompactSign(encoder.encode(payload)).setProtectedHeader({ alg: 'HS256' }).sign(encoder.encode(SECRET));
        await assertRejects(verifier.verify(token), 'TOKEN_MALFORMED', token);
      }
    });

    it('answers TOKEN_SIGNATURE for a garbage payload with a made-up signature (the signature is checked first)', async () => {
      const token = `${base64url.encode(JSON.stringify({ alg: 'HS256' }))}.${base64url.encode('not json')}.${base64url.encode('made-up signature')}`;
      await assertRejects(verifier.verify(token), 'TOKEN_SIGNATURE', token);
    });

    it('answers TOKEN_SIGNATURE for a token signed with another key', async () => {
      const token = await new TokenIssuer({ secret: OTHER_SECRET, now: clock.now }).mint({ role: 'admin' });
      await assertRejects(verifier.verify(token), 'TOKEN_SIGNATURE', token);
    });

    it('answers TOKEN_SIGNATURE for a tampered payload (a rider promoting itself to admin)', async () => {
      const token = await issuer.mint({ role: 'rider', rider: 'r1' });
      const [header, payload, signature] = token.split('.') as [string, string, string];
      const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload))) as Record<string, unknown>;
      const forged = `${header}.${base64url.encode(JSON.stringify({ ...claims, role: 'admin', rider: undefined }))}.${signature}`;
      await assertRejects(verifier.verify(forged), 'TOKEN_SIGNATURE', forged);
    });

    describe('algorithm confusion', () => {
      it('refuses an unsecured token (alg "none")', async () => {
        const nowSec = clock.nowSec;
        const token = new UnsecuredJWT({ role: 'admin' }).setIssuer(ISS).setAudience(AUD).setSubject('ops').setIssuedAt(nowSec).setExpirationTime(nowSec + 600).encode();
        await assertRejects(verifier.verify(token), 'TOKEN_ALGORITHM', token);
        // The same with the alg spelled differently, and with the empty signature dropped.
        const [, payload] = token.split('.') as [string, string];
        for (const alg of ['None', 'NONE', 'nOnE']) {
          const variant = `${base64url.encode(JSON.stringify({ alg }))}.${payload}.`;
          await assert.rejects(verifier.verify(variant), (e: unknown) => e instanceof AuthError && ['TOKEN_ALGORITHM', 'TOKEN_MALFORMED'].includes(e.code));
        }
        await assertRejects(verifier.verify(`${token.split('.').slice(0, 2).join('.')}`), 'TOKEN_MALFORMED', token);
      });

      it('refuses HS384 and HS512 tokens made with the right secret', async () => {
        for (const alg of ['HS384', 'HS512']) {
          const token = await handMade({}, { alg, clock });
          await assertRejects(verifier.verify(token), 'TOKEN_ALGORITHM', token);
        }
      });

      it('refuses an RS256 token and an HS256 header on an RS256 signature', async () => {
        const { privateKey } = await generateKeyPair('RS256');
        const nowSec = clock.nowSec;
        const token = await new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'RS256' }).setIssuer(ISS).setAudience(AUD).setSubject('ops').setIssuedAt(nowSec).setExpirationTime(nowSec + 600).sign(privateKey);
        await assertRejects(verifier.verify(token), 'TOKEN_ALGORITHM', token);
        const [, payload, signature] = token.split('.') as [string, string, string];
        const relabelled = `${base64url.encode(JSON.stringify({ alg: 'HS256' }))}.${payload}.${signature}`;
        await assertRejects(verifier.verify(relabelled), 'TOKEN_SIGNATURE', relabelled);
      });
    });

    describe('expiry', () => {
      it('accepts a token until exp plus the clock tolerance, and answers TOKEN_EXPIRED after', async () => {
        const token = await issuer.mint({ role: 'admin' }, 60);
        clock.advanceSec(60 + 4); // default tolerance 5 s: exp (t+60) > now - 5
        assert.equal((await verifier.verify(token)).role, 'admin');
        clock.advanceSec(1);
        await assertRejects(verifier.verify(token), 'TOKEN_EXPIRED', token);
      });

      it('honours a configured tolerance of 0', async () => {
        const strict = new TokenVerifier({ secret: SECRET, now: clock.now, clockToleranceSec: 0 });
        const token = await issuer.mint({ role: 'admin' }, 60);
        clock.advanceSec(59);
        await strict.verify(token);
        clock.advanceSec(1);
        await assertRejects(strict.verify(token), 'TOKEN_EXPIRED', token);
      });

      it('expires cached verifications at the same instant as uncached ones', async () => {
        const cached = new TokenVerifier({ secret: SECRET, now: clock.now });
        const token = await issuer.mint({ role: 'rider', rider: 'r1' }, 60);
        const first = await cached.verify(token);
        assert.equal(await cached.verify(token), first, 'the second verification is served from the cache');
        clock.advanceSec(64);
        assert.equal(await cached.verify(token), first);
        clock.advanceSec(1);
        await assertRejects(cached.verify(token), 'TOKEN_EXPIRED', token);
      });

      it('answers TOKEN_EXPIRED for a token older than the longest lifetime, whatever its exp', async () => {
        const token = await handMade({ exp: clock.nowSec + 400 * 86_400 }, { clock });
        const cached = new TokenVerifier({ secret: SECRET, now: clock.now });
        await cached.verify(token);
        clock.advanceSec(30 * 86_400 + 5);
        await cached.verify(token);
        clock.advanceSec(1);
        await assertRejects(cached.verify(token), 'TOKEN_EXPIRED', token);
      });

      it('answers TOKEN_NOT_YET_VALID for nbf or iat in the future beyond the tolerance', async () => {
        const nbf = await handMade({ nbf: clock.nowSec + 60 }, { clock });
        await assertRejects(verifier.verify(nbf), 'TOKEN_NOT_YET_VALID', nbf);
        const iat = await handMade({ iat: clock.nowSec + 60 }, { clock });
        await assertRejects(verifier.verify(iat), 'TOKEN_NOT_YET_VALID', iat);
        const slightlyAhead = await handMade({ iat: clock.nowSec + 3, nbf: clock.nowSec + 3 }, { clock });
        assert.equal((await verifier.verify(slightlyAhead)).role, 'admin');
      });
    });

    describe('issuer and audience', () => {
      it('answers TOKEN_AUDIENCE for a token minted for another audience, or none', async () => {
        const other = await new TokenIssuer({ secret: SECRET, now: clock.now, audience: 'billing-api' }).mint({ role: 'admin' });
        await assertRejects(verifier.verify(other), 'TOKEN_AUDIENCE', other);
        const none = await handMade({ aud: undefined }, { clock });
        await assertRejects(verifier.verify(none), 'TOKEN_AUDIENCE', none);
        const listed = await handMade({ aud: ['billing-api', AUD] }, { clock });
        assert.equal((await verifier.verify(listed)).role, 'admin');
      });

      it('answers TOKEN_ISSUER for a token from another issuer, or none', async () => {
        const other = await new TokenIssuer({ secret: SECRET, now: clock.now, issuer: 'someone-else' }).mint({ role: 'admin' });
        await assertRejects(verifier.verify(other), 'TOKEN_ISSUER', other);
        const none = await handMade({ iss: undefined }, { clock });
        await assertRejects(verifier.verify(none), 'TOKEN_ISSUER', none);
      });
    });

    describe('claims', () => {
      const cases: [string, JWTPayload][] = [
        ['no exp', { exp: undefined }],
        ['a non-numeric exp', { exp: 'tomorrow' as unknown as number }],
        ['no sub', { sub: undefined }],
        ['no iat', { iat: undefined }],
        ['no role', { role: undefined }],
        ['an unknown role', { role: 'superuser' }],
        ['a merchant without stores', { role: 'merchant' }],
        ['a merchant with stores as a string', { role: 'merchant', stores: 's1' }],
        ['a merchant with a non-string store', { role: 'merchant', stores: ['s1', 7] }],
        ['a rider without a rider id', { role: 'rider' }],
        ['a rider with a numeric rider id', { role: 'rider', rider: 7 }],
        ['an admin carrying stores', { role: 'admin', stores: ['s1'] }],
        ['a rider carrying stores', { role: 'rider', rider: 'r1', stores: ['s1'] }],
      ];
      for (const [what, payload] of cases) {
        it(`answers TOKEN_CLAIMS for a signed token with ${what}`, async () => {
          const token = await handMade(payload, { clock });
          await assertRejects(verifier.verify(token), 'TOKEN_CLAIMS', token);
        });
      }

      it('reads the principal from claims only (unknown claims are ignored)', async () => {
        const token = await handMade({ role: 'merchant', stores: ['s1'], sub: 'acme', jti: 'j-1', isAdmin: true }, { clock });
        assert.deepEqual(await verifier.verify(token), { role: 'merchant', sub: 'acme', storeIds: ['s1'], tokenId: 'j-1', expiresAt: clock.nowSec + 600 });
      });
    });

    it('never caches a failure: a token refused once is refused again', async () => {
      const cached = new TokenVerifier({ secret: SECRET, now: clock.now });
      const token = await handMade({ nbf: clock.nowSec + 60 }, { clock });
      await assertRejects(cached.verify(token), 'TOKEN_NOT_YET_VALID', token);
      await assertRejects(cached.verify(token), 'TOKEN_NOT_YET_VALID', token);
      clock.advanceSec(60);
      assert.equal((await cached.verify(token)).role, 'admin');
    });

    it('uses stable codes', () => {
      assert.deepEqual([...AUTH_ERROR_CODES].sort(), [
        'AUTH_MISSING', 'AUTH_SCHEME', 'TOKEN_ALGORITHM', 'TOKEN_AUDIENCE', 'TOKEN_CLAIMS', 'TOKEN_EXPIRED',
        'TOKEN_ISSUER', 'TOKEN_MALFORMED', 'TOKEN_NOT_YET_VALID', 'TOKEN_SIGNATURE',
      ]);
    });
  });
});
