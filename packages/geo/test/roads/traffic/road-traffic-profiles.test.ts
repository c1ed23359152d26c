import assert from 'node:assert/strict';
import {
  DEFAULT_CONGESTION_PROFILE,
  DEFAULT_ROAD_TRAFFIC_PROFILES,
  ROAD_CLASSES,
  ROAD_CLASS_PEAK_FACTORS,
  congestionProfileWithPeak,
  defaultRoadCongestionSensitivity,
  type RoadClass,
} from '@o2o/geo';
import { assertGeoError, near } from './traffic-fixtures.js';

/** Pinned derived factors: weekday 08:00 and 17:00, weekend lowest and highest. */
const PINNED: ReadonlyArray<[RoadClass, number, number, number, number]> = [
  ['motorway', 0.5833333333, 0.55, 0.8, 0.9833333333],
  ['trunk', 0.5833333333, 0.55, 0.8, 0.9833333333],
  ['primary', 0.6296296296, 0.6, 0.8222222222, 0.9851851852],
  ['secondary', 0.6759259259, 0.65, 0.8444444444, 0.987037037],
  ['tertiary', 0.75, 0.73, 0.88, 0.99],
  ['unclassified', 0.8148148148, 0.8, 0.9111111111, 0.9925925926],
  ['road', 0.8148148148, 0.8, 0.9111111111, 0.9925925926],
  ['residential', 0.8611111111, 0.85, 0.9333333333, 0.9944444444],
  ['service', 0.8611111111, 0.85, 0.9333333333, 0.9944444444],
  ['living_street', 1, 1, 1, 1],
  ['cycleway', 1, 1, 1, 1],
  ['footway', 1, 1, 1, 1],
  ['path', 1, 1, 1, 1],
  ['steps', 1, 1, 1, 1],
];

/** Classes from most to least congested. */
const DEPTH_ORDER: readonly RoadClass[] = ['motorway', 'primary', 'secondary', 'tertiary', 'unclassified', 'residential', 'living_street'];

describe('roads/traffic/road-traffic-profiles', () => {
  it('pins the derived factors of every class group (weekday 08:00 / 17:00, weekend range)', () => {
    for (const [cls, at8, at17, weekendMin, weekendMax] of PINNED) {
      const p = DEFAULT_ROAD_TRAFFIC_PROFILES[cls];
      near(p.weekday[8]!, at8, 1e-9, `${cls} 08:00`);
      near(p.weekday[17]!, at17, 1e-9, `${cls} 17:00`);
      near(Math.min(...p.weekend), weekendMin, 1e-9, `${cls} weekend min`);
      near(Math.max(...p.weekend), weekendMax, 1e-9, `${cls} weekend max`);
    }
  });

  it('keeps the typical urban class (tertiary) on the base curve: 0.75 at 08:00, 0.73 at 17:00, weekends 0.88–0.99', () => {
    const p = DEFAULT_ROAD_TRAFFIC_PROFILES.tertiary;
    for (let h = 0; h < 24; h++) {
      near(p.weekday[h]!, DEFAULT_CONGESTION_PROFILE.weekday[h]!, 1e-12);
      near(p.weekend[h]!, DEFAULT_CONGESTION_PROFILE.weekend[h]!, 1e-12);
    }
    assert.ok(p.weekend.every((f) => f >= 0.88 && f <= 0.99));
  });

  it('gives every class its peak factor as the lowest of the week, at weekday 17:00', () => {
    for (const c of ROAD_CLASSES) {
      const p = DEFAULT_ROAD_TRAFFIC_PROFILES[c];
      assert.equal(Math.min(...p.weekday, ...p.weekend), ROAD_CLASS_PEAK_FACTORS[c], c);
      assert.equal(p.weekday[17], ROAD_CLASS_PEAK_FACTORS[c], c);
    }
  });

  it('links share their parent class profile', () => {
    for (const c of ['motorway', 'trunk', 'primary', 'secondary', 'tertiary'] as const) {
      assert.deepEqual(DEFAULT_ROAD_TRAFFIC_PROFILES[`${c}_link`], DEFAULT_ROAD_TRAFFIC_PROFILES[c]);
    }
  });

  it('orders classes by depth at every hour of both day types, free flow at night on weekdays', () => {
    for (const dayType of ['weekday', 'weekend'] as const) {
      for (let h = 0; h < 24; h++) {
        for (let i = 1; i < DEPTH_ORDER.length; i++) {
          const deeper = DEFAULT_ROAD_TRAFFIC_PROFILES[DEPTH_ORDER[i - 1]!][dayType][h]!;
          const lighter = DEFAULT_ROAD_TRAFFIC_PROFILES[DEPTH_ORDER[i]!][dayType][h]!;
          assert.ok(deeper <= lighter, `${dayType} ${h}:00 ${DEPTH_ORDER[i - 1]} ${deeper} > ${DEPTH_ORDER[i]} ${lighter}`);
        }
      }
    }
    for (const c of ROAD_CLASSES) {
      for (const h of [0, 1, 2, 3, 4, 23]) assert.equal(DEFAULT_ROAD_TRAFFIC_PROFILES[c].weekday[h], 1, `${c} ${h}:00`);
    }
  });

  it('congestionProfileWithPeak rescales depth, keeps timing, and validates', () => {
    const p = congestionProfileWithPeak(0.5);
    assert.equal(Math.min(...p.weekday), 0.5);
    assert.equal(p.weekday.indexOf(0.5), 17);
    near(p.weekday[8]!, 1 - (0.5 / 0.27) * 0.25);
    assert.deepEqual(congestionProfileWithPeak(1).weekday, new Array(24).fill(1));
    assertGeoError(() => congestionProfileWithPeak(0), 'peakFactor', 'must be a finite number in (0, 1]');
    assertGeoError(() => congestionProfileWithPeak(Number.NaN), 'peakFactor');
    assertGeoError(() => congestionProfileWithPeak(0.6, { weekday: new Array(24).fill(1), weekend: new Array(24).fill(1) }), 'base', 'must dip below 1');
    assertGeoError(() => congestionProfileWithPeak(0.6, { weekday: [1], weekend: [] }), 'base.weekday');
  });

  it('defaults the congestion sensitivity by graph profile', () => {
    assert.equal(defaultRoadCongestionSensitivity('car'), 1);
    assert.equal(defaultRoadCongestionSensitivity('scooter'), 0.5);
    assert.equal(defaultRoadCongestionSensitivity('bike'), 0);
    assert.equal(defaultRoadCongestionSensitivity('walk'), 0);
    assert.equal(defaultRoadCongestionSensitivity('truck'), 1);
    assert.equal(defaultRoadCongestionSensitivity('constructor'), 1);
  });
});
