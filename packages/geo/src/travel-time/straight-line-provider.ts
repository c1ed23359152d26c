/**
 * Travel times without a road network: great-circle distance × a detour factor, at a per-mode
 * free-flow speed slowed by a time-of-day congestion profile (integrated over the trip, so FIFO).
 */
import { equirectangularDistanceCosM } from '../distance.js';
import { GeoInputError } from '../errors.js';
import type { LngLat } from '../types.js';
import { assertIntegerInRange, assertLngLat } from '../validate.js';
import type { CongestionProfile } from './congestion-profile.js';
import { interpolatedFactor } from './congestion-profile.js';
import { DeparturePlan } from './departure-plan.js';
import { assertTravelMode, resolveStraightLineOptions } from './straight-line-options.js';
import type { StraightLineConfig, StraightLineProviderOptions } from './straight-line-options.js';
import { cosOfLatDeg, fillStraightLineMatrix, packPoints, roundDurationSec, roundToInt } from './straight-line-matrix.js';
import { TRAVEL_MODES, type TravelMode } from './travel-mode.js';
import type { TravelQueryOptions, TravelTimeEstimate, TravelTimeMatrix, TravelTimeProvider } from './travel-provider.js';

/** Latest accepted departure, Unix seconds (9999-12-31T23:59:59Z). */
export const MAX_DEPART_AT = 253_402_300_799;
/** Most cells a matrix call may hold (two Int32Arrays of 400 MB each). */
export const MAX_MATRIX_CELLS = 100_000_000;

/** Options of {@link StraightLineProvider.matrixSync}. */
export interface MatrixSyncOptions extends TravelQueryOptions {
  /** Caller-owned output for travel times (length ≥ sources × targets), reused across calls. */
  durationSecOut?: Int32Array;
  /** Caller-owned output for distances (length ≥ sources × targets), reused across calls. */
  distanceMOut?: Int32Array;
}

/**
 * Straight-line travel-time provider (name `'straight-line'`), all modes.
 *
 * - Route distance = equirectangular great-circle distance (relative error < 5e-5 up to 50 km)
 *   × `detourFactor`, rounded to integer metres.
 * - Travel time = time to cover the unrounded route distance at
 *   `speedMps[mode] × (1 − sensitivity[mode] × (1 − factor(t)))`, integrated over the trip,
 *   rounded to integer seconds. Walk ignores congestion by default (sensitivity 0).
 * - Never UNREACHABLE in practice: only a trip longer than 2^31 − 1 s gets `durationSec` = UNREACHABLE.
 *
 * `duration` and `matrix` resolve to exactly what `durationSync` and `matrixSync` return.
 */
export class StraightLineProvider implements TravelTimeProvider {
  readonly name = 'straight-line';
  readonly modes: readonly TravelMode[] = TRAVEL_MODES;
  private readonly config: StraightLineConfig;
  /** The last departure plan per mode: calls at the same `departAt` share its pieces. */
  private readonly lastPlan: Partial<Record<TravelMode, DeparturePlan>> = {};

  /** Throws `GeoInputError` (GEO_INVALID_ARGUMENT) for invalid options. */
  constructor(options: StraightLineProviderOptions = {}) {
    this.config = resolveStraightLineOptions(options);
  }

  /** Route distance ÷ great-circle distance. */
  get detourFactor(): number {
    return this.config.detourFactor;
  }

  /** Mode of calls that give none. */
  get defaultMode(): TravelMode {
    return this.config.defaultMode;
  }

  /** The congestion profile in use (a frozen copy). */
  get congestionProfile(): CongestionProfile {
    return this.config.congestionProfile;
  }

  /** Free-flow speed of `mode`, metres per second. */
  freeFlowSpeedMps(mode: TravelMode = this.config.defaultMode): number {
    assertTravelMode('mode', mode);
    return this.config.models[mode].freeFlowSpeedMps;
  }

  /** Speed of `mode` at instant `epochSec` (Unix seconds), metres per second, congestion included. */
  speedMpsAt(epochSec: number, mode: TravelMode = this.config.defaultMode): number {
    assertDepartAt('epochSec', epochSec);
    assertTravelMode('mode', mode);
    const model = this.config.models[mode];
    const factor = interpolatedFactor(model.packedProfile, epochSec + this.config.clock.utcOffsetSecAt(epochSec));
    return model.freeFlowSpeedMps * (1 - model.congestionSensitivity * (1 - factor));
  }

  /**
   * Integer seconds to cover `routeDistanceM` metres of route (detour already included) leaving
   * at `departAt`. The inverse used by every other method.
   */
  travelTimeSec(routeDistanceM: number, departAt: number, mode: TravelMode = this.config.defaultMode): number {
    if (typeof routeDistanceM !== 'number' || !Number.isFinite(routeDistanceM) || routeDistanceM < 0) {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', 'routeDistanceM', 'must be a finite number ≥ 0', routeDistanceM);
    }
    assertDepartAt('departAt', departAt);
    assertTravelMode('mode', mode);
    return roundDurationSec(this.planFor(mode, departAt).travelTimeSec(routeDistanceM));
  }

  /** {@link durationSync} as a promise (rejects instead of throwing). */
  async duration(from: LngLat, to: LngLat, departAt: number, options?: TravelQueryOptions): Promise<TravelTimeEstimate> {
    return this.durationSync(from, to, departAt, options);
  }

  /**
   * One trip, leaving at `departAt` (integer Unix seconds). Equal to the matching cell of
   * {@link matrixSync}. Throws `GeoInputError` (GEO_INVALID_COORDINATE, GEO_INVALID_ARGUMENT).
   */
  durationSync(from: LngLat, to: LngLat, departAt: number, options?: TravelQueryOptions): TravelTimeEstimate {
    assertLngLat('from', from);
    assertLngLat('to', to);
    assertDepartAt('departAt', departAt);
    const mode = this.modeOf(options);
    const greatCircleM = equirectangularDistanceCosM(from[0], from[1], cosOfLatDeg(from[1]), to[0], to[1], cosOfLatDeg(to[1]));
    const routeM = greatCircleM * this.config.detourFactor;
    const durationSec = roundDurationSec(this.planFor(mode, departAt).travelTimeSec(routeM));
    return { durationSec, distanceM: roundToInt(routeM), provider: this.name, isFallback: false };
  }

  /** {@link matrixSync} as a promise (rejects instead of throwing). */
  async matrix(
    sources: readonly LngLat[],
    targets: readonly LngLat[],
    departAt: number,
    options?: TravelQueryOptions,
  ): Promise<TravelTimeMatrix> {
    return this.matrixSync(sources, targets, departAt, options);
  }

  /**
   * The `sources × targets` matrix, every trip leaving at `departAt` (integer Unix seconds),
   * computed synchronously for hot in-process use. With `durationSecOut` / `distanceMOut` it
   * writes into caller-owned arrays (the result holds them, or views of their first cells).
   * Throws `GeoInputError`: GEO_INVALID_COORDINATE naming the point (`sources[4][1] (lat)`),
   * GEO_INVALID_ARGUMENT for the rest.
   */
  matrixSync(
    sources: readonly LngLat[],
    targets: readonly LngLat[],
    departAt: number,
    options?: MatrixSyncOptions,
  ): TravelTimeMatrix {
    const packedSources = packPoints('sources', sources);
    const packedTargets = packPoints('targets', targets);
    assertDepartAt('departAt', departAt);
    const mode = this.modeOf(options);
    const numCells = packedSources.numPoints * packedTargets.numPoints;
    if (numCells > MAX_MATRIX_CELLS) {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', 'sources.length × targets.length', `must be at most ${MAX_MATRIX_CELLS}`, numCells);
    }
    const durationSec = outputArray('options.durationSecOut', options?.durationSecOut, numCells);
    const distanceM = outputArray('options.distanceMOut', options?.distanceMOut, numCells);
    const plan = this.planFor(mode, departAt);
    fillStraightLineMatrix(packedSources, packedTargets, this.config.detourFactor, plan, durationSec, distanceM);
    return {
      numSources: packedSources.numPoints,
      numTargets: packedTargets.numPoints,
      durationSec,
      distanceM,
      departAt,
      mode,
      provider: this.name,
      isFallback: false,
    };
  }

  private modeOf(options: TravelQueryOptions | undefined): TravelMode {
    if (options === undefined) return this.config.defaultMode;
    if (typeof options !== 'object' || options === null) {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', 'options', 'must be an object', options);
    }
    options.signal?.throwIfAborted();
    const mode = options.mode ?? this.config.defaultMode;
    assertTravelMode('options.mode', mode);
    return mode;
  }

  private planFor(mode: TravelMode, departAt: number): DeparturePlan {
    const last = this.lastPlan[mode];
    if (last !== undefined && last.departAt === departAt) return last;
    const plan = new DeparturePlan(this.config.models[mode], departAt);
    this.lastPlan[mode] = plan;
    return plan;
  }
}

function assertDepartAt(field: string, departAt: unknown): asserts departAt is number {
  assertIntegerInRange(field, departAt, 0, MAX_DEPART_AT);
}

/** The caller's array (or a view of its first `numCells`), or a new one. */
function outputArray(field: string, out: Int32Array | undefined, numCells: number): Int32Array {
  if (out === undefined) return new Int32Array(numCells);
  if (!(out instanceof Int32Array) || out.length < numCells) {
    throw new GeoInputError('GEO_INVALID_ARGUMENT', field, `must be an Int32Array of length ≥ ${numCells}`, out);
  }
  return out.length === numCells ? out : out.subarray(0, numCells);
}
