/**
 * Server-Sent Events framing for a stream read with fetch() (EventSource cannot send the
 * Authorization header): text chunks in, complete frames out (`id:`, `event:`, `data:` lines;
 * comments and `retry:` skipped), whatever way the chunks cut the lines. No DOM: the node tests
 * check it.
 */

/** One event of the stream. */
export interface SseFrame {
  readonly id?: string;
  readonly event?: string;
  /** The data lines joined by "\n". */
  readonly data: string;
}

export class SseParser {
  private buffer = '';

  /** A chunk's last character when it was "\r": the next chunk may start with its "\n". */
  private carriageReturn = false;

  /** Feeds a chunk of text; returns the frames it completed, in order. */
  push(chunk: string): SseFrame[] {
    let text = this.carriageReturn ? `\r${chunk}` : chunk;
    this.carriageReturn = text.endsWith('\r');
    if (this.carriageReturn) text = text.slice(0, -1);
    this.buffer += text.replace(/\r\n?/g, '\n');
    const frames: SseFrame[] = [];
    let cut: number;
    while ((cut = this.buffer.indexOf('\n\n')) !== -1) {
      const frame = parseBlock(this.buffer.slice(0, cut));
      this.buffer = this.buffer.slice(cut + 2);
      if (frame !== undefined) frames.push(frame);
    }
    return frames;
  }
}

function parseBlock(block: string): SseFrame | undefined {
  let id: string | undefined;
  let event: string | undefined;
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.length === 0 || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') id = value;
    else if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length === 0) return undefined;
  return { ...(id === undefined ? {} : { id }), ...(event === undefined ? {} : { event }), data: data.join('\n') };
}
