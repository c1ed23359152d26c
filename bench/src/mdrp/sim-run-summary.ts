/** Totals and means of a set of {@link SimRun}s of one policy (the `mdrp-all` summary line). */
import type { SimRun } from './run-sim.js';

/** One policy over a set of instances. */
export interface SimRunSummary {
  readonly policy: string;
  readonly numInstances: number;
  readonly numOrders: number;
  readonly numDelivered: number;
  readonly deliveredPct: number;
  /** Mean over instances of the instance mean click-to-door, minutes. */
  readonly clickToDoorMeanMin: number;
  /** Mean over the instances with a floor of (mean click-to-door − floor), minutes; null when none has one. */
  readonly aboveFloorMeanMin: number | null;
  /** Σ delivered orders over each instance's maximum click-to-door. */
  readonly numOverMaxClickToDoor: number;
  /** Σ pay / Σ delivered. */
  readonly payPerOrder: number;
  /** Σ checker violations (must be 0). */
  readonly numViolations: number;
  /** Σ simulate wall time, ms. */
  readonly simulateMs: number;
}

/** Totals and means of `runs` (all of policy `policy`). */
export function summarizeSimRuns(policy: string, runs: readonly SimRun[]): SimRunSummary {
  const total = (f: (r: SimRun) => number) => runs.reduce((sum, r) => sum + f(r), 0);
  const withFloor = runs.filter((r) => r.aboveFloorMin !== null);
  const numOrders = total((r) => r.kpis.numOrders);
  const numDelivered = total((r) => r.kpis.numDelivered);
  return {
    policy,
    numInstances: runs.length,
    numOrders,
    numDelivered,
    deliveredPct: (100 * numDelivered) / numOrders,
    clickToDoorMeanMin: total((r) => r.kpis.clickToDoorMeanMin) / runs.length,
    aboveFloorMeanMin: withFloor.length === 0 ? null : withFloor.reduce((sum, r) => sum + r.aboveFloorMin!, 0) / withFloor.length,
    numOverMaxClickToDoor: total((r) => r.kpis.numOverMaxClickToDoor),
    payPerOrder: total((r) => r.kpis.payTotal) / numDelivered,
    numViolations: total((r) => r.numViolations),
    simulateMs: total((r) => r.simulateMs),
  };
}
