/**
 * Local time for congestion profiles: a {@link LocalClock} maps Unix seconds to a UTC offset, either
 * a fixed offset in minutes or an IANA time zone resolved through `Intl` (with its daylight-saving
 * changes). The local calendar decides the day type: Saturday and Sunday are the weekend.
 */
import { GeoInputError } from '../errors.js';
import { assertIntegerInRange } from '../validate.js';

export const SEC_PER_HOUR = 3600;
export const SEC_PER_DAY = 86_400;

/** Monday to Friday are weekdays; Saturday and Sunday are the weekend (local calendar). */
export type DayType = 'weekday' | 'weekend';

/** Turns Unix seconds into local time. */
export interface LocalClock {
  /** Local time minus UTC at `epochSec`, seconds (e.g. 7200 for UTC+2). */
  utcOffsetSecAt(epochSec: number): number;
  /**
   * The first instant in (fromSec, toSec] at which the offset differs from the offset at
   * `fromSec` (a daylight-saving change), or `Infinity` when there is none.
   */
  nextOffsetChange(fromSec: number, toSec: number): number;
}

/** Widest UTC offset accepted, minutes (±18:00, as ISO 8601 and java.time allow). */
export const MAX_UTC_OFFSET_MIN = 18 * 60;

/** A clock at a fixed offset from UTC (no daylight saving). Throws GEO_INVALID_ARGUMENT. */
export function fixedOffsetClock(utcOffsetMin: number, field = 'utcOffsetMin'): LocalClock {
  assertIntegerInRange(field, utcOffsetMin, -MAX_UTC_OFFSET_MIN, MAX_UTC_OFFSET_MIN);
  const offsetSec = utcOffsetMin * 60;
  return { utcOffsetSecAt: () => offsetSec, nextOffsetChange: () => Infinity };
}

/** One UTC hour of a zone: the offset at its start, and where (if anywhere) it changes. */
interface HourOffsets {
  before: number;
  after: number;
  changeAt: number;
}

const MAX_CACHED_HOURS = 4096;

/**
 * A clock for an IANA zone name (`'Europe/Paris'`), resolved with `Intl.DateTimeFormat`. Offsets
 * are cached per UTC hour; an hour is assumed to hold at most one offset change (true of every
 * zone in the tz database). Throws GEO_INVALID_ARGUMENT for a name `Intl` does not know.
 */
export function timeZoneClock(timeZone: string, field = 'timeZone'): LocalClock {
  let format: Intl.DateTimeFormat;
  try {
    if (typeof timeZone !== 'string' || timeZone === '') throw new RangeError('not a name');
    format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
  } catch {
    throw new GeoInputError('GEO_INVALID_ARGUMENT', field, 'must be an IANA time zone name known to Intl', timeZone);
  }
  const cache = new Map<number, HourOffsets>();
  const exactOffsetSec = (epochSec: number): number => parseLongOffset(format, epochSec);
  const hourAt = (hourIdx: number): HourOffsets => {
    let hour = cache.get(hourIdx);
    if (hour === undefined) {
      if (cache.size >= MAX_CACHED_HOURS) cache.clear();
      hour = resolveHour(exactOffsetSec, hourIdx * SEC_PER_HOUR);
      cache.set(hourIdx, hour);
    }
    return hour;
  };
  return {
    utcOffsetSecAt(epochSec) {
      const hour = hourAt(Math.floor(epochSec / SEC_PER_HOUR));
      return epochSec < hour.changeAt ? hour.before : hour.after;
    },
    nextOffsetChange(fromSec, toSec) {
      const last = Math.floor(toSec / SEC_PER_HOUR);
      for (let h = Math.floor(fromSec / SEC_PER_HOUR); h <= last; h++) {
        const { changeAt } = hourAt(h);
        if (changeAt > fromSec && changeAt <= toSec) return changeAt;
      }
      return Infinity;
    },
  };
}

/** Offsets of the UTC hour starting at `startSec`, with the change instant found by bisection. */
function resolveHour(exactOffsetSec: (epochSec: number) => number, startSec: number): HourOffsets {
  const before = exactOffsetSec(startSec);
  const after = exactOffsetSec(startSec + SEC_PER_HOUR);
  if (before === after) return { before, after, changeAt: Infinity };
  let lo = startSec; // offset === before
  let hi = startSec + SEC_PER_HOUR; // offset === after
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (exactOffsetSec(mid) === before) lo = mid;
    else hi = mid;
  }
  return { before, after, changeAt: hi };
}

/** Reads `GMT`, `GMT+5:30`-style `longOffset` names (`GMT+05:30`, `GMT-04:56:02`) as seconds. */
function parseLongOffset(format: Intl.DateTimeFormat, epochSec: number): number {
  const name = format.formatToParts(epochSec * 1000).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /^GMT([+-])(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?$/.exec(name);
  if (!m) return 0;
  const sec = Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
  return m[1] === '-' ? -sec : sec;
}

/**
 * Day type of a local calendar day, counted from 1970-01-01 (a Thursday) as day 0.
 */
export function dayTypeOfLocalDay(localDayIdx: number): DayType {
  const dayOfWeek = (((localDayIdx + 4) % 7) + 7) % 7; // 0 = Sunday
  return dayOfWeek === 0 || dayOfWeek === 6 ? 'weekend' : 'weekday';
}
