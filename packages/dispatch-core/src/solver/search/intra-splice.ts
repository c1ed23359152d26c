/**
 * A move inside one route written as a splice: positions [p, q) of the route are replaced by
 * `mid[0, k)` (a permutation of them, so k = q − p). Built here for segment moves and swaps,
 * costed by {@link SpliceCost}, and written back by {@link IntraSplice.writeTo}.
 */
import type { RouteState } from '../route-state.js';

export class IntraSplice {
  p = 0;
  q = 0;
  k = 0;
  readonly mid: Int32Array;

  constructor(numStops: number) {
    this.mid = new Int32Array(Math.max(1, numStops));
  }

  /** Segment [a, a + segLen) moves to before the stop now at t, with t < a or t > a + segLen. */
  moveSegment(route: RouteState, a: number, segLen: number, t: number): void {
    const stops = route.stops;
    let k = 0;
    if (t < a) {
      // [t, a + segLen) becomes segment, then [t, a).
      for (let i = a; i < a + segLen; i++) this.mid[k++] = stops[i]!;
      for (let i = t; i < a; i++) this.mid[k++] = stops[i]!;
      this.p = t;
      this.q = a + segLen;
    } else {
      // [a, t) becomes [a + segLen, t), then the segment.
      for (let i = a + segLen; i < t; i++) this.mid[k++] = stops[i]!;
      for (let i = a; i < a + segLen; i++) this.mid[k++] = stops[i]!;
      this.p = a;
      this.q = t;
    }
    this.k = k;
  }

  /** The stops at positions i < j trade places. */
  swap(route: RouteState, i: number, j: number): void {
    const stops = route.stops;
    let k = 0;
    this.mid[k++] = stops[j]!;
    for (let x = i + 1; x < j; x++) this.mid[k++] = stops[x]!;
    this.mid[k++] = stops[i]!;
    this.p = i;
    this.q = j + 1;
    this.k = k;
  }

  /** Writes the splice into the route's stops (the caller commits the route). */
  writeTo(route: RouteState): void {
    route.stops.set(this.mid.subarray(0, this.k), this.p);
  }

  /** Copies another splice (to remember the best of several candidates). */
  copyFrom(o: IntraSplice): void {
    this.p = o.p;
    this.q = o.q;
    this.k = o.k;
    this.mid.set(o.mid.subarray(0, o.k));
  }
}
