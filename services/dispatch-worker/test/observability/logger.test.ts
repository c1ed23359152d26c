import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { REDACTED, createLogger } from '@o2o/dispatch-worker';

/** A destination that keeps each written line. */
function capture(): { stream: Writable; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      lines.push(...chunk.toString().split('\n').filter((line) => line !== ''));
      callback();
    },
  });
  return { stream, lines };
}

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('createLogger', () => {
  it('writes one JSON object per line to the destination, at info by default', async () => {
    const { stream, lines } = capture();
    const log = createLogger({ destination: stream, name: 'dispatch-worker' });
    log.debug('hidden');
    log.info({ orderId: 'o1' }, 'order created');
    log.warn('slow epoch');
    await flush();
    assert.equal(lines.length, 2);
    const first = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
    assert.equal(first['msg'], 'order created');
    assert.equal(first['orderId'], 'o1');
    assert.equal(first['name'], 'dispatch-worker');
    assert.equal(first['level'], 30);
    assert.equal(typeof first['time'], 'number');
    assert.equal((JSON.parse(lines[1] ?? '') as Record<string, unknown>)['level'], 40);
  });

  it('censors authorization headers, tokens and secrets', async () => {
    const { stream, lines } = capture();
    const log = createLogger({ destination: stream });
    log.info({ req: { headers: { authorization: 'Bearer abc.def.ghi', host: 'h' } }, token: 'x', secret: 'y' }, 'request');
    log.info({ headers: { authorization: 'Bearer abc.def.ghi' } }, 'headers alone');
    log.info({ O2O_AUTH_SECRET: 'top-secret-value', env: { O2O_AUTH_SECRET: 'top-secret-value' } }, 'config');
    log.info({ auth: { token: 'nested-token', secret: 'nested-secret' } }, 'one level down');
    await flush();
    assert.equal(lines.length, 4);
    for (const line of lines) {
      for (const secret of ['abc.def.ghi', 'Bearer', '"x"', '"y"', 'top-secret-value', 'nested-token', 'nested-secret']) {
        assert.ok(!line.includes(secret), `${secret} leaked: ${line}`);
      }
    }
    const first = JSON.parse(lines[0] ?? '') as { req: { headers: Record<string, string> }; token: string; secret: string };
    assert.deepEqual(first.req.headers, { authorization: REDACTED, host: 'h' });
    assert.equal(first.token, REDACTED);
    assert.equal(first.secret, REDACTED);
  });

  it('accepts silent and other levels, and refuses unknown ones', async () => {
    const { stream, lines } = capture();
    createLogger({ destination: stream, level: 'silent' }).error('nothing');
    const debug = createLogger({ destination: stream, level: 'debug' });
    debug.debug('shown');
    await flush();
    assert.equal(lines.length, 1);
    assert.equal(debug.level, 'debug');
    assert.throws(() => createLogger({ destination: stream, level: 'chatty' }));
  });
});
