/**
 * The contract of a platform adapter: it turns one order-push webhook payload of a third-party
 * platform into `CreateOrderBody`s, one result per order the push carries. The HTTP layer serves
 * it as `POST /v1/adapters/:platform/orders` (see `webhook-adapters.ts` for the registry).
 */
import { IngestConfigError } from './ingest-error.js';
import type { OrderIngestResult } from './field-mapping.js';
import { isRecord } from './field-mapping-spec.js';

/** What the operator configures per platform. */
export interface WebhookAdapterOptions {
  /**
   * Platform store/location id → our `storeId`. An id missing from the map is used as it is (the
   * service then rejects an unknown store), so a partial map is fine.
   */
  readonly storeIdMap?: Readonly<Record<string, string>>;
  /**
   * Order of a coordinate pair the platform sends as an array; default `lng-lat` (GeoJSON order).
   * Only adapters whose payload carries such an array read it.
   */
  readonly coordinateOrder?: 'lng-lat' | 'lat-lng';
}

/** One platform's order-push webhook, as orders. */
export interface WebhookAdapter {
  /** Key in `WEBHOOK_ADAPTERS` and the `:platform` of the route, e.g. `deliverect`. */
  readonly platform: string;
  /** Plain-text documentation: the payload fields read, how, and what is ignored. */
  readonly describe: string;
  /**
   * Maps a parsed payload (one order, or an array of orders) to one result per order, in order;
   * an error's `line` is the 1-based order index. Never throws for bad payloads; throws
   * {@link IngestConfigError} `INVALID_OPTION` for bad options.
   */
  toOrders(payload: unknown, options?: WebhookAdapterOptions): OrderIngestResult[];
}

/** Options already checked (a WeakSet, so a long-lived options object is checked once). */
const checkedOptions = new WeakSet<object>();

/** Throws {@link IngestConfigError} `INVALID_OPTION` naming the option at fault. */
export function assertWebhookAdapterOptions(options: unknown): asserts options is WebhookAdapterOptions | undefined {
  if (options === undefined || (typeof options === 'object' && options !== null && checkedOptions.has(options))) return;
  if (!isRecord(options)) throw optionError('options', 'must be an object', options);
  for (const key of Object.keys(options)) {
    if (key !== 'storeIdMap' && key !== 'coordinateOrder') throw optionError(key, 'is not an adapter option (expected storeIdMap, coordinateOrder)', options[key]);
  }
  const map = options['storeIdMap'];
  if (map !== undefined) {
    if (!isRecord(map)) throw optionError('storeIdMap', 'must be an object of platform store id → storeId', map);
    for (const [from, to] of Object.entries(map)) {
      if (typeof to !== 'string' || to.length === 0) throw optionError(`storeIdMap["${from}"]`, 'must be a non-empty string', to);
    }
  }
  const order = options['coordinateOrder'];
  if (order !== undefined && order !== 'lng-lat' && order !== 'lat-lng') throw optionError('coordinateOrder', 'must be "lng-lat" or "lat-lng"', order);
  checkedOptions.add(options);
}

function optionError(field: string, rule: string, value: unknown): IngestConfigError {
  return new IngestConfigError('INVALID_OPTION', field, rule, value);
}
