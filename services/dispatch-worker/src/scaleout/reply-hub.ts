/**
 * Answers to intake entries, back to the instance that enqueued them: the region owner publishes
 * `{c, s, b, h}` (correlation id, HTTP status, JSON body text, headers) on the enqueuing
 * instance's channel; the hub (one subscriber connection per instance) hands it to the request
 * waiting for it. A reply nobody waits for any more (timed out) is dropped: the order it answers
 * is in the store, and a retry with the same idempotency key gets the same answer.
 */
import type { Redis } from 'ioredis';

export interface IntakeReply {
  /** Correlation id of the entry. */
  readonly c: string;
  readonly s: number;
  readonly b?: string;
  readonly h?: Readonly<Record<string, string>>;
}

export class ReplyHub {
  private readonly waiting = new Map<string, { resolve: (reply: IntakeReply | undefined) => void; timer: NodeJS.Timeout }>();
  private seq = 0;

  private constructor(
    private readonly subscriber: Redis,
    readonly channel: string,
    private readonly prefix: string,
  ) {
    subscriber.on('message', (channel: string, text: string) => {
      if (channel !== this.channel) return;
      let reply: IntakeReply;
      try {
        reply = JSON.parse(text) as IntakeReply;
      } catch {
        return;
      }
      const w = this.waiting.get(reply.c);
      if (w === undefined) return;
      this.waiting.delete(reply.c);
      clearTimeout(w.timer);
      w.resolve(reply);
    });
  }

  /** Subscribes `subscriber` (a connection of its own: a subscribed connection runs nothing else) to `channel`. */
  static async open(subscriber: Redis, channel: string, instanceId: string): Promise<ReplyHub> {
    await subscriber.subscribe(channel);
    return new ReplyHub(subscriber, channel, `${instanceId}.${Date.now().toString(36)}.`);
  }

  /** A new correlation id, unique to this hub. */
  nextId(): string {
    return this.prefix + (++this.seq).toString(36);
  }

  /** Waits for the reply to `correlationId`; undefined after `timeoutMs`. Call before enqueuing. */
  wait(correlationId: string, timeoutMs: number): Promise<IntakeReply | undefined> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(correlationId);
        resolve(undefined);
      }, timeoutMs);
      timer.unref();
      this.waiting.set(correlationId, { resolve, timer });
    });
  }

  /** Stops waiting: every pending wait resolves undefined. */
  async close(): Promise<void> {
    for (const [, w] of this.waiting) {
      clearTimeout(w.timer);
      w.resolve(undefined);
    }
    this.waiting.clear();
    this.subscriber.disconnect();
  }
}
