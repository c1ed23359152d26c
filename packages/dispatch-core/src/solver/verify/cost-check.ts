/**
 * @internal The cost breakdown and vehicle count recomputed from the route summaries, compared
 * with what the solution reports.
 */
import type { CostBreakdown, SolutionOutput } from '../solution-output.js';
import type { Assignment } from './assignment-check.js';
import type { ProblemIndex } from './problem-index.js';
import type { RouteSummary } from './route-check.js';
import { isClose, mismatch, type ViolationList } from './violations.js';

const TERMS = ['duration', 'travel', 'distance', 'lateness', 'fixed', 'unassigned', 'total'] as const;

function sumOf<T>(items: readonly T[], value: (item: T) => number): number {
  return items.reduce((sum, item) => sum + value(item), 0);
}

/** The objective, term by term, of the recomputed routes (routes without job stops count nothing). */
export function recomputeCost(index: ProblemIndex, summaries: readonly RouteSummary[], assignment: Assignment): CostBreakdown {
  const w = index.weights;
  const used = summaries.filter((s) => s.numJobStops > 0);
  const jobPenalties = [...index.jobs.values()].filter((j) => !assignment.routedJobIds.has(j.id));
  const shipmentPenalties = [...index.shipments.values()].filter((s) => !assignment.routedShipmentIds.has(s.id));
  const terms = {
    duration: sumOf(used, (s) => s.durationSec) * w.durationSec,
    travel: sumOf(used, (s) => s.travelSec) * w.travelSec,
    distance: sumOf(used, (s) => s.distanceM) * w.distanceM,
    lateness: sumOf(used, (s) => s.latenessCost),
    fixed: sumOf(used, (s) => s.vehicle?.fixedCost ?? 0) * w.fixedCost,
    unassigned:
      sumOf(jobPenalties, (j) => j.unassignedPenalty ?? 0) + sumOf(shipmentPenalties, (s) => s.unassignedPenalty ?? 0),
  };
  const total = terms.duration + terms.travel + terms.distance + terms.lateness + terms.fixed + terms.unassigned;
  return { total, ...terms };
}

/** Compares the cost breakdown (relative tolerance) and `numVehiclesUsed` (exact). */
export function checkCost(
  index: ProblemIndex,
  solution: SolutionOutput,
  summaries: readonly RouteSummary[],
  assignment: Assignment,
  out: ViolationList,
): void {
  const expected = recomputeCost(index, summaries, assignment);
  const reported = solution.cost;
  const diffs = TERMS.filter((t) => !isClose(expected[t], reported[t])).map((t) => mismatch(t, reported[t], expected[t]));
  if (diffs.length > 0) out.add('cost_mismatch', `cost breakdown differs from the recomputation: ${diffs.join(', ')}`);
  const numUsed = summaries.filter((s) => s.numJobStops > 0).length;
  if (solution.numVehiclesUsed !== numUsed) {
    out.add('vehicles_used_mismatch', `numVehiclesUsed is ${solution.numVehiclesUsed}, but ${numUsed} route(s) have job stops`);
  }
}
