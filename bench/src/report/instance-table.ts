import type { InstanceResult } from '../run/instance-result.js';
import { formatFixed, formatSigned, formatTable, type Column } from './format-table.js';

/** `yes`, or `NO` with the number of problems found (checker, solver and unassigned). */
export function feasibilityCell(result: Pick<InstanceResult, 'feasible' | 'violations' | 'solverViolations' | 'unassigned' | 'solverIsFeasible'>): string {
  if (result.feasible) return 'yes';
  const count = result.violations.length + result.solverViolations.length + result.unassigned.length;
  return count > 0 ? `NO (${count})` : 'NO (solver)';
}

/**
 * One row per instance: vehicles, distance, gap to `bks.csv`, and to
 * `bks_distance_objective.csv` when any result has it, time and feasibility.
 */
export function formatInstanceTable(results: readonly InstanceResult[]): string {
  const withDistanceBks = results.some((r) => r.bksDistanceObjective !== undefined);
  const right = (header: string): Column => ({ header, align: 'right' });
  const columns: Column[] = [
    { header: 'Instance' },
    { header: 'Class' },
    right('Veh'),
    right('Distance'),
    right('BKS veh'),
    right('BKS dist'),
    right('Gap %'),
    ...(withDistanceBks ? [right('BKS-d veh'), right('BKS-d dist'), right('Gap-d %')] : []),
    right('Time ms'),
    { header: 'Feasible' },
  ];
  const rows = results.map((r) => [
    r.instance,
    r.class ?? '-',
    String(r.vehicles),
    formatFixed(r.distance, 2),
    formatFixed(r.bks?.vehicles, 0),
    formatFixed(r.bks?.distance, 2),
    formatSigned(r.bks?.gapPct, 2),
    ...(withDistanceBks ? [formatFixed(r.bksDistanceObjective?.vehicles, 0), formatFixed(r.bksDistanceObjective?.distance, 2), formatSigned(r.bksDistanceObjective?.gapPct, 2)] : []),
    formatFixed(r.timeMs, 0),
    feasibilityCell(r),
  ]);
  return formatTable(columns, rows);
}
