/**
 * Who may do what: one row per endpoint action, read by the HTTP layer (to authorise each route)
 * and by the auth-matrix test. Policy functions are in `access-policy.ts`.
 *
 * Each row gives, per role, a {@link RoleScope}:
 * - `any`: allowed on every resource;
 * - `own-store`: allowed when the resource's `storeId` is one of the merchant's stores;
 * - `own-rider`: allowed when the resource's `riderId` is the rider itself;
 * - `deny`: never (403 `FORBIDDEN_ROLE`, decided before the resource is loaded).
 *
 * `kind` says what the resource is:
 * - `item`: one resource (a store, a rider, an order, an offer, a quote's store, one line of a
 *   bulk ingest). A merchant or rider scope check fails closed: a resource without the id it
 *   needs is out of scope.
 * - `collection`: a list or a stream; the resource is the query's filter. A filter naming someone
 *   else's store or rider is refused; an open filter is narrowed to the principal's scope
 *   (`accessScope`), and each row or event is checked with `isInScope` / `eventVisibleTo`.
 *
 * Decisions:
 * - Order creation, bulk NDJSON ingest and adapter webhooks: admin for any store, a merchant for
 *   its stores (each order, each ingested line, checked on its `storeId`). There is no fourth
 *   "platform" role: a platform that sells for some stores gets a merchant token listing them,
 *   and a platform selling for every store (or orders without a store yet, left to store matching)
 *   an admin token. Customers are not principals of this service: apps and mini-programs reach it
 *   through their platform's backend. Riders never create orders.
 * - Quotes (fee + ETA before ordering): what order creation allows: admin, and merchants for their
 *   stores (the quote names the store it would be ordered from); riders no.
 * - Heatmap: every authenticated role. It is aggregate demand and supply per cell (no order, rider
 *   or customer ids), which riders need to reposition and merchants to plan; the HTTP layer must
 *   keep it aggregate.
 * - Events (SSE): every role subscribes; admin sees all, a merchant the events of its stores, a
 *   rider the events naming it. Events naming neither a store nor a rider are admin-only.
 * - Pickup and drop-off confirmations: the assigned rider (and admin), not the merchant.
 * - Rider state (shift, location, offers): the rider itself and admin (the demo feed and
 *   simulators run as admin).
 * - The ops snapshot (the live operations view's data): admin only. It names every rider and order
 *   of every store; the page itself (`GET /` and its assets under `/ops/`) is a static shell served
 *   without a token that asks for an admin token before any data call.
 * - Admin can do everything, including merchant actions (support staff act for a store).
 *
 * Endpoints answered without a token are listed in {@link PUBLIC_ENDPOINTS}.
 */

/** A role's permission for one action. */
export type RoleScope = 'any' | 'own-store' | 'own-rider' | 'deny';

/** One row of {@link ACCESS_RULES}. */
export interface AccessRule {
  /** The route it guards, as the HTTP layer mounts it: `METHOD /path`. */
  readonly endpoint: string;
  readonly kind: 'item' | 'collection';
  readonly admin: RoleScope;
  readonly merchant: RoleScope;
  readonly rider: RoleScope;
  /** What the action does and which resource ids the policy reads. */
  readonly description: string;
}

export const ACCESS_RULES = {
  // Stores and inventory.
  'stores.create': { endpoint: 'POST /v1/stores', kind: 'item', admin: 'any', merchant: 'deny', rider: 'deny', description: 'register a store' },
  'stores.list': { endpoint: 'GET /v1/stores', kind: 'collection', admin: 'any', merchant: 'own-store', rider: 'deny', description: 'list stores (filter: storeId)' },
  'stores.read': { endpoint: 'GET /v1/stores/:storeId', kind: 'item', admin: 'any', merchant: 'own-store', rider: 'deny', description: 'read a store (storeId)' },
  'stores.update': { endpoint: 'PATCH /v1/stores/:storeId', kind: 'item', admin: 'any', merchant: 'own-store', rider: 'deny', description: 'update a store: hours, open or closed (storeId)' },
  'inventory.read': { endpoint: 'GET /v1/stores/:storeId/inventory', kind: 'item', admin: 'any', merchant: 'own-store', rider: 'deny', description: "read a store's stock (storeId)" },
  'inventory.update': { endpoint: 'PUT /v1/stores/:storeId/inventory', kind: 'item', admin: 'any', merchant: 'own-store', rider: 'deny', description: "set a store's stock (storeId)" },
  // Riders.
  'riders.create': { endpoint: 'POST /v1/riders', kind: 'item', admin: 'any', merchant: 'deny', rider: 'deny', description: 'register a rider' },
  'riders.list': { endpoint: 'GET /v1/riders', kind: 'collection', admin: 'any', merchant: 'deny', rider: 'deny', description: 'list riders' },
  'riders.read': { endpoint: 'GET /v1/riders/:riderId', kind: 'item', admin: 'any', merchant: 'deny', rider: 'own-rider', description: 'read a rider (riderId)' },
  'riders.shift': { endpoint: 'POST /v1/riders/:riderId/shift', kind: 'item', admin: 'any', merchant: 'deny', rider: 'own-rider', description: 'start or end a shift (riderId)' },
  'riders.location': { endpoint: 'PUT /v1/riders/:riderId/location', kind: 'item', admin: 'any', merchant: 'deny', rider: 'own-rider', description: 'report a position (riderId)' },
  'riders.locations': { endpoint: 'POST /v1/riders/locations', kind: 'item', admin: 'any', merchant: 'deny', rider: 'own-rider', description: 'report positions in a batch (each entry checked on its riderId)' },
  'offers.accept': { endpoint: 'POST /v1/riders/:riderId/offers/:offerId/accept', kind: 'item', admin: 'any', merchant: 'deny', rider: 'own-rider', description: 'accept an offer (riderId: the rider the offer went to)' },
  'offers.decline': { endpoint: 'POST /v1/riders/:riderId/offers/:offerId/decline', kind: 'item', admin: 'any', merchant: 'deny', rider: 'own-rider', description: 'decline an offer (riderId: the rider the offer went to)' },
  'orders.pickup': { endpoint: 'POST /v1/orders/:orderId/pickup', kind: 'item', admin: 'any', merchant: 'deny', rider: 'own-rider', description: 'confirm pickup (riderId: the rider assigned to the order)' },
  'orders.dropoff': { endpoint: 'POST /v1/orders/:orderId/dropoff', kind: 'item', admin: 'any', merchant: 'deny', rider: 'own-rider', description: 'confirm drop-off (riderId: the rider assigned to the order)' },
  // Orders.
  'orders.create': { endpoint: 'POST /v1/orders', kind: 'item', admin: 'any', merchant: 'own-store', rider: 'deny', description: "place an order (storeId: the order's store)" },
  'orders.ingest': { endpoint: 'POST /v1/orders/ingest', kind: 'item', admin: 'any', merchant: 'own-store', rider: 'deny', description: 'bulk NDJSON ingest through an adapter (each line checked on its storeId)' },
  'orders.webhook': { endpoint: 'POST /v1/adapters/:platform/orders', kind: 'item', admin: 'any', merchant: 'own-store', rider: 'deny', description: "a third-party platform's order push (each order checked on its storeId)" },
  'orders.read': { endpoint: 'GET /v1/orders/:orderId', kind: 'item', admin: 'any', merchant: 'own-store', rider: 'own-rider', description: "read an order (storeId: its store; riderId: its assigned rider)" },
  'orders.list': { endpoint: 'GET /v1/orders', kind: 'collection', admin: 'any', merchant: 'own-store', rider: 'own-rider', description: 'list orders (filters: storeId, riderId, status)' },
  'orders.cancel': { endpoint: 'POST /v1/orders/:orderId/cancel', kind: 'item', admin: 'any', merchant: 'own-store', rider: 'deny', description: "cancel an order (storeId: its store)" },
  'orders.accept': { endpoint: 'POST /v1/orders/:orderId/accept', kind: 'item', admin: 'any', merchant: 'own-store', rider: 'deny', description: 'merchant accepts an order (storeId: the store asked to fulfil it)' },
  'orders.ready': { endpoint: 'POST /v1/orders/:orderId/ready', kind: 'item', admin: 'any', merchant: 'own-store', rider: 'deny', description: 'merchant marks an order ready (storeId: its store)' },
  'quotes.create': { endpoint: 'POST /v1/quotes', kind: 'item', admin: 'any', merchant: 'own-store', rider: 'deny', description: 'fee and ETA before ordering (storeId: the store it would be ordered from)' },
  'heatmap.read': { endpoint: 'GET /v1/heatmap', kind: 'collection', admin: 'any', merchant: 'any', rider: 'any', description: 'aggregate demand and supply per cell' },
  'events.subscribe': { endpoint: 'GET /v1/events', kind: 'collection', admin: 'any', merchant: 'own-store', rider: 'own-rider', description: 'SSE stream of lifecycle, assignment and lateness events (filters: storeId, riderId)' },
  // The live operations view.
  'ops.snapshot': { endpoint: 'GET /v1/ops/snapshot', kind: 'collection', admin: 'any', merchant: 'deny', rider: 'deny', description: 'the ops view of the whole city: riders, routes, open orders, zones, heatmap, KPIs' },
} as const satisfies Readonly<Record<string, AccessRule>>;

/** An endpoint action, e.g. `orders.cancel`. */
export type AccessAction = keyof typeof ACCESS_RULES;

/** Every {@link AccessAction}, in table order. */
export const ACCESS_ACTIONS = Object.freeze(Object.keys(ACCESS_RULES) as AccessAction[]);

/**
 * Routes served without a token (probes, metrics scraped from inside the network, the API
 * description, the ops view's static page; its static assets under `/ops/` are too).
 */
export const PUBLIC_ENDPOINTS: readonly string[] = ['GET /healthz', 'GET /readyz', 'GET /metrics', 'GET /v1/openapi.json', 'GET /'];
