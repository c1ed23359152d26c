/**
 * Incremental NDJSON splitting for a request stream: feed byte chunks as they arrive, get complete
 * lines back. Works on bytes, so a UTF-8 character or a CRLF split across two chunks is joined
 * before decoding (a `\n` byte never occurs inside a multi-byte UTF-8 sequence).
 *
 * - Line numbers are physical and 1-based: blank lines are skipped but counted, so an error's
 *   `line` is what an editor shows.
 * - `\n` and `\r\n` both end a line; a last line without a newline is returned by `end()`; a
 *   UTF-8 byte-order mark at the very start is dropped.
 * - A line over `maxLineBytes` (not counting its `\r\n`) is not buffered: its bytes are skipped
 *   and it comes back as a `LINE_TOO_LONG` line error, and the next line goes on normally.
 * - Invalid UTF-8 comes back as an `INVALID_UTF8` line error.
 * - More than `maxLines` non-blank lines throws {@link IngestLimitError} `TOO_MANY_LINES` from
 *   the `push()`/`end()` that meets line `maxLines + 1`. Lines completed earlier in that same call
 *   are not returned, so a caller that must be all-or-nothing rejects the request (413) and
 *   drops what it collected; the splitter then keeps throwing the same error.
 *
 * The byte size of the whole body is the HTTP layer's limit (blank lines cost nothing here).
 */
import { IngestConfigError, IngestLimitError, ingestLineError, type IngestLineError } from './ingest-error.js';

/** Options of {@link NdjsonLineSplitter}. */
export interface NdjsonLineSplitterOptions {
  /** Longest line kept, in bytes of UTF-8 without the line ending; integer ≥ 1. */
  readonly maxLineBytes: number;
  /** Most non-blank lines in the stream; integer ≥ 1. */
  readonly maxLines: number;
}

/** One non-blank line of the stream: its text, or why it could not be read. */
export type NdjsonLine =
  | { readonly ok: true; readonly line: number; readonly text: string }
  | { readonly ok: false; readonly line: number; readonly error: IngestLineError };

const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;

/** Splits a byte stream into NDJSON lines; see the module doc. */
export class NdjsonLineSplitter {
  readonly maxLineBytes: number;
  readonly maxLines: number;
  /** Bytes of the current, incomplete line (empty while skipping a too-long line). */
  private pieces: Uint8Array[] = [];
  /** Bytes of the current line seen so far (kept or skipped). */
  private numPendingBytes = 0;
  /** The current line went over the limit: its bytes are skipped until its newline. */
  private isSkipping = false;
  /** Last byte of the current line (to drop a `\r` ending a too-long line from its length). */
  private lastByte = -1;
  private isEnded = false;
  private failure: IngestLimitError | undefined;
  private numPhysicalLines = 0;
  private numNonBlankLines = 0;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

  constructor(options: NdjsonLineSplitterOptions) {
    this.maxLineBytes = positiveInteger('maxLineBytes', options.maxLineBytes);
    this.maxLines = positiveInteger('maxLines', options.maxLines);
  }

  /** Non-blank lines returned so far (text or error). */
  get numLines(): number {
    return this.numNonBlankLines;
  }

  /** Feeds the next chunk; returns the lines it completed, in order. */
  push(chunk: Uint8Array): NdjsonLine[] {
    this.assertUsable('push');
    const bytes = chunk;
    const out: NdjsonLine[] = [];
    let start = 0;
    while (start < bytes.length) {
      const newline = bytes.indexOf(LF, start);
      const end = newline === -1 ? bytes.length : newline;
      this.append(bytes.subarray(start, end), newline === -1);
      if (newline === -1) break;
      this.completeLine(out);
      start = newline + 1;
    }
    return out;
  }

  /** Ends the stream; returns its last line when it had no newline. */
  end(): NdjsonLine[] {
    this.assertUsable('end');
    this.isEnded = true;
    const out: NdjsonLine[] = [];
    if (this.numPendingBytes > 0) this.completeLine(out);
    return out;
  }

  private assertUsable(method: string): void {
    if (this.failure !== undefined) throw this.failure;
    if (this.isEnded) throw new Error(`NdjsonLineSplitter.${method}() called after end()`);
  }

  /** Adds bytes of the current line; `isPartial`: they stay pending past this call, so copy them. */
  private append(segment: Uint8Array, isPartial: boolean): void {
    if (segment.length === 0) return;
    this.numPendingBytes += segment.length;
    this.lastByte = segment[segment.length - 1] ?? -1;
    if (this.isSkipping) return;
    // + 1: a trailing `\r` is not part of the line, but we only know it is trailing at the `\n`.
    if (this.numPendingBytes > this.maxLineBytes + 1) {
      this.isSkipping = true;
      this.pieces = [];
      return;
    }
    this.pieces.push(isPartial ? Uint8Array.from(segment) : segment);
  }

  /** The current line ended (newline or end of stream): classify it and reset. */
  private completeLine(out: NdjsonLine[]): void {
    this.numPhysicalLines += 1;
    const line = this.numPhysicalLines;
    const isSkipped = this.isSkipping;
    let numBytes = this.numPendingBytes - (this.lastByte === CR ? 1 : 0);
    let bytes = isSkipped ? undefined : joinPieces(this.pieces, numBytes);
    if (line === 1 && bytes !== undefined && hasByteOrderMark(bytes)) {
      bytes = bytes.subarray(3);
      numBytes -= 3;
    }
    this.pieces = [];
    this.numPendingBytes = 0;
    this.isSkipping = false;
    this.lastByte = -1;
    if (bytes !== undefined && isBlank(bytes)) return;
    this.numNonBlankLines += 1;
    if (this.numNonBlankLines > this.maxLines) {
      this.failure = new IngestLimitError('TOO_MANY_LINES', this.maxLines, line);
      throw this.failure;
    }
    if (bytes === undefined || numBytes > this.maxLineBytes) {
      const rule = `must be at most ${this.maxLineBytes} bytes`;
      out.push({ ok: false, line, error: ingestLineError({ line, code: 'LINE_TOO_LONG', rule, value: numBytes }) });
      return;
    }
    out.push(this.decode(bytes, line));
  }

  private decode(bytes: Uint8Array, line: number): NdjsonLine {
    try {
      return { ok: true, line, text: this.decoder.decode(bytes) };
    } catch {
      // The value shows the line with U+FFFD where the bad bytes are, to help find them.
      const value = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
      return { ok: false, line, error: ingestLineError({ line, code: 'INVALID_UTF8', rule: 'must be valid UTF-8', value }) };
    }
  }
}

/**
 * Parses one line as JSON. The value may be anything JSON allows; the field mapping checks that
 * it is an object.
 */
export function parseNdjsonLine(
  text: string,
  lineNo: number,
): { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: IngestLineError } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (cause) {
    const reason = cause instanceof Error ? ` (${cause.message})` : '';
    const rule = `must be one JSON value${reason}`;
    return { ok: false, error: ingestLineError({ line: lineNo, code: 'INVALID_JSON', rule, value: text }) };
  }
}

/** The line's bytes without a trailing `\r`, joined into one array (no copy for a single piece). */
function joinPieces(pieces: readonly Uint8Array[], numBytes: number): Uint8Array {
  if (pieces.length === 1) return (pieces[0] as Uint8Array).subarray(0, numBytes);
  const joined = new Uint8Array(numBytes);
  let offset = 0;
  for (const piece of pieces) {
    const take = Math.min(piece.length, numBytes - offset);
    joined.set(piece.subarray(0, take), offset);
    offset += take;
    if (offset === numBytes) break;
  }
  return joined;
}

/** Starts with the UTF-8 byte-order mark (dropped from the first line, whatever the chunking). */
function hasByteOrderMark(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** Only JSON whitespace (space, tab, `\r`): nothing to parse. */
function isBlank(bytes: Uint8Array): boolean {
  for (const byte of bytes) {
    if (byte !== SPACE && byte !== TAB && byte !== CR) return false;
  }
  return true;
}

function positiveInteger(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new IngestConfigError('INVALID_OPTION', field, 'must be an integer ≥ 1', value);
  }
  return value;
}
