/**
 * Warehouse/store matching for one order: which store(s) fulfil it, and with what.
 *
 * 1. Candidates: the `maxCandidates` nearest stores ({@link StoreLocator}) serving a delivery zone
 *    of the drop-off (everywhere without zones), within `radiusM`, open at `departAt`, below full
 *    load, holding the full quantity of at least one line (or of an eligible substitute).
 * 2. Ranking: each candidate's storeCost (travel time store → drop-off, stock completeness, load;
 *    see store-match-cost), cheapest first.
 * 3. Plan: one store with everything if any; else a split over ≤ `maxStores` stores covering every
 *    line; else substitutes per the order's policy; else a partial plan with the reasons
 *    (see store-cover-search for the exact rule).
 *
 * The matcher reserves nothing: reserve the returned plan with {@link InventoryReservations}, and
 * pass the reservations as the matcher's `stock` so later orders see what is left.
 */
import type { LngLat, ZoneFeature, ZoneIndex } from '@o2o/geo';
import { DispatchInputError } from '../errors.js';
import { isEpochSeconds, type EpochSeconds } from '../model/epoch-seconds.js';
import { demandBySku, stockOf, type Sku } from '../model/inventory.js';
import type { Order } from '../model/order.js';
import { isStoreOpenAt, type Store } from '../model/store.js';
import { buildOrderMatch, confirmSubstitutes, unmatchedResult } from './order-match-builder.js';
import { SUBSTITUTION_POLICIES, type OrderMatch, type RankedStore, type SubstitutionPolicy } from './order-match.js';
import type { InventoryReservations } from './inventory-reservations.js';
import type { StockView } from './stock-view.js';
import { searchStoreCover, DEFAULT_MAX_SUBSETS, type CoverLine } from './store-cover-search.js';
import { StoreLocator, type StoreCandidate } from './store-locator.js';
import { loadRatioOf, resolveMatchCostWeights, storeBaseCost, storeMatchCost, type MatchCostWeights, type StoreLoads } from './store-match-cost.js';
import { isReachableSec, straightLineStoreTravelTime, type StoreTravelTimeFn } from './store-travel-time.js';
import type { SubstituteCatalogue } from './substitute-catalogue.js';

/** Options of {@link OrderStoreMatcher}; all optional. */
export interface OrderStoreMatcherOptions {
  /** Store → drop-off travel time. Default: geo's StraightLineProvider (its default mode). */
  readonly travelTime?: StoreTravelTimeFn;
  /** Stock to match against. Default: the locator's store inventories (nothing reserved). */
  readonly stock?: StockView;
  /** Substitutes, needed for the policies `allow` and `ask`. */
  readonly catalogue?: SubstituteCatalogue;
  /** Cost weights, merged over DEFAULT_MATCH_COST_WEIGHTS. */
  readonly weights?: Partial<MatchCostWeights>;
}

/** Options of {@link OrderStoreMatcher.match}; all optional. */
export interface MatchOrderOptions {
  /** The customer's substitution policy. Default `never`. */
  readonly policy?: SubstitutionPolicy;
  /** Least similarity of a substitute, in [0, 1]. Default {@link DEFAULT_MIN_SIMILARITY}. */
  readonly minSimilarity?: number;
  /** Most stores one order is split over, integer ≥ 1. Default 2. */
  readonly maxStores?: number;
  /** Candidate stores considered (nearest first), integer ≥ 1. Default 8. */
  readonly maxCandidates?: number;
  /** Farthest store considered, metres (great-circle). Default unlimited. */
  readonly radiusM?: number;
  /** Current load per store id (no entry: load 0; openOrders ≥ capacity: not a candidate). */
  readonly loads?: StoreLoads;
  /** Departure for travel times and opening hours. Default `order.readyAt`. */
  readonly departAt?: EpochSeconds;
  /** Skip stores closed at `departAt`. Default true. */
  readonly requireOpen?: boolean;
  /** Exhaustive search up to this many store subsets, greedy beyond. Default 10,000. */
  readonly maxSubsets?: number;
}

/** Default least similarity of an automatic or proposed substitute. */
export const DEFAULT_MIN_SIMILARITY = 0.6;

/** The order fields matching reads. */
export type MatchableOrder = Pick<Order, 'dropOff' | 'items'> & { readonly readyAt?: EpochSeconds };

type ResolvedMatchOptions = Required<Omit<MatchOrderOptions, 'loads'>> & Pick<MatchOrderOptions, 'loads'>;

/** Matches orders to stores; see the module doc. Reusable across orders; holds no per-order state. */
export class OrderStoreMatcher {
  readonly locator: StoreLocator;
  readonly weights: MatchCostWeights;
  private readonly travelTime: StoreTravelTimeFn;
  private readonly stock: StockView;
  private readonly catalogue: SubstituteCatalogue | undefined;

  /** A matcher over an existing locator. @throws {DispatchInputError} for a bad weight. */
  constructor(locator: StoreLocator, options: OrderStoreMatcherOptions = {}) {
    this.locator = locator;
    this.weights = resolveMatchCostWeights(options.weights);
    this.travelTime = options.travelTime ?? straightLineStoreTravelTime();
    this.stock = options.stock ?? locatorStockView(locator);
    this.catalogue = options.catalogue;
  }

  /**
   * Builds the locator (validated stores, optional delivery zones) and the matcher.
   * @throws {DispatchInputError} on duplicate store ids or a bad weight; GeoInputError on bad zones.
   */
  static build(stores: readonly Store[], options: OrderStoreMatcherOptions & { zones?: readonly ZoneFeature[] | ZoneIndex } = {}): OrderStoreMatcher {
    return new OrderStoreMatcher(StoreLocator.build(stores, options.zones), options);
  }

  /**
   * Candidates, ranking and plan for `order` (see the module doc). Never throws for an order no
   * store can serve: the answer is `unmatched` or `partial` with reasons.
   * @throws {DispatchInputError} for invalid items or options (e.g. `options.maxStores must be a
   *   positive integer, got 0`), or a travel-time answer of the wrong length.
   */
  match(order: MatchableOrder, options: MatchOrderOptions = {}): OrderMatch {
    const o = this.resolveOptions(order, options);
    const lines = this.coverLines(order, o);
    let sawUnavailable = false;
    const storeFilter = (storeIdx: number): boolean => {
      const store = this.locator.store(storeIdx);
      const avail = (sku: Sku): number => this.stock.availableOf(store.id, sku);
      if (!lines.some((l) => avail(l.sku) >= l.quantity || l.substitutes.some((s) => avail(s.sku) >= l.quantity))) return false;
      if ((o.requireOpen && !isStoreOpenAt(store, o.departAt)) || loadRatioOf(o.loads, store.id) >= 1) {
        sawUnavailable = true;
        return false;
      }
      return true;
    };
    const found = this.locator.candidatesFor(order, { k: o.maxCandidates, maxDistanceM: o.radiusM, storeFilter });
    if (found.candidates.length === 0) {
      const reason = found.reason === 'out_of_stock' && sawUnavailable ? 'stores_unavailable' : (found.reason ?? 'out_of_stock');
      return unmatchedResult(found.zoneIds, reason);
    }
    const ranked = this.rank(order.dropOff, found.candidates, lines, o);
    if (ranked.length === 0) return unmatchedResult(found.zoneIds, 'unreachable');

    const cache = new Map<string, number>();
    const availableOf = (c: number, sku: Sku): number => {
      const key = `${c}\u0000${sku}`;
      let v = cache.get(key);
      if (v === undefined) cache.set(key, (v = this.stock.availableOf(ranked[c]!.storeId, sku)));
      return v;
    };
    const { plan, isExhaustive } = searchStoreCover({
      lines,
      numCandidates: ranked.length,
      baseCostSec: ranked.map((r) => storeBaseCost(this.weights, r.travelTimeSec, r.loadRatio)),
      availableOf,
      maxStores: o.maxStores,
      weights: this.weights,
      maxSubsets: o.maxSubsets,
    });
    if (plan === undefined) return unmatchedResult(found.zoneIds, 'out_of_stock', ranked);
    return buildOrderMatch({ lines, ranked, zoneIds: found.zoneIds, policy: o.policy, availableOf }, plan, isExhaustive);
  }

  /**
   * Applies the customer's answer to the proposals of an `ask` match: proposals for the ordered
   * skus in `acceptedSkus` join the plan, the rest become `substitute_declined` missing lines.
   * Reserve the returned plan (nothing of the substitutes was reserved before).
   */
  confirmSubstitutes(match: OrderMatch, acceptedSkus: Iterable<Sku>): OrderMatch {
    return confirmSubstitutes(match, acceptedSkus, this.weights);
  }

  /** Reachable candidates with their storeCost, cheapest first (ties: distance, then id). */
  private rank(dropOff: LngLat, candidates: readonly StoreCandidate[], lines: readonly CoverLine[], o: ResolvedMatchOptions): RankedStore[] {
    const stores = candidates.map((c) => this.locator.store(c.storeIdx));
    const travel = this.travelTime(stores.map((s) => s.location), dropOff, o.departAt);
    if (travel === null || typeof travel !== 'object' || travel.length !== stores.length) {
      throw new DispatchInputError('INVALID_INPUT', 'travelTime()', `must return one travel time per store (${stores.length})`, travel?.length);
    }
    const totalUnits = lines.reduce((sum, l) => sum + l.quantity, 0);
    const ranked: RankedStore[] = [];
    candidates.forEach((c, i) => {
      const travelTimeSec = travel[i];
      if (!isReachableSec(travelTimeSec)) return;
      const store = stores[i]!;
      let inFull = 0;
      for (const l of lines) if (this.stock.availableOf(store.id, l.sku) >= l.quantity) inFull += l.quantity;
      const completeness = inFull / totalUnits;
      const loadRatio = loadRatioOf(o.loads, store.id);
      const costSec = storeMatchCost(this.weights, travelTimeSec, completeness, loadRatio);
      ranked.push(Object.freeze({ storeIdx: c.storeIdx, storeId: store.id, distanceM: c.distanceM, travelTimeSec, completeness, loadRatio, costSec }));
    });
    return ranked.sort((a, b) => a.costSec - b.costSec || a.distanceM - b.distanceM || (a.storeId < b.storeId ? -1 : a.storeId > b.storeId ? 1 : 0));
  }

  /** The order's lines (one per sku), each with its eligible substitutes under the policy. */
  private coverLines(order: MatchableOrder, o: ResolvedMatchOptions): CoverLine[] {
    const lines: CoverLine[] = [];
    for (const [sku, quantity] of demandBySku(order.items)) {
      const substitutes = o.policy === 'never' || !this.catalogue ? [] : this.catalogue.substitutesFor(sku, { minSimilarity: o.minSimilarity });
      lines.push({ sku, quantity, substitutes });
    }
    return lines;
  }

  private resolveOptions(order: MatchableOrder, options: MatchOrderOptions): ResolvedMatchOptions {
    const departAt = options.departAt ?? order.readyAt;
    const o = {
      policy: options.policy ?? 'never',
      minSimilarity: options.minSimilarity ?? DEFAULT_MIN_SIMILARITY,
      maxStores: options.maxStores ?? 2,
      maxCandidates: options.maxCandidates ?? 8,
      radiusM: options.radiusM ?? Infinity,
      loads: options.loads,
      departAt: departAt as EpochSeconds,
      requireOpen: options.requireOpen ?? true,
      maxSubsets: options.maxSubsets ?? DEFAULT_MAX_SUBSETS,
    };
    const fail = (field: string, rule: string, value: unknown): never => {
      throw new DispatchInputError('INVALID_INPUT', `options.${field}`, rule, value);
    };
    if (!(SUBSTITUTION_POLICIES as readonly unknown[]).includes(o.policy)) fail('policy', `must be one of ${SUBSTITUTION_POLICIES.map((p) => `'${p}'`).join(', ')}`, o.policy);
    if (!(typeof o.minSimilarity === 'number' && o.minSimilarity >= 0 && o.minSimilarity <= 1)) fail('minSimilarity', 'must be a number in [0, 1]', o.minSimilarity);
    if (!(Number.isSafeInteger(o.maxStores) && o.maxStores >= 1)) fail('maxStores', 'must be a positive integer', o.maxStores);
    if (!(Number.isSafeInteger(o.maxCandidates) && o.maxCandidates >= 1)) fail('maxCandidates', 'must be a positive integer', o.maxCandidates);
    if (!(typeof o.radiusM === 'number' && o.radiusM > 0)) fail('radiusM', 'must be a number of metres > 0', o.radiusM);
    if (!(Number.isSafeInteger(o.maxSubsets) && o.maxSubsets >= 1)) fail('maxSubsets', 'must be a positive integer', o.maxSubsets);
    if (!isEpochSeconds(o.departAt)) fail('departAt', 'must be integer Unix epoch seconds (or the order must have readyAt)', o.departAt);
    if (o.loads !== undefined) for (const id of o.loads instanceof Map ? o.loads.keys() : Object.keys(o.loads)) loadRatioOf(o.loads, id);
    return o;
  }
}

/** Stock as the locator's store records hold it (they change with `updateStore`). */
function locatorStockView(locator: StoreLocator): StockView {
  const idxById = new Map<string, number>();
  for (let i = 0; i < locator.numStores; i++) idxById.set(locator.store(i).id, i);
  return {
    availableOf(storeId: string, sku: Sku): number {
      const idx = idxById.get(storeId);
      return idx === undefined ? 0 : stockOf(locator.store(idx).inventory, sku);
    },
  };
}
