/**
 * The live operations view over real HTTP: `GET /v1/ops/snapshot` (admin only; its riders,
 * routes, orders, zones, heatmap and KPIs checked against the service's own state after a
 * scripted morning) and the page with its files (no token, strict CSP, nothing else served).
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { pino } from 'pino';
import {
  AuthSecret,
  OPS_PAGE_CSP,
  OpsAssets,
  TokenVerifier,
  mountOpsRoutes,
  serviceAreaRadiusM,
  type AdminPrincipal,
  type OpsSnapshot,
} from '@o2o/dispatch-worker';
import { CENTRE, ManualClock, TEST_SECRET, TestWorker, createRider, createStore, expectError, expectStatus, freshDataDir, near, placeOrder, readyOrder, removeDir, request, startShift } from './fixtures/test-worker.js';

const ADMIN: AdminPrincipal = { role: 'admin', sub: 'ops-test', expiresAt: 4_102_444_800 };

describe('ops view: GET /v1/ops/snapshot and the page', function () {
  this.timeout(30_000);
  let t: TestWorker;
  let admin = '';
  const clock = new ManualClock(1_790_000_000);

  before(async () => {
    t = await TestWorker.start('ops', { clock: clock.now }, true);
    admin = await t.admin();
  });
  after(async () => t?.close());

  const snapshot = async (): Promise<OpsSnapshot> => expectStatus(await t.request('GET', '/v1/ops/snapshot', { token: admin }), 200, 'snapshot') as OpsSnapshot;

  it('refuses a missing token (401), merchants and riders (403 FORBIDDEN_ROLE) and unknown query parameters (400)', async () => {
    expectError(await t.request('GET', '/v1/ops/snapshot'), 401, 'AUTH_MISSING');
    expectError(await t.request('GET', '/v1/ops/snapshot', { token: await t.merchant('s1') }), 403, 'FORBIDDEN_ROLE');
    expectError(await t.request('GET', '/v1/ops/snapshot', { token: await t.rider('r1') }), 403, 'FORBIDDEN_ROLE');
    const bad = expectError(await t.request('GET', '/v1/ops/snapshot?riders=all', { token: admin }), 400, 'INVALID_INPUT');
    assert.equal(bad.field, 'riders');
  });

  it('shows an empty city before anything happened', async () => {
    const s = await snapshot();
    assert.deepEqual([s.stores, s.zones, s.riders, s.orders, s.heatmap.cells, s.alerts], [[], [], [], [], [], []]);
    assert.equal(s.lastEpoch, null);
    assert.equal(s.kpis.openOrders, 0);
    assert.equal(s.at, clock.sec);
  });

  it("matches the service's state: riders on shift with routes, open orders by status, zones, heatmap, KPIs", async () => {
    const service = t.worker.service;
    await createStore(t, admin, { id: 's1', kind: 'store', location: CENTRE, prepTimeSec: 300 });
    for (const id of ['r1', 'r2', 'r3']) await createRider(t, admin, id);
    await startShift(t, admin, 'r1', near(0.002, 0));
    await startShift(t, admin, 'r2', near(-0.01, 0.01));
    const onlyPlaced = await placeOrder(t, admin, { id: 'o-placed', storeId: 's1' });
    await readyOrder(t, admin, { id: 'o-ready', storeId: 's1' });
    // Promised in 2 minutes, 3.5 km away: the live ETA will say late.
    await readyOrder(t, admin, { id: 'o-tight', storeId: 's1', dropOff: near(0.03, 0.01), promisedBy: clock.sec + 120 });
    const offer = await service.applyAssignment({ riderId: 'r1', orderIds: ['o-tight'], pickupAt: clock.sec + 60, dropoffAt: [clock.sec + 900] }, clock.sec);
    assert.ok(offer !== undefined);
    await readyOrder(t, admin, { id: 'o-overdue', storeId: 's1', promisedBy: clock.sec + 30 });
    clock.advance(45);
    assert.equal(service.refreshEtas(clock.sec), 1, 'one lateness alert (o-tight)');

    const s = await snapshot();
    assert.equal(s.lastEventId, service.events.lastId);
    // Riders: the two on shift (r3 never started one); r1 busy with its planned route.
    assert.deepEqual(s.riders.map((r) => r.id).sort(), ['r1', 'r2']);
    const r1 = s.riders.find((r) => r.id === 'r1')!;
    const rider1 = service.riders.require('r1');
    assert.deepEqual([r1.state, r1.offerId, r1.orderIds], ['busy', offer.id, ['o-tight']]);
    assert.deepEqual(r1.route, [[rider1.lng, rider1.lat], [CENTRE.lng, CENTRE.lat], [near(0.03, 0.01).lng, near(0.03, 0.01).lat]], 'position → pickup at s1 → drop-off');
    assert.deepEqual(s.riders.find((r) => r.id === 'r2')!.route, []);
    // Orders: the placed one from the store, the others from memory, each with its status.
    const byId = new Map(s.orders.map((o) => [o.id, o]));
    assert.deepEqual([...byId.keys()].sort(), ['o-overdue', 'o-placed', 'o-ready', 'o-tight']);
    assert.deepEqual(['o-placed', 'o-ready', 'o-tight', 'o-overdue'].map((id) => byId.get(id)!.status), ['placed', 'ready', 'assigned', 'ready']);
    assert.deepEqual(byId.get('o-placed')!.dropOff, [onlyPlaced.dropOff.lng, onlyPlaced.dropOff.lat]);
    const eta = service.etaOf('o-tight')!;
    assert.equal(byId.get('o-tight')!.etaAt, eta.dropoffAt);
    assert.equal(eta.late, true);
    assert.deepEqual(['o-placed', 'o-ready', 'o-tight', 'o-overdue'].map((id) => byId.get(id)!.atRisk), [false, false, true, true], 'predicted late, or past the promise');
    // Zones and heatmap: one service area per store; every order placed is demand, every shift start supply.
    assert.deepEqual(s.zones.map((z) => [z.storeId, z.radiusM, z.active]), [['s1', serviceAreaRadiusM(service.config.pricing.distance.maxDistanceM), true]]);
    assert.equal(s.heatmap.cells.reduce((n, c) => n + c.demand, 0), 4);
    assert.equal(s.heatmap.cells.reduce((n, c) => n + c.supply, 0), 2);
    // KPIs from the same state.
    const k = s.kpis;
    assert.deepEqual(k.ordersByStatus, service.countsByStatus());
    assert.equal(k.openOrders, 4);
    assert.equal(k.ordersPerMin, 4, '4 orders, counted over the first minute');
    assert.deepEqual([k.ordersWithEta, k.meanEtaSec, k.p90EtaSec], [1, eta.dropoffAt - byId.get('o-tight')!.placedAt, eta.dropoffAt - byId.get('o-tight')!.placedAt]);
    assert.deepEqual([k.ordersAtRisk, k.atRiskPct], [2, 50]);
    assert.deepEqual([k.ridersOnShift, k.ridersBusy, k.riderUtilisationPct], [2, 1, 50]);
    // The lateness alert, newest first.
    assert.equal(s.alerts[0]?.type, 'lateness.alert');
    assert.equal(s.alerts[0]?.orderId, 'o-tight');
    assert.equal(s.alerts[0]?.lateBySec, eta.dropoffAt - (clock.sec - 45 + 120));
  });

  it('reports the last epoch, however many events followed it', async () => {
    const report = await t.worker.loop.runEpoch();
    for (let i = 0; i < 3; i++) await placeOrder(t, admin, { id: `o-after-${i}`, storeId: 's1' });
    const s = await snapshot();
    assert.deepEqual(s.lastEpoch, { at: report.at, durationMs: Math.round(report.durationMs * 10) / 10, orders: report.orders, riders: report.riders, assignments: report.assignments, ordersAssigned: report.ordersAssigned });
    assert.ok(report.orders >= 2, 'the ready orders were in it');
    // A cancelled order leaves the snapshot.
    await t.worker.service.cancelOrder(ADMIN, 'o-after-0', 'test');
    assert.equal((await snapshot()).orders.some((o) => o.id === 'o-after-0'), false);
  });

  it('serves the page without a token, with a strict CSP, and its files under /ops/', async () => {
    const page = await request(t.url, 'GET', '/');
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(page.headers.get('content-security-policy'), OPS_PAGE_CSP);
    assert.match(OPS_PAGE_CSP, /default-src 'none'/);
    assert.match(page.text, /<script type="module" src="\/ops\/ops-view\.js">/);
    assert.doesNotMatch(page.text, /https?:\/\//, 'nothing from other hosts');
    for (const [file, type] of [['ops-view.js', /^text\/javascript/], ['ops-view.css', /^text\/css/], ['map-renderer.js', /^text\/javascript/]] as const) {
      const res = await request(t.url, 'GET', `/ops/${file}`);
      assert.equal(res.status, 200, file);
      assert.match(res.headers.get('content-type') ?? '', type, file);
    }
    for (const path of ['/ops/nope.js', '/ops/ops-view.d.ts', '/ops/index.html', '/ops/..%2Fpackage.json', '/ops/web.tsbuildinfo']) {
      expectError(await request(t.url, 'GET', path), 404, 'NOT_FOUND', path);
    }
  });
});

describe('ops view when the page is not built', () => {
  let server: Server | undefined;
  let dir = '';
  after(async () => {
    await new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())));
    removeDir(dir);
  });

  it('answers GET / with 503 OPS_VIEW_NOT_BUILT naming the command', async () => {
    const t = await TestWorker.start('ops-unbuilt', {}, true);
    try {
      dir = freshDataDir('ops-empty');
      const app = express();
      const assets = OpsAssets.load(dir, dir);
      assert.equal(assets.page, undefined);
      assert.deepEqual(assets.names(), []);
      mountOpsRoutes(app, { service: t.worker.service, verifier: new TokenVerifier({ secret: AuthSecret.from(TEST_SECRET) }), logger: pino({ level: 'silent' }), metrics: { observeRequest: () => undefined }, opsAssets: assets });
      server = createServer(app);
      await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
      const res = await request(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, 'GET', '/');
      const error = expectError(res, 503, 'OPS_VIEW_NOT_BUILT');
      assert.match(error.message, /npm run build/);
    } finally {
      await t.close();
    }
  });
});
