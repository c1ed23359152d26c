/**
 * Messages between the bench's main thread and the order-generator worker
 * (`order-generator.worker.ts`). Everything is structured-cloneable; the latency histogram's
 * counts travel as a transferred buffer.
 */
import type { OpenLoopResult, OpenLoopSettings } from './open-loop-generator.js';

/** How the worker builds request bodies. */
export type RequestSpec =
  /** `POST /v1/orders` bodies of the load city (see `OrderBodyFactory`), with an idempotency key per order. */
  | { readonly kind: 'orders'; readonly numStores: number; readonly seed: number; readonly runId: string }
  /** `POST /v1/riders/locations` batches of the load city's riders. */
  | { readonly kind: 'locations'; readonly numStores: number; readonly numRiders: number; readonly batch: number; readonly seed: number }
  /** The same small JSON body every time (tests). */
  | { readonly kind: 'fixed'; readonly body: string };

/** `workerData` of the order-generator worker. */
export interface OrderGeneratorWorkerData {
  readonly settings: OpenLoopSettings;
  readonly requests: RequestSpec;
}

/** Main → worker. */
export interface StartMessage {
  readonly type: 'start';
  /** `Date.now()` instant of request 0. */
  readonly startAtEpochMs: number;
}

/** Worker → main. */
export type OrderGeneratorReply =
  | { readonly type: 'ready' }
  | { readonly type: 'done'; readonly result: OpenLoopResult }
  | { readonly type: 'failed'; readonly message: string; readonly stack?: string };
