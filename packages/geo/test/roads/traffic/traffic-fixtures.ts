/** Shared fixtures of the traffic tests: instants, tiny graphs and the brute-force reference. */
import assert from 'node:assert/strict';
import { GeoInputError, NUM_ROAD_CLASSES, type CongestionProfile, type RoadGraph, type RoadTrafficModel } from '@o2o/geo';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;
/** 2024-01-08 00:00 UTC, a Monday. */
export const MON = Date.UTC(2024, 0, 8);
/** 2024-01-10 00:00 UTC, a Wednesday. */
export const WED = Date.UTC(2024, 0, 10);
/** 2024-01-12 00:00 UTC, a Friday. */
export const FRI = Date.UTC(2024, 0, 12);
/** 2024-01-13 00:00 UTC, a Saturday. */
export const SAT = Date.UTC(2024, 0, 13);

/** Alternates free flow and 5 % of it every hour: the harshest profile for FIFO. */
export const SAWTOOTH: CongestionProfile = {
  weekday: Array.from({ length: 24 }, (_, h) => (h % 2 === 0 ? 1 : 0.05)),
  weekend: Array.from({ length: 24 }, (_, h) => (h % 2 === 0 ? 0.05 : 1)),
};

export const near = (actual: number, expected: number, tol = 1e-12, msg = ''): void =>
  assert.ok(Math.abs(actual - expected) <= tol, `${msg} expected ${expected}, got ${actual}`);

/** Asserts `fn` throws a GeoInputError on `field` whose message contains `rule`. */
export function assertGeoError(fn: () => unknown, field: string, rule?: string): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof GeoInputError, `expected GeoInputError, got ${String(e)}`);
    assert.equal(e.field, field);
    if (rule !== undefined) assert.ok(e.message.includes(rule), `message "${e.message}" lacks "${rule}"`);
    return true;
  });
}

/**
 * A star graph: arc `i` runs from vertex 0 to vertex `i + 1` with `durationsMs[i]` and class
 * `classes[i]` (for testing single arcs).
 */
export function starGraph(durationsMs: readonly number[], classes: readonly number[], profile = 'car'): RoadGraph {
  const m = durationsMs.length;
  const n = m + 1;
  const firstOut = new Uint32Array(n + 1);
  for (let v = 1; v <= n; v++) firstOut[v] = m;
  return {
    profile,
    numVertices: n,
    numArcs: m,
    vertexLng: Float64Array.from({ length: n }, (_, v) => -8.6 + v * 1e-3),
    vertexLat: new Float64Array(n).fill(41.15),
    firstOut,
    head: Uint32Array.from({ length: m }, (_, i) => i + 1),
    durationMs: Uint32Array.from(durationsMs),
    lengthCm: Uint32Array.from(durationsMs, (d) => Math.round(d * 1.4)),
    roadClass: Uint8Array.from(classes),
    wayId: Float64Array.from({ length: m }, (_, i) => 1000 + i),
    geomFirst: new Uint32Array(m + 1),
    geomLng: new Float64Array(0),
    geomLat: new Float64Array(0),
  };
}

/** Every road class code, once per duration: `[durations × classes]` in class-major order. */
export function everyClassTimes(durationsMs: readonly number[]): { durations: number[]; classes: number[] } {
  const durations: number[] = [];
  const classes: number[] = [];
  for (let c = 0; c < NUM_ROAD_CLASSES; c++) {
    for (const d of durationsMs) {
      durations.push(d);
      classes.push(c);
    }
  }
  return { durations, classes };
}

/**
 * Reference earliest arrivals by label correcting (Bellman-Ford on arrival instants): relax every
 * arc with `model.arrivalMs` until nothing changes. Exact under FIFO, and obviously so.
 */
export function bruteForceArrivals(model: RoadTrafficModel, source: number, departAtMs: number): Float64Array {
  const g = model.graph;
  const at = new Float64Array(g.numVertices).fill(Infinity);
  at[source] = departAtMs;
  for (let round = 0; round <= g.numVertices; round++) {
    let changed = false;
    for (let u = 0; u < g.numVertices; u++) {
      if (at[u] === Infinity) continue;
      for (let a = g.firstOut[u]!; a < g.firstOut[u + 1]!; a++) {
        const t = model.arrivalMs(a, at[u]!);
        if (t < at[g.head[a]!]!) {
          at[g.head[a]!] = t;
          changed = true;
        }
      }
    }
    if (!changed) return at;
  }
  throw new Error('label correcting did not converge');
}

/** A copy of `graph` with other way ids (the generated graphs have 0 everywhere). */
export function withWayIds(graph: RoadGraph, wayIdOfArc: (a: number) => number): RoadGraph {
  return { ...graph, wayId: Float64Array.from({ length: graph.numArcs }, (_, a) => wayIdOfArc(a)) };
}
