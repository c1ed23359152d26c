import { formatFixed, formatSigned, formatTable, type Column } from './format-table.js';
import type { ClassSummary } from './summarize-by-class.js';

/**
 * One row per class and a final `all` row: feasible count, mean vehicles and distance, CNV and
 * CTD (sums), mean vehicle difference and gap to `bks.csv` (and to the distance-only table when
 * any class has it), mean solver time.
 */
export function formatClassTable(summaries: readonly ClassSummary[]): string {
  const withDistanceBks = summaries.some((s) => s.meanGapPctDistanceObjective !== null);
  const right = (header: string): Column => ({ header, align: 'right' });
  const columns: Column[] = [
    { header: 'Class' },
    right('Feasible'),
    right('Mean veh'),
    right('Mean dist'),
    right('CNV'),
    right('CTD'),
    right('Δveh'),
    right('Gap %'),
    ...(withDistanceBks ? [right('Δveh-d'), right('Gap-d %')] : []),
    right('Mean ms'),
  ];
  const rows = summaries.map((s) => [
    s.class,
    `${s.numFeasible}/${s.numInstances}`,
    formatFixed(s.meanVehicles, 2),
    formatFixed(s.meanDistance, 2),
    String(s.totalVehicles),
    formatFixed(s.totalDistance, 2),
    formatSigned(s.meanVehicleDiff, 2),
    formatSigned(s.meanGapPct, 2),
    ...(withDistanceBks ? [formatSigned(s.meanVehicleDiffDistanceObjective, 2), formatSigned(s.meanGapPctDistanceObjective, 2)] : []),
    formatFixed(s.meanTimeMs, 0),
  ]);
  return formatTable(columns, rows);
}
