/**
 * A seeded synthetic city around a real city centre: delivery zones, stores with inventory,
 * riders on shift and a morning of orders. Same options, same city, on every machine: the
 * example, the benches and the tests use it to exercise the whole loop without external data.
 */
import {
  assertLngLat,
  destination,
  mulberry32,
  randomInt,
  randomPointInDisc,
  randomStarZone,
  ZoneIndex,
  type LngLat,
  type Rng,
  type ZoneFeature,
} from '@o2o/geo';
import { DispatchInputError } from '../errors.js';
import { validateOrder, type Order } from '../model/order.js';
import { validateRider, type Rider, type RiderMode, type RiderStatus } from '../model/rider.js';
import { validateStore, type Store, type StoreKind } from '../model/store.js';
import type { EpochSeconds } from '../model/epoch-seconds.js';

/** Real city centres a synthetic city can be built around. */
export const CITY_CENTRES = Object.freeze({
  bogota: [-74.0721, 4.711] as LngLat,
  medellin: [-75.5736, 6.2476] as LngLat,
  porto: [-8.6109, 41.1496] as LngLat,
  saoPaulo: [-46.6333, -23.5505] as LngLat,
  shanghai: [121.4737, 31.2304] as LngLat,
});

/** Options of {@link generateSyntheticCity}; every field has a default. */
export interface SyntheticCityOptions {
  /** PRNG seed (integer). Default 1. */
  readonly seed?: number;
  /** City centre `[lng, lat]`. Default {@link CITY_CENTRES}.bogota. */
  readonly center?: LngLat;
  /** Radius of the served area, metres. Default 8,000. */
  readonly radiusM?: number;
  /** Delivery zones (star-shaped polygons, some with a hole). Default 6. */
  readonly numZones?: number;
  /** Stores, warehouses and dark stores. Default 40. */
  readonly numStores?: number;
  /** Riders. Default 120. */
  readonly numRiders?: number;
  /** Orders, placed over the first hour. Default 300. */
  readonly numOrders?: number;
  /** Distinct SKUs in the catalogue. Default 60. */
  readonly numSkus?: number;
  /** Start of the simulated period, Unix epoch seconds. Default 2026-11-24T16:00:00Z (11:00 in Bogotá). */
  readonly startAt?: EpochSeconds;
}

/** A generated city: plain, validated domain objects plus the zones as GeoJSON features. */
export interface SyntheticCity {
  readonly center: LngLat;
  readonly radiusM: number;
  readonly startAt: EpochSeconds;
  readonly zones: readonly ZoneFeature[];
  readonly stores: readonly Store[];
  readonly riders: readonly Rider[];
  readonly orders: readonly Order[];
  /** SKU catalogue, `sku-000` … */
  readonly skus: readonly string[];
}

/** Share of orders dropped anywhere in the disc, possibly outside every zone (unserviceable). */
const OUT_OF_ZONE_SHARE = 0.03;
const DEFAULT_START_AT = 1_764_000_000; // 2026-11-24T16:00:00Z

const RIDER_MODE_MIX: ReadonlyArray<[RiderMode, number]> = [
  ['escooter', 0.5],
  ['bike', 0.25],
  ['walk', 0.1],
  ['car', 0.15],
];
const RIDER_STATUS_MIX: ReadonlyArray<[RiderStatus, number]> = [
  ['idle', 0.7],
  ['busy', 0.2],
  ['offline', 0.1],
];
const STORE_KIND_MIX: ReadonlyArray<[StoreKind, number]> = [
  ['store', 0.7],
  ['dark_store', 0.2],
  ['warehouse', 0.1],
];

/**
 * Generates a synthetic city. Stores stand inside zones (so each serves at least one); 97 % of
 * orders drop off inside a zone and 3 % anywhere in the served disc (some outside every zone, as
 * in real life); about one SKU in eight is out of stock at each store, so matching has real
 * choices to make.
 *
 * @throws {DispatchInputError} when a count is not a non-negative integer, the radius is not
 *   positive, or the centre is not a valid `[lng, lat]` (code INVALID_INPUT / INVALID_COORDINATE).
 */
export function generateSyntheticCity(options: SyntheticCityOptions = {}): SyntheticCity {
  const o = resolveOptions(options);
  const rng = mulberry32(o.seed);
  const skus = Array.from({ length: o.numSkus }, (_, i) => `sku-${String(i).padStart(3, '0')}`);
  const skuSize = skus.map(() => randomInt(rng, 1, 3));
  const zones = makeZones(rng, o.center, o.radiusM, o.numZones);
  const zoneCentres = zones.map((_, z) => zoneCentre(o.center, o.radiusM, z, o.numZones));
  const zoneIndex = ZoneIndex.build(zones);
  // A point inside some zone (rejection sampling around a zone centre; zones may have holes).
  const insideZone = (r: Rng): [number, number] => {
    for (;;) {
      const c = zoneCentres[randomInt(r, 0, zoneCentres.length - 1)]!;
      const p = randomPointInDisc(r, c, o.radiusM * 0.3);
      if (zoneIndex.zonesAt(p[0], p[1]).length > 0) return p;
    }
  };

  const stores = Array.from({ length: o.numStores }, (_, i) =>
    validateStore(
      {
        id: `store-${i}`,
        name: `Store ${i}`,
        kind: pick(rng, STORE_KIND_MIX),
        location: insideZone(rng),
        inventory: Object.fromEntries(skus.map((sku) => [sku, rng() < 0.125 ? 0 : randomInt(rng, 1, 40)])),
        prepTimeSec: randomInt(rng, 5, 15) * 60,
      },
      `stores[${i}]`,
    ),
  );

  const riders = Array.from({ length: o.numRiders }, (_, i) => {
    const mode = pick(rng, RIDER_MODE_MIX);
    return validateRider(
      {
        id: `rider-${i}`,
        position: randomPointInDisc(rng, o.center, o.radiusM),
        mode,
        capacity: mode === 'car' ? 40 : mode === 'walk' ? 8 : 16,
        bagLimit: mode === 'car' ? 6 : mode === 'walk' ? 2 : 4,
        shiftStart: o.startAt - randomInt(rng, 0, 3) * 1800,
        shiftEnd: o.startAt + randomInt(rng, 4, 8) * 3600,
        status: pick(rng, RIDER_STATUS_MIX),
      },
      `riders[${i}]`,
    );
  });

  const orders = Array.from({ length: o.numOrders }, (_, i) => {
    const placedAt = o.startAt + Math.floor((i / Math.max(1, o.numOrders)) * 3600) + randomInt(rng, 0, 10);
    const numItems = randomInt(rng, 1, 4);
    const items = new Map<number, number>();
    while (items.size < Math.min(numItems, skus.length)) items.set(randomInt(rng, 0, skus.length - 1), randomInt(rng, 1, 3));
    let size = 0;
    for (const [k, q] of items) size += skuSize[k]! * q;
    return validateOrder(
      {
        id: `order-${i}`,
        items: [...items].map(([k, quantity]) => ({ sku: skus[k]!, quantity, size: skuSize[k]! })),
        dropOff: rng() < OUT_OF_ZONE_SHARE ? randomPointInDisc(rng, o.center, o.radiusM) : insideZone(rng),
        placedAt,
        readyAt: placedAt + randomInt(rng, 5, 20) * 60,
        promisedBy: placedAt + randomInt(rng, 30, 45) * 60,
        size,
        status: 'placed',
      },
      `orders[${i}]`,
    );
  });

  return Object.freeze({ center: o.center, radiusM: o.radiusM, startAt: o.startAt, zones, stores, riders, orders, skus });
}

type ResolvedOptions = Required<Omit<SyntheticCityOptions, 'center'>> & { center: LngLat };

function resolveOptions(options: SyntheticCityOptions): ResolvedOptions {
  const o: ResolvedOptions = {
    seed: options.seed ?? 1,
    center: options.center ?? CITY_CENTRES.bogota,
    radiusM: options.radiusM ?? 8_000,
    numZones: options.numZones ?? 6,
    numStores: options.numStores ?? 40,
    numRiders: options.numRiders ?? 120,
    numOrders: options.numOrders ?? 300,
    numSkus: options.numSkus ?? 60,
    startAt: options.startAt ?? DEFAULT_START_AT,
  };
  try {
    assertLngLat('options.center', o.center);
  } catch (cause) {
    throw new DispatchInputError('INVALID_COORDINATE', 'options.center', 'must be a valid [lng, lat]', o.center, { cause });
  }
  for (const key of ['seed', 'numStores', 'numRiders', 'numOrders', 'startAt'] as const) {
    if (!Number.isInteger(o[key]) || o[key] < 0) {
      throw new DispatchInputError('INVALID_INPUT', `options.${key}`, 'must be a non-negative integer', o[key]);
    }
  }
  for (const key of ['numZones', 'numSkus'] as const) {
    if (!Number.isInteger(o[key]) || o[key] < 1) {
      throw new DispatchInputError('INVALID_INPUT', `options.${key}`, 'must be a positive integer', o[key]);
    }
  }
  if (!(Number.isFinite(o.radiusM) && o.radiusM > 0 && o.radiusM <= 100_000)) {
    throw new DispatchInputError('INVALID_INPUT', 'options.radiusM', 'must be a number of metres in (0, 100000]', o.radiusM);
  }
  return o;
}

/** Zone `z` of `n`: one central zone, the others on a ring around it. */
function zoneCentre(center: LngLat, radiusM: number, z: number, n: number): LngLat {
  if (z === 0) return center;
  return destination(center[0], center[1], (360 * (z - 1)) / Math.max(1, n - 1), radiusM * 0.6);
}

function makeZones(rng: Rng, center: LngLat, radiusM: number, numZones: number): ZoneFeature[] {
  return Array.from({ length: numZones }, (_, z) =>
    randomStarZone(rng, `zone-${z}`, zoneCentre(center, radiusM, z, numZones), {
      numVertices: randomInt(rng, 8, 24),
      minRadiusM: radiusM * 0.3,
      maxRadiusM: radiusM * 0.45,
      hasHole: z % 3 === 2,
    }),
  );
}

function pick<T>(rng: Rng, mix: ReadonlyArray<[T, number]>): T {
  let r = rng();
  for (const [value, weight] of mix) {
    r -= weight;
    if (r < 0) return value;
  }
  return mix[mix.length - 1]![0];
}
