/**
 * A policy answered with an assignment the simulator cannot execute. The simulator checks every
 * assignment strictly and stops at the first broken rule: a policy bug must not go unnoticed as
 * a quietly worse KPI.
 */
import { formatValue } from '@o2o/geo';
import { DispatchError } from '../errors.js';

/** Stable codes of the broken rule. */
export type SimAssignmentRule =
  /** `decide` did not return an array of assignments. */
  | 'MALFORMED_ASSIGNMENTS'
  /** `courier` is not an index into `instance.couriers`. */
  | 'UNKNOWN_COURIER'
  /** `orders` is not a non-empty array. */
  | 'EMPTY_BUNDLE'
  /** An order is not an index into `instance.orders`. */
  | 'UNKNOWN_ORDER'
  /** An order appears twice in the same decision. */
  | 'DUPLICATE_ORDER'
  /** An order was assigned by an earlier decision. */
  | 'ORDER_ALREADY_ASSIGNED'
  /** An order has not been placed yet (or is not yet visible at this instant). */
  | 'ORDER_NOT_PLACED'
  /** Orders of different stores share a bundle while `sameStoreBundlesOnly` is set. */
  | 'MIXED_STORES'
  /** The courier's shift has not started or has ended (`now < onAt` or `now ≥ offAt`). */
  | 'COURIER_OFF_DUTY'
  /** The courier would pick the bundle up after its `offAt`. */
  | 'PICKUP_AFTER_OFF_TIME';

/** Code of {@link SimAssignmentError}. */
export type SimAssignmentErrorCode = 'INVALID_ASSIGNMENT';

/**
 * An assignment broke a rule. `field` is its path in the policy's answer (e.g.
 * `assignments[2].orders[1]`), `rule` the code of the rule and `value` the offending value; the
 * message reads `policy "greedy" at 600 s: assignments[2].orders[1] must … , got 3`.
 */
export class SimAssignmentError extends DispatchError {
  declare readonly code: SimAssignmentErrorCode;
  readonly rule: SimAssignmentRule;
  readonly policy: string;
  readonly nowSec: number;
  readonly field: string;
  readonly value: unknown;
  /** Courier index of the assignment, when it is a valid one. */
  readonly courier: number | undefined;
  /** Order index at fault, when there is one. */
  readonly order: number | undefined;

  constructor(
    rule: SimAssignmentRule,
    at: { readonly policy: string; readonly nowSec: number; readonly field: string; readonly courier?: number; readonly order?: number },
    ruleText: string,
    value: unknown,
  ) {
    super('INVALID_ASSIGNMENT', `policy ${JSON.stringify(at.policy)} at ${at.nowSec} s: ${at.field} ${ruleText}, got ${formatValue(value)} [${rule}]`);
    this.rule = rule;
    this.policy = at.policy;
    this.nowSec = at.nowSec;
    this.field = at.field;
    this.value = value;
    this.courier = at.courier;
    this.order = at.order;
  }
}
