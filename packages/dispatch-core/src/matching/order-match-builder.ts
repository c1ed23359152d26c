/**
 * @internal Turns the chosen cover into an {@link OrderMatch} (plan, proposals, missing lines,
 * status), and applies the customer's answer to proposed substitutes.
 */
import type { ZoneId } from '@o2o/geo';
import { DispatchInputError } from '../errors.js';
import type { Sku } from '../model/inventory.js';
import type { CoverLine, CoverPlan } from './store-cover-search.js';
import { DEFAULT_MATCH_COST_WEIGHTS, storeBaseCost, type MatchCostWeights } from './store-match-cost.js';
import type {
  FulfilmentPlan,
  MatchStatus,
  MissingLine,
  MissingReason,
  NoMatchReason,
  OrderMatch,
  PlanLine,
  PlanStore,
  RankedStore,
  SubstitutionPolicy,
  SubstituteProposal,
} from './order-match.js';

const EMPTY_PLAN: FulfilmentPlan = Object.freeze({ stores: Object.freeze([]), lines: Object.freeze([]) });

/** An `unmatched` answer. */
export function unmatchedResult(zoneIds: readonly ZoneId[], reason: NoMatchReason, ranked: readonly RankedStore[] = []): OrderMatch {
  return Object.freeze({
    status: 'unmatched',
    plan: EMPTY_PLAN,
    proposals: Object.freeze([]),
    missing: Object.freeze([]),
    ranked: Object.freeze([...ranked]),
    zoneIds: Object.freeze([...zoneIds]),
    costSec: 0,
    isExhaustive: true,
    reason,
  });
}

/** What {@link buildOrderMatch} needs besides the chosen cover. */
export interface MatchContext {
  readonly lines: readonly CoverLine[];
  /** Candidates in search order (`cover.candidates` index it). */
  readonly ranked: readonly RankedStore[];
  readonly zoneIds: readonly ZoneId[];
  readonly policy: SubstitutionPolicy;
  /** Units of `sku` candidate `candidate` holds (before this order). */
  readonly availableOf: (candidate: number, sku: Sku) => number;
}

/** The answer for the chosen cover. */
export function buildOrderMatch(ctx: MatchContext, cover: CoverPlan, isExhaustive: boolean): OrderMatch {
  const planLines: PlanLine[] = [];
  const proposals: SubstituteProposal[] = [];
  const missing: MissingLine[] = [];
  ctx.lines.forEach((line, l) => {
    const a = cover.assignment[l];
    if (a === undefined) {
      missing.push(Object.freeze({ sku: line.sku, quantity: line.quantity, reason: missingReason(ctx, line) }));
      return;
    }
    const store = ctx.ranked[a.candidate]!;
    const base = { storeIdx: store.storeIdx, storeId: store.storeId, sku: a.sku, quantity: line.quantity };
    if (!a.isSubstitute) planLines.push(Object.freeze(base));
    else if (ctx.policy === 'ask') proposals.push(Object.freeze({ ...base, substituteFor: line.sku, similarity: a.similarity }));
    else planLines.push(Object.freeze({ ...base, substituteFor: line.sku, similarity: a.similarity }));
  });
  const plan = planOf(planLines, ctx.ranked);
  return Object.freeze({
    status: statusOf(plan, proposals.length, missing.length),
    plan,
    proposals: Object.freeze(proposals),
    missing: Object.freeze(missing),
    ranked: Object.freeze([...ctx.ranked]),
    zoneIds: Object.freeze([...ctx.zoneIds]),
    costSec: cover.costSec,
    isExhaustive,
  });
}

/**
 * Applies the customer's answer to a `needs_confirmation` (or `partial`) match of policy `ask`:
 * proposals whose ordered sku is in `acceptedSkus` join the plan, the others become missing lines
 * (`substitute_declined`). `costSec` is recomputed with `weights`. A match without proposals is
 * returned as is (so confirming twice changes nothing).
 * @throws {DispatchInputError} when an accepted sku is not the `substituteFor` of a proposal.
 */
export function confirmSubstitutes(
  match: OrderMatch,
  acceptedSkus: Iterable<Sku>,
  weights: MatchCostWeights = DEFAULT_MATCH_COST_WEIGHTS,
): OrderMatch {
  const accepted = [...acceptedSkus];
  const proposed = new Set(match.proposals.map((p) => p.substituteFor));
  accepted.forEach((sku, i) => {
    if (!proposed.has(sku)) throw new DispatchInputError('INVALID_INPUT', `acceptedSkus[${i}]`, 'must be the substituteFor sku of a proposal', sku);
  });
  if (match.proposals.length === 0) return match;
  const isAccepted = new Set(accepted);
  const lines = [...match.plan.lines, ...match.proposals.filter((p) => isAccepted.has(p.substituteFor))];
  const declined = match.proposals
    .filter((p) => !isAccepted.has(p.substituteFor))
    .map((p) => Object.freeze({ sku: p.substituteFor, quantity: p.quantity, reason: 'substitute_declined' as MissingReason }));
  const missing = [...match.missing, ...declined];
  const plan = planOf(lines, match.ranked);
  return Object.freeze({
    ...match,
    status: statusOf(plan, 0, missing.length),
    plan,
    proposals: Object.freeze([]),
    missing: Object.freeze(missing),
    costSec: planCostSec(plan, missing, match.ranked, weights),
  });
}

/**
 * planCost (store-match-cost module doc) of a plan given its missing lines, with each store's
 * travel time and load taken from `ranked`.
 */
export function planCostSec(plan: FulfilmentPlan, missing: readonly MissingLine[], ranked: readonly RankedStore[], weights: MatchCostWeights): number {
  const byIdx = new Map(ranked.map((r) => [r.storeIdx, r]));
  let costSec = weights.extraStore * Math.max(0, plan.stores.length - 1);
  for (const s of plan.stores) {
    const r = byIdx.get(s.storeIdx);
    costSec += storeBaseCost(weights, s.travelTimeSec, r?.loadRatio ?? 0);
  }
  let totalUnits = 0;
  let missingUnits = 0;
  let substitutionLoss = 0;
  for (const line of plan.lines) {
    totalUnits += line.quantity;
    if (line.similarity !== undefined) substitutionLoss += line.quantity * (1 - line.similarity);
  }
  for (const m of missing) {
    totalUnits += m.quantity;
    missingUnits += m.quantity;
  }
  if (totalUnits > 0) costSec += (weights.missingShare * missingUnits + weights.substitution * substitutionLoss) / totalUnits;
  return costSec;
}

/** Groups lines by store; stores in ascending travel time (ties by id). */
function planOf(lines: readonly PlanLine[], ranked: readonly RankedStore[]): FulfilmentPlan {
  const byIdx = new Map(ranked.map((r) => [r.storeIdx, r]));
  const stores = new Map<number, PlanLine[]>();
  for (const line of lines) stores.set(line.storeIdx, [...(stores.get(line.storeIdx) ?? []), line]);
  const planStores: PlanStore[] = [...stores].map(([storeIdx, storeLines]) =>
    Object.freeze({
      storeIdx,
      storeId: storeLines[0]!.storeId,
      travelTimeSec: byIdx.get(storeIdx)?.travelTimeSec ?? 0,
      lines: Object.freeze(storeLines),
    }),
  );
  planStores.sort((a, b) => a.travelTimeSec - b.travelTimeSec || (a.storeId < b.storeId ? -1 : a.storeId > b.storeId ? 1 : 0));
  return Object.freeze({ stores: Object.freeze(planStores), lines: Object.freeze([...lines]) });
}

function statusOf(plan: FulfilmentPlan, numProposals: number, numMissing: number): MatchStatus {
  if (numMissing > 0) return 'partial';
  if (numProposals > 0) return 'needs_confirmation';
  if (plan.lines.some((l) => l.substituteFor !== undefined)) return 'substituted';
  return plan.stores.length === 1 ? 'single' : 'split';
}

function missingReason(ctx: MatchContext, line: CoverLine): MissingReason {
  const held = (sku: Sku): boolean => ctx.ranked.some((_, c) => ctx.availableOf(c, sku) >= line.quantity);
  if (held(line.sku) || line.substitutes.some((s) => held(s.sku))) return 'exceeds_max_stores';
  return ctx.policy === 'never' ? 'out_of_stock' : 'no_substitute';
}
