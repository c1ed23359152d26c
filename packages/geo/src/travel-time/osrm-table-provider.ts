/**
 * Travel times from an OSRM-compatible HTTP table service that you run yourself
 * (`GET {baseUrl}/table/v1/{profile}/{lng,lat;...}?sources=..&destinations=..&annotations=duration,distance`),
 * through a {@link CircuitBreaker}, with a timeout per request and large matrices split into blocks.
 */
import { GeoInputError, TravelTimeError, formatValue } from '../errors.js';
import type { LngLat } from '../types.js';
import { assertIntegerInRange, assertLngLat } from '../validate.js';
import { CircuitBreaker, type CircuitBreakerOptions } from './circuit-breaker.js';
import { MAX_DURATION_SEC, packPoints, type PackedPoints } from './straight-line-matrix.js';
import { assertTravelMode } from './straight-line-options.js';
import { MAX_DEPART_AT, MAX_MATRIX_CELLS } from './straight-line-provider.js';
import { TRAVEL_MODES, type TravelMode } from './travel-mode.js';
import { UNREACHABLE } from './travel-provider.js';
import type { TravelQueryOptions, TravelTimeEstimate, TravelTimeMatrix, TravelTimeProvider } from './travel-provider.js';

/** Options of {@link OsrmTableProvider}; only `baseUrl` is required. */
export interface OsrmTableProviderOptions {
  /**
   * Root of the service, an `http:` or `https:` URL, optionally with a path prefix
   * (`'http://127.0.0.1:5000'`, `'https://routing.internal/osrm'`). No query, fragment or
   * credentials: pass credentials in `headers`.
   */
  baseUrl: string;
  /** OSRM profile in the URL, letters, digits, `_` and `-`. Default `'driving'`. */
  profile?: string;
  /**
   * Travel modes this server's profile answers for (the first is the default of calls that give
   * none); every mode gets the same answer. Default from the profile: `driving`/`car` → `['car']`,
   * `cycling`/`bike`/`bicycle` → `['bike']`, `walking`/`foot` → `['walk']`; required for other profiles.
   */
  modes?: readonly TravelMode[];
  /** Provider name reported in provenance and errors. Default `'osrm'`. */
  name?: string;
  /** Time allowed for each HTTP request, body included, integer milliseconds in [1, 600000]. Default 10000. */
  timeoutMs?: number;
  /**
   * Most coordinates (sources + destinations) in one request, integer in [2, 10000]. Match the
   * server's `--max-table-size`. Default 100.
   */
  maxLocationsPerRequest?: number;
  /** Blocks of one matrix requested at the same time, integer in [1, 64]. Default 4. */
  maxConcurrentRequests?: number;
  /**
   * Extra request headers, e.g. `{ Authorization: 'Bearer …' }`. Sent with every request, never
   * logged nor put in error messages.
   */
  headers?: Readonly<Record<string, string>>;
  /**
   * The breaker every request goes through: a shared {@link CircuitBreaker}, or options for a
   * new one (its name defaults to this provider's name). Default: a new breaker with default options.
   */
  breaker?: CircuitBreaker | CircuitBreakerOptions;
}

/** Defaults of {@link OsrmTableProviderOptions}. */
export const DEFAULT_OSRM_OPTIONS = Object.freeze({
  profile: 'driving',
  name: 'osrm',
  timeoutMs: 10_000,
  maxLocationsPerRequest: 100,
  maxConcurrentRequests: 4,
});

const KNOWN_OPTIONS = [
  'baseUrl',
  'profile',
  'modes',
  'name',
  'timeoutMs',
  'maxLocationsPerRequest',
  'maxConcurrentRequests',
  'headers',
  'breaker',
];

const MODES_OF_PROFILE: Readonly<Record<string, readonly TravelMode[]>> = {
  driving: ['car'],
  car: ['car'],
  cycling: ['bike'],
  bike: ['bike'],
  bicycle: ['bike'],
  walking: ['walk'],
  foot: ['walk'],
};

const PROFILE_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const HEADER_NAME_PATTERN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE_PATTERN = /^[\t\x20-\x7e\x80-\xff]*$/;

/** Largest body excerpt quoted in an error message, characters. */
const MAX_QUOTED_CHARS = 200;

/** One request: sources [s0, s1) × targets [t0, t1) of the whole matrix. */
interface Block {
  readonly s0: number;
  readonly s1: number;
  readonly t0: number;
  readonly t1: number;
}

/** The whole matrix being assembled. */
interface MatrixJob {
  readonly sources: PackedPoints;
  readonly targets: PackedPoints;
  readonly durationSec: Int32Array;
  readonly distanceM: Int32Array;
  readonly signal: AbortSignal | undefined;
}

/** HTTP answers that say nothing about the server's health (the request was wrong): no breaker failure. */
const CLIENT_ERRORS = new WeakSet<object>();

/**
 * {@link TravelTimeProvider} backed by an OSRM `table` service (or anything answering the same
 * API), called with the built-in `fetch`.
 *
 * - Matrices larger than `maxLocationsPerRequest` coordinates are split into blocks of sources ×
 *   targets (chosen to need the fewest requests), requested up to `maxConcurrentRequests` at a
 *   time and assembled; if one block fails the others are cancelled and the call rejects.
 * - Each request has its own `timeoutMs` (combined with the caller's `signal`) and goes through
 *   the circuit breaker: while it is open, calls reject with TRAVEL_TIME_UNAVAILABLE at once,
 *   without touching the network.
 * - `null` cells (no route) become UNREACHABLE; seconds and metres are rounded to integers
 *   (values from 2^31 − 1 on become UNREACHABLE).
 * - OSRM has no time dependence: `departAt` is validated and echoed in the result, but does not
 *   change the answer.
 *
 * Rejections: `GeoInputError` for bad input (before any request); `TravelTimeError`
 * TRAVEL_TIME_UNAVAILABLE when the service could not be reached or asked to back off
 * (connection error, timeout, HTTP 429 or 503, breaker open) and TRAVEL_TIME_FAILED when it
 * answered with an error (other 5xx, 4xx with the server's message, redirects) or with a body that
 * is not a valid table (naming what was wrong); the caller's abort reason when it cancelled.
 * HTTP 3xx/4xx answers and cancellations do not count as breaker failures.
 */
export class OsrmTableProvider implements TravelTimeProvider {
  readonly name: string;
  readonly modes: readonly TravelMode[];
  /** The breaker every request goes through (for its state, stats and events). */
  readonly breaker: CircuitBreaker;
  /** Normalised base URL, without a trailing slash. */
  readonly baseUrl: string;
  readonly profile: string;
  readonly timeoutMs: number;
  readonly maxLocationsPerRequest: number;
  readonly maxConcurrentRequests: number;
  private readonly headers: Readonly<Record<string, string>>;

  /** Throws `GeoInputError` (GEO_INVALID_ARGUMENT) for invalid options. */
  constructor(options: OsrmTableProviderOptions) {
    if (typeof options !== 'object' || options === null) {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', 'options', 'must be an object', options);
    }
    for (const key of Object.keys(options)) {
      if (!KNOWN_OPTIONS.includes(key)) {
        throw new GeoInputError('GEO_INVALID_ARGUMENT', `options.${key}`, `is not an option (known: ${KNOWN_OPTIONS.join(', ')})`, key);
      }
    }
    const d = DEFAULT_OSRM_OPTIONS;
    this.baseUrl = resolveBaseUrl(options.baseUrl);
    const profile = options.profile ?? d.profile;
    if (typeof profile !== 'string' || !PROFILE_PATTERN.test(profile)) {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', 'options.profile', 'must be 1 to 64 letters, digits, "_" or "-"', profile);
    }
    this.profile = profile;
    this.modes = resolveModes(options.modes, profile);
    const name = options.name ?? d.name;
    if (typeof name !== 'string' || name.length === 0) {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', 'options.name', 'must be a non-empty string', name);
    }
    this.name = name;
    this.timeoutMs = options.timeoutMs ?? d.timeoutMs;
    assertIntegerInRange('options.timeoutMs', this.timeoutMs, 1, 600_000);
    this.maxLocationsPerRequest = options.maxLocationsPerRequest ?? d.maxLocationsPerRequest;
    assertIntegerInRange('options.maxLocationsPerRequest', this.maxLocationsPerRequest, 2, 10_000);
    this.maxConcurrentRequests = options.maxConcurrentRequests ?? d.maxConcurrentRequests;
    assertIntegerInRange('options.maxConcurrentRequests', this.maxConcurrentRequests, 1, 64);
    this.headers = resolveHeaders(options.headers);
    if (options.breaker instanceof CircuitBreaker) {
      this.breaker = options.breaker;
    } else {
      const breakerOptions = options.breaker ?? {};
      if (typeof breakerOptions !== 'object' || breakerOptions === null) {
        throw new GeoInputError('GEO_INVALID_ARGUMENT', 'options.breaker', 'must be a CircuitBreaker or an options object', breakerOptions);
      }
      this.breaker = new CircuitBreaker({ name, ...breakerOptions }, 'options.breaker');
    }
  }

  /**
   * One trip (a 1 × 1 table). `departAt` (integer Unix seconds) is validated but does not change
   * the answer: OSRM has no time dependence.
   */
  async duration(from: LngLat, to: LngLat, departAt: number, options?: TravelQueryOptions): Promise<TravelTimeEstimate> {
    assertLngLat('from', from);
    assertLngLat('to', to);
    const m = await this.matrix([from], [to], departAt, options);
    return { durationSec: m.durationSec[0]!, distanceM: m.distanceM[0]!, provider: this.name, isFallback: false };
  }

  /**
   * The `sources × targets` matrix. `departAt` (integer Unix seconds) is validated and echoed in
   * the result but does not change the answer: OSRM has no time dependence. Empty `sources` or
   * `targets` give an empty matrix without a request.
   */
  async matrix(
    sources: readonly LngLat[],
    targets: readonly LngLat[],
    departAt: number,
    options?: TravelQueryOptions,
  ): Promise<TravelTimeMatrix> {
    const packedSources = packPoints('sources', sources);
    const packedTargets = packPoints('targets', targets);
    assertIntegerInRange('departAt', departAt, 0, MAX_DEPART_AT);
    const { mode, signal } = this.queryOptions(options);
    const numCells = packedSources.numPoints * packedTargets.numPoints;
    if (numCells > MAX_MATRIX_CELLS) {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', 'sources.length × targets.length', `must be at most ${MAX_MATRIX_CELLS}`, numCells);
    }
    const job: MatrixJob = {
      sources: packedSources,
      targets: packedTargets,
      durationSec: new Int32Array(numCells),
      distanceM: new Int32Array(numCells),
      signal,
    };
    if (numCells > 0) {
      await this.runBlocks(job, planBlocks(packedSources.numPoints, packedTargets.numPoints, this.maxLocationsPerRequest));
    }
    return {
      numSources: packedSources.numPoints,
      numTargets: packedTargets.numPoints,
      durationSec: job.durationSec,
      distanceM: job.distanceM,
      departAt,
      mode,
      provider: this.name,
      isFallback: false,
    };
  }

  private queryOptions(options: TravelQueryOptions | undefined): { mode: TravelMode; signal: AbortSignal | undefined } {
    const defaultMode = this.modes[0]!;
    if (options === undefined) return { mode: defaultMode, signal: undefined };
    if (typeof options !== 'object' || options === null) {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', 'options', 'must be an object', options);
    }
    const mode = options.mode ?? defaultMode;
    assertTravelMode('options.mode', mode);
    if (!this.modes.includes(mode)) {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', 'options.mode', `must be a mode of provider "${this.name}" (${this.modes.join(', ')})`, mode);
    }
    const { signal } = options;
    if (signal !== undefined && !(signal instanceof AbortSignal)) {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', 'options.signal', 'must be an AbortSignal', signal);
    }
    signal?.throwIfAborted();
    return { mode, signal };
  }

  /** Runs the blocks, `maxConcurrentRequests` at a time; the first failure cancels the rest. */
  private async runBlocks(job: MatrixJob, blocks: readonly Block[]): Promise<void> {
    const siblings = new AbortController();
    let next = 0;
    if (blocks.length > 1 && this.breaker.state !== 'closed') {
      // A half-open breaker lets few trial calls through: the first block alone tests the service.
      await this.fetchBlock(job, blocks[0]!, siblings.signal);
      next = 1;
    }
    let firstError: { error: unknown } | undefined;
    const worker = async (): Promise<void> => {
      while (firstError === undefined && next < blocks.length) {
        const block = blocks[next++]!;
        try {
          await this.fetchBlock(job, block, siblings.signal);
        } catch (error) {
          if (firstError === undefined) {
            firstError = { error };
            siblings.abort();
          }
          return;
        }
      }
    };
    const numWorkers = Math.min(this.maxConcurrentRequests, blocks.length);
    await Promise.all(Array.from({ length: numWorkers }, worker));
    if (firstError !== undefined) throw firstError.error;
  }

  /** Requests one block through the breaker and writes it into the job's matrices. */
  private async fetchBlock(job: MatrixJob, block: Block, siblings: AbortSignal): Promise<void> {
    const callerSignal = job.signal;
    const isFailure = (error: unknown): boolean =>
      !(callerSignal?.aborted === true || siblings.aborted || (typeof error === 'object' && error !== null && CLIENT_ERRORS.has(error)));
    await this.breaker.execute(async () => {
      const text = await this.request(this.blockUrl(job, block), block, callerSignal, siblings);
      parseTable(this.name, text, block, job);
    }, { isFailure });
  }

  private blockUrl(job: MatrixJob, block: Block): string {
    const coords: string[] = [];
    for (let i = block.s0; i < block.s1; i++) coords.push(formatCoordinate(job.sources, i));
    for (let j = block.t0; j < block.t1; j++) coords.push(formatCoordinate(job.targets, j));
    const numSources = block.s1 - block.s0;
    const sourceIdx = Array.from({ length: numSources }, (_, k) => k).join(';');
    const destinationIdx = Array.from({ length: block.t1 - block.t0 }, (_, k) => numSources + k).join(';');
    return (
      `${this.baseUrl}/table/v1/${this.profile}/${coords.join(';')}` +
      `?sources=${sourceIdx}&destinations=${destinationIdx}&annotations=duration,distance`
    );
  }

  /** GETs `url` and returns the body of a 2xx answer; rejects with a TravelTimeError otherwise. */
  private async request(url: string, block: Block, callerSignal: AbortSignal | undefined, siblings: AbortSignal): Promise<string> {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = AbortSignal.any(callerSignal === undefined ? [timeout, siblings] : [callerSignal, timeout, siblings]);
    const where = blockLabel(block);
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, { method: 'GET', headers: this.headers, signal, redirect: 'manual' });
      text = await response.text();
    } catch (error) {
      throw this.transportError(error, where, timeout, callerSignal, siblings);
    }
    const { status } = response;
    if (status >= 200 && status < 300) return text;
    const detail = serverMessage(text);
    const message = `${this.name}: HTTP ${status} for ${where}${detail === '' ? '' : `: ${detail}`}`;
    if (status === 429 || status === 503) throw new TravelTimeError('TRAVEL_TIME_UNAVAILABLE', message);
    if (status >= 500) throw new TravelTimeError('TRAVEL_TIME_FAILED', message);
    const error =
      status >= 300 && status < 400
        ? new TravelTimeError('TRAVEL_TIME_FAILED', `${this.name}: HTTP ${status} redirect for ${where} (not followed: point options.baseUrl at the final address)`)
        : new TravelTimeError('TRAVEL_TIME_FAILED', message);
    CLIENT_ERRORS.add(error);
    throw error;
  }

  /** The error to reject with when no complete answer arrived. */
  private transportError(
    error: unknown,
    where: string,
    timeout: AbortSignal,
    callerSignal: AbortSignal | undefined,
    siblings: AbortSignal,
  ): unknown {
    if (callerSignal?.aborted === true) return callerSignal.reason;
    if (siblings.aborted) return siblings.reason;
    if (timeout.aborted) {
      return new TravelTimeError('TRAVEL_TIME_UNAVAILABLE', `${this.name}: no answer within ${this.timeoutMs} ms for ${where}`, { cause: error });
    }
    return new TravelTimeError('TRAVEL_TIME_UNAVAILABLE', `${this.name}: request failed for ${where} (${describeNetworkError(error)})`, { cause: error });
  }
}

/**
 * Splits `numSources × numTargets` into blocks of at most `maxLocations` coordinates
 * (block sources + block targets), with the fewest blocks.
 */
function planBlocks(numSources: number, numTargets: number, maxLocations: number): Block[] {
  let blockSources = numSources;
  let blockTargets = numTargets;
  if (numSources + numTargets > maxLocations) {
    let fewest = Infinity;
    for (let t = 1; t <= Math.min(numTargets, maxLocations - 1); t++) {
      const s = Math.min(numSources, maxLocations - t);
      const count = Math.ceil(numSources / s) * Math.ceil(numTargets / t);
      if (count < fewest) {
        fewest = count;
        blockSources = s;
        blockTargets = t;
      }
    }
  }
  const blocks: Block[] = [];
  for (let s0 = 0; s0 < numSources; s0 += blockSources) {
    for (let t0 = 0; t0 < numTargets; t0 += blockTargets) {
      blocks.push({ s0, s1: Math.min(numSources, s0 + blockSources), t0, t1: Math.min(numTargets, t0 + blockTargets) });
    }
  }
  return blocks;
}

/** Validates a table response for `block` and writes its cells into the job's matrices. */
function parseTable(name: string, text: string, block: Block, job: MatrixJob): void {
  const where = blockLabel(block);
  const fail = (what: string): TravelTimeError => new TravelTimeError('TRAVEL_TIME_FAILED', `${name}: response for ${where} ${what}`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw fail(`is not JSON, got ${formatValue(quoteBody(text))}`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw fail(`must be a JSON object, got ${formatValue(body)}`);
  }
  const record = body as Record<string, unknown>;
  if (record['code'] !== 'Ok') {
    const message = typeof record['message'] === 'string' ? `: ${quoteBody(record['message'])}` : '';
    throw fail(`has code ${formatValue(record['code'])}, expected "Ok"${message}`);
  }
  const numRows = block.s1 - block.s0;
  const numCols = block.t1 - block.t0;
  const numTargets = job.targets.numPoints;
  for (const [key, out] of [
    ['durations', job.durationSec],
    ['distances', job.distanceM],
  ] as const) {
    const rows = record[key];
    if (!Array.isArray(rows) || rows.length !== numRows) {
      throw fail(`${key} must be an array of ${numRows} rows, got ${formatValue(rows)}`);
    }
    for (let r = 0; r < numRows; r++) {
      const row: unknown = rows[r];
      if (!Array.isArray(row) || row.length !== numCols) {
        throw fail(`${key}[${r}] must be an array of ${numCols} numbers or nulls, got ${formatValue(row)}`);
      }
      const base = (block.s0 + r) * numTargets + block.t0;
      for (let c = 0; c < numCols; c++) {
        const v: unknown = row[c];
        let cell: number;
        if (v === null) {
          cell = UNREACHABLE;
        } else if (typeof v === 'number' && Number.isFinite(v) && v >= 0) {
          const rounded = Math.round(v);
          cell = rounded < MAX_DURATION_SEC ? rounded : UNREACHABLE;
        } else {
          throw fail(`${key}[${r}][${c}] must be null or a finite number ≥ 0, got ${formatValue(v)}`);
        }
        out[base + c] = cell;
      }
    }
  }
}

/** `sources[0..96] × targets[0..2]`: the rows and columns of a block, inclusive. */
function blockLabel(block: Block): string {
  return `sources[${block.s0}..${block.s1 - 1}] × targets[${block.t0}..${block.t1 - 1}]`;
}

/** `lng,lat` with 6 decimals (about 0.1 m), never in exponent notation. */
function formatCoordinate(points: PackedPoints, i: number): string {
  return `${points.lng[i]!.toFixed(6)},${points.lat[i]!.toFixed(6)}`;
}

/** The server's own explanation: OSRM's `{ code, message }`, or the start of the body. */
function serverMessage(text: string): string {
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body === 'object' && body !== null) {
      const { code, message } = body as Record<string, unknown>;
      const parts = [code, message].filter((p): p is string => typeof p === 'string' && p.length > 0);
      if (parts.length > 0) return quoteBody(parts.join(': '));
    }
  } catch {
    // not JSON: quote the text
  }
  return quoteBody(text);
}

/** One line, control characters removed, at most MAX_QUOTED_CHARS characters. */
function quoteBody(text: string): string {
  const line = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return line.length > MAX_QUOTED_CHARS ? `${line.slice(0, MAX_QUOTED_CHARS - 3)}...` : line;
}

/** `ECONNRESET`, `UND_ERR_SOCKET`, ...: the code of the root cause, or its name. */
function describeNetworkError(error: unknown): string {
  let e: unknown = error;
  for (let depth = 0; depth < 5 && typeof e === 'object' && e !== null; depth++) {
    const { code, cause } = e as { code?: unknown; cause?: unknown };
    if (typeof code === 'string') return code;
    if (cause === undefined) break;
    e = cause;
  }
  return e instanceof Error ? e.name : 'network error';
}

function resolveBaseUrl(value: unknown): string {
  const field = 'options.baseUrl';
  if (typeof value !== 'string') {
    throw new GeoInputError('GEO_INVALID_ARGUMENT', field, 'must be an http or https URL string', value);
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new GeoInputError('GEO_INVALID_ARGUMENT', field, 'must be an absolute http or https URL', redactUrl(value));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new GeoInputError('GEO_INVALID_ARGUMENT', field, 'must use http: or https:', url.protocol);
  }
  if (url.username !== '' || url.password !== '') {
    throw new GeoInputError('GEO_INVALID_ARGUMENT', field, 'must not hold credentials (pass them in options.headers)', redactUrl(value));
  }
  if (url.search !== '' || url.hash !== '' || value.includes('?') || value.includes('#')) {
    throw new GeoInputError('GEO_INVALID_ARGUMENT', field, 'must not have a query or fragment', `${url.origin}${url.pathname}`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** The URL text with user info, query and fragment hidden (they may hold secrets). */
function redactUrl(value: string): string {
  return value.replace(/\/\/[^/?#]*@/, '//***@').replace(/[?#].*$/s, '?***');
}

function resolveModes(modes: unknown, profile: string): readonly TravelMode[] {
  if (modes === undefined) {
    const known = MODES_OF_PROFILE[profile];
    if (known === undefined) {
      throw new GeoInputError(
        'GEO_INVALID_ARGUMENT',
        'options.modes',
        `must be given for profile "${profile}" (known profiles: ${Object.keys(MODES_OF_PROFILE).join(', ')})`,
        modes,
      );
    }
    return Object.freeze([...known]);
  }
  if (!Array.isArray(modes) || modes.length === 0 || modes.length > TRAVEL_MODES.length) {
    throw new GeoInputError('GEO_INVALID_ARGUMENT', 'options.modes', 'must be a non-empty array of travel modes', modes);
  }
  modes.forEach((mode, i) => assertTravelMode(`options.modes[${i}]`, mode));
  if (new Set(modes).size !== modes.length) {
    throw new GeoInputError('GEO_INVALID_ARGUMENT', 'options.modes', 'must not repeat a mode', modes);
  }
  return Object.freeze([...(modes as TravelMode[])]);
}

/** Validated copy of the extra headers plus `Accept: application/json`. Values never appear in errors. */
function resolveHeaders(headers: unknown): Readonly<Record<string, string>> {
  const out: Record<string, string> = { accept: 'application/json' };
  if (headers === undefined) return Object.freeze(out);
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) {
    throw new GeoInputError('GEO_INVALID_ARGUMENT', 'options.headers', 'must be an object of header names to string values', typeof headers);
  }
  for (const [name, value] of Object.entries(headers)) {
    const field = `options.headers[${JSON.stringify(name)}]`;
    if (!HEADER_NAME_PATTERN.test(name)) {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', field, 'must have a valid HTTP header name', name);
    }
    if (typeof value !== 'string') {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', field, 'must be a string', typeof value);
    }
    if (!HEADER_VALUE_PATTERN.test(value)) {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', field, 'must be a valid HTTP header value (no control characters; value hidden)', '***');
    }
    out[name.toLowerCase()] = value;
  }
  return Object.freeze(out);
}
