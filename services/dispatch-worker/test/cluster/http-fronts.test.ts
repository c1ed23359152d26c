import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthSecret, SERVICE_MAIN_PATH, TokenIssuer } from '@o2o/dispatch-worker';

const SECRET = 'front-test-secret-'.padEnd(48, 'x');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** PIDs of the processes whose parent is `pid`. */
function childrenOf(pid: number): number[] {
  const out = spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).stdout;
  return out.split('\n').filter((s) => s.trim() !== '').map(Number);
}
const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe('HTTP fronts (--http-workers: node:cluster workers in front of the writer)', function () {
  this.timeout(60_000);
  let dir = '';
  let child: ChildProcess | undefined;
  const issuer = new TokenIssuer({ secret: AuthSecret.from(SECRET) });
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'o2o-fronts-'))));
  afterEach(() => {
    child?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(fronts: number): Promise<{ url: string; token: string; pid: number }> {
    const c = spawn(process.execPath, [...process.execArgv, SERVICE_MAIN_PATH, '--demo', '--http-workers', String(fronts), '--port', '0', '--data-dir', dir, '--log-level', 'warn', '--epoch-sec', '1'], {
      env: { ...process.env, O2O_AUTH_SECRET: SECRET },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = c;
    let out = '';
    c.stderr!.on('data', (d: Buffer) => (out += String(d)));
    return new Promise((resolve, reject) => {
      c.stdout!.on('data', (d: Buffer) => {
        out += String(d);
        const u = /listening on (http:\/\/127\.0\.0\.1:\d+) \((\d+) HTTP fronts?, writer pid (\d+)\)/.exec(out);
        const t = /admin token \(12 h\): (\S+)/.exec(out);
        if (u && t) resolve({ url: u[1]!, token: t[1]!, pid: Number(u[3]) });
      });
      c.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
  }

  const order = (storeId: string) => JSON.stringify({ storeId, items: [{ sku: 'meal', quantity: 1 }], dropOff: { lat: 4.66, lng: -74.06 } });
  const post = (url: string, path: string, token: string | undefined, body: string, headers: Record<string, string> = {}) =>
    fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token === undefined ? {} : { authorization: `Bearer ${token}` }), ...headers }, body });

  it('serves every route through the fronts: lean routes run on the writer, the rest is proxied, errors and metrics unchanged', async () => {
    const { url, token, pid } = await start(2);
    assert.equal(childrenOf(pid).length >= 2, true, 'two fronts (plus the epoch worker threads, which are not processes)');

    // Order creation: authenticated and read at the front, run on the writer, replayed by key.
    const created = await post(url, '/v1/orders', token, order('demo-rest-1'), { 'idempotency-key': 'front-k1' });
    assert.equal(created.status, 201);
    const view = (await created.json()) as { id: string; status: string; storeId: string };
    assert.equal(view.status, 'placed');
    assert.equal(view.storeId, 'demo-rest-1');
    const replay = await post(url, '/v1/orders', token, order('demo-rest-1'), { 'idempotency-key': 'front-k1' });
    assert.equal(replay.status, 201);
    assert.equal(replay.headers.get('idempotent-replayed'), 'true');
    assert.equal(((await replay.json()) as { id: string }).id, view.id);
    const conflict = await post(url, '/v1/orders', token, order('demo-rest-2'), { 'idempotency-key': 'front-k1' });
    assert.equal(conflict.status, 409);

    // Proxied express route: the order is there.
    const got = await fetch(`${url}/v1/orders/${view.id}`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(got.status, 200);
    assert.equal(((await got.json()) as { id: string }).id, view.id);

    // Errors: 401 at the front, 400 (naming the field) and 403 from the writer, 404 via the proxy.
    assert.equal((await post(url, '/v1/orders', undefined, order('demo-rest-1'))).status, 401);
    const bad = await post(url, '/v1/orders', token, '{"storeId": ');
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as { error: { code: string; field: string } }).error.field, 'body');
    const merchant = await issuer.mint({ role: 'merchant', stores: ['demo-rest-2'], sub: 'm2' });
    assert.equal((await post(url, '/v1/orders', merchant, order('demo-rest-1'))).status, 403);
    const missing = await fetch(`${url}/v1/orders/no-such-order`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(missing.status, 404);
    assert.equal(((await missing.json()) as { error: { code: string } }).error.code, 'NOT_FOUND');

    // Locations, batched and single.
    const riders = ((await (await fetch(`${url}/v1/riders`, { headers: { authorization: `Bearer ${token}` } })).json()) as { riders: { id: string; onShift: boolean }[] }).riders.filter((r) => r.onShift);
    const batch = await post(url, '/v1/riders/locations', token, JSON.stringify({ locations: [{ riderId: riders[0]!.id, lat: 4.65, lng: -74.05 }, { riderId: 'nobody', lat: 4.65, lng: -74.05 }] }));
    assert.equal(batch.status, 200);
    const batchBody = (await batch.json()) as { accepted: number; rejected: { riderId: string; code: string }[] };
    assert.equal(batchBody.accepted, 1);
    assert.deepEqual(batchBody.rejected.map((r) => [r.riderId, r.code]), [['nobody', 'UNKNOWN_RIDER']]);
    const single = await fetch(`${url}/v1/riders/${riders[1]!.id}/location`, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ lat: 4.651, lng: -74.051 }) });
    assert.equal(single.status, 204);
    const rider = (await (await fetch(`${url}/v1/riders/${riders[1]!.id}`, { headers: { authorization: `Bearer ${token}` } })).json()) as { position: { lat: number; lng: number } };
    assert.deepEqual(rider.position, { lat: 4.651, lng: -74.051 });

    // The event stream through the proxy sees an order placed through a front.
    const abort = new AbortController();
    const events = await fetch(`${url}/v1/events?types=order.placed`, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
    assert.equal(events.status, 200);
    assert.match(events.headers.get('content-type') ?? '', /text\/event-stream/);
    const reader = events.body!.getReader();
    const second = (await (await post(url, '/v1/orders', token, order('demo-rest-3'), { 'idempotency-key': 'front-k2' })).json()) as { id: string };
    let text = '';
    const deadline = Date.now() + 10_000;
    while (!text.includes(second.id)) {
      assert.ok(Date.now() < deadline, `order.placed for ${second.id} not streamed: ${text.slice(0, 500)}`);
      const { value, done } = await reader.read();
      if (done) break;
      text += Buffer.from(value).toString('utf8');
    }
    assert.match(text, new RegExp(`"orderId":"${second.id}"`));
    abort.abort();

    // The fronts' request latencies reach the writer's /metrics.
    const metrics = await (await fetch(`${url}/metrics`)).text();
    const count = /o2o_http_request_duration_seconds_count\{method="POST",route="\/v1\/orders",status="201"\} (\d+)/.exec(metrics);
    assert.ok(count !== null && Number(count[1]) >= 3, 'POST /v1/orders 201 observed at the fronts');
    assert.match(metrics, /o2o_http_request_duration_seconds_count\{method="POST",route="\/v1\/orders",status="401"\} [1-9]/);
  });

  it('replaces a front that dies, stops cleanly on SIGTERM, and the fronts exit when the writer is killed', async () => {
    const first = await start(2);
    const fronts = childrenOf(first.pid);
    assert.equal(fronts.length, 2);
    process.kill(fronts[0]!, 'SIGKILL');
    await until('a replacement front', () => {
      const now = childrenOf(first.pid);
      return now.length === 2 && !now.includes(fronts[0]!);
    });
    for (let i = 0; i < 4; i++) assert.equal((await post(first.url, '/v1/orders', first.token, order('demo-rest-1'))).status, 201);

    const exit = new Promise<number | null>((resolve) => child!.on('exit', (code) => resolve(code)));
    child!.kill('SIGTERM');
    assert.equal(await exit, 0);
    for (const pid of childrenOf(first.pid)) assert.equal(alive(pid), false);

    // kill -9 of the writer: its fronts notice the lost channel and exit; a restart serves again.
    const second = await start(1);
    const [front] = childrenOf(second.pid);
    assert.ok(front !== undefined);
    const created = (await (await post(second.url, '/v1/orders', second.token, order('demo-rest-1'), { 'idempotency-key': 'before-kill' })).json()) as { id: string };
    process.kill(second.pid, 'SIGKILL');
    await until('the front to exit after the writer died', () => !alive(front));
    const third = await start(1);
    const after = await fetch(`${third.url}/v1/orders/${created.id}`, { headers: { authorization: `Bearer ${third.token}` } });
    assert.equal(after.status, 200, 'the acknowledged order survived the kill');
  });
});
