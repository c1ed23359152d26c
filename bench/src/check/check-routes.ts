/**
 * An independent feasibility check of a set of routes against the instance (not the solver's
 * model): every customer exactly once, at most K routes, capacity at every point (running load
 * from 0: Solomon deliveries add up the same way), Li & Lim pickup before its delivery on the
 * same route, service start ≤ due at every stop (waiting allowed), return to the depot by its
 * due time. Returns one message per violation; empty means feasible.
 */
import type { NodeRoute } from '../instances/vrp-instance.js';
import type { RouteCheckView } from './route-check-view.js';

export function checkRoutes(view: RouteCheckView, routes: readonly NodeRoute[]): string[] {
  const violations: string[] = [];
  const { instance } = view;
  const used = routes.filter((route) => route.length > 0);
  if (used.length > instance.fleetSize) violations.push(`uses ${used.length} vehicles, the fleet has ${instance.fleetSize}`);
  const routeOf = new Map<number, number>();
  const positionOf = new Map<number, number>();
  routes.forEach((route, r) => {
    route.forEach((id, pos) => {
      if (!Number.isInteger(id) || id < 1 || id >= instance.nodes.length) violations.push(`route ${r + 1} visits unknown customer ${id}`);
      else if (routeOf.has(id)) violations.push(`customer ${id} is visited twice (routes ${routeOf.get(id)! + 1} and ${r + 1})`);
      else {
        routeOf.set(id, r);
        positionOf.set(id, pos);
      }
    });
  });
  const missing = instance.nodes.slice(1).filter((node) => !routeOf.has(node.id)).map((node) => node.id);
  if (missing.length > 0) violations.push(`${missing.length} customer(s) not visited: ${missing.join(' ')}`);
  for (const node of instance.nodes) {
    if (node.pickupId === 0 || !routeOf.has(node.id) || !routeOf.has(node.pickupId)) continue;
    const [r, rp] = [routeOf.get(node.id)!, routeOf.get(node.pickupId)!];
    if (r !== rp) violations.push(`delivery ${node.id} is on route ${r + 1}, its pickup ${node.pickupId} on route ${rp + 1}`);
    else if (positionOf.get(node.pickupId)! > positionOf.get(node.id)!) violations.push(`route ${r + 1}: delivery ${node.id} comes before its pickup ${node.pickupId}`);
  }
  routes.forEach((route, r) => violations.push(...checkRouteLoad(view, route, r), ...checkRouteSchedule(view, route, r)));
  return violations;
}

function checkRouteLoad(view: RouteCheckView, route: NodeRoute, r: number): string[] {
  const { capacity, nodes } = view.instance;
  let load = 0;
  for (const id of route) {
    load += nodes[id]?.demand ?? 0;
    if (load > capacity) return [`route ${r + 1}: load ${load} exceeds the capacity ${capacity} at customer ${id}`];
  }
  return [];
}

/** Leaves the depot at its ready time, waits for early windows, serves, returns. */
function checkRouteSchedule(view: RouteCheckView, route: NodeRoute, r: number): string[] {
  if (route.length === 0) return [];
  const violations: string[] = [];
  let prev = 0;
  let departure = view.readyTime(0);
  for (const id of route) {
    if (view.instance.nodes[id] === undefined) return violations;
    const start = Math.max(departure + view.travelTime(prev, id), view.readyTime(id));
    if (start > view.dueTime(id) + view.tolerance) {
      violations.push(`route ${r + 1}: service at customer ${id} starts at ${view.formatTime(start)}, after its due time ${view.formatTime(view.dueTime(id))}`);
    }
    departure = start + view.serviceTime(id);
    prev = id;
  }
  const back = departure + view.travelTime(prev, 0);
  if (back > view.dueTime(0) + view.tolerance) {
    violations.push(`route ${r + 1}: returns to the depot at ${view.formatTime(back)}, after its due time ${view.formatTime(view.dueTime(0))}`);
  }
  return violations;
}
