/**
 * Stores, warehouses and dark stores: where orders are picked up, with what they hold in stock.
 */
import type { LngLat } from '@o2o/geo';
import type { DispatchInputError } from '../errors.js';
import type { DurationSec, EpochSeconds } from './epoch-seconds.js';
import { checkInventory, type Inventory } from './inventory.js';
import { IssueCollector, copyLngLat } from './issue-collector.js';

/** Every {@link StoreKind}, in a stable order. */
export const STORE_KINDS = ['store', 'warehouse', 'dark_store'] as const;

/** A shop open to the public, a warehouse, or a dark store (a warehouse for delivery only). */
export type StoreKind = (typeof STORE_KINDS)[number];

/** One interval in which a store hands orders to riders: `[opensAt, closesAt)`. */
export interface OpeningWindow {
  readonly opensAt: EpochSeconds;
  readonly closesAt: EpochSeconds;
}

/** A place orders are picked up from. */
export interface Store {
  /** External id, unique among stores. */
  readonly id: string;
  /** Display name. */
  readonly name?: string;
  readonly kind: StoreKind;
  /** Pickup point, `[lng, lat]` in degrees. */
  readonly location: LngLat;
  /** Units on hand per sku (integers ≥ 0; a missing sku means 0). */
  readonly inventory: Inventory;
  /**
   * Concrete opening windows over the planning horizon (non-empty, ascending, non-overlapping).
   * Omitted means always open. Weekly schedules are turned into windows by the caller.
   */
  readonly openingHours?: readonly OpeningWindow[];
  /** Typical time from acceptance to ready, in seconds, used to estimate `readyAt`. */
  readonly prepTimeSec?: DurationSec;
}

/**
 * Validates one store and returns a frozen, normalised copy; throws a {@link DispatchInputError}
 * listing every broken rule. `field` prefixes the field paths in errors (e.g. `stores[3]`).
 */
export function validateStore(input: unknown, field = 'store'): Store {
  const issues = new IssueCollector();
  const store = checkStore(issues, field, input);
  issues.throwIfAny();
  return store as Store;
}

/** @internal Records every broken rule of `input` in `issues`; returns the copy when it has none. */
export function checkStore(issues: IssueCollector, field: string, input: unknown): Store | undefined {
  if (!issues.checkObject(field, input)) return undefined;
  const numBefore = issues.numFound;
  const { id, name, kind, location, inventory, openingHours, prepTimeSec } = input;
  issues.checkNonEmptyString(`${field}.id`, id);
  if (name !== undefined) issues.checkNonEmptyString(`${field}.name`, name);
  issues.checkOneOf(`${field}.kind`, kind, STORE_KINDS);
  issues.checkLngLat(`${field}.location`, location);
  const inventoryCopy = checkInventory(issues, `${field}.inventory`, inventory);
  const hours = openingHours === undefined ? undefined : checkOpeningHours(issues, `${field}.openingHours`, openingHours);
  if (prepTimeSec !== undefined) issues.checkNonNegativeInteger(`${field}.prepTimeSec`, prepTimeSec);
  if (issues.numFound > numBefore) return undefined;

  const store: Store = {
    id: id as string,
    ...(name === undefined ? {} : { name: name as string }),
    kind: kind as StoreKind,
    location: copyLngLat(location as LngLat),
    inventory: inventoryCopy as Inventory,
    ...(hours === undefined ? {} : { openingHours: hours }),
    ...(prepTimeSec === undefined ? {} : { prepTimeSec: prepTimeSec as number }),
  };
  return Object.freeze(store);
}

function checkOpeningHours(issues: IssueCollector, field: string, value: unknown): readonly OpeningWindow[] | undefined {
  if (!issues.checkArray(field, value, true)) return undefined;
  const windows: OpeningWindow[] = [];
  let prevClosesAt: EpochSeconds | undefined;
  value.forEach((window, i) => {
    const f = `${field}[${i}]`;
    if (!issues.checkObject(f, window)) return;
    const { opensAt, closesAt } = window;
    const okOpens = issues.checkEpochSeconds(`${f}.opensAt`, opensAt);
    if (!issues.checkEpochSeconds(`${f}.closesAt`, closesAt) || !okOpens) return;
    if (closesAt <= opensAt) {
      issues.invalid(`${f}.closesAt`, `must be greater than opensAt (${opensAt})`, closesAt);
    } else if (prevClosesAt !== undefined && opensAt < prevClosesAt) {
      issues.invalid(`${f}.opensAt`, `must not be earlier than ${field}[${i - 1}].closesAt (${prevClosesAt})`, opensAt);
    }
    prevClosesAt = closesAt;
    windows.push(Object.freeze({ opensAt, closesAt }));
  });
  return Object.freeze(windows);
}

/** True when `store` is open at `at` (always, when it has no opening hours). */
export function isStoreOpenAt(store: Store, at: EpochSeconds): boolean {
  if (store.openingHours === undefined) return true;
  return store.openingHours.some((w) => w.opensAt <= at && at < w.closesAt);
}
