/**
 * Riders (couriers): where they are, how they move, what they can carry and when they work.
 */
import { TRAVEL_MODES, type LngLat, type TravelMode } from '@o2o/geo';
import type { DispatchInputError } from '../errors.js';
import type { EpochSeconds } from './epoch-seconds.js';
import { IssueCollector, copyLngLat } from './issue-collector.js';

/** How a rider travels: geo's `TravelMode` (`'walk' | 'bike' | 'escooter' | 'car'`), so it feeds travel times directly. */
export type RiderMode = TravelMode;

/** Every {@link RiderMode}, in a stable order (geo's `TRAVEL_MODES`). */
export const RIDER_MODES: readonly RiderMode[] = TRAVEL_MODES;

/** Every {@link RiderStatus}, in a stable order. */
export const RIDER_STATUSES = ['idle', 'busy', 'offline'] as const;

/** `idle`: on shift with nothing to do; `busy`: carrying or heading to orders; `offline`: not available. */
export type RiderStatus = (typeof RIDER_STATUSES)[number];

/** A rider. All times are integer Unix epoch seconds. */
export interface Rider {
  /** External id, unique among riders. */
  readonly id: string;
  /** Display name. */
  readonly name?: string;
  /** Last known position, `[lng, lat]` in degrees. */
  readonly position: LngLat;
  readonly mode: RiderMode;
  /** What the bag holds, in bag units (same unit as `Order.size`), a positive integer. */
  readonly capacity: number;
  /** Most orders carried at once, an integer ≥ 1. */
  readonly bagLimit: number;
  /** Shift start; `shiftStart < shiftEnd`. */
  readonly shiftStart: EpochSeconds;
  /** Shift end. */
  readonly shiftEnd: EpochSeconds;
  readonly status: RiderStatus;
}

/**
 * Validates one rider and returns a frozen copy; throws a {@link DispatchInputError} listing every
 * broken rule. `field` prefixes the field paths in errors (e.g. `riders[3]`).
 */
export function validateRider(input: unknown, field = 'rider'): Rider {
  const issues = new IssueCollector();
  const rider = checkRider(issues, field, input);
  issues.throwIfAny();
  return rider as Rider;
}

/** @internal Records every broken rule of `input` in `issues`; returns the copy when it has none. */
export function checkRider(issues: IssueCollector, field: string, input: unknown): Rider | undefined {
  if (!issues.checkObject(field, input)) return undefined;
  const numBefore = issues.numFound;
  const { id, name, position, mode, capacity, bagLimit, shiftStart, shiftEnd, status } = input;
  issues.checkNonEmptyString(`${field}.id`, id);
  if (name !== undefined) issues.checkNonEmptyString(`${field}.name`, name);
  issues.checkLngLat(`${field}.position`, position);
  issues.checkOneOf(`${field}.mode`, mode, RIDER_MODES);
  issues.checkPositiveInteger(`${field}.capacity`, capacity);
  issues.checkPositiveInteger(`${field}.bagLimit`, bagLimit);
  const okStart = issues.checkEpochSeconds(`${field}.shiftStart`, shiftStart);
  if (issues.checkEpochSeconds(`${field}.shiftEnd`, shiftEnd) && okStart && shiftEnd <= shiftStart) {
    issues.invalid(`${field}.shiftEnd`, `must be greater than shiftStart (${shiftStart})`, shiftEnd);
  }
  issues.checkOneOf(`${field}.status`, status, RIDER_STATUSES);
  if (issues.numFound > numBefore) return undefined;

  const rider: Rider = {
    id: id as string,
    ...(name === undefined ? {} : { name: name as string }),
    position: copyLngLat(position as LngLat),
    mode: mode as RiderMode,
    capacity: capacity as number,
    bagLimit: bagLimit as number,
    shiftStart: shiftStart as EpochSeconds,
    shiftEnd: shiftEnd as EpochSeconds,
    status: status as RiderStatus,
  };
  return Object.freeze(rider);
}
