/**
 * An incremental HTTP/1.1 response reader for the open-loop generator's connections: it finds
 * where each response ends (Content-Length, chunked, or end of connection) and reports its status
 * and whether the server will close the connection. Bodies are skipped, not kept. Bytes may
 * arrive split anywhere, including inside the status line or a chunk-size line.
 */

/** Longest status line plus headers accepted, in bytes. */
const MAX_HEAD_BYTES = 64 * 1024;
const CRLF = Buffer.from('\r\n');
const HEAD_END = Buffer.from('\r\n\r\n');

/** One complete response. */
export interface Http1Response {
  readonly status: number;
  /** The server sent `connection: close` (or spoke HTTP/1.0 without keep-alive). */
  readonly isClosing: boolean;
}

type State =
  | { readonly kind: 'head' }
  | { readonly kind: 'body'; remaining: number }
  | { readonly kind: 'chunk-size' }
  | { readonly kind: 'chunk-data'; remaining: number }
  | { readonly kind: 'trailer' }
  | { readonly kind: 'until-close' };

export class Http1ResponseParser {
  readonly #onResponse: (response: Http1Response) => void;
  #state: State = { kind: 'head' };
  /** Unconsumed bytes of a line-oriented state (head, chunk size, trailer). */
  #pending: Buffer = Buffer.alloc(0);
  #status = 0;
  #isClosing = false;

  constructor(onResponse: (response: Http1Response) => void) {
    this.#onResponse = onResponse;
  }

  /**
   * Feeds bytes from the socket.
   * @throws {Error} on a malformed response (the connection should be dropped).
   */
  push(chunk: Buffer): void {
    let data = this.#pending.length === 0 ? chunk : Buffer.concat([this.#pending, chunk]);
    this.#pending = Buffer.alloc(0);
    while (data.length > 0) {
      const rest = this.#step(data);
      if (rest === undefined) return;
      data = rest;
    }
  }

  /** The connection ended: completes a response whose body runs to the end of the connection. */
  end(): void {
    if (this.#state.kind === 'until-close') this.#complete();
  }

  /** True when no response is partly read. */
  get isIdle(): boolean {
    return this.#state.kind === 'head' && this.#pending.length === 0;
  }

  /** Consumes what it can of `data`; returns the rest, or undefined when it needs more bytes. */
  #step(data: Buffer): Buffer | undefined {
    const state = this.#state;
    switch (state.kind) {
      case 'head': {
        const end = data.indexOf(HEAD_END);
        if (end < 0) return this.#wait(data);
        this.#readHead(data.toString('latin1', 0, end));
        return data.subarray(end + HEAD_END.length);
      }
      case 'body':
      case 'chunk-data': {
        const taken = Math.min(state.remaining, data.length);
        state.remaining -= taken;
        if (state.remaining > 0) return undefined;
        if (state.kind === 'body') this.#complete();
        else this.#state = { kind: 'chunk-size' };
        return data.subarray(taken);
      }
      case 'chunk-size': {
        // The CRLF ending the previous chunk's data comes first; skip it.
        let start = 0;
        while (start < data.length && (data[start] === 0x0d || data[start] === 0x0a)) start++;
        const end = data.indexOf(CRLF, start);
        if (end < 0) return this.#wait(data.subarray(start));
        const size = Number.parseInt(data.toString('latin1', start, end).split(';')[0] ?? '', 16);
        if (!Number.isSafeInteger(size) || size < 0) throw new Error('malformed chunk size in the response');
        this.#state = size === 0 ? { kind: 'trailer' } : { kind: 'chunk-data', remaining: size };
        return data.subarray(end + CRLF.length);
      }
      case 'trailer': {
        // No trailers: a bare CRLF. Trailers: header lines up to an empty line.
        if (data.length < 2) return this.#wait(data);
        const end = data[0] === 0x0d && data[1] === 0x0a ? 0 : data.indexOf(HEAD_END);
        if (end < 0) return this.#wait(data);
        this.#complete();
        return data.subarray(end === 0 ? 2 : end + HEAD_END.length);
      }
      case 'until-close':
        return undefined;
    }
  }

  #wait(data: Buffer): undefined {
    if (data.length > MAX_HEAD_BYTES) throw new Error(`response head over ${MAX_HEAD_BYTES} bytes`);
    this.#pending = Buffer.from(data);
    return undefined;
  }

  /** Status line and headers; sets the body state (or completes a bodiless response). */
  #readHead(head: string): void {
    const lines = head.split('\r\n');
    const statusLine = /^HTTP\/1\.([01]) (\d{3})/.exec(lines[0] ?? '');
    if (statusLine === null) throw new Error(`malformed status line ${JSON.stringify((lines[0] ?? '').slice(0, 80))}`);
    const status = Number(statusLine[2]);
    let contentLength: number | undefined;
    let isChunked = false;
    let connection = '';
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i] as string;
      const colon = line.indexOf(':');
      if (colon < 0) continue;
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim().toLowerCase();
      if (name === 'content-length') contentLength = Number(value);
      else if (name === 'transfer-encoding') isChunked = value.split(',').some((v) => v.trim() === 'chunked');
      else if (name === 'connection') connection = value;
    }
    // 1xx: an interim response; the real one follows.
    if (status >= 100 && status < 200) return;
    this.#status = status;
    this.#isClosing = connection.includes('close') || (statusLine[1] === '0' && !connection.includes('keep-alive'));
    if (status === 204 || status === 304) this.#complete();
    else if (isChunked) this.#state = { kind: 'chunk-size' };
    else if (contentLength !== undefined) {
      if (!Number.isSafeInteger(contentLength) || contentLength < 0) throw new Error('malformed content-length in the response');
      if (contentLength === 0) this.#complete();
      else this.#state = { kind: 'body', remaining: contentLength };
    } else this.#state = { kind: 'until-close' };
  }

  #complete(): void {
    this.#state = { kind: 'head' };
    this.#onResponse({ status: this.#status, isClosing: this.#isClosing });
  }
}
