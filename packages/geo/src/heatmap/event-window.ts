/**
 * The events of a sliding time window, oldest first, in a growable ring buffer of typed arrays:
 * a time (seconds) and an integer payload per event. Memory is bounded by the most events ever
 * inside the window at once; expiry pops from the head in O(1) per event.
 */
export class EventWindow {
  private timesSec = new Float64Array(1024);
  private payloads = new Int32Array(1024);
  private head = 0;
  private count = 0;

  /** Number of events held. */
  get size(): number {
    return this.count;
  }

  /**
   * Adds an event, keeping the buffer in time order: a late event (earlier than the newest) is
   * moved back past the newer ones, O(number of newer events); equal times keep arrival order.
   */
  push(atSec: number, payload: number): void {
    if (this.count === this.timesSec.length) this.grow();
    const mask = this.timesSec.length - 1;
    let pos = this.count;
    // Shift newer events one place towards the tail until the slot for atSec is free.
    while (pos > 0) {
      const prev = (this.head + pos - 1) & mask;
      if (this.timesSec[prev]! <= atSec) break;
      const at = (this.head + pos) & mask;
      this.timesSec[at] = this.timesSec[prev]!;
      this.payloads[at] = this.payloads[prev]!;
      pos--;
    }
    const at = (this.head + pos) & mask;
    this.timesSec[at] = atSec;
    this.payloads[at] = payload;
    this.count++;
  }

  /** Removes the oldest event if its time is `<= cutoffSec` and returns its payload; otherwise -1. */
  popAtOrBefore(cutoffSec: number): number {
    if (this.count === 0 || this.timesSec[this.head]! > cutoffSec) return -1;
    const payload = this.payloads[this.head]!;
    this.head = (this.head + 1) & (this.timesSec.length - 1);
    this.count--;
    return payload;
  }

  /** Doubles the capacity (a power of two), unrolling the ring so the head is at 0. */
  private grow(): void {
    const capacity = this.timesSec.length;
    const timesSec = new Float64Array(capacity * 2);
    const payloads = new Int32Array(capacity * 2);
    for (let i = 0; i < this.count; i++) {
      const from = (this.head + i) & (capacity - 1);
      timesSec[i] = this.timesSec[from]!;
      payloads[i] = this.payloads[from]!;
    }
    this.timesSec = timesSec;
    this.payloads = payloads;
    this.head = 0;
  }
}
