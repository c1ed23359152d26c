/**
 * The validated, indexed view of one dispatch round: every store, rider and order checked once,
 * given a dense index in input order, and every cross-reference resolved to an index.
 */
import { DispatchInternalError, type DispatchInputError, type MAX_INPUT_ISSUES } from '../errors.js';
import { NO_INDEX, type OrderIdx, type RiderIdx, type StoreIdx } from './ids.js';
import { IssueCollector } from './issue-collector.js';
import { checkOrder, type Order } from './order.js';
import { checkRider, type Rider } from './rider.js';
import { checkStore, type Store } from './store.js';

/** What {@link buildDispatchSnapshot} takes (checked at run time too: it may come from JSON). */
export interface DispatchSnapshotInput {
  readonly stores: readonly Store[];
  readonly riders: readonly Rider[];
  readonly orders: readonly Order[];
}

/**
 * A validated dispatch round. Entities are frozen copies; `*Idx` values index `stores`, `riders`
 * and `orders` (and the side arrays of external ids) in input order.
 */
export interface DispatchSnapshot {
  readonly numStores: number;
  readonly numRiders: number;
  readonly numOrders: number;
  /** `stores[storeIdx]`. */
  readonly stores: readonly Store[];
  /** `riders[riderIdx]`. */
  readonly riders: readonly Rider[];
  /** `orders[orderIdx]`. */
  readonly orders: readonly Order[];
  /** External id of each store: `storeIds[storeIdx]`. */
  readonly storeIds: readonly string[];
  /** External id of each rider: `riderIds[riderIdx]`. */
  readonly riderIds: readonly string[];
  /** External id of each order: `orderIds[orderIdx]`. */
  readonly orderIds: readonly string[];
  readonly storeIdxById: ReadonlyMap<string, StoreIdx>;
  readonly riderIdxById: ReadonlyMap<string, RiderIdx>;
  readonly orderIdxById: ReadonlyMap<string, OrderIdx>;
  /** Store of each order (`orders[i].storeId` resolved), or {@link NO_INDEX} when not matched yet. */
  readonly orderStoreIdx: Int32Array;
  /** Rider of each order (`orders[i].riderId` resolved), or {@link NO_INDEX} when not assigned. */
  readonly orderRiderIdx: Int32Array;
}

/**
 * Validates `input` and builds a {@link DispatchSnapshot}. Validation collects every broken rule
 * (up to {@link MAX_INPUT_ISSUES}) before throwing one {@link DispatchInputError}: its `issues`
 * list them all and its `field`/`rule`/`value` name the first. Besides each entity's own rules:
 * ids are unique per collection (`DUPLICATE_ID`), and `orders[i].storeId` / `orders[i].riderId`
 * must name a store or rider of the input (`UNKNOWN_REFERENCE`).
 */
export function buildDispatchSnapshot(input: DispatchSnapshotInput): DispatchSnapshot {
  const issues = new IssueCollector();
  if (!issues.checkObject('input', input)) issues.throwIfAny();
  const storeCheck = checkCollection(issues, 'stores', input.stores, checkStore);
  const riderCheck = checkCollection(issues, 'riders', input.riders, checkRider);
  const orderCheck = checkCollection(issues, 'orders', input.orders, checkOrder);
  const orderStoreIdx = resolveReferences(issues, orderCheck.entities, 'storeId', 'stores', storeCheck);
  const orderRiderIdx = resolveReferences(issues, orderCheck.entities, 'riderId', 'riders', riderCheck);
  issues.throwIfAny();

  const stores = allChecked('stores', storeCheck.entities);
  const riders = allChecked('riders', riderCheck.entities);
  const orders = allChecked('orders', orderCheck.entities);
  const snapshot: DispatchSnapshot = {
    numStores: stores.length,
    numRiders: riders.length,
    numOrders: orders.length,
    stores,
    riders,
    orders,
    storeIds: Object.freeze(stores.map((s) => s.id)),
    riderIds: Object.freeze(riders.map((r) => r.id)),
    orderIds: Object.freeze(orders.map((o) => o.id)),
    storeIdxById: storeCheck.idxById,
    riderIdxById: riderCheck.idxById,
    orderIdxById: orderCheck.idxById,
    orderStoreIdx,
    orderRiderIdx,
  };
  return Object.freeze(snapshot);
}

type Check<T> = (issues: IssueCollector, field: string, input: unknown) => T | undefined;

/** One collection after checking: `entities[i]` is the copy of input `i` (undefined if invalid). */
interface CollectionCheck<T> {
  readonly entities: readonly (T | undefined)[];
  /** False when the collection was not even an array (references into it are then not checked). */
  readonly isArray: boolean;
  /** First input index of every well-formed id (so references to an invalid entity do not also fail). */
  readonly idxById: ReadonlyMap<string, number>;
}

/** Checks every element of one collection and that ids are unique in it. */
function checkCollection<T>(issues: IssueCollector, name: string, value: unknown, check: Check<T>): CollectionCheck<T> {
  const idxById = new Map<string, number>();
  if (!issues.checkArray(name, value)) return { entities: [], isArray: false, idxById };
  const entities = value.map((element, i) => {
    const entity = check(issues, `${name}[${i}]`, element);
    const id: unknown = typeof element === 'object' && element !== null ? (element as { id?: unknown }).id : undefined;
    if (typeof id === 'string' && id.length > 0) {
      const firstIdx = idxById.get(id);
      if (firstIdx === undefined) idxById.set(id, i);
      else issues.add('DUPLICATE_ID', `${name}[${i}].id`, `must be unique among ${name} (already used by ${name}[${firstIdx}])`, id);
    }
    return entity;
  });
  return { entities, isArray: true, idxById };
}

/** Resolves `orders[i][key]` against a collection's id map; records unknown ids. */
function resolveReferences(
  issues: IssueCollector,
  orders: readonly (Order | undefined)[],
  key: 'storeId' | 'riderId',
  collection: string,
  target: CollectionCheck<unknown>,
): Int32Array {
  const resolved = new Int32Array(orders.length).fill(NO_INDEX);
  if (!target.isArray) return resolved;
  orders.forEach((order, orderIdx) => {
    const id = order?.[key];
    if (id === undefined) return;
    const idx = target.idxById.get(id);
    if (idx === undefined) issues.add('UNKNOWN_REFERENCE', `orders[${orderIdx}].${key}`, `must be the id of one of ${collection}`, id);
    else resolved[orderIdx] = idx;
  });
  return resolved;
}

/** The checked entities once validation found no issue (every one defined). */
function allChecked<T>(name: string, entities: readonly (T | undefined)[]): readonly T[] {
  const missingIdx = entities.indexOf(undefined);
  if (missingIdx >= 0) throw new DispatchInternalError(`${name}[${missingIdx}] was not checked although validation passed`);
  return Object.freeze(entities as T[]);
}
