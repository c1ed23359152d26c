import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { childPids, readProcessCpuSec, readProcessMemory, readProcessTreeCpuSec, readProcessTreeMemory } from '@o2o/bench/load';

describe('process tree figures (/proc)', () => {
  it('finds a child process and adds its CPU and memory to the parent\'s', async function () {
    if (process.platform !== 'linux') this.skip();
    // A child that burns CPU and holds ~50 MB until killed.
    const child = spawn(process.execPath, ['-e', 'const b = Buffer.alloc(50 << 20, 1); const end = Date.now() + 300; while (Date.now() < end); setInterval(() => b[0]++, 1000);'], { stdio: 'ignore' });
    try {
      await new Promise((r) => setTimeout(r, 600));
      assert.ok(childPids(process.pid).includes(child.pid!));
      const own = readProcessCpuSec(process.pid)!;
      const tree = readProcessTreeCpuSec(process.pid)!;
      assert.ok(tree >= own + 0.2, `tree CPU ${tree} s includes the child's ~0.3 s over own ${own} s`);
      const ownRss = readProcessMemory(process.pid)!.rssKb;
      const treeRss = readProcessTreeMemory(process.pid)!.rssKb;
      assert.ok(treeRss >= ownRss + 40 * 1024, `tree RSS ${treeRss} kB includes the child's 50 MB over own ${ownRss} kB`);
      assert.equal(readProcessTreeCpuSec(2 ** 22 + 12345), undefined);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
