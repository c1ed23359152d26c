/**
 * Typed errors of @o2o/dispatch-core. Every error carries a stable `code` (for programs); bad
 * input also names the field, the rule and the value (for people), e.g.
 * `orders[3].promisedBy must be greater than placedAt (1700000000), got 1699999000`.
 *
 * HTTP mapping in a service: {@link DispatchInputError} → 400, {@link IllegalTransitionError} → 409,
 * {@link DispatchInternalError} → 500 (catastrophic).
 */
import { formatValue } from '@o2o/geo';

/** Stable codes of {@link DispatchInputError} and of each {@link DispatchInputIssue}. */
export type DispatchInputErrorCode =
  /** A field has the wrong type, is out of range or breaks a rule between fields. */
  | 'INVALID_INPUT'
  /** A position is not a valid `[lng, lat]` pair (the geo error is kept as `cause`). */
  | 'INVALID_COORDINATE'
  /** Two stores, riders or orders share an id. */
  | 'DUPLICATE_ID'
  /** An id refers to a store or rider that is not in the snapshot. */
  | 'UNKNOWN_REFERENCE';

/** Code of {@link IllegalTransitionError}. */
export type IllegalTransitionErrorCode = 'ILLEGAL_TRANSITION';

/** Code of {@link DispatchInternalError}. */
export type DispatchInternalErrorCode = 'INTERNAL_ERROR';

/** One broken rule: the field at fault, the rule it breaks and the value it had. */
export interface DispatchInputIssue {
  readonly code: DispatchInputErrorCode;
  /** Path of the field at fault, e.g. `orders[3].promisedBy`. */
  readonly field: string;
  /** The rule, worded to follow the field, e.g. `must be a positive integer`. */
  readonly rule: string;
  /** The offending value, as given. */
  readonly value: unknown;
  /** `${field} ${rule}, got ${value}`. */
  readonly message: string;
  /** The underlying error, e.g. the `GeoInputError` of a bad coordinate. */
  readonly cause?: unknown;
}

/** Base class of every error thrown by @o2o/dispatch-core. */
export class DispatchError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** Renders an issue's message: `${field} ${rule}, got ${value}`. */
export function formatIssueMessage(field: string, rule: string, value: unknown): string {
  return `${field} ${rule}, got ${formatValue(value)}`;
}

/** Builds a {@link DispatchInputIssue}. */
export function inputIssue(
  code: DispatchInputErrorCode,
  field: string,
  rule: string,
  value: unknown,
  cause?: unknown,
): DispatchInputIssue {
  const issue = { code, field, rule, value, message: formatIssueMessage(field, rule, value) };
  return cause === undefined ? issue : { ...issue, cause };
}

/** Validation stops recording issues after this many (garbage input must not build huge errors). */
export const MAX_INPUT_ISSUES = 100;

/** How many further issues a {@link DispatchInputError} message spells out after the first. */
const MAX_ISSUES_IN_MESSAGE = 5;

/**
 * Bad input (maps to HTTP 400). `code`, `field`, `rule` and `value` describe the first broken
 * rule; `issues` lists every broken rule found (validation collects them all, up to a cap, and
 * `truncated` says when more were dropped). The message is the first issue's message, followed by
 * the next few when there are several.
 */
export class DispatchInputError extends DispatchError {
  declare readonly code: DispatchInputErrorCode;
  /** The first field at fault, e.g. `orders[3].promisedBy`. */
  readonly field: string;
  /** The rule the first field breaks. */
  readonly rule: string;
  /** The first offending value, as given. */
  readonly value: unknown;
  /** Every issue found (entity rules in input order, then references); `issues[0]` is the one named by `field`. */
  readonly issues: readonly DispatchInputIssue[];
  /** True when validation stopped collecting issues at its cap. */
  readonly truncated: boolean;

  /** Use {@link DispatchInputError.fromIssues} for several issues. */
  constructor(code: DispatchInputErrorCode, field: string, rule: string, value: unknown, options?: { cause?: unknown }) {
    const issue = inputIssue(code, field, rule, value, options?.cause);
    super(code, issue.message, options);
    this.field = field;
    this.rule = rule;
    this.value = value;
    this.issues = Object.freeze([issue]);
    this.truncated = false;
  }

  /** One error for a non-empty list of issues (the first names `code`, `field`, `rule`, `value`). */
  static fromIssues(issues: readonly DispatchInputIssue[], truncated = false): DispatchInputError {
    const first = issues[0];
    if (first === undefined) throw new DispatchInternalError('DispatchInputError.fromIssues needs at least one issue');
    const error = new DispatchInputError(first.code, first.field, first.rule, first.value, first.cause === undefined ? undefined : { cause: first.cause });
    const numOthers = issues.length - 1;
    if (numOthers > 0 || truncated) {
      const shown = issues.slice(1, 1 + MAX_ISSUES_IN_MESSAGE).map((issue) => `\n  - ${issue.message}`);
      const numHidden = numOthers - shown.length;
      const hidden = numHidden > 0 ? `\n  - ... and ${numHidden} more` : '';
      const stopped = truncated ? `\n  - ... validation stopped after ${issues.length} issues` : '';
      error.message = `${first.message}; ${numOthers}${truncated ? '+' : ''} more issue(s):${shown.join('')}${hidden}${stopped}`;
    }
    const writable = error as { issues: readonly DispatchInputIssue[]; truncated: boolean };
    writable.issues = Object.freeze([...issues]);
    writable.truncated = truncated;
    return error;
  }
}

/**
 * An order status change that the lifecycle does not allow, e.g. `delivered → assigned`
 * (maps to HTTP 409 Conflict: the request is well-formed but clashes with the order's state).
 */
export class IllegalTransitionError extends DispatchError {
  declare readonly code: IllegalTransitionErrorCode;
  /** External id of the order. */
  readonly orderId: string;
  /** Status the order is in. */
  readonly from: string;
  /** Status that was asked for. */
  readonly to: string;
  constructor(orderId: string, from: string, to: string, allowed: readonly string[]) {
    const next = allowed.length > 0 ? `allowed from ${from}: ${allowed.join(', ')}` : `${from} is final`;
    super('ILLEGAL_TRANSITION', `order ${JSON.stringify(orderId)} cannot go from ${from} to ${to} (${next})`);
    this.orderId = orderId;
    this.from = from;
    this.to = to;
  }
}

/** A broken internal invariant: a bug in dispatch-core (maps to HTTP 500 and is catastrophic). */
export class DispatchInternalError extends DispatchError {
  declare readonly code: DispatchInternalErrorCode;
  constructor(message: string, options?: { cause?: unknown }) {
    super('INTERNAL_ERROR', message, options);
  }
}
