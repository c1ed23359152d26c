import assert from 'node:assert/strict';
import {
  DEFAULT_ROAD_TRAFFIC_PROFILES,
  FREE_FLOW_CONGESTION_PROFILE,
  NUM_ROAD_CLASSES,
  ROAD_CLASSES,
  RoadTrafficModel,
  generateGridCity,
  roadClassCode,
  type CongestionProfile,
} from '@o2o/geo';
import { FRI, HOUR_MS, SAT, WED, assertGeoError, near, starGraph, withWayIds } from './traffic-fixtures.js';

const TERTIARY = roadClassCode('tertiary');
const PRIMARY = roadClassCode('primary');
const RESIDENTIAL = roadClassCode('residential');
const MOTORWAY = roadClassCode('motorway');
const tertiary = DEFAULT_ROAD_TRAFFIC_PROFILES.tertiary;
const motorway = DEFAULT_ROAD_TRAFFIC_PROFILES.motorway;
const HALF: CongestionProfile = { weekday: new Array(24).fill(0.5), weekend: new Array(24).fill(0.5) };
const QUARTER: CongestionProfile = { weekday: new Array(24).fill(0.25), weekend: new Array(24).fill(0.25) };

describe('roads/traffic/road-traffic-model', () => {
  const graph = generateGridCity({ rows: 6, cols: 6, seed: 3 });

  describe('factors', () => {
    const model = new RoadTrafficModel(graph);

    it('reads the class profile at hour marks and interpolates between them (UTC by default)', () => {
      near(model.classSpeedFactorAt('tertiary', WED + 8 * HOUR_MS), 0.75);
      near(model.classSpeedFactorAt('tertiary', WED + 17 * HOUR_MS), 0.73);
      near(model.classSpeedFactorAt(TERTIARY, WED + 8.5 * HOUR_MS), (tertiary.weekday[8]! + tertiary.weekday[9]!) / 2);
      near(model.classSpeedFactorAt('motorway', WED + 17 * HOUR_MS), 0.55);
      near(model.classSpeedFactorAt('motorway', WED + 16.25 * HOUR_MS), 0.75 * motorway.weekday[16]! + 0.25 * motorway.weekday[17]!);
      near(model.classSpeedFactorAt('living_street', WED + 17 * HOUR_MS), 1);
    });

    it('runs continuously across midnight, from Friday (weekday) into Saturday (weekend)', () => {
      for (const cls of ['motorway', 'primary', 'tertiary', 'residential'] as const) {
        const p = DEFAULT_ROAD_TRAFFIC_PROFILES[cls];
        near(model.classSpeedFactorAt(cls, SAT - 0.5 * HOUR_MS), (p.weekday[23]! + p.weekend[0]!) / 2, 1e-12, cls);
        near(model.classSpeedFactorAt(cls, SAT), p.weekend[0]!, 1e-12, cls);
        near(model.classSpeedFactorAt(cls, SAT - 1), p.weekend[0]!, 1e-6, cls);
        near(model.classSpeedFactorAt(cls, FRI + 17 * HOUR_MS), p.weekday[17]!, 1e-12, cls);
        near(model.classSpeedFactorAt(cls, SAT + 17 * HOUR_MS), p.weekend[17]!, 1e-12, cls);
      }
    });

    it('uses local time: a fixed UTC offset or an IANA zone with daylight saving', () => {
      const plus1 = new RoadTrafficModel(graph, { utcOffsetMin: 60 });
      near(plus1.classSpeedFactorAt('tertiary', WED + 7 * HOUR_MS), 0.75);
      const lisbon = new RoadTrafficModel(graph, { timeZone: 'Europe/Lisbon' });
      near(lisbon.classSpeedFactorAt('tertiary', WED + 8 * HOUR_MS), 0.75, 1e-12, 'winter: UTC+0');
      const JULY_WED = Date.UTC(2024, 6, 10);
      near(lisbon.classSpeedFactorAt('tertiary', JULY_WED + 7 * HOUR_MS), 0.75, 1e-12, 'summer: UTC+1');
      near(lisbon.classSpeedFactorAt('tertiary', JULY_WED + 16 * HOUR_MS), 0.73, 1e-12);
    });

    it('follows daylight-saving changes of the zone within the hour they happen', () => {
      const ramp: CongestionProfile = {
        weekday: Array.from({ length: 24 }, (_, h) => (h + 1) / 25),
        weekend: Array.from({ length: 24 }, (_, h) => (h + 1) / 50),
      };
      const paris = new RoadTrafficModel(graph, { timeZone: 'Europe/Paris', classProfiles: { tertiary: ramp } });
      const spring = Date.UTC(2024, 2, 31, 1); // Sunday 02:00 CET becomes 03:00 CEST
      near(paris.classSpeedFactorAt('tertiary', spring - 30 * 60_000), (ramp.weekend[1]! + ramp.weekend[2]!) / 2, 1e-12, '01:30 CET');
      near(paris.classSpeedFactorAt('tertiary', spring), ramp.weekend[3]!, 1e-12, '03:00 CEST');
      near(paris.classSpeedFactorAt('tertiary', spring + 15 * 60_000), 0.75 * ramp.weekend[3]! + 0.25 * ramp.weekend[4]!, 1e-12);
      const fall = Date.UTC(2024, 9, 27, 1); // Sunday 03:00 CEST becomes 02:00 CET
      near(paris.classSpeedFactorAt('tertiary', fall - 60_000), ramp.weekend[2]! + ((ramp.weekend[3]! - ramp.weekend[2]!) * 59) / 60, 1e-12);
      near(paris.classSpeedFactorAt('tertiary', fall), ramp.weekend[2]!, 1e-12, '02:00 CET again');
      // Lord Howe Island shifts by 30 minutes, off the hour marks: 02:00 (+10:30) becomes 02:30 (+11).
      const lordHowe = new RoadTrafficModel(graph, { timeZone: 'Australia/Lord_Howe', classProfiles: { tertiary: ramp } });
      const shift = Date.UTC(2024, 9, 5, 15, 30);
      const at0230 = 0.5 * ramp.weekend[2]! + 0.5 * ramp.weekend[3]!;
      const at0150 = (ramp.weekend[1]! * 10 + ramp.weekend[2]! * 50) / 60;
      near(lordHowe.classSpeedFactorAt('tertiary', shift), at0230, 1e-12, '02:30 (+11)');
      near(lordHowe.classSpeedFactorAt('tertiary', shift - 10 * 60_000), at0150, 1e-12, '01:50 (+10:30)');
      near(lordHowe.classSpeedFactorAt('tertiary', shift + 10 * 60_000), (ramp.weekend[2]! * 20 + ramp.weekend[3]! * 40) / 60, 1e-12, '02:40');
    });

    it('fills a per-class table that matches the single lookups', () => {
      const out = new Float64Array(NUM_ROAD_CLASSES);
      for (const t of [WED + 8 * HOUR_MS, WED + 17.3 * HOUR_MS, SAT - 0.2 * HOUR_MS, SAT + 12 * HOUR_MS]) {
        model.speedFactorsAt(t, out);
        ROAD_CLASSES.forEach((c, code) => near(out[code]!, model.classSpeedFactorAt(c, t), 0, c));
      }
      assert.equal(model.speedFactorsAt(WED).length, NUM_ROAD_CLASSES);
    });

    it('scales congestion by the graph profile sensitivity, overridable', () => {
      const at = WED + 17 * HOUR_MS;
      const scooter = new RoadTrafficModel({ ...graph, profile: 'scooter' });
      assert.equal(scooter.congestionSensitivity, 0.5);
      near(scooter.classSpeedFactorAt('primary', at), 1 - 0.5 * (1 - 0.6));
      const bike = new RoadTrafficModel({ ...graph, profile: 'bike' });
      assert.equal(bike.congestionSensitivity, 0);
      const walk = new RoadTrafficModel({ ...graph, profile: 'walk' });
      for (const c of ROAD_CLASSES) {
        assert.equal(bike.classSpeedFactorAt(c, at), 1);
        assert.equal(walk.classSpeedFactorAt(c, at), 1);
      }
      const custom = new RoadTrafficModel(graph, { congestionSensitivity: 0.25 });
      near(custom.classSpeedFactorAt('primary', at), 1 - 0.25 * 0.4);
    });
  });

  describe('static weights at an instant', () => {
    const model = new RoadTrafficModel(graph);

    it('gives the free-flow durations exactly when nothing is congested', () => {
      assert.deepEqual(model.staticDurationsAt(WED + 2 * HOUR_MS), graph.durationMs);
    });

    it('divides each arc by its multiplier at the instant, rounded, ≥ 1', () => {
      const at = WED + 17 * HOUR_MS;
      const out = model.staticDurationsAt(at, new Uint32Array(graph.numArcs));
      for (let a = 0; a < graph.numArcs; a++) {
        const f = graph.roadClass[a] === PRIMARY ? 0.6 : 0.85;
        assert.equal(graph.roadClass[a] === PRIMARY || graph.roadClass[a] === RESIDENTIAL, true);
        assert.equal(out[a], Math.max(1, Math.round(graph.durationMs[a]! / f)));
      }
    });
  });

  describe('custom profiles', () => {
    const g = withWayIds(graph, (a) => 100 + (a % 5));
    const at = WED + 12 * HOUR_MS;

    it('applies arc over way over class profiles, and shares slots for the same profile object', () => {
      const model = new RoadTrafficModel(g, {
        classProfiles: { residential: FREE_FLOW_CONGESTION_PROFILE, primary: FREE_FLOW_CONGESTION_PROFILE },
        wayProfiles: [
          { wayId: 101, profile: HALF },
          { wayId: 103, profile: HALF },
          { wayId: 999, profile: QUARTER },
        ],
        arcProfiles: [{ arc: 1, profile: QUARTER }],
      });
      assert.equal(model.numSlots, NUM_ROAD_CLASSES + 2);
      assert.equal(model.unmatchedWayProfiles, 1);
      for (let a = 0; a < g.numArcs; a++) {
        const way = g.wayId[a];
        const expected = a === 1 ? 0.25 : way === 101 || way === 103 ? 0.5 : 1;
        assert.equal(model.speedFactorAt(a, at), expected, `arc ${a}`);
      }
      const weights = model.staticDurationsAt(at);
      assert.equal(weights[1], Math.round(g.durationMs[1]! / 0.25));
    });

    it('replaces a class profile', () => {
      const model = new RoadTrafficModel(graph, { classProfiles: { tertiary: HALF } });
      assert.equal(model.classSpeedFactorAt('tertiary', at), 0.5);
      near(model.classSpeedFactorAt('motorway', WED + 17 * HOUR_MS), 0.55);
    });
  });

  describe('validation', () => {
    const star = starGraph([1000, 2000], [MOTORWAY, TERTIARY]);

    it('names the option at fault', () => {
      assertGeoError(() => new RoadTrafficModel(star, { utcOffsetMin: 60, timeZone: 'Europe/Paris' }), 'timeZone', 'together with utcOffsetMin');
      assertGeoError(() => new RoadTrafficModel(star, { timeZone: 'Mars/Olympus' }), 'timeZone', 'IANA');
      assertGeoError(() => new RoadTrafficModel(star, { utcOffsetMin: 30.5 }), 'utcOffsetMin', 'integer');
      assertGeoError(() => new RoadTrafficModel(star, { congestionSensitivity: 1.5 }), 'congestionSensitivity', '[0, 1]');
      assertGeoError(
        () => new RoadTrafficModel(star, { classProfiles: { highway: HALF } as never }),
        'classProfiles.highway',
        'road class',
      );
      const tooSlow = { weekday: [...HALF.weekday], weekend: [...HALF.weekend] };
      tooSlow.weekday[8] = 0.001;
      assertGeoError(() => new RoadTrafficModel(star, { classProfiles: { primary: tooSlow } }), 'classProfiles.primary.weekday[8]', '[0.01, 1]');
      assertGeoError(
        () => new RoadTrafficModel(star, { classProfiles: { primary: { weekday: HALF.weekday, weekend: [1] } } }),
        'classProfiles.primary.weekend',
        '24 hourly factors',
      );
      assertGeoError(() => new RoadTrafficModel(star, { wayProfiles: [{ wayId: 0, profile: HALF }] }), 'wayProfiles[0].wayId', 'positive integer');
      assertGeoError(
        () => new RoadTrafficModel(star, { wayProfiles: [{ wayId: 1000, profile: HALF }, { wayId: 1000, profile: QUARTER }] }),
        'wayProfiles[1].wayId',
        'once',
      );
      assertGeoError(() => new RoadTrafficModel(star, { wayProfiles: [{ wayId: 1000, profile: { weekday: 1 } as never }] }), 'wayProfiles[0].profile.weekday');
      assertGeoError(() => new RoadTrafficModel(star, { arcProfiles: [{ arc: 2, profile: HALF }] }), 'arcProfiles[0].arc', '[0, 1]');
      assertGeoError(
        () => new RoadTrafficModel(star, { arcProfiles: [{ arc: 1, profile: HALF }, { arc: 1, profile: HALF }] }),
        'arcProfiles[1].arc',
        'once',
      );
      assertGeoError(() => new RoadTrafficModel(star, { arcProfiles: {} as never }), 'arcProfiles', 'array');
    });

    it('validates lookups', () => {
      const model = new RoadTrafficModel(star);
      assertGeoError(() => model.arrivalMs(-1, WED), 'arc');
      assertGeoError(() => model.arrivalMs(0, Number.NaN), 'entryMs');
      assertGeoError(() => model.arrivalMs(0, -5), 'entryMs');
      assertGeoError(() => model.arrivalMs(0, WED, 1.5), 'fraction', '[0, 1]');
      assertGeoError(() => model.classSpeedFactorAt('highway' as never, WED), 'roadClass');
      assertGeoError(() => model.speedFactorsAt(WED, new Float64Array(3)), 'out');
      assertGeoError(() => model.staticDurationsAt(WED, new Uint32Array(1)), 'out');
    });
  });
});
