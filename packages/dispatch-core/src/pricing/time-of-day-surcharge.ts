/** The time-of-day component of a delivery fee: surcharges of peak windows in local time. */
import { timeZoneClock, type LocalClock } from '@o2o/geo';
import { localTimeOfDaySec } from '../config/config-lists.js';
import type { PricingConfig } from '../config/pricing-config.js';
import type { EpochSeconds } from '../model/epoch-seconds.js';

const SEC_PER_DAY = 86_400;
const MAX_CACHED_CLOCKS = 64;
const clocks = new Map<string, LocalClock>();

/** The surcharge that applies at a time, and the window it comes from (`null`: none). */
export interface TimeOfDaySurcharge {
  readonly surchargeCents: number;
  readonly window: string | null;
}

/** Seconds after local midnight at `atSec` in the IANA zone `timeZone` (daylight saving included). */
export function localSecOfDay(atSec: EpochSeconds, timeZone: string): number {
  let clock = clocks.get(timeZone);
  if (clock === undefined) {
    if (clocks.size >= MAX_CACHED_CLOCKS) clocks.clear();
    clock = timeZoneClock(timeZone, 'pricing.timeOfDay.timeZone');
    clocks.set(timeZone, clock);
  }
  const localSec = atSec + clock.utcOffsetSecAt(atSec);
  return ((localSec % SEC_PER_DAY) + SEC_PER_DAY) % SEC_PER_DAY;
}

/**
 * True when the local second of day `secOfDay` lies in `[start, end)`; a window whose end is
 * before its start crosses midnight (`23:00`–`02:00` holds 23:30 and 01:59, not 02:00).
 */
export function isInPeakWindow(secOfDay: number, start: string, end: string): boolean {
  const startSec = localTimeOfDaySec(start);
  const endSec = localTimeOfDaySec(end);
  return startSec < endSec ? secOfDay >= startSec && secOfDay < endSec : secOfDay >= startSec || secOfDay < endSec;
}

/**
 * The peak surcharge at `atSec`: the largest `surchargeCents` among the windows of
 * `pricing.timeOfDay.windows` containing the local time (the first such window on ties), or 0.
 */
export function timeOfDaySurcharge(atSec: EpochSeconds, timeOfDay: PricingConfig['timeOfDay']): TimeOfDaySurcharge {
  const secOfDay = localSecOfDay(atSec, timeOfDay.timeZone);
  let best: TimeOfDaySurcharge = { surchargeCents: 0, window: null };
  for (const peak of timeOfDay.windows) {
    if (isInPeakWindow(secOfDay, peak.start, peak.end) && (best.window === null || peak.surchargeCents > best.surchargeCents)) {
      best = { surchargeCents: peak.surchargeCents, window: peak.name };
    }
  }
  return best;
}
