/**
 * What {@link OrderStoreMatcher.match} answers: the stores and lines of a fulfilment plan, the
 * substitutes proposed to the customer, and the lines left out with the reason. Infeasibility is
 * a result: an order no store can serve comes back `unmatched` with a reason, never as an error.
 */
import type { ZoneId } from '@o2o/geo';
import type { StoreIdx } from '../model/ids.js';
import type { Sku } from '../model/inventory.js';
import type { NoStoreReason } from './store-locator.js';
import type { OrderStoreMatcher } from './order-store-matcher.js';

/** Every {@link SubstitutionPolicy}. */
export const SUBSTITUTION_POLICIES = ['allow', 'ask', 'never'] as const;

/**
 * What the customer agreed to when an item is out of stock:
 * - `allow`: substitute automatically (most similar first, at least `minSimilarity`);
 * - `ask`: propose substitutes; they are not in the plan (nor reserved) until confirmed;
 * - `never`: no substitutes; the lines are left out and the match is `partial`.
 */
export type SubstitutionPolicy = (typeof SUBSTITUTION_POLICIES)[number];

/** One line to pick at one store. */
export interface PlanLine {
  readonly storeIdx: StoreIdx;
  readonly storeId: string;
  /** Sku to pick: the ordered one, or its substitute. */
  readonly sku: Sku;
  /** Units to pick (a substitute replaces the ordered quantity one for one). */
  readonly quantity: number;
  /** The ordered sku this line replaces, when it is a substitute. */
  readonly substituteFor?: Sku;
  /** Similarity of the substitute, in (0, 1], when it is one. */
  readonly similarity?: number;
}

/** A substitute offered to the customer (policy `ask`). */
export interface SubstituteProposal extends PlanLine {
  readonly substituteFor: Sku;
  readonly similarity: number;
}

/** One store of a plan. */
export interface PlanStore {
  readonly storeIdx: StoreIdx;
  readonly storeId: string;
  /** Store → drop-off, seconds. */
  readonly travelTimeSec: number;
  readonly lines: readonly PlanLine[];
}

/** What to pick where: the input of {@link InventoryReservations.reserve}. */
export interface FulfilmentPlan {
  /** Stores in ascending travel time. */
  readonly stores: readonly PlanStore[];
  /** Every line, in the order's line order. */
  readonly lines: readonly PlanLine[];
}

/** Why a line is left out. */
export type MissingReason =
  /** No candidate store holds the full quantity (and substitution is off). */
  | 'out_of_stock'
  /** Some candidate holds it, but not within a plan of `maxStores` stores. */
  | 'exceeds_max_stores'
  /** Out of stock, and no substitute at least `minSimilarity` similar is in stock. */
  | 'no_substitute'
  /** The customer declined the proposed substitute (policy `ask`). */
  | 'substitute_declined';

/** An ordered line the plan leaves out. */
export interface MissingLine {
  readonly sku: Sku;
  readonly quantity: number;
  readonly reason: MissingReason;
}

/** Why an order has no plan at all: the locator's reasons, plus the matcher's own. */
export type NoMatchReason =
  | NoStoreReason
  /** Stores in the zone hold stock but are all closed at `departAt` or at full load. */
  | 'stores_unavailable'
  /** The travel-time function found no route from any candidate. */
  | 'unreachable';

/**
 * - `single`: one store has everything;
 * - `split`: 2 … maxStores stores together have everything;
 * - `substituted`: complete with automatic (policy `allow`) or confirmed substitutes;
 * - `needs_confirmation`: complete once the customer accepts `proposals` (policy `ask`);
 * - `partial`: some lines are left out (`missing`);
 * - `unmatched`: no candidate store (`reason`).
 */
export type MatchStatus = 'single' | 'split' | 'substituted' | 'needs_confirmation' | 'partial' | 'unmatched';

/** A candidate store with its cost breakdown (see store-match-cost). */
export interface RankedStore {
  readonly storeIdx: StoreIdx;
  readonly storeId: string;
  /** Great-circle distance to the drop-off, metres. */
  readonly distanceM: number;
  readonly travelTimeSec: number;
  /** Share of the order's units on lines this store holds in full, in [0, 1]. */
  readonly completeness: number;
  /** openOrders ÷ capacity, in [0, 1). */
  readonly loadRatio: number;
  /** storeCost, seconds-equivalent. */
  readonly costSec: number;
}

/** The answer of {@link OrderStoreMatcher.match}. */
export interface OrderMatch {
  readonly status: MatchStatus;
  /** What can be reserved now (auto substitutes included; proposals not). Empty when unmatched. */
  readonly plan: FulfilmentPlan;
  /** Substitutes awaiting the customer's answer (policy `ask` only). */
  readonly proposals: readonly SubstituteProposal[];
  /** Ordered lines neither in `plan` nor in `proposals`. */
  readonly missing: readonly MissingLine[];
  /** Every candidate, cheapest storeCost first (ties: distance, then id). */
  readonly ranked: readonly RankedStore[];
  /** Zones containing the drop-off (empty when the matcher has no zones). */
  readonly zoneIds: readonly ZoneId[];
  /** planCost of the chosen plan (proposals counted as substitutes), seconds-equivalent; 0 when unmatched. */
  readonly costSec: number;
  /** False when the candidates were too many for an exhaustive search and a greedy one chose. */
  readonly isExhaustive: boolean;
  /** Set when `status` is `unmatched`. */
  readonly reason?: NoMatchReason;
}

/** True when every ordered line is in the plan (nothing missing, nothing awaiting confirmation). */
export function isCompleteMatch(match: OrderMatch): boolean {
  return match.status === 'single' || match.status === 'split' || match.status === 'substituted';
}
