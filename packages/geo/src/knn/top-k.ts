/**
 * A bounded set of the k best (smallest key) candidates seen so far, in two typed arrays.
 * Small k (the dispatch case, ≤ 32) keeps the arrays sorted by insertion, which beats a heap;
 * larger k uses a binary max-heap, sorted once by {@link TopK.finish}. Ties on the key are broken
 * by the smaller index, so results are deterministic.
 */

/** Largest k kept sorted by insertion; above it, a heap. */
const MAX_INSERTION_K = 32;

export class TopK {
  /** Keys; after {@link finish}, `keys[0..count)` are in increasing order. */
  keys: Float64Array;
  /** Indices matching {@link keys}. */
  idxs: Int32Array;
  /** Number of candidates held, ≤ {@link k}. */
  count = 0;
  /** Capacity of the current query. */
  k = 0;
  private isHeap = false;
  private isFinished = true;

  constructor(initialCapacity = 16) {
    this.keys = new Float64Array(initialCapacity);
    this.idxs = new Int32Array(initialCapacity);
  }

  /** Empties the set and sets its bound to `k` (grows the arrays if needed). */
  reset(k: number): void {
    if (k > this.keys.length) {
      const capacity = Math.max(k, this.keys.length * 2);
      this.keys = new Float64Array(capacity);
      this.idxs = new Int32Array(capacity);
    }
    this.k = k;
    this.count = 0;
    this.isHeap = k > MAX_INSERTION_K;
    this.isFinished = !this.isHeap;
  }

  /** Largest key held (the one evicted next); -Infinity when empty. */
  worstKey(): number {
    if (this.count === 0) return -Infinity;
    return this.isHeap ? this.keys[0]! : this.keys[this.count - 1]!;
  }

  /** True when (key, idx) would enter the set: it is not full, or beats the current worst. */
  accepts(key: number, idx: number): boolean {
    const n = this.count;
    if (n < this.k) return true;
    const w = this.isHeap ? 0 : n - 1;
    const worstKey = this.keys[w]!;
    return key < worstKey || (key === worstKey && idx < this.idxs[w]!);
  }

  /** Inserts (key, idx), evicting the worst if full. Call only after {@link accepts} said yes. */
  insert(key: number, idx: number): void {
    if (this.isHeap) {
      this.heapInsert(key, idx);
      return;
    }
    const keys = this.keys;
    const idxs = this.idxs;
    let i = this.count;
    if (i < this.k) this.count = i + 1;
    else i--; // full: the slot of the worst is reused
    // shift larger entries right until the insertion point
    while (i > 0) {
      const prevKey = keys[i - 1]!;
      if (prevKey < key || (prevKey === key && idxs[i - 1]! < idx)) break;
      keys[i] = prevKey;
      idxs[i] = idxs[i - 1]!;
      i--;
    }
    keys[i] = key;
    idxs[i] = idx;
  }

  /** Puts `keys[0..count)` in increasing order (a heap-sort in heap mode); idempotent. */
  finish(): void {
    if (this.isFinished) return;
    for (let end = this.count - 1; end > 0; end--) {
      this.swap(0, end);
      this.siftDown(0, end);
    }
    this.isFinished = true;
  }

  private heapInsert(key: number, idx: number): void {
    if (this.count < this.k) {
      // append, then sift up while larger than the parent
      let i = this.count++;
      this.keys[i] = key;
      this.idxs[i] = idx;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.isAbove(i, parent)) break;
        this.swap(i, parent);
        i = parent;
      }
      return;
    }
    // full: replace the root (the worst), then sift down
    this.keys[0] = key;
    this.idxs[0] = idx;
    this.siftDown(0, this.count);
  }

  private siftDown(i: number, size: number): void {
    for (;;) {
      const left = 2 * i + 1;
      if (left >= size) return;
      const right = left + 1;
      const child = right < size && this.isAbove(right, left) ? right : left;
      if (!this.isAbove(child, i)) return;
      this.swap(i, child);
      i = child;
    }
  }

  /** True when entry a ranks worse (larger key, then larger index) than entry b. */
  private isAbove(a: number, b: number): boolean {
    const ka = this.keys[a]!;
    const kb = this.keys[b]!;
    return ka > kb || (ka === kb && this.idxs[a]! > this.idxs[b]!);
  }

  private swap(a: number, b: number): void {
    const k = this.keys[a]!;
    this.keys[a] = this.keys[b]!;
    this.keys[b] = k;
    const i = this.idxs[a]!;
    this.idxs[a] = this.idxs[b]!;
    this.idxs[b] = i;
  }
}
