/**
 * One region served by this instance while it holds the region's lease: the region's store
 * (fenced by the lease: once the lease is lost, nothing it writes lands), its domain service
 * restored from Redis, its dispatch loop, its intake consumer, and the express app and lean
 * handler its requests run on.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EpochPool, DispatchConfig } from '@o2o/dispatch-core';
import type { H3Regions } from '@o2o/geo';
import type { Logger } from 'pino';
import type { Redis } from 'ioredis';
import type { CreateOrderBody } from '../api/api-types.js';
import type { Principal } from '../auth/principal.js';
import type { TokenVerifier } from '../auth/token-verifier.js';
import { createExpressApp } from '../http/express-app.js';
import { loggedErrorAnswer } from '../http/http-kit.js';
import type { IngestConfig } from '../http/ingest-routes.js';
import { localLeanBackend, type LeanBackend } from '../http/lean-backend.js';
import { handleLeanRoute } from '../http/lean-routes.js';
import type { OrderSource, ServiceMetrics } from '../observability/service-metrics.js';
import { DispatchLoop, type EpochReport } from '../service/dispatch-loop.js';
import { DispatchService, type Clock } from '../service/dispatch-service.js';
import { DEFAULT_SERVICE_OPTIONS, type ServiceOptions } from '../service/service-options.js';
import { OrderStoreError } from '../store/order-store-error.js';
import { RedisOrderStore } from '../store/redis-order-store.js';
import type { HeldLease } from '../store/region-lease.js';
import { intakeStreamKey, regionNamespace } from './city-keys.js';
import { BorderRiders } from './border-riders.js';
import { IntakeConsumer, type IntakeEntry, type IntakeOutcome } from './order-intake.js';
import type { RegionDirectory } from './region-directory.js';

export interface RegionRuntimeOptions {
  readonly city: string;
  readonly region: string;
  readonly lease: HeldLease;
  readonly instanceId: string;
  readonly redisUrl: string;
  readonly directory: RegionDirectory;
  /** The city's regions (the router's): who is near a border. */
  readonly regions: H3Regions;
  readonly verifier: TokenVerifier;
  readonly logger: Logger;
  readonly metrics: ServiceMetrics;
  readonly pool: EpochPool;
  /** Seconds between epochs; 0: no loop (tests drive epochs). */
  readonly epochSec: number;
  readonly service?: Partial<ServiceOptions>;
  readonly config?: DispatchConfig;
  readonly ingest?: IngestConfig;
  readonly clock?: Clock;
  readonly claimIdleMs?: number;
  readonly onEpoch?: (region: string, report: EpochReport) => void;
  /** Called once when a write finds the lease taken over (the host then drops the region). */
  readonly onLeaseLost: (region: string) => void;
}

/** Names the lease (`<instance>|<token>`) under which a region's request was served. */
export const LEASE_HEADER = 'x-o2o-region-lease';

export class RegionRuntime {
  private closed = false;

  private constructor(
    readonly region: string,
    readonly lease: HeldLease,
    readonly store: RedisOrderStore,
    readonly service: DispatchService,
    readonly loop: DispatchLoop,
    readonly intake: IntakeConsumer,
    readonly lean: LeanBackend,
    private readonly app: (req: IncomingMessage, res: ServerResponse) => void,
    private readonly leanDeps: Parameters<typeof handleLeanRoute>[0],
    private readonly reader: Redis,
  ) {}

  /** Opens the region's store under `lease`, restores it, and starts its intake and loop. */
  static async open(o: RegionRuntimeOptions): Promise<RegionRuntime> {
    const store = await RedisOrderStore.open({
      url: o.redisUrl,
      namespace: regionNamespace(o.city, o.region),
      idempotencyRetentionMs: (o.service?.idempotencyRetentionSec ?? DEFAULT_SERVICE_OPTIONS.idempotencyRetentionSec) * 1000,
    });
    store.setFence(o.lease);
    const epochSec = o.epochSec === 0 ? 5 : o.epochSec;
    // Claims and guest boards live under the city's prefix: the store's connection reaches them too.
    const border = new BorderRiders(store.connection, o.city, o.region, o.regions, Math.ceil(epochSec * 3));
    let reader: Redis | undefined;
    try {
      const service = await DispatchService.open({
        store,
        metrics: o.metrics,
        ...(o.clock === undefined ? {} : { clock: o.clock }),
        ...(o.service === undefined ? {} : { options: o.service }),
        ...(o.config === undefined ? {} : { config: o.config }),
        riderGate: border,
      });
      const app = createExpressApp({ service, verifier: o.verifier, logger: o.logger, metrics: o.metrics, isReady: () => true, ...(o.ingest === undefined ? {} : { ingest: o.ingest }) });
      const lean = localLeanBackend(service, o.logger);
      const leanDeps = { backend: lean, verifier: o.verifier, logger: o.logger, metrics: o.metrics };
      const loop = new DispatchLoop(service, {
        epochSec,
        pool: o.pool,
        beforeEpoch: async (now) => {
          await border.share(service, now);
        },
        onError: (error) => {
          if (error instanceof OrderStoreError && error.code === 'LEASE_LOST') o.onLeaseLost(o.region);
          else o.logger.error({ err: error, region: o.region }, 'epoch failed');
        },
        ...(o.onEpoch === undefined ? {} : { onEpoch: (report: EpochReport) => o.onEpoch!(o.region, report) }),
      });
      reader = store.connection.duplicate();
      reader.on('error', () => undefined);
      const handle = (entry: IntakeEntry): Promise<IntakeOutcome> => runIntakeEntry(service, o, entry);
      const intake = new IntakeConsumer(reader, store.connection, intakeStreamKey(o.city, o.region), o.instanceId, handle, {
        ...(o.claimIdleMs === undefined ? {} : { claimIdleMs: o.claimIdleMs }),
        onError: (error) => o.logger.warn({ err: error, region: o.region }, 'intake read failed'),
      });
      const runtime = new RegionRuntime(o.region, o.lease, store, service, loop, intake, lean, app, leanDeps, reader);
      await intake.start();
      if (o.epochSec !== 0) loop.start();
      return runtime;
    } catch (error) {
      reader?.disconnect();
      await store.close();
      throw error;
    }
  }

  /** Serves one request of this region (the lean hot routes, else the express app). */
  serve(req: IncomingMessage, res: ServerResponse): void {
    // Which lease served it (owner and fencing token): clients and the failover drill can tell a stale owner.
    res.setHeader(LEASE_HEADER, this.lease.holder);
    if (!handleLeanRoute(this.leanDeps, req, res)) this.app(req, res);
  }

  /**
   * Stops the region: no more intake reads, the running epoch finishes, pending writes land.
   * The lease is released by the caller when it still holds it.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.intake.stop();
    await this.loop.stop();
    await this.store.flush().catch(() => undefined);
    await this.store.close();
    this.reader.disconnect();
  }
}

/** Runs one intake entry on the region's service: the order's answer, or `retry` when the store cannot take writes. */
async function runIntakeEntry(service: DispatchService, o: RegionRuntimeOptions, entry: IntakeEntry): Promise<IntakeOutcome> {
  try {
    const principal = Object.freeze(JSON.parse(entry.principalJson)) as Principal;
    // The enqueuing instance checked the body (`checkCreateOrderBody`) and wrote the checked one.
    const answer = await service.createCheckedOrder(principal, JSON.parse(entry.bodyText) as CreateOrderBody, entry.idempotencyKey, entry.source as OrderSource);
    return {
      status: 201,
      bodyText: answer.bodyText ?? JSON.stringify(answer.body),
      headers: answer.replayed ? { 'idempotent-replayed': 'true', [LEASE_HEADER]: o.lease.holder } : { [LEASE_HEADER]: o.lease.holder },
      // Written before the reply goes out (also on a replay: the run that created it may have died before recording it).
      hsetnx: o.directory.entry('order', answer.body.id, o.region),
    };
  } catch (error) {
    if (error instanceof OrderStoreError && (error.code === 'LEASE_LOST' || error.code === 'WRITE_FAILED')) {
      if (error.code === 'LEASE_LOST') o.onLeaseLost(o.region);
      return 'retry';
    }
    const answer = loggedErrorAnswer(o.logger, error, entry.requestId);
    return { status: answer.status, bodyText: JSON.stringify(answer.body), headers: { ...answer.headers, [LEASE_HEADER]: o.lease.holder } };
  }
}
