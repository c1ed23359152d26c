import assert from 'node:assert/strict';
import { haversineDistanceM } from '@o2o/geo';
import { ROAD_DETOUR_FACTOR, SERVICE_AREA_VERTICES, opsPoint, serviceAreaRadiusM, storeServiceArea } from '@o2o/dispatch-worker';

describe('store service areas (ops zones)', () => {
  it('is the disc a quote accepts: the road limit over the detour factor', () => {
    assert.equal(serviceAreaRadiusM(6_000), Math.floor(6_000 / ROAD_DETOUR_FACTOR));
    assert.equal(serviceAreaRadiusM(6_000), 4_615);
  });

  it('is a closed counter-clockwise ring whose every vertex lies at the radius', () => {
    const zone = storeServiceArea({ id: 's1', location: [-74.08, 4.65], open: false }, 4_615);
    assert.equal(zone.storeId, 's1');
    assert.equal(zone.active, false);
    assert.equal(zone.ring.length, SERVICE_AREA_VERTICES + 1);
    assert.deepEqual(zone.ring[0], zone.ring[zone.ring.length - 1]);
    for (const [lng, lat] of zone.ring) assert.ok(Math.abs(haversineDistanceM(-74.08, 4.65, lng, lat) - 4_615) < 0.5, `${lng}, ${lat}`);
    // Shoelace on [lng, lat]: positive area means counter-clockwise.
    let twiceArea = 0;
    for (let i = 0; i + 1 < zone.ring.length; i++) twiceArea += zone.ring[i]![0] * zone.ring[i + 1]![1] - zone.ring[i + 1]![0] * zone.ring[i]![1];
    assert.ok(twiceArea > 0, 'counter-clockwise');
  });

  it('rounds points to 6 decimals', () => {
    assert.deepEqual(opsPoint(4.123456789, -52.000000449), [4.123457, -52]);
  });
});
