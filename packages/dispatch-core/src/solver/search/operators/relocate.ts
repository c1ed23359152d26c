/**
 * Relocate: moves a single-stop request u to just after, or just before, its neighbour v, in v's
 * route (the same route or another). Also known as (1,0)-exchange, PyVRP's `Exchange10`.
 */
import type { ProblemData } from '../../problem-data.js';
import { IntraSplice } from '../intra-splice.js';
import { canServe, newStats, type OperatorOptions, type SearchOperator } from '../operator.js';
import type { SearchState } from '../search-state.js';
import { SpliceCost } from '../splice-cost.js';

export class Relocate implements SearchOperator {
  readonly name = 'relocate';
  readonly stats = newStats();
  private readonly st: SearchState;
  private readonly splice: SpliceCost;
  private readonly prune: boolean;
  private readonly one = new Int32Array(1);
  private readonly trial: IntraSplice;
  private readonly best: IntraSplice;
  // The last best move: u, its route and position, the target route and position (t: before the stop now at t).
  private moveU = -1;
  private moveFrom = -1;
  private moveTo = -1;
  private moveT = -1;
  private isIntra = false;

  constructor(st: SearchState, options: OperatorOptions = {}) {
    this.st = st;
    this.splice = new SpliceCost(st);
    this.prune = options.prune ?? true;
    this.trial = new IntraSplice(st.data.numStops);
    this.best = new IntraSplice(st.data.numStops);
  }

  supports(d: ProblemData): boolean {
    for (let r = 0; r < d.numRequests; r++) if (d.requestNumStops[r] === 1) return true;
    return false;
  }

  evaluate(u: number, v: number): number {
    this.stats.numEvaluations++;
    this.moveU = -1;
    const st = this.st;
    const d = st.data;
    const r = d.requestOfStop[u]!;
    const ru = st.routeOfStop(u);
    const rv = st.routeOfStop(v);
    if (u === v || ru < 0 || rv < 0 || d.requestNumStops[r] !== 1) return Infinity;
    const from = st.routes[ru]!;
    const to = st.routes[rv]!;
    const i = st.posOfStop[u]!;
    if (!from.isFeasible || !to.isFeasible || i < from.numLocked) return Infinity;
    if (ru === rv) return this.evaluateIntra(u, ru, i, st.posOfStop[v]!);
    if (!canServe(d, to.vehicle, r)) return Infinity;

    // Removal from u's route: a splice with nothing in between.
    let removal = this.splice.bound(ru, i, this.one, 0, 0, i + 1);
    let isRemovalExact = this.splice.isExact;
    if (removal === Infinity) return Infinity;
    this.one[0] = u;
    const j = st.posOfStop[v]!;
    let best = Infinity;
    let bestBound = Infinity;
    for (let c = 0; c < 2; c++) {
      const t = c === 0 ? j + 1 : j; // after v, before v
      if (t < to.numLocked) continue;
      let insertion = this.splice.bound(rv, t, this.one, 0, 1, t);
      if (insertion === Infinity) continue;
      let delta = removal - from.cost + insertion - to.cost;
      if (!(isRemovalExact && this.splice.isExact)) {
        // The bound cannot beat what we have: skip the full evaluation.
        if (this.prune && (delta >= 0 || delta >= best)) {
          bestBound = Math.min(bestBound, Math.max(0, delta));
          continue;
        }
        if (!this.splice.isExact) insertion = this.splice.exact(rv, t, this.one, 0, 1, t);
        if (!isRemovalExact) {
          removal = this.splice.exact(ru, i, this.one, 0, 0, i + 1);
          isRemovalExact = true;
          if (removal === Infinity) return Infinity;
        }
        delta = removal - from.cost + insertion - to.cost;
      }
      if (delta < best) {
        best = delta;
        this.setMove(u, ru, rv, t, false);
      }
    }
    return Math.min(best, bestBound);
  }

  /** u moves within its own route to just after / before v. */
  private evaluateIntra(u: number, ru: number, i: number, j: number): number {
    const route = this.st.routes[ru]!;
    let best = Infinity;
    let bestBound = Infinity;
    for (let c = 0; c < 2; c++) {
      const t = c === 0 ? j + 1 : j;
      if (t === i || t === i + 1 || t < route.numLocked) continue; // no-op, or into the locked prefix
      this.trial.moveSegment(route, i, 1, t);
      const delta = this.splice.intraDelta(ru, this.trial, this.prune, best);
      if (!this.splice.isExact) {
        bestBound = Math.min(bestBound, delta);
        continue;
      }
      if (delta < best) {
        best = delta;
        this.best.copyFrom(this.trial);
        this.setMove(u, ru, ru, t, true);
      }
    }
    return Math.min(best, bestBound);
  }

  private setMove(u: number, from: number, to: number, t: number, isIntra: boolean): void {
    this.moveU = u;
    this.moveFrom = from;
    this.moveTo = to;
    this.moveT = t;
    this.isIntra = isIntra;
  }

  apply(): void {
    if (this.moveU < 0) return;
    const st = this.st;
    this.stats.numApplications++;
    st.touch(this.moveFrom);
    if (this.isIntra) {
      this.best.writeTo(st.routes[this.moveFrom]!);
      st.commit(this.moveFrom);
    } else {
      st.touch(this.moveTo);
      st.routes[this.moveFrom]!.removeAt(st.posOfStop[this.moveU]!);
      st.routes[this.moveTo]!.insertAt(this.moveT, this.moveU);
      st.commit(this.moveFrom);
      st.commit(this.moveTo);
    }
    this.moveU = -1;
  }
}
