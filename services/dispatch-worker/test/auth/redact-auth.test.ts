import assert from 'node:assert/strict';
import { AUTH_REDACT_PATHS, AuthSecret, REDACTED, TokenIssuer, redactAuth, redactHeaders } from '@o2o/dispatch-worker';
import { SECRET } from './auth-fixtures.js';

describe('redactAuth', () => {
  it('blanks bearer and basic credentials, JWTs and token parameters', async () => {
    const token = await new TokenIssuer({ secret: SECRET }).mint({ role: 'admin' });
    const lines = [
      `GET /v1/orders authorization="Bearer ${token}"`,
      `request failed: ${token} was refused`,
      `retry with ${token.split('.').slice(0, 2).join('.')}`,
      'Authorization: Basic dXNlcjpwYXNzd29yZA==',
      `GET /v1/events?access_token=${token}&store=s1`,
      `GET /v1/events?token=abc123&store=s1`,
    ];
    const redacted = lines.map((line) => redactAuth(line));
    assert.deepEqual(redacted, [
      `GET /v1/orders authorization="Bearer ${REDACTED}"`,
      `request failed: ${REDACTED} was refused`,
      `retry with ${REDACTED}`,
      `Authorization: Basic ${REDACTED}`,
      `GET /v1/events?access_token=${REDACTED}&store=s1`,
      `GET /v1/events?token=${REDACTED}&store=s1`,
    ]);
    for (const line of redacted) assert.ok(!line.includes(token.split('.')[2] ?? '?'));
  });

  it('blanks the configured secrets, given as strings or AuthSecret', () => {
    const text = `config: secret=${SECRET}; again ${SECRET}`;
    assert.equal(redactAuth(text, [SECRET]), `config: secret=${REDACTED}; again ${REDACTED}`);
    assert.equal(redactAuth(text, [AuthSecret.from(SECRET)]), `config: secret=${REDACTED}; again ${REDACTED}`);
  });

  it('leaves ordinary text alone', () => {
    const text = 'order o1 for store s1 assigned to rider r7 (bearer of 3 bags); eyes on the clock';
    assert.equal(redactAuth(text, ['r7']), text);
  });
});

describe('redactHeaders', () => {
  it('blanks authorization, cookies and API keys in any case, and copies the rest', () => {
    const headers = { Authorization: 'Bearer x.y.z', cookie: 'sid=1', 'set-cookie': ['a=1'], 'x-api-key': 'k', 'content-type': 'application/json', 'proxy-authorization': undefined };
    const redacted = redactHeaders(headers);
    assert.deepEqual(redacted, { Authorization: REDACTED, cookie: REDACTED, 'set-cookie': REDACTED, 'x-api-key': REDACTED, 'content-type': 'application/json', 'proxy-authorization': undefined });
    assert.equal(headers.Authorization, 'Bearer x.y.z', 'the input is not modified');
  });
});

describe('AUTH_REDACT_PATHS', () => {
  it('covers the request authorization header, cookies and secrets', () => {
    for (const path of ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', 'secret', '*.secret', 'token', '*.token']) {
      assert.ok(AUTH_REDACT_PATHS.includes(path), path);
    }
  });

  it('uses only pino path syntax: identifiers, ["quoted-keys"] and a leading * wildcard', () => {
    const segment = String.raw`(?:[A-Za-z_$][\w$]*|\["[^"\]]+"\])`;
    const pattern = new RegExp(String.raw`^(?:\*|${segment})(?:\.[A-Za-z_$][\w$]*|\["[^"\]]+"\])*$`);
    for (const path of AUTH_REDACT_PATHS) assert.match(path, pattern);
    assert.equal(new Set(AUTH_REDACT_PATHS).size, AUTH_REDACT_PATHS.length);
  });
});
