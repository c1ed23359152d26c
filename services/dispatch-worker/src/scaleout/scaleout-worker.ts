/**
 * One dispatch-worker instance of a city run on several instances over Redis (docs/scaling.md):
 * it serves HTTP for the whole city (routing each request to its region's owner,
 * {@link RegionRouter}) and owns a share of the city's regions ({@link RegionHost}): for each one
 * a fenced store, a domain service, a dispatch loop and the region's intake consumer.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { hostname } from 'node:os';
import type { AddressInfo } from 'node:net';
import { EpochPool, ORDER_STATUSES, type OrderStatus } from '@o2o/dispatch-core';
import { H3Regions } from '@o2o/geo';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { AuthSecret } from '../auth/auth-secret.js';
import { TokenIssuer } from '../auth/token-issuer.js';
import { TokenVerifier } from '../auth/token-verifier.js';
import type { WorkerTuning } from '../dispatch-worker.js';
import { sendError, sendJson } from '../http/http-kit.js';
import { requestIdOf } from '../observability/request-id.js';
import { createLogger } from '../observability/logger.js';
import { createServiceMetrics, type ServiceMetrics } from '../observability/service-metrics.js';
import { EPOCH_THREAD_NICENESS, type EpochReport } from '../service/dispatch-loop.js';
import { OrderStoreError } from '../store/order-store-error.js';
import { checkCity, replyChannel } from './city-keys.js';
import { InstanceRegistry } from './instance-registry.js';
import { ReplyHub } from './reply-hub.js';
import { RegionDirectory } from './region-directory.js';
import { RegionHost } from './region-host.js';
import { RegionRouter } from './region-router.js';
import { RegionRuntime } from './region-runtime.js';

export interface ScaleoutWorkerOptions extends WorkerTuning {
  readonly secret: AuthSecret;
  readonly redisUrl: string;
  /** The city's name: its keys live under `o2o:{<city>}:` and `o2o:{<city>.<region>}:`. */
  readonly city: string;
  /** H3 resolution of the regions (default 6, cells of about 36 km²). */
  readonly regionResolution?: number;
  /** Default: `<hostname>-<pid>-<random>`. */
  readonly instanceId?: string;
  /** Region lease TTL (default 2,000 ms): a dead instance's regions are free after it. */
  readonly leaseTtlMs?: number;
  /** Default 127.0.0.1; port 0 picks a free one. */
  readonly host?: string;
  readonly port?: number;
  /** Seconds between epochs of each region; 0: no loop. Default 5. */
  readonly epochSec?: number;
  /** Planning threads shared by the regions held here. Default 1. */
  readonly epochThreads?: number;
  /** How long a creation waits for its region's owner before answering 202. Default 10,000 ms. */
  readonly intakeTimeoutMs?: number;
  /** Intake entries left pending this long by another consumer are claimed. Default 1,000 ms. */
  readonly claimIdleMs?: number;
  readonly onEpoch?: (region: string, report: EpochReport) => void;
  readonly onRegionChange?: (change: { region: string; held: boolean; token?: number; reason: string }) => void;
}

export class ScaleoutWorker {
  private constructor(
    readonly server: Server,
    readonly host: RegionHost,
    readonly router: RegionRouter,
    readonly metrics: ServiceMetrics,
    readonly logger: Logger,
    readonly issuer: TokenIssuer,
    readonly url: string,
    readonly instanceId: string,
    private readonly closers: (() => Promise<unknown>)[],
  ) {}

  static async start(o: ScaleoutWorkerOptions): Promise<ScaleoutWorker> {
    const city = checkCity(o.city);
    const logger = o.logger ?? createLogger({ level: o.logLevel ?? 'info', name: 'dispatch-worker' });
    const metrics = createServiceMetrics();
    const instanceId = o.instanceId ?? `${hostname().replace(/[^A-Za-z0-9_-]/g, '')}-${process.pid}-${randomBytes(3).toString('hex')}`;
    const leaseTtlMs = o.leaseTtlMs ?? 2_000;
    const redis = new Redis(o.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2 });
    redis.on('error', () => undefined);
    try {
      await redis.connect();
    } catch (error) {
      redis.disconnect();
      throw new OrderStoreError('WRITE_FAILED', `cannot reach Redis at ${o.redisUrl}: ${(error as Error).message}`, { cause: error });
    }
    const closers: (() => Promise<unknown>)[] = [];
    try {
      const verifier = new TokenVerifier({ secret: o.secret });
      const issuer = new TokenIssuer({ secret: o.secret });
      const subscriber = redis.duplicate();
      subscriber.on('error', () => undefined);
      const replies = await ReplyHub.open(subscriber, replyChannel(city, instanceId), instanceId);
      closers.push(() => replies.close());
      const directory = new RegionDirectory(redis, city);
      const regions = new H3Regions({ resolution: o.regionResolution ?? 6 });
      const pool = new EpochPool(o.epochThreads ?? 1, { workers: true, threadNiceness: EPOCH_THREAD_NICENESS });
      let ready = false;
      let url = '';
      const local = (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse): void => {
        const path = (req.url ?? '/').split('?')[0]!.replace(/\/+$/, '');
        if (path === '/healthz') return sendJson(res, 200, { status: 'ok' });
        if (path === '/readyz') return ready ? sendJson(res, 200, { status: 'ready', regions: host.held() }) : sendJson(res, 503, { status: 'starting' });
        if (path === '/metrics') {
          // As the express app's /metrics: the service metrics' rendering, a failure answered as an error.
          metrics.render().then(
            ({ contentType, body }) => {
              res.writeHead(200, { 'content-type': contentType });
              res.end(body);
            },
            (error: unknown) => sendError({ logger, metrics }, res, error, requestIdOf(req.headers['x-request-id'])),
          );
          return;
        }
        const anyRuntime = host.runtimesHeld().next().value as RegionRuntime | undefined;
        if (anyRuntime !== undefined) return anyRuntime.serve(req, res);
        sendJson(res, 404, { error: { code: 'NOT_FOUND', message: `no route ${req.method} ${path}` } });
      };
      const server = createServer({ keepAliveTimeout: 65_000, requestTimeout: 30_000 }, (req, res) => router.handle(req, res));
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(o.port ?? 8080, o.host ?? '127.0.0.1', () => resolve());
      });
      closers.unshift(
        () =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      );
      const address = server.address() as AddressInfo;
      url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
      const registry = new InstanceRegistry(redis, city, instanceId, url, leaseTtlMs);
      const countsByStatus = (): Record<OrderStatus, number> => {
        const sum = Object.fromEntries(ORDER_STATUSES.map((s) => [s, 0])) as Record<OrderStatus, number>;
        for (const rt of host.runtimesHeld()) {
          const c = rt.service.countsByStatus();
          for (const s of ORDER_STATUSES) sum[s] += c[s];
        }
        return sum;
      };
      const host: RegionHost = new RegionHost({
        redis,
        city,
        registry,
        directory,
        logger,
        leaseTtlMs,
        openRegion: (region, lease) =>
          RegionRuntime.open({
            city,
            region,
            lease,
            instanceId,
            redisUrl: o.redisUrl,
            directory,
            regions,
            verifier,
            logger,
            metrics,
            pool,
            epochSec: o.epochSec ?? 5,
            onLeaseLost: (r) => host.leaseLost(r),
            ...(o.claimIdleMs === undefined ? {} : { claimIdleMs: o.claimIdleMs }),
            ...(o.service === undefined ? {} : { service: o.service }),
            ...(o.config === undefined ? {} : { config: o.config }),
            ...(o.ingest === undefined ? {} : { ingest: o.ingest }),
            ...(o.clock === undefined ? {} : { clock: o.clock }),
            ...(o.onEpoch === undefined ? {} : { onEpoch: o.onEpoch }),
          }),
        onChange: (change) => {
          // Each region's service points the orders-by-state gauge at itself when it opens: point it at the sum.
          metrics.setOrdersByStateSource(countsByStatus);
          o.onRegionChange?.(change);
        },
      });
      const router = new RegionRouter({
        city,
        host,
        directory,
        registry,
        regions,
        verifier,
        logger,
        metrics,
        redis,
        replies,
        intakeTimeoutMs: o.intakeTimeoutMs ?? 10_000,
        local,
        selfUrl: () => url,
      });
      await host.start();
      closers.splice(1, 0, () => host.stop(), () => pool.close());
      ready = true;
      closers.push(() => redis.quit().catch(() => redis.disconnect()));
      return new ScaleoutWorker(server, host, router, metrics, logger, issuer, url, instanceId, closers);
    } catch (error) {
      for (const close of closers) await close().catch(() => undefined);
      redis.disconnect();
      throw error;
    }
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** Stops serving, closes every region (writes flushed, leases released) and disconnects. */
  async close(): Promise<void> {
    for (const close of this.closers) await close().catch((error: unknown) => this.logger.warn({ err: error }, 'close step failed'));
  }
}
