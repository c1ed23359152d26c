/**
 * Reads one MDRP instance folder (grubhub/mdrplib; see ../shared/benchmarks/mdrp/README.md) as a
 * {@link SimInstance}: `restaurants.txt`, `orders.txt`, `couriers.txt` and
 * `instance_parameters.txt` (tab-separated, one header line), plus `instance_characteristics.txt`
 * when present, whose counts are cross-checked. Ids stay as in the files; instants and durations
 * go from minutes to seconds; travel is 60 × ⌈euclidean / meters_per_minute⌉ s
 * ({@link MdrpTravelModel}); only same-restaurant bundles are allowed. Orders are sorted by
 * placement (stable: file order among equal placements).
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { SimCourier, SimInstance, SimOrder, SimStore } from '@o2o/dispatch-core';
import { InstanceParseError } from '../instances/instance-parse-error.js';
import { DelimitedTable } from './delimited-table.js';
import { MdrpTravelModel } from './mdrp-travel-model.js';

const MIN = 60;

/** Column names of each MDRP file, as in the header lines. */
export const MDRP_COLUMNS = {
  restaurants: ['restaurant', 'x', 'y'],
  orders: ['order', 'x', 'y', 'placement_time', 'restaurant', 'ready_time'],
  couriers: ['courier', 'x', 'y', 'on_time', 'off_time'],
  parameters: [
    'meters_per_minute',
    'pickup service minutes',
    'dropoff service minutes',
    'target click-to-door',
    'maximum click-to-door',
    'pay per order',
    'guaranteed pay per hour',
  ],
} as const;

/** The MDRP parameters row, in the file's units (minutes, dollars). */
export interface MdrpParameters {
  readonly metersPerMinute: number;
  readonly pickupServiceMin: number;
  readonly dropoffServiceMin: number;
  readonly targetClickToDoorMin: number;
  readonly maxClickToDoorMin: number;
  readonly payPerOrder: number;
  readonly payPerHour: number;
}

/** Reads the instance in folder `dir`; its name is the folder name. Throws {@link InstanceParseError}. */
export function readMdrpInstance(dir: string): SimInstance {
  const file = (name: string) => join(dir, name);
  const stores = readRestaurants(DelimitedTable.read(file('restaurants.txt'), '\t', MDRP_COLUMNS.restaurants));
  const orders = readOrders(DelimitedTable.read(file('orders.txt'), '\t', MDRP_COLUMNS.orders), stores);
  const couriers = readCouriers(DelimitedTable.read(file('couriers.txt'), '\t', MDRP_COLUMNS.couriers));
  const p = readParameters(DelimitedTable.read(file('instance_parameters.txt'), '\t', MDRP_COLUMNS.parameters));
  if (existsSync(file('instance_characteristics.txt'))) {
    checkCharacteristics(readFileSync(file('instance_characteristics.txt'), 'utf8'), { orders: orders.length, restaurants: stores.length, couriers: couriers.length });
  }
  return {
    name: basename(resolve(dir)),
    stores,
    orders,
    couriers,
    travel: new MdrpTravelModel(p.metersPerMinute),
    pickupServiceSec: p.pickupServiceMin * MIN,
    dropoffServiceSec: p.dropoffServiceMin * MIN,
    targetClickToDoorSec: p.targetClickToDoorMin * MIN,
    maxClickToDoorSec: p.maxClickToDoorMin * MIN,
    pay: { perOrder: p.payPerOrder, perHour: p.payPerHour },
    sameStoreBundlesOnly: true,
  };
}

function readRestaurants(table: DelimitedTable): SimStore[] {
  const seen = new Map<string, number>();
  return table.rows.map((row) => {
    const id = table.uniqueText(row, 'restaurant', seen);
    return { id, x: table.number(row, 'x'), y: table.number(row, 'y') };
  });
}

function readOrders(table: DelimitedTable, stores: readonly SimStore[]): SimOrder[] {
  const storeIndex = new Map(stores.map((s, i) => [s.id, i]));
  const seen = new Map<string, number>();
  const orders = table.rows.map((row) => {
    const id = table.uniqueText(row, 'order', seen);
    const restaurant = table.text(row, 'restaurant');
    const store = storeIndex.get(restaurant);
    if (store === undefined) throw table.error(row, 'restaurant', 'must be a restaurant of restaurants.txt', restaurant);
    const placedAt = table.integer(row, 'placement_time') * MIN;
    const readyAt = table.integer(row, 'ready_time') * MIN;
    if (readyAt < placedAt) throw table.error(row, 'ready_time', `must be ≥ placement_time (${placedAt / MIN})`, readyAt / MIN);
    return { id, x: table.number(row, 'x'), y: table.number(row, 'y'), placedAt, readyAt, store };
  });
  // Array.prototype.sort is stable: equal placements keep file order.
  return orders.sort((a, b) => a.placedAt - b.placedAt);
}

function readCouriers(table: DelimitedTable): SimCourier[] {
  const seen = new Map<string, number>();
  return table.rows.map((row) => {
    const id = table.uniqueText(row, 'courier', seen);
    const onAt = table.integer(row, 'on_time') * MIN;
    const offAt = table.integer(row, 'off_time') * MIN;
    if (offAt < onAt) throw table.error(row, 'off_time', `must be ≥ on_time (${onAt / MIN})`, offAt / MIN);
    return { id, x: table.number(row, 'x'), y: table.number(row, 'y'), onAt, offAt };
  });
}

/** The single data row of instance_parameters.txt. */
export function readParameters(table: DelimitedTable): MdrpParameters {
  const [row, extra] = table.rows;
  if (row === undefined || extra !== undefined) throw new InstanceParseError(`${table.file}: expected exactly one data line, got ${table.rows.length}`);
  const positive = (column: string) => {
    const value = table.number(row, column);
    if (value <= 0) throw table.error(row, column, 'must be > 0', value);
    return value;
  };
  const minutes = (column: string, rule: (v: number) => boolean, text: string) => {
    const value = table.number(row, column);
    if (!rule(value)) throw table.error(row, column, text, value);
    return value;
  };
  // Service halves must be whole seconds: minutes × 60 even.
  const service = (v: number) => Number.isInteger(v * MIN) && (v * MIN) % 2 === 0 && v >= 0;
  const instant = (v: number) => Number.isInteger(v * MIN) && v >= 0;
  const amount = (column: string) => minutes(column, (v) => v >= 0, 'must be ≥ 0');
  return {
    metersPerMinute: positive('meters_per_minute'),
    pickupServiceMin: minutes('pickup service minutes', service, 'must be ≥ 0 minutes and a whole, even number of seconds'),
    dropoffServiceMin: minutes('dropoff service minutes', service, 'must be ≥ 0 minutes and a whole, even number of seconds'),
    targetClickToDoorMin: minutes('target click-to-door', instant, 'must be ≥ 0 and a whole number of seconds'),
    maxClickToDoorMin: minutes('maximum click-to-door', instant, 'must be ≥ 0 and a whole number of seconds'),
    payPerOrder: amount('pay per order'),
    payPerHour: amount('guaranteed pay per hour'),
  };
}

/** Cross-checks the `number of …: N` lines of instance_characteristics.txt against the files read. */
function checkCharacteristics(text: string, counts: { readonly orders: number; readonly restaurants: number; readonly couriers: number }): void {
  text.split(/\r?\n/).forEach((line, i) => {
    const match = /^\s*number of (orders|restaurants|couriers):\s*(\d+)\s*$/.exec(line);
    if (match === null) return;
    const what = match[1] as keyof typeof counts;
    const stated = Number(match[2]);
    if (stated !== counts[what]) {
      throw new InstanceParseError(`instance_characteristics.txt line ${i + 1}: number of ${what} must match ${what}.txt (${counts[what]}), got ${stated}`);
    }
  });
}
