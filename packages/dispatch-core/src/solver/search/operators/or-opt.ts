/**
 * Or-opt: moves a segment of 1–3 consecutive stops starting at u to just after, or just before,
 * its neighbour v in the same route, keeping every pickup before its delivery. Also known as
 * segment relocation, Or-2opt / Or-3opt (Or 1976).
 */
import type { ProblemData } from '../../problem-data.js';
import { IntraSplice } from '../intra-splice.js';
import { newStats, type OperatorOptions, type SearchOperator } from '../operator.js';
import type { SearchState } from '../search-state.js';
import { SpliceCost } from '../splice-cost.js';

/** Longest segment moved. */
export const OR_OPT_MAX_SEGMENT = 3;

export class OrOpt implements SearchOperator {
  readonly name = 'or-opt';
  readonly stats = newStats();
  private readonly st: SearchState;
  private readonly splice: SpliceCost;
  private readonly prune: boolean;
  private readonly trial: IntraSplice;
  private readonly best: IntraSplice;
  private moveRoute = -1;

  constructor(st: SearchState, options: OperatorOptions = {}) {
    this.st = st;
    this.splice = new SpliceCost(st);
    this.prune = options.prune ?? true;
    this.trial = new IntraSplice(st.data.numStops);
    this.best = new IntraSplice(st.data.numStops);
  }

  supports(d: ProblemData): boolean {
    return d.numStops >= 2;
  }

  evaluate(u: number, v: number): number {
    this.stats.numEvaluations++;
    this.moveRoute = -1;
    const st = this.st;
    const ru = st.routeOfStop(u);
    if (u === v || ru < 0 || st.routeOfStop(v) !== ru) return Infinity;
    const route = st.routes[ru]!;
    const i = st.posOfStop[u]!;
    const j = st.posOfStop[v]!;
    if (!route.isFeasible || i < route.numLocked) return Infinity;
    let best = Infinity;
    let bestBound = Infinity;
    for (let segLen = 1; segLen <= OR_OPT_MAX_SEGMENT && i + segLen <= route.len; segLen++) {
      if (j >= i && j < i + segLen) break; // v inside the segment (and in every longer one)
      for (let c = 0; c < 2; c++) {
        const t = c === 0 ? j + 1 : j; // after v, before v
        if (t === i || t === i + segLen || t < route.numLocked) continue; // no-op, or into the locked prefix
        // Pickup-before-delivery is checked by the splice cost (Infinity when broken).
        this.trial.moveSegment(route, i, segLen, t);
        const delta = this.splice.intraDelta(ru, this.trial, this.prune, best);
        if (!this.splice.isExact) {
          bestBound = Math.min(bestBound, delta);
          continue;
        }
        if (delta < best) {
          best = delta;
          this.best.copyFrom(this.trial);
          this.moveRoute = ru;
        }
      }
    }
    return Math.min(best, bestBound);
  }

  apply(): void {
    if (this.moveRoute < 0) return;
    this.stats.numApplications++;
    this.st.touch(this.moveRoute);
    this.best.writeTo(this.st.routes[this.moveRoute]!);
    this.st.commit(this.moveRoute);
    this.moveRoute = -1;
  }
}
