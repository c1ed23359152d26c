/**
 * Riders near a region border, seen from both sides without double assignment (issue 7, point 2),
 * with a real Redis: one instance holding two neighbouring regions A and B, a rider based in A
 * standing near the border, stores on both sides.
 * - Orders ready only in B: B's epoch offers them to A's rider (a guest), B holds the rider's
 *   claim, and the rider answers the offer through the API (routed to B).
 * - Orders ready on both sides at once: every epoch, the rider holds at most one region's work
 *   (the other region's orders stay `ready`), and no order is ever assigned twice.
 */
import assert from 'node:assert/strict';
import { H3Regions } from '@o2o/geo';
import { Redis } from 'ioredis';
import { AuthSecret, riderClaimKey, regionPrefix, ScaleoutWorker } from '@o2o/dispatch-worker';
import { until, useRedis } from './fixtures/scaleout-fixtures.js';

const REGIONS = new H3Regions({ resolution: 6 });

/** A point near a border (A: its region, B: a neighbour within the border rings) and a store site inside B near it. */
function borderSites(): { a: string; b: string; p: { lat: number; lng: number }; q: { lat: number; lng: number } } {
  for (let i = 0; i < 2_000; i++) {
    const p = { lat: Math.round((4.6 + (i % 40) * 0.0025) * 1e6) / 1e6, lng: Math.round((-74.15 + Math.floor(i / 40) * 0.0025) * 1e6) / 1e6 };
    const near = REGIONS.regionsNear(p.lng, p.lat);
    if (near.length < 2) continue;
    const [a, b] = near as [string, string];
    for (let k = 0; k < 24; k++) {
      const angle = (k / 24) * 2 * Math.PI;
      const q = { lat: Math.round((p.lat + 0.004 * Math.sin(angle)) * 1e6) / 1e6, lng: Math.round((p.lng + 0.004 * Math.cos(angle)) * 1e6) / 1e6 };
      if (REGIONS.regionOf(q.lng, q.lat) === b) return { a, b, p, q };
    }
  }
  throw new Error('no border site found');
}

describe('scaleout: riders near a region border', function () {
  this.timeout(60_000);
  const redis = useRedis();
  let worker: ScaleoutWorker | undefined;
  let token = '';
  let db: Redis | undefined;
  const city = `border${Date.now().toString(36)}`;
  const sites = borderSites();

  const call = async (method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> => {
    const res = await fetch(`${worker!.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>) };
  };
  const ok = async (method: string, path: string, body: unknown, status: number): Promise<Record<string, unknown>> => {
    const r = await call(method, path, body);
    assert.equal(r.status, status, `${method} ${path}: ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const readyOrder = async (storeId: string, at: { lat: number; lng: number }): Promise<string> => {
    const o = await ok('POST', '/v1/orders', { storeId, items: [{ sku: 'x', quantity: 1 }], dropOff: { lat: at.lat + 0.001, lng: at.lng + 0.001 } }, 201);
    await ok('POST', `/v1/orders/${String(o.id)}/accept`, undefined, 200);
    await ok('POST', `/v1/orders/${String(o.id)}/ready`, undefined, 200);
    return String(o.id);
  };
  const statusOf = async (id: string): Promise<{ status: string; riderId?: string }> => (await ok('GET', `/v1/orders/${id}`, undefined, 200)) as { status: string; riderId?: string };
  const waitFor = <T>(what: string, probe: () => Promise<T | undefined>): Promise<T> => until(what, probe, 15_000, 50);

  before(async () => {
    db = new Redis(redis.url);
    const secret = AuthSecret.from('border-riders-test-secret-border-riders-test', 'test');
    worker = await ScaleoutWorker.start({ secret, redisUrl: redis.url, city, port: 0, epochSec: 1, leaseTtlMs: 1_000, logLevel: 'silent', service: { offerTtlSec: 30 } });
    redis.atEnd(async () => {
      await worker?.close();
      db?.disconnect();
    });
    token = await worker.issuer.mint({ role: 'admin', sub: 'border-test' });
    await ok('POST', '/v1/stores', { id: 'sa', kind: 'store', location: sites.p, prepTimeSec: 60 }, 201);
    await ok('POST', '/v1/stores', { id: 'sb', kind: 'store', location: sites.q, prepTimeSec: 60 }, 201);
    await ok('POST', '/v1/riders', { id: 'r1', mode: 'bike', home: sites.p }, 201);
    await ok('POST', '/v1/riders/r1/shift', { action: 'start', position: sites.p }, 200);
    await waitFor('both regions held', async () => (worker!.host.held().length === 2 ? true : undefined));
  });



  it('the two sites are in neighbouring regions, the rider near their border', () => {
    assert.notEqual(sites.a, sites.b);
    assert.equal(REGIONS.regionOf(sites.p.lng, sites.p.lat), sites.a);
    assert.equal(REGIONS.regionOf(sites.q.lng, sites.q.lat), sites.b);
    assert.ok(REGIONS.regionsNear(sites.p.lng, sites.p.lat).includes(sites.b));
  });

  it("a neighbour's orders go to a rider of the other region near the border, who answers the offer through the API", async () => {
    const id = await readyOrder('sb', sites.q);
    const assigned = await waitFor('the order in B assigned', async () => {
      const o = await statusOf(id);
      return o.status === 'assigned' ? o : undefined;
    });
    assert.equal(assigned.riderId, 'r1');
    assert.equal(await db!.get(riderClaimKey(city, 'r1')), sites.b, 'region B holds the claim');
    // The rider is B's guest; its home (A) lists it, B does not.
    const b = worker!.host.runtime(sites.b)!.service;
    assert.equal(b.riders.get('r1')?.guestOf, sites.a);
    assert.ok(!b.listRiders({ role: 'admin', sub: 't', expiresAt: 2e9 }).some((r) => r.id === 'r1'));
    const offerId = b.riders.get('r1')!.offerId!;
    const accepted = await ok('POST', `/v1/riders/r1/offers/${offerId}/accept`, undefined, 200);
    assert.equal(accepted.status, 'accepted');
    assert.ok((await db!.ttl(riderClaimKey(city, 'r1'))) > 3_600, 'the claim lasts while the rider carries the order');
    await ok('POST', `/v1/orders/${id}/pickup`, undefined, 200);
    await ok('POST', `/v1/orders/${id}/dropoff`, undefined, 200);
    await waitFor('the claim released after the drop-off', async () => ((await db!.get(riderClaimKey(city, 'r1'))) === null ? true : undefined));
    await waitFor('the guest gone from B', async () => (b.riders.get('r1') === undefined ? true : undefined));
  });

  it('orders ready on both sides: the rider holds one region\'s work at a time, no order assigned twice', async () => {
    const inA = [await readyOrder('sa', sites.p), await readyOrder('sa', sites.p)];
    const inB = [await readyOrder('sb', sites.q), await readyOrder('sb', sites.q)];
    const rounds: string[] = [];
    for (let round = 0; round < 3; round++) {
      // Wait for an offer, check that only one side's orders are on the rider, then decline it.
      const side = await waitFor('an offer to r1', async () => {
        const a = await Promise.all(inA.map(statusOf));
        const b = await Promise.all(inB.map(statusOf));
        const onA = a.some((o) => o.status === 'assigned');
        const onB = b.some((o) => o.status === 'assigned');
        assert.ok(!(onA && onB), `r1 holds work of both regions: A ${JSON.stringify(a)} B ${JSON.stringify(b)}`);
        return onA ? 'A' : onB ? 'B' : undefined;
      });
      rounds.push(side);
      const region = side === 'A' ? sites.a : sites.b;
      assert.equal(await db!.get(riderClaimKey(city, 'r1')), region);
      const service = worker!.host.runtime(region)!.service;
      const offerId = service.riders.get('r1')!.offerId!;
      await ok('POST', `/v1/riders/r1/offers/${offerId}/decline`, undefined, 200);
      // The decline gives the claim back (the other region may take the rider at once, before we
      // look: the claim is then the other region's) and cools the rider down in this region.
      await waitFor('the claim given back after the decline', async () => ((await db!.get(riderClaimKey(city, 'r1'))) !== region ? true : undefined));
      const home = worker!.host.runtime(sites.a)!.service.riders.get('r1')!;
      home.coolDownUntil = 0;
      const guest = worker!.host.runtime(sites.b)!.service.riders.get('r1');
      if (guest !== undefined) guest.coolDownUntil = 0;
    }
    // Every order's assignment history: assigned at most once per offer round, never to two riders at once.
    for (const [region, ids] of [
      [sites.a, inA],
      [sites.b, inB],
    ] as const) {
      for (const id of ids) {
        const records = (await db!.lrange(`${regionPrefix(city, region)}asg:${id}`, 0, -1)).map((t) => JSON.parse(t) as { riderId: string });
        assert.ok(records.every((r) => r.riderId === 'r1'));
      }
    }
    assert.equal(rounds.length, 3);
  });
});
