/**
 * Region ownership on a real Redis, with hosts whose regions are stand-ins (a lease and a close):
 * fair shares of ⌈regions ÷ instances⌉ in rendezvous order, takeover one TTL after an owner stops
 * renewing, a fenced write dropping its region, and a clean stop handing regions over at once.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { InstanceRegistry, RegionDirectory, RegionHost, type HeldLease, type RegionRuntime } from '@o2o/dispatch-worker';
import { SILENT_LOGGER, sleep, until, useRedis } from './fixtures/scaleout-fixtures.js';

/** What the host needs of a region: its lease and close(). */
class FakeRegion {
  closed = false;
  constructor(
    readonly region: string,
    readonly lease: HeldLease,
  ) {}
  async close(): Promise<void> {
    this.closed = true;
  }
}

interface TestHost {
  readonly host: RegionHost;
  /** Every region opened on this host, in order. */
  readonly opened: FakeRegion[];
  readonly changes: { region: string; held: boolean; token?: number; reason: string }[];
}

describe('RegionHost (region leases, fair share, takeover)', function () {
  this.timeout(20_000);
  const redis = useRedis();

  function newHost(city: string, instanceId: string, leaseTtlMs: number, beforeOpen: (region: string) => Promise<void> | void = () => undefined): TestHost {
    const conn = redis.connect();
    const opened: FakeRegion[] = [];
    const changes: TestHost['changes'] = [];
    const host = new RegionHost({
      redis: conn,
      city,
      registry: new InstanceRegistry(conn, city, instanceId, `http://${instanceId}`, leaseTtlMs),
      directory: new RegionDirectory(conn, city),
      logger: SILENT_LOGGER,
      leaseTtlMs,
      openRegion: async (region, lease) => {
        await beforeOpen(region);
        const r = new FakeRegion(region, lease);
        opened.push(r);
        return r as unknown as RegionRuntime;
      },
      onChange: (change) => changes.push(change),
    });
    redis.atTestEnd(() => host.stop());
    return { host, opened, changes };
  }

  async function addRegions(city: string, regions: string[]): Promise<void> {
    const directory = new RegionDirectory(redis.connect(), city);
    for (const r of regions) await directory.addRegion(r);
  }

  /** Every region held by exactly one of `hosts`, and the lease in Redis names that host. */
  async function assertOwnedOnce(all: RegionHost[], regions: string[]): Promise<void> {
    const holders = regions.map((r) => all.filter((h) => h.held().includes(r)).map((h) => h.instanceId));
    assert.deepEqual(
      holders.map((h) => h.length),
      regions.map(() => 1),
      `each region held once: ${JSON.stringify(holders)}`,
    );
    for (let i = 0; i < regions.length; i++) assert.equal((await all[0]!.ownerOf(regions[i]!))?.instanceId, holders[i]![0]);
  }

  /** Ticks hosts in turn until `done` holds (for hosts with slow timers). */
  async function tickUntil(what: string, all: RegionHost[], done: () => boolean): Promise<void> {
    await until(what, async () => {
      for (const h of all) await h.tick();
      return done();
    });
  }

  it('shares the regions out: a host alone takes all, a second one gets the surplus, none above ⌈regions ÷ instances⌉', async () => {
    const city = redis.unique('city');
    const regions = ['r1', 'r2', 'r3', 'r4', 'r5'];
    await addRegions(city, regions);
    const a = newHost(city, 'inst-a', 600);
    await a.host.start();
    assert.deepEqual(a.host.held(), regions, 'alone, it takes every region');
    assert.deepEqual(
      a.opened.map((r) => r.lease.holder),
      a.opened.map((r) => `inst-a|${r.lease.token}`),
    );

    const b = newHost(city, 'inst-b', 600);
    await b.host.start();
    await until('a 3 + 2 split', () => a.host.held().length + b.host.held().length === 5 && Math.max(a.host.held().length, b.host.held().length) === 3);
    await assertOwnedOnce([a.host, b.host], regions);
    assert.equal(a.host.stats.released, 2, 'the first host handed two regions back');
    assert.equal(a.opened.filter((r) => r.closed).length, 2, 'and closed them');
    assert.ok(a.changes.some((c) => !c.held && /share is 3 with 2 instances/.test(c.reason)), JSON.stringify(a.changes));

    // A third host: ⌈5 ÷ 3⌉ = 2 each at most.
    const c = newHost(city, 'inst-c', 600);
    await c.host.start();
    const all = [a.host, b.host, c.host];
    await until('a 2 + 2 + 1 split', () => all.every((h) => h.held().length <= 2 && h.held().length >= 1) && all.reduce((n, h) => n + h.held().length, 0) === 5);
    await assertOwnedOnce(all, regions);
  });

  it('takes free regions in rendezvous order: with another live instance it takes the ⌈n ÷ 2⌉ it ranks first', async () => {
    const city = redis.unique('city');
    const regions = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6'];
    await addRegions(city, regions);
    // Another instance is alive (it beats) but holds nothing: this host's share is 3.
    await new InstanceRegistry(redis.connect(), city, 'inst-other', 'http://other', 60_000).beat();
    const a = newHost(city, 'inst-a', 60_000);
    await a.host.start();
    const rank = (r: string): string => createHash('sha1').update(`${r}|inst-a`).digest('hex');
    const expected = [...regions].sort((x, y) => (rank(x) < rank(y) ? -1 : 1)).slice(0, 3);
    assert.deepEqual(a.host.held(), expected.sort());
    assert.deepEqual(a.opened.map((r) => r.region).sort(), expected);
  });

  it('a host that stops renewing loses its regions: the other takes them one TTL (plus a tick) later, with larger tokens', async () => {
    const city = redis.unique('city');
    const leaseTtlMs = 600;
    const tickMs = leaseTtlMs / 3;
    const regions = ['r1', 'r2', 'r3', 'r4'];
    await addRegions(city, regions);
    // Host A ticks on the test's timer, so the test can "pause" it.
    const a = newHost(city, 'inst-a', leaseTtlMs);
    await a.host.tick();
    let ticker: NodeJS.Timeout | undefined = setInterval(() => void a.host.tick(), tickMs);
    try {
      const b = newHost(city, 'inst-b', leaseTtlMs);
      await b.host.start();
      await until('a 2 + 2 split', () => a.host.held().length === 2 && b.host.held().length === 2);
      const lostRegions = a.host.held();
      const oldTokens = new Map(a.opened.filter((r) => !r.closed).map((r) => [r.region, r.lease.token]));

      // A pauses: no beat, no renewal (a round already running still finishes).
      clearInterval(ticker);
      ticker = undefined;
      const pausedAt = Date.now();
      const changesBefore = a.changes.length;
      await until('B to hold every region', () => b.host.held().length === 4, 5_000, 10);
      const takeoverMs = Date.now() - pausedAt;
      // The last renewal was at most a tick (or two, with a late timer) before the pause.
      assert.ok(takeoverMs >= leaseTtlMs - 2 * tickMs, `taken over after ${takeoverMs} ms: before the lease could expire`);
      assert.ok(takeoverMs <= leaseTtlMs + tickMs + 500, `taken over after ${takeoverMs} ms: more than a TTL plus a tick`);
      for (const r of lostRegions) {
        const owner = await b.host.ownerOf(r);
        assert.equal(owner?.instanceId, 'inst-b');
        assert.ok(owner.token > oldTokens.get(r)!, `token of ${r}: ${owner.token} after ${oldTokens.get(r)}`);
      }
      assert.deepEqual(a.host.held(), lostRegions, 'the paused host has not noticed yet');

      // A wakes up: its renewals fail, so it drops both regions (without releasing B's leases).
      await a.host.tick();
      assert.deepEqual(a.host.held(), []);
      assert.equal(a.host.stats.lost, 2);
      assert.ok(a.opened.every((r) => r.closed));
      assert.deepEqual(
        a.changes
          .slice(changesBefore)
          .map((c) => [c.region, c.held, c.reason])
          .sort(),
        lostRegions.map((r) => [r, false, 'lease not renewed (expired or taken over)']),
      );
    } finally {
      if (ticker !== undefined) clearInterval(ticker);
    }
  });

  it('leaseLost drops the region at once, without releasing the lease, and a later tick does not take it back from the new holder', async () => {
    const city = redis.unique('city');
    await addRegions(city, ['r1', 'r2']);
    const conn = redis.connect();
    const a = newHost(city, 'inst-a', 10_000);
    await a.host.start();
    assert.deepEqual(a.host.held(), ['r1', 'r2']);
    const r1 = a.opened.find((r) => r.region === 'r1')!;
    // Another instance took r1 over (A's next write there is fenced).
    await conn.set(r1.lease.key, 'inst-x|999', 'PX', 10_000);
    a.host.leaseLost('r1');
    assert.deepEqual(a.host.held(), ['r2'], 'dropped at once');
    await until('r1 to be dropped', () => a.changes.length === 3);
    assert.equal(r1.closed, true);
    assert.equal(a.host.stats.lost, 1);
    assert.equal(a.host.stats.released, 0);
    assert.deepEqual(a.changes.at(-1), { region: 'r1', held: false, reason: 'lease lost (a write was fenced)' });
    assert.equal(await conn.get(r1.lease.key), 'inst-x|999', 'the new holder\'s lease is untouched');

    a.host.leaseLost('r1'); // already dropped: nothing happens
    a.host.leaseLost('r9'); // never held
    assert.equal(a.host.stats.lost, 1);
    await a.host.tick();
    assert.deepEqual(a.host.held(), ['r2']);
    assert.equal(a.opened.length, 2, 'r1 was not opened again');
  });

  it('stop() closes its regions, releases their leases and leaves the registry, so the other host takes them at once', async () => {
    const city = redis.unique('city');
    const leaseTtlMs = 30_000; // far longer than the test: nothing may wait for a lease to expire
    const regions = ['r1', 'r2', 'r3', 'r4'];
    await addRegions(city, regions);
    const a = newHost(city, 'inst-a', leaseTtlMs);
    const b = newHost(city, 'inst-b', leaseTtlMs);
    await a.host.start();
    await b.host.start();
    await tickUntil('a 2 + 2 split', [a.host, b.host], () => a.host.held().length === 2 && b.host.held().length === 2);
    const released = a.host.held();
    const oldTokens = new Map(a.opened.filter((r) => !r.closed).map((r) => [r.region, r.lease.token]));

    const started = Date.now();
    await a.host.stop();
    assert.deepEqual(a.host.held(), []);
    assert.ok(a.opened.every((r) => r.closed));
    for (const r of released) assert.equal(await b.host.ownerOf(r), undefined, `${r} released`);
    await b.host.tick();
    await b.host.tick(); // the first may be a round that started before the release
    assert.deepEqual(b.host.held(), regions, 'B holds every region');
    assert.ok(Date.now() - started < 2_000);
    for (const r of released) assert.ok((await b.host.ownerOf(r))!.token > oldTokens.get(r)!);
    await a.host.tick();
    assert.deepEqual(a.host.held(), [], 'a stopped host does not tick any more');
  });

  it('a region that fails to open is not held and its lease is released; the others are taken', async () => {
    const city = redis.unique('city');
    await addRegions(city, ['r1', 'r2', 'r3']);
    const a = newHost(city, 'inst-a', 10_000, (region) => {
      if (region === 'r2') throw new Error('cannot open r2');
    });
    await a.host.start();
    assert.deepEqual(a.host.held(), ['r1', 'r3']);
    assert.equal(await a.host.ownerOf('r2'), undefined);
    assert.equal(a.host.stats.taken, 2);
  });

  it('whenOpen waits for a region whose lease is taken and whose runtime is still being opened (its lease already names this host)', async () => {
    const city = redis.unique('city');
    await addRegions(city, ['r1', 'r2']);
    const gates = new Map<string, { promise: Promise<void>; open: () => void; fail: () => void }>();
    for (const r of ['r1', 'r2']) {
      let open = (): void => undefined;
      let fail = (): void => undefined;
      const promise = new Promise<void>((resolve, reject) => {
        open = resolve;
        fail = () => reject(new Error(`cannot open ${r}`));
      });
      gates.set(r, { promise, open, fail });
    }
    const a = newHost(city, 'inst-a', 10_000, (region) => gates.get(region)!.promise);
    const starting = a.host.start();
    // The host tries regions one at a time, in rendezvous order: wait for each lease, then let its open end.
    let opened = 0;
    for (const outcome of ['open', 'fail'] as const) {
      const region = await until('a lease taken and its region still opening', async () => {
        for (const r of ['r1', 'r2']) if (a.host.runtime(r) === undefined && (await a.host.ownerOf(r))?.instanceId === 'inst-a') return r;
        return undefined;
      });
      let settled = false;
      const waiting = a.host.whenOpen(region).finally(() => (settled = true));
      await sleep(50);
      assert.equal(settled, false, `whenOpen(${region}) waits for the open`);
      if (outcome === 'open') gates.get(region)!.open();
      else gates.get(region)!.fail();
      const runtime = await waiting;
      if (outcome === 'open') {
        assert.equal((runtime as unknown as FakeRegion | undefined)?.region, region);
        opened++;
      } else {
        assert.equal(runtime, undefined, 'a failed open answers undefined');
      }
    }
    await starting;
    assert.equal(opened, 1);
    assert.equal(await a.host.whenOpen('r9'), undefined, 'a region not held here: undefined at once');
  });

  it('with no regions in the city a round only beats', async () => {
    const city = redis.unique('city');
    const a = newHost(city, 'inst-a', 10_000);
    await a.host.start();
    assert.deepEqual(a.host.held(), []);
    assert.deepEqual([...(await new InstanceRegistry(redis.connect(), city, 'probe', 'http://p', 10_000).alive()).keys()], ['inst-a']);
  });
});
