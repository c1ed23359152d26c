/**
 * A chain of travel-time providers: the first (primary) answers when it can, the next ones when it
 * rejects or has no answer for some pairs. Usually a remote router first and the straight-line
 * provider, which never fails, last:
 *
 * ```ts
 * const travel = new FallbackChainProvider([new OsrmTableProvider({ baseUrl }), new StraightLineProvider()]);
 * ```
 */
import { GeoInputError, TravelTimeError } from '../errors.js';
import type { LngLat } from '../types.js';
import { assertTravelMode } from './straight-line-options.js';
import type { TravelMode } from './travel-mode.js';
import { UNREACHABLE } from './travel-provider.js';
import type { TravelQueryOptions, TravelTimeEstimate, TravelTimeMatrix, TravelTimeProvider } from './travel-provider.js';

/** Most providers in one chain (cell provenance indexes them with a byte). */
export const MAX_CHAIN_PROVIDERS = 255;

/** A provider of the chain rejected and the chain moved on. */
export interface FallbackEvent {
  /** Name of the provider that rejected. */
  readonly provider: string;
  /** Its position in the chain (0 = primary). */
  readonly index: number;
  /** Its rejection. */
  readonly error: unknown;
}

/** Options of {@link FallbackChainProvider}; every field is optional. */
export interface FallbackChainOptions {
  /** Name used in errors. Default `'fallback-chain'`. */
  name?: string;
  /**
   * Ask the next providers for the pairs the answer so far has as UNREACHABLE (a `duration`, or
   * the cells of a matrix). Default true; false accepts UNREACHABLE as an answer.
   */
  fillUnreachable?: boolean;
  /**
   * Mode of calls that give none, passed explicitly to every provider so they all answer for the
   * same mode. Default: the primary's first mode.
   */
  defaultMode?: TravelMode;
  /** Called each time a provider rejects and the chain moves on (for logs and metrics). Must not throw. */
  onFallback?: (event: FallbackEvent) => void;
}

const KNOWN_OPTIONS = ['name', 'fillUnreachable', 'defaultMode', 'onFallback'];

/**
 * {@link TravelTimeProvider} that asks its providers in order.
 *
 * - A provider is skipped when it does not list the call's mode in its `modes`.
 * - On a rejection the next provider is asked, except for a `GeoInputError` (bad input is never
 *   masked: it is rethrown, whichever provider found it) and a cancellation by the caller's
 *   `signal` (rethrown too).
 * - With `fillUnreachable` (default), the UNREACHABLE cells of a matrix are asked of the next
 *   providers (only the rows × columns holding them), and an UNREACHABLE `duration` is asked again.
 * - Answers say which provider gave them: `provider` is the name the answering provider reported
 *   (for a matrix, the one that gave the first complete matrix; a nested chain reports its own
 *   answering provider), `isFallback` is true whenever any answer or cell
 *   came from a provider other than the primary, and a matrix whose cells came from several
 *   providers carries `cellProvenance` (indexes into the names of the chain's providers, in order).
 * - When every provider rejects, the chain rejects with a `TravelTimeError` listing their errors
 *   (cause: an `AggregateError` of them): TRAVEL_TIME_UNAVAILABLE if all were unavailable, else
 *   TRAVEL_TIME_FAILED.
 */
export class FallbackChainProvider implements TravelTimeProvider {
  readonly name: string;
  /** Union of the providers' modes, in order of first appearance. */
  readonly modes: readonly TravelMode[];
  /** The providers, primary first. */
  readonly providers: readonly TravelTimeProvider[];
  readonly fillUnreachable: boolean;
  readonly defaultMode: TravelMode;
  private readonly providerNames: readonly string[];
  private readonly onFallback: ((event: FallbackEvent) => void) | undefined;

  /** Throws `GeoInputError` (GEO_INVALID_ARGUMENT) for an empty chain, a non-provider or invalid options. */
  constructor(providers: readonly TravelTimeProvider[], options: FallbackChainOptions = {}) {
    if (!Array.isArray(providers) || providers.length === 0 || providers.length > MAX_CHAIN_PROVIDERS) {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', 'providers', `must be an array of 1 to ${MAX_CHAIN_PROVIDERS} travel-time providers`, providers);
    }
    providers.forEach((p: unknown, i) => assertProvider(`providers[${i}]`, p));
    if (typeof options !== 'object' || options === null) {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', 'options', 'must be an object', options);
    }
    for (const key of Object.keys(options)) {
      if (!KNOWN_OPTIONS.includes(key)) {
        throw new GeoInputError('GEO_INVALID_ARGUMENT', `options.${key}`, `is not an option (known: ${KNOWN_OPTIONS.join(', ')})`, key);
      }
    }
    const name = options.name ?? 'fallback-chain';
    if (typeof name !== 'string' || name.length === 0) {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', 'options.name', 'must be a non-empty string', name);
    }
    const fillUnreachable = options.fillUnreachable ?? true;
    if (typeof fillUnreachable !== 'boolean') {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', 'options.fillUnreachable', 'must be a boolean', fillUnreachable);
    }
    if (options.onFallback !== undefined && typeof options.onFallback !== 'function') {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', 'options.onFallback', 'must be a function', options.onFallback);
    }
    this.providers = Object.freeze([...providers]);
    this.providerNames = Object.freeze(providers.map((p) => p.name));
    this.modes = Object.freeze([...new Set(providers.flatMap((p) => p.modes))]);
    const defaultMode = options.defaultMode ?? providers[0]!.modes[0]!;
    assertTravelMode('options.defaultMode', defaultMode);
    if (!this.modes.includes(defaultMode)) {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', 'options.defaultMode', `must be a mode of one of the providers (${this.modes.join(', ')})`, defaultMode);
    }
    this.name = name;
    this.fillUnreachable = fillUnreachable;
    this.defaultMode = defaultMode;
    this.onFallback = options.onFallback;
  }

  /** One trip from the first provider that answers (see the class comment). */
  async duration(from: LngLat, to: LngLat, departAt: number, options?: TravelQueryOptions): Promise<TravelTimeEstimate> {
    const query = this.queryOptions(options);
    const errors: LinkError[] = [];
    let unreachable: TravelTimeEstimate | undefined;
    for (const index of this.linksFor(query.mode)) {
      const provider = this.providers[index]!;
      let estimate: TravelTimeEstimate;
      try {
        estimate = checkEstimate(provider, await provider.duration(from, to, departAt, query));
      } catch (error) {
        this.moveOn(error, index, query.signal, errors);
        continue;
      }
      const answer: TravelTimeEstimate = {
        durationSec: estimate.durationSec,
        distanceM: estimate.distanceM,
        provider: reportedName(provider, estimate.provider),
        isFallback: index !== 0 || estimate.isFallback,
      };
      if (answer.durationSec !== UNREACHABLE || !this.fillUnreachable) return answer;
      unreachable ??= answer;
    }
    if (unreachable !== undefined) return unreachable;
    throw this.allFailed(errors);
  }

  /** The matrix from the first provider that answers, its UNREACHABLE cells filled by the next (see the class comment). */
  async matrix(
    sources: readonly LngLat[],
    targets: readonly LngLat[],
    departAt: number,
    options?: TravelQueryOptions,
  ): Promise<TravelTimeMatrix> {
    const query = this.queryOptions(options);
    const errors: LinkError[] = [];
    let result: Assembly | undefined;
    for (const index of this.linksFor(query.mode)) {
      const provider = this.providers[index]!;
      if (result === undefined) {
        try {
          const m = await provider.matrix(sources, targets, departAt, query);
          checkMatrix(provider, m, lengthOf(sources), lengthOf(targets));
          result = {
            baseIndex: index,
            baseProvider: reportedName(provider, m.provider),
            numSources: m.numSources,
            numTargets: m.numTargets,
            durationSec: m.durationSec,
            distanceM: m.distanceM,
            owned: false,
            providerIdx: undefined,
            nestedFallback: m.isFallback,
          };
        } catch (error) {
          this.moveOn(error, index, query.signal, errors);
          continue;
        }
      } else {
        const { rows, cols } = unreachableRowsAndCols(result);
        const m = await this.tryMatrix(provider, index, rows.map((i) => sources[i]!), cols.map((j) => targets[j]!), departAt, query, errors);
        if (m !== undefined) fillCells(result, index, rows, cols, m);
      }
      if (!this.fillUnreachable || !hasUnreachable(result.durationSec)) break;
    }
    if (result === undefined) throw this.allFailed(errors);
    const fromSeveral = result.providerIdx !== undefined;
    return {
      numSources: result.numSources,
      numTargets: result.numTargets,
      durationSec: result.durationSec,
      distanceM: result.distanceM,
      departAt,
      mode: query.mode,
      provider: result.baseProvider,
      isFallback: result.baseIndex !== 0 || fromSeveral || result.nestedFallback,
      ...(result.providerIdx === undefined ? {} : { cellProvenance: { providerNames: this.providerNames, providerIdx: result.providerIdx } }),
    };
  }

  /** A filler's sub-matrix, or undefined when it rejected (recorded) or was malformed. */
  private async tryMatrix(
    provider: TravelTimeProvider,
    index: number,
    sources: readonly LngLat[],
    targets: readonly LngLat[],
    departAt: number,
    query: ResolvedQuery,
    errors: LinkError[],
  ): Promise<TravelTimeMatrix | undefined> {
    try {
      return checkMatrix(provider, await provider.matrix(sources, targets, departAt, query), sources.length, targets.length);
    } catch (error) {
      this.moveOn(error, index, query.signal, errors);
      return undefined;
    }
  }

  private queryOptions(options: TravelQueryOptions | undefined): ResolvedQuery {
    if (options === undefined) return { mode: this.defaultMode };
    if (typeof options !== 'object' || options === null) {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', 'options', 'must be an object', options);
    }
    const mode = options.mode ?? this.defaultMode;
    assertTravelMode('options.mode', mode);
    if (!this.modes.includes(mode)) {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', 'options.mode', `must be a mode of one of the providers (${this.modes.join(', ')})`, mode);
    }
    options.signal?.throwIfAborted();
    return options.signal === undefined ? { mode } : { mode, signal: options.signal };
  }

  /** Indexes of the providers that answer for `mode`, primary first. */
  private linksFor(mode: TravelMode): number[] {
    const indexes: number[] = [];
    this.providers.forEach((p, i) => {
      if (p.modes.includes(mode)) indexes.push(i);
    });
    return indexes;
  }

  /** Records a provider's rejection, or rethrows it when it must not be masked. */
  private moveOn(error: unknown, index: number, signal: AbortSignal | undefined, errors: LinkError[]): void {
    if (error instanceof GeoInputError) throw error;
    if (signal?.aborted === true) throw error;
    const provider = this.providerNames[index]!;
    errors.push({ provider, error });
    if (this.onFallback !== undefined) {
      try {
        this.onFallback({ provider, index, error });
      } catch (listenerError) {
        queueMicrotask(() => {
          throw listenerError;
        });
      }
    }
  }

  private allFailed(errors: readonly LinkError[]): TravelTimeError {
    const allUnavailable = errors.every((e) => e.error instanceof TravelTimeError && e.error.code === 'TRAVEL_TIME_UNAVAILABLE');
    const details = errors.map(({ provider, error }) => {
      const message = error instanceof Error ? error.message : String(error);
      return message.startsWith(`${provider}:`) ? message : `${provider}: ${message}`;
    });
    return new TravelTimeError(
      allUnavailable ? 'TRAVEL_TIME_UNAVAILABLE' : 'TRAVEL_TIME_FAILED',
      `${this.name}: every provider failed (${details.join('; ')})`,
      { cause: new AggregateError(errors.map((e) => e.error), `${this.name}: every provider failed`) },
    );
  }
}

interface ResolvedQuery {
  readonly mode: TravelMode;
  readonly signal?: AbortSignal;
}

interface LinkError {
  readonly provider: string;
  readonly error: unknown;
}

/** The matrix being assembled. */
interface Assembly {
  /** Provider of the first complete matrix. */
  readonly baseIndex: number;
  /** Name it reported (a nested chain reports the provider that really answered). */
  readonly baseProvider: string;
  readonly numSources: number;
  readonly numTargets: number;
  durationSec: Int32Array;
  distanceM: Int32Array;
  /** False while the arrays are still the base provider's (copied before the first write). */
  owned: boolean;
  /** Per-cell provider index, created on the first filled cell. */
  providerIdx: Uint8Array | undefined;
  nestedFallback: boolean;
}

/** Sources (rows) and targets (columns) that hold at least one UNREACHABLE cell. */
function unreachableRowsAndCols(result: Assembly): { rows: number[]; cols: number[] } {
  const { numSources, numTargets, durationSec } = result;
  const colHas = new Uint8Array(numTargets);
  const rows: number[] = [];
  for (let i = 0; i < numSources; i++) {
    let rowHas = false;
    for (let j = 0, cell = i * numTargets; j < numTargets; j++, cell++) {
      if (durationSec[cell] === UNREACHABLE) {
        rowHas = true;
        colHas[j] = 1;
      }
    }
    if (rowHas) rows.push(i);
  }
  const cols: number[] = [];
  for (let j = 0; j < numTargets; j++) if (colHas[j] === 1) cols.push(j);
  return { rows, cols };
}

/** Copies the cells of sub-matrix `m` (rows × cols) the result has UNREACHABLE and `m` has not. */
function fillCells(result: Assembly, index: number, rows: readonly number[], cols: readonly number[], m: TravelTimeMatrix): void {
  const numCols = cols.length;
  for (let r = 0; r < rows.length; r++) {
    const rowBase = rows[r]! * result.numTargets;
    for (let c = 0; c < numCols; c++) {
      const cell = rowBase + cols[c]!;
      const sub = r * numCols + c;
      const durationSec = m.durationSec[sub]!;
      if (result.durationSec[cell] !== UNREACHABLE || durationSec === UNREACHABLE) continue;
      if (!result.owned) {
        result.durationSec = result.durationSec.slice();
        result.distanceM = result.distanceM.slice();
        result.owned = true;
      }
      result.providerIdx ??= new Uint8Array(result.numSources * result.numTargets).fill(result.baseIndex);
      result.durationSec[cell] = durationSec;
      result.distanceM[cell] = m.distanceM[sub]!;
      result.providerIdx[cell] = index;
      if (m.isFallback) result.nestedFallback = true;
    }
  }
}

/** The provider name an answer reports, or the provider's own name when it reports none. */
function reportedName(provider: TravelTimeProvider, reported: unknown): string {
  return typeof reported === 'string' && reported.length > 0 ? reported : provider.name;
}

function hasUnreachable(durationSec: Int32Array): boolean {
  return durationSec.includes(UNREACHABLE);
}

function lengthOf(points: readonly LngLat[]): number {
  return Array.isArray(points) ? points.length : -1;
}

/** Rejects a provider's malformed estimate as TRAVEL_TIME_FAILED (the chain then moves on). */
function checkEstimate(provider: TravelTimeProvider, e: TravelTimeEstimate): TravelTimeEstimate {
  if (typeof e !== 'object' || e === null || !Number.isInteger(e.durationSec) || !Number.isInteger(e.distanceM)) {
    throw new TravelTimeError('TRAVEL_TIME_FAILED', `${provider.name}: returned a malformed estimate`);
  }
  return e;
}

/** Rejects a provider's malformed matrix (wrong shape) as TRAVEL_TIME_FAILED (the chain then moves on). */
function checkMatrix(provider: TravelTimeProvider, m: TravelTimeMatrix, numSources: number, numTargets: number): TravelTimeMatrix {
  const numCells = numSources * numTargets;
  if (
    typeof m !== 'object' ||
    m === null ||
    m.numSources !== numSources ||
    m.numTargets !== numTargets ||
    !(m.durationSec instanceof Int32Array) ||
    !(m.distanceM instanceof Int32Array) ||
    m.durationSec.length !== numCells ||
    m.distanceM.length !== numCells
  ) {
    throw new TravelTimeError('TRAVEL_TIME_FAILED', `${provider.name}: returned a malformed matrix (expected ${numSources} × ${numTargets} cells)`);
  }
  return m;
}

function assertProvider(field: string, p: unknown): asserts p is TravelTimeProvider {
  if (
    typeof p !== 'object' ||
    p === null ||
    typeof (p as TravelTimeProvider).name !== 'string' ||
    !Array.isArray((p as TravelTimeProvider).modes) ||
    (p as TravelTimeProvider).modes.length === 0 ||
    typeof (p as TravelTimeProvider).duration !== 'function' ||
    typeof (p as TravelTimeProvider).matrix !== 'function'
  ) {
    throw new GeoInputError('GEO_INVALID_ARGUMENT', field, 'must be a travel-time provider (name, non-empty modes, duration, matrix)', p);
  }
}
