import assert from 'node:assert/strict';
import { LATENCY_BUCKET_COUNT, LatencyHistogram, latencyBucketHighUs, latencyBucketOf } from '@o2o/bench/load';
import { mulberry32 } from '@o2o/geo';

/** Nearest-rank percentile of sorted values. */
function sortedPercentile(sorted: readonly number[], p: number): number {
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1] as number;
}

describe('LatencyHistogram', () => {
  it('gives every value a bucket whose upper end is within 0.1 % above it', () => {
    const rng = mulberry32(7);
    for (let i = 0; i < 20_000; i++) {
      const valueUs = Math.floor(Math.exp(rng() * Math.log(2 ** 40)));
      const bucket = latencyBucketOf(valueUs);
      assert.ok(bucket >= 0 && bucket < LATENCY_BUCKET_COUNT, `bucket ${bucket} of ${valueUs}`);
      const high = latencyBucketHighUs(bucket);
      assert.ok(high >= valueUs && high - valueUs <= valueUs / 1024, `value ${valueUs} high ${high}`);
      if (bucket > 0) assert.ok(latencyBucketHighUs(bucket - 1) < valueUs, `value ${valueUs} fits the bucket below`);
    }
    assert.equal(latencyBucketOf(2 ** 45), LATENCY_BUCKET_COUNT - 1);
  });

  it('matches percentiles of a sort within the bucket resolution', () => {
    const rng = mulberry32(11);
    const histogram = new LatencyHistogram();
    const valuesUs: number[] = [];
    for (let i = 0; i < 100_000; i++) {
      // Mostly 1–10 ms, a tail up to seconds.
      const valueUs = rng() < 0.98 ? Math.floor(1_000 + rng() * 9_000) : Math.floor(10_000 + rng() * 3_000_000);
      valuesUs.push(valueUs);
      histogram.recordUs(valueUs);
    }
    valuesUs.sort((a, b) => a - b);
    for (const p of [0.1, 1, 50, 90, 99, 99.9, 99.99, 100]) {
      const expectedMs = sortedPercentile(valuesUs, p) / 1000;
      const actualMs = histogram.percentileMs(p);
      assert.ok(actualMs >= expectedMs && actualMs - expectedMs <= expectedMs / 1024 + 0.001, `p${p}: ${actualMs} vs ${expectedMs}`);
    }
    assert.equal(histogram.count, 100_000);
    assert.equal(histogram.maxMs, (valuesUs.at(-1) as number) / 1000);
    assert.equal(histogram.minMs, (valuesUs[0] as number) / 1000);
    const meanUs = valuesUs.reduce((a, b) => a + b, 0) / valuesUs.length;
    assert.ok(Math.abs(histogram.meanMs - meanUs / 1000) < 1e-9);
  });

  it('is exact below 2 ms, records ms as rounded µs, and reads 0 when empty', () => {
    const histogram = new LatencyHistogram();
    assert.equal(histogram.percentileMs(99), 0);
    for (const ms of [0.25, 0.5, 1, 1.5, -3]) histogram.recordMs(ms);
    assert.deepEqual([50, 80, 100].map((p) => histogram.percentileMs(p)), [0.5, 1, 1.5]);
    assert.equal(histogram.minMs, 0);
    assert.throws(() => histogram.percentileMs(0), /percentile must be in \(0, 100\], got 0/);
  });

  it('round-trips through its data and adds another histogram', () => {
    const a = new LatencyHistogram();
    const b = new LatencyHistogram();
    for (let i = 1; i <= 100; i++) (i % 2 === 0 ? a : b).recordMs(i);
    const copy = new LatencyHistogram(a.toData());
    assert.equal(copy.count, 50);
    assert.equal(copy.percentileMs(100), 100);
    copy.add(b);
    assert.equal(copy.count, 100);
    assert.equal(copy.minMs, 1);
    assert.ok(Math.abs(copy.percentileMs(50) - 50) <= 50 / 1024);
    assert.throws(() => new LatencyHistogram({ counts: new Float64Array(3), minUs: 0, maxUs: 0, sumUs: 0 }), /must have 32768 entries, got 3/);
  });
});
