/**
 * The string table of one PrimitiveBlock (`StringTable.s = 1`, repeated bytes), decoded lazily:
 * `reset` records where each string lies, `get` decodes a string the first time it is asked for.
 * Node blocks never decode theirs; way blocks decode only the keys and values they look at.
 */
import type { ProtoReader } from './proto-reader.js';
import { WIRE_BYTES } from './proto-reader.js';

import { Buffer } from 'node:buffer';

/** A lazily decoded PrimitiveBlock string table, reused from block to block. */
export class StringTable {
  private starts = new Uint32Array(1024);
  private ends = new Uint32Array(1024);
  private cache: Array<string | undefined> = [];
  private buf: Buffer = Buffer.alloc(0);
  /** Number of strings. */
  count = 0;

  /** Records the strings of the StringTable message at `[start, end)` of `reader`'s buffer. */
  reset(reader: ProtoReader, start: number, end: number): void {
    // A Buffer view (no copy): its native utf8 slicing is the fastest decoder for short strings.
    this.buf = Buffer.from(reader.buf.buffer, reader.buf.byteOffset, reader.buf.byteLength);
    this.count = 0;
    this.cache = [];
    reader.pos = start;
    while (reader.pos < end) {
      const keyPos = reader.pos;
      const key = reader.varint(end, 'StringTable');
      if (key >>> 3 === 1) {
        reader.expectWire(key & 7, WIRE_BYTES, 'StringTable.s', keyPos);
        const valueEnd = reader.lengthEnd(end, 'StringTable.s');
        if (this.count === this.starts.length) {
          const starts = new Uint32Array(this.count * 2);
          const ends = new Uint32Array(this.count * 2);
          starts.set(this.starts);
          ends.set(this.ends);
          this.starts = starts;
          this.ends = ends;
        }
        this.starts[this.count] = reader.pos;
        this.ends[this.count] = valueEnd;
        this.count++;
        reader.pos = valueEnd;
      } else {
        reader.skip(key & 7, end, 'StringTable', key >>> 3);
      }
    }
    // A packed (non-sparse) array: filled cells are then fast to read and write.
    const cache = this.cache;
    for (let i = 0; i < this.count; i++) cache.push(undefined);
  }

  /** String `i` (the caller checks `i < count`). */
  get(i: number): string {
    let s = this.cache[i];
    if (s === undefined) {
      s = this.buf.toString('utf8', this.starts[i], this.ends[i]);
      this.cache[i] = s;
    }
    return s;
  }

  /** Index of the string whose UTF-8 bytes equal `bytes`, or -1 (a byte scan; nothing decoded). */
  indexOfBytes(bytes: Uint8Array): number {
    const len = bytes.length;
    const buf = this.buf;
    for (let i = 0; i < this.count; i++) {
      const start = this.starts[i]!;
      if (this.ends[i]! - start !== len) continue;
      let j = 0;
      while (j < len && buf[start + j] === bytes[j]) j++;
      if (j === len) return i;
    }
    return -1;
  }
}

