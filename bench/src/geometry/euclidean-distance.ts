/**
 * Distances as the benchmark tables define them: Euclidean, in double precision, never rounded
 * or truncated. Route length runs depot → customers → depot.
 */
import type { NodeRoute, VrpInstance, VrpNode } from '../instances/vrp-instance.js';

export interface Point {
  readonly x: number;
  readonly y: number;
}

export function euclideanDistance(a: Point, b: Point): number {
  const dx = a.x - b.x;
  const dy = a.y - b.y;
  return Math.sqrt(dx * dx + dy * dy);
}

/** Length of one route (depot at both ends; 0 for an empty route). */
export function routeDistance(instance: VrpInstance, route: NodeRoute): number {
  if (route.length === 0) return 0;
  const depot = nodeAt(instance, 0);
  let distance = 0;
  let prev: VrpNode = depot;
  for (const id of route) {
    const node = nodeAt(instance, id);
    distance += euclideanDistance(prev, node);
    prev = node;
  }
  return distance + euclideanDistance(prev, depot);
}

/** Total length of a set of routes, recomputed from the coordinates. */
export function totalDistance(instance: VrpInstance, routes: readonly NodeRoute[]): number {
  return routes.reduce((sum, route) => sum + routeDistance(instance, route), 0);
}

function nodeAt(instance: VrpInstance, id: number): VrpNode {
  const node = instance.nodes[id];
  if (node === undefined) throw new RangeError(`${instance.name}: node ${id} does not exist (ids are 0..${instance.nodes.length - 1})`);
  return node;
}
