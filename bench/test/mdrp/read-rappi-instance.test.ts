import assert from 'node:assert/strict';
import { InstanceParseError, RAPPI_DETOUR_FACTOR, readRappiInstance } from '@o2o/bench';
import { haversineDistanceM } from '@o2o/geo';
import { TINY_RAPPI_FILES, writeTinyData } from './mdrp-fixtures.js';

const H = 3600;

describe('readRappiInstance', () => {
  it('groups equal pickup coordinates into stores, sorts orders, wraps past-midnight times', () => {
    const data = writeTinyData();
    try {
      const instance = readRappiInstance(data.rappiDir);
      assert.equal(instance.name, '7');
      // Sorted: 2 (09:30), 1 (10:00), 3 (23:50); "4.6,-74.08" and "4.6000,-74.0800" are one store.
      assert.deepEqual(instance.orders.map((o) => [o.id, o.store, o.placedAt, o.readyAt, o.promisedBy]), [
        ['2', 0, 9.5 * H, 9.5 * H + 20 * 60, 10 * H],
        ['1', 0, 10 * H, 10 * H + 20 * 60, 10.5 * H],
        ['3', 1, 23 * H + 50 * 60, 24 * H + 10 * 60, 24 * H + 20 * 60],
      ]);
      assert.deepEqual(instance.stores.map((s) => s.id), ['s1', 's2']);
      assert.deepEqual([instance.pickupServiceSec, instance.targetClickToDoorSec, instance.maxClickToDoorSec, instance.sameStoreBundlesOnly], [240, 2400, 5400, true]);
    } finally {
      data.cleanup();
    }
  });

  it('trims shifts to [first placement, last placement + max click-to-door] and drops empty ones', () => {
    const data = writeTinyData();
    try {
      const trimmed = readRappiInstance(data.rappiDir);
      // Period 09:30 … 23:50 + 90 min = 25:20. Courier 2 works 22:00 … 02:00 (next day); 3 has a
      // zero-length shift; 4 ends (06:00) before the period starts.
      assert.deepEqual(trimmed.couriers.map((c) => [c.id, c.vehicle, c.onAt, c.offAt]), [
        ['1', 'motorcycle', 9.5 * H, 12 * H],
        ['2', 'walking', 22 * H, 25 * H + 20 * 60],
      ]);
      const full = readRappiInstance(data.rappiDir, { trimShifts: false });
      assert.deepEqual(full.couriers.map((c) => [c.id, c.onAt, c.offAt]), [
        ['1', 8 * H, 12 * H],
        ['2', 22 * H, 26 * H],
        ['4', 0, 6 * H],
      ]);
    } finally {
      data.cleanup();
    }
  });

  it('projects to metres (within 0.1 % of haversine) and times travel by vehicle with a 1.3 detour', () => {
    const data = writeTinyData();
    try {
      const instance = readRappiInstance(data.rappiDir);
      const s1 = instance.stores[0]!;
      const o1 = instance.orders[1]!; // order 1: dropped off 0.01° north of s1
      const o3 = instance.orders[2]!; // order 3: from s2 (4.62, -74.06) to (4.63, -74.06)
      const s2 = instance.stores[1]!;
      const straight = Math.hypot(o1.x - s1.x, o1.y - s1.y);
      assert.ok(Math.abs(straight / haversineDistanceM(-74.08, 4.6, -74.08, 4.61) - 1) < 1e-3);
      const diagonal = Math.hypot(o3.x - s1.x, o3.y - s1.y);
      assert.ok(Math.abs(diagonal / haversineDistanceM(-74.08, 4.6, -74.06, 4.63) - 1) < 1e-3);
      assert.ok(Math.abs(Math.hypot(s2.x - s1.x, s2.y - s1.y) / haversineDistanceM(-74.08, 4.6, -74.06, 4.62) - 1) < 1e-3);
      assert.equal(instance.travel.distanceM(s1.x, s1.y, o1.x, o1.y, 0), straight * RAPPI_DETOUR_FACTOR);
      assert.equal(instance.travel.timeSec(s1.x, s1.y, o1.x, o1.y, 0), Math.ceil((straight * 1.3) / 7)); // motorcycle
      assert.equal(instance.travel.timeSec(s1.x, s1.y, o1.x, o1.y, 1), Math.ceil((straight * 1.3) / 1.3)); // walking
    } finally {
      data.cleanup();
    }
  });

  it('names the file, the line and the field of a bad value', () => {
    const cases: [Record<string, string>, string][] = [
      [{ 'couriers.csv': TINY_RAPPI_FILES['couriers.csv']!.replace('4,car', '4,rocket') }, 'couriers.csv line 5: vehicle must be one of walking, bicycle, motorcycle, car, got "rocket"'],
      [{ 'orders.csv': TINY_RAPPI_FILES['orders.csv']!.replace('10:00:00,10:01:00', '10:61:00,10:01:00') }, 'orders.csv line 2: placement_time must be a time HH:MM:SS, got "10:61:00"'],
      [{ 'orders.csv': TINY_RAPPI_FILES['orders.csv']!.replace('2,4.6,-74.08', '2,94.6,-74.08') }, 'orders.csv line 3: pick_up_lat must be a latitude in [-90, 90], got 94.6'],
      [{ 'orders.csv': TINY_RAPPI_FILES['orders.csv']!.replace('3,4.6200', '1,4.6200') }, 'orders.csv line 4: order_id must be unique (already on line 2), got "1"'],
    ];
    for (const [rappi, message] of cases) {
      const data = writeTinyData({ rappi });
      try {
        assert.throws(() => readRappiInstance(data.rappiDir), (error: unknown) => error instanceof InstanceParseError && error.message === message);
      } finally {
        data.cleanup();
      }
    }
  });
});
