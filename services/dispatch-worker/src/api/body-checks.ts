/**
 * Validation of request bodies, query strings and path ids: each check throws a 400
 * {@link ApiError} naming the first field at fault, the rule and the value; each returns a clean
 * copy holding only known fields. Hand-written (no schema library): it runs on the hot path.
 */
import { isEpochSeconds } from '@o2o/dispatch-core';
import { badInput } from './api-error.js';
import type {
  CreateOrderBody,
  CreateRiderBody,
  CreateStoreBody,
  LatLng,
  LocationBatchBody,
  LocationBody,
  LocationEntry,
  OrderItemBody,
  QuoteBody,
  ShiftBody,
} from './api-types.js';

/** Ids: 1–128 characters of letters, digits and `._:-`. */
export const ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;
export const ID_RULE = 'must be 1 to 128 characters of A-Z, a-z, 0-9, ".", "_", ":" or "-"';
/** Most lines in one order. */
export const MAX_ORDER_ITEMS = 200;
/** Most entries in one location batch. */
export const MAX_LOCATION_BATCH = 1_000;
/** Most skus in one inventory. */
export const MAX_INVENTORY_SKUS = 100_000;
const MAX_UNITS = 1_000_000_000;
const STORE_KINDS = ['store', 'warehouse', 'dark_store'] as const;
const RIDER_MODES = ['walk', 'bike', 'escooter', 'car'] as const;

type Obj = Record<string, unknown>;

export function isPlainObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function checkObject(field: string, value: unknown): Obj {
  if (!isPlainObject(value)) throw badInput(field, 'must be a JSON object', value);
  return value;
}

export function checkId(field: string, value: unknown): string {
  if (typeof value !== 'string' || !ID_PATTERN.test(value)) throw badInput(field, ID_RULE, value);
  return value;
}

export function checkText(field: string, value: unknown, maxChars = 200): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > maxChars) throw badInput(field, `must be a string of 1 to ${maxChars} characters`, value);
  return value;
}

export function checkInteger(field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) throw badInput(field, `must be an integer in [${min}, ${max}]`, value);
  return value;
}

export function checkEpoch(field: string, value: unknown): number {
  if (!isEpochSeconds(value)) throw badInput(field, 'must be integer Unix epoch seconds', value);
  return value;
}

export function checkOneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw badInput(field, `must be one of ${allowed.map((a) => `'${a}'`).join(', ')}`, value);
  }
  return value as T;
}

export function checkLatLng(field: string, value: unknown): LatLng {
  const o = checkObject(field, value);
  const { lat, lng } = o;
  if (typeof lat !== 'number' || !(lat >= -90 && lat <= 90)) throw badInput(`${field}.lat`, 'must be a number in [-90, 90]', lat);
  if (typeof lng !== 'number' || !(lng >= -180 && lng <= 180)) throw badInput(`${field}.lng`, 'must be a number in [-180, 180]', lng);
  return { lat, lng };
}

function checkUnknownFields(field: string, o: Obj, known: readonly string[]): void {
  for (const key in o) {
    if (!known.includes(key)) throw badInput(field === '' ? key : `${field}.${key}`, 'is not a known field', o[key]);
  }
}

export const ORDER_FIELDS = ['id', 'storeId', 'items', 'dropOff', 'placedAt', 'promisedBy', 'size', 'externalRef'] as const;
export const ITEM_FIELDS = ['sku', 'quantity', 'size'] as const;

/** `POST /v1/orders` (and each ingested order; `prefix` names its place, e.g. `lines[3]`). */
export function checkCreateOrderBody(value: unknown, prefix = ''): CreateOrderBody {
  const f = (name: string): string => (prefix === '' ? name : `${prefix}.${name}`);
  const o = checkObject(prefix === '' ? 'body' : prefix, value);
  checkUnknownFields(prefix, o, ORDER_FIELDS);
  const items = o.items;
  if (!Array.isArray(items) || items.length === 0 || items.length > MAX_ORDER_ITEMS) {
    throw badInput(f('items'), `must be an array of 1 to ${MAX_ORDER_ITEMS} items`, items);
  }
  const cleanItems: OrderItemBody[] = [];
  for (let i = 0; i < items.length; i++) {
    const fi = f(`items[${i}]`);
    const item = checkObject(fi, items[i]);
    checkUnknownFields(fi, item, ITEM_FIELDS);
    const sku = checkId(`${fi}.sku`, item.sku);
    const quantity = checkInteger(`${fi}.quantity`, item.quantity, 1, 10_000);
    cleanItems.push(item.size === undefined ? { sku, quantity } : { sku, quantity, size: checkInteger(`${fi}.size`, item.size, 0, 10_000) });
  }
  const body: { -readonly [K in keyof CreateOrderBody]: CreateOrderBody[K] } = { items: cleanItems, dropOff: checkLatLng(f('dropOff'), o.dropOff) };
  if (o.id !== undefined) body.id = checkId(f('id'), o.id);
  if (o.storeId !== undefined) body.storeId = checkId(f('storeId'), o.storeId);
  if (o.placedAt !== undefined) body.placedAt = checkEpoch(f('placedAt'), o.placedAt);
  if (o.promisedBy !== undefined) body.promisedBy = checkEpoch(f('promisedBy'), o.promisedBy);
  if (o.size !== undefined) body.size = checkInteger(f('size'), o.size, 1, 100_000);
  if (o.externalRef !== undefined) body.externalRef = checkText(f('externalRef'), o.externalRef, 256);
  if (body.placedAt !== undefined && body.promisedBy !== undefined && body.promisedBy <= body.placedAt) {
    throw badInput(f('promisedBy'), `must be greater than placedAt (${body.placedAt})`, body.promisedBy);
  }
  return body;
}

/** An inventory: sku → units (integers ≥ 0). */
export function checkInventoryBody(field: string, value: unknown): Record<string, number> {
  const o = checkObject(field, value);
  const out: Record<string, number> = {};
  let n = 0;
  for (const sku in o) {
    if (++n > MAX_INVENTORY_SKUS) throw badInput(field, `must have at most ${MAX_INVENTORY_SKUS} skus`, value);
    if (!ID_PATTERN.test(sku)) throw badInput(`${field} key`, ID_RULE, sku);
    out[sku] = checkInteger(`${field}.${sku}`, o[sku], 0, MAX_UNITS);
  }
  return out;
}

const STORE_FIELDS = ['id', 'name', 'kind', 'location', 'inventory', 'prepTimeSec'] as const;

/** `POST /v1/stores`. */
export function checkCreateStoreBody(value: unknown): CreateStoreBody {
  const o = checkObject('body', value);
  checkUnknownFields('', o, STORE_FIELDS);
  const body: { -readonly [K in keyof CreateStoreBody]: CreateStoreBody[K] } = {
    id: checkId('id', o.id),
    kind: checkOneOf('kind', o.kind, STORE_KINDS),
    location: checkLatLng('location', o.location),
  };
  if (o.name !== undefined) body.name = checkText('name', o.name);
  if (o.inventory !== undefined) body.inventory = checkInventoryBody('inventory', o.inventory);
  if (o.prepTimeSec !== undefined) body.prepTimeSec = checkInteger('prepTimeSec', o.prepTimeSec, 0, 86_400);
  return body;
}

const STORE_PATCH_FIELDS = ['name', 'prepTimeSec', 'open'] as const;

/** `PATCH /v1/stores/:storeId`: name, prep time, open (accepting orders) or closed. */
export function checkStorePatchBody(value: unknown): { name?: string; prepTimeSec?: number; open?: boolean } {
  const o = checkObject('body', value);
  checkUnknownFields('', o, STORE_PATCH_FIELDS);
  const out: { name?: string; prepTimeSec?: number; open?: boolean } = {};
  if (o.name !== undefined) out.name = checkText('name', o.name);
  if (o.prepTimeSec !== undefined) out.prepTimeSec = checkInteger('prepTimeSec', o.prepTimeSec, 0, 86_400);
  if (o.open !== undefined) {
    if (typeof o.open !== 'boolean') throw badInput('open', 'must be true or false', o.open);
    out.open = o.open;
  }
  return out;
}

const RIDER_FIELDS = ['id', 'name', 'mode', 'capacity', 'bagLimit', 'home'] as const;

/** `POST /v1/riders`. */
export function checkCreateRiderBody(value: unknown): CreateRiderBody {
  const o = checkObject('body', value);
  checkUnknownFields('', o, RIDER_FIELDS);
  const body: { -readonly [K in keyof CreateRiderBody]: CreateRiderBody[K] } = { id: checkId('id', o.id), mode: checkOneOf('mode', o.mode, RIDER_MODES) };
  if (o.name !== undefined) body.name = checkText('name', o.name);
  if (o.capacity !== undefined) body.capacity = checkInteger('capacity', o.capacity, 1, 10_000);
  if (o.bagLimit !== undefined) body.bagLimit = checkInteger('bagLimit', o.bagLimit, 1, 100);
  if (o.home !== undefined) body.home = checkLatLng('home', o.home);
  return body;
}

const SHIFT_FIELDS = ['action', 'position', 'shiftEnd'] as const;

/** `POST /v1/riders/:riderId/shift`. */
export function checkShiftBody(value: unknown): ShiftBody {
  const o = checkObject('body', value);
  checkUnknownFields('', o, SHIFT_FIELDS);
  const action = checkOneOf('action', o.action, ['start', 'end'] as const);
  const body: { -readonly [K in keyof ShiftBody]: ShiftBody[K] } = { action };
  if (o.position !== undefined) body.position = checkLatLng('position', o.position);
  if (o.shiftEnd !== undefined) body.shiftEnd = checkEpoch('shiftEnd', o.shiftEnd);
  if (action === 'start' && body.position === undefined) throw badInput('position', "is required when action is 'start'", o.position);
  return body;
}

/** One position report; `field` prefixes the names (e.g. `locations[3]`). */
export function checkLocationBody(value: unknown, field = 'body'): LocationBody {
  const o = checkObject(field, value);
  const p = field === 'body' ? '' : `${field}.`;
  const { lat, lng, at } = o;
  if (typeof lat !== 'number' || !(lat >= -90 && lat <= 90)) throw badInput(`${p}lat`, 'must be a number in [-90, 90]', lat);
  if (typeof lng !== 'number' || !(lng >= -180 && lng <= 180)) throw badInput(`${p}lng`, 'must be a number in [-180, 180]', lng);
  if (at !== undefined) checkEpoch(`${p}at`, at);
  return at === undefined ? { lat, lng } : { lat, lng, at: at as number };
}

/** `POST /v1/riders/locations`. */
export function checkLocationBatchBody(value: unknown): LocationBatchBody {
  const o = checkObject('body', value);
  const list = o.locations;
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_LOCATION_BATCH) {
    throw badInput('locations', `must be an array of 1 to ${MAX_LOCATION_BATCH} entries`, list);
  }
  const out: LocationEntry[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const f = `locations[${i}]`;
    const entry = list[i] as Obj;
    const loc = checkLocationBody(entry, f);
    out[i] = { riderId: checkId(`${f}.riderId`, entry.riderId), ...loc };
  }
  return { locations: out };
}

const QUOTE_FIELDS = ['storeId', 'dropOff', 'subtotalCents', 'at'] as const;

/** `POST /v1/quotes`. */
export function checkQuoteBody(value: unknown): QuoteBody {
  const o = checkObject('body', value);
  checkUnknownFields('', o, QUOTE_FIELDS);
  const body: { -readonly [K in keyof QuoteBody]: QuoteBody[K] } = { storeId: checkId('storeId', o.storeId), dropOff: checkLatLng('dropOff', o.dropOff) };
  if (o.subtotalCents !== undefined) body.subtotalCents = checkInteger('subtotalCents', o.subtotalCents, 0, 100_000_000);
  if (o.at !== undefined) body.at = checkEpoch('at', o.at);
  return body;
}

/** `POST /v1/orders/:orderId/cancel`: an optional reason. */
export function checkCancelBody(value: unknown): { reason?: string } {
  if (value === undefined) return {};
  const o = checkObject('body', value);
  checkUnknownFields('', o, ['reason']);
  return o.reason === undefined ? {} : { reason: checkText('reason', o.reason, 500) };
}

/** A body that must be empty or `{}` (action endpoints). */
export function checkEmptyBody(value: unknown): void {
  if (value === undefined) return;
  const o = checkObject('body', value);
  checkUnknownFields('', o, []);
}
