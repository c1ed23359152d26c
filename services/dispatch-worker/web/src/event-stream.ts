/**
 * The live feed of the page: `GET /v1/events` read with fetch() streaming (EventSource cannot send
 * the Authorization header, and a token in the URL would end up in logs), resumed with
 * `Last-Event-ID` after a drop so no event is missed while it is still in the service's ring.
 */
import { AuthError, errorOf } from './ops-api.js';
import type { StreamEvent } from './ops-state.js';
import { SseParser } from './sse-parser.js';

/** The event types the page follows. */
export const OPS_EVENT_TYPES = 'order.,offer.sent,lateness.,epoch.completed,rider.shift';
/** Wait before reconnecting after a drop, ms. */
const RETRY_MS = 2000;

export type StreamStatus = 'connecting' | 'open' | 'closed';

export interface StreamHandlers {
  onEvent(e: StreamEvent): void;
  onStatus(status: StreamStatus, detail?: string): void;
  /** The token was refused: the stream stops. */
  onAuthError(error: AuthError): void;
}

export class EventStream {
  private controller: AbortController | undefined;
  private stopped = false;

  constructor(
    private readonly token: string,
    private readonly handlers: StreamHandlers,
  ) {}

  /** Connects and keeps reconnecting from `lastEventId()` until {@link stop}. */
  start(lastEventId: () => number): void {
    void this.run(lastEventId);
  }

  stop(): void {
    this.stopped = true;
    this.controller?.abort();
    this.handlers.onStatus('closed');
  }

  private async run(lastEventId: () => number): Promise<void> {
    while (!this.stopped) {
      this.handlers.onStatus('connecting');
      try {
        await this.readOnce(lastEventId());
        if (!this.stopped) this.handlers.onStatus('connecting', 'the stream ended');
      } catch (error) {
        if (error instanceof AuthError) {
          this.stopped = true;
          this.handlers.onAuthError(error);
          return;
        }
        if (!this.stopped) this.handlers.onStatus('connecting', (error as Error).message);
      }
      if (!this.stopped) await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }

  private async readOnce(since: number): Promise<void> {
    this.controller = new AbortController();
    const res = await fetch(`/v1/events?types=${encodeURIComponent(OPS_EVENT_TYPES)}`, {
      headers: { authorization: `Bearer ${this.token}`, accept: 'text/event-stream', 'last-event-id': String(since) },
      cache: 'no-store',
      signal: this.controller.signal,
    });
    if (!res.ok || res.body === null) throw await errorOf(res, 'GET /v1/events');
    this.handlers.onStatus('open');
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    const parser = new SseParser();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      for (const frame of parser.push(value)) this.handlers.onEvent(JSON.parse(frame.data) as StreamEvent);
    }
  }
}
