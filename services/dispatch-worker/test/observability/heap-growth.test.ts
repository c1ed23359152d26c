/**
 * `applyHeapGrowingPercent` really bounds the heap V8 keeps: two child processes hold the same
 * live set and promote the same garbage through many full GCs, one with V8's own heuristics and
 * one with the service's default growing factor; the second ends with a much smaller heap.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { applyHeapGrowingPercent, DEFAULT_HEAP_GROWING_PERCENT, parseServiceConfig } from '@o2o/dispatch-worker';

const HEAP_GROWTH_MODULE = pathToFileURL(createRequire(import.meta.url).resolve('@o2o/dispatch-worker')).href;

/** Peak `heapTotal` (MB) of a child that keeps ~40 MB live and churns garbage that lives long enough to be promoted, with `percent` (0: V8's default). */
function peakHeapTotalMb(percent: number): number {
  const script = `
    const { applyHeapGrowingPercent } = await import(${JSON.stringify(HEAP_GROWTH_MODULE)});
    applyHeapGrowingPercent(${percent});
    const live = Array.from({ length: 400 }, () => new Array(12_500).fill(0).map((_, i) => i + 0.5)); // ~40 MB of boxed doubles
    let peak = 0;
    const window = [];
    for (let round = 0; round < 1_500; round++) {
      // Garbage that survives 200 rounds, so it is promoted and dies in the old generation.
      window.push(Array.from({ length: 5_000 }, (_, i) => ({ i, s: 'x' + i })));
      if (window.length > 200) window.shift();
      if (round % 20 === 0) await new Promise((r) => setImmediate(r));
      peak = Math.max(peak, process.memoryUsage().heapTotal);
    }
    console.log(JSON.stringify({ peakMb: peak / 1048576, live: live.length }));
  `;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
  return (JSON.parse(out.trim().split('\n').pop() as string) as { peakMb: number }).peakMb;
}

describe('heap growth', function () {
  this.timeout(120_000);

  it("the default growing factor keeps a much smaller heap than V8 left to itself, for the same work", () => {
    const own = peakHeapTotalMb(0);
    const bounded = peakHeapTotalMb(DEFAULT_HEAP_GROWING_PERCENT);
    assert.ok(bounded < own * 0.8, `heapTotal peak ${bounded.toFixed(0)} MB with ${DEFAULT_HEAP_GROWING_PERCENT} % vs ${own.toFixed(0)} MB with V8's heuristics`);
  });

  it('is configured by --heap-growing-percent / O2O_HEAP_GROWING_PERCENT (default 35, 0 = V8), checked', () => {
    assert.equal(parseServiceConfig([], {}).heapGrowingPercent, 35);
    assert.equal(parseServiceConfig(['--heap-growing-percent', '0'], { O2O_HEAP_GROWING_PERCENT: '80' }).heapGrowingPercent, 0);
    assert.equal(parseServiceConfig([], { O2O_HEAP_GROWING_PERCENT: '80' }).heapGrowingPercent, 80);
    assert.throws(() => parseServiceConfig(['--heap-growing-percent', '-5'], {}), /--heap-growing-percent must be an integer in \[0, 300\]/);
    assert.throws(() => applyHeapGrowingPercent(1.5), /integer in \[0, 300\]/);
  });
});
