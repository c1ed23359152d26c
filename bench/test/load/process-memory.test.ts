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
});
