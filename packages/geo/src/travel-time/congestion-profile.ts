/**
 * Time-of-day congestion: 24 hourly speed factors per day type, linearly interpolated between
 * hour marks. The factor at 08:30 is the mean of the 08:00 and 09:00 factors; between 23:00 and
 * midnight it runs from today's 23:00 factor to the *next* day's 00:00 factor, so the curve is
 * continuous across midnight, also from Friday (weekday) into Saturday (weekend).
 */
import { GeoInputError } from '../errors.js';
import { SEC_PER_HOUR, dayTypeOfLocalDay } from './local-clock.js';

/**
 * Speed factors at each local hour mark (index 0 = 00:00 … 23 = 23:00) per day type. A factor in
 * (0, 1] multiplies the free-flow speed: 1 is free flow, 0.75 is 25 % slower.
 */
export interface CongestionProfile {
  readonly weekday: readonly number[];
  readonly weekend: readonly number[];
}

/** Hour marks per day in a {@link CongestionProfile}. */
export const HOURS_PER_DAY = 24;

/**
 * A generic city profile. Weekdays: free flow from 23:00 to 04:00, a morning peak bottoming at
 * 0.75 at 08:00, a lunch dip, an evening peak bottoming at 0.73 at 17:00. Weekends: between
 * 0.88 (midday) and 0.99 (night).
 */
export const DEFAULT_CONGESTION_PROFILE: CongestionProfile = Object.freeze({
  weekday: Object.freeze([
    1.0, 1.0, 1.0, 1.0, 1.0, 0.97, 0.9, 0.8, 0.75, 0.82, 0.88, 0.86, //
    0.84, 0.86, 0.88, 0.85, 0.78, 0.73, 0.77, 0.85, 0.92, 0.96, 0.98, 1.0,
  ]),
  weekend: Object.freeze([
    0.99, 0.99, 0.99, 0.99, 0.99, 0.99, 0.98, 0.97, 0.95, 0.93, 0.91, 0.89, //
    0.88, 0.89, 0.9, 0.9, 0.9, 0.89, 0.9, 0.92, 0.94, 0.96, 0.97, 0.98,
  ]),
});

/** No congestion at any time: every factor is 1. */
export const FREE_FLOW_CONGESTION_PROFILE: CongestionProfile = Object.freeze({
  weekday: Object.freeze(new Array<number>(HOURS_PER_DAY).fill(1)),
  weekend: Object.freeze(new Array<number>(HOURS_PER_DAY).fill(1)),
});

/**
 * Throws a `GeoInputError` (GEO_INVALID_ARGUMENT) unless `profile` has `weekday` and `weekend`
 * arrays of exactly 24 finite factors in (0, 1]. `field` names the profile in messages, e.g.
 * `congestionProfile.weekday[8] must be a finite number in (0, 1], got 1.2`.
 */
export function assertCongestionProfile(field: string, profile: unknown): asserts profile is CongestionProfile {
  if (typeof profile !== 'object' || profile === null) {
    throw new GeoInputError('GEO_INVALID_ARGUMENT', field, 'must be an object { weekday, weekend }', profile);
  }
  for (const dayType of ['weekday', 'weekend'] as const) {
    const factors = (profile as Record<string, unknown>)[dayType];
    const at = `${field}.${dayType}`;
    if (!Array.isArray(factors) || factors.length !== HOURS_PER_DAY) {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', at, `must be an array of ${HOURS_PER_DAY} hourly factors`, factors);
    }
    factors.forEach((f: unknown, h) => {
      if (typeof f !== 'number' || !Number.isFinite(f) || f <= 0 || f > 1) {
        throw new GeoInputError('GEO_INVALID_ARGUMENT', `${at}[${h}]`, 'must be a finite number in (0, 1]', f);
      }
    });
  }
}

/**
 * The profile packed as 48 factors: `[0, 24)` weekday hour marks, `[24, 48)` weekend hour marks.
 * The layout read by {@link hourMarkFactor}.
 */
export function packCongestionProfile(profile: CongestionProfile): Float64Array {
  const packed = new Float64Array(2 * HOURS_PER_DAY);
  packed.set(profile.weekday, 0);
  packed.set(profile.weekend, HOURS_PER_DAY);
  return packed;
}

/**
 * The factor at the local hour mark `localHourIdx` (hours since 1970-01-01T00:00 local time,
 * may be negative), read from a packed profile.
 */
export function hourMarkFactor(packed: Float64Array, localHourIdx: number): number {
  const dayIdx = Math.floor(localHourIdx / HOURS_PER_DAY);
  const hour = localHourIdx - dayIdx * HOURS_PER_DAY;
  const base = dayTypeOfLocalDay(dayIdx) === 'weekend' ? HOURS_PER_DAY : 0;
  return packed[base + hour] ?? 1;
}

/**
 * The interpolated congestion factor at an instant, given the local UTC offset.
 * Validates nothing (the provider validates once at construction).
 *
 * @param epochSec Unix time, seconds.
 * @param utcOffsetMin Local time minus UTC, minutes (e.g. 120 for UTC+2). Default 0.
 */
export function congestionFactorAt(profile: CongestionProfile, epochSec: number, utcOffsetMin = 0): number {
  return interpolatedFactor(packCongestionProfile(profile), epochSec + utcOffsetMin * 60);
}

/** The interpolated factor at `localSec` (seconds since 1970-01-01T00:00 local time). */
export function interpolatedFactor(packed: Float64Array, localSec: number): number {
  const hourIdx = Math.floor(localSec / SEC_PER_HOUR);
  const f0 = hourMarkFactor(packed, hourIdx);
  const f1 = hourMarkFactor(packed, hourIdx + 1);
  return f0 + ((f1 - f0) * (localSec - hourIdx * SEC_PER_HOUR)) / SEC_PER_HOUR;
}

/** True when every factor of the profile is the same (the speed never changes). */
export function isFlatProfile(profile: CongestionProfile): boolean {
  const first = profile.weekday[0];
  return [...profile.weekday, ...profile.weekend].every((f) => f === first);
}
