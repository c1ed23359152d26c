/**
 * The order intake of a region: a Redis Stream per region (`<region prefix>intake`) read by one
 * consumer group. Any instance appends an order creation to the stream of the order's region
 * ({@link enqueueOrder}); the region's owner reads it with XREADGROUP ({@link IntakeConsumer}),
 * creates the order in the region's store, publishes the answer to the enqueuing instance and
 * only then acknowledges (XACK) and deletes the entry. An entry read by an owner that died before
 * acknowledging stays pending in the group; the next owner claims it (XAUTOCLAIM) and runs it
 * again. Running an entry twice creates the order once: every entry carries an idempotency key
 * (the client's, or one made for the entry), so the second run replays the first answer.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';

export const INTAKE_GROUP = 'dispatch';

/** What an intake entry carries (stream fields). */
export interface IntakeEntry {
  readonly id: string;
  /** Reply channel of the enqueuing instance. */
  readonly replyTo: string;
  /** Correlation id of the waiting request. */
  readonly correlationId: string;
  /** The authenticated principal, JSON. */
  readonly principalJson: string;
  /** Idempotency key (never empty). */
  readonly idempotencyKey: string;
  /** The request body as the enqueuing instance checked it (`checkCreateOrderBody`), JSON text. */
  readonly bodyText: string;
  readonly source: string;
  readonly requestId: string;
}

/**
 * A finished entry's answer; `retry` leaves the entry pending (not acknowledged) for a later run.
 * `hsetnx` (key, field, value) is written just before the reply, in the same pipeline: what the
 * reply refers to (the directory entry of the order) exists by the time the client reads it.
 */
export type IntakeOutcome =
  | { readonly status: number; readonly bodyText?: string; readonly headers?: Readonly<Record<string, string>>; readonly hsetnx?: readonly [string, string, string] }
  | 'retry';

/** Appends one order creation to a region's intake stream; resolves once Redis has it. */
export async function enqueueOrder(redis: Redis, stream: string, entry: Omit<IntakeEntry, 'id'>): Promise<string> {
  const id = await redis.xadd(
    stream,
    '*',
    'r',
    entry.replyTo,
    'c',
    entry.correlationId,
    'p',
    entry.principalJson,
    'k',
    entry.idempotencyKey,
    'b',
    entry.bodyText,
    's',
    entry.source,
    'q',
    entry.requestId,
  );
  if (id === null) throw new Error(`XADD to ${stream} returned no id`);
  return id;
}

export interface IntakeConsumerOptions {
  /** Entries read per round trip. Default 256. */
  readonly batch?: number;
  /** How long one read blocks waiting for entries. Default 50 ms. */
  readonly blockMs?: number;
  /** Entries pending this long with another consumer are claimed. Default 1,000 ms. */
  readonly claimIdleMs?: number;
  /**
   * Entries being run at once. New entries are read while earlier ones run (a batch does not
   * wait for the one before it), up to this many. Default 2,048.
   */
  readonly maxInFlight?: number;
  /** Called when a read or a handler fails unexpectedly (the consumer keeps going). */
  readonly onError?: (error: unknown) => void;
}

type StreamEntries = [string, string[]][];

/**
 * Reads a region's intake stream as `consumer` of {@link INTAKE_GROUP} until stopped. It needs a
 * connection of its own (`reader`): a blocking read holds it. Replies go out on `writer`.
 */
export class IntakeConsumer {
  /** Entries handled and acknowledged, and entries claimed from other consumers. */
  readonly stats = { handled: 0, claimed: 0, retried: 0 };
  private stopped = false;
  private running: Promise<void> | undefined;
  private readonly batch: number;
  private readonly blockMs: number;
  private readonly claimIdleMs: number;
  private readonly maxInFlight: number;
  private readonly batches = new Set<Promise<void>>();
  private entriesInFlight = 0;
  /** Ids of the entries being run here: a periodic claim (XAUTOCLAIM) also returns these once idle long enough. */
  private readonly runningIds = new Set<string>();
  /** Set when a run left entries pending: read our own pending entries ('0') again. */
  private retryOwn = false;
  /** Settles (null) when stop() finds the reader disconnected: a read in flight is not waited for. */
  private readonly stopping: Promise<null>;
  private signalStop: () => void = () => undefined;

  constructor(
    private readonly reader: Redis,
    private readonly writer: Redis,
    readonly stream: string,
    readonly consumer: string,
    private readonly handle: (entry: IntakeEntry) => Promise<IntakeOutcome>,
    private readonly options: IntakeConsumerOptions = {},
  ) {
    this.batch = options.batch ?? 256;
    this.blockMs = options.blockMs ?? 50;
    this.claimIdleMs = options.claimIdleMs ?? 1000;
    this.maxInFlight = options.maxInFlight ?? 2048;
    this.stopping = new Promise((resolve) => (this.signalStop = () => resolve(null)));
  }

  /**
   * Creates the group when missing, claims every entry another consumer left pending (the
   * previous owner's), runs them, then keeps reading new entries.
   */
  async start(): Promise<void> {
    try {
      await this.writer.xgroup('CREATE', this.stream, INTAKE_GROUP, '0', 'MKSTREAM');
    } catch (error) {
      if (!String((error as Error).message).includes('BUSYGROUP')) throw error;
    }
    // A takeover: whatever the previous owner read and did not acknowledge is ours now.
    await this.claimPending(0);
    this.running = this.loop();
  }

  /** Stops reading; resolves when the entries being run are done. */
  async stop(): Promise<void> {
    this.stopped = true;
    // On a live connection disconnect() fails the read in flight, once the socket has closed (so
    // it cannot take entries any more); a read waiting for a reconnection is not waited for.
    if (this.reader.status !== 'ready') this.signalStop();
    this.reader.disconnect();
    await this.running;
    await Promise.all(this.batches);
  }

  private async loop(): Promise<void> {
    let nextClaimAt = Date.now() + this.claimIdleMs;
    while (!this.stopped) {
      try {
        if (Date.now() >= nextClaimAt) {
          await this.claimPending(this.claimIdleMs);
          nextClaimAt = Date.now() + this.claimIdleMs;
        }
        if (this.retryOwn) {
          // Our own pending entries after a run left some ('0' reads them again), once nothing else runs.
          await Promise.all(this.batches);
          const read = await this.read('COUNT', this.batch, 'STREAMS', this.stream, '0');
          if (this.stopped) break;
          const entries = read?.[0]?.[1] ?? [];
          this.retryOwn = entries.length > 0 && ((await this.run(entries)) > 0 || entries.length === this.batch);
          if (this.retryOwn) await sleep(100);
          continue;
        }
        // New entries; earlier batches may still be running (up to maxInFlight entries in all).
        while (this.entriesInFlight >= this.maxInFlight) await Promise.race(this.batches);
        const read = await this.read('COUNT', this.batch, 'BLOCK', this.blockMs, 'STREAMS', this.stream, '>');
        if (this.stopped) break;
        const entries = read?.[0]?.[1] ?? [];
        if (entries.length === 0) continue;
        this.entriesInFlight += entries.length;
        const batch: Promise<void> = this.run(entries)
          .then((left) => {
            if (left > 0) this.retryOwn = true;
          })
          .catch((error: unknown) => {
            this.retryOwn = true;
            this.options.onError?.(error);
          })
          .finally(() => {
            this.entriesInFlight -= entries.length;
            this.batches.delete(batch);
          });
        this.batches.add(batch);
      } catch (error) {
        if (this.stopped) break;
        this.options.onError?.(error);
        await sleep(100);
      }
    }
  }

  /**
   * XREADGROUP on the reader; null once stop() gives up on it. A read issued while Redis is
   * unreachable waits in ioredis's offline queue, and disconnect() never settles it.
   */
  private read(...args: (string | number)[]): Promise<[string, StreamEntries][] | null> {
    const reading = this.reader.call('XREADGROUP', 'GROUP', INTAKE_GROUP, this.consumer, ...args) as Promise<[string, StreamEntries][] | null>;
    reading.catch(() => undefined); // settled after stop(): nobody waits for it any more
    return Promise.race([reading, this.stopping]);
  }

  /** Claims entries idle at least `minIdleMs` from any consumer of the group and runs them. */
  private async claimPending(minIdleMs: number): Promise<void> {
    let cursor = '0-0';
    do {
      const [next, entries] = (await this.writer.xautoclaim(this.stream, INTAKE_GROUP, this.consumer, minIdleMs, cursor, 'COUNT', this.batch)) as [string, StreamEntries, string[]?];
      // Our own entries still being run (a handler slower than minIdleMs) are not run a second time.
      const live = entries.filter((e) => e !== null && Array.isArray(e[1]) && !this.runningIds.has(e[0]));
      this.stats.claimed += live.length;
      if (live.length > 0) await this.run(live);
      cursor = next;
    } while (cursor !== '0-0' && !this.stopped);
  }

  /** Runs entries concurrently; replies, acknowledges and deletes the finished ones. Returns how many were left pending. */
  private async run(entries: StreamEntries): Promise<number> {
    for (const [id] of entries) this.runningIds.add(id);
    try {
      return await this.runEntries(entries);
    } finally {
      for (const [id] of entries) this.runningIds.delete(id);
    }
  }

  private async runEntries(entries: StreamEntries): Promise<number> {
    const outcomes = await Promise.all(
      entries.map(async ([id, fields]): Promise<[IntakeEntry, IntakeOutcome]> => {
        const entry = toEntry(id, fields);
        try {
          return [entry, await this.handle(entry)];
        } catch (error) {
          this.options.onError?.(error);
          return [entry, 'retry'];
        }
      }),
    );
    const done: string[] = [];
    const pipe = this.writer.pipeline();
    for (const [entry, outcome] of outcomes) {
      if (outcome === 'retry') continue;
      done.push(entry.id);
      if (outcome.hsetnx !== undefined) pipe.hsetnx(...outcome.hsetnx);
      if (entry.replyTo !== '') pipe.publish(entry.replyTo, JSON.stringify({ c: entry.correlationId, s: outcome.status, ...(outcome.bodyText === undefined ? {} : { b: outcome.bodyText }), ...(outcome.headers === undefined ? {} : { h: outcome.headers }) }));
    }
    if (done.length > 0) {
      pipe.xack(this.stream, INTAKE_GROUP, ...done);
      pipe.xdel(this.stream, ...done);
      await pipe.exec();
    }
    this.stats.handled += done.length;
    const left = entries.length - done.length;
    this.stats.retried += left;
    return left;
  }
}

function toEntry(id: string, fields: string[]): IntakeEntry {
  const f: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i]!] = fields[i + 1]!;
  return {
    id,
    replyTo: f.r ?? '',
    correlationId: f.c ?? '',
    principalJson: f.p ?? '{}',
    idempotencyKey: f.k ?? '',
    bodyText: f.b ?? '',
    source: f.s ?? 'api',
    requestId: f.q ?? id,
  };
}
