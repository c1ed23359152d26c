import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthSecret, DemoFeed, DispatchWorker } from '@o2o/dispatch-worker';

describe('DemoFeed', function () {
  this.timeout(60_000);
  let dir = '';
  let worker: DispatchWorker | undefined;
  afterEach(async () => {
    await worker?.close();
    worker = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('drives a whole lunch through the service: orders placed, accepted, dispatched, delivered', async () => {
    dir = mkdtempSync(join(tmpdir(), 'o2o-demo-'));
    let now = 1_790_000_000;
    worker = await DispatchWorker.start({ secret: AuthSecret.from('d'.repeat(40)), port: 0, sqlite: { dataDir: dir }, epochSec: 0, logLevel: 'silent', clock: () => now });
    const demo = new DemoFeed(worker.service, { tickMs: 0, restaurants: 8, darkStores: 2, riders: 15, peakOrdersPerSec: 0.5, cycleSec: 300, riderSpeedMps: 60 });
    await demo.start();
    assert.equal(worker.service.catalog.size, 10);
    assert.equal(worker.service.riders.countOnShift(), 15);
    for (let s = 1; s <= 600; s++) {
      now++;
      await demo.tick();
      if (s % 5 === 0) await worker.loop.runEpoch();
    }
    await demo.stop();
    const counts = worker.service.countsByStatus();
    assert.ok(demo.stats.ordersPlaced > 50, `placed ${demo.stats.ordersPlaced}`);
    assert.ok(demo.stats.offersAccepted > 10, `offers accepted ${demo.stats.offersAccepted}`);
    assert.ok(counts.delivered > 10, `delivered ${counts.delivered}`);
    assert.ok(worker.loop.stats.ordersAssigned >= counts.delivered);
    // Restarting the feed on the same data registers nothing twice.
    await new DemoFeed(worker.service, { tickMs: 0, restaurants: 8, darkStores: 2, riders: 15 }).start();
    assert.equal(worker.service.catalog.size, 10);
  });
});
