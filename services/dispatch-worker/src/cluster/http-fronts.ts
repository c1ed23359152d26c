/**
 * Starts `count` HTTP fronts (node:cluster workers sharing the public port; the primary accepts
 * and hands connections round-robin) in front of the writer, which keeps the service, the
 * store and the dispatch loop. A front that dies is replaced; {@link HttpFronts.stop} drains them.
 */
import cluster, { type Worker } from 'node:cluster';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { LeanBackend } from '../http/lean-backend.js';
import type { ServiceMetrics } from '../observability/service-metrics.js';
import { serveFront } from './front-gateway.js';
import { FRONT_CONFIG_ENV, type FrontConfig } from './front-wire.js';

const EXT = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
/** The fronts' entry point. */
export const FRONT_MAIN_PATH = fileURLToPath(new URL(`./front-main${EXT}`, import.meta.url));

export interface HttpFrontsOptions {
  readonly count: number;
  /** Public interface and port (0: any free port, shared by every front). */
  readonly host: string;
  readonly port: number;
  /** The writer's internal server. */
  readonly targetUrl: string;
  readonly logLevel: string;
  /** The signing secret's text, handed to the fronts as `O2O_AUTH_SECRET`. */
  readonly secretText: string;
  readonly backend: LeanBackend;
  readonly metrics: Pick<ServiceMetrics, 'observeRequest'>;
  readonly logger: Logger;
  /** How long a front may take to start listening (default 30 s). */
  readonly startTimeoutMs?: number;
}

export interface HttpFronts {
  /** The public URL, e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  /** PIDs of the fronts running now. */
  readonly pids: readonly number[];
  /** Asks every front to finish its requests and exit; kills those still running after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export async function startHttpFronts(options: HttpFrontsOptions): Promise<HttpFronts> {
  if (!cluster.isPrimary) throw new Error('HTTP fronts are started from the primary process');
  cluster.setupPrimary({ exec: FRONT_MAIN_PATH, args: [], serialization: 'advanced' });
  let config: FrontConfig = { host: options.host, port: options.port, targetUrl: options.targetUrl, logLevel: options.logLevel };
  const workers = new Set<Worker>();
  let stopping = false;
  const fork = (): Worker => {
    const worker = cluster.fork({ [FRONT_CONFIG_ENV]: JSON.stringify(config), O2O_AUTH_SECRET: options.secretText });
    workers.add(worker);
    serveFront({ on: (e, l) => worker.on(e, l), send: (m) => worker.send(m), isConnected: () => worker.isConnected() }, options.backend, options.metrics);
    worker.on('exit', (code, signal) => {
      workers.delete(worker);
      if (stopping) return;
      options.logger.error({ pid: worker.process.pid, code, signal }, 'HTTP front exited; starting another');
      fork();
    });
    return worker;
  };
  const first = Array.from({ length: options.count }, fork);
  const timeoutMs = options.startTimeoutMs ?? 30_000;
  let addresses: { address: string; port: number }[];
  try {
    addresses = await Promise.all(
      first.map(
        (w) =>
          new Promise<{ address: string; port: number }>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`an HTTP front did not listen within ${timeoutMs} ms`)), timeoutMs);
            w.once('listening', (a) => {
              clearTimeout(timer);
              resolve(a);
            });
            w.once('exit', (code) => {
              clearTimeout(timer);
              reject(new Error(`an HTTP front exited (code ${code}) before listening`));
            });
          }),
      ),
    );
  } catch (error) {
    stopping = true;
    for (const w of workers) w.process.kill('SIGKILL');
    throw error;
  }
  const { address, port } = addresses[0]!;
  // A replacement front listens on the port the first ones got.
  config = { ...config, port };
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}`,
    get pids() {
      return [...workers].map((w) => w.process.pid ?? -1);
    },
    async stop(graceMs = 6_000): Promise<void> {
      stopping = true;
      const exits = [...workers].map((w) => new Promise<void>((resolve) => (w.isDead() ? resolve() : w.once('exit', () => resolve()))));
      for (const w of workers) if (w.isConnected()) w.send({ type: 'o2o:stop' });
      const timer = setTimeout(() => {
        for (const w of workers) w.process.kill('SIGKILL');
      }, graceMs);
      await Promise.all(exits);
      clearTimeout(timer);
    },
  };
}
