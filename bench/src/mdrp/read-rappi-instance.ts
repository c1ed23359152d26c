/**
 * Reads one Rappi city-day (sebastian-quintero/mdrp-sim; see
 * ../shared/benchmarks/rappi-colombia-mdrp/README.md): `orders.csv` and `couriers.csv` as a
 * {@link SimInstance}.
 *
 * - Stores: orders with equal pickup coordinates share a store (ids `s1`, `s2`, … in order of
 *   first appearance); order and courier ids stay as in the files.
 * - Positions: lat/lng projected to planar metres (equirectangular around the centre of the
 *   bounding box of all points); travel by {@link RappiTravelModel} (detour 1.3, speed per vehicle).
 * - Times: `HH:MM:SS` → seconds from midnight. An order time earlier than its placement, or a
 *   shift end earlier than its start, is on the next day (+24 h). `preparation_time` is not used;
 *   `expected_drop_off_time` becomes `promisedBy`.
 * - Rules not in the data, MDRP's by default: 4 min pickup and drop-off service, 40 min target and
 *   90 min maximum click-to-door, $10 per order with a $15/h guarantee, same-store bundles only.
 * - Shifts are logged-in time, often far longer than the work. With `trimShifts` (default) each
 *   shift is cut to the order period, [first placement, last placement + maximum click-to-door];
 *   couriers left with an empty shift (and zero-length shifts in any case) are dropped.
 */
import { basename, join, resolve } from 'node:path';
import type { SimCourier, SimInstance, SimOrder, SimStore } from '@o2o/dispatch-core';
import { EARTH_RADIUS_M } from '@o2o/geo';
import { DelimitedTable, type TableRow } from './delimited-table.js';
import { RAPPI_VEHICLE_SPEED_MPS, RappiTravelModel, type RappiVehicle } from './rappi-travel-model.js';

/** Column names of the Rappi CSV files, as in their header lines. */
export const RAPPI_COLUMNS = {
  orders: ['order_id', 'pick_up_lat', 'pick_up_lng', 'drop_off_lat', 'drop_off_lng', 'placement_time', 'preparation_time', 'ready_time', 'expected_drop_off_time'],
  couriers: ['courier_id', 'vehicle', 'on_lat', 'on_lng', 'on_time', 'off_time'],
} as const;

/** Rules the Rappi data does not carry (defaults: MDRP's) and shift trimming. */
export interface RappiOptions {
  /** Cut shifts to the order period (default true; see the module doc). */
  readonly trimShifts?: boolean;
  readonly pickupServiceSec?: number;
  readonly dropoffServiceSec?: number;
  readonly targetClickToDoorSec?: number;
  readonly maxClickToDoorSec?: number;
  readonly pay?: { readonly perOrder: number; readonly perHour: number };
}

const DAY_SEC = 86_400;
const RAD = Math.PI / 180;

/** A position before projection. */
interface LatLng {
  readonly lat: number;
  readonly lng: number;
}

/** Reads the city-day in folder `dir`; its name is the folder name. Throws `InstanceParseError`. */
export function readRappiInstance(dir: string, options: RappiOptions = {}): SimInstance {
  const orderTable = DelimitedTable.read(join(dir, 'orders.csv'), ',', RAPPI_COLUMNS.orders);
  const courierTable = DelimitedTable.read(join(dir, 'couriers.csv'), ',', RAPPI_COLUMNS.couriers);
  const orderIds = new Map<string, number>();
  const courierIds = new Map<string, number>();
  const rawOrders = orderTable.rows.map((row) => readOrderRow(orderTable, row, orderIds)).sort((a, b) => a.placedAt - b.placedAt);
  const rawCouriers = courierTable.rows.map((row) => readCourierRow(courierTable, row, courierIds));
  const project = projectionAround([...rawOrders.flatMap((o) => [o.pickup, o.dropoff]), ...rawCouriers.map((c) => c.on)]);
  const maxClickToDoorSec = options.maxClickToDoorSec ?? 90 * 60;
  const period = rawOrders.length === 0 ? undefined : { from: rawOrders[0]!.placedAt, to: rawOrders[rawOrders.length - 1]!.placedAt + maxClickToDoorSec };

  const stores: SimStore[] = [];
  const storeByKey = new Map<string, number>();
  const orders: SimOrder[] = rawOrders.map((o) => {
    const key = `${o.pickup.lat},${o.pickup.lng}`;
    let store = storeByKey.get(key);
    if (store === undefined) {
      store = stores.length;
      storeByKey.set(key, store);
      stores.push({ id: `s${store + 1}`, ...project(o.pickup) });
    }
    return { id: o.id, ...project(o.dropoff), placedAt: o.placedAt, readyAt: o.readyAt, store, promisedBy: o.promisedBy };
  });

  const couriers: SimCourier[] = [];
  const speeds: number[] = [];
  for (const c of rawCouriers) {
    const trim = options.trimShifts !== false && period !== undefined;
    const onAt = trim ? Math.max(c.onAt, period.from) : c.onAt;
    const offAt = trim ? Math.min(c.offAt, period.to) : c.offAt;
    if (offAt <= onAt) continue;
    couriers.push({ id: c.id, ...project(c.on), onAt, offAt, vehicle: c.vehicle });
    speeds.push(RAPPI_VEHICLE_SPEED_MPS[c.vehicle]);
  }
  return {
    name: basename(resolve(dir)),
    stores,
    orders,
    couriers,
    travel: new RappiTravelModel(Float64Array.from(speeds)),
    pickupServiceSec: options.pickupServiceSec ?? 4 * 60,
    dropoffServiceSec: options.dropoffServiceSec ?? 4 * 60,
    targetClickToDoorSec: options.targetClickToDoorSec ?? 40 * 60,
    maxClickToDoorSec,
    pay: options.pay ?? { perOrder: 10, perHour: 15 },
    sameStoreBundlesOnly: true,
  };
}

function readOrderRow(table: DelimitedTable, row: TableRow, ids: Map<string, number>) {
  const placedAt = clockSec(table, row, 'placement_time');
  const later = (column: string) => {
    const t = clockSec(table, row, column);
    return t < placedAt ? t + DAY_SEC : t;
  };
  return {
    id: table.uniqueText(row, 'order_id', ids),
    pickup: latLng(table, row, 'pick_up_lat', 'pick_up_lng'),
    dropoff: latLng(table, row, 'drop_off_lat', 'drop_off_lng'),
    placedAt,
    readyAt: later('ready_time'),
    promisedBy: later('expected_drop_off_time'),
  };
}

function readCourierRow(table: DelimitedTable, row: TableRow, ids: Map<string, number>) {
  const vehicle = table.text(row, 'vehicle');
  if (!Object.hasOwn(RAPPI_VEHICLE_SPEED_MPS, vehicle)) throw table.error(row, 'vehicle', `must be one of ${Object.keys(RAPPI_VEHICLE_SPEED_MPS).join(', ')}`, vehicle);
  const onAt = clockSec(table, row, 'on_time');
  const off = clockSec(table, row, 'off_time');
  return { id: table.uniqueText(row, 'courier_id', ids), vehicle: vehicle as RappiVehicle, on: latLng(table, row, 'on_lat', 'on_lng'), onAt, offAt: off < onAt ? off + DAY_SEC : off };
}

/** `HH:MM:SS` (hours may exceed 23) → seconds. */
function clockSec(table: DelimitedTable, row: TableRow, column: string): number {
  const value = table.text(row, column);
  const match = /^(\d{1,2}):([0-5]\d):([0-5]\d)$/.exec(value);
  if (match === null) throw table.error(row, column, 'must be a time HH:MM:SS', value);
  return Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]);
}

function latLng(table: DelimitedTable, row: TableRow, latColumn: string, lngColumn: string): LatLng {
  const lat = table.number(row, latColumn);
  const lng = table.number(row, lngColumn);
  if (lat < -90 || lat > 90) throw table.error(row, latColumn, 'must be a latitude in [-90, 90]', lat);
  if (lng < -180 || lng > 180) throw table.error(row, lngColumn, 'must be a longitude in [-180, 180]', lng);
  return { lat, lng };
}

/** Equirectangular projection to metres around the centre of the points' bounding box. */
function projectionAround(points: readonly LatLng[]): (p: LatLng) => { x: number; y: number } {
  let [minLat, maxLat, minLng, maxLng] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const p of points) {
    minLat = Math.min(minLat, p.lat);
    maxLat = Math.max(maxLat, p.lat);
    minLng = Math.min(minLng, p.lng);
    maxLng = Math.max(maxLng, p.lng);
  }
  const lat0 = points.length === 0 ? 0 : (minLat + maxLat) / 2;
  const lng0 = points.length === 0 ? 0 : (minLng + maxLng) / 2;
  const mPerDegLng = EARTH_RADIUS_M * RAD * Math.cos(lat0 * RAD);
  const mPerDegLat = EARTH_RADIUS_M * RAD;
  return (p) => ({ x: (p.lng - lng0) * mPerDegLng, y: (p.lat - lat0) * mPerDegLat });
}
