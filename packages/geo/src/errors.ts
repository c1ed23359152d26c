/**
 * Typed errors of @o2o/geo. Every error carries a stable `code` (for programs) and a message that
 * names the field, the rule and the value (for people), e.g.
 * `stores[3].lat must be a finite number in [-90, 90], got 91`.
 */

/** Stable codes of {@link GeoInputError}. */
export type GeoInputErrorCode =
  | 'GEO_INVALID_COORDINATE'
  | 'GEO_INVALID_POLYGON'
  | 'GEO_INVALID_RESOLUTION'
  | 'GEO_INVALID_ARGUMENT';

/** Base class of every error thrown by @o2o/geo. */
export class GeoError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** Bad input given to a geo function: maps to HTTP 400 in a service. */
export class GeoInputError extends GeoError {
  /** The input field at fault, e.g. `points[3].lat`. */
  readonly field: string;
  /** The offending value (as given). */
  readonly value: unknown;
  constructor(code: GeoInputErrorCode, field: string, rule: string, value: unknown) {
    super(code, `${field} ${rule}, got ${formatValue(value)}`);
    this.field = field;
    this.value = value;
  }
}

/** A travel-time provider failed to answer (maps to 502/503 in a service). */
export class TravelTimeError extends GeoError {
  constructor(code: 'TRAVEL_TIME_UNAVAILABLE' | 'TRAVEL_TIME_FAILED', message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

/** Renders a value for an error message: short, and unambiguous for NaN, strings and arrays. */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length > 4 ? `an array of length ${value.length}` : `[${value.map(formatValue).join(', ')}]`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  if (typeof value === 'object') return 'an object';
  return typeof value;
}
