/**
 * `o2o-bench epoch [--orders N] [--riders N] [--region-orders N] [--region-riders N]
 * [--threads N] [--resolution R] [--smoke] [--json]`: dispatch-epoch timing (see suites/epoch.suite.ts).
 */
import { integerFlag, parseFlags } from '../args/flag-values.js';
import { runEpochBench } from '../suites/epoch.suite.js';

const EPOCH_FLAGS = {
  orders: { type: 'string' },
  riders: { type: 'string' },
  'region-orders': { type: 'string' },
  'region-riders': { type: 'string' },
  threads: { type: 'string' },
  resolution: { type: 'string' },
  smoke: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
} as const;

export async function runEpochCommand(argv: readonly string[]): Promise<void> {
  const { values } = parseFlags('epoch', argv, EPOCH_FLAGS);
  const smoke = values.smoke === true;
  const json = values.json === true;
  const report = await runEpochBench({
    orders: integerFlag('orders', values.orders, 1, smoke ? 70 : 700),
    riders: integerFlag('riders', values.riders, 1, smoke ? 150 : 1500),
    regionOrders: integerFlag('region-orders', values['region-orders'], 1, smoke ? 300 : 5000),
    regionRiders: integerFlag('region-riders', values['region-riders'], 1, smoke ? 600 : 10_000),
    threads: integerFlag('threads', values.threads, 1, 2),
    resolution: integerFlag('resolution', values.resolution, 0, 6),
    repeats: smoke ? 1 : 5,
    log: (line) => {
      if (!json) console.error(`  ${line}`);
    },
  });
  console.log(json ? JSON.stringify(report) : JSON.stringify(report, null, 2));
}
