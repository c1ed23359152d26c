/**
 * The HTTP front's {@link LeanBackend}: every call crosses to the writer process, batched per
 * event-loop turn together with the latencies of the requests the front finished (so the
 * writer's `/metrics` histogram covers the lean routes served by fronts).
 */
import type { Principal } from '../auth/principal.js';
import type { LeanAnswer, LeanBackend } from '../http/lean-backend.js';
import { WRITER_UNAVAILABLE, type FrontCall, type FrontCalls, type FrontObservation, type WriterMessage } from './front-wire.js';

/** The IPC channel (`process` in a cluster worker). */
export interface FrontChannel {
  send(message: FrontCalls): unknown;
  readonly connected: boolean;
}

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

export class RemoteLeanBackend implements LeanBackend {
  readonly #channel: FrontChannel;
  readonly #pending = new Map<number, (answer: LeanAnswer) => void>();
  #calls: FrontCall[] = [];
  #observations: FrontObservation[] = [];
  #scheduled = false;
  #nextId = 1;

  constructor(channel: FrontChannel) {
    this.#channel = channel;
  }

  /** Calls waiting for their answer. */
  get inFlight(): number {
    return this.#pending.size;
  }

  createOrder(principal: Principal, bodyText: string | undefined, key: string | undefined, requestId: string): Promise<LeanAnswer> {
    return this.#call({ op: 'createOrder', principal, requestId, ...(bodyText === undefined ? {} : { bodyText }), ...(key === undefined ? {} : { key }) });
  }

  moveRiders(principal: Principal, bodyText: string | undefined, requestId: string): Promise<LeanAnswer> {
    return this.#call({ op: 'moveRiders', principal, requestId, ...(bodyText === undefined ? {} : { bodyText }) });
  }

  moveRider(principal: Principal, riderId: string, bodyText: string | undefined, requestId: string): Promise<LeanAnswer> {
    return this.#call({ op: 'moveRider', principal, riderId, requestId, ...(bodyText === undefined ? {} : { bodyText }) });
  }

  /** Queues one finished request's latency for the writer's histogram. */
  observe(method: string, route: string, status: number, seconds: number): void {
    this.#observations.push([method, route, status, seconds]);
    this.#schedule();
  }

  /** Settles calls from a writer message (other message types are ignored). */
  receive(message: WriterMessage): void {
    if (message.type !== 'o2o:answers') return;
    for (const { id, answer } of message.answers) {
      const resolve = this.#pending.get(id);
      if (resolve === undefined) continue;
      this.#pending.delete(id);
      resolve(answer);
    }
  }

  /** Answers every call in flight with 503 (the writer went away: nothing was acknowledged). */
  failAll(): void {
    for (const resolve of this.#pending.values()) resolve(WRITER_UNAVAILABLE);
    this.#pending.clear();
  }

  #call(call: DistributiveOmit<FrontCall, 'id'>): Promise<LeanAnswer> {
    if (!this.#channel.connected) return Promise.resolve(WRITER_UNAVAILABLE);
    const id = this.#nextId++;
    return new Promise<LeanAnswer>((resolve) => {
      this.#pending.set(id, resolve);
      this.#calls.push({ ...call, id } as FrontCall);
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    // One message per millisecond at most: each IPC message costs a pipe write and a wake-up on
    // both sides, and per event-loop turn a front had only ~1.5 calls to send (measured).
    setTimeout(this.#flush, 1);
  }

  readonly #flush = (): void => {
    this.#scheduled = false;
    const calls = this.#calls;
    const observations = this.#observations;
    this.#calls = [];
    this.#observations = [];
    if (!this.#channel.connected) {
      this.failAll();
      return;
    }
    try {
      this.#channel.send({ type: 'o2o:calls', calls, observations });
    } catch {
      this.failAll();
    }
  };
}
