/**
 * The contract every travel-time source implements: straight-line estimates today, road-network
 * routing and remote `/table` services (behind circuit breakers and fallback chains) later.
 *
 * Units everywhere: durations in integer seconds, distances in integer metres, instants in Unix
 * seconds. Matrices are `Int32Array`s, row-major `sources × targets`
 * (`durationSec[i * numTargets + j]` is the trip from `sources[i]` to `targets[j]`).
 */
import type { LngLat } from '../types.js';
import type { TravelMode } from './travel-mode.js';

/**
 * Sentinel for a pair with no answer, in both `durationSec` and `distanceM`: no route exists
 * (road networks), the pair was outside the provider's coverage, or the value does not fit an
 * Int32. Always test for it before adding durations.
 */
export const UNREACHABLE = -1;

/** Per-call options shared by every provider. */
export interface TravelQueryOptions {
  /** Travel mode; each provider documents its default and the modes it supports. */
  mode?: TravelMode;
  /** Cancels a pending remote request. In-process providers only check it on entry. */
  signal?: AbortSignal;
}

/** Where an answer came from. */
export interface TravelProvenance {
  /** Name of the provider that produced the answer, e.g. `'straight-line'`, `'osrm'`. */
  readonly provider: string;
  /**
   * True when a fallback answered instead of the primary provider of a chain (for a matrix: when
   * any cell did). Always false for a provider used directly.
   */
  readonly isFallback: boolean;
}

/** One trip estimate. */
export interface TravelTimeEstimate extends TravelProvenance {
  /** Travel time, integer seconds, or {@link UNREACHABLE}. */
  readonly durationSec: number;
  /** Route distance, integer metres, or {@link UNREACHABLE}. */
  readonly distanceM: number;
}

/**
 * Per-cell provenance of a matrix assembled from several providers (a fallback chain filling the
 * cells its primary could not): `providerIdx[i * numTargets + j]` indexes `providerNames`.
 */
export interface CellProvenance {
  readonly providerNames: readonly string[];
  readonly providerIdx: Uint8Array;
}

/** A sources × targets travel-time and distance matrix. */
export interface TravelTimeMatrix extends TravelProvenance {
  readonly numSources: number;
  readonly numTargets: number;
  /** Row-major travel times, integer seconds; {@link UNREACHABLE} where there is no answer. */
  readonly durationSec: Int32Array;
  /** Row-major route distances, integer metres; {@link UNREACHABLE} where there is no answer. */
  readonly distanceM: Int32Array;
  /** Departure instant the matrix holds for, Unix seconds. */
  readonly departAt: number;
  readonly mode: TravelMode;
  /** Present only when cells came from different providers. */
  readonly cellProvenance?: CellProvenance;
}

/**
 * A source of travel times. Methods are async so remote providers fit; they reject with
 * `GeoInputError` for bad input and `TravelTimeError` when the provider cannot answer.
 */
export interface TravelTimeProvider {
  /** Stable name, reported in {@link TravelProvenance.provider}. */
  readonly name: string;
  /** Modes this provider answers for. */
  readonly modes: readonly TravelMode[];
  /**
   * Travel time and distance from `from` to `to`, leaving at `departAt` (integer Unix seconds).
   */
  duration(from: LngLat, to: LngLat, departAt: number, options?: TravelQueryOptions): Promise<TravelTimeEstimate>;
  /**
   * The full `sources × targets` matrix, every trip leaving at `departAt` (integer Unix seconds).
   */
  matrix(
    sources: readonly LngLat[],
    targets: readonly LngLat[],
    departAt: number,
    options?: TravelQueryOptions,
  ): Promise<TravelTimeMatrix>;
}
