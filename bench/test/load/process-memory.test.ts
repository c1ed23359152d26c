import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { RssSampler, kbToMb, parseProcStatusMemory, readProcessMemory } from '@o2o/bench/load';

describe('process memory', () => {
  it('parses VmRSS and VmHWM of a /proc status text', () => {
    const status = 'Name:\tnode\nVmPeak:\t 1200000 kB\nVmHWM:\t  90000 kB\nVmRSS:\t  81920 kB\nThreads:\t11\n';
    assert.deepEqual(parseProcStatusMemory(status), { rssKb: 81_920, peakRssKb: 90_000 });
    assert.equal(parseProcStatusMemory('Name:\tkthreadd\n'), undefined);
    assert.equal(kbToMb(81_920), 80);
  });

  it('reads the RSS of the current process, close to process.memoryUsage', function () {
    if (!existsSync('/proc/self/status')) this.skip();
    const memory = readProcessMemory(process.pid);
    assert.ok(memory !== undefined);
    const rssBytes = process.memoryUsage.rss();
    assert.ok(Math.abs(memory.rssKb * 1024 - rssBytes) / rssBytes < 0.1, `${memory.rssKb} kB vs ${rssBytes} B`);
    assert.ok(memory.peakRssKb >= memory.rssKb);
    assert.equal(readProcessMemory(2 ** 30), undefined);
  });

  it('samples a process once per interval', async function () {
    if (!existsSync('/proc/self/status')) this.skip();
    const sampler = new RssSampler(process.pid, 20);
    sampler.start();
    await new Promise((resolve) => setTimeout(resolve, 110));
    const last = sampler.stop();
    assert.ok(last !== undefined);
    assert.ok(sampler.samples.length >= 4, `${sampler.samples.length} samples`);
    assert.ok((sampler.peakKb ?? 0) >= last.rssKb);
    assert.equal(sampler.sampleAt(0.05), sampler.samples.find((s) => s.atSec >= 0.05));
  });

  it('medianKbBetween is the median RSS of the samples in a window of seconds', async function () {
    if (!existsSync('/proc/self/status')) this.skip();
    const sampler = new RssSampler(process.pid, 10);
    sampler.start();
    await new Promise((resolve) => setTimeout(resolve, 80));
    sampler.stop();
    const medianOf = (kb: number[]): number => {
      const v = [...kb].sort((a, b) => a - b);
      return v.length % 2 === 1 ? v[v.length >> 1]! : Math.round((v[(v.length >> 1) - 1]! + v[v.length >> 1]!) / 2);
    };
    assert.equal(sampler.medianKbBetween(0, Infinity), medianOf(sampler.samples.map((s) => s.rssKb)));
    assert.equal(sampler.medianKbBetween(0.04, Infinity), medianOf(sampler.samples.filter((s) => s.atSec >= 0.04).map((s) => s.rssKb)));
    assert.equal(sampler.medianKbBetween(100, 200), undefined, 'no sample in the window');
    assert.equal(sampler.lastAtSec, sampler.samples.at(-1)!.atSec);
  });
});
