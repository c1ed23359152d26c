/**
 * The OpenAPI 3.1 document of the v1 API, served at `GET /v1/openapi.json`: one operation per
 * row of `ACCESS_RULES` (operationId = the action key, e.g. `orders.create`) plus the public
 * endpoints. Request schemas mirror `body-checks.ts` (limits are read from the same constants);
 * `test/api/openapi.test.ts` checks that no route is missing, none is stray, and every `$ref`
 * resolves.
 */
import { MAX_EPOCH_SECONDS, ORDER_STATUSES, RIDER_MODES } from '@o2o/dispatch-core';
import { ACCESS_RULES, type AccessAction } from '../auth/access-rules.js';
import { MAX_JSON_BODY_BYTES } from '../http/http-kit.js';
import { MAX_INGEST_LINE_BYTES, MAX_INGEST_LINES } from '../http/ingest-routes.js';
import { EVENT_TYPES } from '../service/event-bus.js';
import { DEFAULT_SERVICE_OPTIONS } from '../service/service-options.js';
import { DEFAULT_ORDER_PAGE_SIZE, MAX_ORDER_PAGE_SIZE } from '../store/order-query.js';
import { ID_PATTERN, MAX_INVENTORY_SKUS, MAX_LOCATION_BATCH, MAX_ORDER_ITEMS } from './body-checks.js';
import { OPS_OPENAPI_SCHEMAS } from './ops-openapi-schemas.js';

/** A JSON object of the document (typed loosely on purpose: it is data, checked by its test). */
type Json = Record<string, unknown>;

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const resp = (name: string): Json => ({ $ref: `#/components/responses/${name}` });
const param = (name: string): Json => ({ $ref: `#/components/parameters/${name}` });
const json = (schema: Json): Json => ({ 'application/json': { schema } });

/** The routes the lean node:http path answers (no express router or body parser). */
const LEAN_ACTIONS: ReadonlySet<AccessAction> = new Set(['orders.create', 'riders.locations', 'riders.location']);

const DESCRIPTION = `The o2o-dispatch worker: order streams in, merchants accept and prepare, riders move and
confirm, and the service dispatches every few seconds.

## Authentication
Every \`/v1\` route except this document needs \`Authorization: Bearer <JWT>\` (HS256, minted by
\`o2o-mint-token\`). A token carries one role:
- **admin**: operations staff, the demo feed, platforms selling for any store; no scope limit.
- **merchant**: acts for the stores listed in its \`stores\` claim (its orders, stock, quotes, events).
- **rider**: acts as the one rider in its \`rider\` claim (its shift, location, offers, pickups, drop-offs).

No token, a malformed or expired one: **401** (\`AUTH_MISSING\`, \`TOKEN_*\`, with \`WWW-Authenticate\`).
A role that may never do the action: **403** \`FORBIDDEN_ROLE\`; a resource outside the token's scope
(another merchant's store, another rider's offer): **403** \`FORBIDDEN_SCOPE\`. Each operation lists the
scope of every role in \`x-access\` (\`any\`, \`own-store\`, \`own-rider\`, \`deny\`). Lists and the event
stream are narrowed to the caller's scope. \`/healthz\`, \`/readyz\`, \`/metrics\`, \`/v1/openapi.json\` and
the live operations page (\`/\`, a static shell that asks for an admin token) need no token.

## Units
Positions are \`{ "lat", "lng" }\` objects in degrees (WGS 84; the heatmap's GeoJSON uses \`[lng, lat]\`
as GeoJSON does). Every instant is an integer Unix epoch second in [0, ${MAX_EPOCH_SECONDS}]; durations
are integer seconds; money is integer cents. Ids are 1 to 128 characters of \`[A-Za-z0-9._:-]\`. Text
limits (\`maxLength\`) count UTF-16 code units, as JavaScript does: a character outside the Basic
Multilingual Plane (an emoji) counts twice.

## Errors
Every 4xx/5xx answer is an \`ErrorBody\`: a stable \`error.code\`, a message, and for bad input the
\`field\`, the \`rule\` it breaks and the \`value\` it had; \`requestId\` matches the \`x-request-id\` header.
JSON bodies must be \`application/json\` (or \`application/*+json\`, or no content-type) of at most
${MAX_JSON_BODY_BYTES} bytes (413 beyond, 415 for another type). Illegal lifecycle transitions are 409
\`ILLEGAL_TRANSITION\`. Too much load is 429 with \`Retry-After\` (seconds); a store that cannot write is
503 with \`Retry-After\`.

## Idempotency
\`POST /v1/orders\` takes an \`Idempotency-Key\` header (an id). The same key with the same body (per token
subject) replays the first 201 answer, with \`Idempotent-Replayed: true\`, across restarts; the same key
with another body is 409 \`IDEMPOTENCY_CONFLICT\`. Ingested and webhook orders use their order \`id\` as
the key, so re-sending a file or a push never creates an order twice. A key is kept for
\`--idempotency-retention-sec\` (24 h by default); the same request after that is a new one.

## Lean routes
\`POST /v1/orders\`, \`POST /v1/riders/locations\` and \`PUT /v1/riders/{riderId}/location\` are answered by
a lean node:http path in front of express (no router, no body-parser stack) to hold the target rates;
they share authentication, validation, error bodies, metrics and logs with the other routes
(\`x-lean-route: true\`).`;

/** JSON Schemas of bodies and answers (the names `$ref`s use). */
const SCHEMAS: Record<string, Json> = {
  Id: { type: 'string', pattern: ID_PATTERN.source, minLength: 1, maxLength: 128, description: '1 to 128 characters of A-Z, a-z, 0-9, ".", "_", ":" or "-".' },
  EpochSeconds: { type: 'integer', minimum: 0, maximum: MAX_EPOCH_SECONDS, description: 'Integer Unix epoch seconds.' },
  LatLng: {
    type: 'object',
    description: 'A position in degrees. Other fields are ignored.',
    required: ['lat', 'lng'],
    properties: { lat: { type: 'number', minimum: -90, maximum: 90 }, lng: { type: 'number', minimum: -180, maximum: 180 } },
  },
  OrderStatus: { type: 'string', enum: [...ORDER_STATUSES] },
  OrderItem: {
    type: 'object',
    additionalProperties: false,
    required: ['sku', 'quantity'],
    properties: {
      sku: ref('Id'),
      quantity: { type: 'integer', minimum: 1, maximum: 10_000 },
      size: { type: 'integer', minimum: 0, maximum: 10_000, default: 1, description: 'Bag units per unit.' },
    },
  },
  CreateOrderBody: {
    type: 'object',
    additionalProperties: false,
    required: ['items', 'dropOff'],
    properties: {
      id: { ...ref('Id'), description: "The caller's order id; generated when omitted." },
      storeId: { ...ref('Id'), description: 'Store that fulfils it (400 `UNKNOWN_REFERENCE` if not registered); omitted: the nearest open store holding every item.' },
      items: { type: 'array', minItems: 1, maxItems: MAX_ORDER_ITEMS, items: ref('OrderItem') },
      dropOff: ref('LatLng'),
      placedAt: { ...ref('EpochSeconds'), description: 'Default: now.' },
      promisedBy: { ...ref('EpochSeconds'), description: `Must be after placedAt; default placedAt + ${DEFAULT_SERVICE_OPTIONS.promiseSec} s (configurable).` },
      size: { type: 'integer', minimum: 1, maximum: 100_000, description: 'Bag units of the whole order; default Σ quantity × (size ?? 1).' },
      externalRef: { type: 'string', minLength: 1, maxLength: 256, description: 'Free-form reference of the originating platform (kept, not interpreted).' },
    },
  },
  OrderView: {
    type: 'object',
    required: ['id', 'status', 'items', 'dropOff', 'placedAt', 'readyAt', 'promisedBy', 'size'],
    properties: {
      id: ref('Id'),
      status: ref('OrderStatus'),
      storeId: ref('Id'),
      riderId: ref('Id'),
      items: { type: 'array', items: ref('OrderItem') },
      dropOff: ref('LatLng'),
      placedAt: ref('EpochSeconds'),
      readyAt: ref('EpochSeconds'),
      promisedBy: ref('EpochSeconds'),
      size: { type: 'integer', minimum: 1 },
      statusAt: {
        type: 'object',
        description: 'When it entered each status after `placed`.',
        propertyNames: ref('OrderStatus'),
        additionalProperties: ref('EpochSeconds'),
      },
      eta: {
        type: 'object',
        description: 'While a rider has it (GET only): the last predicted pickup and drop-off, and whether it will be late.',
        required: ['pickupAt', 'dropoffAt', 'late'],
        properties: { pickupAt: { type: 'integer' }, dropoffAt: { type: 'integer' }, late: { type: 'boolean' } },
      },
    },
  },
  OrderList: {
    type: 'object',
    required: ['orders'],
    properties: {
      orders: { type: 'array', items: ref('OrderView') },
      nextCursor: { type: 'string', description: 'Pass as `cursor` for the next page; absent on the last page.' },
    },
  },
  CancelBody: {
    type: 'object',
    additionalProperties: false,
    properties: { reason: { type: 'string', minLength: 1, maxLength: 500 } },
  },
  EmptyBody: { type: 'object', additionalProperties: false, maxProperties: 0, description: 'No body, or `{}`.' },
  Inventory: {
    type: 'object',
    description: 'Units on hand per sku.',
    maxProperties: MAX_INVENTORY_SKUS,
    propertyNames: ref('Id'),
    additionalProperties: { type: 'integer', minimum: 0, maximum: 1_000_000_000 },
  },
  CreateStoreBody: {
    type: 'object',
    additionalProperties: false,
    required: ['id', 'kind', 'location'],
    properties: {
      id: ref('Id'),
      name: { type: 'string', minLength: 1, maxLength: 200 },
      kind: { type: 'string', enum: ['store', 'warehouse', 'dark_store'] },
      location: ref('LatLng'),
      inventory: { ...ref('Inventory'), description: 'Given: the store tracks stock (reserved at placement, deducted at pickup, released on cancel). Omitted: it does not.' },
      prepTimeSec: { type: 'integer', minimum: 0, maximum: 86_400, default: 600 },
    },
  },
  StorePatchBody: {
    type: 'object',
    additionalProperties: false,
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 200 },
      prepTimeSec: { type: 'integer', minimum: 0, maximum: 86_400 },
      open: { type: 'boolean', description: 'False: the store takes no new orders (409 `STORE_CLOSED`).' },
    },
  },
  InventoryBody: {
    type: 'object',
    description: 'Replaces the stock counts (held units stay held). Other fields are ignored.',
    required: ['inventory'],
    properties: { inventory: ref('Inventory') },
  },
  StoreView: {
    type: 'object',
    required: ['id', 'kind', 'location', 'prepTimeSec', 'open'],
    properties: {
      id: ref('Id'),
      name: { type: 'string' },
      kind: { type: 'string', enum: ['store', 'warehouse', 'dark_store'] },
      location: ref('LatLng'),
      inventory: ref('Inventory'),
      prepTimeSec: { type: 'integer', minimum: 0 },
      open: { type: 'boolean' },
    },
  },
  StoreList: { type: 'object', required: ['stores'], properties: { stores: { type: 'array', items: ref('StoreView') } } },
  StockView: {
    type: 'object',
    required: ['storeId', 'stock'],
    properties: {
      storeId: ref('Id'),
      stock: {
        description: 'Per sku; null for a store that does not track stock.',
        oneOf: [
          { type: 'null' },
          {
            type: 'object',
            additionalProperties: {
              type: 'object',
              required: ['onHand', 'reserved', 'available'],
              properties: { onHand: { type: 'integer' }, reserved: { type: 'integer' }, available: { type: 'integer' } },
            },
          },
        ],
      },
    },
  },
  CreateRiderBody: {
    type: 'object',
    additionalProperties: false,
    required: ['id', 'mode'],
    properties: {
      id: ref('Id'),
      name: { type: 'string', minLength: 1, maxLength: 200 },
      mode: { type: 'string', enum: [...RIDER_MODES] },
      capacity: { type: 'integer', minimum: 1, maximum: 10_000, default: 10, description: 'Bag units.' },
      bagLimit: { type: 'integer', minimum: 1, maximum: 100, default: 3, description: 'Most orders at once.' },
      home: { ...ref('LatLng'), description: 'Where the rider is based; with several regions (docs/scaling.md) it places the rider in a region and is required.' },
    },
  },
  RiderProfile: {
    type: 'object',
    required: ['id', 'mode', 'capacity', 'bagLimit', 'onShift', 'shiftEnd'],
    properties: {
      id: ref('Id'),
      name: { type: 'string' },
      mode: { type: 'string', enum: [...RIDER_MODES] },
      capacity: { type: 'integer', minimum: 1 },
      bagLimit: { type: 'integer', minimum: 1 },
      onShift: { type: 'boolean' },
      shiftEnd: { type: 'integer', minimum: 0, description: 'Planned shift end while on shift; 0 off shift.' },
      home: ref('LatLng'),
    },
  },
  RiderView: {
    allOf: [
      ref('RiderProfile'),
      {
        type: 'object',
        required: ['position', 'locatedAt', 'orders', 'offerId'],
        properties: {
          position: { oneOf: [ref('LatLng'), { type: 'null' }], description: 'Last reported position; null before the first report.' },
          locatedAt: { oneOf: [ref('EpochSeconds'), { type: 'null' }] },
          orders: { type: 'array', items: ref('Id'), description: 'Orders assigned and not delivered yet.' },
          offerId: { oneOf: [{ type: 'string' }, { type: 'null' }], description: 'Its open offer.' },
        },
      },
    ],
  },
  RiderList: { type: 'object', required: ['riders'], properties: { riders: { type: 'array', items: ref('RiderView') } } },
  ShiftBody: {
    type: 'object',
    additionalProperties: false,
    required: ['action'],
    properties: {
      action: { type: 'string', enum: ['start', 'end'] },
      position: { ...ref('LatLng'), description: "Where the rider is; required with 'start'." },
      shiftEnd: { ...ref('EpochSeconds'), description: "With 'start': planned end, later than now (default now + 8 h)." },
    },
    if: { properties: { action: { const: 'start' } }, required: ['action'] },
    then: { required: ['position'] },
  },
  LocationBody: {
    type: 'object',
    description: 'One position report. Other fields are ignored.',
    required: ['lat', 'lng'],
    properties: {
      lat: { type: 'number', minimum: -90, maximum: 90 },
      lng: { type: 'number', minimum: -180, maximum: 180 },
      at: { ...ref('EpochSeconds'), description: 'When the position was taken; default now.' },
    },
  },
  LocationEntry: {
    allOf: [ref('LocationBody'), { type: 'object', required: ['riderId'], properties: { riderId: ref('Id') } }],
  },
  LocationBatchBody: {
    type: 'object',
    description: 'Other fields are ignored.',
    required: ['locations'],
    properties: { locations: { type: 'array', minItems: 1, maxItems: MAX_LOCATION_BATCH, items: ref('LocationEntry') } },
  },
  LocationBatchResult: {
    type: 'object',
    required: ['accepted', 'rejected'],
    properties: {
      accepted: { type: 'integer', minimum: 0, description: 'Entries applied.' },
      rejected: {
        type: 'array',
        description: 'Entries naming a rider that is not registered (`UNKNOWN_RIDER`) or not on shift (`RIDER_OFF_SHIFT`).',
        items: {
          type: 'object',
          required: ['index', 'riderId', 'code'],
          properties: { index: { type: 'integer', minimum: 0 }, riderId: ref('Id'), code: { type: 'string', enum: ['UNKNOWN_RIDER', 'RIDER_OFF_SHIFT'] } },
        },
      },
    },
  },
  Offer: {
    type: 'object',
    required: ['id', 'riderId', 'orderIds', 'status', 'createdAt', 'expiresAt', 'pickupAt', 'dropoffAt'],
    properties: {
      id: { type: 'string' },
      riderId: ref('Id'),
      orderIds: { type: 'array', items: ref('Id'), description: 'In drop-off sequence.' },
      status: { type: 'string', enum: ['open', 'accepted', 'declined', 'expired', 'withdrawn'] },
      createdAt: ref('EpochSeconds'),
      expiresAt: ref('EpochSeconds'),
      pickupAt: { type: 'integer', description: 'Planned pickup (epoch seconds).' },
      dropoffAt: { type: 'array', items: { type: 'integer' }, description: 'Planned drop-off per order (epoch seconds).' },
    },
  },
  QuoteBody: {
    type: 'object',
    additionalProperties: false,
    required: ['storeId', 'dropOff'],
    properties: {
      storeId: { ...ref('Id'), description: 'A registered store (400 `UNKNOWN_REFERENCE` otherwise).' },
      dropOff: { ...ref('LatLng'), description: 'Within the pricing range of the store (400 `OUT_OF_RANGE` otherwise).' },
      subtotalCents: { type: 'integer', minimum: 0, maximum: 100_000_000, default: 0 },
      at: { ...ref('EpochSeconds'), description: 'Default: now.' },
    },
  },
  Quote: {
    type: 'object',
    required: ['feeCents', 'breakdown', 'surgeMultiplier', 'distanceM', 'etaSec', 'promisedBy'],
    properties: {
      feeCents: { type: 'integer', minimum: 0 },
      breakdown: {
        type: 'object',
        description: 'Parts of the fee, cents (they sum to feeCents).',
        properties: {
          baseCents: { type: 'integer' },
          distanceCents: { type: 'integer' },
          surgeCents: { type: 'integer' },
          weatherCents: { type: 'integer' },
          timeOfDayCents: { type: 'integer' },
        },
      },
      surgeMultiplier: { type: 'number', minimum: 1 },
      distanceM: { type: 'integer', minimum: 0, description: 'Estimated road distance, metres.' },
      etaSec: { type: 'integer', minimum: 0, description: 'Preparation + ride + weather allowance, seconds.' },
      promisedBy: ref('EpochSeconds'),
    },
  },
  IngestRejection: {
    type: 'object',
    required: ['line', 'code', 'message'],
    properties: {
      line: { type: 'integer', minimum: 1, description: '1-based line of the NDJSON body, or order index of a webhook push.' },
      code: { type: 'string', description: 'e.g. `INVALID_JSON`, `MISSING_FIELD`, `INVALID_FIELD`, `OUT_OF_STOCK`, `FORBIDDEN_SCOPE`.' },
      message: { type: 'string' },
      field: { type: 'string' },
      rule: { type: 'string' },
      value: {},
      source: { type: 'string', description: 'Where the value was read in the source record.' },
    },
  },
  IngestReport: {
    type: 'object',
    required: ['accepted', 'replayed', 'rejected', 'orderIds'],
    properties: {
      accepted: { type: 'integer', minimum: 0 },
      replayed: { type: 'integer', minimum: 0, description: 'Orders already created by an earlier request with the same id.' },
      rejected: { type: 'array', items: ref('IngestRejection') },
      orderIds: { type: 'array', items: ref('Id'), description: 'Orders created or replayed, in line order.' },
    },
  },
  WebhookPayload: {
    description: "The platform's order push, as it sends it: one order object or an array of them. See the operation's description for the fields read.",
    oneOf: [{ type: 'object' }, { type: 'array', items: { type: 'object' } }],
  },
  HeatmapGeoJSON: {
    type: 'object',
    description: 'A GeoJSON FeatureCollection of H3 hexagons ([lng, lat] rings) with aggregate demand and supply; no order, rider or customer ids.',
    required: ['type', 'features'],
    properties: {
      type: { const: 'FeatureCollection' },
      features: {
        type: 'array',
        items: {
          type: 'object',
          required: ['type', 'geometry', 'properties'],
          properties: {
            type: { const: 'Feature' },
            id: { type: 'string' },
            geometry: { type: 'object', properties: { type: { const: 'Polygon' }, coordinates: { type: 'array' } } },
            properties: {
              type: 'object',
              properties: {
                h3: { type: 'string' },
                demand: { type: 'number' },
                supply: { type: 'number' },
                ratio: { type: ['number', 'null'], description: 'demand / supply; null for demand without supply.' },
                smoothedDemand: { type: 'number' },
                smoothedSupply: { type: 'number' },
                smoothedRatio: { type: ['number', 'null'] },
              },
            },
          },
        },
      },
    },
  },
  ...OPS_OPENAPI_SCHEMAS,
  Status: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['ok', 'ready', 'starting'] } } },
  ErrorBody: {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        description: 'Some codes add their own fields (e.g. `orderId`, `from`, `to` for ILLEGAL_TRANSITION; `shortages` for OUT_OF_STOCK).',
        properties: {
          code: { type: 'string', description: 'Stable code, e.g. `INVALID_INPUT`, `ILLEGAL_TRANSITION`, `FORBIDDEN_SCOPE`.' },
          message: { type: 'string' },
          field: { type: 'string', description: 'For bad input: the field at fault.' },
          rule: { type: 'string', description: 'The rule it breaks.' },
          value: { description: 'The value it had (long strings cut).' },
          issues: {
            type: 'array',
            items: { type: 'object', required: ['field', 'rule'], properties: { field: { type: 'string' }, rule: { type: 'string' }, value: {} } },
          },
          requestId: { type: 'string' },
        },
      },
    },
  },
};

const errorResponse = (description: string, headers?: Json): Json => ({ description, ...(headers === undefined ? {} : { headers }), content: json(ref('ErrorBody')) });
const retryAfter: Json = { 'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer', minimum: 0 } } };

const RESPONSES: Record<string, Json> = {
  BadRequest: errorResponse(
    'Bad input: the body, a path id, a query parameter or a header breaks a rule (`INVALID_INPUT`, `INVALID_JSON`, `UNKNOWN_REFERENCE`, `OUT_OF_RANGE`...); the error names the field, the rule and the value. A request that is not well-formed HTTP gets `BAD_REQUEST` and the connection is closed.',
  ),
  Unauthorized: errorResponse('No token, or a malformed, expired or foreign one.', {
    'WWW-Authenticate': { description: 'A Bearer challenge.', schema: { type: 'string' } },
  }),
  Forbidden: errorResponse('`FORBIDDEN_ROLE` (the role may never do this) or `FORBIDDEN_SCOPE` (not this resource).', {
    'WWW-Authenticate': { description: 'A Bearer challenge with error="insufficient_scope".', schema: { type: 'string' } },
  }),
  NotFound: errorResponse('`NOT_FOUND`: no such store, rider, order, offer or platform.'),
  Conflict: errorResponse('A state clash: `ILLEGAL_TRANSITION`, `DUPLICATE_ID`, `DUPLICATE_ORDER`, `IDEMPOTENCY_CONFLICT`, `OUT_OF_STOCK`, `STORE_CLOSED`, `RIDER_OFF_SHIFT`, `RIDER_BUSY`, `OFFER_CLOSED`...'),
  PayloadTooLarge: errorResponse(`\`BODY_TOO_LARGE\`: a JSON body over ${MAX_JSON_BODY_BYTES} bytes, or an ingest over its limits.`),
  UnsupportedMediaType: errorResponse('`UNSUPPORTED_MEDIA_TYPE`: the body is not `application/json`.'),
  TooManyRequests: errorResponse('`TOO_MANY_REQUESTS`: too many writes waiting for their commit (backpressure).', retryAfter),
  ServiceUnavailable: errorResponse('The store cannot write now (`WRITE_FAILED`, `STORE_CLOSED`).', retryAfter),
};

const idParam = (name: string, what: string): Json => ({ name, in: 'path', required: true, description: what, schema: ref('Id') });

const PARAMETERS: Record<string, Json> = {
  StoreId: idParam('storeId', 'A store id.'),
  RiderId: idParam('riderId', 'A rider id.'),
  OrderId: idParam('orderId', 'An order id.'),
  OfferId: { name: 'offerId', in: 'path', required: true, description: 'An offer id (from `offer.sent` events or the rider view).', schema: ref('Id') },
  Platform: { name: 'platform', in: 'path', required: true, description: 'The adapter: `deliverect`.', schema: ref('Id') },
};

/** What an operation adds to its access row. */
interface OperationSpec {
  readonly summary: string;
  readonly description?: string;
  readonly tags: readonly string[];
  readonly parameters?: readonly Json[];
  readonly requestBody?: Json;
  /** The success answers (status → response object). */
  readonly ok: Record<string, Json>;
  /** The error answers beyond 401/403 (status codes). */
  readonly errors: readonly string[];
}

const ERROR_REFS: Readonly<Record<string, string>> = {
  '400': 'BadRequest',
  '401': 'Unauthorized',
  '403': 'Forbidden',
  '404': 'NotFound',
  '409': 'Conflict',
  '413': 'PayloadTooLarge',
  '415': 'UnsupportedMediaType',
  '429': 'TooManyRequests',
  '503': 'ServiceUnavailable',
};

/** Errors of every JSON-body route beyond its own. */
const BODY_ERRORS = ['400', '413', '415'];

const jsonBody = (schema: Json, required = true, description?: string): Json => ({
  required,
  ...(description === undefined ? {} : { description }),
  content: { 'application/json': { schema } },
});
const okJson = (description: string, schema: Json, headers?: Json): Json => ({ description, ...(headers === undefined ? {} : { headers }), content: json(schema) });

function operation(action: AccessAction, spec: OperationSpec): Json {
  const rule = ACCESS_RULES[action];
  const responses: Json = { ...spec.ok };
  for (const status of [...spec.errors, '401', '403'].sort()) responses[status] = resp(ERROR_REFS[status]!);
  return {
    operationId: action,
    summary: spec.summary,
    description: `${spec.description === undefined ? '' : `${spec.description}\n\n`}Access: admin ${rule.admin}, merchant ${rule.merchant}, rider ${rule.rider}; ${rule.description}.${LEAN_ACTIONS.has(action) ? ' Served by the lean node:http path.' : ''}`,
    tags: [...spec.tags],
    security: [{ bearerAuth: [] }],
    'x-access': { kind: rule.kind, admin: rule.admin, merchant: rule.merchant, rider: rule.rider },
    ...(LEAN_ACTIONS.has(action) ? { 'x-lean-route': true } : {}),
    ...(spec.parameters === undefined ? {} : { parameters: [...spec.parameters] }),
    ...(spec.requestBody === undefined ? {} : { requestBody: spec.requestBody }),
    responses,
  };
}

const orderTransition = (action: AccessAction, summary: string, description: string): Json =>
  operation(action, {
    summary,
    description,
    tags: ['orders'],
    parameters: [param('OrderId')],
    requestBody: jsonBody(ref('EmptyBody'), false),
    ok: { '200': okJson('The order after the transition.', ref('OrderView')) },
    errors: [...BODY_ERRORS, '404', '409', '503'],
  });

const offerAnswer = (action: AccessAction, summary: string, description: string): Json =>
  operation(action, {
    summary,
    description,
    tags: ['riders'],
    parameters: [param('RiderId'), param('OfferId')],
    requestBody: jsonBody(ref('EmptyBody'), false),
    ok: { '200': okJson('The offer after the answer.', ref('Offer')) },
    errors: [...BODY_ERRORS, '404', '409'],
  });

const PATHS: Record<string, Record<string, Json>> = {
  '/healthz': {
    get: {
      operationId: 'health.live',
      summary: 'Liveness probe',
      tags: ['operations'],
      security: [],
      responses: { '200': okJson('The process answers.', ref('Status')) },
    },
  },
  '/readyz': {
    get: {
      operationId: 'health.ready',
      summary: 'Readiness probe',
      description: 'Ready once the store is open and the state restored.',
      tags: ['operations'],
      security: [],
      responses: { '200': okJson('Ready.', ref('Status')), '503': okJson('Still starting.', ref('Status')) },
    },
  },
  '/metrics': {
    get: {
      operationId: 'metrics.read',
      summary: 'Prometheus metrics',
      description: 'Request latency histograms, epoch duration, orders by state, lateness alerts, store queue depth. Scraped from inside the network: no token.',
      tags: ['operations'],
      security: [],
      responses: { '200': { description: 'Prometheus text exposition format.', content: { 'text/plain': { schema: { type: 'string' } } } } },
    },
  },
  '/': {
    get: {
      operationId: 'ops.page',
      summary: 'The live operations view (HTML)',
      description:
        'A static page (its scripts and styles under `/ops/`, nothing from other hosts) that asks for an admin token (`#token=` in the URL fragment, or a form) and then reads `GET /v1/ops/snapshot` and the `GET /v1/events` stream with it: a Web Mercator map of zones, the heatmap, riders with their routes and orders by state, KPIs, alerts and order timelines.',
      tags: ['ops'],
      security: [],
      responses: {
        '200': { description: 'The page.', content: { 'text/html': { schema: { type: 'string' } } } },
        '503': { description: '`OPS_VIEW_NOT_BUILT`: the page\'s scripts are missing (run `npm run build`).', content: json(ref('ErrorBody')) },
      },
    },
  },
  '/v1/ops/snapshot': {
    get: operation('ops.snapshot', {
      summary: 'The live operations view of the whole city',
      description:
        'Stores and their service areas, riders on shift with their planned routes, open orders with their live ETAs, the supply/demand heatmap as H3 polygons with the surge multiplier, the KPIs (orders per minute, predicted click-to-door mean and p90, % at risk of lateness, rider utilisation), the last epoch and recent lateness alerts. Follow changes on `GET /v1/events` from `lastEventId`.',
      tags: ['ops'],
      ok: { '200': okJson('The snapshot.', ref('OpsSnapshot')) },
      errors: [],
    }),
  },
  '/v1/openapi.json': {
    get: {
      operationId: 'openapi.read',
      summary: 'This document',
      tags: ['operations'],
      security: [],
      responses: { '200': okJson('The OpenAPI 3.1 document.', { type: 'object' }) },
    },
  },
  '/v1/stores': {
    post: operation('stores.create', {
      summary: 'Register a store',
      tags: ['stores'],
      requestBody: jsonBody(ref('CreateStoreBody')),
      ok: { '201': okJson('The store.', ref('StoreView')) },
      errors: [...BODY_ERRORS, '409', '503'],
    }),
    get: operation('stores.list', {
      summary: 'List stores',
      description: "A merchant sees its own stores; a storeId filter outside its scope is 403.",
      tags: ['stores'],
      parameters: [{ name: 'storeId', in: 'query', required: false, description: 'Only this store.', schema: ref('Id') }],
      ok: { '200': okJson('The stores.', ref('StoreList')) },
      errors: ['400'],
    }),
  },
  '/v1/stores/{storeId}': {
    get: operation('stores.read', {
      summary: 'Read a store',
      tags: ['stores'],
      parameters: [param('StoreId')],
      ok: { '200': okJson('The store.', ref('StoreView')) },
      errors: ['400', '404'],
    }),
    patch: operation('stores.update', {
      summary: 'Update a store (name, preparation time, open or closed)',
      tags: ['stores'],
      parameters: [param('StoreId')],
      requestBody: jsonBody(ref('StorePatchBody')),
      ok: { '200': okJson('The store after the update.', ref('StoreView')) },
      errors: [...BODY_ERRORS, '404', '503'],
    }),
  },
  '/v1/stores/{storeId}/inventory': {
    get: operation('inventory.read', {
      summary: "Read a store's stock",
      tags: ['stores'],
      parameters: [param('StoreId')],
      ok: { '200': okJson('On hand, held and available units per sku.', ref('StockView')) },
      errors: ['400', '404'],
    }),
    put: operation('inventory.update', {
      summary: "Set a store's stock",
      description: 'Replaces the on-hand counts; units held by open orders stay held.',
      tags: ['stores'],
      parameters: [param('StoreId')],
      requestBody: jsonBody(ref('InventoryBody')),
      ok: { '200': okJson('The store after the update.', ref('StoreView')) },
      errors: [...BODY_ERRORS, '404', '503'],
    }),
  },
  '/v1/riders': {
    post: operation('riders.create', {
      summary: 'Register a rider',
      tags: ['riders'],
      requestBody: jsonBody(ref('CreateRiderBody')),
      ok: { '201': okJson('The rider (off shift).', ref('RiderProfile')) },
      errors: [...BODY_ERRORS, '409', '503'],
    }),
    get: operation('riders.list', {
      summary: 'List riders',
      tags: ['riders'],
      ok: { '200': okJson('The riders with their live state.', ref('RiderList')) },
      errors: [],
    }),
  },
  '/v1/riders/locations': {
    post: operation('riders.locations', {
      summary: 'Report rider positions in a batch',
      description: `Up to ${MAX_LOCATION_BATCH} entries. A rider token may only report itself (403 otherwise, nothing applied). Entries naming an unknown or off-shift rider are listed in \`rejected\`; the others are applied.`,
      tags: ['riders'],
      requestBody: jsonBody(ref('LocationBatchBody')),
      ok: { '200': okJson('What was applied.', ref('LocationBatchResult')) },
      errors: BODY_ERRORS,
    }),
  },
  '/v1/riders/{riderId}': {
    get: operation('riders.read', {
      summary: 'Read a rider',
      tags: ['riders'],
      parameters: [param('RiderId')],
      ok: { '200': okJson('The rider with its live state.', ref('RiderView')) },
      errors: ['400', '404'],
    }),
  },
  '/v1/riders/{riderId}/shift': {
    post: operation('riders.shift', {
      summary: 'Start or end a shift',
      description: "Ending a shift while carrying orders is 409 `RIDER_BUSY`.",
      tags: ['riders'],
      parameters: [param('RiderId')],
      requestBody: jsonBody(ref('ShiftBody')),
      ok: { '200': okJson('The rider after the change.', ref('RiderView')) },
      errors: [...BODY_ERRORS, '404', '409', '503'],
    }),
  },
  '/v1/riders/{riderId}/location': {
    put: operation('riders.location', {
      summary: "Report a rider's position",
      description: 'The rider must be on shift (409 `RIDER_OFF_SHIFT`).',
      tags: ['riders'],
      parameters: [param('RiderId')],
      requestBody: jsonBody(ref('LocationBody')),
      ok: { '204': { description: 'Applied.' } },
      errors: [...BODY_ERRORS, '404', '409'],
    }),
  },
  '/v1/riders/{riderId}/offers/{offerId}/accept': {
    post: offerAnswer('offers.accept', 'Accept an offer', 'The offer must be open and addressed to this rider (404 otherwise, 409 `OFFER_CLOSED` once answered or expired).'),
  },
  '/v1/riders/{riderId}/offers/{offerId}/decline': {
    post: offerAnswer('offers.decline', 'Decline an offer', 'Its orders go back to `ready` for the next epoch; the rider cools down before its next offer.'),
  },
  '/v1/orders': {
    post: operation('orders.create', {
      summary: 'Place an order',
      description:
        'Validated, authorised on its store, stock held (stores that track stock), stored durably before the 201. With an `Idempotency-Key` the same key and body replay the first answer (`Idempotent-Replayed: true`).',
      tags: ['orders'],
      parameters: [
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description: 'Replays the first answer for the same key and body (per token subject); another body is 409 `IDEMPOTENCY_CONFLICT`.',
          schema: ref('Id'),
        },
      ],
      requestBody: jsonBody(ref('CreateOrderBody')),
      ok: {
        '201': okJson('The order, `placed` (durable).', ref('OrderView'), {
          'Idempotent-Replayed': { description: '`true` when this answer replays an earlier request.', schema: { type: 'string', enum: ['true'] } },
        }),
      },
      errors: [...BODY_ERRORS, '409', '429', '503'],
    }),
    get: operation('orders.list', {
      summary: 'List orders',
      description: 'Oldest first, keyset-paged (`nextCursor`). All given filters must match. A merchant acting for several stores must name one; a rider sees only the orders assigned to it.',
      tags: ['orders'],
      parameters: [
        { name: 'status', in: 'query', required: false, description: `Comma-separated statuses: ${ORDER_STATUSES.join(', ')}.`, schema: { type: 'string' }, example: 'placed,accepted' },
        { name: 'storeId', in: 'query', required: false, schema: ref('Id') },
        { name: 'riderId', in: 'query', required: false, schema: ref('Id') },
        { name: 'cursor', in: 'query', required: false, description: '`nextCursor` of the previous page.', schema: { type: 'string' } },
        {
          name: 'limit',
          in: 'query',
          required: false,
          description: `Orders wanted; a page holds at most ${MAX_ORDER_PAGE_SIZE} (the rest follows \`nextCursor\`).`,
          schema: { type: 'integer', minimum: 1, maximum: 1000, default: DEFAULT_ORDER_PAGE_SIZE },
        },
      ],
      ok: { '200': okJson('A page of orders.', ref('OrderList')) },
      errors: ['400'],
    }),
  },
  '/v1/orders/ingest': {
    post: operation('orders.ingest', {
      summary: 'Bulk NDJSON order ingest',
      description: `One order per line (at most ${MAX_INGEST_LINES} lines of ${MAX_INGEST_LINE_BYTES} bytes): a \`CreateOrderBody\` as it is, or any shape through a field mapping configured on the service (\`mapping\`). Every order needs an \`id\` (its idempotency key). Each line is authorised on its store and created as if posted alone; bad lines are reported and do not stop the others.`,
      tags: ['orders'],
      parameters: [{ name: 'mapping', in: 'query', required: false, description: 'A field mapping configured on the service (`--ingest-mapping`).', schema: { type: 'string' } }],
      requestBody: {
        required: true,
        content: {
          'application/x-ndjson': {
            schema: { type: 'string', description: 'Newline-delimited JSON; without a mapping each line is a CreateOrderBody with an id.' },
            'x-line-schema': ref('CreateOrderBody'),
          },
        },
      },
      ok: { '200': okJson('Accepted, replayed and rejected lines.', ref('IngestReport')) },
      errors: ['400', '413', '415', '429', '503'],
    }),
  },
  '/v1/adapters/{platform}/orders': {
    post: operation('orders.webhook', {
      summary: "A third-party platform's order push",
      description:
        '`deliverect`: the order notification webhook (one order, or an array). Read: `channelOrderId` + `channel` → id `deliverect:<channel>:<channelOrderId>`; `location` → storeId (through the configured storeIdMap); `items[].plu`/`quantity` → items (subItems ignored); `deliveryAddress.coordinates.coordinates` ([lng, lat], required) → dropOff; `_created` → placedAt; `deliveryTime` → promisedBy; `_id` → externalRef. `orderType` must be 2 (delivery); `status` 100/110 is a cancellation (`CANCEL_REQUEST`).',
      tags: ['orders'],
      parameters: [param('Platform')],
      requestBody: jsonBody(ref('WebhookPayload')),
      ok: { '200': okJson('Accepted, replayed and rejected orders.', ref('IngestReport')) },
      errors: [...BODY_ERRORS, '404', '429', '503'],
    }),
  },
  '/v1/orders/{orderId}': {
    get: operation('orders.read', {
      summary: 'Read an order',
      tags: ['orders'],
      parameters: [param('OrderId')],
      ok: { '200': okJson('The order.', ref('OrderView')) },
      errors: ['400', '404'],
    }),
  },
  '/v1/orders/{orderId}/cancel': {
    post: operation('orders.cancel', {
      summary: 'Cancel an order',
      description: 'From the statuses the lifecycle allows (409 `ILLEGAL_TRANSITION` otherwise); held stock is released.',
      tags: ['orders'],
      parameters: [param('OrderId')],
      requestBody: jsonBody(ref('CancelBody'), false),
      ok: { '200': okJson('The cancelled order.', ref('OrderView')) },
      errors: [...BODY_ERRORS, '404', '409', '503'],
    }),
  },
  '/v1/orders/{orderId}/accept': { post: orderTransition('orders.accept', 'Merchant accepts an order', '`placed → accepted`.') },
  '/v1/orders/{orderId}/ready': { post: orderTransition('orders.ready', 'Merchant marks an order ready', '`accepted → ready`; the order joins the next dispatch epoch.') },
  '/v1/orders/{orderId}/pickup': { post: orderTransition('orders.pickup', 'Rider confirms pickup', '`assigned → picked_up`; held stock leaves the store.') },
  '/v1/orders/{orderId}/dropoff': { post: orderTransition('orders.dropoff', 'Rider confirms drop-off', '`picked_up → delivered`.') },
  '/v1/quotes': {
    post: operation('quotes.create', {
      summary: 'Fee and ETA before ordering',
      tags: ['orders'],
      requestBody: jsonBody(ref('QuoteBody')),
      ok: { '200': okJson('The quote.', ref('Quote')) },
      errors: BODY_ERRORS,
    }),
  },
  '/v1/heatmap': {
    get: operation('heatmap.read', {
      summary: 'Demand and supply per H3 cell',
      tags: ['dispatch'],
      ok: { '200': okJson('Aggregate demand and supply (GeoJSON).', ref('HeatmapGeoJSON')) },
      errors: [],
    }),
  },
  '/v1/events': {
    get: operation('events.subscribe', {
      summary: 'Server-Sent Events: lifecycle, assignment, offer and lateness events',
      description: `Each event: \`id\` (a sequence number), \`event\` (its type), \`data\` (JSON: id, type, at, orderId, storeId, riderId, data). Types: ${EVENT_TYPES.join(', ')}. The stream shows only what the token may see, ends when the token expires, sends a comment every 15 s, and replays the events after \`Last-Event-ID\` (or \`since\`) still in memory.`,
      tags: ['dispatch'],
      parameters: [
        { name: 'types', in: 'query', required: false, description: 'Comma-separated event types or prefixes ending in "." (e.g. `order.,offer.sent`).', schema: { type: 'string' } },
        { name: 'storeId', in: 'query', required: false, schema: ref('Id') },
        { name: 'riderId', in: 'query', required: false, schema: ref('Id') },
        { name: 'orderId', in: 'query', required: false, schema: ref('Id') },
        { name: 'since', in: 'query', required: false, description: 'Replay events after this id.', schema: { type: 'string', pattern: '^\\d{1,15}$' } },
        { name: 'Last-Event-ID', in: 'header', required: false, description: 'As `since` (sent by EventSource on reconnect).', schema: { type: 'string', pattern: '^\\d{1,15}$' } },
      ],
      ok: {
        '200': {
          description: 'An event stream.',
          content: { 'text/event-stream': { schema: { type: 'string', description: 'id: <n>\\nevent: <type>\\ndata: <JSON>\\n\\n, repeated.' } } },
        },
      },
      errors: ['400'],
    }),
  },
};

/** Freezes `value` and everything it holds. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** The OpenAPI 3.1 document of the v1 API, served at `GET /v1/openapi.json`. */
export const OPENAPI_DOCUMENT: Readonly<Record<string, unknown>> = deepFreeze({
  openapi: '3.1.0',
  jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
  info: { title: 'o2o-dispatch worker API', version: '1.0.0', description: DESCRIPTION, license: { name: 'MIT', identifier: 'MIT' } },
  servers: [{ url: '/', description: 'This instance.' }],
  tags: [
    { name: 'stores', description: 'Stores and inventory.' },
    { name: 'riders', description: 'Riders: shifts, positions, offers.' },
    { name: 'orders', description: 'Orders: creation, ingest, lifecycle, quotes.' },
    { name: 'dispatch', description: 'Heatmap and the event stream.' },
    { name: 'operations', description: 'Probes, metrics, this document (no token).' },
    { name: 'ops', description: 'The live operations view: its page and its data.' },
  ],
  security: [{ bearerAuth: [] }],
  paths: PATHS,
  components: {
    securitySchemes: {
      bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'HS256 token with a role claim (admin, merchant with stores, rider with rider).' },
    },
    schemas: SCHEMAS,
    responses: RESPONSES,
    parameters: PARAMETERS,
  },
});
