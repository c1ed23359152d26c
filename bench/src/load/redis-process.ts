/**
 * A redis-server for `o2o-bench load --backend redis`: started on a free loopback port with its
 * files in the run's data folder, AOF on with `appendfsync always` (each acknowledged write on
 * disk, as the SQLite store's fsync per group commit), stopped at the end.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export class RedisProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    private readonly exited: Promise<void>,
  ) {}

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** @throws {Error} when redis-server is not installed or does not start within 10 s. */
  static async start(dir: string, appendfsync: 'always' | 'everysec' = 'always'): Promise<RedisProcess> {
    const which = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
    const binary = which.stdout.trim();
    if (which.status !== 0 || binary === '') throw new Error('--backend redis needs redis-server (Debian: apt-get install -y redis-server)');
    const port = await new Promise<number>((resolve, reject) => {
      const s = createServer();
      s.once('error', reject);
      s.listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const child = spawn(binary, ['--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--save', '', '--appendonly', 'yes', '--appendfsync', appendfsync], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    let out = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis-server did not start within 10 s: ${out}`)), 10_000);
      child.stdout!.on('data', (d: Buffer) => {
        out += String(d);
        if (/Ready to accept connections/.test(out)) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited (${code}): ${out}`));
      });
    });
    return new RedisProcess(child, `redis://127.0.0.1:${port}`, exited);
  }

  /** SIGTERM, SIGKILL after 3 s. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 3_000);
    await this.exited;
    clearTimeout(timer);
  }

  killNow(): void {
    this.child.kill('SIGKILL');
  }
}
