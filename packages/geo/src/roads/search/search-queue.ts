/**
 * The priority queues the plain road searches can run on, behind one tiny interface so the bench
 * can race them in the same run: `flatqueue` (plain-array binary heap) and `fastpriorityqueue`
 * (the design's named queue; keys and vertex ids packed into one number so it needs no objects).
 * Both are lazy-deletion queues: a vertex may sit in the queue several times; searches skip stale
 * entries by comparing with their settled flag.
 */
import FlatQueue from 'flatqueue';
import FastPriorityQueue from 'fastpriorityqueue';
import { GeoInputError } from '../../errors.js';

/** Name of a {@link SearchQueue} implementation. */
export type SearchQueueKind = 'flatqueue' | 'fastpriorityqueue';

/** The queue kind measured fastest here (see the geo README, "Road networks"). */
export const DEFAULT_SEARCH_QUEUE: SearchQueueKind = 'flatqueue';

/** A min-priority queue of vertex ids keyed by non-negative integer costs. */
export interface SearchQueue {
  readonly length: number;
  push(vertex: number, key: number): void;
  /** The smallest key (undefined when empty). */
  peekKey(): number | undefined;
  /** Removes and returns the vertex with the smallest key (undefined when empty). */
  pop(): number | undefined;
  clear(): void;
}

class FlatSearchQueue implements SearchQueue {
  private readonly q = new FlatQueue<number>();
  get length(): number {
    return this.q.length;
  }
  push(vertex: number, key: number): void {
    this.q.push(vertex, key);
  }
  peekKey(): number | undefined {
    return this.q.peekValue();
  }
  pop(): number | undefined {
    return this.q.pop();
  }
  clear(): void {
    this.q.clear();
  }
}

/** FastPriorityQueue over packed numbers `key × 2^bits + vertex`, exact while below 2^53. */
class FastSearchQueue implements SearchQueue {
  private readonly q = new FastPriorityQueue<number>((a, b) => a < b);
  private readonly scale: number;
  private readonly maxKey: number;
  constructor(numVertices: number) {
    this.scale = 2 ** Math.max(1, Math.ceil(Math.log2(numVertices + 1)));
    this.maxKey = Math.floor(Number.MAX_SAFE_INTEGER / this.scale);
  }
  get length(): number {
    return this.q.size;
  }
  push(vertex: number, key: number): void {
    if (key > this.maxKey) throw new GeoInputError('GEO_INVALID_ARGUMENT', 'key', `must be ≤ ${this.maxKey} for fastpriorityqueue packing`, key);
    this.q.add(key * this.scale + vertex);
  }
  peekKey(): number | undefined {
    const top = this.q.peek();
    return top === undefined ? undefined : Math.floor(top / this.scale);
  }
  pop(): number | undefined {
    const top = this.q.poll();
    return top === undefined ? undefined : top % this.scale;
  }
  clear(): void {
    this.q.size = 0;
  }
}

/** A new empty queue of `kind` for vertex ids `< numVertices`. */
export function createSearchQueue(kind: SearchQueueKind, numVertices: number): SearchQueue {
  if (kind === 'flatqueue') return new FlatSearchQueue();
  if (kind === 'fastpriorityqueue') return new FastSearchQueue(numVertices);
  throw new GeoInputError('GEO_INVALID_ARGUMENT', 'queue', "must be 'flatqueue' or 'fastpriorityqueue'", kind);
}
