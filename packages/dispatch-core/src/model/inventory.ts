/**
 * Stock per sku and the helpers that check, reserve and release it. Quantities are integers ≥ 0
 * and never go negative: a reservation that does not fit is refused as a whole, with the list of
 * shortages (infeasibility is a result, not an exception).
 */
import { DispatchInputError } from '../errors.js';
import { IssueCollector, keyField } from './issue-collector.js';
import { checkOrderItems, type OrderItem } from './order.js';
import type { Store } from './store.js';

/** A stock-keeping unit: the external id of a product. */
export type Sku = string;

/** Units on hand per sku (integers ≥ 0). A sku that is not listed has 0 units. */
export type Inventory = Readonly<Record<Sku, number>>;

/** A sku an order needs more of than the store has. */
export interface StockShortage {
  readonly sku: Sku;
  /** Units asked for (summed over the items with this sku). */
  readonly requested: number;
  /** Units on hand. */
  readonly available: number;
}

/** Result of {@link reserveStock}: the store with less stock, or why it could not be done. */
export type ReserveStockResult<S extends Pick<Store, 'inventory'>> =
  | { readonly ok: true; readonly store: S }
  | { readonly ok: false; readonly shortages: readonly StockShortage[] };

/** Units of `sku` on hand (0 when the sku is not listed). */
export function stockOf(inventory: Inventory, sku: Sku): number {
  return Object.hasOwn(inventory, sku) ? (inventory[sku] ?? 0) : 0;
}

/**
 * Every sku of `items` the store does not have enough of (empty when it can serve them all).
 * Items with the same sku are summed. Throws a {@link DispatchInputError} when `items` is invalid.
 */
export function findShortages(store: Pick<Store, 'inventory'>, items: readonly OrderItem[]): StockShortage[] {
  return shortagesOf(store.inventory, demandBySku(items));
}

/** True when the store has every item of `items` in the quantity asked for. */
export function hasStock(store: Pick<Store, 'inventory'>, items: readonly OrderItem[]): boolean {
  return coversDemand(store.inventory, demandBySku(items));
}

/**
 * Takes `items` out of the store's stock, all or nothing. Returns a copy of the store with the new
 * inventory (the input is not changed), or `{ ok: false, shortages }` when any sku is short.
 */
export function reserveStock<S extends Pick<Store, 'inventory'>>(store: S, items: readonly OrderItem[]): ReserveStockResult<S> {
  const demand = demandBySku(items);
  const shortages = shortagesOf(store.inventory, demand);
  if (shortages.length > 0) return { ok: false, shortages };
  const inventory = applyDelta(store.inventory, demand, -1);
  return { ok: true, store: Object.freeze({ ...store, inventory }) };
}

/**
 * Puts `items` back into the store's stock (e.g. an order was cancelled) and returns a copy of the
 * store. Release never goes negative since quantities are positive; it does not check that the
 * units were reserved before.
 */
export function releaseStock<S extends Pick<Store, 'inventory'>>(store: S, items: readonly OrderItem[]): S {
  const demand = demandBySku(items);
  for (const [sku, quantity] of demand) {
    const total = stockOf(store.inventory, sku) + quantity;
    if (!Number.isSafeInteger(total)) {
      throw new DispatchInputError('INVALID_INPUT', keyField('inventory', sku), 'would exceed the largest safe integer after release', total);
    }
  }
  return Object.freeze({ ...store, inventory: applyDelta(store.inventory, demand, 1) });
}

/** @internal Validates an inventory record; returns a frozen copy when it has no issue. */
export function checkInventory(issues: IssueCollector, field: string, value: unknown): Inventory | undefined {
  if (!issues.checkObject(field, value)) return undefined;
  const numBefore = issues.numFound;
  const entries: [Sku, number][] = [];
  for (const [sku, quantity] of Object.entries(value)) {
    if (sku.length === 0) issues.invalid(field, 'keys (skus) must be non-empty strings', sku);
    else if (issues.checkNonNegativeInteger(keyField(field, sku), quantity)) entries.push([sku, quantity]);
  }
  // Object.fromEntries defines own properties, so a sku named "__proto__" stays a plain key.
  return issues.numFound > numBefore ? undefined : Object.freeze(Object.fromEntries(entries));
}

/** Validated quantity per sku of `items` (throws a {@link DispatchInputError} when invalid). */
/**
 * The units asked for per sku (items with the same sku summed), validated once: compute it once
 * per order and test many stores with {@link coversDemand}.
 * @throws {DispatchInputError} when `items` is invalid.
 */
export function demandBySku(items: readonly OrderItem[]): Map<Sku, number> {
  const issues = new IssueCollector();
  const valid = checkOrderItems(issues, 'items', items);
  issues.throwIfAny();
  const demand = new Map<Sku, number>();
  for (const item of valid ?? []) demand.set(item.sku, (demand.get(item.sku) ?? 0) + item.quantity);
  return demand;
}

/** True when `inventory` holds every sku of `demand` (from {@link demandBySku}) in the quantity asked for. */
export function coversDemand(inventory: Inventory, demand: ReadonlyMap<Sku, number>): boolean {
  for (const [sku, requested] of demand) if (requested > stockOf(inventory, sku)) return false;
  return true;
}

function shortagesOf(inventory: Inventory, demand: ReadonlyMap<Sku, number>): StockShortage[] {
  const shortages: StockShortage[] = [];
  for (const [sku, requested] of demand) {
    const available = stockOf(inventory, sku);
    if (requested > available) shortages.push(Object.freeze({ sku, requested, available }));
  }
  return shortages;
}

function applyDelta(inventory: Inventory, demand: ReadonlyMap<Sku, number>, sign: 1 | -1): Inventory {
  const next = new Map(Object.entries(inventory));
  for (const [sku, quantity] of demand) next.set(sku, stockOf(inventory, sku) + sign * quantity);
  return Object.freeze(Object.fromEntries(next));
}
