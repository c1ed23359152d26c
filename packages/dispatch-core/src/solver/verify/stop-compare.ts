/**
 * @internal One reported stop against its recomputation: every differing field goes into one
 * violation per stop.
 */
import type { RouteStop } from '../solution-output.js';
import { isSameNumber, isSameVector, mismatch, type ViolationList } from './violations.js';

/** What a reported stop should say. */
export interface ExpectedStop {
  readonly id: string;
  readonly location: number;
  readonly arrivalAt: number;
  readonly startAt: number;
  readonly departureAt: number;
  readonly waitSec: number;
  readonly latenessSec: number;
  readonly load: readonly number[];
  readonly ordersOnBoard: number;
  readonly isLocked: boolean;
}

const NUMBER_FIELDS = ['location', 'arrivalAt', 'startAt', 'departureAt', 'waitSec', 'latenessSec', 'ordersOnBoard'] as const;

export function compareStop(label: string, reported: RouteStop, expected: ExpectedStop, out: ViolationList): void {
  const diffs: string[] = [];
  if (reported.id !== expected.id) diffs.push(mismatch('id', reported.id, expected.id));
  for (const field of NUMBER_FIELDS) {
    if (!isSameNumber(expected[field], reported[field])) diffs.push(mismatch(field, reported[field], expected[field]));
  }
  if (!isSameVector(expected.load, reported.load)) diffs.push(mismatch('load', reported.load, expected.load));
  if (reported.isLocked !== expected.isLocked) diffs.push(mismatch('isLocked', reported.isLocked, expected.isLocked));
  if (diffs.length > 0) {
    out.add('stop_mismatch', `${label}: reported values differ from the recomputation: ${diffs.join(', ')}`);
  }
}
