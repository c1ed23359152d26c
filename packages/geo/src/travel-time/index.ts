/** Travel-time models: the provider contract and the straight-line provider. */
export { UNREACHABLE } from './travel-provider.js';
export type {
  CellProvenance,
  TravelProvenance,
  TravelQueryOptions,
  TravelTimeEstimate,
  TravelTimeMatrix,
  TravelTimeProvider,
} from './travel-provider.js';
export { DEFAULT_CONGESTION_SENSITIVITY, DEFAULT_SPEED_MPS, TRAVEL_MODES, isTravelMode } from './travel-mode.js';
export type { TravelMode } from './travel-mode.js';
export {
  DEFAULT_CONGESTION_PROFILE,
  FREE_FLOW_CONGESTION_PROFILE,
  assertCongestionProfile,
  congestionFactorAt,
} from './congestion-profile.js';
export type { CongestionProfile } from './congestion-profile.js';
export { dayTypeOfLocalDay, fixedOffsetClock, timeZoneClock } from './local-clock.js';
export type { DayType, LocalClock } from './local-clock.js';
export {
  DEFAULT_DETOUR_FACTOR,
  DEFAULT_TRAVEL_MODE,
  MAX_DETOUR_FACTOR,
  MAX_SPEED_MPS,
  assertTravelMode,
} from './straight-line-options.js';
export type { StraightLineProviderOptions } from './straight-line-options.js';
export { MAX_DURATION_SEC } from './straight-line-matrix.js';
export { MAX_DEPART_AT, MAX_MATRIX_CELLS, StraightLineProvider } from './straight-line-provider.js';
export type { MatrixSyncOptions } from './straight-line-provider.js';
// remote providers (helper)
export { CircuitBreaker, CircuitOpenError, DEFAULT_CIRCUIT_BREAKER_OPTIONS } from './circuit-breaker.js';
export type {
  CircuitBreakerOptions,
  CircuitBreakerStats,
  CircuitCallOptions,
  CircuitChangeReason,
  CircuitState,
  CircuitStateChange,
  CircuitStateListener,
} from './circuit-breaker.js';
export { FallbackChainProvider, MAX_CHAIN_PROVIDERS } from './fallback-chain-provider.js';
export type { FallbackChainOptions, FallbackEvent } from './fallback-chain-provider.js';
export { DEFAULT_OSRM_OPTIONS, OsrmTableProvider } from './osrm-table-provider.js';
export type { OsrmTableProviderOptions } from './osrm-table-provider.js';
