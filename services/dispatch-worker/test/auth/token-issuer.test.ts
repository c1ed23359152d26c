import assert from 'node:assert/strict';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import {
  AuthInputError,
  DEFAULT_AUDIENCE,
  DEFAULT_ISSUER,
  MAX_TOKEN_STORES,
  TokenIssuer,
  TokenVerifier,
  formatDurationSec,
  parseTtl,
  type TokenClaims,
} from '@o2o/dispatch-worker';
import { SECRET, TestClock } from './auth-fixtures.js';

function pair(clock = new TestClock()): { issuer: TokenIssuer; verifier: TokenVerifier; clock: TestClock } {
  return { issuer: new TokenIssuer({ secret: SECRET, now: clock.now }), verifier: new TokenVerifier({ secret: SECRET, now: clock.now }), clock };
}

describe('TokenIssuer', () => {
  it('mints an admin token that verifies to an admin principal', async () => {
    const { issuer, verifier, clock } = pair();
    const principal = await verifier.verify(await issuer.mint({ role: 'admin', sub: 'ops' }, '1h'));
    assert.equal(principal.role, 'admin');
    assert.equal(principal.sub, 'ops');
    assert.equal(principal.expiresAt, clock.nowSec + 3_600);
    assert.ok(Object.isFrozen(principal));
  });

  it('mints a merchant token scoped to its stores', async () => {
    const { issuer, verifier } = pair();
    const principal = await verifier.verify(await issuer.mint({ role: 'merchant', stores: ['s1', 's2'] }));
    assert.equal(principal.role, 'merchant');
    assert.deepEqual(principal.role === 'merchant' && principal.storeIds, ['s1', 's2']);
    assert.equal(principal.sub, 'merchant:s1+s2');
  });

  it('mints a rider token scoped to its rider', async () => {
    const { issuer, verifier } = pair();
    const principal = await verifier.verify(await issuer.mint({ role: 'rider', rider: 'r7' }));
    assert.deepEqual({ ...principal, tokenId: undefined, expiresAt: 0 }, { role: 'rider', riderId: 'r7', sub: 'rider:r7', tokenId: undefined, expiresAt: 0 });
  });

  it('writes iss, aud, sub, iat, exp, a unique jti and an HS256 JWT header', async () => {
    const { issuer, clock } = pair();
    const token = await issuer.mint({ role: 'rider', rider: 'r7' }, '15m');
    assert.deepEqual(decodeProtectedHeader(token), { alg: 'HS256', typ: 'JWT' });
    const claims = decodeJwt(token);
    assert.equal(claims.iss, DEFAULT_ISSUER);
    assert.equal(claims.aud, DEFAULT_AUDIENCE);
    assert.equal(claims.sub, 'rider:r7');
    assert.equal(claims.iat, clock.nowSec);
    assert.equal(claims.exp, clock.nowSec + 900);
    assert.equal(claims['rider'], 'r7');
    assert.equal(claims['stores'], undefined);
    assert.match(String(claims.jti), /^[0-9a-f-]{36}$/);
    assert.notEqual(decodeJwt(await issuer.mint({ role: 'rider', rider: 'r7' }, '15m')).jti, claims.jti);
  });

  it('defaults to a 12 hour lifetime', async () => {
    const { issuer, clock } = pair();
    assert.equal(decodeJwt(await issuer.mint({ role: 'admin' })).exp, clock.nowSec + 12 * 3_600);
  });

  it('drops stray fields a JS caller passes with the claims', async () => {
    const { issuer } = pair();
    const claims = { role: 'admin', isSuperuser: true } as unknown as TokenClaims;
    assert.equal(decodeJwt(await issuer.mint(claims))['isSuperuser'], undefined);
  });

  const badClaims: [string, unknown, string, RegExp][] = [
    ['an unknown role', { role: 'root' }, 'role', /^role must be one of admin, merchant, rider, got "root"$/],
    ['a merchant without stores', { role: 'merchant', stores: [] }, 'stores', /non-empty array/],
    ['a merchant with a repeated store', { role: 'merchant', stores: ['s1', 's1'] }, 'stores[1]', /must not repeat a store/],
    ['a merchant with an empty store id', { role: 'merchant', stores: ['s1', ''] }, 'stores[1]', /non-empty string/],
    ['a merchant with too many stores', { role: 'merchant', stores: Array.from({ length: MAX_TOKEN_STORES + 1 }, (_, i) => `s${i}`) }, 'stores', /at most 200/],
    ['a rider without a rider id', { role: 'rider' }, 'rider', /for role rider/],
    ['an admin with stores', { role: 'admin', stores: ['s1'] }, 'stores', /only allowed with role merchant/],
    ['a merchant with a rider id', { role: 'merchant', stores: ['s1'], rider: 'r1' }, 'rider', /only allowed with role rider/],
    ['a subject with a newline', { role: 'admin', sub: 'ops\nINFO forged' }, 'sub', /control characters/],
  ];
  for (const [what, claims, field, message] of badClaims) {
    it(`refuses to mint for ${what}, naming ${field}`, async () => {
      const { issuer } = pair();
      await assert.rejects(issuer.mint(claims as TokenClaims), (error: unknown) => {
        assert.ok(error instanceof AuthInputError);
        assert.equal(error.code, 'INVALID_CLAIMS');
        assert.equal(error.field, field);
        assert.match(error.message, message);
        return true;
      });
    });
  }

  it('refuses lifetimes that are not positive or exceed the maximum', async () => {
    const { issuer } = pair();
    for (const ttl of [0, -5, 1.5, 'soon', '', '12w', '31d', 30 * 86_400 + 1]) {
      await assert.rejects(issuer.mint({ role: 'admin' }, ttl), (e: unknown) => e instanceof AuthInputError && e.code === 'INVALID_TTL' && e.field === 'ttl', String(ttl));
    }
    const short = new TokenIssuer({ secret: SECRET, maxTtlSec: 3_600 });
    await assert.rejects(short.mint({ role: 'admin' }, '2h'), /ttl must be at most 1h \(3600 s\), got "2h"/);
  });
});

describe('parseTtl', () => {
  it('reads seconds, minutes, hours and days', () => {
    const max = 30 * 86_400;
    assert.deepEqual(['90', 90, '90s', '15m', '12h', ' 7d ', '30d'].map((ttl) => parseTtl(ttl, max)), [90, 90, 90, 900, 43_200, 604_800, 2_592_000]);
  });

  it('formats durations with the largest exact unit', () => {
    assert.deepEqual([59, 60, 90, 3_600, 86_400, 90_000].map(formatDurationSec), ['59s', '1m', '90s', '1h', '1d', '25h']);
  });
});
