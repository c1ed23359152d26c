/**
 * What the route checker needs of an instance, so that one checker serves both the original
 * numbers (doubles, with a tiny tolerance for summation error) and the scaled integers handed to
 * the solver (exact).
 */
import { euclideanDistance } from '../geometry/euclidean-distance.js';
import type { VrpInstance } from '../instances/vrp-instance.js';
import type { ScaledInstance } from '../problem/scale-instance.js';

export interface RouteCheckView {
  readonly instance: VrpInstance;
  /** Travel time from node `fromId` to node `toId`. */
  travelTime(fromId: number, toId: number): number;
  readyTime(id: number): number;
  dueTime(id: number): number;
  serviceTime(id: number): number;
  /** Slack allowed on time comparisons. */
  readonly tolerance: number;
  /** Writes a time for messages. */
  formatTime(t: number): string;
}

/**
 * Slack on time comparisons in doubles. Schedule times stay below ~4,000 and a route has ~100
 * legs, so summation error is below 1e-10; 1e-6 absorbs it with room and is still far below the
 * rounding slack the scaled model could hide (up to one 1/factor unit per leg).
 */
export const DOUBLE_TIME_TOLERANCE = 1e-6;

/** The instance's own numbers; travel time = Euclidean distance (speed 1) in doubles. */
export function doubleCheckView(instance: VrpInstance): RouteCheckView {
  const node = (id: number) => instance.nodes[id] ?? instance.nodes[0]!;
  return {
    instance,
    travelTime: (a, b) => euclideanDistance(node(a), node(b)),
    readyTime: (id) => node(id).readyTime,
    dueTime: (id) => node(id).dueTime,
    serviceTime: (id) => node(id).serviceTime,
    tolerance: DOUBLE_TIME_TOLERANCE,
    formatTime: (t) => t.toFixed(6),
  };
}

/** The scaled integers the solver sees (exact comparisons). */
export function scaledCheckView(instance: VrpInstance, scaled: ScaledInstance): RouteCheckView {
  const n = scaled.numNodes;
  const at = (values: Int32Array, id: number) => values[id] ?? 0;
  return {
    instance,
    travelTime: (a, b) => scaled.durationMatrix[a * n + b] ?? 0,
    readyTime: (id) => at(scaled.readyTime, id),
    dueTime: (id) => at(scaled.dueTime, id),
    serviceTime: (id) => at(scaled.serviceTime, id),
    tolerance: 0,
    formatTime: (t) => String(t),
  };
}
