/** @internal A binary heap ordered by a "comes first" predicate (for the lazy greedy of rebalancing). */
export class MoveHeap<T> {
  private readonly items: T[] = [];
  private readonly first: (a: T, b: T) => boolean;

  /** `first(a, b)`: true when `a` must come out before `b`. */
  constructor(first: (a: T, b: T) => boolean) {
    this.first = first;
  }

  get size(): number {
    return this.items.length;
  }

  push(item: T): void {
    const items = this.items;
    let i = items.push(item) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.first(item, items[parent]!)) break;
      items[i] = items[parent]!;
      i = parent;
    }
    items[i] = item;
  }

  /** Removes and returns the first item, `undefined` when empty. */
  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= items.length) break;
      const right = left + 1;
      const child = right < items.length && this.first(items[right]!, items[left]!) ? right : left;
      if (!this.first(items[child]!, last)) break;
      items[i] = items[child]!;
      i = child;
    }
    items[i] = last;
    return top;
  }
}
