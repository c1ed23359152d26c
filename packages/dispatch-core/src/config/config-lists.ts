/**
 * @internal Validation rules of the list and string parameters of the pricing configuration:
 * distance tiers, peak windows (local `HH:MM` times) and the IANA time zone.
 */
import { GeoInputError, timeZoneClock } from '@o2o/geo';
import type { IssueCollector } from '../model/issue-collector.js';

/** Longest list of distance tiers or peak windows accepted. */
export const MAX_CONFIG_LIST_LENGTH = 24;
/** Largest fee component in a configuration, cents (1,000.00 in the currency). */
export const MAX_CONFIG_CENTS = 100_000;

const LOCAL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Seconds after local midnight of a `"HH:MM"` time (00:00–23:59), or NaN when malformed. */
export function localTimeOfDaySec(hhmm: string): number {
  const match = LOCAL_TIME.exec(hhmm);
  if (!match) return Number.NaN;
  return Number(match[1]) * 3600 + Number(match[2]) * 60;
}

/** Checks that `value` is an object with only `keys`; records unknown keys. */
export function checkRecord(field: string, value: unknown, keys: readonly string[], issues: IssueCollector): value is Readonly<Record<string, unknown>> {
  if (!issues.checkObject(field, value)) return false;
  let ok = true;
  for (const key of Object.keys(value)) {
    if (!keys.includes(key)) {
      issues.invalid(`${field}.${key}`, `is not a known field (known: ${keys.join(', ')})`, value[key]);
      ok = false;
    }
  }
  return ok;
}

/** Integer in `[min, max]`, recorded as `must be an integer in [min, max]`. */
export function checkIntegerIn(field: string, value: unknown, min: number, max: number, issues: IssueCollector): value is number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return true;
  issues.invalid(field, `must be an integer in [${min}, ${max}]`, value);
  return false;
}

/** An array of at most {@link MAX_CONFIG_LIST_LENGTH} elements. */
function checkList(field: string, value: unknown, issues: IssueCollector): value is readonly unknown[] {
  if (Array.isArray(value) && value.length <= MAX_CONFIG_LIST_LENGTH) return true;
  issues.invalid(field, `must be an array of at most ${MAX_CONFIG_LIST_LENGTH} elements`, value);
  return false;
}

/** Rule of `pricing.distance.tiers`: `{ fromM, centsPerKm }` objects with strictly ascending `fromM`. */
export function checkDistanceTiers(field: string, value: unknown, issues: IssueCollector): boolean {
  if (!checkList(field, value, issues)) return false;
  const numBefore = issues.numFound;
  let prevFromM = -1;
  value.forEach((tier, i) => {
    const at = `${field}[${i}]`;
    if (!checkRecord(at, tier, ['fromM', 'centsPerKm'], issues)) return;
    if (checkIntegerIn(`${at}.fromM`, tier.fromM, 0, 1_000_000, issues)) {
      if (tier.fromM <= prevFromM) issues.invalid(`${at}.fromM`, `must be greater than ${field}[${i - 1}].fromM (${prevFromM})`, tier.fromM);
      prevFromM = tier.fromM;
    }
    checkIntegerIn(`${at}.centsPerKm`, tier.centsPerKm, 0, MAX_CONFIG_CENTS, issues);
  });
  return issues.numFound === numBefore;
}

/** Rule of `pricing.timeOfDay.windows`: named `[start, end)` local-time windows with a surcharge. */
export function checkPeakWindows(field: string, value: unknown, issues: IssueCollector): boolean {
  if (!checkList(field, value, issues)) return false;
  const numBefore = issues.numFound;
  const names = new Set<string>();
  value.forEach((peak, i) => {
    const at = `${field}[${i}]`;
    if (!checkRecord(at, peak, ['name', 'start', 'end', 'surchargeCents'], issues)) return;
    if (issues.checkNonEmptyString(`${at}.name`, peak.name)) {
      if (names.has(peak.name)) issues.invalid(`${at}.name`, 'must be unique among the windows', peak.name);
      names.add(peak.name);
    }
    const startOk = checkLocalTime(`${at}.start`, peak.start, issues);
    if (checkLocalTime(`${at}.end`, peak.end, issues) && startOk && peak.end === peak.start) {
      issues.invalid(`${at}.end`, `must differ from start (${peak.start}); a window crossing midnight ends before it starts`, peak.end);
    }
    checkIntegerIn(`${at}.surchargeCents`, peak.surchargeCents, 0, MAX_CONFIG_CENTS, issues);
  });
  return issues.numFound === numBefore;
}

function checkLocalTime(field: string, value: unknown, issues: IssueCollector): value is string {
  if (typeof value === 'string' && !Number.isNaN(localTimeOfDaySec(value))) return true;
  issues.invalid(field, 'must be a local time "HH:MM" in 00:00–23:59', value);
  return false;
}

/** Rule of `pricing.timeOfDay.timeZone`: an IANA zone name `Intl` knows (geo's `timeZoneClock`). */
export function checkTimeZone(field: string, value: unknown, issues: IssueCollector): boolean {
  try {
    timeZoneClock(value as string, field);
    return true;
  } catch (error) {
    if (!(error instanceof GeoInputError)) throw error;
    issues.invalid(field, 'must be an IANA time zone name known to Intl, e.g. "Europe/Paris"', value);
    return false;
  }
}
