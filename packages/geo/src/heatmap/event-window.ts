/**
 * The events of a sliding time window, oldest first, in a growable ring buffer of typed arrays:
 * entries of a time (seconds), an integer payload and a count. Events with the same time and
 * payload as an entry at the newest time are counted into that entry instead of taking one of
 * their own, so when times are coarse (whole seconds, or buckets of several seconds) memory is
 * bounded by the distinct (time, payload) pairs inside the window, whatever the event rate.
 * Expiry pops whole entries from the head in O(1) each.
 */
export class EventWindow {
  private timesSec = new Float64Array(1024);
  private payloads = new Int32Array(1024);
  private entryCounts = new Int32Array(1024);
  private head = 0;
  private count = 0;
  private events = 0;
  /**
   * An entry's logical position is its sequence number minus this: +1 per entry popped, -1 per
   * late entry inserted before the newest ones (which all move one place towards the tail).
   */
  private base = 0;
  private newestSec = -Infinity;
  /**
   * For each payload, the sequence number of its entry at `newestSec`, valid while its stamp
   * equals `generation` (bumped when the newest time changes or its last entry is popped; kept
   * in doubles so it never wraps round to a stale stamp).
   */
  private seqOfPayload = new Float64Array(0);
  private stampOfPayload = new Float64Array(0);
  private generation = 1;
  private lastCount = 0;

  /** Number of events held (the sum of the entries' counts). */
  get size(): number {
    return this.events;
  }

  /** Number of entries held (distinct time and payload runs); at most {@link EventWindow.size}. */
  get entries(): number {
    return this.count;
  }

  /** The count of the entry {@link EventWindow.popAtOrBefore} returned last. */
  get poppedCount(): number {
    return this.lastCount;
  }

  /**
   * Adds an event (`payload` a non-negative integer), keeping the buffer in time order: a late
   * event (earlier than the newest) is moved back past the newer entries, O(number of newer
   * entries); equal times keep arrival order.
   */
  push(atSec: number, payload: number): void {
    if (atSec === this.newestSec && payload < this.stampOfPayload.length && this.stampOfPayload[payload] === this.generation) {
      const pos = this.seqOfPayload[payload]! - this.base;
      this.entryCounts[(this.head + pos) & (this.timesSec.length - 1)]!++;
      this.events++;
      return;
    }
    if (this.count === this.timesSec.length) this.grow();
    const mask = this.timesSec.length - 1;
    let pos = this.count;
    if (this.count === 0 || atSec >= this.newestSec) {
      if (atSec !== this.newestSec) {
        this.newestSec = atSec;
        this.generation++;
      }
      this.remember(payload, pos);
    } else {
      // Shift newer entries one place towards the tail until the slot for atSec is free; every
      // entry at the newest time moves one place, hence base - 1.
      while (pos > 0) {
        const prev = (this.head + pos - 1) & mask;
        if (this.timesSec[prev]! <= atSec) break;
        const at = (this.head + pos) & mask;
        this.timesSec[at] = this.timesSec[prev]!;
        this.payloads[at] = this.payloads[prev]!;
        this.entryCounts[at] = this.entryCounts[prev]!;
        pos--;
      }
      this.base--;
    }
    const at = (this.head + pos) & mask;
    this.timesSec[at] = atSec;
    this.payloads[at] = payload;
    this.entryCounts[at] = 1;
    this.count++;
    this.events++;
  }

  /**
   * Removes the oldest entry if its time is `<= cutoffSec` and returns its payload (its count is
   * then {@link EventWindow.poppedCount}); otherwise -1.
   */
  popAtOrBefore(cutoffSec: number): number {
    if (this.count === 0 || this.timesSec[this.head]! > cutoffSec) return -1;
    const payload = this.payloads[this.head]!;
    this.lastCount = this.entryCounts[this.head]!;
    if (this.timesSec[this.head] === this.newestSec) this.generation++;
    this.head = (this.head + 1) & (this.timesSec.length - 1);
    this.count--;
    this.events -= this.lastCount;
    this.base++;
    return payload;
  }

  /** Records that `payload`'s entry at the newest time is at logical position `pos`. */
  private remember(payload: number, pos: number): void {
    if (payload >= this.stampOfPayload.length) {
      const size = Math.max(256, 2 ** Math.ceil(Math.log2(payload + 1)));
      const seqs = new Float64Array(size);
      const stamps = new Float64Array(size);
      seqs.set(this.seqOfPayload);
      stamps.set(this.stampOfPayload);
      this.seqOfPayload = seqs;
      this.stampOfPayload = stamps;
    }
    this.seqOfPayload[payload] = this.base + pos;
    this.stampOfPayload[payload] = this.generation;
  }

  /** Doubles the capacity (a power of two), unrolling the ring so the head is at 0 (logical positions do not change). */
  private grow(): void {
    const capacity = this.timesSec.length;
    const timesSec = new Float64Array(capacity * 2);
    const payloads = new Int32Array(capacity * 2);
    const entryCounts = new Int32Array(capacity * 2);
    for (let i = 0; i < this.count; i++) {
      const from = (this.head + i) & (capacity - 1);
      timesSec[i] = this.timesSec[from]!;
      payloads[i] = this.payloads[from]!;
      entryCounts[i] = this.entryCounts[from]!;
    }
    this.timesSec = timesSec;
    this.payloads = payloads;
    this.entryCounts = entryCounts;
    this.head = 0;
  }
}
