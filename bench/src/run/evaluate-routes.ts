import { checkRoutes } from '../check/check-routes.js';
import { doubleCheckView } from '../check/route-check-view.js';
import { totalDistance } from '../geometry/euclidean-distance.js';
import type { NodeRoute, VrpInstance } from '../instances/vrp-instance.js';

export interface RouteEvaluation {
  readonly vehicles: number;
  /** Recomputed from the coordinates in doubles. */
  readonly distance: number;
  /** From the double-precision checker; empty = feasible. */
  readonly violations: string[];
}

/** Judges routes on the instance's own numbers, independently of the solver. */
export function evaluateRoutes(instance: VrpInstance, routes: readonly NodeRoute[]): RouteEvaluation {
  return {
    vehicles: routes.filter((route) => route.length > 0).length,
    distance: totalDistance(instance, routes),
    violations: checkRoutes(doubleCheckView(instance), routes),
  };
}
