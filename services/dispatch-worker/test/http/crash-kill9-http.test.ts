/**
 * The crash test of the acceptance, end to end over HTTP: "0 acknowledged orders lost or
 * duplicated across 20 kill -9 cycles". Each cycle starts the compiled service
 * (`SERVICE_MAIN_PATH`) as a child process on the same data directory, checks what the previous
 * cycles left, fires a burst of `POST /v1/orders` (64 in flight over keep-alive, a unique
 * `Idempotency-Key` each, no client id) and SIGKILLs the child 50–400 ms into the burst.
 *
 * After every restart:
 * (a) every order that got a 201 is there: `GET /v1/orders/:id` for the last burst's answers, and
 *     every answered id in the full listing (`GET /v1/orders?limit=1000&cursor=...`), with the
 *     answered store and status;
 * (b) none twice: every key sent but not answered (its 201 may have been lost in the kill) is sent
 *     again and must get one order (the committed one, replayed, or a new one); a sample of
 *     answered keys (all of them after the last cycle) is sent again and must name the answered id
 *     with `idempotent-replayed: true`; the listing holds unique ids, exactly one per key sent;
 * (c) stock: `reserved` milk at the dark store d1 equals its open orders (one unit each).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { mulberry32 } from '@o2o/geo';
import { AuthSecret, TokenIssuer } from '@o2o/dispatch-worker';
import { CrashHttpClient, ExchangeError, mapLimit, ServiceProcess, type HttpAnswer } from './fixtures/crash-http-client.js';

const CYCLES = 20;
/** Creates in flight during a burst. */
const IN_FLIGHT = 64;
/** The kill comes this long after the burst starts, ms: [MIN, MAX). */
const MIN_KILL_MS = 50;
const MAX_KILL_MS = 400;
/** Answered keys replayed after each restart (all of them after the last cycle). */
const REPLAY_SAMPLE = 100;
/** Parallel requests of the checks. */
const CHECK_PARALLEL = 64;

const STORE_LOCATION = { lat: 4.65, lng: -74.1 } as const;
const DARK_STORE_LOCATION = { lat: 4.655, lng: -74.095 } as const;
const DARK_STOCK = 1_000_000;
const OPEN_STATUSES: ReadonlySet<string> = new Set(['placed', 'accepted', 'ready', 'assigned', 'picked_up']);

interface OrderBody {
  readonly storeId: 's1' | 'd1';
  readonly items: ReadonlyArray<{ sku: string; quantity: number }>;
  readonly dropOff: { lat: number; lng: number };
}

/** What the service answered for a key. */
interface Answer {
  readonly id: string;
  readonly storeId: string;
  readonly status: string;
  /** 'burst': a 201 of a burst; 'retry-replayed': committed, its 201 lost in a kill; 'retry-created': never committed, created by the retry. */
  readonly via: 'burst' | 'retry-replayed' | 'retry-created';
}

interface KeyState {
  readonly key: string;
  readonly body: OrderBody;
  answer?: Answer;
}

/** A deterministic body per key number: alternating s1 / d1, drop-offs within ~300 m. */
function bodyOf(n: number): OrderBody {
  const storeId = n % 2 === 0 ? 's1' : 'd1';
  const base = storeId === 's1' ? STORE_LOCATION : DARK_STORE_LOCATION;
  const dLat = ((n * 7) % 41) - 20;
  const dLng = ((n * 13) % 37) - 18;
  return {
    storeId,
    items: [{ sku: 'milk', quantity: 1 }],
    dropOff: { lat: Math.round((base.lat + dLat * 1e-4) * 1e6) / 1e6, lng: Math.round((base.lng + dLng * 1e-4) * 1e6) / 1e6 },
  };
}

function describeAnswer(res: HttpAnswer): string {
  return `${res.status} ${res.text.slice(0, 300)}`;
}

describe('dispatch-worker crash test over HTTP (kill -9 during a burst of order creation)', function () {
  this.timeout(180_000);

  const seed = Date.now() >>> 0;
  const random = mulberry32(seed);
  const where = `(seed ${seed})`;
  const secret = randomBytes(48).toString('base64url');
  let dataDir: string;
  let token: string;
  let child: ServiceProcess | undefined;
  let client: CrashHttpClient | undefined;

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'o2o-crash-http-'));
    token = await new TokenIssuer({ secret: AuthSecret.from(secret) }).mint({ role: 'admin' });
  });

  after(async () => {
    client?.close();
    if (child !== undefined) await child.kill();
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  });

  it(`loses and duplicates no acknowledged order across ${CYCLES} kill -9 cycles`, async () => {
    const started = performance.now();
    /** Every key sent, in sending order. */
    const keys = new Map<string, KeyState>();
    /** Keys answered 201 in the last burst, not yet read back. */
    let unread: KeyState[] = [];
    const totals = { acknowledged: 0, retryReplayed: 0, retryCreated: 0, replaysChecked: 0, gets: 0, lost: 0, duplicated: 0, killResets: 0, maxOrders: 0 };
    const killDelays: number[] = [];
    /** Seconds spent starting the service, checking, and in bursts (up to the child's exit). */
    const phases = { start: 0, checks: 0, bursts: 0 };
    const timed = async <T>(phase: keyof typeof phases, fn: () => Promise<T>): Promise<T> => {
      const t0 = performance.now();
      try {
        return await fn();
      } finally {
        phases[phase] += (performance.now() - t0) / 1000;
      }
    };

    /** Starts the service on the data directory and a client for it. */
    const startService = async (): Promise<CrashHttpClient> => {
      client?.close();
      child = new ServiceProcess(dataDir, secret);
      const url = await child.url;
      client = new CrashHttpClient(url, token, IN_FLIGHT);
      return client;
    };

    const post = (c: CrashHttpClient, state: KeyState): Promise<HttpAnswer> => c.send('POST', '/v1/orders', state.body, { 'idempotency-key': state.key });

    /** The checks after a restart; `final` replays every answered key. */
    const verify = async (c: CrashHttpClient, cycle: number, final: boolean): Promise<void> => {
      const lost: string[] = [];
      const duplicated: string[] = [];
      const other: string[] = [];
      const at = `after restart ${cycle} ${where}`;

      // Three independent sets of requests, run together (CHECK_PARALLEL at a time):
      // (a) the last burst's answers, read back one by one;
      const reads = unread.map((s) => async (): Promise<void> => {
        const a = s.answer as Answer;
        const res = await c.send('GET', `/v1/orders/${encodeURIComponent(a.id)}`);
        totals.gets++;
        if (res.status === 404) lost.push(`${s.key} → ${a.id}: 404`);
        else if (res.status !== 200) other.push(`GET ${a.id}: ${describeAnswer(res)}`);
        else if (res.body?.id !== a.id || res.body?.storeId !== a.storeId || res.body?.status !== a.status) {
          other.push(`GET ${a.id}: ${JSON.stringify({ id: res.body?.id, storeId: res.body?.storeId, status: res.body?.status })}, answered ${JSON.stringify(a)}`);
        }
      });
      unread = [];
      // (b) replays of answered keys (a sample; all of them at the end): the answered id, replayed;
      const answered = [...keys.values()].filter((s) => s.answer !== undefined);
      let sample = answered;
      if (!final && answered.length > REPLAY_SAMPLE) {
        const pool = answered.slice();
        for (let i = 0; i < REPLAY_SAMPLE; i++) {
          const j = i + Math.floor(random() * (pool.length - i));
          [pool[i], pool[j]] = [pool[j] as KeyState, pool[i] as KeyState];
        }
        sample = pool.slice(0, REPLAY_SAMPLE);
      }
      const replays = sample.map((s) => async (): Promise<void> => {
        const a = s.answer as Answer;
        const res = await post(c, s);
        totals.replaysChecked++;
        if (res.status !== 201) other.push(`replay ${s.key}: ${describeAnswer(res)}`);
        else if (res.body?.id !== a.id) duplicated.push(`replay ${s.key}: answered ${a.id} before, now ${String(res.body?.id)}`);
        else if (res.headers['idempotent-replayed'] !== 'true') duplicated.push(`replay ${s.key} → ${a.id} without idempotent-replayed: true`);
      });
      // (b) keys sent whose answer never came (cut by the kill): sent again, they must end with
      // exactly one order each, the committed one (replayed) or one created now.
      const retries = [...keys.values()]
        .filter((s) => s.answer === undefined)
        .map((s) => async (): Promise<void> => {
          const res = await post(c, s);
          if (res.status !== 201) {
            other.push(`retry ${s.key}: ${describeAnswer(res)}`);
            return;
          }
          const replayed = res.headers['idempotent-replayed'] === 'true';
          s.answer = { id: res.body.id, storeId: res.body.storeId, status: res.body.status, via: replayed ? 'retry-replayed' : 'retry-created' };
          if (replayed) totals.retryReplayed++;
          else totals.retryCreated++;
        });
      await mapLimit([...retries, ...reads, ...replays], CHECK_PARALLEL, (task) => task());

      // (a)+(b) The full listing: unique ids, one per key sent, each answered id with its store and status.
      const listed = new Map<string, { storeId?: string; status: string }>();
      let cursor: string | undefined;
      for (let page = 0; ; page++) {
        assert.ok(page < 10_000, `listing pages end ${at}`);
        const res = await c.send('GET', `/v1/orders?limit=1000${cursor === undefined ? '' : `&cursor=${encodeURIComponent(cursor)}`}`);
        assert.equal(res.status, 200, `GET /v1/orders ${at}: ${describeAnswer(res)}`);
        for (const o of res.body.orders as Array<{ id: string; storeId?: string; status: string }>) {
          if (listed.has(o.id)) duplicated.push(`order ${o.id} listed twice`);
          listed.set(o.id, { ...(o.storeId === undefined ? {} : { storeId: o.storeId }), status: o.status });
        }
        cursor = res.body.nextCursor;
        if (cursor === undefined) break;
      }
      const owners = new Map<string, string>();
      for (const s of keys.values()) {
        const a = s.answer;
        if (a === undefined) continue;
        const prior = owners.get(a.id);
        if (prior !== undefined) duplicated.push(`keys ${prior} and ${s.key} both answered ${a.id}`);
        owners.set(a.id, s.key);
        const o = listed.get(a.id);
        if (o === undefined) lost.push(`${s.key} → ${a.id} (${a.via}) not listed`);
        else if (o.storeId !== a.storeId || o.status !== a.status) other.push(`listed ${a.id} as ${JSON.stringify(o)}, answered ${JSON.stringify(a)}`);
      }
      for (const id of listed.keys()) if (!owners.has(id)) duplicated.push(`order ${id} belongs to no key sent (a second order for a request)`);
      totals.maxOrders = Math.max(totals.maxOrders, listed.size);

      // (c) Stock held at d1: one milk per open d1 order.
      const inv = await c.send('GET', '/v1/stores/d1/inventory');
      assert.equal(inv.status, 200, `GET /v1/stores/d1/inventory ${at}: ${describeAnswer(inv)}`);
      const openDark = [...listed.values()].filter((o) => o.storeId === 'd1' && OPEN_STATUSES.has(o.status)).length;
      const milk = inv.body?.stock?.milk as { onHand: number; reserved: number; available: number } | undefined;
      assert.ok(milk !== undefined, `d1 tracks milk ${at}: ${inv.text}`);

      totals.lost += lost.length;
      totals.duplicated += duplicated.length;
      assert.deepEqual(lost, [], `acknowledged orders lost ${at}`);
      assert.deepEqual(duplicated, [], `orders duplicated ${at}`);
      assert.deepEqual(other, [], `unexpected answers ${at}`);
      assert.equal(listed.size, keys.size, `one order per distinct key sent ${at}`);
      assert.deepEqual(
        { onHand: milk.onHand, reserved: milk.reserved, available: milk.available },
        { onHand: DARK_STOCK, reserved: openDark, available: DARK_STOCK - openDark },
        `d1 holds one milk per open d1 order (${openDark}) ${at}`,
      );
    };

    /** A burst of creates, SIGKILL `killAfterMs` into it; every 201 is recorded. */
    const burst = async (c: CrashHttpClient, svc: ServiceProcess, cycle: number, killAfterMs: number): Promise<void> => {
      let killed = false;
      let n = 0;
      const unexpected: string[] = [];
      const lane = async (): Promise<void> => {
        while (!killed) {
          const i = n++;
          const state: KeyState = { key: `c${cycle}-${i}`, body: bodyOf(i + cycle) };
          keys.set(state.key, state);
          let res: HttpAnswer;
          try {
            res = await post(c, state);
          } catch (error) {
            if (!(error instanceof ExchangeError)) throw error;
            if (killed) totals.killResets++;
            else unexpected.push(`${state.key}: ${error.message} before the kill`);
            return;
          }
          if (res.status === 201) {
            if (res.headers['idempotent-replayed'] === 'true') unexpected.push(`${state.key}: a first create answered as a replay`);
            const a: Answer = { id: res.body.id, storeId: res.body.storeId, status: res.body.status, via: 'burst' };
            assert.equal(typeof a.id, 'string', `201 body names the order ${where}: ${res.text}`);
            state.answer = a;
            unread.push(state);
            totals.acknowledged++;
          } else if (res.status !== 429) {
            // 429 (backpressure) is no answer: the key is retried after the restart like any other.
            unexpected.push(`${state.key}: ${describeAnswer(res)}`);
          }
        }
      };
      const lanes = Array.from({ length: IN_FLIGHT }, lane);
      await new Promise((resolve) => setTimeout(resolve, killAfterMs));
      killed = true;
      svc.proc.kill('SIGKILL');
      await Promise.all(lanes);
      const exit = await svc.exited;
      assert.equal(exit.signal, 'SIGKILL', `service of cycle ${cycle} was killed mid-burst, not gone before ${where}: ${svc.stderr}`);
      assert.deepEqual(unexpected, [], `burst of cycle ${cycle} ${where}`);
    };

    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const c = await timed('start', startService);
      if (cycle === 0) {
        const s1 = await c.send('POST', '/v1/stores', { id: 's1', kind: 'store', location: STORE_LOCATION });
        assert.equal(s1.status, 201, `create s1: ${describeAnswer(s1)}`);
        const d1 = await c.send('POST', '/v1/stores', { id: 'd1', kind: 'dark_store', location: DARK_STORE_LOCATION, inventory: { milk: DARK_STOCK } });
        assert.equal(d1.status, 201, `create d1: ${describeAnswer(d1)}`);
      }
      await timed('checks', () => verify(c, cycle, false));
      const killAfterMs = MIN_KILL_MS + random() * (MAX_KILL_MS - MIN_KILL_MS);
      killDelays.push(killAfterMs);
      await timed('bursts', () => burst(c, child as ServiceProcess, cycle, killAfterMs));
    }
    // The last restart: everything checked, every answered key replayed.
    const c = await timed('start', startService);
    await timed('checks', () => verify(c, CYCLES, true));
    const exit = await (child as ServiceProcess).stop();
    assert.equal(exit.code, 0, `the service stops cleanly on SIGTERM: ${(child as ServiceProcess).stderr}`);

    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `    crash-kill9-http ${where}: cycles ${CYCLES}, acknowledged ${totals.acknowledged}, lost ${totals.lost}, duplicated ${totals.duplicated}` +
        ` · keys sent ${keys.size} (unanswered at a kill: ${totals.retryReplayed} committed, ${totals.retryCreated} not), orders ${totals.maxOrders}` +
        ` · read back ${totals.gets}, replays ${totals.replaysChecked}, requests cut by kills ${totals.killResets}` +
        ` · kill at ${Math.min(...killDelays).toFixed(0)}–${Math.max(...killDelays).toFixed(0)} ms` +
        ` · ${seconds} s (starts ${phases.start.toFixed(1)}, checks ${phases.checks.toFixed(1)}, bursts ${phases.bursts.toFixed(1)})`,
    );
    assert.equal(totals.lost, 0);
    assert.equal(totals.duplicated, 0);
    assert.ok(totals.acknowledged > 0, 'the bursts got answers');
  });
});
