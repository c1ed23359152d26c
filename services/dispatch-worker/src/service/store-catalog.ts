/**
 * The stores the service dispatches from, with their stock: which store fulfils an order (the one
 * it names, or the nearest with everything in stock), and the stock held for each order
 * (dispatch-core's `InventoryReservations`: reserved at placement, deducted at pickup, released on
 * cancel). A store without an inventory does not track stock (a restaurant cooking to order).
 */
import { randomBytes } from 'node:crypto';
import {
  InventoryReservations,
  OrderStoreMatcher,
  validateStore,
  type Reservation,
  type ReservationLine,
  type Store,
} from '@o2o/dispatch-core';
import type { LngLat } from '@o2o/geo';
import { ApiError, badInput, notFound } from '../api/api-error.js';
import type { OrderItemBody } from '../api/api-types.js';

/** Default seconds from acceptance to ready. */
export const DEFAULT_PREP_TIME_SEC = 600;
/** Stock stays held this long at most (an order not picked up by then gives it back). */
export const RESERVATION_HOLD_SEC = 6 * 3600;

/** A store as the service keeps (and persists) it. */
export interface StoreRecord {
  readonly id: string;
  readonly name?: string;
  readonly kind: Store['kind'];
  /** `[lng, lat]`. */
  readonly location: LngLat;
  /** Units on hand per sku; undefined: the store does not track stock. */
  readonly inventory?: Readonly<Record<string, number>>;
  readonly prepTimeSec: number;
  /** False: the store takes no new orders. */
  readonly open: boolean;
}

/** Which store fulfils an order and the stock held for it. */
export interface StoreChoice {
  readonly store: StoreRecord;
  /** The held stock (stores that track stock only). */
  readonly reservation?: Reservation;
}

export class StoreCatalog {
  private readonly stores = new Map<string, StoreRecord>();
  readonly stock: InventoryReservations;
  private matcher: OrderStoreMatcher | undefined;

  constructor() {
    // Reservation ids must never repeat across restarts: a prefix unique to this process start.
    this.stock = new InventoryReservations([], { idPrefix: `res-${Date.now().toString(36)}${randomBytes(3).toString('hex')}-`, retainEnded: false, defaultTtlSec: RESERVATION_HOLD_SEC });
  }

  get size(): number {
    return this.stores.size;
  }

  get(storeId: string): StoreRecord | undefined {
    return this.stores.get(storeId);
  }

  /** The store, or a 404. */
  require(storeId: string): StoreRecord {
    const store = this.stores.get(storeId);
    if (store === undefined) throw notFound('store', storeId);
    return store;
  }

  list(): StoreRecord[] {
    return [...this.stores.values()];
  }

  /** Adds or replaces a store (its stock counts replace the old ones; held units stay held). */
  put(record: StoreRecord): void {
    this.stores.set(record.id, record);
    if (record.inventory !== undefined) {
      this.stock.setStore({ id: record.id, inventory: record.inventory });
      this.matcher = undefined;
    }
  }

  /** Adopts stock held before a restart. Reservations of unknown stores are skipped and returned. */
  restoreHeld(reservations: readonly Reservation[]): Reservation[] {
    const known = reservations.filter((r) => r.lines.every((l) => this.stores.get(l.storeId)?.inventory !== undefined));
    this.stock.restoreHeld(known);
    return reservations.filter((r) => !known.includes(r));
  }

  /**
   * Picks the store for a new order and holds its stock: the named store (which must be known and
   * open; with stock tracking every line must fit), or without a name the nearest open store that
   * tracks stock and holds every line. Throws 400 for an unknown store, 409 `STORE_CLOSED` or
   * `OUT_OF_STOCK` (with the short lines).
   */
  choose(orderId: string, storeId: string | undefined, items: readonly OrderItemBody[], dropOff: LngLat, now: number): StoreChoice {
    if (storeId !== undefined) {
      const store = this.stores.get(storeId);
      if (store === undefined) throw badInput('storeId', 'must name a registered store', storeId, 'UNKNOWN_REFERENCE');
      if (!store.open) throw new ApiError(409, 'STORE_CLOSED', `store ${JSON.stringify(storeId)} takes no orders now`, { details: { storeId } });
      if (store.inventory === undefined) return { store };
      return { store, reservation: this.hold(orderId, store.id, items, now) };
    }
    const matcher = (this.matcher ??= OrderStoreMatcher.build(
      this.list().filter((s) => s.inventory !== undefined).map((s) => toCoreStore(s)),
      { stock: this.stock },
    ));
    const loads = new Map<string, { openOrders: number; capacity: number }>();
    for (const s of this.stores.values()) if (!s.open) loads.set(s.id, { openOrders: 1, capacity: 1 });
    const match = matcher.match({ dropOff, items: items.map((i) => ({ sku: i.sku, quantity: i.quantity })), readyAt: now }, { maxStores: 1, policy: 'never', departAt: now, loads, requireOpen: false });
    const chosen = match.status === 'single' ? match.plan.stores[0] : undefined;
    if (chosen === undefined) {
      throw new ApiError(409, 'OUT_OF_STOCK', 'no open store holds every item of this order', {
        details: { missing: match.missing.map((m) => ({ sku: m.sku, quantity: m.quantity, reason: m.reason })), ...(match.reason === undefined ? {} : { reason: match.reason }) },
      });
    }
    return { store: this.require(chosen.storeId), reservation: this.hold(orderId, chosen.storeId, items, now) };
  }

  /** Releases held stock (cancel, or a create that failed); idempotent. */
  release(reservationId: string, now: number): Reservation | undefined {
    if (this.stock.find(reservationId) === undefined) return undefined;
    return this.stock.release(reservationId, now).reservation;
  }

  /**
   * Pickup: the held units leave the store's stock. Returns the ended reservation and the store
   * with its new counts (to persist in the same transaction as the pickup).
   */
  commit(reservationId: string, now: number): { reservation: Reservation; store: StoreRecord } | undefined {
    const held = this.stock.find(reservationId);
    if (held === undefined || held.status !== 'held') return undefined;
    const reservation = this.stock.commit(reservationId, now);
    const storeId = reservation.lines[0]!.storeId;
    const store = this.require(storeId);
    const inventory: Record<string, number> = { ...store.inventory };
    for (const line of reservation.lines) inventory[line.sku] = Math.max(0, (inventory[line.sku] ?? 0) - line.quantity);
    const next: StoreRecord = { ...store, inventory };
    this.stores.set(storeId, next);
    return { reservation, store: next };
  }

  /** The store's stock as the API shows it: on hand, held, available per sku. */
  stockOf(storeId: string): Record<string, { onHand: number; reserved: number; available: number }> | null {
    const store = this.require(storeId);
    if (store.inventory === undefined) return null;
    const out: Record<string, { onHand: number; reserved: number; available: number }> = {};
    for (const sku of Object.keys(store.inventory)) {
      out[sku] = { onHand: this.stock.onHandOf(storeId, sku), reserved: this.stock.reservedOf(storeId, sku), available: this.stock.availableOf(storeId, sku) };
    }
    return out;
  }

  private hold(orderId: string, storeId: string, items: readonly OrderItemBody[], now: number): Reservation {
    const lines: ReservationLine[] = items.map((i) => ({ storeId, sku: i.sku, quantity: i.quantity }));
    const result = this.stock.reserve({ lines, orderId }, now);
    if (!result.ok) {
      throw new ApiError(409, 'OUT_OF_STOCK', `store ${JSON.stringify(storeId)} does not hold every item of this order`, {
        details: { shortages: result.shortages.map((s) => ({ sku: s.sku, requested: s.requested, available: s.available })) },
      });
    }
    return result.reservation;
  }
}

/** A store as the API shows it (`{ lat, lng }`). */
export function toStoreView(s: StoreRecord): Omit<StoreRecord, 'location'> & { location: { lat: number; lng: number } } {
  return { ...s, location: { lat: s.location[1], lng: s.location[0] } };
}

/** The dispatch-core view of a store (validated). */
export function toCoreStore(s: StoreRecord): Store {
  return validateStore({ id: s.id, kind: s.kind, location: s.location, inventory: s.inventory ?? {}, prepTimeSec: s.prepTimeSec, ...(s.name === undefined ? {} : { name: s.name }) });
}
