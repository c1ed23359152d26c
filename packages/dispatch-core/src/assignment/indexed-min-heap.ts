/**
 * @internal A binary min-heap of integer items `0 … capacity - 1` keyed by an external
 * `Float64Array` (the caller's distance array), with decrease-key. No allocation after
 * construction; `clear` costs O(size).
 */
export class IndexedMinHeap {
  /** Items in heap order. */
  private readonly items: Int32Array;
  /** Heap position of each item, -1 when absent. */
  private readonly pos: Int32Array;
  private readonly keys: Float64Array;
  private count = 0;

  /** `keys[item]` is read at each comparison: lower it, then call {@link decreased}. */
  constructor(keys: Float64Array) {
    this.keys = keys;
    this.items = new Int32Array(keys.length);
    this.pos = new Int32Array(keys.length).fill(-1);
  }

  get size(): number {
    return this.count;
  }

  /** Key of the minimum item; `Infinity` when empty. */
  minKey(): number {
    return this.count > 0 ? this.keys[this.items[0]!]! : Infinity;
  }

  /** Adds an absent item at its current key. */
  push(item: number): void {
    const at = this.count++;
    this.items[at] = item;
    this.pos[item] = at;
    this.siftUp(at);
  }

  /** Restores order after `keys[item]` (of an item in the heap) was lowered. */
  decreased(item: number): void {
    this.siftUp(this.pos[item]!);
  }

  /** Removes and returns the minimum item (the heap must not be empty). */
  pop(): number {
    const items = this.items;
    const top = items[0]!;
    this.pos[top] = -1;
    const last = items[--this.count]!;
    if (this.count > 0) {
      items[0] = last;
      this.pos[last] = 0;
      this.siftDown(0);
    }
    return top;
  }

  /** Empties the heap. */
  clear(): void {
    for (let k = 0; k < this.count; k++) this.pos[this.items[k]!] = -1;
    this.count = 0;
  }

  private siftUp(at: number): void {
    const { items, pos, keys } = this;
    const item = items[at]!;
    const key = keys[item]!;
    while (at > 0) {
      const parentAt = (at - 1) >> 1;
      const parent = items[parentAt]!;
      if (keys[parent]! <= key) break;
      items[at] = parent;
      pos[parent] = at;
      at = parentAt;
    }
    items[at] = item;
    pos[item] = at;
  }

  private siftDown(at: number): void {
    const { items, pos, keys } = this;
    const n = this.count;
    const item = items[at]!;
    const key = keys[item]!;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= n) break;
      let childKey = keys[items[child]!]!;
      if (child + 1 < n) {
        const rightKey = keys[items[child + 1]!]!;
        if (rightKey < childKey) {
          child++;
          childKey = rightKey;
        }
      }
      if (childKey >= key) break;
      const c = items[child]!;
      items[at] = c;
      pos[c] = at;
      at = child;
    }
    items[at] = item;
    pos[item] = at;
  }
}
