/**
 * Value conversions shared by the field mapping and the platform adapters: each turns a raw JSON
 * value into the unit `CreateOrderBody` wants, or says which rule it breaks. Instants come out as
 * integer Unix epoch seconds (fractions of a second are dropped).
 */

/** The conversions a field mapping may name in `as`. */
export type ValueConversion = 'string' | 'number' | 'integer' | 'iso8601' | 'epoch-ms' | 'epoch-s';

export const VALUE_CONVERSIONS: readonly ValueConversion[] = Object.freeze(['string', 'number', 'integer', 'iso8601', 'epoch-ms', 'epoch-s']);

/** A converted value, or the rule the raw value breaks. */
export type Converted<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly rule: string };

/** Earliest and latest instant accepted (2000-01-01 and 2100-01-01 UTC), in epoch seconds. */
export const MIN_INSTANT_SEC = 946_684_800;
export const MAX_INSTANT_SEC = 4_102_444_800;

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;

/** A non-empty string; a finite number becomes its decimal text (platforms send numeric ids). */
export function toText(raw: unknown): Converted<string> {
  if (typeof raw === 'string' && raw.length > 0) return { ok: true, value: raw };
  if (typeof raw === 'number' && Number.isFinite(raw)) return { ok: true, value: String(raw) };
  return { ok: false, rule: 'must be a non-empty string or a number' };
}

/** A finite number, or a string holding one (`"52.37"`). */
export function toNumber(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (typeof raw === 'string' && DECIMAL.test(raw.trim())) return Number(raw.trim());
  return undefined;
}

/** A safe integer, or a string of digits holding one (`"3"`). */
export function toInteger(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isSafeInteger(raw) ? raw : undefined;
  if (typeof raw === 'string' && INTEGER.test(raw.trim())) {
    const value = Number(raw.trim());
    return Number.isSafeInteger(value) ? value : undefined;
  }
  return undefined;
}

const ISO_RULE = 'must be an ISO 8601 date-time with a time zone, such as "2024-05-01T12:30:00Z"';
const RANGE = 'between 2000-01-01 and 2100-01-01';

/**
 * An instant as integer epoch seconds, from an ISO 8601 string (`iso8601`), epoch milliseconds
 * (`epoch-ms`) or epoch seconds (`epoch-s`); numbers may come as digit strings. Instants outside
 * 2000–2099 are rejected: that is nearly always seconds read as milliseconds or the reverse.
 */
export function toInstantSec(raw: unknown, as: 'iso8601' | 'epoch-ms' | 'epoch-s'): Converted<number> {
  let sec: number | undefined;
  if (as === 'iso8601') {
    sec = typeof raw === 'string' ? parseIsoInstantSec(raw) : undefined;
    if (sec === undefined) return { ok: false, rule: ISO_RULE };
    if (sec < MIN_INSTANT_SEC || sec >= MAX_INSTANT_SEC) return { ok: false, rule: `must be a date-time ${RANGE}` };
    return { ok: true, value: sec };
  }
  const num = toNumber(raw);
  const unit = as === 'epoch-ms' ? 'milliseconds' : 'seconds';
  if (num === undefined) return { ok: false, rule: `must be epoch ${unit} (a number)` };
  sec = Math.floor(as === 'epoch-ms' ? num / 1000 : num);
  if (sec >= MIN_INSTANT_SEC && sec < MAX_INSTANT_SEC) return { ok: true, value: sec };
  const hint = as === 'epoch-s' && sec >= MAX_INSTANT_SEC ? ' (milliseconds given?)' : as === 'epoch-ms' && sec < MIN_INSTANT_SEC ? ' (seconds given?)' : '';
  return { ok: false, rule: `must be epoch ${unit} ${RANGE}${hint}` };
}

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)$/;

/**
 * Parses an ISO 8601 / RFC 3339 date-time that carries a time zone (`Z` or `±hh[:mm]`) into
 * integer epoch seconds, or `undefined`. Any number of fraction digits is accepted (Deliverect
 * sends microseconds) and dropped. A local time without a zone is refused: it is ambiguous.
 */
export function parseIsoInstantSec(text: string): number | undefined {
  const match = ISO_INSTANT.exec(text.trim());
  if (match === null) return undefined;
  const [, y, mo, d, h, mi, s, , zone] = match as unknown as [string, string, string, string, string, string, string | undefined, string | undefined, string];
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const offsetMin = zoneOffsetMin(zone);
  if (offsetMin === undefined) return undefined;
  return Date.UTC(year, month - 1, day, hour, minute, second) / 1000 - offsetMin * 60;
}

function zoneOffsetMin(zone: string): number | undefined {
  if (zone === 'Z' || zone === 'z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 23 || minutes > 59) return undefined;
  return sign * (hours * 60 + minutes);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
