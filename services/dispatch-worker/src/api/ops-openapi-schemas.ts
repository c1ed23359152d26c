/**
 * JSON Schemas of `GET /v1/ops/snapshot` for the OpenAPI document (the shapes of
 * `src/ops/ops-types.ts`, which the page's code reads).
 */
import { ORDER_STATUSES } from '@o2o/dispatch-core';

type Json = Record<string, unknown>;

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const integer: Json = { type: 'integer' };
const number: Json = { type: 'number' };
const ring = (what: string): Json => ({ type: 'array', minItems: 4, items: ref('OpsPoint'), description: `${what}: a closed ring of [lng, lat] points (the first repeated last).` });
const object = (required: readonly string[], properties: Json, description?: string): Json => ({
  type: 'object',
  ...(description === undefined ? {} : { description }),
  required: [...required],
  properties,
});

/** The schemas, by name (merged into `components.schemas`). */
export const OPS_OPENAPI_SCHEMAS: Readonly<Record<string, Json>> = {
  OpsPoint: { type: 'array', minItems: 2, maxItems: 2, items: number, description: '[lng, lat] in degrees, 6 decimals.' },
  OpsStore: object(['id', 'kind', 'location', 'open'], { id: ref('Id'), name: { type: 'string' }, kind: { type: 'string', enum: ['store', 'warehouse', 'dark_store'] }, location: ref('OpsPoint'), open: { type: 'boolean' } }),
  OpsZone: object(
    ['storeId', 'radiusM', 'ring', 'active'],
    { storeId: ref('Id'), radiusM: integer, ring: ring('The area'), active: { type: 'boolean', description: 'The store is open.' } },
    "A store's service area: the drop-offs a quote accepts from it (estimated road distance within pricing.distance.maxDistanceM).",
  ),
  OpsRider: object(
    ['id', 'mode', 'state', 'position', 'locatedAt', 'orderIds', 'offerId', 'route'],
    {
      id: ref('Id'),
      mode: { type: 'string' },
      state: { type: 'string', enum: ['idle', 'busy'], description: 'busy: carrying or heading to orders, or answering an offer.' },
      position: ref('OpsPoint'),
      locatedAt: ref('EpochSeconds'),
      orderIds: { type: 'array', items: ref('Id') },
      offerId: { type: ['string', 'null'] },
      route: { type: 'array', items: ref('OpsPoint'), description: "The planned route: the rider's position, then each stop ahead in order (empty when idle)." },
    },
    'A rider on shift with a known position.',
  ),
  OpsOrder: object(
    ['id', 'status', 'dropOff', 'placedAt', 'promisedBy', 'etaAt', 'atRisk'],
    {
      id: ref('Id'),
      status: { type: 'string', enum: [...ORDER_STATUSES] },
      storeId: ref('Id'),
      riderId: ref('Id'),
      dropOff: ref('OpsPoint'),
      placedAt: ref('EpochSeconds'),
      promisedBy: ref('EpochSeconds'),
      etaAt: { type: ['integer', 'null'], description: 'Predicted drop-off while a rider has it.' },
      atRisk: { type: 'boolean', description: 'Predicted after its promise, or already past it.' },
    },
    'An open order (placed to picked up).',
  ),
  OpsHeatCell: object(
    ['h3', 'ring', 'demand', 'supply', 'surge'],
    {
      h3: { type: 'string' },
      ring: ring('The hexagon'),
      demand: { ...integer, description: 'Orders placed in the cell over the heatmap window.' },
      supply: { ...integer, description: 'Riders that came on shift in the cell over the window.' },
      surge: { ...number, minimum: 1, description: 'Target surge multiplier of the pricing curve for the k-ring smoothed demand and supply.' },
    },
    'One H3 cell of the supply/demand heatmap.',
  ),
  OpsKpis: object(
    ['ordersPerMin', 'ordersPerMinWindowSec', 'ordersByStatus', 'openOrders', 'meanEtaSec', 'p90EtaSec', 'ordersWithEta', 'atRiskPct', 'ordersAtRisk', 'ridersOnShift', 'ridersBusy', 'riderUtilisationPct'],
    {
      ordersPerMin: { ...number, description: 'Orders placed per minute over the last ordersPerMinWindowSec seconds.' },
      ordersPerMinWindowSec: integer,
      ordersByStatus: { type: 'object', propertyNames: { enum: [...ORDER_STATUSES] }, additionalProperties: integer, description: 'Open orders now; final ones since the process started.' },
      openOrders: integer,
      meanEtaSec: { type: ['integer', 'null'], description: 'Mean predicted click-to-door time (predicted drop-off − placedAt) of orders with a live ETA.' },
      p90EtaSec: { type: ['integer', 'null'], description: 'Its nearest-rank 90th percentile.' },
      ordersWithEta: integer,
      atRiskPct: { ...number, minimum: 0, maximum: 100 },
      ordersAtRisk: integer,
      ridersOnShift: integer,
      ridersBusy: integer,
      riderUtilisationPct: { ...number, minimum: 0, maximum: 100, description: 'Busy riders over riders on shift.' },
    },
  ),
  OpsEpoch: object(['at', 'durationMs', 'orders', 'riders', 'assignments', 'ordersAssigned'], {
    at: ref('EpochSeconds'),
    durationMs: number,
    orders: { ...integer, description: 'Orders waiting when it started.' },
    riders: { ...integer, description: 'Riders free when it started.' },
    assignments: { ...integer, description: 'Offers sent.' },
    ordersAssigned: integer,
  }),
  OpsAlert: object(['eventId', 'type', 'at', 'lateBySec'], {
    eventId: integer,
    type: { type: 'string', enum: ['lateness.alert', 'lateness.cleared'] },
    at: ref('EpochSeconds'),
    orderId: ref('Id'),
    riderId: ref('Id'),
    lateBySec: { type: ['integer', 'null'], description: 'Predicted drop-off minus the promise.' },
  }),
  OpsSnapshot: object(['at', 'lastEventId', 'stores', 'zones', 'riders', 'orders', 'ordersTruncated', 'heatmap', 'kpis', 'lastEpoch', 'alerts'], {
    at: ref('EpochSeconds'),
    lastEventId: { ...integer, description: 'The last event reflected: subscribe to /v1/events with Last-Event-ID set to it to miss nothing.' },
    stores: { type: 'array', items: ref('OpsStore') },
    zones: { type: 'array', items: ref('OpsZone') },
    riders: { type: 'array', items: ref('OpsRider') },
    orders: { type: 'array', items: ref('OpsOrder') },
    ordersTruncated: { type: 'boolean', description: 'More placed orders than the snapshot carries (the oldest are shown).' },
    heatmap: object(['resolution', 'windowSec', 'cells'], { resolution: integer, windowSec: integer, cells: { type: 'array', items: ref('OpsHeatCell') } }),
    kpis: ref('OpsKpis'),
    lastEpoch: { oneOf: [ref('OpsEpoch'), { type: 'null' }] },
    alerts: { type: 'array', items: ref('OpsAlert'), description: 'Recent lateness events, newest first.' },
  }),
};
