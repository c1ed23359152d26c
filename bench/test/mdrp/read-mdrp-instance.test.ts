import assert from 'node:assert/strict';
import { InstanceParseError, MdrpTravelModel, readMdrpInstance } from '@o2o/bench';
import { mdrpWith, writeTinyData } from './mdrp-fixtures.js';

function parseError(overrides: Record<string, string>): string {
  const data = writeTinyData({ mdrp: overrides });
  try {
    readMdrpInstance(data.mdrpDir);
  } catch (error) {
    assert.ok(error instanceof InstanceParseError, String(error));
    return error.message;
  } finally {
    data.cleanup();
  }
  assert.fail('expected an InstanceParseError');
}

describe('readMdrpInstance', () => {
  it('reads the five files: ids as given, minutes to seconds, orders sorted by placement (stable)', () => {
    const data = writeTinyData();
    try {
      const instance = readMdrpInstance(data.mdrpDir);
      assert.equal(instance.name, 'tiny');
      assert.deepEqual(instance.stores, [{ id: 'r1', x: 0, y: 0 }, { id: 'r2', x: 3200, y: 0 }]);
      assert.deepEqual(instance.orders, [
        { id: 'o2', x: 3200, y: 320, placedAt: 300, readyAt: 900, store: 1 },
        { id: 'o1', x: 0, y: 640, placedAt: 600, readyAt: 1200, store: 0 },
        { id: 'o3', x: 100, y: 0, placedAt: 600, readyAt: 1800, store: 0 },
      ]);
      assert.deepEqual(instance.couriers, [
        { id: 'c1', x: 0, y: 0, onAt: 0, offAt: 7200 },
        { id: 'c2', x: 3200, y: 0, onAt: 0, offAt: 3600 },
      ]);
      assert.deepEqual(
        [instance.pickupServiceSec, instance.dropoffServiceSec, instance.targetClickToDoorSec, instance.maxClickToDoorSec, instance.pay, instance.sameStoreBundlesOnly],
        [240, 240, 2400, 5400, { perOrder: 10, perHour: 15 }, true],
      );
      assert.ok(instance.travel instanceof MdrpTravelModel);
    } finally {
      data.cleanup();
    }
  });

  it('times travel as 60 × ⌈euclidean / meters_per_minute⌉ seconds', () => {
    const travel = new MdrpTravelModel(320);
    assert.equal(travel.timeSec(0, 0, 640, 0), 120); // exactly 2 min
    assert.equal(travel.timeSec(0, 0, 641, 0), 180); // a metre more: rounded up to 3
    assert.equal(travel.timeSec(0, 0, 0, 0), 0);
    assert.equal(travel.timeSec(0, 0, 300, 400), 120); // 500 m
    assert.equal(travel.distanceM(0, 0, 300, 400), 500);
  });

  it('names the file, the line and the field of a bad value', () => {
    assert.equal(parseError(mdrpWith('orders.txt', 'o3\t100\t0\t10\tr1', 'o3\t100\t0\t10\tr9')), 'orders.txt line 4: restaurant must be a restaurant of restaurants.txt, got "r9"');
    assert.equal(parseError(mdrpWith('orders.txt', '\t5\tr2', '\t5.5\tr2')), 'orders.txt line 3: placement_time must be an integer, got "5.5"');
    assert.equal(parseError(mdrpWith('orders.txt', 'r2\t15', 'r2\t4')), 'orders.txt line 3: ready_time must be ≥ placement_time (5), got 4');
    assert.equal(parseError(mdrpWith('couriers.txt', 'c2\t3200', 'c1\t3200')), 'couriers.txt line 3: courier must be unique (already on line 2), got "c1"');
    assert.equal(parseError(mdrpWith('couriers.txt', '0\t60', '70\t60')), 'couriers.txt line 3: off_time must be ≥ on_time (70), got 60');
    assert.equal(parseError(mdrpWith('restaurants.txt', 'r2\t3200\t0', 'r2\t3200')), 'restaurants.txt line 3: expected 3 fields (restaurant, x, y), got 2');
    assert.equal(parseError(mdrpWith('restaurants.txt', 'r2\t3200\t0', 'r2\tfar\t0')), 'restaurants.txt line 3: x must be a number, got "far"');
  });

  it('rejects a wrong header, bad parameters, a missing file and counts that disagree', () => {
    assert.match(parseError(mdrpWith('orders.txt', 'ready_time', 'ready')), /^orders\.txt line 1: the header must be "order\\tx\\ty\\tplacement_time\\trestaurant\\tready_time", got/);
    assert.equal(parseError(mdrpWith('instance_parameters.txt', '320\t4', '0\t4')), 'instance_parameters.txt line 2: meters_per_minute must be > 0, got 0');
    assert.equal(parseError(mdrpWith('instance_parameters.txt', '320\t4\t4', '320\t4\t4.01')), 'instance_parameters.txt line 2: dropoff service minutes must be ≥ 0 minutes and a whole, even number of seconds, got 4.01');
    assert.equal(parseError(mdrpWith('instance_parameters.txt', '10\t15\n', '10\t15\n320\t4\t4\t40\t90\t10\t15\n')), 'instance_parameters.txt: expected exactly one data line, got 2');
    assert.equal(parseError(mdrpWith('instance_characteristics.txt', 'orders: 3', 'orders: 4')), 'instance_characteristics.txt line 1: number of orders must match orders.txt (3), got 4');
    const data = writeTinyData();
    try {
      assert.throws(() => readMdrpInstance(`${data.mdrpDir}-missing`), /restaurants\.txt: cannot read the file \(ENOENT\)/);
    } finally {
      data.cleanup();
    }
  });
});
