/**
 * One dispatch-worker instance, assembled: the durable store, the domain service, the dispatch
 * loop, metrics, logs, and the HTTP server (lean hot routes in front of the express app). Used by
 * `main.ts`, the tests (port 0 on 127.0.0.1) and the demo.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { H3Regions } from '@o2o/geo';
import type { DispatchConfig } from '@o2o/dispatch-core';
import type { AuthSecret } from './auth/auth-secret.js';
import { TokenVerifier } from './auth/token-verifier.js';
import { TokenIssuer } from './auth/token-issuer.js';
import { createExpressApp } from './http/express-app.js';
import type { IngestConfig } from './http/ingest-routes.js';
import { localLeanBackend } from './http/lean-backend.js';
import { handleLeanRoute } from './http/lean-routes.js';
import { createLogger } from './observability/logger.js';
import { createServiceMetrics, type ServiceMetrics } from './observability/service-metrics.js';
import { DispatchLoop, type EpochReport } from './service/dispatch-loop.js';
import { DispatchService, type Clock } from './service/dispatch-service.js';
import { KEY_PRUNE_EVERY_MS, type ServiceOptions } from './service/service-options.js';
import type { OrderStore } from './store/order-store.js';
import { SqliteOrderStore, type SqliteOrderStoreOptions } from './store/sqlite-order-store.js';
import { WorkerOrderStore } from './store/worker-order-store.js';

/** What one instance and one instance of a city on several (`ScaleoutWorker`) are both tuned with. */
export interface WorkerTuning {
  readonly service?: Partial<ServiceOptions>;
  readonly config?: DispatchConfig;
  readonly ingest?: IngestConfig;
  readonly clock?: Clock;
  /** Default: pino at `logLevel` to stdout. */
  readonly logger?: Logger;
  readonly logLevel?: string;
}

export interface DispatchWorkerOptions extends WorkerTuning {
  readonly secret: AuthSecret;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 8080; 0 picks a free port. */
  readonly port?: number;
  /** The store to use; default a `SqliteOrderStore` opened with `sqlite`. */
  readonly store?: OrderStore;
  readonly sqlite?: SqliteOrderStoreOptions;
  /**
   * Run the SQLite store on its own worker thread (`WorkerOrderStore`). Default false: on the
   * 2-core machine the load bench runs on, the messages cost more CPU than the thread saves
   * (README, "Store on the event loop or on a thread"); with cores to spare, turn it on.
   */
  readonly storeThread?: boolean;
  /** Seconds between epochs; 0 disables the loop (tests drive epochs by hand). Default 5. */
  readonly epochSec?: number;
  readonly epochThreads?: number;
  readonly regions?: H3Regions;
  readonly onEpoch?: (report: EpochReport) => void;
}

export class DispatchWorker {
  private constructor(
    readonly server: Server,
    readonly service: DispatchService,
    readonly loop: DispatchLoop,
    readonly metrics: ServiceMetrics,
    readonly logger: Logger,
    readonly issuer: TokenIssuer,
    readonly url: string,
    private readonly ownsStore: boolean,
  ) {}

  /** Opens the store, restores state, starts the loop and listens. */
  static async start(options: DispatchWorkerOptions): Promise<DispatchWorker> {
    const logger = options.logger ?? createLogger({ level: options.logLevel ?? 'info', name: 'dispatch-worker' });
    const metrics = createServiceMetrics();
    const store: OrderStore =
      options.store ??
      (options.storeThread ?? false ? await WorkerOrderStore.open(options.sqlite) : SqliteOrderStore.open({ ...options.sqlite }));
    let ready = false;
    try {
      const service = await DispatchService.open({
        store,
        metrics,
        ...(options.clock === undefined ? {} : { clock: options.clock }),
        ...(options.service === undefined ? {} : { options: options.service }),
        ...(options.config === undefined ? {} : { config: options.config }),
      });
      const verifier = new TokenVerifier({ secret: options.secret });
      const issuer = new TokenIssuer({ secret: options.secret });
      const app = createExpressApp({ service, verifier, logger, metrics, isReady: () => ready, ...(options.ingest === undefined ? {} : { ingest: options.ingest }) });
      const lean = { backend: localLeanBackend(service, logger), verifier, logger, metrics };
      const server = createServer({ keepAliveTimeout: 65_000, requestTimeout: 30_000 }, (req, res) => {
        if (!handleLeanRoute(lean, req, res)) app(req, res);
      });
      server.on('clientError', (_error, socket) => {
        if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n{"error":{"code":"BAD_REQUEST","message":"malformed HTTP request"}}');
        else socket.destroy();
      });
      const loop = new DispatchLoop(service, {
        epochSec: options.epochSec === undefined || options.epochSec === 0 ? 5 : options.epochSec,
        threads: options.epochThreads ?? 1,
        ...(options.regions === undefined ? {} : { regions: options.regions }),
        onError: (error) => logger.error({ err: error }, 'epoch failed'),
        onEpoch: (report) => {
          logger.info({ epoch: { ...report, durationMs: Math.round(report.durationMs), planMs: Math.round(report.planMs), buildMs: Math.round(report.buildMs), applyMs: Math.round(report.applyMs), etaMs: Math.round(report.etaMs) } }, 'epoch');
          options.onEpoch?.(report);
        },
      });
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port ?? 8080, options.host ?? '127.0.0.1', () => resolve());
      });
      const address = server.address() as AddressInfo;
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      if (options.epochSec !== 0) loop.start();
      const pruner = setInterval(() => {
        service.pruneIdempotencyKeys().then(
          (n) => n > 0 && logger.info({ keys: n, retentionSec: service.options.idempotencyRetentionSec }, 'idempotency keys pruned'),
          (error: unknown) => logger.warn({ err: error }, 'idempotency key pruning failed'),
        );
      }, KEY_PRUNE_EVERY_MS);
      pruner.unref();
      server.once('close', () => clearInterval(pruner));
      ready = true;
      return new DispatchWorker(server, service, loop, metrics, logger, issuer, `http://${host}:${address.port}`, options.store === undefined);
    } catch (error) {
      if (options.store === undefined) await store.close();
      throw error;
    }
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** Stops taking requests, lets the running epoch finish, flushes and closes the store. */
  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    await this.loop.stop();
    await this.service.store.flush();
    if (this.ownsStore) await this.service.store.close();
  }
}
