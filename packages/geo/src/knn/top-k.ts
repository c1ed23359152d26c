/**
 * A bounded, sorted set of the k best (smallest key) candidates seen so far, in two typed arrays.
 * Insertion sort: k is small (≤ a few dozen) in dispatch queries, where it beats a heap.
 * Ties on the key are broken by the smaller index, so results are deterministic.
 */
export class TopK {
  /** Keys in increasing order; `keys[0..count)` are valid. */
  keys: Float64Array;
  /** Indices matching {@link keys}. */
  idxs: Int32Array;
  /** Number of candidates held, ≤ {@link k}. */
  count = 0;
  /** Capacity of the current query. */
  k = 0;

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
  }

  /** True when (key, idx) would enter the set: it is not full, or beats the current worst. */
  accepts(key: number, idx: number): boolean {
    const n = this.count;
    if (n < this.k) return true;
    const worstKey = this.keys[n - 1]!;
    return key < worstKey || (key === worstKey && idx < this.idxs[n - 1]!);
  }

  /** Inserts (key, idx), evicting the worst if full. Call only after {@link accepts} said yes. */
  insert(key: number, idx: number): void {
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
}
