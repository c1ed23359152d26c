/**
 * A circuit breaker for calls to a remote service: after repeated failures it stops calling for a
 * while and rejects at once, so a dead routing server costs microseconds instead of a timeout per
 * call, and a recovering one is not flooded.
 *
 * States:
 * - `closed`: calls go through. Opens after `failureThreshold` consecutive failures, or when at
 *   least `minCallsInWindow` calls ended in the last `windowMs` and the share of failures among
 *   them reaches `failureRateThreshold`.
 * - `open`: calls are rejected with {@link CircuitOpenError} (TRAVEL_TIME_UNAVAILABLE) without
 *   running, for `openMs`; then the breaker is half-open.
 * - `half-open`: up to `halfOpenMaxCalls` trial calls run at a time, others are rejected. The first
 *   trial to succeed closes the breaker; a trial that fails opens it again for `openMs`.
 *
 * Time comes from the injectable `now()` (milliseconds), so tests need no real waiting.
 */
import { GeoInputError, TravelTimeError } from '../errors.js';
import { assertIntegerInRange } from '../validate.js';

/** State of a {@link CircuitBreaker}. */
export type CircuitState = 'closed' | 'open' | 'half-open';

/** Why the state changed. */
export type CircuitChangeReason =
  /** `failureThreshold` consecutive failures (closed → open). */
  | 'consecutive-failures'
  /** The failure share over the rolling window reached `failureRateThreshold` (closed → open). */
  | 'failure-rate'
  /** `openMs` elapsed (open → half-open). */
  | 'open-elapsed'
  /** A trial call succeeded (half-open → closed). */
  | 'trial-succeeded'
  /** A trial call failed (half-open → open). */
  | 'trial-failed'
  /** {@link CircuitBreaker.reset} was called (any → closed). */
  | 'reset';

/** A state change, given to listeners right after it happened. */
export interface CircuitStateChange {
  /** The breaker's name. */
  readonly name: string;
  readonly from: CircuitState;
  readonly to: CircuitState;
  readonly reason: CircuitChangeReason;
  /** Instant of the change on the breaker's clock, milliseconds. */
  readonly atMs: number;
}

/** Receives state changes. Must not throw (an exception is rethrown asynchronously, uncaught). */
export type CircuitStateListener = (change: CircuitStateChange) => void;

/** Options of {@link CircuitBreaker}; every field is optional (defaults in {@link DEFAULT_CIRCUIT_BREAKER_OPTIONS}). */
export interface CircuitBreakerOptions {
  /** Name used in errors and state changes. Default `'circuit'`. */
  name?: string;
  /** Consecutive failures that open a closed breaker, integer in [1, 1000000]. Default 5. */
  failureThreshold?: number;
  /**
   * Share of failed calls over the rolling window that opens a closed breaker, in (0, 1].
   * Default 0.5.
   */
  failureRateThreshold?: number;
  /**
   * Length of the rolling window of the failure rate, integer milliseconds in [10, 86400000],
   * kept as 10 buckets (so the window really spans between 90 % and 100 % of it). Default 60000.
   */
  windowMs?: number;
  /** Calls that must have ended in the window before the failure rate counts, integer in [1, 1000000]. Default 20. */
  minCallsInWindow?: number;
  /** How long an open breaker rejects calls, integer milliseconds in [1, 86400000]. Default 30000. */
  openMs?: number;
  /** Trial calls a half-open breaker runs at a time, integer in [1, 1000]. Default 1. */
  halfOpenMaxCalls?: number;
  /** The clock, milliseconds (any origin, non-decreasing). Default `Date.now`. */
  now?: () => number;
  /** Called on every state change (see {@link CircuitBreaker.subscribe} for more listeners). */
  onStateChange?: CircuitStateListener;
  /**
   * Which rejections count as failures; the others (the caller's own mistakes or cancellations)
   * count as neither failure nor success. Default: everything except a `GeoInputError`.
   */
  isFailure?: (error: unknown) => boolean;
}

/** Defaults of {@link CircuitBreakerOptions}. */
export const DEFAULT_CIRCUIT_BREAKER_OPTIONS = Object.freeze({
  name: 'circuit',
  failureThreshold: 5,
  failureRateThreshold: 0.5,
  windowMs: 60_000,
  minCallsInWindow: 20,
  openMs: 30_000,
  halfOpenMaxCalls: 1,
});

/** Counters of a {@link CircuitBreaker}, as of one instant. */
export interface CircuitBreakerStats {
  readonly state: CircuitState;
  /** Failures since the last success (reset when the breaker closes). */
  readonly consecutiveFailures: number;
  /** Calls that ended within the rolling window while closed. */
  readonly windowCalls: number;
  /** Of which failures. */
  readonly windowFailures: number;
  /** Calls that succeeded, since construction. */
  readonly successes: number;
  /** Calls that failed, since construction. */
  readonly failures: number;
  /** Calls that rejected with an error that is not a failure (see `isFailure`), since construction. */
  readonly ignored: number;
  /** Calls rejected without running because the breaker was open or its trials were busy. */
  readonly rejected: number;
  /** Trial calls running now (half-open only). */
  readonly trialsInFlight: number;
  /** State changes since construction. */
  readonly stateChanges: number;
  /** Instant of the last state change (construction at first), milliseconds. */
  readonly stateChangedAtMs: number;
  /** When open: the instant it turns half-open, milliseconds. Otherwise undefined. */
  readonly halfOpenAtMs: number | undefined;
}

/**
 * Thrown (as a rejection) by {@link CircuitBreaker.execute} when the breaker does not let the call
 * through: code TRAVEL_TIME_UNAVAILABLE.
 */
export class CircuitOpenError extends TravelTimeError {
  /** The breaker's name. */
  readonly breakerName: string;
  /** Milliseconds until the breaker lets a trial call through (0 when trials are merely busy). */
  readonly retryAfterMs: number;
  constructor(breakerName: string, message: string, retryAfterMs: number) {
    super('TRAVEL_TIME_UNAVAILABLE', message);
    this.breakerName = breakerName;
    this.retryAfterMs = retryAfterMs;
  }
}

/** Per-call options of {@link CircuitBreaker.execute}. */
export interface CircuitCallOptions {
  /** Overrides the breaker's `isFailure` for this call. */
  isFailure?: (error: unknown) => boolean;
}

/** Number of buckets of the rolling window. */
const WINDOW_BUCKETS = 10;

const KNOWN_OPTIONS = [
  'name',
  'failureThreshold',
  'failureRateThreshold',
  'windowMs',
  'minCallsInWindow',
  'openMs',
  'halfOpenMaxCalls',
  'now',
  'onStateChange',
  'isFailure',
];

/** The right to run one call, tied to the state generation it was granted in. */
interface Permit {
  readonly generation: number;
  readonly trial: boolean;
}

type Outcome = 'success' | 'failure' | 'ignored';

/**
 * Closed / open / half-open circuit breaker around async calls (see the module comment).
 *
 * Outcomes of calls that started before the last state change (e.g. a slow call that was running
 * when the breaker opened) are counted in the stats but do not move the state.
 */
export class CircuitBreaker {
  /** Name used in errors and state changes. */
  readonly name: string;
  readonly failureThreshold: number;
  readonly failureRateThreshold: number;
  readonly windowMs: number;
  readonly minCallsInWindow: number;
  readonly openMs: number;
  readonly halfOpenMaxCalls: number;
  private readonly now: () => number;
  private readonly isFailureDefault: (error: unknown) => boolean;
  private readonly listeners = new Set<CircuitStateListener>();

  private currentState: CircuitState = 'closed';
  /** Incremented on every state change; permits of older generations no longer move the state. */
  private generation = 0;
  private consecutiveFailures = 0;
  private trialsInFlight = 0;
  private openedAtMs = 0;
  private stateChangedAtMs: number;
  private stateChanges = 0;
  private successes = 0;
  private failures = 0;
  private ignored = 0;
  private rejected = 0;

  private readonly bucketMs: number;
  /** Bucket number (`floor(t / bucketMs)`) each slot holds, -Infinity when empty. */
  private readonly bucketIds = new Float64Array(WINDOW_BUCKETS).fill(-Infinity);
  private readonly bucketCalls = new Uint32Array(WINDOW_BUCKETS);
  private readonly bucketFailures = new Uint32Array(WINDOW_BUCKETS);

  /**
   * Throws `GeoInputError` (GEO_INVALID_ARGUMENT) for invalid options; `field` names the options
   * object in those errors (e.g. `'options.breaker'` when nested in a provider's options).
   */
  constructor(options: CircuitBreakerOptions = {}, field = 'options') {
    if (typeof options !== 'object' || options === null) {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', field, 'must be an object', options);
    }
    for (const key of Object.keys(options)) {
      if (!KNOWN_OPTIONS.includes(key)) {
        throw new GeoInputError('GEO_INVALID_ARGUMENT', `${field}.${key}`, `is not an option (known: ${KNOWN_OPTIONS.join(', ')})`, key);
      }
    }
    const d = DEFAULT_CIRCUIT_BREAKER_OPTIONS;
    const name = options.name ?? d.name;
    if (typeof name !== 'string' || name.length === 0) {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', `${field}.name`, 'must be a non-empty string', name);
    }
    const failureThreshold = options.failureThreshold ?? d.failureThreshold;
    assertIntegerInRange(`${field}.failureThreshold`, failureThreshold, 1, 1_000_000);
    const failureRateThreshold = options.failureRateThreshold ?? d.failureRateThreshold;
    if (typeof failureRateThreshold !== 'number' || !(failureRateThreshold > 0 && failureRateThreshold <= 1)) {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', `${field}.failureRateThreshold`, 'must be a number in (0, 1]', failureRateThreshold);
    }
    const windowMs = options.windowMs ?? d.windowMs;
    assertIntegerInRange(`${field}.windowMs`, windowMs, 10, 86_400_000);
    const minCallsInWindow = options.minCallsInWindow ?? d.minCallsInWindow;
    assertIntegerInRange(`${field}.minCallsInWindow`, minCallsInWindow, 1, 1_000_000);
    const openMs = options.openMs ?? d.openMs;
    assertIntegerInRange(`${field}.openMs`, openMs, 1, 86_400_000);
    const halfOpenMaxCalls = options.halfOpenMaxCalls ?? d.halfOpenMaxCalls;
    assertIntegerInRange(`${field}.halfOpenMaxCalls`, halfOpenMaxCalls, 1, 1000);
    const now = options.now ?? Date.now;
    assertFunction(`${field}.now`, now);
    const isFailure = options.isFailure ?? isFailureByDefault;
    assertFunction(`${field}.isFailure`, isFailure);
    if (options.onStateChange !== undefined) {
      assertFunction(`${field}.onStateChange`, options.onStateChange);
      this.listeners.add(options.onStateChange);
    }
    this.name = name;
    this.failureThreshold = failureThreshold;
    this.failureRateThreshold = failureRateThreshold;
    this.windowMs = windowMs;
    this.minCallsInWindow = minCallsInWindow;
    this.openMs = openMs;
    this.halfOpenMaxCalls = halfOpenMaxCalls;
    this.now = now;
    this.isFailureDefault = isFailure;
    this.bucketMs = windowMs / WINDOW_BUCKETS;
    this.stateChangedAtMs = now();
  }

  /** The current state (an open breaker whose `openMs` elapsed turns half-open on this read). */
  get state(): CircuitState {
    this.refresh(this.now());
    return this.currentState;
  }

  /**
   * Runs `fn` if the breaker lets it through, records its outcome, and settles as `fn` does.
   * Rejects with {@link CircuitOpenError} (TRAVEL_TIME_UNAVAILABLE), without calling `fn`, when
   * open, or half-open with `halfOpenMaxCalls` trials already running.
   */
  async execute<T>(fn: () => Promise<T>, options?: CircuitCallOptions): Promise<T> {
    const permit = this.acquire();
    let result: T;
    try {
      result = await fn();
    } catch (error) {
      const isFailure = options?.isFailure ?? this.isFailureDefault;
      this.settle(permit, isFailure(error) ? 'failure' : 'ignored');
      throw error;
    }
    this.settle(permit, 'success');
    return result;
  }

  /** Adds a state-change listener; returns a function that removes it. */
  subscribe(listener: CircuitStateListener): () => void {
    assertFunction('listener', listener);
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Closes the breaker and forgets past failures (reason `'reset'`); no event when already closed. */
  reset(): void {
    const now = this.now();
    if (this.currentState === 'closed') {
      this.consecutiveFailures = 0;
      this.clearWindow();
      return;
    }
    this.transition('closed', 'reset', now);
  }

  /** Counters as of now. */
  stats(): CircuitBreakerStats {
    const now = this.now();
    this.refresh(now);
    const { calls, failures } = this.windowCounts(now);
    return {
      state: this.currentState,
      consecutiveFailures: this.consecutiveFailures,
      windowCalls: calls,
      windowFailures: failures,
      successes: this.successes,
      failures: this.failures,
      ignored: this.ignored,
      rejected: this.rejected,
      trialsInFlight: this.trialsInFlight,
      stateChanges: this.stateChanges,
      stateChangedAtMs: this.stateChangedAtMs,
      halfOpenAtMs: this.currentState === 'open' ? this.openedAtMs + this.openMs : undefined,
    };
  }

  private acquire(): Permit {
    const now = this.now();
    this.refresh(now);
    if (this.currentState === 'closed') return { generation: this.generation, trial: false };
    if (this.currentState === 'open') {
      this.rejected++;
      const retryAfterMs = Math.max(0, this.openedAtMs + this.openMs - now);
      throw new CircuitOpenError(this.name, `${this.name}: circuit open, calls rejected for another ${retryAfterMs} ms`, retryAfterMs);
    }
    if (this.trialsInFlight >= this.halfOpenMaxCalls) {
      this.rejected++;
      throw new CircuitOpenError(
        this.name,
        `${this.name}: circuit half-open, ${this.trialsInFlight} trial call(s) already running`,
        0,
      );
    }
    this.trialsInFlight++;
    return { generation: this.generation, trial: true };
  }

  private settle(permit: Permit, outcome: Outcome): void {
    if (outcome === 'success') this.successes++;
    else if (outcome === 'failure') this.failures++;
    else this.ignored++;
    if (permit.generation !== this.generation) return; // started before the last state change
    if (permit.trial) this.trialsInFlight--;
    const now = this.now();
    if (this.currentState === 'half-open') {
      if (outcome === 'success') this.transition('closed', 'trial-succeeded', now);
      else if (outcome === 'failure') this.transition('open', 'trial-failed', now);
      return;
    }
    // Closed (an open breaker grants no permits, and its generation is newer than theirs).
    if (outcome === 'ignored') return;
    this.recordInWindow(now, outcome === 'failure');
    if (outcome === 'success') {
      this.consecutiveFailures = 0;
      return;
    }
    this.consecutiveFailures++;
    if (this.consecutiveFailures >= this.failureThreshold) {
      this.transition('open', 'consecutive-failures', now);
      return;
    }
    const { calls, failures } = this.windowCounts(now);
    if (calls >= this.minCallsInWindow && failures >= this.failureRateThreshold * calls) {
      this.transition('open', 'failure-rate', now);
    }
  }

  /** Turns an open breaker half-open once `openMs` has elapsed. */
  private refresh(now: number): void {
    if (this.currentState === 'open' && now - this.openedAtMs >= this.openMs) {
      this.transition('half-open', 'open-elapsed', this.openedAtMs + this.openMs);
    }
  }

  private transition(to: CircuitState, reason: CircuitChangeReason, atMs: number): void {
    const from = this.currentState;
    this.currentState = to;
    this.generation++;
    this.stateChanges++;
    this.stateChangedAtMs = atMs;
    this.trialsInFlight = 0;
    if (to === 'open') this.openedAtMs = atMs;
    if (to === 'closed') {
      this.consecutiveFailures = 0;
      this.clearWindow();
    }
    const change: CircuitStateChange = Object.freeze({ name: this.name, from, to, reason, atMs });
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch (error) {
        // A listener's bug must not corrupt the breaker or replace the call's outcome.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  private recordInWindow(now: number, failed: boolean): void {
    const id = Math.floor(now / this.bucketMs);
    const slot = ((id % WINDOW_BUCKETS) + WINDOW_BUCKETS) % WINDOW_BUCKETS;
    if (this.bucketIds[slot] !== id) {
      this.bucketIds[slot] = id;
      this.bucketCalls[slot] = 0;
      this.bucketFailures[slot] = 0;
    }
    this.bucketCalls[slot]!++;
    if (failed) this.bucketFailures[slot]!++;
  }

  private windowCounts(now: number): { calls: number; failures: number } {
    const id = Math.floor(now / this.bucketMs);
    let calls = 0;
    let failures = 0;
    for (let slot = 0; slot < WINDOW_BUCKETS; slot++) {
      const bucketId = this.bucketIds[slot]!;
      if (bucketId > id - WINDOW_BUCKETS && bucketId <= id) {
        calls += this.bucketCalls[slot]!;
        failures += this.bucketFailures[slot]!;
      }
    }
    return { calls, failures };
  }

  private clearWindow(): void {
    this.bucketIds.fill(-Infinity);
    this.bucketCalls.fill(0);
    this.bucketFailures.fill(0);
  }
}

/** Default `isFailure`: bad input is the caller's fault, not the service's. */
function isFailureByDefault(error: unknown): boolean {
  return !(error instanceof GeoInputError);
}

function assertFunction(field: string, value: unknown): asserts value is (...args: never[]) => unknown {
  if (typeof value !== 'function') {
    throw new GeoInputError('GEO_INVALID_ARGUMENT', field, 'must be a function', value);
  }
}
