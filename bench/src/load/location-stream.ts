/**
 * The rider-location stream of the load bench: one autocannon run (programmatic) POSTing
 * batches to `POST /v1/riders/locations` at a bounded overall rate through the warm-up and the
 * measured window, without a break between them. Only answers that complete inside the window
 * are counted; their latencies go into the bench's own histogram.
 *
 * autocannon's rate limiter is bursty (each connection sends its per-second budget back to back,
 * then waits for the next 1 s tick), so the p99 here is pessimistic next to evenly spread
 * arrivals. Its latency runs from the actual send to the answer; autocannon's own
 * coordinated-omission correction is off (with a per-connection rate its expected interval
 * rounds to 1 ms, which would add a synthetic sample per millisecond of every slow answer).
 */
import autocannon from 'autocannon';
import { LatencyHistogram } from './latency-histogram.js';
import type { LocationBatchFactory } from './load-city.js';

export interface LocationStreamOptions {
  readonly baseUrl: string;
  readonly token: string;
  /** Batches (requests) per second over all connections. */
  readonly requestsPerSec: number;
  readonly connections: number;
  /** `Date.now()` instant the stream starts at (the warm-up's start). */
  readonly startAtEpochMs: number;
  readonly warmupSec: number;
  readonly durationSec: number;
  /** Entries per batch, used when an answer carries no `accepted` count. */
  readonly batch: number;
  readonly bodies: LocationBatchFactory;
  /** Seconds before a request counts as a timeout (default 10). */
  readonly timeoutSec?: number;
  /** Stops the stream early (the bench aborts when the service dies). */
  readonly signal?: AbortSignal;
}

export interface LocationStreamResult {
  /** Requests answered 2xx within the window. */
  readonly requestsOk: number;
  /** Location entries the service applied (Σ `accepted` of those answers). */
  readonly acceptedEntries: number;
  /** Every other outcome within the window: by status code, `timeout`, or socket error code. */
  readonly errors: Readonly<Record<string, number>>;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

/** `accepted` of a `LocationBatchResult` body, or `fallback` when the body does not say. */
function acceptedOf(body: string, fallback: number): number {
  try {
    const accepted = (JSON.parse(body) as { accepted?: unknown }).accepted;
    return typeof accepted === 'number' && Number.isFinite(accepted) ? accepted : fallback;
  } catch {
    return fallback;
  }
}

/** Runs the stream from `startAtEpochMs` to the end of the window and returns the window's figures. */
export async function runLocationStream(options: LocationStreamOptions): Promise<LocationStreamResult> {
  const windowStartMs = options.startAtEpochMs + options.warmupSec * 1000;
  const windowEndMs = windowStartMs + options.durationSec * 1000;
  const isInWindow = (): boolean => {
    const now = Date.now();
    return now >= windowStartMs && now <= windowEndMs;
  };
  const latency = new LatencyHistogram();
  const errors: Record<string, number> = {};
  const countError = (key: string): void => {
    if (isInWindow()) errors[key] = (errors[key] ?? 0) + 1;
  };
  let acceptedEntries = 0;
  const leftMs = options.startAtEpochMs - Date.now();
  if (leftMs > 0) await new Promise((resolve) => setTimeout(resolve, leftMs));
  options.signal?.throwIfAborted();
  await new Promise<void>((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${options.baseUrl}/v1/riders/locations`,
        method: 'POST',
        headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' },
        connections: options.connections,
        overallRate: options.requestsPerSec,
        duration: (windowEndMs - Date.now()) / 1000,
        timeout: options.timeoutSec ?? 10,
        ignoreCoordinatedOmission: true,
        requests: [
          {
            method: 'POST',
            setupRequest: (request) => ({ ...request, body: options.bodies.next() }),
            // Called just before the instance's 'response' event of the same answer.
            onResponse: (status, body) => {
              if (status >= 200 && status < 300 && isInWindow()) acceptedEntries += acceptedOf(body, options.batch);
            },
          },
        ],
      },
      (error: unknown) => (error === null || error === undefined ? resolve() : reject(error instanceof Error ? error : new Error(String(error)))),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTimeMs) => {
      if (statusCode < 200 || statusCode >= 300) countError(String(statusCode));
      else if (isInWindow()) latency.recordMs(responseTimeMs);
    });
    instance.on('reqError', (error: NodeJS.ErrnoException) => countError(error.message === 'request timed out' ? 'timeout' : (error.code ?? 'error')));
    options.signal?.addEventListener('abort', () => instance.stop(), { once: true });
  });
  options.signal?.throwIfAborted();
  return {
    requestsOk: latency.count,
    acceptedEntries,
    errors,
    p50Ms: latency.percentileMs(50),
    p90Ms: latency.percentileMs(90),
    p99Ms: latency.percentileMs(99),
    maxMs: latency.maxMs,
  };
}
