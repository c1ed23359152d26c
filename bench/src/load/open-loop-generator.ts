/**
 * An open-loop HTTP load generator: request k is due at t0 + k / rate whatever happened to the
 * earlier ones, a ~1 ms timer sends every request that is due, and latency runs from the
 * request's *scheduled* time to the end of its response. A request that waits for a free
 * connection (all busy) or for a late tick keeps its scheduled time, so a server stall shows up
 * in the latency of every request that arrived during it (no coordinated omission).
 *
 * Requests go over a pool of keep-alive HTTP/1.1 connections (raw sockets, see
 * `http1-connection.ts`), one request at a time each, used in turn; at most `connections` are in
 * flight, the rest wait in a FIFO queue. A request not answered `timeoutMs` after its scheduled
 * time is abandoned and counted as a `timeout` error. Only 2xx answers enter the latency
 * histogram; every other outcome is counted by status (`"429"`, `"500"`), `timeout`, or the
 * socket error code (`ECONNREFUSED`).
 */
import { Http1Connection, type Http1Outcome } from './http1-connection.js';
import { LatencyHistogram, type LatencyHistogramData } from './latency-histogram.js';

export interface OpenLoopSettings {
  /** `http://host:port` of the server. */
  readonly origin: string;
  /** More servers: connection i goes to `[origin, ...moreOrigins][i mod (1 + length)]`. */
  readonly moreOrigins?: readonly string[];
  /** Path every request is POSTed to. */
  readonly path: string;
  /** Headers of every request (content-length is added). */
  readonly headers: Readonly<Record<string, string>>;
  /** Requests per second, evenly spaced. */
  readonly ratePerSec: number;
  /** Seconds sent at the same rate before the measured window, not counted. */
  readonly warmupSec: number;
  /** Length of the measured window in seconds. */
  readonly durationSec: number;
  /** Keep-alive connections, hence the most requests in flight. */
  readonly connections: number;
  /** Milliseconds after its scheduled time at which a request is abandoned. */
  readonly timeoutMs: number;
}

/** Body and extra headers of request number `n` (0-based, in sending order). */
export type RequestSource = (n: number) => { readonly body: string; readonly headers?: Readonly<Record<string, string>> };

/** Counts of one phase (warm-up or measured window), by the scheduled time of each request. */
export interface OpenLoopPhaseCounts {
  /** Requests scheduled in the phase. */
  readonly scheduled: number;
  /** Of those, answered 2xx. */
  readonly ok: number;
  /** Of those, every other outcome by status code, `timeout` or socket error code. */
  readonly errors: Readonly<Record<string, number>>;
  /**
   * Most a request was taken off the schedule after its due time, in ms: the generator's own
   * lag (its timer or event loop running late), not the server's.
   */
  readonly maxScheduleLagMs: number;
}

export interface OpenLoopResult {
  readonly window: OpenLoopPhaseCounts;
  readonly warmup: OpenLoopPhaseCounts;
  /** 2xx answers that *completed* inside the measured window (whatever their scheduled time). */
  readonly okCompletedInWindow: number;
  readonly windowSec: number;
  /** Latencies of the window's 2xx answers, from scheduled time to the end of the response. */
  readonly latency: LatencyHistogramData;
  /** How late each window request was taken off the schedule (the generator's own lag). */
  readonly scheduleLag: LatencyHistogramData;
  /** Most requests ever waiting for a free connection. */
  readonly maxQueued: number;
}

interface MutablePhase {
  scheduled: number;
  ok: number;
  errors: Record<string, number>;
  maxScheduleLagMs: number;
}

const newPhase = (): MutablePhase => ({ scheduled: 0, ok: 0, errors: {}, maxScheduleLagMs: 0 });

/** Sleeps until `performance.now()` reaches `atMs` (coarse, then in 1 ms steps). */
async function sleepUntilPerf(atMs: number): Promise<void> {
  for (let left = atMs - performance.now(); left > 0; left = atMs - performance.now()) {
    await new Promise((resolve) => setTimeout(resolve, left > 20 ? left - 10 : 1));
  }
}

export class OpenLoopGenerator {
  readonly #settings: OpenLoopSettings;
  readonly #source: RequestSource;
  readonly #histogram = new LatencyHistogram();
  readonly #lagHistogram = new LatencyHistogram();
  readonly #warmup = newPhase();
  readonly #window = newPhase();
  /** Idle connections, oldest first (used in turn so none sits idle long enough to be closed). */
  readonly #idle: Http1Connection[];
  readonly #all: readonly Http1Connection[];
  /** Request head up to the per-request headers. */
  readonly #headPrefix: string;
  // Schedule, in performance.now() milliseconds.
  #t0 = 0;
  #intervalMs = 0;
  #numWarmup = 0;
  #numTotal = 0;
  #windowStartMs = 0;
  #windowEndMs = 0;
  // Progress.
  #nextScheduled = 0;
  #nextSent = 0;
  #queue: number[] = [];
  #queueHead = 0;
  #okCompletedInWindow = 0;
  #maxQueued = 0;
  #ticker: NodeJS.Timeout | undefined;
  #resolve: (() => void) | undefined;

  constructor(settings: OpenLoopSettings, source: RequestSource) {
    if (!(settings.ratePerSec > 0)) throw new RangeError(`ratePerSec must be > 0, got ${settings.ratePerSec}`);
    if (!(settings.durationSec > 0)) throw new RangeError(`durationSec must be > 0, got ${settings.durationSec}`);
    if (!(settings.warmupSec >= 0)) throw new RangeError(`warmupSec must be ≥ 0, got ${settings.warmupSec}`);
    if (!(settings.connections >= 1)) throw new RangeError(`connections must be ≥ 1, got ${settings.connections}`);
    this.#settings = settings;
    this.#source = source;
    const url = new URL(settings.origin);
    const targets = [url, ...(settings.moreOrigins ?? []).map((o) => new URL(o))];
    this.#all = Array.from({ length: settings.connections }, (_, i) => {
      const t = targets[i % targets.length]!;
      return new Http1Connection(t.hostname, Number(t.port || 80));
    });
    this.#idle = [...this.#all];
    const headerLines = Object.entries(settings.headers).map(([name, value]) => `${name}: ${value}\r\n`);
    this.#headPrefix = `POST ${settings.path} HTTP/1.1\r\nhost: ${url.host}\r\n${headerLines.join('')}`;
  }

  /**
   * Runs the schedule starting at `startAtEpochMs` (a `Date.now()` instant, so that another
   * thread can line its own timers up with the window) and resolves once every request has been
   * answered or abandoned.
   */
  async run(startAtEpochMs: number): Promise<OpenLoopResult> {
    const { ratePerSec, warmupSec, durationSec } = this.#settings;
    this.#t0 = startAtEpochMs - performance.timeOrigin;
    this.#intervalMs = 1000 / ratePerSec;
    this.#numWarmup = Math.ceil(warmupSec * ratePerSec);
    this.#numTotal = Math.ceil((warmupSec + durationSec) * ratePerSec);
    this.#windowStartMs = this.#t0 + warmupSec * 1000;
    this.#windowEndMs = this.#windowStartMs + durationSec * 1000;
    await sleepUntilPerf(this.#t0);
    const finished = new Promise<void>((resolve) => {
      this.#resolve = resolve;
    });
    this.#ticker = setInterval(() => this.#tick(), 1);
    this.#tick();
    await finished;
    for (const connection of this.#all) connection.close();
    return this.#result();
  }

  /** Queues every request now due, then fills free connections. */
  #tick(): void {
    const now = performance.now();
    while (this.#nextScheduled < this.#numTotal) {
      const dueMs = this.#t0 + this.#nextScheduled * this.#intervalMs;
      if (dueMs > now) break;
      const phase = this.#phaseOf(this.#nextScheduled);
      phase.scheduled++;
      phase.maxScheduleLagMs = Math.max(phase.maxScheduleLagMs, now - dueMs);
      if (phase === this.#window) this.#lagHistogram.recordMs(now - dueMs);
      this.#queue.push(this.#nextScheduled++);
    }
    if (this.#nextScheduled === this.#numTotal && this.#ticker !== undefined) {
      clearInterval(this.#ticker);
      this.#ticker = undefined;
    }
    this.#maxQueued = Math.max(this.#maxQueued, this.#queue.length - this.#queueHead);
    this.#pump();
  }

  #pump(): void {
    while (this.#idle.length > 0 && this.#queueHead < this.#queue.length) {
      this.#send(this.#queue[this.#queueHead++] as number);
    }
    // Drop the consumed head now and then so the queue array does not grow for the whole run.
    if (this.#queueHead > 4096 && this.#queueHead * 2 > this.#queue.length) {
      this.#queue = this.#queue.slice(this.#queueHead);
      this.#queueHead = 0;
    }
    if (this.#ticker === undefined && this.#idle.length === this.#all.length && this.#queueHead === this.#queue.length) this.#resolve?.();
  }

  #send(k: number): void {
    const scheduledMs = this.#t0 + k * this.#intervalMs;
    const leftMs = scheduledMs + this.#settings.timeoutMs - performance.now();
    if (leftMs <= 0) {
      this.#record(k, scheduledMs, 'timeout');
      return;
    }
    // Bodies are built in sending order, so a seeded source gives the same sequence every run.
    const { body, headers } = this.#source(this.#nextSent++);
    const connection = this.#idle.shift() as Http1Connection;
    let extraHeaders = '';
    if (headers !== undefined) for (const name in headers) extraHeaders += `${name}: ${headers[name]}\r\n`;
    const request = `${this.#headPrefix}${extraHeaders}content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    // Whole milliseconds: timers of equal duration share one list in Node.
    const timer = setTimeout(() => connection.abort('timeout'), Math.ceil(leftMs));
    connection.send(request, (outcome: Http1Outcome) => {
      clearTimeout(timer);
      this.#idle.push(connection);
      this.#record(k, scheduledMs, outcome);
      this.#pump();
    });
  }

  #phaseOf(k: number): MutablePhase {
    return k < this.#numWarmup ? this.#warmup : this.#window;
  }

  #record(k: number, scheduledMs: number, outcome: number | string): void {
    const phase = this.#phaseOf(k);
    if (typeof outcome === 'number' && outcome >= 200 && outcome < 300) {
      const endMs = performance.now();
      phase.ok++;
      if (phase === this.#window) this.#histogram.recordMs(endMs - scheduledMs);
      if (endMs >= this.#windowStartMs && endMs <= this.#windowEndMs) this.#okCompletedInWindow++;
      return;
    }
    const key = String(outcome);
    phase.errors[key] = (phase.errors[key] ?? 0) + 1;
  }

  #result(): OpenLoopResult {
    return {
      window: this.#window,
      warmup: this.#warmup,
      okCompletedInWindow: this.#okCompletedInWindow,
      windowSec: this.#settings.durationSec,
      latency: this.#histogram.toData(),
      scheduleLag: this.#lagHistogram.toData(),
      maxQueued: this.#maxQueued,
    };
  }
}
