/**
 * Local search to a local optimum over granular neighbourhoods (PyVRP's `LocalSearch` loop):
 * stops in a seeded random order; for each stop u, each granular neighbour v, each operator in
 * turn; the first improving move (delta < −IMPROVEMENT_EPS) is applied at once. A pair (u, v) is
 * skipped when neither route changed since u was last examined, and the loop stops after a pass
 * with no improving move. Moves go through SolutionState.touch, so a rejected ruin-and-recreate
 * step still restores the routes the local search changed.
 */
import type { Rng } from '@o2o/geo';
import type { SolutionState } from '../solution-state.js';
import { buildGranularNeighbours, DEFAULT_GRANULAR_NEIGHBOURS, type GranularNeighbours } from './granular-neighbours.js';
import { IMPROVEMENT_EPS, type OperatorOptions, type SearchOperator } from './operator.js';
import { Exchange } from './operators/exchange.js';
import { ExchangePairs } from './operators/exchange-pairs.js';
import { OrOpt } from './operators/or-opt.js';
import { Relocate } from './operators/relocate.js';
import { RelocatePair } from './operators/relocate-pair.js';
import { TwoOptStar } from './operators/two-opt-star.js';
import { SearchState } from './search-state.js';

/** Operator names, in the order they are tried for each pair. */
export const OPERATOR_NAMES = ['relocate', 'exchange', 'or-opt', 'two-opt-star', 'relocate-pair', 'exchange-pairs'] as const;
export type OperatorName = (typeof OPERATOR_NAMES)[number];

const FACTORIES: Record<OperatorName, (st: SearchState, o: OperatorOptions) => SearchOperator> = {
  relocate: (st, o) => new Relocate(st, o),
  exchange: (st, o) => new Exchange(st, o),
  'or-opt': (st, o) => new OrOpt(st, o),
  'two-opt-star': (st, o) => new TwoOptStar(st, o),
  'relocate-pair': (st, o) => new RelocatePair(st, o),
  'exchange-pairs': (st, o) => new ExchangePairs(st, o),
};

export interface LocalSearchParams {
  /**
   * Operators to use, tried in this order. Default all but `exchange-pairs`: on generated
   * 200-request instances it tripled the run time without improving the local optima.
   */
  readonly operators: readonly OperatorName[];
  /** Granular neighbours per stop. Default 20. */
  readonly numNeighbours: number;
  /** Stop after this many applied moves in one run (a safety valve). Default Infinity. */
  readonly maxMoves: number;
}

export const DEFAULT_LOCAL_SEARCH_PARAMS: LocalSearchParams = {
  operators: ['relocate', 'exchange', 'or-opt', 'two-opt-star', 'relocate-pair'],
  numNeighbours: 20,
  maxMoves: Infinity,
};

export class LocalSearch {
  readonly state: SearchState;
  readonly operators: readonly SearchOperator[];
  readonly neighbours: GranularNeighbours;
  private readonly rng: Rng;
  private readonly params: LocalSearchParams;
  private readonly order: Int32Array;
  /** `state.numCommits` when each stop was last examined, −1 before. */
  private readonly lastTested: Int32Array;

  /**
   * @param neighbours pass a prebuilt neighbourhood to share it between searches of one problem
   *   (it costs O(numStops²) to build).
   */
  constructor(sol: SolutionState, rng: Rng, params: Partial<LocalSearchParams> = {}, neighbours?: GranularNeighbours) {
    this.params = { ...DEFAULT_LOCAL_SEARCH_PARAMS, ...params };
    const d = sol.data;
    this.rng = rng;
    this.state = new SearchState(sol);
    this.neighbours = neighbours ?? buildGranularNeighbours(d, { ...DEFAULT_GRANULAR_NEIGHBOURS, numNeighbours: this.params.numNeighbours });
    this.operators = this.params.operators.map((name) => FACTORIES[name](this.state, {})).filter((op) => op.supports(d));
    this.order = Int32Array.from({ length: d.numStops }, (_, s) => s);
    this.lastTested = new Int32Array(d.numStops).fill(-1);
  }

  /**
   * Improves the solution in place until no operator finds an improving move for any stop and
   * neighbour (or `maxMoves` is reached). Returns the number of moves applied. Incremental: after
   * the first run, only pairs involving a route that changed since (found by comparing stops)
   * are evaluated again.
   */
  run(): number {
    const st = this.state;
    // Routes changed since the last run get new version stamps, so only pairs touching them are
    // re-examined: the rest of the solution is still a local optimum for them.
    st.sync();
    this.shuffle();
    const { k, list } = this.neighbours;
    let numMoves = 0;
    let isLocalOptimum = false;
    while (!isLocalOptimum && numMoves < this.params.maxMoves) {
      isLocalOptimum = true;
      for (let idx = 0; idx < this.order.length && numMoves < this.params.maxMoves; idx++) {
        const u = this.order[idx]!;
        if (st.routeOfStop(u) < 0) continue;
        const lastTested = this.lastTested[u]!;
        this.lastTested[u] = st.numCommits;
        for (let n = 0; n < k; n++) {
          const v = list[u * k + n]!;
          const ru = st.routeOfStop(u);
          const rv = st.routeOfStop(v);
          if (rv < 0) continue;
          // Nothing changed in either route since u was last examined: every move was tried already.
          if (st.lastCommit[ru]! <= lastTested && st.lastCommit[rv]! <= lastTested) continue;
          if (this.applyFirstImproving(u, v)) {
            numMoves++;
            isLocalOptimum = false;
          }
        }
      }
    }
    return numMoves;
  }

  /** Tries the operators on (u, v) in order and applies the first improving move. */
  private applyFirstImproving(u: number, v: number): boolean {
    for (const op of this.operators) {
      if (op.evaluate(u, v) < -IMPROVEMENT_EPS) {
        op.apply();
        return true;
      }
    }
    return false;
  }

  private shuffle(): void {
    const order = this.order;
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(this.rng() * (i + 1));
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
    }
  }
}
