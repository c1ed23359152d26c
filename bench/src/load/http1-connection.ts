/**
 * One keep-alive HTTP/1.1 connection of the open-loop generator, on a raw TCP socket: one
 * request at a time, each written with a single `socket.write` (head and body together), the
 * answer read by {@link Http1ResponseParser}. node:http's client costs ~150 µs of CPU per
 * request on the 2 vCPU project machine (its Agent and ClientRequest machinery), too much to
 * offer 5,000 requests/s from one thread; this costs a fraction of that (see SERVICE.md:
 * `olg.js`, the generator behind its open-loop figures, was built the same way).
 * The socket is (re)opened on demand: after an error, a timeout or a `connection: close`.
 */
import { connect, type Socket } from 'node:net';
import { Http1ResponseParser, type Http1Response } from './http1-response-parser.js';

/** What became of a request: its status code, or an error code (`ECONNREFUSED`, `EPIPE`, …). */
export type Http1Outcome = number | string;

export class Http1Connection {
  readonly #host: string;
  readonly #port: number;
  #socket: Socket | undefined;
  #onDone: ((outcome: Http1Outcome) => void) | undefined;

  constructor(host: string, port: number) {
    this.#host = host;
    this.#port = port;
  }

  /** True while a request is waiting for its answer. */
  get isBusy(): boolean {
    return this.#onDone !== undefined;
  }

  /**
   * Sends one complete request (head and body) and calls `onDone` once with its outcome.
   * @throws {Error} when a request is already in flight on this connection.
   */
  send(request: string | Buffer, onDone: (outcome: Http1Outcome) => void): void {
    if (this.#onDone !== undefined) throw new Error('Http1Connection.send: a request is already in flight');
    this.#onDone = onDone;
    (this.#socket ?? this.#open()).write(request);
  }

  /** Drops the socket; a request in flight gets `outcome` (e.g. `timeout`). */
  abort(outcome: Http1Outcome): void {
    // Drop first: the callback may send the next request at once, on a fresh socket.
    this.#drop();
    this.#finish(outcome);
  }

  /** Closes the socket (a request in flight is dropped without a callback). */
  close(): void {
    this.#onDone = undefined;
    this.#drop();
  }

  #open(): Socket {
    const socket = connect({ host: this.#host, port: this.#port, noDelay: true });
    const parser = new Http1ResponseParser((response) => this.#onResponse(socket, response));
    socket.on('data', (chunk: Buffer) => {
      try {
        parser.push(chunk);
      } catch {
        if (this.#socket === socket) this.abort('bad-response');
      }
    });
    socket.on('end', () => parser.end());
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (this.#socket === socket) this.abort(error.code ?? 'socket-error');
    });
    socket.on('close', () => {
      if (this.#socket === socket) this.abort('ECONNRESET');
    });
    this.#socket = socket;
    return socket;
  }

  #onResponse(socket: Socket, response: Http1Response): void {
    if (socket !== this.#socket) return;
    if (response.isClosing) this.#drop();
    this.#finish(response.status);
  }

  #finish(outcome: Http1Outcome): void {
    const onDone = this.#onDone;
    this.#onDone = undefined;
    onDone?.(outcome);
  }

  #drop(): void {
    const socket = this.#socket;
    this.#socket = undefined;
    socket?.destroy();
  }
}
