/**
 * A local redis-server child process (Debian's `redis-server`), for the load bench's
 * `--backend redis` and the Redis tests: a free loopback port, its files in `dir`, no RDB
 * snapshots, AOF as asked; stopped by PID. Not for production (run Redis as a service there).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** Path of `redis-server`, or undefined when it is not installed. */
export function findRedisServer(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  const path = found.stdout.trim();
  return found.status === 0 && path !== '' ? path : undefined;
}

export interface LocalRedisOptions {
  /** Working folder (AOF files). */
  readonly dir: string;
  /** AOF fsync policy, or `off` for no AOF (default `off`). */
  readonly appendfsync?: 'always' | 'everysec' | 'off';
  /** The binary (default: `redis-server` on the PATH). */
  readonly binary?: string;
}

async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export class LocalRedisServer {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    private readonly exited: Promise<void>,
  ) {}

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** @throws {Error} when redis-server is not installed, exits, or is not ready within 10 s. */
  static async start(options: LocalRedisOptions): Promise<LocalRedisServer> {
    const binary = options.binary ?? findRedisServer();
    if (binary === undefined) throw new Error('redis-server not found: install it (Debian: `apt-get install -y redis-server`)');
    const port = await freeLoopbackPort();
    const fsync = options.appendfsync ?? 'off';
    const aof = fsync === 'off' ? ['--appendonly', 'no'] : ['--appendonly', 'yes', '--appendfsync', fsync];
    const child = spawn(binary, ['--bind', '127.0.0.1', '--port', String(port), '--dir', options.dir, '--save', '', ...aof], { stdio: ['ignore', 'pipe', 'pipe'] });
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
    return new LocalRedisServer(child, `redis://127.0.0.1:${port}`, exited);
  }

  /** SIGTERM, SIGKILL after 3 s; resolves once it has exited. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 3_000);
    await this.exited;
    clearTimeout(timer);
  }

  /** SIGKILL now (e.g. from an exit handler). */
  killNow(): void {
    this.child.kill('SIGKILL');
  }
}
