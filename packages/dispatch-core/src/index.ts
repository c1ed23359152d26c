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
