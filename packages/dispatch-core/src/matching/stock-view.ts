/**
 * Where matching reads stock from: the stores' own inventory, or what is left once reservations
 * are taken out (an {@link InventoryReservations} is a stock view).
 */
import { stockOf, type Sku } from '../model/inventory.js';
import type { Store } from '../model/store.js';
import type { InventoryReservations } from './inventory-reservations.js';

/** Units of a sku a store can still promise to a new order (integers ≥ 0). */
export interface StockView {
  /** Units of `sku` available at store `storeId` (0 for an unknown store or sku). */
  availableOf(storeId: string, sku: Sku): number;
}

/** A {@link StockView} over the stores' `inventory` as given (nothing reserved). */
export function inventoryStockView(stores: readonly Pick<Store, 'id' | 'inventory'>[]): StockView {
  const byId = new Map(stores.map((s) => [s.id, s.inventory]));
  return {
    availableOf(storeId: string, sku: Sku): number {
      const inventory = byId.get(storeId);
      return inventory === undefined ? 0 : stockOf(inventory, sku);
    },
  };
}
