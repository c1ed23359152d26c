/** Gaps to best-known solutions. */
import type { BksEntry } from '../bks/bks-table.js';
import type { BksTables } from '../bks/read-bks-tables.js';
import type { BksComparison, InstanceResult } from '../run/instance-result.js';

/** 100 · (value − reference) / reference: positive when worse than the reference. */
export function gapPercent(value: number, reference: number): number {
  if (!(reference > 0)) throw new RangeError(`the reference of a gap must be > 0, got ${reference}`);
  return (100 * (value - reference)) / reference;
}

export function compareToBks(vehicles: number, distance: number, entry: BksEntry): BksComparison {
  return { vehicles: entry.vehicles, distance: entry.distance, vehicleDiff: vehicles - entry.vehicles, gapPct: gapPercent(distance, entry.distance) };
}

/** The result with its gaps to every table that lists the instance. */
export function attachBks(result: InstanceResult, tables: BksTables): InstanceResult {
  const hierarchical = tables.hierarchical?.get(result.instance);
  const distanceObjective = tables.distanceObjective?.get(result.instance);
  return {
    ...result,
    ...(hierarchical && { bks: compareToBks(result.vehicles, result.distance, hierarchical) }),
    ...(distanceObjective && { bksDistanceObjective: compareToBks(result.vehicles, result.distance, distanceObjective) }),
  };
}

/** The table matching the run's objective: distance → the distance-only table when there is one. */
export function primaryBks(result: Pick<InstanceResult, 'objective' | 'bks' | 'bksDistanceObjective'>): BksComparison | undefined {
  return result.objective === 'distance' ? (result.bksDistanceObjective ?? result.bks) : result.bks;
}
