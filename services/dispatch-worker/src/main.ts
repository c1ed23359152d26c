#!/usr/bin/env node
/**
 * `o2o-dispatch-worker [flags]`: runs the service (see `service-config.ts` for flags and env).
 * Prints `o2o-dispatch listening on <url>` once it serves; with `--demo` also an admin token and
 * what the demo city is doing. SIGINT/SIGTERM stop it cleanly (every accepted write committed).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { AuthSecret, AUTH_SECRET_ENV } from './auth/auth-secret.js';
import { startHttpFronts, type HttpFronts } from './cluster/http-fronts.js';
import { DemoFeed } from './demo/demo-feed.js';
import { DispatchWorker } from './dispatch-worker.js';
import { applyHeapGrowingPercent } from './observability/heap-growth.js';
import { localLeanBackend } from './http/lean-backend.js';
import { RedisOrderStore } from './store/redis-order-store.js';
import { compileFieldMapping, type FieldMapping } from './ingest/field-mapping.js';
import { ScaleoutWorker } from './scaleout/scaleout-worker.js';
import { parseServiceConfig, ServiceConfigError, type ServiceConfig } from './service-config.js';

async function main(): Promise<void> {
  const config = parseServiceConfig(process.argv.slice(2));
  applyHeapGrowingPercent(config.heapGrowingPercent);
  let secret: AuthSecret;
  let secretText: string;
  if (process.env[AUTH_SECRET_ENV] !== undefined && process.env[AUTH_SECRET_ENV] !== '') {
    secret = AuthSecret.fromEnv();
    secretText = process.env[AUTH_SECRET_ENV];
  } else if (config.demo) {
    secretText = randomBytes(48).toString('base64url');
    secret = AuthSecret.from(secretText, 'a random demo secret');
  } else {
    throw new ServiceConfigError(AUTH_SECRET_ENV, 'must be set to a secret of at least 32 bytes (e.g. `openssl rand -base64 48`); only --demo makes one up', null);
  }
  const mappings = new Map<string, FieldMapping>();
  for (const file of config.ingestMappings) {
    const mapping = compileFieldMapping(JSON.parse(readFileSync(file, 'utf8')));
    mappings.set(mapping.name, mapping);
  }
  if (config.city !== undefined) {
    await runCityInstance(config, secret);
    return;
  }
  // With HTTP fronts, the writer's own server is internal (loopback, any port): the fronts serve the public one.
  const fronted = config.httpWorkers > 0;
  const redisStore = config.store === 'redis' ? await RedisOrderStore.open({ url: config.redisUrl, namespace: config.redisNamespace, idempotencyRetentionMs: config.idempotencyRetentionSec * 1000 }) : undefined;
  let worker: DispatchWorker;
  try {
    worker = await DispatchWorker.start({
      secret,
      ...(redisStore === undefined ? {} : { store: redisStore }),
      host: fronted ? '127.0.0.1' : config.host,
      port: fronted ? 0 : config.port,
      sqlite: { dataDir: config.dataDir, commitWindowMs: config.commitWindowMs, maxBatch: config.commitMaxBatch, cacheSizeMb: config.sqliteCacheMb },
      storeThread: config.storeThread,
      epochSec: config.epochSec,
      epochThreads: config.epochThreads,
      service: { offerTtlSec: config.offerTtlSec, promiseSec: config.promiseSec, maxPendingWrites: config.maxPendingWrites, idempotencyRetentionSec: config.idempotencyRetentionSec },
      logLevel: config.logLevel,
      ingest: { mappings },
    });
  } catch (error) {
    await redisStore?.close();
    throw error;
  }
  let fronts: HttpFronts | undefined;
  if (fronted) {
    try {
      fronts = await startHttpFronts({
        count: config.httpWorkers,
        host: config.host,
        port: config.port,
        targetUrl: worker.url,
        logLevel: config.logLevel,
        secretText,
        backend: localLeanBackend(worker.service, worker.logger),
        metrics: worker.metrics,
        logger: worker.logger,
      });
    } catch (error) {
      await worker.close();
      throw error;
    }
  }
  const url = fronts?.url ?? worker.url;
  console.log(`o2o-dispatch listening on ${url}${fronts === undefined ? '' : ` (${config.httpWorkers} HTTP front${config.httpWorkers === 1 ? '' : 's'}, writer pid ${process.pid})`}`);
  let demo: DemoFeed | undefined;
  if (config.demo) {
    demo = new DemoFeed(worker.service, { peakOrdersPerSec: config.demoPeak, onError: (error) => worker.logger.error({ err: error }, 'demo feed action failed') });
    await demo.start();
    const token = await worker.issuer.mint({ role: 'admin', sub: 'demo-admin' });
    console.log(`admin token (12 h): ${token}`);
    console.log(`ops view:  ${url}/#token=${token}`);
    console.log(`demo city: ${worker.service.catalog.size} stores, ${worker.service.riders.countOnShift()} riders on shift, a lunch peak every 10 min; epochs every ${config.epochSec} s`);
    console.log(`try:  curl -s -H "authorization: Bearer $TOKEN" ${url}/v1/orders?status=assigned`);
    console.log(`      curl -sN -H "authorization: Bearer $TOKEN" ${url}/v1/events`);
    const every = setInterval(() => {
      const c = worker.service.countsByStatus();
      const l = worker.loop.last;
      console.log(
        `[demo] placed ${demo!.stats.ordersPlaced} · open: placed ${c.placed}, accepted ${c.accepted}, ready ${c.ready}, assigned ${c.assigned}, picked up ${c.picked_up} · delivered ${c.delivered} · last epoch: ${l === undefined ? '–' : `${l.orders} orders, ${l.riders} free riders, ${l.assignments} offers in ${l.durationMs.toFixed(0)} ms`}`,
      );
    }, 30_000);
    every.unref();
  }
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    worker.logger.info({ signal }, 'stopping');
    await fronts?.stop();
    await demo?.stop();
    await worker.close();
    await redisStore?.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/** `--city`: one of several instances of a city on Redis (docs/scaling.md). */
async function runCityInstance(config: ServiceConfig, secret: AuthSecret): Promise<void> {
  if (config.demo) throw new ServiceConfigError('--demo', 'cannot run with --city (the demo city runs in one process)', true);
  if (config.httpWorkers > 0) throw new ServiceConfigError('--http-workers', 'cannot run with --city (each instance serves HTTP itself)', config.httpWorkers);
  const worker = await ScaleoutWorker.start({
    secret,
    redisUrl: config.redisUrl,
    city: config.city!,
    regionResolution: config.regionResolution,
    leaseTtlMs: config.leaseTtlMs,
    ...(config.instanceId === undefined ? {} : { instanceId: config.instanceId }),
    host: config.host,
    port: config.port,
    epochSec: config.epochSec,
    epochThreads: config.epochThreads,
    service: { offerTtlSec: config.offerTtlSec, promiseSec: config.promiseSec, maxPendingWrites: config.maxPendingWrites, idempotencyRetentionSec: config.idempotencyRetentionSec },
    logLevel: config.logLevel,
  });
  console.log(`o2o-dispatch listening on ${worker.url} (city ${config.city}, instance ${worker.instanceId}, pid ${process.pid}, regions held: ${worker.host.held().join(' ') || 'none yet'})`);
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    worker.logger.info({ signal }, 'stopping');
    await worker.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ServiceConfigError || (error as { code?: string }).code === 'WEAK_SECRET') {
    console.error(`o2o-dispatch-worker: ${(error as Error).message}`);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
