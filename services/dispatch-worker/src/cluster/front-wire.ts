/**
 * Messages between HTTP fronts (node:cluster workers) and the writer process that owns the
 * service, over the cluster IPC channel ('advanced' serialization: strings cross unescaped).
 * Both sides batch: one message per event-loop turn carries every call, answer and request
 * latency of that turn.
 */
import type { Principal } from '../auth/principal.js';
import type { LeanAnswer } from '../http/lean-backend.js';

/** A lean-route request the front authenticated and read; the writer parses and runs it. */
export type FrontCall =
  | { readonly id: number; readonly op: 'createOrder'; readonly principal: Principal; readonly bodyText?: string; readonly key?: string; readonly requestId: string }
  | { readonly id: number; readonly op: 'moveRiders'; readonly principal: Principal; readonly bodyText?: string; readonly requestId: string }
  | { readonly id: number; readonly op: 'moveRider'; readonly principal: Principal; readonly riderId: string; readonly bodyText?: string; readonly requestId: string };

/** One finished request at the front, for the writer's latency histogram: [method, route, status, seconds]. */
export type FrontObservation = readonly [string, string, number, number];

/** Front → writer. */
export interface FrontCalls {
  readonly type: 'o2o:calls';
  readonly calls: readonly FrontCall[];
  readonly observations: readonly FrontObservation[];
}

/** Writer → front. */
export type WriterMessage =
  | { readonly type: 'o2o:answers'; readonly answers: readonly { readonly id: number; readonly answer: LeanAnswer }[] }
  /** Stop taking requests, finish the ones in flight, exit. */
  | { readonly type: 'o2o:stop' };

/** How a front is configured: JSON in this environment variable. */
export const FRONT_CONFIG_ENV = 'O2O_FRONT_CONFIG';

export interface FrontConfig {
  readonly host: string;
  readonly port: number;
  /** The writer's internal HTTP server (every route but the lean ones is proxied there). */
  readonly targetUrl: string;
  readonly logLevel: string;
}

/** The answer when the writer cannot be reached (it stopped or died). */
export const WRITER_UNAVAILABLE: LeanAnswer = Object.freeze({
  status: 503,
  bodyText: JSON.stringify({ error: { code: 'WRITER_UNAVAILABLE', message: 'the dispatch writer process is not reachable; retry with the same Idempotency-Key' } }),
  headers: Object.freeze({ 'retry-after': '1' }),
});
