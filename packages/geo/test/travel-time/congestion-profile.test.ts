import assert from 'node:assert/strict';
import {
  DEFAULT_CONGESTION_PROFILE,
  FREE_FLOW_CONGESTION_PROFILE,
  GeoInputError,
  assertCongestionProfile,
  congestionFactorAt,
  dayTypeOfLocalDay,
  type CongestionProfile,
} from '@o2o/geo';

/** 2024-01-10 00:00 UTC, a Wednesday. */
const WED = Date.UTC(2024, 0, 10) / 1000;
/** 2024-01-12 00:00 UTC, a Friday. */
const FRI = Date.UTC(2024, 0, 12) / 1000;
/** 2024-01-14 00:00 UTC, a Sunday. */
const SUN = Date.UTC(2024, 0, 14) / 1000;
const H = 3600;

/** Factors 0.1, 0.2, … by hour make every interpolation easy to check by hand. */
const RAMP: CongestionProfile = {
  weekday: Array.from({ length: 24 }, (_, h) => (h + 1) / 25),
  weekend: Array.from({ length: 24 }, (_, h) => (h + 1) / 50),
};

const near = (actual: number, expected: number, msg?: string): void =>
  assert.ok(Math.abs(actual - expected) < 1e-12, `${msg ?? ''} expected ${expected}, got ${actual}`);

describe('travel-time/congestion-profile', () => {
  describe('congestionFactorAt', () => {
    it('returns the hourly factor exactly at each hour mark', () => {
      for (let h = 0; h < 24; h++) {
        near(congestionFactorAt(RAMP, WED + h * H), RAMP.weekday[h]!, `weekday ${h}:00`);
        near(congestionFactorAt(RAMP, SUN + h * H), RAMP.weekend[h]!, `weekend ${h}:00`);
      }
    });

    it('interpolates linearly between hour marks', () => {
      near(congestionFactorAt(RAMP, WED + 8.5 * H), (RAMP.weekday[8]! + RAMP.weekday[9]!) / 2);
      near(congestionFactorAt(RAMP, WED + 8.25 * H), 0.75 * RAMP.weekday[8]! + 0.25 * RAMP.weekday[9]!);
    });

    it('wraps at midnight to the next day’s 00:00 factor', () => {
      near(congestionFactorAt(RAMP, WED + 23.5 * H), (RAMP.weekday[23]! + RAMP.weekday[0]!) / 2, 'Wed→Thu');
    });

    it('runs from the weekday curve into the weekend curve on Friday night, and back on Sunday night', () => {
      near(congestionFactorAt(RAMP, FRI + 23.5 * H), (RAMP.weekday[23]! + RAMP.weekend[0]!) / 2, 'Fri→Sat');
      near(congestionFactorAt(RAMP, SUN + 23.5 * H), (RAMP.weekend[23]! + RAMP.weekday[0]!) / 2, 'Sun→Mon');
    });

    it('reads local time through the UTC offset', () => {
      // 06:00 UTC at UTC+2 is 08:00 local.
      near(congestionFactorAt(RAMP, WED + 6 * H, 120), RAMP.weekday[8]!);
      // 22:00 UTC Friday at UTC+3 is 01:00 Saturday local.
      near(congestionFactorAt(RAMP, FRI + 22 * H, 180), RAMP.weekend[1]!);
    });

    it('is 1 everywhere for the free-flow profile', () => {
      for (let t = WED; t < WED + 7 * 86_400; t += 977) assert.equal(congestionFactorAt(FREE_FLOW_CONGESTION_PROFILE, t), 1);
    });
  });

  describe('DEFAULT_CONGESTION_PROFILE', () => {
    it('dips to 0.75 at 08:00 and 0.73 at 17:00 on weekdays, free flow at night', () => {
      assert.equal(DEFAULT_CONGESTION_PROFILE.weekday[8], 0.75);
      assert.equal(DEFAULT_CONGESTION_PROFILE.weekday[17], 0.73);
      assert.equal(Math.min(...DEFAULT_CONGESTION_PROFILE.weekday), 0.73);
      assert.equal(DEFAULT_CONGESTION_PROFILE.weekday[3], 1);
    });

    it('stays within [0.88, 0.99] on weekends', () => {
      assert.equal(Math.min(...DEFAULT_CONGESTION_PROFILE.weekend), 0.88);
      assert.equal(Math.max(...DEFAULT_CONGESTION_PROFILE.weekend), 0.99);
    });

    it('passes its own validation', () => {
      assertCongestionProfile('profile', DEFAULT_CONGESTION_PROFILE);
      assertCongestionProfile('profile', FREE_FLOW_CONGESTION_PROFILE);
    });
  });

  describe('assertCongestionProfile', () => {
    const withWeekday = (weekday: unknown): unknown => ({ weekday, weekend: DEFAULT_CONGESTION_PROFILE.weekend });

    it('throws GEO_INVALID_ARGUMENT naming the hour of a factor above 1', () => {
      const weekday = [...DEFAULT_CONGESTION_PROFILE.weekday];
      weekday[8] = 1.2;
      assert.throws(
        () => assertCongestionProfile('profile', withWeekday(weekday)),
        (err: unknown) =>
          err instanceof GeoInputError &&
          err.code === 'GEO_INVALID_ARGUMENT' &&
          err.field === 'profile.weekday[8]' &&
          err.message === 'profile.weekday[8] must be a finite number in (0, 1], got 1.2',
      );
    });

    it('rejects zero, negative and NaN factors', () => {
      for (const bad of [0, -0.5, Number.NaN, '0.5']) {
        const weekday: unknown[] = [...DEFAULT_CONGESTION_PROFILE.weekday];
        weekday[3] = bad;
        assert.throws(() => assertCongestionProfile('p', withWeekday(weekday)), /p\.weekday\[3\] must be a finite number in \(0, 1\]/);
      }
    });

    it('rejects a day with other than 24 factors', () => {
      assert.throws(
        () => assertCongestionProfile('p', withWeekday(new Array(23).fill(1))),
        /^GeoInputError: p\.weekday must be an array of 24 hourly factors, got an array of length 23$/,
      );
    });

    it('rejects a missing weekend and a non-object', () => {
      assert.throws(() => assertCongestionProfile('p', { weekday: DEFAULT_CONGESTION_PROFILE.weekday }), /p\.weekend must be an array/);
      assert.throws(() => assertCongestionProfile('p', null), /p must be an object \{ weekday, weekend \}, got null/);
    });
  });

  describe('dayTypeOfLocalDay', () => {
    it('counts 1970-01-01 (day 0) as a Thursday', () => {
      const types = [0, 1, 2, 3, 4, 5, 6].map(dayTypeOfLocalDay);
      // Thu, Fri, Sat, Sun, Mon, Tue, Wed
      assert.deepEqual(types, ['weekday', 'weekday', 'weekend', 'weekend', 'weekday', 'weekday', 'weekday']);
    });

    it('handles days before 1970', () => {
      assert.equal(dayTypeOfLocalDay(-1), 'weekday'); // Wednesday
      assert.equal(dayTypeOfLocalDay(-4), 'weekend'); // Sunday
      assert.equal(dayTypeOfLocalDay(-5), 'weekend'); // Saturday
    });
  });
});
