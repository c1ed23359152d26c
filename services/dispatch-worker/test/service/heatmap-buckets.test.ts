/** The service's demand heatmap counts orders in time buckets: bounded memory at any order rate. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SERVICE_OPTIONS, DispatchService, SqliteOrderStore, type AdminPrincipal } from '@o2o/dispatch-worker';

const ADMIN: AdminPrincipal = { role: 'admin', sub: 'heatmap-buckets', expiresAt: 4_102_444_800 };

describe('DispatchService demand heatmap', () => {
  const root = mkdtempSync(join(tmpdir(), 'o2o-heatmap-buckets-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  it('counts orders of one cell in one bucket as one entry and drops them a window after their bucket', async () => {
    let now = 1_800_000_003; // 3 s into a 5 s bucket
    const store = SqliteOrderStore.open({ dataDir: root });
    const service = await DispatchService.open({ store, clock: () => now });
    try {
      assert.equal(DEFAULT_SERVICE_OPTIONS.heatmapBucketSec, 5);
      assert.equal(service.heatmap.bucketSec, 5);
      await service.createStore(ADMIN, { id: 's1', kind: 'store', location: { lat: 52.37, lng: 4.89 } });
      const body = { storeId: 's1', items: [{ sku: 'meal', quantity: 1 }], dropOff: { lat: 52.375, lng: 4.89 } };
      for (let i = 0; i < 20; i++) {
        await service.createOrder(ADMIN, body, undefined);
        if (i === 9) now += 1; // still the same bucket
      }
      assert.deepEqual([service.heatmap.numEvents, service.heatmap.numEntries], [20, 1]);
      now = 1_800_000_000 + DEFAULT_SERVICE_OPTIONS.heatmapWindowSec; // the bucket's start + window
      service.heatmap.advanceTo(now);
      assert.equal(service.heatmap.numEvents, 0);
    } finally {
      await store.close();
    }
  });
});
