/**
 * Candidate stores for an order: the nearest stores that serve the drop-off's delivery zone and
 * hold every item in stock. The first step of warehouse matching (which then weighs the
 * candidates); built once per catalogue of stores, refreshed store by store as stock moves.
 */
import { PointIndex, ZoneIndex, type ZoneFeature, type ZoneId } from '@o2o/geo';
import { DispatchInputError } from '../errors.js';
import { coversDemand, demandBySku } from '../model/inventory.js';
import type { Order } from '../model/order.js';
import type { Store } from '../model/store.js';
import type { StoreIdx } from '../model/ids.js';

/** One candidate store, nearest first. */
export interface StoreCandidate {
  readonly storeIdx: StoreIdx;
  readonly storeId: string;
  /** Great-circle distance from the store to the drop-off, metres. */
  readonly distanceM: number;
}

/** Why an order has no candidate store. */
export type NoStoreReason = 'outside_zones' | 'no_store_in_zone' | 'out_of_stock';

/** The answer of {@link StoreLocator.candidatesFor}. */
export interface StoreCandidates {
  /** Zones containing the drop-off (empty when the locator has no zones). */
  readonly zoneIds: readonly ZoneId[];
  readonly candidates: readonly StoreCandidate[];
  /** Set when `candidates` is empty. */
  readonly reason?: NoStoreReason;
}

/** Options of {@link StoreLocator.candidatesFor}. */
export interface CandidateQueryOptions {
  /** Candidates wanted. Default 3. */
  readonly k?: number;
  /** Farthest store considered, metres. Default unlimited. */
  readonly maxDistanceM?: number;
  /**
   * Replaces the built-in "every item in stock" test: a store serving the zone is a candidate
   * when this returns true (e.g. a test against stock net of reservations, or "holds some items").
   * An empty answer then has reason `out_of_stock`. Default: every item of the order in stock.
   */
  readonly storeFilter?: (storeIdx: StoreIdx) => boolean;
}

/**
 * Finds the stores that may fulfil an order. A store serves the zones its own location lies in;
 * without zones every store serves everywhere.
 */
export class StoreLocator {
  private readonly stores: Store[];
  private readonly points: PointIndex;
  private readonly zones: ZoneIndex | undefined;
  /** Zones of each store as a bit set over zone indices (zone count ≤ 31 × words). */
  private readonly storeZoneBits: Uint32Array;
  private readonly wordsPerStore: number;
  private readonly queryZoneIdxs: Int32Array;
  private readonly queryBits: Uint32Array;

  private constructor(stores: readonly Store[], zones: ZoneIndex | undefined) {
    this.stores = [...stores];
    this.points = PointIndex.from(stores.map((s) => s.location));
    this.zones = zones;
    const numZones = zones?.numZones ?? 0;
    this.wordsPerStore = Math.max(1, Math.ceil(numZones / 32));
    this.storeZoneBits = new Uint32Array(stores.length * this.wordsPerStore);
    this.queryZoneIdxs = new Int32Array(Math.max(1, numZones));
    this.queryBits = new Uint32Array(this.wordsPerStore);
    if (zones) stores.forEach((s, i) => this.zoneBitsInto(s.location[0], s.location[1], this.storeZoneBits, i * this.wordsPerStore));
  }

  /**
   * Builds a locator over validated stores (see `validateStore`) and optional delivery zones
   * (GeoJSON features, validated by `ZoneIndex.build`).
   * @throws {DispatchInputError} on duplicate store ids; GeoInputError from geo on bad zones.
   */
  static build(stores: readonly Store[], zones?: readonly ZoneFeature[] | ZoneIndex): StoreLocator {
    const seen = new Set<string>();
    stores.forEach((s, i) => {
      if (seen.has(s.id)) throw new DispatchInputError('DUPLICATE_ID', `stores[${i}].id`, 'must be unique among stores', s.id);
      seen.add(s.id);
    });
    const zoneIndex = zones === undefined ? undefined : zones instanceof ZoneIndex ? zones : ZoneIndex.build(zones);
    return new StoreLocator(stores, zoneIndex);
  }

  get numStores(): number {
    return this.stores.length;
  }

  /** The store at `storeIdx` as last given. */
  store(storeIdx: StoreIdx): Store {
    const s = this.stores[storeIdx];
    if (!s) throw new DispatchInputError('INVALID_INPUT', 'storeIdx', `must be an index in [0, ${this.stores.length - 1}]`, storeIdx);
    return s;
  }

  /** Replaces a store's record (e.g. after `reserveStock`); its location must not change. */
  updateStore(storeIdx: StoreIdx, store: Store): void {
    const old = this.store(storeIdx);
    if (old.id !== store.id || old.location[0] !== store.location[0] || old.location[1] !== store.location[1]) {
      throw new DispatchInputError('INVALID_INPUT', 'store', `must keep the id (${old.id}) and location of store ${storeIdx}`, store.id);
    }
    this.stores[storeIdx] = store;
  }

  /** Zones of a store (empty without zones). */
  zonesOfStore(storeIdx: StoreIdx): ZoneId[] {
    if (!this.zones) return [];
    const base = storeIdx * this.wordsPerStore;
    const out: ZoneId[] = [];
    for (let z = 0; z < this.zones.numZones; z++) if (this.storeZoneBits[base + (z >>> 5)]! & (1 << (z & 31))) out.push(this.zones.zoneId(z));
    return out;
  }

  /** The nearest `k` stores serving the drop-off's zone with every item of the order in stock. */
  candidatesFor(order: Pick<Order, 'dropOff' | 'items'>, options: CandidateQueryOptions = {}): StoreCandidates {
    const k = options.k ?? 3;
    const maxDistanceM = options.maxDistanceM ?? Infinity;
    const [lng, lat] = order.dropOff;
    let zoneIds: ZoneId[] = [];
    if (this.zones) {
      this.queryBits.fill(0);
      const numIn = this.zoneBitsInto(lng, lat, this.queryBits, 0);
      if (numIn === 0) return { zoneIds, candidates: [], reason: 'outside_zones' };
      for (let i = 0; i < numIn; i++) zoneIds.push(this.zones.zoneId(this.queryZoneIdxs[i]!));
    }
    const demand = demandBySku(order.items);
    let servesZone = 0;
    const inZone = (idx: number): boolean => {
      if (!this.zones) return true;
      const base = idx * this.wordsPerStore;
      for (let w = 0; w < this.wordsPerStore; w++) if (this.storeZoneBits[base + w]! & this.queryBits[w]!) return true;
      return false;
    };
    const neighbours = this.points.nearestWithDistances(lng, lat, k, maxDistanceM, (idx) => {
      if (!inZone(idx)) return false;
      servesZone++;
      return options.storeFilter ? options.storeFilter(idx) : coversDemand(this.stores[idx]!.inventory, demand);
    });
    const candidates = neighbours.map((n) => ({ storeIdx: n.idx, storeId: this.stores[n.idx]!.id, distanceM: n.distanceM }));
    if (candidates.length > 0) return { zoneIds, candidates };
    return { zoneIds, candidates, reason: servesZone === 0 ? 'no_store_in_zone' : 'out_of_stock' };
  }

  /** Sets the bits of the zones containing (lng, lat) into `bits` at `offset`; returns how many. */
  private zoneBitsInto(lng: number, lat: number, bits: Uint32Array, offset: number): number {
    const zones = this.zones!;
    const n = Math.min(zones.zonesAtInto(lng, lat, this.queryZoneIdxs), this.queryZoneIdxs.length);
    for (let i = 0; i < n; i++) {
      const z = this.queryZoneIdxs[i]!;
      const w = offset + (z >>> 5);
      bits[w] = bits[w]! | (1 << (z & 31));
    }
    return n;
  }
}
