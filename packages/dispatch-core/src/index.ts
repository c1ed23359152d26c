export * from './errors.js';
export * from './model/epoch-seconds.js';
export * from './model/ids.js';
export { STORE_KINDS, isStoreOpenAt, validateStore, type OpeningWindow, type Store, type StoreKind } from './model/store.js';
export { RIDER_MODES, RIDER_STATUSES, validateRider, type Rider, type RiderMode, type RiderStatus } from './model/rider.js';
export {
  ORDER_STATUSES,
  STATUSES_WITH_RIDER,
  STATUSES_WITH_STORE,
  validateOrder,
  type Order,
  type OrderItem,
  type OrderStatus,
  type StatusTimestamps,
} from './model/order.js';
export * from './model/order-lifecycle.js';
export {
  coversDemand,
  demandBySku,
  findShortages,
  hasStock,
  releaseStock,
  reserveStock,
  stockOf,
  type Inventory,
  type ReserveStockResult,
  type Sku,
  type StockShortage,
} from './model/inventory.js';
export * from './model/dispatch-snapshot.js';
export * from './synthetic/synthetic-city.js';
export * from './matching/store-locator.js';
export * from './matching/rider-locator.js';
export * from './solver/problem-input.js';
export * from './solver/solution-output.js';
export * from './solver/solve-options.js';
export { buildProblem, type BuiltProblem, type BuildProblemOptions } from './solver/build-problem.js';
export { ProblemData } from './solver/problem-data.js';
export { solve, solveBuilt } from './solver/solve.js';
export { DEFAULT_SEARCH_PARAMS, type SearchParams } from './solver/ruin-recreate-search.js';
// Advanced: the building blocks of the search, for custom operators and their tests.
export { RouteState } from './solver/route-state.js';
export { evaluateSequence } from './solver/evaluate-sequence.js';
export { InsertionMove, bestInsertionInRoute, applyInsertion } from './solver/insertion.js';
export { SolverPool, solveParallel, type ParallelSolveOptions } from './solver/parallel/solver-pool.js';
export * from './solver/verify-solution.js';
// Local search (issue 3): granular neighbourhoods, operators, and the search loop.
export { SolutionState, type SolutionSnapshot } from './solver/solution-state.js';
export { SearchState } from './solver/search/search-state.js';
export { SpliceCost } from './solver/search/splice-cost.js';
export { IMPROVEMENT_EPS, type OperatorOptions, type OperatorStats, type SearchOperator } from './solver/search/operator.js';
export { buildGranularNeighbours, DEFAULT_GRANULAR_NEIGHBOURS, type GranularNeighbourParams, type GranularNeighbours } from './solver/search/granular-neighbours.js';
export { Relocate } from './solver/search/operators/relocate.js';
export { Exchange } from './solver/search/operators/exchange.js';
export { OrOpt } from './solver/search/operators/or-opt.js';
export { TwoOptStar } from './solver/search/operators/two-opt-star.js';
export { RelocatePair } from './solver/search/operators/relocate-pair.js';
export { ExchangePairs } from './solver/search/operators/exchange-pairs.js';
export { DEFAULT_LOCAL_SEARCH_PARAMS, LocalSearch, OPERATOR_NAMES, type LocalSearchParams, type OperatorName } from './solver/search/local-search.js';
// dispatch epochs: bundling, assignment, commitment, parallel regions
export * from './dispatch/epoch-problem.js';
export { DEFAULT_EPOCH_PARAMS, epochParamsFromConfig, resolveEpochParams, type EpochParams } from './dispatch/epoch-params.js';
export { BundleTiming, bundleReadyRange, evaluateBundle, orderCost } from './dispatch/bundle-route.js';
export { buildBundles, targetBundleSize } from './dispatch/build-bundles.js';
export { planEpoch, type EpochAssignment, type EpochPlan } from './dispatch/plan-epoch.js';
export { planarTravelSec, type PlanarTravelModel } from './dispatch/planar-travel.js';
export { subProblem, toEpochProblem, type EpochTask, type EpochTaskProblem } from './dispatch/epoch-task.js';
export { EpochPool, mergeRegionPlans, type EpochPoolOptions, type EpochRegion, type RegionsPlan } from './dispatch/epoch-pool.js';
export { partitionByH3 } from './dispatch/partition-by-h3.js';
export { EpochDispatchPolicy, SIMULATION_EPOCH_PARAMS, type EpochDispatchPolicyOptions } from './dispatch/epoch-dispatch-policy.js';
// assignment (helper)
export { solveAssignment } from './assignment/solve-assignment.js';
export { solveSparseAssignment } from './assignment/solve-sparse-assignment.js';
export { MAX_ASSIGNMENT_COST, type AssignmentResult, type DenseAssignmentProblem, type SparseAssignmentProblem } from './assignment/assignment-problem.js';
// store matching (helper)
export * from './matching/order-store-matcher.js';
export * from './matching/order-match.js';
export { confirmSubstitutes, planCostSec } from './matching/order-match-builder.js';
export * from './matching/store-match-cost.js';
export * from './matching/store-travel-time.js';
export { DEFAULT_MAX_SUBSETS, countSubsets, evaluateSubset, isBetterPlan, searchStoreCover, type CoverAssignment, type CoverLine, type CoverPlan, type CoverSearchInput, type CoverSearchResult } from './matching/store-cover-search.js';
export * from './matching/substitute-catalogue.js';
export * from './matching/inventory-reservations.js';
export * from './matching/reservation-error.js';
export * from './matching/stock-view.js';
// simulation (helper)
export * from './simulation/sim-instance.js';
export * from './simulation/sim-policy.js';
export * from './simulation/sim-result.js';
export * from './simulation/sim-assignment-error.js';
export { validateSimInstance } from './simulation/validate-sim-instance.js';
export { pickupTimeSec, planBundle, type BundlePlan, type BundleStart } from './simulation/bundle-plan.js';
export { simulate, type SimulateOptions } from './simulation/simulate.js';
export { GREEDY_EPOCH_SEC, GreedyPolicy, type GreedyPolicyOptions } from './simulation/greedy-policy.js';
export * from './simulation/itinerary-log.js';
export * from './simulation/itinerary-violation.js';
export { checkItinerary, type CheckItineraryOptions } from './simulation/check-itinerary.js';
export { nearestRank, simKpis, type SimKpis } from './simulation/sim-kpis.js';
// config, pricing, rebalancing (helper)
export { ConfigParam, booleanParam, integerParam, numberParam, type ConfigCheck, type ConfigLeaf, type ConfigSchema, type DeepPartial } from './config/config-param.js';
export { ASSIGNMENT_CONFIG_SCHEMA, type AssignmentConfig } from './config/assignment-config.js';
export { ETA_CONFIG_SCHEMA, isLatenessAlert, type EtaConfig } from './config/eta-config.js';
export { PRICING_CONFIG_SCHEMA, WEATHER_CONDITIONS, type DistanceTier, type PeakWindow, type PricingConfig, type SurgeConfig, type Weather, type WeatherRule } from './config/pricing-config.js';
export { REBALANCING_CONFIG_SCHEMA, type RebalancingConfig } from './config/rebalancing-config.js';
export { DEFAULT_DISPATCH_CONFIG, DISPATCH_CONFIG_RULES, DISPATCH_CONFIG_SCHEMA, type DispatchConfig, type DispatchConfigInput, type DispatchConfigRule } from './config/dispatch-config.js';
export { resolveDispatchConfig } from './config/resolve-dispatch-config.js';
export { listDispatchConfigParams, renderDispatchConfigTable, type DispatchConfigParamRow } from './config/dispatch-config-table.js';
export { distanceFeeCents } from './pricing/distance-fee.js';
export { surgeMultiplierOfRatio, surgeTargetMultiplier } from './pricing/surge-curve.js';
export { DEFAULT_SURGE_SMOOTHER_MAX_CELLS, SurgeSmoother, type SurgeState } from './pricing/surge-smoother.js';
export { isInPeakWindow, localSecOfDay, timeOfDaySurcharge, type TimeOfDaySurcharge } from './pricing/time-of-day-surcharge.js';
export { HeatmapSnapshot, type SnapshotCell, type SupplyDemand, type SupplyDemandFn } from './pricing/heatmap-snapshot.js';
export { quoteDeliveryFee, type FeeBreakdown, type FeeQuote, type FeeQuoteInput, type FeeSurgeInput } from './pricing/quote-delivery-fee.js';
export { expectedServedOrders, marginalServedOrders } from './rebalancing/expected-served-orders.js';
export { checkRebalanceInput, type RebalanceCell, type RebalanceInput, type RebalanceRider, type RebalanceSuggestion } from './rebalancing/rebalance-input.js';
export { rebalanceCellsFromHeatmap, type RebalanceCellsFromHeatmapOptions } from './rebalancing/rebalance-cells-from-heatmap.js';
export { suggestRebalancing } from './rebalancing/suggest-rebalancing.js';
export { generateSyntheticEpoch, type SyntheticEpoch, type SyntheticEpochOptions } from './synthetic/synthetic-epoch.js';
export { EtaTracker, type EtaTrackerOptions, type LatenessEvent, type OrderEta, type EtaStop, type TrackedOrder, type TrackedRider } from './eta/eta-tracker.js';
export { replanRoutes, type ReplanInput, type ReplanOrder, type ReplanResult, type ReplanRider, type ReplanStop } from './dispatch/replan-routes.js';
// dispatch rounds for services (issue 6)
export {
  DEFAULT_ROUND_SERVICE,
  DEFAULT_ROUND_TRAVEL,
  buildDispatchRound,
  roundAssignments,
  type DispatchRound,
  type DispatchRoundInput,
  type RoundAssignment,
  type RoundOrder,
  type RoundRider,
  type RoundSkipReason,
  type RoundStore,
} from './dispatch/dispatch-round.js';
// live ETAs for services (issue 6)
export { LiveEtaTracker, LIVE_ETA_TRACKER_DEFAULTS, type LiveOrder, type LiveStop, type LiveRider, type LiveEta, type LiveLatenessEvent, type LiveEtaTrackerOptions } from './eta/live-eta-tracker.js';
