import type { SolutionOutput } from '@o2o/dispatch-core';
import type { NodeRoute } from '../instances/vrp-instance.js';

/**
 * The solver's routes as node ids in visit order: locations are node ids (see
 * `toProblemInput`), start and end (the depot) are left out, unused vehicles dropped.
 */
export function routesFromSolution(solution: SolutionOutput): NodeRoute[] {
  return solution.routes
    .map((route) => route.stops.filter((stop) => stop.kind !== 'start' && stop.kind !== 'end').map((stop) => stop.location))
    .filter((route) => route.length > 0);
}
