/**
 * Chooses the set of at most `maxStores` candidate stores that fulfils an order best: a small
 * set-cover search, exhaustive over every subset when there are few enough (the usual case:
 * 8 candidates and 2 stores are 36 subsets), greedy otherwise.
 *
 * Inside a subset, lines are assigned without search: each line goes to the cheapest store of the
 * subset (by per-store cost) that holds its full quantity; then, if substitutes are allowed, each
 * line still open takes its most similar substitute that a store of the subset holds (cheapest
 * store first), out of the stock the earlier lines left. A subset is scored by the key
 *
 *   (units left out, substituted lines, stores, planCost, candidate indices)
 *
 * compared left to right, lower is better; so a complete plan without substitutes always beats
 * one with, and one store that has everything always beats a split.
 */
import type { Sku } from '../model/inventory.js';
import type { MatchCostWeights } from './store-match-cost.js';
import type { Substitute } from './substitute-catalogue.js';

/** Default cap on the subsets examined exhaustively before switching to greedy. */
export const DEFAULT_MAX_SUBSETS = 10_000;

/** One line of the order (one sku, quantities summed) with the substitutes it may take. */
export interface CoverLine {
  readonly sku: Sku;
  readonly quantity: number;
  /** Eligible substitutes, most similar first (empty when substitution is off). */
  readonly substitutes: readonly Substitute[];
}

/** Input of {@link searchStoreCover}. Candidates are `0 … numCandidates − 1`. */
export interface CoverSearchInput {
  readonly lines: readonly CoverLine[];
  readonly numCandidates: number;
  /** Per-store cost of each candidate, seconds-equivalent (travel and load; see store-match-cost). */
  readonly baseCostSec: ArrayLike<number>;
  /** Units of `sku` candidate `candidate` can give. */
  readonly availableOf: (candidate: number, sku: Sku) => number;
  /** Largest number of stores in a plan, ≥ 1. */
  readonly maxStores: number;
  readonly weights: MatchCostWeights;
  /** Exhaustive search when the number of subsets is at most this. Default {@link DEFAULT_MAX_SUBSETS}. */
  readonly maxSubsets?: number;
}

/** Where one line is picked. */
export interface CoverAssignment {
  readonly candidate: number;
  /** The sku picked: the line's own, or a substitute. */
  readonly sku: Sku;
  readonly isSubstitute: boolean;
  /** 1 for the line's own sku. */
  readonly similarity: number;
}

/** A scored subset. */
export interface CoverPlan {
  /** Candidates used, ascending. */
  readonly candidates: readonly number[];
  /** `assignment[lineIdx]`, undefined when the line is left out. */
  readonly assignment: readonly (CoverAssignment | undefined)[];
  readonly missingUnits: number;
  readonly numSubstituted: number;
  /** planCost of the store-match-cost module doc. */
  readonly costSec: number;
}

/** Result of {@link searchStoreCover}. */
export interface CoverSearchResult {
  /** The best plan, or undefined when no candidate can serve any line. */
  readonly plan: CoverPlan | undefined;
  /** True when every subset of ≤ maxStores candidates was examined (the plan is optimal for the key). */
  readonly isExhaustive: boolean;
}

/** Best plan for the key of the module doc. */
export function searchStoreCover(input: CoverSearchInput): CoverSearchResult {
  const maxStores = Math.min(input.maxStores, input.numCandidates);
  const numSubsets = countSubsets(input.numCandidates, maxStores);
  if (numSubsets > (input.maxSubsets ?? DEFAULT_MAX_SUBSETS)) return { plan: greedyCover(input, maxStores), isExhaustive: false };
  let best: CoverPlan | undefined;
  for (let size = 1; size <= maxStores; size++) {
    forEachSubset(input.numCandidates, size, (subset) => {
      const plan = evaluateSubset(input, subset, true);
      if (plan !== undefined && (best === undefined || isBetterPlan(plan, best))) best = plan;
    });
    // More stores can only help by leaving out fewer units or substituting fewer lines.
    const found = best as CoverPlan | undefined;
    if (found !== undefined && found.missingUnits === 0 && found.numSubstituted === 0) break;
  }
  return { plan: best, isExhaustive: true };
}

/** True when `a` is strictly better than `b` for the key of the module doc. */
export function isBetterPlan(a: CoverPlan, b: CoverPlan): boolean {
  const d =
    a.missingUnits - b.missingUnits ||
    a.numSubstituted - b.numSubstituted ||
    a.candidates.length - b.candidates.length ||
    a.costSec - b.costSec;
  if (d !== 0) return d < 0;
  for (let i = 0; i < a.candidates.length; i++) if (a.candidates[i] !== b.candidates[i]) return a.candidates[i]! < b.candidates[i]!;
  return false;
}

/**
 * Scores one subset (ascending candidate indices). With `requireAllUsed`, a subset in which some
 * store gets no line is skipped (undefined): the smaller subset without it scores better.
 */
export function evaluateSubset(input: CoverSearchInput, subset: readonly number[], requireAllUsed: boolean): CoverPlan | undefined {
  const { lines } = input;
  const byCost = [...subset].sort((a, b) => input.baseCostSec[a]! - input.baseCostSec[b]! || a - b);
  const remaining = new Map<string, number>();
  const take = (c: number, sku: Sku, quantity: number): boolean => {
    const key = `${c}\u0000${sku}`;
    const left = remaining.get(key) ?? input.availableOf(c, sku);
    if (left < quantity) return false;
    remaining.set(key, left - quantity);
    return true;
  };
  const assignment: (CoverAssignment | undefined)[] = lines.map(() => undefined);
  // Own skus first, so a substitute never takes stock a line needs for itself.
  lines.forEach((line, l) => {
    const c = byCost.find((candidate) => take(candidate, line.sku, line.quantity));
    if (c !== undefined) assignment[l] = { candidate: c, sku: line.sku, isSubstitute: false, similarity: 1 };
  });
  lines.forEach((line, l) => {
    if (assignment[l] !== undefined) return;
    for (const sub of line.substitutes) {
      const c = byCost.find((candidate) => take(candidate, sub.sku, line.quantity));
      if (c !== undefined) {
        assignment[l] = { candidate: c, sku: sub.sku, isSubstitute: true, similarity: sub.similarity };
        return;
      }
    }
  });
  const used = new Set(assignment.map((a) => a?.candidate));
  if (requireAllUsed && subset.some((c) => !used.has(c))) return undefined;
  return scorePlan(input, subset, assignment);
}

function scorePlan(input: CoverSearchInput, subset: readonly number[], assignment: readonly (CoverAssignment | undefined)[]): CoverPlan {
  const { lines, weights } = input;
  let totalUnits = 0;
  let missingUnits = 0;
  let numSubstituted = 0;
  let substitutionLoss = 0;
  lines.forEach((line, l) => {
    totalUnits += line.quantity;
    const a = assignment[l];
    if (a === undefined) missingUnits += line.quantity;
    else if (a.isSubstitute) {
      numSubstituted++;
      substitutionLoss += line.quantity * (1 - a.similarity);
    }
  });
  let costSec = weights.extraStore * Math.max(0, subset.length - 1);
  for (const c of subset) costSec += input.baseCostSec[c]!;
  if (totalUnits > 0) costSec += (weights.missingShare * missingUnits + weights.substitution * substitutionLoss) / totalUnits;
  return { candidates: [...subset].sort((a, b) => a - b), assignment, missingUnits, numSubstituted, costSec };
}

/** Adds, up to `maxStores` times, the store that improves the plan most; then drops idle stores. */
function greedyCover(input: CoverSearchInput, maxStores: number): CoverPlan | undefined {
  const chosen: number[] = [];
  let best: CoverPlan | undefined;
  while (chosen.length < maxStores) {
    let stepBest: CoverPlan | undefined;
    let stepCandidate = -1;
    for (let c = 0; c < input.numCandidates; c++) {
      if (chosen.includes(c)) continue;
      const plan = evaluateSubset(input, [...chosen, c].sort((a, b) => a - b), false);
      if (plan !== undefined && (stepBest === undefined || isBetterPlan(plan, stepBest))) {
        stepBest = plan;
        stepCandidate = c;
      }
    }
    // Stop when another store no longer leaves out fewer units or substitutes fewer lines.
    if (stepBest === undefined) break;
    if (best !== undefined && stepBest.missingUnits === best.missingUnits && stepBest.numSubstituted === best.numSubstituted) break;
    best = stepBest;
    chosen.push(stepCandidate);
    if (best.missingUnits === 0 && best.numSubstituted === 0) break;
  }
  if (best === undefined) return undefined;
  const used = [...new Set(best.assignment.flatMap((a) => (a === undefined ? [] : [a.candidate])))].sort((a, b) => a - b);
  return used.length === 0 ? undefined : evaluateSubset(input, used, false);
}

/** Σ_{k=1..maxSize} C(n, k), saturating at Number.MAX_SAFE_INTEGER. */
export function countSubsets(n: number, maxSize: number): number {
  let total = 0;
  let c = 1;
  for (let k = 1; k <= maxSize; k++) {
    c = (c * (n - k + 1)) / k;
    total += c;
    if (total > Number.MAX_SAFE_INTEGER) return Number.MAX_SAFE_INTEGER;
  }
  return total;
}

/** Calls `fn` with every `size`-subset of `0 … n−1` in lexicographic order (the array is reused). */
function forEachSubset(n: number, size: number, fn: (subset: readonly number[]) => void): void {
  const idx = Array.from({ length: size }, (_, i) => i);
  for (;;) {
    fn(idx);
    let i = size - 1;
    while (i >= 0 && idx[i] === n - size + i) i--;
    if (i < 0) return;
    idx[i] = idx[i]! + 1;
    for (let j = i + 1; j < size; j++) idx[j] = idx[j - 1]! + 1;
  }
}
