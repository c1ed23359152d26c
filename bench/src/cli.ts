#!/usr/bin/env node
/**
 * o2o-bench: the bench CLI.
 *   o2o-bench city [--seed N] [--stores N] [--riders N] [--orders N] [--smoke] [--json]
 */
import { parseArgs } from 'node:util';
import { runCitySuite } from './suites/city.suite.js';

const USAGE = `usage: o2o-bench <command> [options]

commands:
  city    candidate generation on a synthetic city: index builds, candidate stores and riders
          per order, rider position updates, a riders x stores travel-time matrix
          options: --seed N (1) --stores N (2000) --riders N (20000) --orders N (50000)
                   --smoke (tiny sizes, for CI) --json (one JSON object on stdout)`;

function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`o2o-bench: --${name} must be a non-negative integer, got ${JSON.stringify(raw)}`);
    process.exit(2);
  }
  return n;
}

function main(argv: string[]): void {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help') {
    console.log(USAGE);
    return;
  }
  if (command !== 'city') {
    console.error(`o2o-bench: unknown command ${JSON.stringify(command)}\n\n${USAGE}`);
    process.exit(2);
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      seed: { type: 'string' },
      stores: { type: 'string' },
      riders: { type: 'string' },
      orders: { type: 'string' },
      smoke: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  const smoke = values.smoke === true;
  const result = runCitySuite({
    seed: positiveInt('seed', values.seed, 1),
    numStores: positiveInt('stores', values.stores, smoke ? 20 : 2_000),
    numRiders: positiveInt('riders', values.riders, smoke ? 50 : 20_000),
    numOrders: positiveInt('orders', values.orders, smoke ? 50 : 50_000),
  });
  if (values.json) console.log(JSON.stringify(result));
  else console.log(JSON.stringify(result, null, 2));
}

main(process.argv.slice(2));
