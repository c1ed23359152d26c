/**
 * Each operator's move set recomputed from scratch on plain arrays with `evaluateSequence`: the
 * reference the operators' deltas must equal. Written from the operators' documented moves, not
 * from their code paths (no caches, no bounds, no splices).
 */
import { evaluateSequence, type ProblemData, type SolutionState } from '@o2o/dispatch-core';
import { stopsOf } from './helpers.js';

const cost = (d: ProblemData, v: number, seq: readonly number[]) => evaluateSequence(d, v, seq, seq.length);

function canServe(d: ProblemData, v: number, r: number): boolean {
  const bound = d.boundVehicle[r]!;
  return (bound < 0 || bound === v) && d.vehicleHasSkills(v, r);
}

/** The pair's routes, both assigned and feasible, or undefined. */
function routesOf(sol: SolutionState, u: number, v: number) {
  const d = sol.data;
  const ra = sol.routeOfRequest[d.requestOfStop[u]!]!;
  const rb = sol.routeOfRequest[d.requestOfStop[v]!]!;
  if (u === v || ra < 0 || rb < 0 || !sol.routes[ra]!.isFeasible || !sol.routes[rb]!.isFeasible) return undefined;
  const a = stopsOf(sol, ra);
  const b = stopsOf(sol, rb);
  return { d, ra, rb, a, b, i: a.indexOf(u), j: b.indexOf(v), lockA: sol.routes[ra]!.numLocked, lockB: sol.routes[rb]!.numLocked };
}

/** seq with the segment [a, a + len) moved to before the element now at t. */
function moveSegment(seq: readonly number[], a: number, len: number, t: number): number[] {
  const seg = seq.slice(a, a + len);
  const rest = [...seq.slice(0, a), ...seq.slice(a + len)];
  const at = t < a ? t : t - len;
  return [...rest.slice(0, at), ...seg, ...rest.slice(at)];
}

const isSingle = (d: ProblemData, s: number) => d.requestNumStops[d.requestOfStop[s]!] === 1;

export function relocateReference(sol: SolutionState, u: number, v: number): number {
  const c = routesOf(sol, u, v);
  if (!c || !isSingle(c.d, u) || c.i < c.lockA) return Infinity;
  const { d, ra, rb, a, b, i, j } = c;
  let best = Infinity;
  for (const t of [j + 1, j]) {
    if (ra === rb) {
      if (t === i || t === i + 1 || t < c.lockA) continue;
      best = Math.min(best, cost(d, ra, moveSegment(a, i, 1, t)) - cost(d, ra, a));
    } else {
      if (t < c.lockB || !canServe(d, rb, d.requestOfStop[u]!)) continue;
      const a2 = a.filter((s) => s !== u);
      const b2 = [...b.slice(0, t), u, ...b.slice(t)];
      best = Math.min(best, cost(d, ra, a2) - cost(d, ra, a) + cost(d, rb, b2) - cost(d, rb, b));
    }
  }
  return best;
}

export function exchangeReference(sol: SolutionState, u: number, v: number): number {
  const c = routesOf(sol, u, v);
  if (!c || !isSingle(c.d, u) || !isSingle(c.d, v) || c.i < c.lockA || c.j < c.lockB) return Infinity;
  const { d, ra, rb, a, b, i, j } = c;
  if (ra === rb) {
    const a2 = a.slice();
    [a2[i], a2[j]] = [v, u];
    return cost(d, ra, a2) - cost(d, ra, a);
  }
  if (!canServe(d, rb, d.requestOfStop[u]!) || !canServe(d, ra, d.requestOfStop[v]!)) return Infinity;
  const a2 = a.map((s) => (s === u ? v : s));
  const b2 = b.map((s) => (s === v ? u : s));
  return cost(d, ra, a2) - cost(d, ra, a) + cost(d, rb, b2) - cost(d, rb, b);
}

export function orOptReference(sol: SolutionState, u: number, v: number): number {
  const c = routesOf(sol, u, v);
  if (!c || c.ra !== c.rb || c.i < c.lockA) return Infinity;
  const { d, ra, a, i, j } = c;
  let best = Infinity;
  for (let len = 1; len <= 3 && i + len <= a.length; len++) {
    if (j >= i && j < i + len) break;
    for (const t of [j + 1, j]) {
      if (t === i || t === i + len || t < c.lockA) continue;
      best = Math.min(best, cost(d, ra, moveSegment(a, i, len, t)) - cost(d, ra, a));
    }
  }
  return best;
}

/** True when a shipment has its pickup before position `cut` of seq and its delivery at or after it. */
function isStraddled(d: ProblemData, seq: readonly number[], cut: number): boolean {
  for (let p = 0; p < cut; p++) {
    const sib = d.sibling[seq[p]!]!;
    if (sib >= 0 && seq.indexOf(sib) >= cut) return true;
  }
  return false;
}

export function twoOptStarReference(sol: SolutionState, u: number, v: number): number {
  const c = routesOf(sol, u, v);
  if (!c || c.ra === c.rb) return Infinity;
  const { d, ra, rb, a, b, i, j } = c;
  let best = Infinity;
  for (const [cutA, cutB] of [
    [i + 1, j],
    [i, j + 1],
  ] as const) {
    if (cutA < c.lockA || cutB < c.lockB || (cutA === a.length && cutB === b.length)) continue;
    if (isStraddled(d, a, cutA) || isStraddled(d, b, cutB)) continue;
    const tailA = a.slice(cutA);
    const tailB = b.slice(cutB);
    if (!tailB.every((s) => canServe(d, ra, d.requestOfStop[s]!)) || !tailA.every((s) => canServe(d, rb, d.requestOfStop[s]!))) continue;
    const a2 = [...a.slice(0, cutA), ...tailB];
    const b2 = [...b.slice(0, cutB), ...tailA];
    best = Math.min(best, cost(d, ra, a2) - cost(d, ra, a) + cost(d, rb, b2) - cost(d, rb, b));
  }
  return best;
}

/** Cheapest cost change of inserting shipment r's stops into seq (positions ≥ numLocked) on vehicle v. */
function bestPairInsertion(d: ProblemData, v: number, seq: readonly number[], numLocked: number, r: number): number {
  const pickup = d.requestFirstStop[r]!;
  const delivery = d.sibling[pickup]!;
  const base = cost(d, v, seq);
  let best = Infinity;
  for (let p = numLocked; p <= seq.length; p++) {
    for (let q = p; q <= seq.length; q++) {
      best = Math.min(best, cost(d, v, [...seq.slice(0, p), pickup, ...seq.slice(p, q), delivery, ...seq.slice(q)]) - base);
    }
  }
  return best;
}

export function relocatePairReference(sol: SolutionState, u: number, v: number): number {
  const d = sol.data;
  const r = d.requestOfStop[u]!;
  const c = routesOf(sol, u, v);
  if (!c || d.requestNumStops[r] !== 2) return Infinity;
  const { ra, rb, a, b } = c;
  const pickup = d.requestFirstStop[r]!;
  if (a.indexOf(pickup) < c.lockA || !canServe(d, rb, r)) return Infinity;
  const a2 = a.filter((s) => d.requestOfStop[s] !== r);
  const removal = cost(d, ra, a2) - cost(d, ra, a);
  if (removal === Infinity) return Infinity;
  return removal + (ra === rb ? bestPairInsertion(d, ra, a2, c.lockA, r) : bestPairInsertion(d, rb, b, c.lockB, r));
}

export function exchangePairsReference(sol: SolutionState, u: number, v: number): number {
  const c = routesOf(sol, u, v);
  if (!c || c.ra === c.rb) return Infinity;
  const { d, ra, rb, a, b } = c;
  const ru = d.requestOfStop[u]!;
  const rv = d.requestOfStop[v]!;
  if (d.requestNumStops[ru] !== 2 || d.requestNumStops[rv] !== 2) return Infinity;
  if (a.indexOf(d.requestFirstStop[ru]!) < c.lockA || b.indexOf(d.requestFirstStop[rv]!) < c.lockB) return Infinity;
  if (!canServe(d, rb, ru) || !canServe(d, ra, rv)) return Infinity;
  const a2 = a.filter((s) => d.requestOfStop[s] !== ru);
  const b2 = b.filter((s) => d.requestOfStop[s] !== rv);
  const removal = cost(d, ra, a2) - cost(d, ra, a) + cost(d, rb, b2) - cost(d, rb, b);
  if (removal === Infinity) return Infinity;
  return removal + bestPairInsertion(d, ra, a2, c.lockA, rv) + bestPairInsertion(d, rb, b2, c.lockB, ru);
}
