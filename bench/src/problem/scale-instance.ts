/**
 * Integer model of an instance for the solver, whose matrices are Int32: every time and
 * distance is multiplied by `factor` (default 10,000), then rounded in the direction that makes
 * every solution the solver finds feasible in real numbers too:
 *
 * - travel time (= distance) **up**: `ceil(factor · d)`, computed exactly from the integer
 *   square root of `factor² · (dx² + dy²)`;
 * - ready and service times **up**, due times (customers and the depot's return) **down**. The
 *   files hold integers, so these are exact anyway.
 *
 * Why up for travel times: a schedule is built with `+` and `max` only (arrive = depart +
 * travel; start = max(arrive, ready); depart = start + service), which are monotone. Every scaled
 * input is ≥ factor × its real value, so by induction along the route every scaled arrival and
 * start is ≥ factor × the real one: a scaled start ≤ factor·due implies a real start ≤ due. So a
 * route the solver accepts is never late in doubles (the bench re-checks every route in doubles
 * anyway). The window's lower end cannot break: arriving earlier only means waiting.
 *
 * The price: a route whose real slack at some stop is under (number of legs)/factor (< 0.011
 * time units for 110 legs) is rejected although feasible in real numbers. Rounding down would
 * keep it but could accept routes that are late by that much, and a benchmark solution must be
 * feasible; we trade the (rare) lost route for the guarantee.
 */

export const SCALE_FACTOR = 10_000;

const INT32_MAX = 2 ** 31 - 1;

export interface ScaledInstance {
  readonly factor: number;
  readonly numNodes: number;
  /** `ceil(factor · distance)`, row-major `numNodes²`; also the travel-time matrix. */
  readonly durationMatrix: Int32Array;
  /** `ceil(factor · readyTime)` per node. */
  readonly readyTime: Int32Array;
  /** `ceil(factor · dueTime)` per node (the depot's: the latest return). */
  readonly dueTime: Int32Array;
  /** `ceil(factor · serviceTime)` per node. */
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
      durationMatrix[i * n + j] = toInt32(ceilScaledDistance(a, b, factor), `distance ${i}→${j}`);
    });
  });
  const perNode = (f: (node: ScalableNode) => number, what: string) => Int32Array.from(nodes, (node, i) => toInt32(f(node), `${what} of node ${i}`));
  return {
    factor,
    numNodes: n,
    durationMatrix,
    readyTime: perNode((node) => Math.ceil(node.readyTime * factor), 'ready time'),
    dueTime: perNode((node) => Math.floor(node.dueTime * factor), 'due time'),
    serviceTime: perNode((node) => Math.ceil(node.serviceTime * factor), 'service time'),
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

/** `ceil(factor · √(dx² + dy²))` exactly, for integer coordinates (see {@link floorScaledDistance}). */
export function ceilScaledDistance(a: { readonly x: number; readonly y: number }, b: { readonly x: number; readonly y: number }, factor: number): number {
  const root = floorScaledDistance(a, b, factor);
  const dx = a.x - b.x;
  const dy = a.y - b.y;
  return root * root === factor * factor * (dx * dx + dy * dy) ? root : root + 1;
}

/** ⌊√value⌋ for a safe non-negative integer: the float root, corrected by at most a step each way. */
export function floorSqrt(value: number): number {
  let root = Math.floor(Math.sqrt(value));
  while (root * root > value) root--;
  while ((root + 1) * (root + 1) <= value) root++;
  return root;
}
