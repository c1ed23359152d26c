/**
 * `npm start`: runs the synthetic-city example and prints its summary.
 *   node dist/synthetic-city.js [--seed N] [--orders N] [--riders N] [--stores N]
 */
import { parseArgs } from 'node:util';
import { CITY_CENTRES } from '@o2o/dispatch-core';
import { formatSummary } from './synthetic-city/format-summary.js';
import { runSyntheticCity } from './synthetic-city/run-synthetic-city.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '42' },
    stores: { type: 'string', default: '60' },
    riders: { type: 'string', default: '250' },
    orders: { type: 'string', default: '600' },
  },
});

const started = performance.now();
const summary = await runSyntheticCity({
  seed: Number(values.seed),
  center: CITY_CENTRES.bogota,
  numStores: Number(values.stores),
  numRiders: Number(values.riders),
  numOrders: Number(values.orders),
});
console.log(formatSummary(summary, 'Bogotá (synthetic, seeded)'));
console.log(`\ndone in ${Math.round(performance.now() - started)} ms`);
