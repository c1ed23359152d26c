/**
 * @internal Violation records of the solution checker, the list that collects them, and the
 * number comparisons and formatting its messages share.
 */

/** Which rule a violation breaks. */
export type ViolationRule =
  /** Malformed route: start/end stops missing or misplaced, unknown stop kind, unknown vehicle, vehicle routed twice. */
  | 'route_structure'
  /** A stop names a job or shipment the problem does not have (or the wrong kind of one). */
  | 'unknown_id'
  /** A job, pickup or delivery visited more than once. */
  | 'duplicate_stop'
  /** Service starts after the stop's time window end. */
  | 'time_window'
  /** The route ends after the vehicle's `endBy`. */
  | 'end_by'
  /** A job or pickup starts after the vehicle's `shiftEndAt`. */
  | 'shift_end'
  /** Load outside `[0, capacity]` in some dimension. */
  | 'capacity'
  /** More orders on board than the vehicle's `bagLimit`. */
  | 'bag_limit'
  /** A shipment rides longer than its `maxRideSec`. */
  | 'max_ride'
  /** A shipment's pickup and delivery are not both in one route, pickup first. */
  | 'precedence'
  /** An on-board shipment is picked up, delivered by another vehicle, or not delivered. */
  | 'on_board'
  /** The vehicle lacks a skill the job needs. */
  | 'skills'
  /** The route does not start with the vehicle's committed stops, in order. */
  | 'committed'
  /** `solution.unassigned` does not list exactly the jobs left out of every route. */
  | 'unassigned_list'
  /** A stop's reported schedule, load, location or lock flag differs from the recomputation. */
  | 'stop_mismatch'
  /** A route's reported totals or cost differ from the recomputation. */
  | 'route_total_mismatch'
  /** The cost breakdown differs from the recomputation. */
  | 'cost_mismatch'
  /** `numVehiclesUsed` differs from the number of routes with job stops. */
  | 'vehicles_used_mismatch'
  /** `isFeasible` disagrees with the hard violations found. */
  | 'feasibility_flag'
  /** The problem input itself is malformed (what `buildProblem` would reject). */
  | 'input';

/** Rules whose violation makes a solution infeasible. The others are reporting inconsistencies. */
export const HARD_RULES: ReadonlySet<ViolationRule> = new Set<ViolationRule>([
  'route_structure',
  'unknown_id',
  'duplicate_stop',
  'time_window',
  'end_by',
  'shift_end',
  'capacity',
  'bag_limit',
  'max_ride',
  'precedence',
  'on_board',
  'skills',
  'committed',
]);

/** One broken rule, with a message naming the route, stop, id, rule and values. */
export interface SolutionViolation {
  readonly rule: ViolationRule;
  /** True when the rule is a hard constraint (see {@link HARD_RULES}). */
  readonly isHard: boolean;
  readonly message: string;
}

/** @internal Collects violations in the order found. */
export class ViolationList {
  readonly items: SolutionViolation[] = [];

  add(rule: ViolationRule, message: string): void {
    this.items.push({ rule, isHard: HARD_RULES.has(rule), message });
  }

  get numHard(): number {
    return this.items.filter((v) => v.isHard).length;
  }
}

/** Relative tolerance of floating-point cost comparisons. */
export const RELATIVE_TOLERANCE = 1e-9;

/** `|a − b| ≤ 1e-9 · max(1, |a|, |b|)` (relative, with an absolute floor of 1e-9 near zero). */
export function isClose(expected: number, actual: unknown): actual is number {
  if (typeof actual !== 'number' || Number.isNaN(actual)) return false;
  if (actual === expected) return true;
  return Math.abs(actual - expected) <= RELATIVE_TOLERANCE * Math.max(1, Math.abs(expected), Math.abs(actual));
}

/** Exact equality when `expected` is an integer (schedules of integer inputs), else {@link isClose}. */
export function isSameNumber(expected: number, actual: unknown): boolean {
  return Number.isInteger(expected) ? actual === expected : isClose(expected, actual);
}

/** Same length and {@link isSameNumber} entry by entry. */
export function isSameVector(expected: readonly number[], actual: unknown): boolean {
  return (
    Array.isArray(actual) && actual.length === expected.length && expected.every((x, d) => isSameNumber(x, actual[d]))
  );
}

/** A value as it appears in messages: vectors as `[1, 2]`, strings quoted. */
export function show(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(show).join(', ')}]`;
  if (typeof value === 'string') return `'${value}'`;
  return String(value);
}

/** One `name reported (expected x)` item of a mismatch message. */
export function mismatch(name: string, actual: unknown, expected: unknown): string {
  return `${name} ${show(actual)} (expected ${show(expected)})`;
}
