/**
 * The synthetic city the load bench drives, rebuilt identically from a seed wherever it is
 * needed (the main thread for setup and rider locations, the order worker for order bodies):
 * stores and rider start points uniformly over a 10 km × 10 km square around Bogotá (4.65, -74.1).
 */
import { mulberry32, randomPointInDisc, type Rng } from '@o2o/geo';

export interface LatLngPoint {
  readonly lat: number;
  readonly lng: number;
}

/** Centre of the city. */
export const LOAD_CITY_CENTRE: LatLngPoint = { lat: 4.65, lng: -74.1 };
/** Half the side of the square, in degrees (≈ 5 km; cos(4.65°) ≈ 1 so the same for both axes). */
const HALF_SIDE_DEG = 0.045;
/** Drop-offs fall within this distance of their store, in metres. */
export const DROP_OFF_RADIUS_M = 3_000;
/** Distinct meals on the menu. */
const NUM_MEALS = 500;
const MEAL_VARIANTS = ['bowl-regular', 'bowl-large', 'combo-regular', 'combo-large', 'wrap', 'side-salad'] as const;
const CHANNELS = ['app-android', 'app-ios', 'web-desktop', 'web-mobile'] as const;

export const loadStoreId = (storeIdx: number): string => `load-s${storeIdx}`;
export const loadRiderId = (riderIdx: number): string => `load-r${riderIdx}`;

/** Rounds degrees to 6 decimals (≈ 0.1 m), as a phone would send them. */
const deg6 = (deg: number): number => Math.round(deg * 1e6) / 1e6;

function pointInCity(rng: Rng): LatLngPoint {
  return {
    lat: deg6(LOAD_CITY_CENTRE.lat + (rng() * 2 - 1) * HALF_SIDE_DEG),
    lng: deg6(LOAD_CITY_CENTRE.lng + (rng() * 2 - 1) * HALF_SIDE_DEG),
  };
}

export class LoadCity {
  readonly storeLocations: readonly LatLngPoint[];
  readonly riderStarts: readonly LatLngPoint[];

  constructor(numStores: number, numRiders: number, seed: number) {
    const rng = mulberry32(seed);
    this.storeLocations = Array.from({ length: numStores }, () => pointInCity(rng));
    this.riderStarts = Array.from({ length: numRiders }, () => pointInCity(rng));
  }
}

/** Builds the body of `POST /v1/orders` number `n` of a run; same seed, same sequence of bodies. */
export class OrderBodyFactory {
  readonly #city: LoadCity;
  readonly #rng: Rng;
  readonly #runId: string;

  constructor(city: LoadCity, runId: string, seed: number) {
    if (city.storeLocations.length === 0) throw new RangeError('the load city needs at least one store');
    this.#city = city;
    this.#runId = runId;
    this.#rng = mulberry32(seed ^ 0x5bd1e995);
  }

  /** The JSON body of order `n` (a restaurant order of 1–3 meals, delivered within 3 km; 215–345 bytes). */
  next(n: number): string {
    const rng = this.#rng;
    const storeIdx = Math.floor(rng() * this.#city.storeLocations.length);
    const store = this.#city.storeLocations[storeIdx] as LatLngPoint;
    const numItems = 1 + Math.floor(rng() * 3);
    const items = Array.from({ length: numItems }, () => {
      const meal = String(Math.floor(rng() * NUM_MEALS)).padStart(4, '0');
      const variant = MEAL_VARIANTS[Math.floor(rng() * MEAL_VARIANTS.length)] as string;
      return { sku: `meal-${meal}-${variant}`, quantity: 1, size: 1 };
    });
    const [lng, lat] = randomPointInDisc(rng, [store.lng, store.lat], DROP_OFF_RADIUS_M);
    const cart = Math.floor(rng() * 2 ** 32).toString(16).padStart(8, '0') + Math.floor(rng() * 2 ** 32).toString(16).padStart(8, '0');
    const channel = CHANNELS[Math.floor(rng() * CHANNELS.length)] as string;
    return JSON.stringify({
      storeId: loadStoreId(storeIdx),
      items,
      dropOff: { lat: deg6(lat), lng: deg6(lng) },
      // A platform reference as a marketplace would send one (≤ 128 chars of [A-Za-z0-9._:-]).
      externalRef: `o2o-bench-load:${this.#runId}:order-${String(n).padStart(9, '0')}:cart-${cart}:channel-${channel}`,
    });
  }
}

/** Builds the body of `POST /v1/riders/locations`: riders in turn, each moved a little from its start. */
export class LocationBatchFactory {
  readonly #city: LoadCity;
  readonly #rng: Rng;
  readonly #batch: number;
  #nextRider = 0;

  constructor(city: LoadCity, batch: number, seed: number) {
    if (city.riderStarts.length === 0) throw new RangeError('the load city needs at least one rider');
    this.#city = city;
    this.#batch = batch;
    this.#rng = mulberry32(seed ^ 0x27d4eb2d);
  }

  next(): string {
    const riders = this.#city.riderStarts;
    const locations = Array.from({ length: this.#batch }, () => {
      const riderIdx = this.#nextRider;
      this.#nextRider = (this.#nextRider + 1) % riders.length;
      const start = riders[riderIdx] as LatLngPoint;
      const [lng, lat] = randomPointInDisc(this.#rng, [start.lng, start.lat], 500);
      return { riderId: loadRiderId(riderIdx), lat: deg6(lat), lng: deg6(lng) };
    });
    return JSON.stringify({ locations });
  }
}
