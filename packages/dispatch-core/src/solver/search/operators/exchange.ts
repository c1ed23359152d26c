/**
 * Exchange: two single-stop requests u and v trade places, within one route or across two.
 * Also known as swap, (1,1)-exchange, PyVRP's `Exchange11`.
 */
import type { ProblemData } from '../../problem-data.js';
import { IntraSplice } from '../intra-splice.js';
import { canServe, newStats, type OperatorOptions, type SearchOperator } from '../operator.js';
import type { SearchState } from '../search-state.js';
import { SpliceCost } from '../splice-cost.js';

export class Exchange implements SearchOperator {
  readonly name = 'exchange';
  readonly stats = newStats();
  private readonly st: SearchState;
  private readonly splice: SpliceCost;
  private readonly prune: boolean;
  private readonly oneU = new Int32Array(1);
  private readonly oneV = new Int32Array(1);
  private readonly intra: IntraSplice;
  private moveU = -1;
  private moveV = -1;

  constructor(st: SearchState, options: OperatorOptions = {}) {
    this.st = st;
    this.splice = new SpliceCost(st);
    this.prune = options.prune ?? true;
    this.intra = new IntraSplice(st.data.numStops);
  }

  supports(d: ProblemData): boolean {
    let singles = 0;
    for (let r = 0; r < d.numRequests; r++) if (d.requestNumStops[r] === 1) singles++;
    return singles >= 2;
  }

  evaluate(u: number, v: number): number {
    this.stats.numEvaluations++;
    this.moveU = -1;
    const st = this.st;
    const d = st.data;
    const reqU = d.requestOfStop[u]!;
    const reqV = d.requestOfStop[v]!;
    const ru = st.routeOfStop(u);
    const rv = st.routeOfStop(v);
    if (u === v || ru < 0 || rv < 0 || d.requestNumStops[reqU] !== 1 || d.requestNumStops[reqV] !== 1) return Infinity;
    const a = st.routes[ru]!;
    const b = st.routes[rv]!;
    const i = st.posOfStop[u]!;
    const j = st.posOfStop[v]!;
    if (!a.isFeasible || !b.isFeasible || i < a.numLocked || j < b.numLocked) return Infinity;

    let delta: number;
    if (ru === rv) {
      this.intra.swap(a, Math.min(i, j), Math.max(i, j));
      delta = this.splice.intraDelta(ru, this.intra, this.prune, Infinity);
      if (!this.splice.isExact) return delta;
    } else {
      if (!canServe(d, b.vehicle, reqU) || !canServe(d, a.vehicle, reqV)) return Infinity;
      this.oneU[0] = u;
      this.oneV[0] = v;
      let costA = this.splice.bound(ru, i, this.oneV, 0, 1, i + 1);
      if (costA === Infinity) return Infinity;
      const isExactA = this.splice.isExact;
      let costB = this.splice.bound(rv, j, this.oneU, 0, 1, j + 1);
      if (costB === Infinity) return Infinity;
      delta = costA - a.cost + costB - b.cost;
      if (!(isExactA && this.splice.isExact)) {
        if (this.prune && delta >= 0) return delta;
        if (!isExactA) costA = this.splice.exact(ru, i, this.oneV, 0, 1, i + 1);
        if (!this.splice.isExact) costB = this.splice.exact(rv, j, this.oneU, 0, 1, j + 1);
        delta = costA - a.cost + costB - b.cost;
      }
    }
    if (delta < Infinity) {
      this.moveU = u;
      this.moveV = v;
    }
    return delta;
  }

  apply(): void {
    if (this.moveU < 0) return;
    const st = this.st;
    this.stats.numApplications++;
    const ru = st.routeOfStop(this.moveU);
    const rv = st.routeOfStop(this.moveV);
    st.touch(ru);
    st.touch(rv);
    st.routes[ru]!.stops[st.posOfStop[this.moveU]!] = this.moveV;
    st.routes[rv]!.stops[st.posOfStop[this.moveV]!] = this.moveU;
    st.commit(ru);
    if (rv !== ru) st.commit(rv);
    this.moveU = -1;
  }
}
