/**
 * Per-class figures of a run, in benchmark class order, then names outside the benchmark sets
 * (`other`), then `all`. Vehicles, distances and gaps are over the feasible instances only (an
 * infeasible solution's distance is no achievement); times are over all instances. Null where
 * there is nothing to average.
 */
import { classRank } from '../instances/instance-class.js';
import type { InstanceResult } from '../run/instance-result.js';

export type SummaryInput = Pick<InstanceResult, 'class' | 'feasible' | 'vehicles' | 'distance' | 'timeMs' | 'bks' | 'bksDistanceObjective'>;

export interface ClassSummary {
  /** `C1` … `LRC2`, `other`, or `all`. */
  readonly class: string;
  readonly numInstances: number;
  readonly numFeasible: number;
  readonly meanVehicles: number | null;
  readonly meanDistance: number | null;
  /** Sum of vehicles (CNV) over the feasible instances. */
  readonly totalVehicles: number;
  /** Sum of distances (CTD) over the feasible instances. */
  readonly totalDistance: number;
  /** Against `bks.csv`, over feasible instances it lists. */
  readonly meanVehicleDiff: number | null;
  readonly meanGapPct: number | null;
  /** Against `bks_distance_objective.csv`, over feasible instances it lists. */
  readonly meanVehicleDiffDistanceObjective: number | null;
  readonly meanGapPctDistanceObjective: number | null;
  readonly meanTimeMs: number | null;
}

export const ALL_CLASSES = 'all';
export const OTHER_CLASS = 'other';

export function summarizeByClass(results: readonly SummaryInput[]): ClassSummary[] {
  const groups = new Map<string, SummaryInput[]>();
  for (const result of results) {
    const cls = result.class ?? OTHER_CLASS;
    groups.set(cls, [...(groups.get(cls) ?? []), result]);
  }
  const classes = [...groups.keys()].sort((a, b) => classRank(a) - classRank(b));
  const summaries = classes.map((cls) => summarizeGroup(cls, groups.get(cls) ?? []));
  return results.length === 0 ? summaries : [...summaries, summarizeGroup(ALL_CLASSES, results)];
}

function summarizeGroup(cls: string, group: readonly SummaryInput[]): ClassSummary {
  const feasible = group.filter((r) => r.feasible);
  const withBks = feasible.flatMap((r) => (r.bks ? [r.bks] : []));
  const withDistanceBks = feasible.flatMap((r) => (r.bksDistanceObjective ? [r.bksDistanceObjective] : []));
  return {
    class: cls,
    numInstances: group.length,
    numFeasible: feasible.length,
    meanVehicles: mean(feasible.map((r) => r.vehicles)),
    meanDistance: mean(feasible.map((r) => r.distance)),
    totalVehicles: sum(feasible.map((r) => r.vehicles)),
    totalDistance: sum(feasible.map((r) => r.distance)),
    meanVehicleDiff: mean(withBks.map((b) => b.vehicleDiff)),
    meanGapPct: mean(withBks.map((b) => b.gapPct)),
    meanVehicleDiffDistanceObjective: mean(withDistanceBks.map((b) => b.vehicleDiff)),
    meanGapPctDistanceObjective: mean(withDistanceBks.map((b) => b.gapPct)),
    meanTimeMs: mean(group.map((r) => r.timeMs)),
  };
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** Arithmetic mean, null for no values. */
export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : sum(values) / values.length;
}
