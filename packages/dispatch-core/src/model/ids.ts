/**
 * Id conventions: `*Id` is an external string id (as the caller sent it), `*Idx` a dense integer
 * index assigned by {@link buildDispatchSnapshot} (`0 … num* - 1`, in input order). External ids
 * live in side arrays (`storeIds[storeIdx]`) used only for output.
 */

/** External id of a store, rider or order: a non-empty string. */
export type ExternalId = string;
/** Dense index of a store in a snapshot. */
export type StoreIdx = number;
/** Dense index of a rider in a snapshot. */
export type RiderIdx = number;
/** Dense index of an order in a snapshot. */
export type OrderIdx = number;

/** Stands for "no index" in `Int32Array` cross-references (an order with no store or rider yet). */
export const NO_INDEX = -1;
