/**
 * `o2o-bench failover [--instances N] [--orders N] [--mode kill|pause] [--lease-ttl-ms N] [--json]`:
 * the failover drill of a city run on several instances (`runFailoverDrill` of the service; the
 * method is in its doc comment and docs/scaling.md). It starts its own redis-server (AOF
 * `appendfsync always`) in a temporary folder and N instances of the compiled service on
 * loopback, kills (or pauses) the owner of a region a third of the way into a burst of order
 * creations, and prints `{"acknowledged","lost","duplicated","takeoverMs",...}`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalRedisServer, runFailoverDrill } from '@o2o/dispatch-worker';
import { BenchArgError } from '../args/bench-arg-error.js';
import { integerFlag, parseFlags } from '../args/flag-values.js';

const FAILOVER_FLAGS = {
  instances: { type: 'string' },
  orders: { type: 'string' },
  mode: { type: 'string' },
  'lease-ttl-ms': { type: 'string' },
  json: { type: 'boolean', default: false },
} as const;

export async function runFailoverCommand(argv: readonly string[]): Promise<void> {
  const { values, positionals } = parseFlags('failover', argv, FAILOVER_FLAGS);
  if (positionals.length > 0) throw new BenchArgError(`failover takes no arguments, got ${JSON.stringify(positionals.join(' '))}`);
  const instances = integerFlag('instances', values.instances, 2, 3);
  if (instances > 8) throw new BenchArgError(`--instances must be at most 8, got ${instances}`);
  const orders = integerFlag('orders', values.orders, 30, 600);
  if (orders > 100_000) throw new BenchArgError(`--orders must be at most 100000, got ${orders}`);
  const mode = values.mode ?? 'kill';
  if (mode !== 'kill' && mode !== 'pause') throw new BenchArgError(`--mode must be kill or pause, got ${JSON.stringify(mode)}`);
  const leaseTtlMs = integerFlag('lease-ttl-ms', values['lease-ttl-ms'], 300, 1_500);
  const json = values.json === true;
  const dir = mkdtempSync(join(tmpdir(), 'o2o-failover-'));
  const redis = await LocalRedisServer.start({ dir, appendfsync: 'always' });
  try {
    const result = await runFailoverDrill({ redisUrl: redis.url, instances, orders, mode, leaseTtlMs, log: (line) => !json && console.error(`  ${line}`) });
    if (json) {
      console.log(JSON.stringify(result));
    } else {
      console.log(`failover drill (${mode}), ${instances} instances, lease TTL ${leaseTtlMs} ms`);
      console.log(`  acknowledged ${result.acknowledged}  lost ${result.lost}  duplicated ${result.duplicated}  assigned twice ${result.assignedTwice}`);
      console.log(`  takeover ${result.takeoverMs} ms  region dispatched again ${result.redispatchMs} ms after the ${mode}  client retries ${result.retried}`);
      if (mode === 'pause') console.log(`  woken instance: ${result.wokenWrites} writes, ${result.staleWrites} served under its old lease, region let go ${result.wokenDropMs} ms after waking`);
    }
  } finally {
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
