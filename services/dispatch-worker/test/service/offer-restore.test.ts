/**
 * Offers survive a restart of the service (or a region's new owner, which opens the same store):
 * an open offer comes back with its id and expiry and still expires or is answered; an accepted
 * one keeps its orders with the rider past the offer's expiry.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DispatchService, SqliteOrderStore, type AdminPrincipal } from '@o2o/dispatch-worker';

const ADMIN: AdminPrincipal = { role: 'admin', sub: 'offer-restore', expiresAt: 4_102_444_800 };
const CENTRE = { lat: 52.3731, lng: 4.8926 };
const TTL_SEC = 60;

describe('DispatchService offers across a restart', () => {
  const root = mkdtempSync(join(tmpdir(), 'o2o-offer-restore-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  let now = 1_800_000_000;
  const clock = (): number => now;
  let dir = '';
  let n = 0;
  beforeEach(() => {
    dir = join(root, `case-${++n}`);
  });

  async function open(): Promise<{ service: DispatchService; store: SqliteOrderStore }> {
    const store = SqliteOrderStore.open({ dataDir: dir });
    return { service: await DispatchService.open({ store, clock, options: { offerTtlSec: TTL_SEC } }), store };
  }

  /** A store, rider r1 on shift, and `count` ready orders offered to r1 in one offer. */
  async function offered(service: DispatchService, count: number) {
    await service.createStore(ADMIN, { id: 's1', kind: 'store', location: CENTRE });
    await service.createRider(ADMIN, { id: 'r1', mode: 'bike' });
    await service.shift(ADMIN, 'r1', { action: 'start', position: CENTRE });
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const created = await service.createOrder(ADMIN, { id: `o${i}`, storeId: 's1', items: [{ sku: 'meal', quantity: 1 }], dropOff: { lat: CENTRE.lat + 0.005, lng: CENTRE.lng } }, undefined);
      await service.acceptOrder(ADMIN, created.body.id);
      await service.markReady(ADMIN, created.body.id);
      ids.push(created.body.id);
    }
    const offer = await service.applyAssignment({ riderId: 'r1', orderIds: ids, pickupAt: now + 120, dropoffAt: ids.map((_, i) => now + 600 + i) }, now);
    assert.ok(offer !== undefined);
    return offer;
  }

  it('an open offer comes back with its id and expiry, can be accepted, and the acceptance is kept', async () => {
    let { service, store } = await open();
    const offer = await offered(service, 2);
    await store.close();
    ({ service, store } = await open());
    const back = service.offers.get(offer.id);
    assert.ok(back !== undefined, 'the offer is back under its id');
    assert.deepEqual([back.status, back.orderIds, back.expiresAt], ['open', ['o0', 'o1'], offer.expiresAt]);
    assert.equal(service.riderView(service.riders.require('r1')).offerId, offer.id);
    await service.acceptOffer({ role: 'rider', sub: 'r1', riderId: 'r1', expiresAt: 4_102_444_800 }, 'r1', offer.id);
    await store.close();
    now += TTL_SEC * 3;
    ({ service, store } = await open());
    assert.equal(service.offers.get(offer.id), undefined, 'an accepted offer is not reopened');
    assert.equal(await service.expireOffers(now), 0);
    assert.deepEqual([service.activeOrder('o0')?.status, service.activeOrder('o0')?.riderId], ['assigned', 'r1'], 'the orders stay with the rider who accepted');
    await store.close();
  });

  it('an open offer whose time ran out during the restart expires: its orders go back to ready', async () => {
    let { service, store } = await open();
    const offer = await offered(service, 1);
    await store.close();
    now += TTL_SEC + 1;
    ({ service, store } = await open());
    assert.equal(service.offers.get(offer.id)?.status, 'open');
    assert.equal(await service.expireOffers(now), 1);
    assert.equal(service.activeOrder('o0')?.status, 'ready');
    assert.equal(service.riderView(service.riders.require('r1')).offerId, null);
    await store.close();
  });

  it('a pickup accepts the offer durably: its other orders stay with the rider after a restart', async () => {
    let { service, store } = await open();
    const offer = await offered(service, 2);
    await service.pickupOrder({ role: 'rider', sub: 'r1', riderId: 'r1', expiresAt: 4_102_444_800 }, 'o0');
    await store.close();
    now += TTL_SEC * 3;
    ({ service, store } = await open());
    assert.equal(service.offers.get(offer.id), undefined, 'not reopened: the pickup accepted it');
    assert.equal(await service.expireOffers(now), 0);
    assert.deepEqual([service.activeOrder('o1')?.status, service.activeOrder('o1')?.riderId], ['assigned', 'r1']);
    await store.close();
  });

  it('with other dispatchers in the city, the restored offer claims its rider again until it expires', async () => {
    let { service, store } = await open();
    const offer = await offered(service, 1);
    await store.close();
    now += 10;
    const claims: [string, number][] = [];
    const gate = { claim: async (riderId: string, ttlSec: number) => (claims.push([riderId, ttlSec]), true), extend: async () => undefined, release: async () => undefined };
    store = SqliteOrderStore.open({ dataDir: dir });
    service = await DispatchService.open({ store, clock, options: { offerTtlSec: TTL_SEC }, riderGate: gate });
    assert.equal(service.offers.get(offer.id)?.status, 'open');
    assert.deepEqual(claims, [['r1', offer.expiresAt - now + 30]]);
    await store.close();
  });

  it('keeps only the orders still assigned to the rider (a cancelled one leaves the offer)', async () => {
    let { service, store } = await open();
    const offer = await offered(service, 2);
    await service.cancelOrder(ADMIN, 'o1', 'customer');
    await store.close();
    ({ service, store } = await open());
    assert.deepEqual(service.offers.get(offer.id)?.orderIds, ['o0']);
    await store.close();
  });
});
