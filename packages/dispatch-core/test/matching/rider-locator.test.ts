import assert from 'node:assert/strict';
import { DispatchInputError, RiderLocator, generateSyntheticCity, type Rider } from '@o2o/dispatch-core';
import { haversineDistanceM, mulberry32, randomPointInDisc } from '@o2o/geo';

describe('RiderLocator', () => {
  const city = generateSyntheticCity({ seed: 4, numRiders: 300, numOrders: 0 });

  function bruteForce(riders: ReadonlyMap<string, { rider: Rider; pos: readonly [number, number]; status: string; load: number }>, p: readonly [number, number], k: number, atSec?: number, minFree = 0): string[] {
    return [...riders.values()]
      .filter((r) => r.status === 'idle')
      .filter((r) => atSec === undefined || (r.rider.shiftStart <= atSec && atSec < r.rider.shiftEnd))
      .filter((r) => r.rider.capacity - r.load >= minFree)
      .map((r) => ({ id: r.rider.id, d: haversineDistanceM(r.pos[0], r.pos[1], p[0], p[1]) }))
      .sort((a, b) => a.d - b.d || a.id.localeCompare(b.id))
      .slice(0, k)
      .map((r) => r.id);
  }

  it('matches brute force through moves, status changes and loads', () => {
    const locator = new RiderLocator(city.riders);
    const state = new Map(city.riders.map((r) => [r.id, { rider: r, pos: r.position, status: r.status as string, load: 0 }]));
    const rng = mulberry32(99);
    for (let round = 0; round < 20; round++) {
      for (const r of city.riders) {
        if (rng() < 0.5) {
          const pos = randomPointInDisc(rng, city.center, city.radiusM);
          locator.move(r.id, pos);
          state.get(r.id)!.pos = pos;
        }
        if (rng() < 0.1) {
          const status = (['idle', 'busy', 'offline'] as const)[Math.floor(rng() * 3)]!;
          locator.setStatus(r.id, status);
          state.get(r.id)!.status = status;
        }
        if (rng() < 0.1) {
          const load = Math.floor(rng() * (r.capacity + 1));
          locator.setLoad(r.id, load);
          state.get(r.id)!.load = load;
        }
      }
      const q = randomPointInDisc(rng, city.center, city.radiusM);
      const atSec = city.startAt + Math.floor(rng() * 6 * 3600);
      const got = locator.nearestAvailable(q[0], q[1], { k: 5, atSec, minFreeCapacity: 4 });
      const want = bruteForce(state, q, 5, atSec, 4);
      assert.deepEqual(got.map((c) => c.riderId).sort(), [...want].sort(), `round ${round}`);
      for (const c of got) assert.equal(locator.statusOf(c.riderId), 'idle');
    }
  });

  it('returns nothing within a radius that holds no idle rider', () => {
    const locator = new RiderLocator(city.riders);
    assert.deepEqual(locator.nearestAvailable(city.center[0] + 2, city.center[1], { maxDistanceM: 1_000 }), []);
  });

  it('reports the rider position after a move', () => {
    const locator = new RiderLocator(city.riders);
    locator.move('rider-3', [-74.1, 4.7]);
    assert.deepEqual(locator.positionOf('rider-3'), [-74.1, 4.7]);
  });

  it('rejects unknown riders, bad positions, statuses and loads with the field named', () => {
    const locator = new RiderLocator(city.riders);
    assert.throws(() => locator.move('nobody', [0, 0]), (e: unknown) => e instanceof DispatchInputError && e.field === 'riderId' && /nobody/.test(e.message));
    assert.throws(() => locator.move('rider-0', [0, 95]), /lat/);
    assert.throws(() => locator.setStatus('rider-0', 'sleeping' as never), (e: unknown) => e instanceof DispatchInputError && e.field === 'status');
    assert.throws(() => locator.setLoad('rider-0', -1), (e: unknown) => e instanceof DispatchInputError && e.field === 'load');
    assert.throws(() => new RiderLocator([city.riders[0]!, city.riders[0]!]), (e: unknown) => e instanceof DispatchInputError && e.code === 'DUPLICATE_ID');
  });
});
