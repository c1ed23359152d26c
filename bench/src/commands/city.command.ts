/** `o2o-bench city [--seed N] [--stores N] [--riders N] [--orders N] [--smoke] [--json]` */
import { integerFlag, parseFlags } from '../args/flag-values.js';
import { runCitySuite } from '../suites/city.suite.js';

const CITY_FLAGS = {
  seed: { type: 'string' },
  stores: { type: 'string' },
  riders: { type: 'string' },
  orders: { type: 'string' },
  smoke: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
} as const;

export async function runCityCommand(argv: readonly string[]): Promise<void> {
  const { values } = parseFlags('city', argv, CITY_FLAGS);
  const smoke = values.smoke === true;
  const result = runCitySuite({
    seed: integerFlag('seed', values.seed, 0, 1),
    numStores: integerFlag('stores', values.stores, 0, smoke ? 20 : 2_000),
    numRiders: integerFlag('riders', values.riders, 0, smoke ? 50 : 20_000),
    numOrders: integerFlag('orders', values.orders, 0, smoke ? 50 : 50_000),
  });
  console.log(values.json ? JSON.stringify(result) : JSON.stringify(result, null, 2));
}
