/**
 * Adapter `deliverect`: Deliverect's order notification webhook (the POS "Orders webhook URL" of a
 * location; one order per push, the payload of Deliverect's POS order model). A JSON array of such
 * orders is accepted too (replays, batches); each element gives one result, `line` = its 1-based
 * position.
 *
 * Fields read (everything else is ignored: customer, payment, taxes, discounts, notes, courier,
 * `pickupTime`, `deliveryIsAsap`, `testOrder`...):
 *
 * | Deliverect field                           | `CreateOrderBody`  | How |
 * |--------------------------------------------|--------------------|-----|
 * | `channelOrderId` (required), `channel`     | `id`               | `deliverect:<channel>:<channelOrderId>` (`deliverect:<channelOrderId>` without `channel`). Deliverect only guarantees `channelOrderId` unique per channel. Characters outside `[A-Za-z0-9.-]` become `_XX` (UTF-8 hex), so the id stays valid and a retried push maps to the same id. |
 * | `location` (required)                      | `storeId`          | through the operator's `storeIdMap`; an id not in the map (or no map) is used as it is. |
 * | `items[]` (required, non-empty)            | `items`            | `plu` → `sku`, `quantity` → `quantity` (integer ≥ 1). `subItems` (modifiers, combo parts) are **ignored**: they travel inside their parent item and do not change what a rider carries. |
 * | `deliveryAddress.coordinates.coordinates`  | `dropOff`          | a `[longitude, latitude]` pair (GeoJSON order; `coordinateOrder: 'lat-lng'` swaps it), numbers or numeric strings. **Required**: orders are dispatched on coordinates and this service does not geocode addresses, so a payload without them is rejected (`MISSING_FIELD`, field `dropOff`); `[0, 0]` is rejected as a placeholder. |
 * | `_created`                                 | `placedAt`         | ISO 8601 with zone (Deliverect sends `…ss.SSSSSSZ`) → epoch seconds; absent: the service uses now. |
 * | `deliveryTime`                             | `promisedBy`       | ISO 8601 → epoch seconds; absent: the service's promise time. |
 * | `_id`                                      | `externalRef`      | Deliverect's own order id, kept for status updates back to Deliverect. |
 * | `orderType`                                | (check)            | must be 2 (delivery) when present; pickup (1), eat-in (3), curbside (4) → `UNSUPPORTED_ORDER`. |
 * | `status`                                   | (check)            | 100 (cancel) or 110 (canceled) → `CANCEL_REQUEST` with `orderId`: Deliverect sends cancellations to the same URL, and they must cancel that order, not create one. |
 *
 * `pickupTime` is not mapped: `CreateOrderBody` has no ready time, so the service derives
 * readiness from `placedAt` and the store's preparation time (for a scheduled order that is
 * earlier than Deliverect's pickup time).
 */
import type { OrderItemBody } from '../api/api-types.js';
import { ingestLineError, type IngestLineError, type IngestLineErrorParts } from './ingest-error.js';
import { toInstantSec, toInteger, toNumber, toText } from './ingest-values.js';
import { isRecord, readPath } from './field-mapping-spec.js';
import type { OrderIngestResult } from './field-mapping.js';
import { assertWebhookAdapterOptions, type WebhookAdapter, type WebhookAdapterOptions } from './webhook-adapter.js';

const PLATFORM = 'deliverect';
const MAX_ORDER_ID_CHARS = 128;
const DELIVERY_ORDER_TYPE = 2;
const CANCEL_STATUSES: ReadonlySet<number> = new Set([100, 110]);
const COORDINATES_PATH = 'deliveryAddress.coordinates.coordinates';

const DESCRIBE = `Deliverect order notification webhook (one order per push; an array of orders is accepted).
id          <- "deliverect:" + channel + ":" + channelOrderId (required; chars outside [A-Za-z0-9.-] escaped as _XX)
storeId     <- location (required), through storeIdMap when the id is in it
items       <- items[] (required): plu -> sku, quantity -> quantity; subItems (modifiers) ignored
dropOff     <- deliveryAddress.coordinates.coordinates [lng, lat] (required: no geocoding; [0, 0] rejected)
placedAt    <- _created (ISO 8601)
promisedBy  <- deliveryTime (ISO 8601)
externalRef <- _id (Deliverect order id)
orderType must be 2 (delivery) when present; status 100/110 (cancellation) -> CANCEL_REQUEST.
Not read: pickupTime, customer, payment, taxes, discounts, notes, courier.`;

type Failure = { readonly ok: false; readonly error: IngestLineError };
type Step<T> = { readonly ok: true; readonly value: T } | Failure;

/** Reports errors of one order: its line, label and (once known) its order id. */
class OrderContext {
  orderId: string | undefined;
  constructor(readonly line: number) {}

  fail(parts: Omit<IngestLineErrorParts, 'line' | 'where' | 'orderId'>): Failure {
    const where = `${PLATFORM} order ${this.line}`;
    const withId = this.orderId === undefined ? {} : { orderId: this.orderId };
    return { ok: false, error: ingestLineError({ ...parts, ...withId, line: this.line, where }) };
  }
}

function toOrders(payload: unknown, options?: WebhookAdapterOptions): OrderIngestResult[] {
  assertWebhookAdapterOptions(options);
  if (Array.isArray(payload)) return payload.map((order: unknown, i) => mapOrder(order, new OrderContext(i + 1), options ?? {}));
  if (!isRecord(payload)) return [new OrderContext(1).fail({ code: 'INVALID_RECORD', rule: 'must be a Deliverect order object or an array of them', value: payload })];
  return [mapOrder(payload, new OrderContext(1), options ?? {})];
}

function mapOrder(order: unknown, ctx: OrderContext, options: WebhookAdapterOptions): OrderIngestResult {
  if (!isRecord(order)) return ctx.fail({ code: 'INVALID_RECORD', rule: 'must be a JSON object (a Deliverect order)', value: order });
  const id = orderId(order, ctx);
  if (!id.ok) return id;
  ctx.orderId = id.value;
  const check = checkIsNewDelivery(order, ctx);
  if (check !== undefined) return check;
  const location = toText(order['location']);
  if (order['location'] === undefined || order['location'] === null) return ctx.fail({ code: 'MISSING_FIELD', field: 'storeId', source: 'location', rule: 'is required', value: order['location'] });
  if (!location.ok) return ctx.fail({ code: 'INVALID_FIELD', field: 'storeId', source: 'location', rule: location.rule, value: order['location'] });
  const map = options.storeIdMap;
  const storeId = map !== undefined && Object.hasOwn(map, location.value) ? (map[location.value] as string) : location.value;
  const items = mapItems(order['items'], ctx);
  if (!items.ok) return items;
  const dropOff = mapDropOff(order, ctx, options.coordinateOrder ?? 'lng-lat');
  if (!dropOff.ok) return dropOff;
  const placedAt = optionalInstant(order, '_created', 'placedAt', ctx);
  if (!placedAt.ok) return placedAt;
  const promisedBy = optionalInstant(order, 'deliveryTime', 'promisedBy', ctx);
  if (!promisedBy.ok) return promisedBy;
  const externalRef = toText(order['_id']);
  const body = {
    id: id.value,
    storeId,
    items: items.value,
    dropOff: dropOff.value,
    ...(placedAt.value === undefined ? {} : { placedAt: placedAt.value }),
    ...(promisedBy.value === undefined ? {} : { promisedBy: promisedBy.value }),
    ...(externalRef.ok ? { externalRef: externalRef.value } : {}),
  };
  return { ok: true, body };
}

/** `deliverect:<channel>:<channelOrderId>`, escaped to the order id alphabet. */
function orderId(order: Record<string, unknown>, ctx: OrderContext): Step<string> {
  const raw = order['channelOrderId'];
  if (raw === undefined || raw === null) return ctx.fail({ code: 'MISSING_FIELD', field: 'id', source: 'channelOrderId', rule: 'is required', value: raw });
  const channelOrderId = toText(raw);
  if (!channelOrderId.ok) return ctx.fail({ code: 'INVALID_FIELD', field: 'id', source: 'channelOrderId', rule: channelOrderId.rule, value: raw });
  const rawChannel = order['channel'];
  const channel = rawChannel === undefined || rawChannel === null ? undefined : toInteger(rawChannel);
  if (channel === undefined && rawChannel !== undefined && rawChannel !== null) {
    return ctx.fail({ code: 'INVALID_FIELD', field: 'id', source: 'channel', rule: 'must be an integer (a Deliverect channel code)', value: rawChannel });
  }
  const id = `${PLATFORM}:${channel === undefined ? '' : `${channel}:`}${escapeIdPart(channelOrderId.value)}`;
  if (id.length > MAX_ORDER_ID_CHARS) {
    return ctx.fail({ code: 'INVALID_FIELD', field: 'id', source: 'channelOrderId', rule: `must fit a ${MAX_ORDER_ID_CHARS}-character order id once prefixed and escaped`, value: raw });
  }
  return { ok: true, value: id };
}

/** A cancellation or a non-delivery order is not dispatched; `undefined` when the order goes on. */
function checkIsNewDelivery(order: Record<string, unknown>, ctx: OrderContext): Failure | undefined {
  const status = toInteger(order['status']);
  if (status !== undefined && CANCEL_STATUSES.has(status)) {
    return ctx.fail({ code: 'CANCEL_REQUEST', field: 'status', rule: `must not be a cancellation (100 cancel, 110 canceled): cancel order ${ctx.orderId ?? ''} instead`, value: order['status'] });
  }
  const rawType = order['orderType'];
  if (rawType !== undefined && rawType !== null && toInteger(rawType) !== DELIVERY_ORDER_TYPE) {
    return ctx.fail({ code: 'UNSUPPORTED_ORDER', field: 'orderType', rule: 'must be 2 (delivery): pickup (1), eat-in (3) and curbside (4) orders have nothing to dispatch', value: rawType });
  }
  return undefined;
}

function mapItems(raw: unknown, ctx: OrderContext): Step<OrderItemBody[]> {
  if (raw === undefined || raw === null) return ctx.fail({ code: 'MISSING_FIELD', field: 'items', source: 'items', rule: 'is required', value: raw });
  if (!Array.isArray(raw) || raw.length === 0) return ctx.fail({ code: 'INVALID_FIELD', field: 'items', source: 'items', rule: 'must be a non-empty array', value: raw });
  const items: OrderItemBody[] = [];
  for (let i = 0; i < raw.length; i++) {
    const item: unknown = raw[i];
    if (!isRecord(item)) return ctx.fail({ code: 'INVALID_FIELD', field: `items[${i}]`, source: `items.${i}`, rule: 'must be a JSON object', value: item });
    const plu = item['plu'];
    if (plu === undefined || plu === null) return ctx.fail({ code: 'MISSING_FIELD', field: `items[${i}].sku`, source: `items.${i}.plu`, rule: 'is required', value: plu });
    const sku = toText(plu);
    if (!sku.ok) return ctx.fail({ code: 'INVALID_FIELD', field: `items[${i}].sku`, source: `items.${i}.plu`, rule: sku.rule, value: plu });
    const rawQuantity = item['quantity'];
    if (rawQuantity === undefined || rawQuantity === null) {
      return ctx.fail({ code: 'MISSING_FIELD', field: `items[${i}].quantity`, source: `items.${i}.quantity`, rule: 'is required', value: rawQuantity });
    }
    const quantity = toInteger(rawQuantity);
    if (quantity === undefined || quantity < 1) {
      return ctx.fail({ code: 'INVALID_FIELD', field: `items[${i}].quantity`, source: `items.${i}.quantity`, rule: 'must be an integer ≥ 1', value: rawQuantity });
    }
    items.push({ sku: sku.value, quantity });
  }
  return { ok: true, value: items };
}

function mapDropOff(order: Record<string, unknown>, ctx: OrderContext, coordinateOrder: 'lng-lat' | 'lat-lng'): Step<{ lat: number; lng: number }> {
  const pair = readPath(order, COORDINATES_PATH.split('.'));
  if (pair === undefined || pair === null) {
    const rule = 'is required: orders are dispatched on coordinates and this service does not geocode addresses';
    return ctx.fail({ code: 'MISSING_FIELD', field: 'dropOff', source: COORDINATES_PATH, rule, value: pair });
  }
  const expected = coordinateOrder === 'lng-lat' ? '[longitude, latitude]' : '[latitude, longitude]';
  if (!Array.isArray(pair) || pair.length !== 2) return ctx.fail({ code: 'INVALID_FIELD', field: 'dropOff', source: COORDINATES_PATH, rule: `must be a ${expected} pair`, value: pair });
  const [latIdx, lngIdx] = coordinateOrder === 'lng-lat' ? [1, 0] : [0, 1];
  const lat = toNumber(pair[latIdx]);
  const lng = toNumber(pair[lngIdx]);
  if (lat === undefined || Math.abs(lat) > 90) {
    return ctx.fail({ code: 'INVALID_FIELD', field: 'dropOff.lat', source: `${COORDINATES_PATH}.${latIdx}`, rule: 'must be a latitude in degrees, a number in [-90, 90]', value: pair[latIdx] });
  }
  if (lng === undefined || Math.abs(lng) > 180) {
    return ctx.fail({ code: 'INVALID_FIELD', field: 'dropOff.lng', source: `${COORDINATES_PATH}.${lngIdx}`, rule: 'must be a longitude in degrees, a number in [-180, 180]', value: pair[lngIdx] });
  }
  if (lat === 0 && lng === 0) {
    return ctx.fail({ code: 'INVALID_FIELD', field: 'dropOff', source: COORDINATES_PATH, rule: 'must not be [0, 0], the placeholder for unknown coordinates (addresses are not geocoded)', value: pair });
  }
  return { ok: true, value: { lat, lng } };
}

function optionalInstant(order: Record<string, unknown>, source: string, field: string, ctx: OrderContext): Step<number | undefined> {
  const raw = order[source];
  if (raw === undefined || raw === null) return { ok: true, value: undefined };
  const sec = toInstantSec(raw, 'iso8601');
  return sec.ok ? sec : ctx.fail({ code: 'INVALID_FIELD', field, source, rule: sec.rule, value: raw });
}

const ID_SAFE = /[A-Za-z0-9.-]/;

/** Keeps `[A-Za-z0-9.-]`, writes any other character as `_XX` per UTF-8 byte (injective). */
export function escapeIdPart(text: string): string {
  let out = '';
  for (const char of text) {
    if (ID_SAFE.test(char)) {
      out += char;
      continue;
    }
    for (const byte of Buffer.from(char, 'utf8')) out += `_${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** The `deliverect` adapter; see the module doc. */
export const DELIVERECT_ADAPTER: WebhookAdapter = Object.freeze({ platform: PLATFORM, describe: DESCRIBE, toOrders });
