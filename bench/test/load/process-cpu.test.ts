import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { parseProcStatCpuSec, readProcessCpuSec } from '@o2o/bench/load';

describe('process CPU', () => {
  it('reads utime + stime of a /proc stat line, whatever the command name holds', () => {
    const stat = '4242 (node (load) x) S 1 4242 4242 0 -1 4194560 9000 0 0 0 1234 56 0 0 20 0 11 0 100 1000000 20000 18446744073709551615';
    assert.equal(parseProcStatCpuSec(stat), 12.9);
    assert.equal(parseProcStatCpuSec('4242 (node) S 1'), undefined);
  });

  it('follows the CPU time of the current process', function () {
    if (!existsSync('/proc/self/stat')) this.skip();
    const before = readProcessCpuSec(process.pid);
    const usageBefore = process.cpuUsage();
    const until = performance.now() + 200;
    while (performance.now() < until); // burn 200 ms
    const after = readProcessCpuSec(process.pid);
    const usage = process.cpuUsage(usageBefore);
    assert.ok(before !== undefined && after !== undefined);
    const expectedSec = (usage.user + usage.system) / 1e6;
    assert.ok(Math.abs(after - before - expectedSec) <= 0.05, `${after - before} s vs ${expectedSec} s`);
    assert.equal(readProcessCpuSec(2 ** 30), undefined);
  });
});
