/**
 * HTTP routing of a city on two in-process instances sharing a real Redis: each request is served
 * by the owner of its region, whichever instance it reached (the directory for named resources,
 * the location / home for new ones, the intake stream for new orders, `?region=` for region-wide
 * reads), batches of rider locations are split by region and lists are gathered.
 */
import assert from 'node:assert/strict';
import { intakeStreamKey, LEASE_HEADER, REGION_HEADER, RegionDirectory, type AdminPrincipal } from '@o2o/dispatch-worker';
import { until, useRedis } from './fixtures/scaleout-fixtures.js';
import { call, createStores, near, pickSites, startTwoInstances, type Site, type TwoInstances } from './fixtures/scaleout-city.js';

/** An admin principal for reading a region's service directly. */
const ADMIN: AdminPrincipal = Object.freeze({ role: 'admin', sub: 'scaleout-test', expiresAt: 4_102_444_800 });

describe('RegionRouter: two ScaleoutWorkers of one city on Redis', function () {
  this.timeout(20_000);
  const redis = useRedis();
  let city: TwoInstances;
  let cityName: string;
  let siteA: Site;
  let siteB: Site;
  let orderSeq = 0;

  before(async function () {
    this.timeout(30_000);
    cityName = redis.unique('router');
    [siteA, siteB] = pickSites();
    city = await startTwoInstances(redis.url, cityName);
    redis.atEnd(() => city.close());
    // Both stores through the first instance: one lands there, the other is sent to the second.
    await createStores(city, city.workers[0], [siteA, siteB]);
    // Riders through the owner of the other region; three start a shift, rider-b2 stays off shift.
    const riders = [
      { id: 'rider-a1', home: near(siteA, 0.001, 0.001), site: siteA },
      { id: 'rider-a2', home: near(siteA, -0.001, 0.001), site: siteA },
      { id: 'rider-b1', home: near(siteB, 0.001, -0.001), site: siteB },
      { id: 'rider-b2', home: near(siteB, -0.001, -0.001), site: siteB },
    ];
    for (const r of riders) {
      const created = await call(city.other(r.site.region), city.token, 'POST', '/v1/riders', { id: r.id, mode: 'bike', home: r.home });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      if (r.id === 'rider-b2') continue;
      const shift = await call(city.other(r.site.region), city.token, 'POST', `/v1/riders/${r.id}/shift`, { action: 'start', position: r.home });
      assert.equal(shift.status, 200, JSON.stringify(shift.body));
    }
  });

  /** Places an order of `site`'s store through `via`; answers the 201. */
  async function placeOrder(site: Site, via: 'owner' | 'other', key = `key-${++orderSeq}`) {
    const w = via === 'owner' ? city.owner(site.region) : city.other(site.region);
    const answer = await call(w, city.token, 'POST', '/v1/orders', { storeId: site.storeId, items: [{ sku: 'milk', quantity: 1 }], dropOff: near(site, 0.002, 0.002) }, { 'idempotency-key': key });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    return answer;
  }

  it('stores and riders land in the region of their location / home: GET /v1/regions names an owner for each, on both instances', async () => {
    const directory = new RegionDirectory(redis.connect(), cityName);
    assert.equal(await directory.regionOf('store', siteA.storeId), siteA.region);
    assert.equal(await directory.regionOf('store', siteB.storeId), siteB.region);
    assert.equal(await directory.regionOf('rider', 'rider-a1'), siteA.region);
    assert.equal(await directory.regionOf('rider', 'rider-b2'), siteB.region);
    for (const w of city.workers) {
      const view = await call(w, city.token, 'GET', '/v1/regions');
      assert.equal(view.status, 200);
      assert.equal(view.body.city, cityName);
      assert.deepEqual(
        view.body.regions.map((r: { region: string; owner: string }) => [r.region, r.owner]),
        [siteA, siteB].map((s) => [s.region, city.owner(s.region).instanceId]).sort(),
      );
      assert.deepEqual(view.body.instances.map((i: { id: string }) => i.id).sort(), city.workers.map((x) => x.instanceId).sort());
    }
    assert.notEqual(city.owner(siteA.region), city.owner(siteB.region));
    // The stores are in their owners' services (not in the other instance's).
    assert.equal(city.owner(siteA.region).host.runtime(siteA.region)!.service.listStores(ADMIN, undefined).length, 1);
  });

  it('GET /v1/stores/:id via the non-owner is proxied to the owner, whose lease the answer names', async () => {
    for (const site of [siteA, siteB]) {
      const owner = city.owner(site.region);
      for (const w of city.workers) {
        const got = await call(w, city.token, 'GET', `/v1/stores/${site.storeId}`);
        assert.equal(got.status, 200, JSON.stringify(got.body));
        assert.equal(got.body.id, site.storeId);
        assert.equal(got.headers.get(LEASE_HEADER), owner.host.runtime(site.region)!.lease.holder, `${site.storeId} via ${w.instanceId}`);
        assert.ok(got.headers.get(LEASE_HEADER)!.startsWith(`${owner.instanceId}|`));
      }
    }
  });

  it('POST /v1/orders via the non-owner goes through the intake: 201 with the order from the owner; the same Idempotency-Key replays it', async () => {
    const owner = city.owner(siteA.region);
    const created = await placeOrder(siteA, 'other', 'intake-key-1');
    assert.equal(created.body.storeId, siteA.storeId);
    assert.equal(created.body.status, 'placed');
    assert.equal(created.headers.get(LEASE_HEADER), owner.host.runtime(siteA.region)!.lease.holder);
    assert.equal(created.headers.get('idempotent-replayed'), null);
    assert.equal(await new RegionDirectory(redis.connect(), cityName).regionOf('order', created.body.id), siteA.region);

    for (const via of ['other', 'owner'] as const) {
      const replay = await placeOrder(siteA, via, 'intake-key-1');
      assert.equal(replay.headers.get('idempotent-replayed'), 'true', `replay via the ${via}`);
      assert.equal(replay.body.id, created.body.id);
    }
    const conn = redis.connect();
    await until('the intake stream to be empty', async () => (await conn.xlen(intakeStreamKey(cityName, siteA.region))) === 0);
  });

  it('GET /v1/orders/:id answers through either instance, and GET /v1/orders?storeId= lists the store\'s orders', async () => {
    const viaOwner = await placeOrder(siteB, 'owner');
    const viaOther = await placeOrder(siteB, 'other');
    for (const w of city.workers) {
      for (const order of [viaOwner.body, viaOther.body]) {
        const got = await call(w, city.token, 'GET', `/v1/orders/${order.id}`);
        assert.equal(got.status, 200, JSON.stringify(got.body));
        assert.equal(got.body.id, order.id);
        assert.equal(got.headers.get(LEASE_HEADER), city.owner(siteB.region).host.runtime(siteB.region)!.lease.holder);
      }
      const list = await call(w, city.token, 'GET', `/v1/orders?storeId=${siteB.storeId}&limit=100`);
      assert.equal(list.status, 200, JSON.stringify(list.body));
      const ids = list.body.orders.map((o: { id: string }) => o.id);
      assert.ok(ids.includes(viaOwner.body.id) && ids.includes(viaOther.body.id), JSON.stringify(ids));
      assert.ok(list.body.orders.every((o: { storeId: string }) => o.storeId === siteB.storeId));
    }
  });

  it('POST /v1/riders/locations splits the batch by region and answers it as one, rejections at their original index', async () => {
    const at = (site: Site) => near(site, 0.0015, 0);
    const locations = [
      { riderId: 'rider-a1', ...at(siteA) },
      { riderId: 'rider-b1', ...at(siteB) },
      { riderId: 'rider-ghost', ...at(siteA) },
      { riderId: 'rider-b2', ...at(siteB) },
      { riderId: 'rider-a2', ...at(siteA) },
    ];
    for (const w of city.workers) {
      const moved = await call(w, city.token, 'POST', '/v1/riders/locations', { locations });
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
      assert.deepEqual(moved.body, {
        accepted: 3,
        rejected: [
          { index: 2, riderId: 'rider-ghost', code: 'UNKNOWN_RIDER' },
          { index: 3, riderId: 'rider-b2', code: 'RIDER_OFF_SHIFT' },
        ],
      });
    }
    const rider = await call(city.workers[0], city.token, 'GET', '/v1/riders/rider-b1');
    assert.equal(rider.status, 200, JSON.stringify(rider.body));
    assert.ok(Math.abs(rider.body.position.lat - at(siteB).lat) < 1e-6 && Math.abs(rider.body.position.lng - at(siteB).lng) < 1e-6, JSON.stringify(rider.body.position));
  });

  it('GET /v1/stores and GET /v1/riders gather both regions, through either instance', async () => {
    for (const w of city.workers) {
      const stores = await call(w, city.token, 'GET', '/v1/stores');
      assert.equal(stores.status, 200);
      assert.deepEqual(
        stores.body.stores.map((s: { id: string }) => s.id),
        ['store-a', 'store-b'],
      );
      const riders = await call(w, city.token, 'GET', '/v1/riders');
      assert.deepEqual(
        riders.body.riders.map((r: { id: string }) => r.id),
        ['rider-a1', 'rider-a2', 'rider-b1', 'rider-b2'],
      );
    }
  });

  it('/v1/heatmap without ?region= is a 400 naming region; with a region of the city, its owner answers', async () => {
    const missing = await call(city.workers[0], city.token, 'GET', '/v1/heatmap');
    assert.equal(missing.status, 400);
    assert.equal(missing.body.error.field, 'region');
    const unknown = await call(city.workers[0], city.token, 'GET', '/v1/heatmap?region=nowhere');
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.error.field, 'region');
    for (const w of city.workers) {
      const heat = await call(w, city.token, 'GET', `/v1/heatmap?region=${siteA.region}`);
      assert.equal(heat.status, 200, JSON.stringify(heat.body));
      assert.equal(heat.headers.get(LEASE_HEADER), city.owner(siteA.region).host.runtime(siteA.region)!.lease.holder);
    }
  });

  it('an unknown order is 401 without a token and 404 with one', async () => {
    for (const w of city.workers) {
      assert.equal((await call(w, undefined, 'GET', '/v1/orders/no-such-order')).status, 401);
      const missing = await call(w, city.token, 'GET', '/v1/orders/no-such-order');
      assert.equal(missing.status, 404);
      assert.equal(missing.body.error.code, 'NOT_FOUND');
    }
  });

  it('POST /v1/riders without home is a 400 naming home', async () => {
    const answer = await call(city.workers[1], city.token, 'POST', '/v1/riders', { id: 'rider-homeless', mode: 'walk' });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error.field, 'home');
    assert.equal(await new RegionDirectory(redis.connect(), cityName).regionOf('rider', 'rider-homeless'), undefined, 'nothing placed');
  });

  it('a request forwarded for a region this instance does not hold is 503 REGION_MOVED (never forwarded again)', async () => {
    const stranger = city.other(siteA.region);
    const answer = await call(stranger, city.token, 'GET', `/v1/stores/${siteA.storeId}`, undefined, { [REGION_HEADER]: siteA.region });
    assert.equal(answer.status, 503);
    assert.equal(answer.body.error.code, 'REGION_MOVED');
    assert.equal(answer.headers.get('retry-after'), '1');
    const held = await call(city.owner(siteA.region), city.token, 'GET', `/v1/stores/${siteA.storeId}`, undefined, { [REGION_HEADER]: siteA.region });
    assert.equal(held.status, 200, 'the owner serves it');
  });

  it('a store create the owner refuses (403) leaves its id free: an admin then creates it', async () => {
    const merchant = await city.workers[0].issuer.mint({ role: 'merchant', stores: ['store-late'] });
    const body = { id: 'store-late', kind: 'store', location: near(siteB, 0.001, 0.001) };
    const refused = await call(city.workers[0], merchant, 'POST', '/v1/stores', body);
    assert.equal(refused.status, 403, JSON.stringify(refused.body));
    assert.equal(await new RegionDirectory(redis.connect(), cityName).regionOf('store', 'store-late'), undefined, 'the id is not left placed');
    const created = await call(city.workers[1], city.token, 'POST', '/v1/stores', body);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(await new RegionDirectory(redis.connect(), cityName).regionOf('store', 'store-late'), siteB.region);
  });

  it('POST /v1/orders for an unknown store is 404', async () => {
    const answer = await call(city.workers[0], city.token, 'POST', '/v1/orders', { storeId: 'no-such-store', items: [{ sku: 'milk', quantity: 1 }], dropOff: near(siteA, 0, 0) });
    assert.equal(answer.status, 404);
    assert.equal(answer.body.error.code, 'NOT_FOUND');
  });
});
