/**
 * An indexed binary min-heap of vertices keyed by float costs, in typed arrays only: no allocation
 * after construction, `O(log n)` push / decrease / increase / pop. Each vertex is in the heap at
 * most once (`pos[v] ≥ 0` while queued, -1 otherwise), so searches never pop stale duplicates.
 * Internal to the contraction-hierarchy code (build priority queue, witness searches, queries).
 */
export class ChVertexHeap {
  /** Key of the entry at each heap position. */
  readonly keys: Float64Array;
  /** Vertex at each heap position. */
  readonly verts: Int32Array;
  /** Heap position of each vertex, -1 when not queued. */
  readonly pos: Int32Array;
  /** Number of queued vertices. */
  size = 0;

  /** A heap for vertices `0 … capacity-1`. */
  constructor(capacity: number) {
    this.keys = new Float64Array(capacity);
    this.verts = new Int32Array(capacity);
    this.pos = new Int32Array(capacity).fill(-1);
  }

  /** Empties the heap in `O(size)`. */
  clear(): void {
    const { verts, pos } = this;
    for (let i = 0; i < this.size; i++) pos[verts[i]!] = -1;
    this.size = 0;
  }

  /** Whether `v` is queued. */
  has(v: number): boolean {
    return this.pos[v]! >= 0;
  }

  /** The smallest key (undefined behaviour when empty). */
  minKey(): number {
    return this.keys[0]!;
  }

  /** Queues `v` (not yet queued) with `key`. */
  push(v: number, key: number): void {
    this.siftUp(this.size++, v, key);
  }

  /** Lowers the key of the queued vertex `v`. */
  decrease(v: number, key: number): void {
    this.siftUp(this.pos[v]!, v, key);
  }

  /** Queues `v` or changes its key, up or down. */
  set(v: number, key: number): void {
    const i = this.pos[v]!;
    if (i < 0) this.siftUp(this.size++, v, key);
    else if (key <= this.keys[i]!) this.siftUp(i, v, key);
    else this.siftDown(i, v, key);
  }

  /** Removes and returns the vertex with the smallest key (read {@link minKey} first if needed). */
  pop(): number {
    const { keys, verts, pos } = this;
    const top = verts[0]!;
    pos[top] = -1;
    const last = --this.size;
    if (last > 0) this.siftDown(0, verts[last]!, keys[last]!);
    return top;
  }

  private siftUp(i: number, v: number, key: number): void {
    const { keys, verts, pos } = this;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pk = keys[parent]!;
      if (pk <= key) break;
      const pv = verts[parent]!;
      keys[i] = pk;
      verts[i] = pv;
      pos[pv] = i;
      i = parent;
    }
    keys[i] = key;
    verts[i] = v;
    pos[v] = i;
  }

  private siftDown(i: number, v: number, key: number): void {
    const { keys, verts, pos } = this;
    const size = this.size;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      let ck = keys[child]!;
      const right = child + 1;
      if (right < size) {
        const rk = keys[right]!;
        if (rk < ck) {
          child = right;
          ck = rk;
        }
      }
      if (ck >= key) break;
      const cv = verts[child]!;
      keys[i] = ck;
      verts[i] = cv;
      pos[cv] = i;
      i = child;
    }
    keys[i] = key;
    verts[i] = v;
    pos[v] = i;
  }
}
