/**
 * The weighted cost that ranks stores for an order and compares fulfilment plans. Every term is
 * in seconds-equivalent ("this is as bad as N more seconds of travel"), so the weights read as
 * prices:
 *
 * ```
 * storeCost(s)  = travelPerSec · travelTimeSec(s → drop-off)
 *               + missingShare · (1 − completeness(s))
 *               + load         · openOrders(s) / capacity(s)
 *
 * planCost(P)   = Σ_{s ∈ P} (travelPerSec · travelTimeSec(s) + load · openOrders(s) / capacity(s))
 *               + extraStore   · (|P| − 1)
 *               + missingShare · (units of the order the plan leaves out ÷ units of the order)
 *               + substitution · Σ_{substituted lines} (line units ÷ order units) · (1 − similarity)
 * ```
 *
 * `completeness(s)` is the share of the order's units on lines the store can serve in full (a
 * line is served by one store or not at all). A store without a load entry has load 0; a store
 * with `openOrders ≥ capacity` is full and is not a candidate.
 */
import { DispatchInputError } from '../errors.js';
import { keyField } from '../model/issue-collector.js';

/** Prices of the cost terms, in seconds-equivalent. */
export interface MatchCostWeights {
  /** Per second of travel from the store to the drop-off. Default 1. */
  readonly travelPerSec: number;
  /** For leaving out the whole order (scaled by the share of units left out). Default 1,800 (30 min). */
  readonly missingShare: number;
  /** For a store at full load (scaled by openOrders ÷ capacity). Default 600 (10 min). */
  readonly load: number;
  /** Per store beyond the first in a split plan. Default 300 (5 min). */
  readonly extraStore: number;
  /** For substituting the whole order at similarity 0 (scaled by share × (1 − similarity)). Default 900. */
  readonly substitution: number;
}

/** The default {@link MatchCostWeights}. */
export const DEFAULT_MATCH_COST_WEIGHTS: MatchCostWeights = Object.freeze({
  travelPerSec: 1,
  missingShare: 1800,
  load: 600,
  extraStore: 300,
  substitution: 900,
});

/** How busy a store is, as the caller knows it. */
export interface StoreLoad {
  /** Orders the store is preparing now, an integer ≥ 0. */
  readonly openOrders: number;
  /** Orders it can prepare at once, an integer ≥ 1. */
  readonly capacity: number;
}

/** Store loads by store id (a store not listed has load 0). */
export type StoreLoads = ReadonlyMap<string, StoreLoad> | Readonly<Record<string, StoreLoad>>;

/**
 * `weights` merged over the defaults, validated.
 * @throws {DispatchInputError} when a weight is not a finite number ≥ 0 (`weights.load`).
 */
export function resolveMatchCostWeights(weights: Partial<MatchCostWeights> = {}): MatchCostWeights {
  const merged = { ...DEFAULT_MATCH_COST_WEIGHTS, ...weights };
  for (const key of Object.keys(DEFAULT_MATCH_COST_WEIGHTS) as (keyof MatchCostWeights)[]) {
    const v: unknown = merged[key];
    if (!(typeof v === 'number' && Number.isFinite(v) && v >= 0)) {
      throw new DispatchInputError('INVALID_INPUT', `weights.${key}`, 'must be a finite number ≥ 0', v);
    }
  }
  return Object.freeze(merged);
}

/**
 * Load ratio `openOrders ÷ capacity` of `storeId` (0 when `loads` has no entry for it).
 * @throws {DispatchInputError} for an entry that is not `{ openOrders: integer ≥ 0, capacity: integer ≥ 1 }`.
 */
export function loadRatioOf(loads: StoreLoads | undefined, storeId: string): number {
  if (loads === undefined) return 0;
  const load = loads instanceof Map ? loads.get(storeId) : Object.hasOwn(loads, storeId) ? (loads as Record<string, StoreLoad>)[storeId] : undefined;
  if (load === undefined) return 0;
  const field = keyField('loads', storeId);
  if (typeof load !== 'object' || load === null) throw new DispatchInputError('INVALID_INPUT', field, 'must be an object { openOrders, capacity }', load);
  if (!(Number.isSafeInteger(load.openOrders) && load.openOrders >= 0)) {
    throw new DispatchInputError('INVALID_INPUT', `${field}.openOrders`, 'must be a non-negative integer', load.openOrders);
  }
  if (!(Number.isSafeInteger(load.capacity) && load.capacity >= 1)) {
    throw new DispatchInputError('INVALID_INPUT', `${field}.capacity`, 'must be a positive integer', load.capacity);
  }
  return load.openOrders / load.capacity;
}

/** The per-store part of the cost: `travelPerSec · travelTimeSec + load · loadRatio`. */
export function storeBaseCost(weights: MatchCostWeights, travelTimeSec: number, loadRatio: number): number {
  return weights.travelPerSec * travelTimeSec + weights.load * loadRatio;
}

/** `storeCost(s)` of the module doc. */
export function storeMatchCost(weights: MatchCostWeights, travelTimeSec: number, completeness: number, loadRatio: number): number {
  return storeBaseCost(weights, travelTimeSec, loadRatio) + weights.missingShare * (1 - completeness);
}
