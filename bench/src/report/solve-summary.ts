import type { InstanceResult } from '../run/instance-result.js';
import { formatFixed, formatSigned } from './format-table.js';
import { feasibilityCell } from './instance-table.js';

/** The text output of `o2o-bench solve`: headline, gaps, violations, routes. */
export function formatSolveSummary(r: InstanceResult): string {
  const lines = [
    `${r.instance} (${r.format}, ${r.objective} objective, seed ${r.seed}, limit ${r.timeLimitMs} ms${r.maxIterations === undefined ? '' : ` / ${r.maxIterations} iterations`}, ${r.threads} thread${r.threads === 1 ? '' : 's'})`,
    `vehicles ${r.vehicles}  distance ${formatFixed(r.distance, 4)}  time ${formatFixed(r.timeMs, 0)} ms  iterations ${r.iterations} (stopped by ${r.stoppedBy})  feasible ${feasibilityCell(r)}`,
  ];
  if (r.bks) lines.push(`bks.csv                     ${r.bks.vehicles} vehicles  ${formatFixed(r.bks.distance, 4)}  gap ${formatSigned(r.bks.gapPct, 2)} %  Δveh ${formatSigned(r.bks.vehicleDiff, 0)}`);
  const d = r.bksDistanceObjective;
  if (d) lines.push(`bks_distance_objective.csv  ${d.vehicles} vehicles  ${formatFixed(d.distance, 4)}  gap ${formatSigned(d.gapPct, 2)} %  Δveh ${formatSigned(d.vehicleDiff, 0)}`);
  if (r.unassigned.length > 0) lines.push(`unassigned: ${r.unassigned.join(' ')}`);
  for (const v of r.violations) lines.push(`violation (double-precision check): ${v}`);
  for (const v of r.solverViolations) lines.push(`violation (verifySolution): ${v}`);
  if (!r.solverIsFeasible) lines.push('the solver reports its solution infeasible');
  r.routes.forEach((route, i) => lines.push(`route ${String(i + 1).padStart(2)}: ${route.join(' ')}`));
  return lines.join('\n');
}
