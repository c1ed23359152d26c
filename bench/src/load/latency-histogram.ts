/**
 * A fixed-bucket latency histogram in the HdrHistogram style: integer microseconds, exact below
 * 2,048 µs, then 1,024 linear sub-buckets per power of two (a relative error under 0.1 %), up to
 * 2^41 µs (25 days). 32,768 counters in one Float64Array whatever the number of samples, so a
 * worker thread can hand its histogram over by transferring one buffer.
 */

/** Sub-buckets per power of two, as a power of two. */
const SUB_BITS = 10;
const SUB_COUNT = 1 << SUB_BITS;
/** Values below this are their own bucket. */
const EXACT_LIMIT = 2 * SUB_COUNT;
/** Largest exponent with buckets; larger values go to the last bucket. */
const MAX_EXPONENT = 40;

/** Number of counters of every histogram. */
export const LATENCY_BUCKET_COUNT = EXACT_LIMIT + (MAX_EXPONENT - SUB_BITS) * SUB_COUNT;

/** What a histogram is made of, as a worker posts it: `counts` has {@link LATENCY_BUCKET_COUNT} entries. */
export interface LatencyHistogramData {
  readonly counts: Float64Array;
  readonly minUs: number;
  readonly maxUs: number;
  readonly sumUs: number;
}

/** floor(log2(v)) for an integer v ≥ 1 up to 2^53 (clz32 works on 32 bits only). */
function exponentOf(v: number): number {
  return v < 0x1_0000_0000 ? 31 - Math.clz32(v) : 63 - Math.clz32(Math.floor(v / 0x1_0000_0000));
}

/** The bucket of a value in µs (an integer ≥ 0). */
export function latencyBucketOf(valueUs: number): number {
  if (valueUs < EXACT_LIMIT) return valueUs;
  const exponent = Math.min(exponentOf(valueUs), MAX_EXPONENT);
  const scale = 2 ** (exponent - SUB_BITS);
  const sub = Math.min(Math.floor(valueUs / scale), 2 * SUB_COUNT - 1) - SUB_COUNT;
  return EXACT_LIMIT + (exponent - SUB_BITS - 1) * SUB_COUNT + sub;
}

/** The largest value in µs that falls in `bucket`. */
export function latencyBucketHighUs(bucket: number): number {
  if (bucket < EXACT_LIMIT) return bucket;
  const offset = bucket - EXACT_LIMIT;
  const exponent = Math.floor(offset / SUB_COUNT) + SUB_BITS + 1;
  const scale = 2 ** (exponent - SUB_BITS);
  return (SUB_COUNT + (offset % SUB_COUNT) + 1) * scale - 1;
}

export class LatencyHistogram {
  readonly #counts: Float64Array;
  #count = 0;
  #minUs = Number.POSITIVE_INFINITY;
  #maxUs = 0;
  #sumUs = 0;

  constructor(data?: LatencyHistogramData) {
    if (data === undefined) {
      this.#counts = new Float64Array(LATENCY_BUCKET_COUNT);
      return;
    }
    if (data.counts.length !== LATENCY_BUCKET_COUNT) {
      throw new RangeError(`histogram counts must have ${LATENCY_BUCKET_COUNT} entries, got ${data.counts.length}`);
    }
    this.#counts = data.counts;
    for (const c of data.counts) this.#count += c;
    this.#minUs = data.minUs;
    this.#maxUs = data.maxUs;
    this.#sumUs = data.sumUs;
  }

  /** Records one latency in milliseconds (negative values count as 0). */
  recordMs(latencyMs: number): void {
    this.recordUs(Math.round(latencyMs * 1000));
  }

  /** Records one latency in integer microseconds (negative values count as 0). */
  recordUs(latencyUs: number): void {
    const v = latencyUs > 0 ? latencyUs : 0;
    const bucket = latencyBucketOf(v);
    this.#counts[bucket] = (this.#counts[bucket] ?? 0) + 1;
    this.#count++;
    this.#sumUs += v;
    if (v < this.#minUs) this.#minUs = v;
    if (v > this.#maxUs) this.#maxUs = v;
  }

  get count(): number {
    return this.#count;
  }

  get maxMs(): number {
    return this.#count === 0 ? 0 : this.#maxUs / 1000;
  }

  get minMs(): number {
    return this.#count === 0 ? 0 : this.#minUs / 1000;
  }

  get meanMs(): number {
    return this.#count === 0 ? 0 : this.#sumUs / this.#count / 1000;
  }

  /**
   * The `p`-th percentile (0 < p ≤ 100) in ms by nearest rank: the smallest recorded value with
   * at least p % of the samples at or below it, read as its bucket's upper end (clamped to the
   * exact min and max). 0 when empty.
   */
  percentileMs(p: number): number {
    if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
    if (this.#count === 0) return 0;
    const rank = Math.max(1, Math.ceil((p / 100) * this.#count));
    let seen = 0;
    for (let bucket = 0; bucket < LATENCY_BUCKET_COUNT; bucket++) {
      seen += this.#counts[bucket] ?? 0;
      if (seen >= rank) return Math.min(Math.max(latencyBucketHighUs(bucket), this.#minUs), this.#maxUs) / 1000;
    }
    return this.#maxUs / 1000;
  }

  /** Adds every sample of `other` to this one. */
  add(other: LatencyHistogram): void {
    const data = other.toData();
    for (let i = 0; i < LATENCY_BUCKET_COUNT; i++) this.#counts[i] = (this.#counts[i] ?? 0) + (data.counts[i] ?? 0);
    this.#count += other.count;
    this.#sumUs += data.sumUs;
    if (other.count > 0) {
      this.#minUs = Math.min(this.#minUs, data.minUs);
      this.#maxUs = Math.max(this.#maxUs, data.maxUs);
    }
  }

  /** The raw data (the counts array is shared, not copied: transfer it or drop this histogram). */
  toData(): LatencyHistogramData {
    return { counts: this.#counts, minUs: this.#minUs, maxUs: this.#maxUs, sumUs: this.#sumUs };
  }
}
