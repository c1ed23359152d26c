/**
 * @internal Collects every broken rule of an input, so one {@link DispatchInputError} can report
 * them all. Each `check*` method records an issue and returns false when the value breaks its rule,
 * so callers write `if (c.checkX(field, v)) use(v)` and keep going.
 */
import { assertLngLat, GeoInputError, type LngLat } from '@o2o/geo';
import { DispatchInputError, MAX_INPUT_ISSUES, inputIssue, type DispatchInputErrorCode, type DispatchInputIssue } from '../errors.js';
import { MAX_EPOCH_SECONDS, isEpochSeconds, type EpochSeconds } from './epoch-seconds.js';

/** Rule text for timestamps (shared so messages stay identical everywhere). */
export const EPOCH_SECONDS_RULE = `must be integer Unix epoch seconds in [0, ${MAX_EPOCH_SECONDS}]`;

/** @internal See the module doc. */
export class IssueCollector {
  readonly issues: DispatchInputIssue[] = [];
  /** Issues found so far, including any dropped past the cap. */
  numFound = 0;
  truncated = false;

  /** Records one broken rule (dropped, and `truncated` set, past {@link MAX_INPUT_ISSUES}). */
  add(code: DispatchInputErrorCode, field: string, rule: string, value: unknown, cause?: unknown): void {
    this.numFound++;
    if (this.issues.length >= MAX_INPUT_ISSUES) {
      this.truncated = true;
      return;
    }
    this.issues.push(inputIssue(code, field, rule, value, cause));
  }

  /** Shorthand for `add('INVALID_INPUT', …)`. */
  invalid(field: string, rule: string, value: unknown): void {
    this.add('INVALID_INPUT', field, rule, value);
  }

  /** Throws a {@link DispatchInputError} listing every issue recorded, if any. */
  throwIfAny(): void {
    if (this.issues.length > 0) throw DispatchInputError.fromIssues(this.issues, this.truncated);
  }

  checkObject(field: string, value: unknown): value is Readonly<Record<string, unknown>> {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return true;
    this.invalid(field, 'must be an object', value);
    return false;
  }

  checkArray(field: string, value: unknown, nonEmpty = false): value is readonly unknown[] {
    if (Array.isArray(value) && (!nonEmpty || value.length > 0)) return true;
    this.invalid(field, nonEmpty ? 'must be a non-empty array' : 'must be an array', value);
    return false;
  }

  checkNonEmptyString(field: string, value: unknown): value is string {
    if (typeof value === 'string' && value.length > 0) return true;
    this.invalid(field, 'must be a non-empty string', value);
    return false;
  }

  /** Integer ≥ 1 (a safe integer). */
  checkPositiveInteger(field: string, value: unknown): value is number {
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 1) return true;
    this.invalid(field, 'must be a positive integer', value);
    return false;
  }

  /** Integer ≥ 0 (a safe integer). */
  checkNonNegativeInteger(field: string, value: unknown): value is number {
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return true;
    this.invalid(field, 'must be a non-negative integer', value);
    return false;
  }

  checkEpochSeconds(field: string, value: unknown): value is EpochSeconds {
    if (isEpochSeconds(value)) return true;
    this.invalid(field, EPOCH_SECONDS_RULE, value);
    return false;
  }

  checkOneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): value is T {
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return true;
    this.invalid(field, `must be one of ${allowed.map((a) => `'${a}'`).join(', ')}`, value);
    return false;
  }

  /** A `[lng, lat]` pair, checked by geo's `assertLngLat` (its error is kept as the issue's cause). */
  checkLngLat(field: string, value: unknown): value is LngLat {
    try {
      assertLngLat(field, value);
      return true;
    } catch (error) {
      if (!(error instanceof GeoInputError)) throw error;
      this.add('INVALID_COORDINATE', error.field, geoRule(error), error.value, error);
      return false;
    }
  }
}

/** The rule part of a geo message (`${field} ${rule}, got ${value}`). */
function geoRule(error: GeoInputError): string {
  const prefix = `${error.field} `;
  const end = error.message.indexOf(', got ', prefix.length);
  if (!error.message.startsWith(prefix) || end < 0) return 'must be a valid [lng, lat] position';
  return error.message.slice(prefix.length, end);
}

/** A frozen copy of a validated position, without any extra elements (e.g. altitude). */
export function copyLngLat(p: LngLat): LngLat {
  return Object.freeze([p[0], p[1]] as const);
}

/** Field path of an object key: `inventory["sku-1"]`. */
export function keyField(field: string, key: string): string {
  return `${field}[${JSON.stringify(key)}]`;
}
