import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVICE_MAIN_PATH, parseServiceConfig } from '@o2o/dispatch-worker';

describe('main (o2o-dispatch-worker)', function () {
  this.timeout(30_000);
  let dir = '';
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'o2o-main-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('--demo serves the API with the demo city, prints the URL and an admin token, and stops cleanly on SIGTERM', async () => {
    const env = { ...process.env };
    delete env.O2O_AUTH_SECRET;
    const child = spawn(process.execPath, [...process.execArgv, SERVICE_MAIN_PATH, '--demo', '--port', '0', '--data-dir', dir, '--log-level', 'warn'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      const { url, token } = await new Promise<{ url: string; token: string }>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          out += String(d);
          const u = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          const t = /admin token \(12 h\): (\S+)/.exec(out);
          const v = /ops view: {2}(http:\/\/127\.0\.0\.1:\d+)\/#token=(\S+)/.exec(out);
          if (u && t && v) {
            // The ops view's link: the same server, the same admin token in the fragment.
            assert.equal(v[1], u[1]);
            assert.equal(v[2], t[1]);
            resolve({ url: u[1]!, token: t[1]! });
          }
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      assert.equal((await fetch(`${url}/readyz`)).status, 200);
      const stores = (await (await fetch(`${url}/v1/stores`, { headers: { authorization: `Bearer ${token}` } })).json()) as { stores: unknown[] };
      assert.equal(stores.stores.length, 44);
      const riders = (await (await fetch(`${url}/v1/riders`, { headers: { authorization: `Bearer ${token}` } })).json()) as { riders: Array<{ onShift: boolean }> };
      assert.equal(riders.riders.filter((r) => r.onShift).length, 80);
      assert.equal((await fetch(`${url}/v1/stores`)).status, 401);
      const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      assert.equal(await exit, 0);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('refuses to start without O2O_AUTH_SECRET (outside --demo) or with a bad flag, exit 2 naming it', () => {
    const env = { ...process.env };
    delete env.O2O_AUTH_SECRET;
    const noSecret = spawnSync(process.execPath, [...process.execArgv, SERVICE_MAIN_PATH, '--port', '0', '--data-dir', dir], { env, encoding: 'utf8' });
    assert.equal(noSecret.status, 2);
    assert.match(noSecret.stderr, /O2O_AUTH_SECRET must be set/);
    const badFlag = spawnSync(process.execPath, [...process.execArgv, SERVICE_MAIN_PATH, '--port', 'eighty'], { env: { ...env, O2O_AUTH_SECRET: 'z'.repeat(40) }, encoding: 'utf8' });
    assert.equal(badFlag.status, 2);
    assert.match(badFlag.stderr, /--port must be an integer in \[0, 65535\], got "eighty"/);
  });

  it('parses flags over env and rejects unknown ones', () => {
    const c = parseServiceConfig(['--port', '9000', '--demo', '--epoch-sec=2.5', '--ingest-mapping', 'a.json', '--ingest-mapping', 'b.json'], { PORT: '1', LOG_LEVEL: 'debug' });
    assert.equal(c.port, 9000);
    assert.equal(c.demo, true);
    assert.equal(c.epochSec, 2.5);
    assert.equal(c.logLevel, 'debug');
    assert.deepEqual(c.ingestMappings, ['a.json', 'b.json']);
    assert.equal(parseServiceConfig([], { O2O_DEMO: '1' }).demo, true);
    assert.equal(parseServiceConfig(['--no-demo'], { O2O_DEMO: '1' }).demo, false);
    assert.throws(() => parseServiceConfig(['--colour', 'red'], {}), /--colour is not a flag/);
    assert.throws(() => parseServiceConfig([], { LOG_LEVEL: 'loud' }), /--log-level must be one of/);
    assert.throws(() => parseServiceConfig(['--epoch-sec', '0'], {}), /--epoch-sec must be a number in \[0.5, 3600\]/);
    assert.equal(parseServiceConfig([], {}).idempotencyRetentionSec, 86_400);
    assert.equal(parseServiceConfig(['--idempotency-retention-sec', '3600'], {}).idempotencyRetentionSec, 3_600);
    assert.throws(() => parseServiceConfig([], { O2O_IDEMPOTENCY_RETENTION_SEC: '5' }), /O2O_IDEMPOTENCY_RETENTION_SEC must be an integer in \[60, 2592000\]/);
  });

  it('--city: one of several instances of a city on Redis (checked: needs --store redis, a plain name)', () => {
    const c = parseServiceConfig(['--store', 'redis', '--city', 'bogota', '--region-resolution', '7', '--lease-ttl-ms', '1500', '--instance-id', 'node-a.1'], {});
    assert.equal(c.city, 'bogota');
    assert.equal(c.regionResolution, 7);
    assert.equal(c.leaseTtlMs, 1500);
    assert.equal(c.instanceId, 'node-a.1');
    const d = parseServiceConfig([], { O2O_STORE: 'redis', O2O_CITY: 'lima' });
    assert.equal(d.city, 'lima');
    assert.equal(d.regionResolution, 6);
    assert.equal(d.leaseTtlMs, 2000);
    assert.equal(parseServiceConfig([], {}).city, undefined);
    assert.throws(() => parseServiceConfig(['--city', 'bogota'], {}), /--city needs --store redis/);
    assert.throws(() => parseServiceConfig(['--store', 'redis', '--city', 'bo gota'], {}), /--city must be 1 to 40 characters/);
    assert.throws(() => parseServiceConfig(['--store', 'redis', '--city', 'x', '--lease-ttl-ms', '10'], {}), /--lease-ttl-ms must be an integer in \[300, 600000\]/);
    assert.throws(() => parseServiceConfig(['--store', 'redis', '--city', 'x', '--instance-id', 'a|b'], {}), /--instance-id must be 1 to 64 characters/);
  });
});
