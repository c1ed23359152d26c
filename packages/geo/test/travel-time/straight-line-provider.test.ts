import assert from 'node:assert/strict';
import {
  DEFAULT_DETOUR_FACTOR,
  DEFAULT_SPEED_MPS,
  EQUIRECTANGULAR_MAX_REL_ERROR,
  FREE_FLOW_CONGESTION_PROFILE,
  StraightLineProvider,
  TRAVEL_MODES,
  UNREACHABLE,
  destination,
  haversineDistanceM,
  mulberry32,
  randomPointInDisc,
  type CongestionProfile,
  type LngLat,
} from '@o2o/geo';

const H = 3600;
/** 2024-01-10, a Wednesday, at the given UTC hour. */
const wed = (hour: number): number => Date.UTC(2024, 0, 10) / 1000 + hour * H;
/** 2024-01-13, a Saturday, at the given UTC hour. */
const sat = (hour: number): number => Date.UTC(2024, 0, 13) / 1000 + hour * H;
const PARIS: LngLat = [2.3522, 48.8566];

/** Factor 1 until 08:00, a linear ramp down to 0.5 at 09:00, 0.5 until 23:00, back to 1 at midnight. */
const RAMP_AT_8: CongestionProfile = {
  weekday: Array.from({ length: 24 }, (_, h) => (h <= 8 ? 1 : h <= 23 ? 0.5 : 1)),
  weekend: new Array<number>(24).fill(1),
};

describe('travel-time/StraightLineProvider', () => {
  describe('distance', () => {
    it('is the haversine distance × detour factor, rounded to integer metres', () => {
      const provider = new StraightLineProvider();
      const rng = mulberry32(11);
      for (let i = 0; i < 500; i++) {
        const a = randomPointInDisc(rng, PARIS, 30_000);
        const b = randomPointInDisc(rng, PARIS, 30_000);
        const { distanceM } = provider.durationSync(a, b, wed(12));
        const expectedM = haversineDistanceM(a[0], a[1], b[0], b[1]) * DEFAULT_DETOUR_FACTOR;
        assert.ok(Number.isInteger(distanceM));
        assert.ok(Math.abs(distanceM - expectedM) <= 0.5 + EQUIRECTANGULAR_MAX_REL_ERROR * expectedM, `${distanceM} vs ${expectedM}`);
      }
    });

    it('uses the configured detour factor', () => {
      const b = destination(PARIS[0], PARIS[1], 90, 10_000);
      assert.equal(new StraightLineProvider({ detourFactor: 1 }).durationSync(PARIS, b, wed(3)).distanceM, 10_000);
      assert.equal(new StraightLineProvider({ detourFactor: 1.5 }).durationSync(PARIS, b, wed(3)).distanceM, 15_000);
    });

    it('is zero, in zero seconds, between identical points', () => {
      assert.deepEqual(new StraightLineProvider().durationSync(PARIS, PARIS, wed(8)), {
        durationSec: 0,
        distanceM: 0,
        provider: 'straight-line',
        isFallback: false,
      });
    });
  });

  describe('free-flow durations', () => {
    it('takes exactly one hour to cover one hour of car free-flow distance at 03:00', () => {
      const provider = new StraightLineProvider();
      assert.equal(provider.travelTimeSec(DEFAULT_SPEED_MPS.car * H, wed(3), 'car'), 3600);
      assert.equal(provider.travelTimeSec(DEFAULT_SPEED_MPS.car * 600, wed(2), 'car'), 600);
    });

    it('divides route distance by the mode speed when there is no congestion', () => {
      const provider = new StraightLineProvider({ congestionProfile: FREE_FLOW_CONGESTION_PROFILE });
      const b = destination(PARIS[0], PARIS[1], 30, 4_000);
      for (const mode of TRAVEL_MODES) {
        const { durationSec, distanceM } = provider.durationSync(PARIS, b, wed(8), { mode });
        assert.equal(distanceM, 5_200);
        assert.ok(Math.abs(durationSec - (4_000 * 1.3) / DEFAULT_SPEED_MPS[mode]) <= 0.5 + 1e-6, `${mode}: ${durationSec}`);
      }
    });

    it('uses overridden speeds and the default mode (escooter)', () => {
      const provider = new StraightLineProvider({ speedMps: { escooter: 5, walk: 1 } });
      assert.equal(provider.defaultMode, 'escooter');
      assert.equal(provider.freeFlowSpeedMps(), 5);
      assert.equal(provider.freeFlowSpeedMps('walk'), 1);
      assert.equal(provider.freeFlowSpeedMps('car'), DEFAULT_SPEED_MPS.car);
      assert.equal(provider.travelTimeSec(5 * 100, wed(3)), 100);
      assert.equal(provider.travelTimeSec(1 * 100, wed(8), 'walk'), 100);
    });

    it('rounds seconds half up', () => {
      const provider = new StraightLineProvider({ speedMps: { car: 2 } });
      assert.equal(provider.travelTimeSec(2 * 10.5, wed(3), 'car'), 11);
      assert.equal(provider.travelTimeSec(2 * 10.49, wed(3), 'car'), 10);
    });
  });

  describe('congestion', () => {
    it('is slower at 08:00 than at 03:00 for cars, bikes and e-scooters', () => {
      const provider = new StraightLineProvider();
      for (const mode of ['car', 'bike', 'escooter'] as const) {
        const nightSec = provider.travelTimeSec(5_000, wed(3), mode);
        const peakSec = provider.travelTimeSec(5_000, wed(8), mode);
        assert.ok(peakSec > nightSec, `${mode}: ${peakSec} ≤ ${nightSec}`);
      }
    });

    it('leaves walkers unaffected by default', () => {
      const provider = new StraightLineProvider();
      assert.equal(provider.travelTimeSec(2_000, wed(8), 'walk'), provider.travelTimeSec(2_000, wed(3), 'walk'));
      assert.equal(provider.speedMpsAt(wed(17), 'walk'), DEFAULT_SPEED_MPS.walk);
    });

    it('slows bikes by half the car slowdown (sensitivity 0.5)', () => {
      const provider = new StraightLineProvider();
      assert.ok(Math.abs(provider.speedMpsAt(wed(8), 'car') - 0.75 * DEFAULT_SPEED_MPS.car) < 1e-12);
      assert.ok(Math.abs(provider.speedMpsAt(wed(8), 'bike') - 0.875 * DEFAULT_SPEED_MPS.bike) < 1e-12);
    });

    it('is lighter on Saturday morning than on Wednesday morning', () => {
      const provider = new StraightLineProvider();
      assert.ok(provider.travelTimeSec(10_000, sat(8), 'car') < provider.travelTimeSec(10_000, wed(8), 'car'));
    });

    it('integrates a linear slowdown exactly (hand-computed ramp)', () => {
      // v(u) = 10 · (1 − 0.5·u/3600) from 08:00: D(u) = 10·(u − u²/14400).
      const provider = new StraightLineProvider({ congestionProfile: RAMP_AT_8, speedMps: { car: 10 } });
      assert.equal(provider.travelTimeSec(27_000, wed(8), 'car'), 3600); // D(3600) = 27,000 m
      const d2000 = 10 * (2000 - (2000 * 2000) / 14_400);
      assert.equal(provider.travelTimeSec(d2000, wed(8), 'car'), 2000);
      // Then 0.5 × 10 m/s flat: 5 m/s for another hour.
      assert.equal(provider.travelTimeSec(27_000 + 18_000, wed(8), 'car'), 7200);
    });

    it('is not the departure factor times the trip: a trip into the peak takes less than at peak speed', () => {
      const provider = new StraightLineProvider({ congestionProfile: RAMP_AT_8, speedMps: { car: 10 } });
      // Leaving at 07:30 at full speed, entering the ramp at 08:00.
      const durationSec = provider.travelTimeSec(27_000, wed(7.5), 'car');
      assert.ok(durationSec > 2700 && durationSec < 3600, String(durationSec));
      // 1,800 s at 10 m/s = 18,000 m, then 9,000 m on the ramp: 10·(u − u²/14400) = 9000.
      const u = (14_400 - Math.sqrt(14_400 ** 2 - 4 * 14_400 * 900)) / 2;
      assert.equal(durationSec, Math.round(1800 + u));
    });

    it('matches a numerical integration of speedMpsAt to within a second', () => {
      const provider = new StraightLineProvider();
      for (const [departAt, mode, distanceM] of [
        [wed(7.3), 'car', 40_000],
        [wed(16.1), 'bike', 25_000],
        [sat(11.7), 'escooter', 60_000],
        [wed(22.9), 'car', 90_000],
      ] as const) {
        let coveredM = 0;
        let t = departAt;
        const stepSec = 0.25;
        while (coveredM < distanceM) {
          const v0 = provider.speedMpsAt(Math.floor(t), mode);
          const v1 = provider.speedMpsAt(Math.floor(t + stepSec), mode);
          coveredM += ((v0 + v1) / 2) * stepSec;
          t += stepSec;
        }
        const expectedSec = t - departAt;
        const actualSec = provider.travelTimeSec(distanceM, departAt, mode);
        assert.ok(Math.abs(actualSec - expectedSec) <= 1, `${mode} at ${departAt}: ${actualSec} vs ${expectedSec}`);
      }
    });

    it('reads the time of day in the configured UTC offset', () => {
      const utc = new StraightLineProvider();
      const tokyo = new StraightLineProvider({ utcOffsetMin: 540 });
      // 23:00 UTC Tuesday is 08:00 Wednesday in Tokyo.
      assert.equal(tokyo.travelTimeSec(5_000, wed(-1), 'car'), utc.travelTimeSec(5_000, wed(8), 'car'));
    });

    it('follows daylight saving of an IANA time zone', () => {
      const paris = new StraightLineProvider({ timeZone: 'Europe/Paris' });
      const winter = new StraightLineProvider({ utcOffsetMin: 60 });
      const summer = new StraightLineProvider({ utcOffsetMin: 120 });
      const jan = Date.UTC(2024, 0, 10, 7) / 1000;
      const jul = Date.UTC(2024, 6, 10, 6) / 1000;
      assert.equal(paris.travelTimeSec(8_000, jan, 'car'), winter.travelTimeSec(8_000, jan, 'car'));
      assert.equal(paris.travelTimeSec(8_000, jul, 'car'), summer.travelTimeSec(8_000, jul, 'car'));
      assert.notEqual(winter.travelTimeSec(8_000, jul, 'car'), summer.travelTimeSec(8_000, jul, 'car'));
    });
  });

  describe('long trips', () => {
    it('gives trips over a week the same average pace as the weekly profile', () => {
      const provider = new StraightLineProvider();
      const weekM = 7 * 86_400 * DEFAULT_SPEED_MPS.bike; // a week at free flow: more than a week congested
      const durationSec = provider.travelTimeSec(weekM * 3, wed(8), 'bike');
      assert.ok(durationSec > 3 * 7 * 86_400 && durationSec < 3 * 7 * 86_400 * 1.1, String(durationSec));
      const oneWeekSec = provider.travelTimeSec(weekM, wed(8), 'bike');
      assert.ok(Math.abs(durationSec - 3 * oneWeekSec) <= 2 * 7 * 86_400 * 0.1);
    });

    it('reports UNREACHABLE (-1) only for trips that do not fit Int32 seconds', () => {
      const slow = new StraightLineProvider({ speedMps: { walk: 0.01 } });
      assert.equal(slow.travelTimeSec(2e7, wed(0), 'walk'), 2e9);
      assert.equal(slow.travelTimeSec(1e8, wed(0), 'walk'), UNREACHABLE); // 1e10 s
      assert.equal(UNREACHABLE, -1);
    });
  });
});
