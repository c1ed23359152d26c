/**
 * The service's configuration from command-line flags and environment variables (a flag wins
 * over its variable). Every value is checked; a bad one is a {@link ServiceConfigError} naming
 * the flag, the rule and the value.
 *
 * | flag | env | default | meaning |
 * |---|---|---|---|
 * | `--host` | `HOST` | `127.0.0.1` | interface to listen on |
 * | `--port` | `PORT` | `8080` | port (0: any free port) |
 * | `--data-dir` | `O2O_DATA_DIR` | `./data` | where the SQLite order store lives |
 * | `--epoch-sec` | `O2O_EPOCH_SEC` | `5` | seconds between dispatch epochs |
 * | `--epoch-threads` | `O2O_EPOCH_THREADS` | `1` | worker threads planning epochs |
 * | `--offer-ttl-sec` | `O2O_OFFER_TTL_SEC` | `60` | seconds a rider has to answer an offer |
 * | `--promise-sec` | `O2O_PROMISE_SEC` | `2700` | promise when an order gives none |
 * | `--max-pending-writes` | `O2O_MAX_PENDING_WRITES` | `20000` | writes waiting for commit before 429 |
 * | `--ingest-mapping` | `O2O_INGEST_MAPPINGS` | – | JSON field-mapping file(s) for NDJSON ingest (repeat the flag; env: comma-separated) |
 * | `--idempotency-retention-sec` | `O2O_IDEMPOTENCY_RETENTION_SEC` | `86400` | how long an `Idempotency-Key` replays its first answer |
 * | `--commit-window-ms` | `O2O_COMMIT_WINDOW_MS` | `2` | group commit window of the SQLite store |
 * | `--commit-max-batch` | `O2O_COMMIT_MAX_BATCH` | `512` | most writes per group-commit transaction |
 * | `--sqlite-cache-mb` | `O2O_SQLITE_CACHE_MB` | `16` | page cache of the SQLite writer connection, MiB |
 * | `--heap-growing-percent` | `O2O_HEAP_GROWING_PERCENT` | `35` | V8 lets the old generation grow to max((1 + this/100) × the live objects, live + 8 MB) before the next full GC; 0: V8's own heuristics (up to 4×) |
 * | `--store` | `O2O_STORE` | `sqlite` | order store: `sqlite` (embedded, under `--data-dir`) or `redis` |
 * | `--redis-url` | `O2O_REDIS_URL` | `redis://127.0.0.1:6379` | Redis server of `--store redis` |
 * | `--redis-namespace` | `O2O_REDIS_NAMESPACE` | `default` | key namespace (`o2o:{ns}:`) of `--store redis` |
 * | `--city` | `O2O_CITY` | – | run as one of several instances of this city on `--store redis` (docs/scaling.md): regions, leases, intake streams |
 * | `--region-resolution` | `O2O_REGION_RESOLUTION` | `6` | H3 resolution of the city's regions (with `--city`) |
 * | `--lease-ttl-ms` | `O2O_LEASE_TTL_MS` | `2000` | region lease TTL: a dead instance's regions move after it (with `--city`) |
 * | `--instance-id` | `O2O_INSTANCE_ID` | host-pid-random | this instance's id in the city (with `--city`) |
 * | `--http-workers` | `O2O_HTTP_WORKERS` | `0` | HTTP fronts (node:cluster workers) in front of the writer process; 0: one process serves all |
 * | `--store-thread` | `O2O_STORE_THREAD=1` | off | run SQLite on its own worker thread |
 * | `--demo` / `--no-demo` | `O2O_DEMO=1` | off | run the built-in demo city |
 * | `--demo-peak` | `O2O_DEMO_PEAK` | `2` | demo orders per second at the lunch peak |
 * | `--log-level` | `LOG_LEVEL` | `info` | pino level (`silent` … `trace`) |
 * | – | `O2O_AUTH_SECRET` | – (required; with `--demo` a random one is made) | HMAC secret of the bearer JWTs, ≥ 32 bytes |
 */

import { DEFAULT_HEAP_GROWING_PERCENT, MAX_HEAP_GROWING_PERCENT } from './observability/heap-growth.js';
import { DEFAULT_CACHE_SIZE_MB } from './store/sqlite-order-store.js';

export class ServiceConfigError extends Error {
  readonly code = 'INVALID_CONFIG';
  constructor(
    readonly field: string,
    readonly rule: string,
    readonly value: unknown,
  ) {
    super(`${field} ${rule}, got ${JSON.stringify(value)}`);
    this.name = 'ServiceConfigError';
  }
}

export interface ServiceConfig {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  readonly epochSec: number;
  readonly epochThreads: number;
  readonly offerTtlSec: number;
  readonly promiseSec: number;
  readonly maxPendingWrites: number;
  readonly ingestMappings: readonly string[];
  readonly storeThread: boolean;
  readonly httpWorkers: number;
  readonly store: 'sqlite' | 'redis';
  readonly redisUrl: string;
  readonly redisNamespace: string;
  /** Set: one of several instances of this city (needs `store: 'redis'`). */
  readonly city: string | undefined;
  readonly regionResolution: number;
  readonly leaseTtlMs: number;
  readonly instanceId: string | undefined;
  readonly commitWindowMs: number;
  readonly idempotencyRetentionSec: number;
  readonly commitMaxBatch: number;
  readonly sqliteCacheMb: number;
  readonly heapGrowingPercent: number;
  readonly demo: boolean;
  readonly demoPeak: number;
  readonly logLevel: string;
}

const LEVELS = ['silent', 'fatal', 'error', 'warn', 'info', 'debug', 'trace'];

/** Parses `argv` (without node and the script) over `env`. */
export function parseServiceConfig(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const flags = new Map<string, string[]>();
  const booleans = new Set(['demo', 'no-demo', 'store-thread', 'no-store-thread']);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new ServiceConfigError('argument', 'must be a --flag', arg);
    let name = arg.slice(2);
    let value: string | undefined;
    const eq = name.indexOf('=');
    if (eq >= 0) {
      value = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    if (!KNOWN_FLAGS.includes(name)) throw new ServiceConfigError(`--${name}`, `is not a flag (known: ${KNOWN_FLAGS.map((f) => `--${f}`).join(', ')})`, arg);
    if (booleans.has(name)) {
      flags.set(name, ['true']);
      continue;
    }
    if (value === undefined) {
      value = argv[++i];
      if (value === undefined) throw new ServiceConfigError(`--${name}`, 'needs a value', null);
    }
    flags.set(name, [...(flags.get(name) ?? []), value]);
  }
  const get = (flag: string, envName: string): string | undefined => flags.get(flag)?.at(-1) ?? (env[envName] === '' ? undefined : env[envName]);
  const int = (flag: string, envName: string, def: number, min: number, max: number): number => {
    const raw = get(flag, envName);
    if (raw === undefined) return def;
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n < min || n > max) throw new ServiceConfigError(flags.has(flag) ? `--${flag}` : envName, `must be an integer in [${min}, ${max}]`, raw);
    return n;
  };
  const num = (flag: string, envName: string, def: number, min: number, max: number): number => {
    const raw = get(flag, envName);
    if (raw === undefined) return def;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min || n > max) throw new ServiceConfigError(flags.has(flag) ? `--${flag}` : envName, `must be a number in [${min}, ${max}]`, raw);
    return n;
  };
  const logLevel = get('log-level', 'LOG_LEVEL') ?? 'info';
  if (!LEVELS.includes(logLevel)) throw new ServiceConfigError('--log-level', `must be one of ${LEVELS.join(', ')}`, logLevel);
  const storeKind = get('store', 'O2O_STORE') ?? 'sqlite';
  if (storeKind !== 'sqlite' && storeKind !== 'redis') throw new ServiceConfigError('--store', 'must be sqlite or redis', storeKind);
  const city = get('city', 'O2O_CITY');
  if (city !== undefined && !/^[A-Za-z0-9_-]{1,40}$/.test(city)) throw new ServiceConfigError(flags.has('city') ? '--city' : 'O2O_CITY', 'must be 1 to 40 characters of A-Z, a-z, 0-9, "_" or "-"', city);
  if (city !== undefined && storeKind !== 'redis') throw new ServiceConfigError('--city', 'needs --store redis (the instances of a city share Redis)', city);
  const instanceId = get('instance-id', 'O2O_INSTANCE_ID');
  if (instanceId !== undefined && !/^[A-Za-z0-9_.-]{1,64}$/.test(instanceId)) throw new ServiceConfigError('--instance-id', 'must be 1 to 64 characters of A-Z, a-z, 0-9, ".", "_" or "-"', instanceId);
  const demoEnv = env.O2O_DEMO;
  const demo = flags.has('no-demo') ? false : flags.has('demo') ? true : demoEnv === '1' || demoEnv === 'true';
  const mappings = flags.get('ingest-mapping') ?? (env.O2O_INGEST_MAPPINGS ?? '').split(',').filter((s) => s.length > 0);
  return {
    host: get('host', 'HOST') ?? '127.0.0.1',
    port: int('port', 'PORT', 8080, 0, 65_535),
    dataDir: get('data-dir', 'O2O_DATA_DIR') ?? './data',
    epochSec: num('epoch-sec', 'O2O_EPOCH_SEC', 5, 0.5, 3_600),
    epochThreads: int('epoch-threads', 'O2O_EPOCH_THREADS', 1, 1, 64),
    offerTtlSec: int('offer-ttl-sec', 'O2O_OFFER_TTL_SEC', 60, 5, 3_600),
    promiseSec: int('promise-sec', 'O2O_PROMISE_SEC', 2_700, 60, 86_400),
    maxPendingWrites: int('max-pending-writes', 'O2O_MAX_PENDING_WRITES', 20_000, 1, 10_000_000),
    ingestMappings: mappings,
    idempotencyRetentionSec: int('idempotency-retention-sec', 'O2O_IDEMPOTENCY_RETENTION_SEC', 86_400, 60, 30 * 86_400),
    commitWindowMs: num('commit-window-ms', 'O2O_COMMIT_WINDOW_MS', 2, 0, 1_000),
    commitMaxBatch: int('commit-max-batch', 'O2O_COMMIT_MAX_BATCH', 512, 1, 100_000),
    sqliteCacheMb: int('sqlite-cache-mb', 'O2O_SQLITE_CACHE_MB', DEFAULT_CACHE_SIZE_MB, 1, 4096),
    heapGrowingPercent: int('heap-growing-percent', 'O2O_HEAP_GROWING_PERCENT', DEFAULT_HEAP_GROWING_PERCENT, 0, MAX_HEAP_GROWING_PERCENT),
    store: storeKind,
    redisUrl: get('redis-url', 'O2O_REDIS_URL') ?? 'redis://127.0.0.1:6379',
    redisNamespace: get('redis-namespace', 'O2O_REDIS_NAMESPACE') ?? 'default',
    city,
    regionResolution: int('region-resolution', 'O2O_REGION_RESOLUTION', 6, 0, 15),
    leaseTtlMs: int('lease-ttl-ms', 'O2O_LEASE_TTL_MS', 2_000, 300, 600_000),
    instanceId,
    httpWorkers: int('http-workers', 'O2O_HTTP_WORKERS', 0, 0, 64),
    storeThread: flags.has('no-store-thread') ? false : flags.has('store-thread') ? true : env.O2O_STORE_THREAD === '1' || env.O2O_STORE_THREAD === 'true',
    demo,
    demoPeak: num('demo-peak', 'O2O_DEMO_PEAK', 2, 0.01, 1_000),
    logLevel,
  };
}

const KNOWN_FLAGS = ['host', 'port', 'data-dir', 'epoch-sec', 'epoch-threads', 'offer-ttl-sec', 'promise-sec', 'max-pending-writes', 'ingest-mapping', 'commit-window-ms', 'commit-max-batch', 'sqlite-cache-mb', 'heap-growing-percent', 'idempotency-retention-sec', 'http-workers', 'store', 'redis-url', 'redis-namespace', 'city', 'region-resolution', 'lease-ttl-ms', 'instance-id', 'store-thread', 'no-store-thread', 'demo', 'no-demo', 'demo-peak', 'log-level'];
