/**
 * Integer model of an instance for the solver, whose matrices are Int32: every time and
 * distance is multiplied by `factor` (default 10,000), then rounded in the direction that keeps
 * every solution that is feasible in real numbers feasible after scaling:
 *
 * - travel time (= distance) **down**: `floor(factor · d)`, computed exactly as an integer
 *   square root of `factor² · (dx² + dy²)`;
 * - ready times **down** and service times **down**, due times (customers and the depot's
 *   return) **up**. The files hold integers, so these three are exact anyway.
 *
 * Why down for travel times: a schedule is built with `+` and `max` only (arrive = depart +
 * travel; start = max(arrive, ready); depart = start + service), which are monotone. If every
 * scaled input is ≤ factor × its real value, then by induction along the route every scaled
 * arrival and start is ≤ factor × the real one, so a real start ≤ due stays a scaled start ≤
 * factor·due. The window's lower end cannot break: arriving earlier only means waiting (allowed).
 * Rounding up would instead reject real-feasible routes whose slack is under one unit per leg.
 *
 * The price is the converse: a route may be feasible scaled but late by less than
 * (number of legs)/factor in real numbers (< 0.011 for 110 legs at 10,000). The bench checks
 * every reported route in doubles, so such a route shows as infeasible, never as a silent win.
 */

export const SCALE_FACTOR = 10_000;

const INT32_MAX = 2 ** 31 - 1;

export interface ScaledInstance {
  readonly factor: number;
  readonly numNodes: number;
  /** `floor(factor · distance)`, row-major `numNodes²`; also the travel-time matrix. */
  readonly durationMatrix: Int32Array;
  /** `floor(factor · readyTime)` per node. */
  readonly readyTime: Int32Array;
  /** `ceil(factor · dueTime)` per node (the depot's: the latest return). */
  readonly dueTime: Int32Array;
  /** `floor(factor · serviceTime)` per node. */
  readonly serviceTime: Int32Array;
}

interface ScalableNode {
  readonly x: number;
  readonly y: number;
  readonly readyTime: number;
  readonly dueTime: number;
  readonly serviceTime: number;
}

export function scaleInstance(instance: { readonly name: string; readonly nodes: readonly ScalableNode[] }, factor: number = SCALE_FACTOR): ScaledInstance {
  if (!Number.isSafeInteger(factor) || factor < 1) throw new RangeError(`scale factor must be an integer ≥ 1, got ${factor}`);
  const { nodes, name } = instance;
  const n = nodes.length;
  const toInt32 = (value: number, what: string): number => {
    if (!(Math.abs(value) <= INT32_MAX)) throw new RangeError(`${name}: ${what} × ${factor} = ${value} does not fit an Int32; use a smaller scale factor`);
    return value;
  };
  const durationMatrix = new Int32Array(n * n);
  nodes.forEach((a, i) => {
    nodes.forEach((b, j) => {
      durationMatrix[i * n + j] = toInt32(floorScaledDistance(a, b, factor), `distance ${i}→${j}`);
    });
  });
  const perNode = (f: (node: ScalableNode) => number, what: string) => Int32Array.from(nodes, (node, i) => toInt32(f(node), `${what} of node ${i}`));
  return {
    factor,
    numNodes: n,
    durationMatrix,
    readyTime: perNode((node) => Math.floor(node.readyTime * factor), 'ready time'),
    dueTime: perNode((node) => Math.ceil(node.dueTime * factor), 'due time'),
    serviceTime: perNode((node) => Math.floor(node.serviceTime * factor), 'service time'),
  };
}

/**
 * `floor(factor · √(dx² + dy²))` exactly, for integer coordinates: the integer square root of
 * `factor² · (dx² + dy²)`, exact while that stays below 2^53.
 */
export function floorScaledDistance(a: { readonly x: number; readonly y: number }, b: { readonly x: number; readonly y: number }, factor: number): number {
  const dx = a.x - b.x;
  const dy = a.y - b.y;
  const radicand = factor * factor * (dx * dx + dy * dy);
  if (!Number.isSafeInteger(dx) || !Number.isSafeInteger(dy) || !Number.isSafeInteger(radicand)) {
    throw new RangeError(`exact scaled distances need integer coordinates and factor² · d² < 2^53, got (${a.x}, ${a.y}) → (${b.x}, ${b.y}) × ${factor}`);
  }
  return floorSqrt(radicand);
}

/** ⌊√value⌋ for a safe non-negative integer: the float root, corrected by at most a step each way. */
export function floorSqrt(value: number): number {
  let root = Math.floor(Math.sqrt(value));
  while (root * root > value) root--;
  while ((root + 1) * (root + 1) <= value) root++;
  return root;
}
