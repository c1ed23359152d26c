/**
 * The failover drill of a city run on several instances (the kill test of docs/scaling.md, also
 * `o2o-bench failover`): it starts N instances of the compiled service as child processes on one
 * Redis, one store per region (as many regions as instances) with riders, waits until every
 * instance owns a region, fires a burst of order creations round-robin over the instances, and
 * SIGKILLs the owner of one region in the middle of it. Clients behave as real ones: a request
 * whose connection dies, or that gets a 5xx, is sent again to another instance with the same
 * Idempotency-Key. Then it measures:
 * - `takeoverMs`: from the kill until another instance holds the dead one's region;
 * - `redispatchMs`: from the kill until an order of that region, made ready after the kill, is
 *   assigned by an epoch on its new owner;
 * - `acknowledged`: creations answered 201 (or 202 queued and then confirmed);
 * - `lost`: acknowledged orders missing from the listings afterwards; `duplicated`: keys (each
 *   order's unique SKU marks its key) with more than one order; `assignedTwice`: orders with more
 *   than one assignment record in Redis.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { H3Regions } from '@o2o/geo';
import { Redis } from 'ioredis';
import { AuthSecret } from '../auth/auth-secret.js';
import { TokenIssuer } from '../auth/token-issuer.js';
import { serviceCommand } from '../service-main-path.js';
import { regionPrefix } from './city-keys.js';

export interface FailoverDrillOptions {
  readonly redisUrl: string;
  /** Instances to start (≥ 2). Default 3. */
  readonly instances?: number;
  /** Orders in the burst. Default 600. */
  readonly orders?: number;
  /** Creations in flight. Default 48. */
  readonly inFlight?: number;
  /** The kill comes after this many orders were acknowledged. Default: a third of the burst. */
  readonly killAfterOrders?: number;
  readonly leaseTtlMs?: number;
  readonly epochSec?: number;
  /** A city name unused on this Redis. Default `drill-<random>`. */
  readonly city?: string;
  /**
   * `kill` (default): SIGKILL the owner. `pause`: SIGSTOP it until its region is taken over, then
   * SIGCONT it and send it writes for that region at once: none may be served under its old lease.
   */
  readonly mode?: 'kill' | 'pause';
  /** Progress lines (default: none). */
  readonly log?: (line: string) => void;
}

export interface FailoverDrillResult {
  readonly instances: number;
  readonly orders: number;
  readonly acknowledged: number;
  readonly lost: number;
  readonly duplicated: number;
  readonly assignedTwice: number;
  readonly takeoverMs: number;
  readonly redispatchMs: number;
  /** Requests sent again after a dead connection or a 5xx. */
  readonly retried: number;
  readonly killedRegion: string;
  readonly mode: 'kill' | 'pause';
  /** Pause mode: writes sent to the woken instance, and those answered 2xx under its old lease (must be 0). */
  readonly wokenWrites: number;
  readonly staleWrites: number;
  /** Pause mode: how long after waking the instance still held the region (ms), -1 if not measured. */
  readonly wokenDropMs: number;
  /** Pause mode: the woken instance's answers to those writes, by status. */
  readonly wokenStatuses: Readonly<Record<number, number>>;
}

const LISTENING = /^o2o-dispatch listening on (http:\/\/\S+)/;
const CENTER = { lat: 4.65, lng: -74.1 } as const;
const SECRET = 'failover-drill-secret-failover-drill-secret-0123456789';

class Instance {
  readonly proc: ChildProcess;
  readonly url: Promise<string>;
  readonly exited: Promise<void>;
  stderr = '';

  constructor(args: string[]) {
    this.proc = spawn(process.execPath, [...serviceCommand(), ...args], { env: { ...process.env, O2O_AUTH_SECRET: SECRET }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc.stderr!.setEncoding('utf8').on('data', (c: string) => {
      if (this.stderr.length < 32_000) this.stderr += c;
    });
    this.exited = new Promise((resolve) => this.proc.once('close', () => resolve()));
    this.url = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`an instance did not listen within 30 s: ${this.stderr}`)), 30_000);
      createInterface({ input: this.proc.stdout! }).on('line', (line) => {
        const m = LISTENING.exec(line);
        if (m !== null) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      void this.exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`an instance exited before listening: ${this.stderr}`));
      });
    });
    this.url.catch(() => undefined);
  }

  get alive(): boolean {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }
}

interface Answer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

export async function runFailoverDrill(options: FailoverDrillOptions): Promise<FailoverDrillResult> {
  const n = options.instances ?? 3;
  if (!Number.isInteger(n) || n < 2 || n > 16) throw new RangeError(`instances must be an integer in [2, 16], got ${n}`);
  const orders = options.orders ?? 600;
  const inFlight = options.inFlight ?? 48;
  const killAfter = options.killAfterOrders ?? Math.floor(orders / 3);
  const city = options.city ?? `drill-${Math.random().toString(36).slice(2, 8)}`;
  const log = options.log ?? (() => undefined);
  const leaseTtlMs = options.leaseTtlMs ?? 1_500;
  const mode = options.mode ?? 'kill';
  let feeding = true;
  const args = ['--store', 'redis', '--city', city, '--redis-url', options.redisUrl, '--host', '127.0.0.1', '--port', '0', '--epoch-sec', String(options.epochSec ?? 1), '--lease-ttl-ms', String(leaseTtlMs), '--log-level', 'warn'];
  const instances = Array.from({ length: n }, () => new Instance(args));
  const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 2 });
  redis.on('error', () => undefined);
  try {
    const urls = await Promise.all(instances.map((i) => i.url));
    const token = await new TokenIssuer({ secret: AuthSecret.from(SECRET, 'the drill secret') }).mint({ role: 'admin', sub: 'failover-drill' });
    const client = new DrillClient(urls, instances, token);

    // One store per region, riders around each.
    const regions = new H3Regions({ resolution: 6 });
    const stores = pickStoreSites(regions, n);
    for (const s of stores) {
      await client.send(0, 'POST', '/v1/stores', { id: s.id, kind: 'store', location: s.location, prepTimeSec: 60 }, 201);
      for (let r = 0; r < 4; r++) {
        const id = `${s.id}-r${r}`;
        const at = { lat: s.location.lat + 0.002 * (r - 1.5), lng: s.location.lng + 0.002 };
        await client.send(r % n, 'POST', '/v1/riders', { id, mode: 'bike', home: at }, 201);
        await client.send((r + 1) % n, 'POST', `/v1/riders/${id}/shift`, { action: 'start', position: at }, 200);
      }
    }
    // Riders report where they are every second, as apps do (a new owner learns positions from them).
    const riderIds = stores.flatMap((s) => [0, 1, 2, 3].map((r) => ({ riderId: `${s.id}-r${r}`, lat: s.location.lat + 0.002 * (r - 1.5), lng: s.location.lng + 0.002 })));
    let feedRound = 0;
    const feed = (async () => {
      while (feeding) {
        await client.send(feedRound++ % n, 'POST', '/v1/riders/locations', { locations: riderIds }, 200).catch(() => undefined);
        await sleep(1_000);
      }
    })();
    await client.waitBalanced(stores.length, 20_000);
    log(`${n} instances, ${stores.length} regions, one each`);

    // The burst; the owner of the first store's region dies a third of the way in.
    const victimRegion = stores[0]!.region;
    const victimOwner = (await client.owners()).get(victimRegion)!;
    const victim = urls.indexOf(victimOwner.url);
    const acked = new Map<number, string>();
    let killedAt = 0;
    let takeover: Promise<number> | undefined;
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < orders) {
        const k = next++;
        const store = stores[k % stores.length]!;
        const body = { storeId: store.id, items: [{ sku: `k${k}`, quantity: 1 }], dropOff: { lat: store.location.lat + ((k % 7) - 3) * 0.001, lng: store.location.lng + ((k % 5) - 2) * 0.001 } };
        const key = `drill-${k}`;
        let answer = await client.send(k % n, 'POST', '/v1/orders', body, [201, 202], { 'idempotency-key': key });
        // Queued (its owner was being replaced): the same key again gives the order once it exists.
        while (answer.status === 202) answer = await client.send(k % n, 'POST', '/v1/orders', body, [201, 202], { 'idempotency-key': key });
        acked.set(k, String(answer.body.id));
        if (killedAt === 0 && acked.size >= killAfter) {
          killedAt = performance.now();
          client.down.add(victim);
          instances[victim]!.proc.kill(mode === 'kill' ? 'SIGKILL' : 'SIGSTOP');
          log(`${mode === 'kill' ? 'killed' : 'paused'} instance ${victim} (owner of ${victimRegion}) after ${acked.size} acknowledged orders`);
          takeover = watchTakeover(killedAt);
        }
      }
    };
    // Takeover: how long until another instance holds the region (watched from the kill on, beside the burst).
    const watchTakeover = async (from: number): Promise<number> => {
      for (;;) {
        const owner = (await client.owners()).get(victimRegion);
        if (owner !== undefined && owner.url !== victimOwner.url) return Math.round(performance.now() - from);
        if (performance.now() - from > 60_000) throw new Error(`region ${victimRegion} had no new owner 60 s after the kill`);
        await sleep(25);
      }
    };
    await Promise.all(Array.from({ length: inFlight }, () => worker()));

    const takeoverMs = await takeover!;
    // Pause: wake the old owner and at once send it writes of the region it lost.
    let wokenWrites = 0;
    let staleWrites = 0;
    let wokenDropMs = -1;
    const wokenStatuses: Record<number, number> = {};
    const regionAcked = [...acked].filter(([k]) => k % stores.length === 0);
    if (mode === 'pause') {
      const oldHolder = `${victimOwner.id}|${victimOwner.token}`;
      const woke = performance.now();
      instances[victim]!.proc.kill('SIGCONT');
      const writes = regionAcked.slice(4, 24);
      const answers = await Promise.all(writes.map(([, id]) => client.raw(urls[victim]!, 'POST', `/v1/orders/${id}/accept`)));
      for (const a of answers) {
        wokenWrites++;
        wokenStatuses[a.status] = (wokenStatuses[a.status] ?? 0) + 1;
        if (a.status >= 200 && a.status < 300 && a.lease === oldHolder) staleWrites++;
      }
      for (;;) {
        const ready = await client.raw(urls[victim]!, 'GET', '/readyz');
        if (!(JSON.parse(ready.text) as { regions?: string[] }).regions?.includes(victimRegion)) break;
        if (performance.now() - woke > 30_000) throw new Error(`the woken instance still held ${victimRegion} 30 s after waking`);
        await sleep(10);
      }
      wokenDropMs = Math.round(performance.now() - woke);
      client.down.delete(victim);
      log(`woken instance: ${wokenWrites} writes sent, ${staleWrites} served under its old lease; it dropped the region ${wokenDropMs} ms after waking`);
    }
    // Dispatched again: orders of that region made ready now get a rider from an epoch of the new owner.
    const regionOrders = regionAcked.slice(0, 4);
    for (const [, id] of regionOrders) {
      await client.send(1, 'POST', `/v1/orders/${id}/accept`, undefined, 200);
      await client.send(1, 'POST', `/v1/orders/${id}/ready`, undefined, 200);
    }
    let redispatchMs = -1;
    while (redispatchMs < 0) {
      const states = await Promise.all(regionOrders.map(([, id]) => client.send(1, 'GET', `/v1/orders/${id}`, undefined, 200)));
      if (states.some((s) => s.body.status === 'assigned')) redispatchMs = Math.round(performance.now() - killedAt);
      else if (performance.now() - killedAt > 60_000) throw new Error(`no order of region ${victimRegion} was assigned within 60 s of the kill`);
      else await sleep(50);
    }
    log(`takeover ${takeoverMs} ms, first assignment in the region ${redispatchMs} ms after the kill`);
    feeding = false;
    await feed;

    // Lost / duplicated: every order of every store, by its SKU marker.
    const byMarker = new Map<number, string[]>();
    for (const s of stores) {
      let cursor: string | undefined;
      do {
        const page = await client.send(1, 'GET', `/v1/orders?storeId=${s.id}&limit=1000${cursor === undefined ? '' : `&cursor=${encodeURIComponent(cursor)}`}`, undefined, 200);
        for (const o of page.body.orders as { id: string; items: { sku: string }[] }[]) {
          const k = Number(o.items[0]!.sku.slice(1));
          byMarker.set(k, [...(byMarker.get(k) ?? []), o.id]);
        }
        cursor = page.body.nextCursor as string | undefined;
      } while (cursor !== undefined);
    }
    let lost = 0;
    for (const [k, id] of acked) if (!(byMarker.get(k) ?? []).includes(id)) lost++;
    let duplicated = 0;
    for (const ids of byMarker.values()) if (ids.length > 1) duplicated++;
    let assignedTwice = 0;
    for (const s of stores) {
      const prefix = regionPrefix(city, s.region);
      for (const [k, ids] of byMarker) {
        if (k % stores.length !== stores.indexOf(s)) continue;
        for (const id of ids) if ((await redis.llen(`${prefix}asg:${id}`)) > 1) assignedTwice++;
      }
    }
    return { instances: n, orders, acknowledged: acked.size, lost, duplicated, assignedTwice, takeoverMs, redispatchMs, retried: client.retried, killedRegion: victimRegion, mode, wokenWrites, staleWrites, wokenDropMs, wokenStatuses };
  } finally {
    feeding = false;
    await Promise.all(
      instances.map(async (i) => {
        if (i.alive) {
          i.proc.kill('SIGCONT');
          i.proc.kill('SIGTERM');
        }
        const timer = setTimeout(() => i.alive && i.proc.kill('SIGKILL'), 10_000);
        await i.exited;
        clearTimeout(timer);
      }),
    );
    await cleanCity(redis, city).catch(() => undefined);
    redis.disconnect();
  }
}

/** One store site per region: points around the centre, each in a region of its own. */
function pickStoreSites(regions: H3Regions, count: number): { id: string; region: string; location: { lat: number; lng: number } }[] {
  const out: { id: string; region: string; location: { lat: number; lng: number } }[] = [];
  const seen = new Set<string>();
  for (let ring = 0; out.length < count && ring < 1_000; ring++) {
    const angle = ring * 2.399963; // golden angle: sites spread evenly
    const radius = 0.06 * Math.sqrt(ring + 1);
    const location = { lat: Math.round((CENTER.lat + radius * Math.sin(angle)) * 1e6) / 1e6, lng: Math.round((CENTER.lng + radius * Math.cos(angle)) * 1e6) / 1e6 };
    const region = regions.regionOf(location.lng, location.lat);
    // Keep sites away from the region's neighbours' sites: skip regions seen or next to one seen.
    if (seen.has(region) || regions.regionsNear(location.lng, location.lat).length > 1) continue;
    seen.add(region);
    out.push({ id: `s${out.length}`, region, location });
  }
  return out;
}

/** Deletes the drill's keys. */
async function cleanCity(redis: Redis, city: string): Promise<void> {
  for (const pattern of [`o2o:{${city}}:*`, `o2o:{${city}.*`]) {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  }
}

class DrillClient {
  retried = 0;
  /** Instances not to send to (paused). */
  readonly down = new Set<number>();

  constructor(
    private readonly urls: readonly string[],
    private readonly instances: readonly Instance[],
    private readonly token: string,
  ) {}

  /** Sends to instance `at` (the next live one when it is dead); retries on a dead connection or a 5xx. */
  async send(at: number, method: string, path: string, body: unknown, expected: number | number[], headers: Record<string, string> = {}): Promise<Answer> {
    const ok = Array.isArray(expected) ? expected : [expected];
    const deadline = performance.now() + 30_000;
    for (let attempt = 0; ; attempt++) {
      const i = this.liveIndex(at + attempt);
      let status = 0;
      let text = '';
      try {
        const res = await fetch(`${this.urls[i]}${path}`, {
          method,
          headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          // A client gives up on a silent instance (paused, cut off) and tries another one.
          signal: AbortSignal.timeout(5_000),
        });
        status = res.status;
        text = await res.text();
      } catch {
        status = 0;
      }
      if (ok.includes(status)) return { status, body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>) };
      if ((status === 0 || status >= 500) && performance.now() < deadline) {
        this.retried++;
        await sleep(status === 0 ? 20 : 100);
        continue;
      }
      throw new Error(`${method} ${path} answered ${status}: ${text.slice(0, 300)}`);
    }
  }

  private liveIndex(i: number): number {
    for (let k = 0; k < this.urls.length; k++) {
      const j = (i + k) % this.urls.length;
      if (this.instances[j]!.alive && !this.down.has(j)) return j;
    }
    throw new Error('every instance is dead');
  }

  /** One request to one instance, no retry: its status, text and the lease that served it. */
  async raw(url: string, method: string, path: string): Promise<{ status: number; text: string; lease: string | null }> {
    try {
      const res = await fetch(`${url}${path}`, { method, headers: { authorization: `Bearer ${this.token}` }, signal: AbortSignal.timeout(15_000) });
      return { status: res.status, text: await res.text(), lease: res.headers.get('x-o2o-region-lease') };
    } catch {
      return { status: 0, text: '', lease: null };
    }
  }

  /** Region → owner (id, fencing token and URL), as an instance sees it. */
  async owners(): Promise<Map<string, { id: string; url: string; token: number }>> {
    const view = await this.send(1, 'GET', '/v1/regions', undefined, 200);
    const urls = new Map((view.body.instances as { id: string; url: string }[]).map((x) => [x.id, x.url]));
    const out = new Map<string, { id: string; url: string; token: number }>();
    for (const r of view.body.regions as { region: string; owner: string | null; token: number | null }[]) {
      if (r.owner !== null && urls.has(r.owner)) out.set(r.region, { id: r.owner, url: urls.get(r.owner)!, token: r.token ?? 0 });
    }
    return out;
  }

  /** Waits until the regions are shared out one per instance. */
  async waitBalanced(regionCount: number, timeoutMs: number): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const owners = await this.owners();
      const distinct = new Set([...owners.values()].map((o) => o.id));
      if (owners.size === regionCount && distinct.size === Math.min(regionCount, this.urls.length)) return;
      if (performance.now() > deadline) throw new Error(`regions not shared out within ${timeoutMs} ms: ${JSON.stringify([...owners])}`);
      await sleep(100);
    }
  }
}
