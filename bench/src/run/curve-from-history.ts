import type { ImprovementEvent } from '@o2o/dispatch-core';
import type { CurvePoint } from './instance-result.js';

/** The time-to-quality curve from `SolveResult.history`, with the implied distance of each point. */
export function curveFromHistory(history: readonly ImprovementEvent[], factor: number, vehicleFixedCost: number): CurvePoint[] {
  return history.map((event) => ({
    timeMs: event.timeMs,
    iteration: event.iteration,
    vehicles: event.numVehicles,
    unassigned: event.numUnassigned,
    cost: event.cost,
    distance: event.numUnassigned > 0 ? null : (event.cost - event.numVehicles * vehicleFixedCost) / factor,
  }));
}
