/**
 * The express 5 application: every `/v1` route except the lean hot paths (`lean-routes.ts`),
 * the probes, `/metrics` and the OpenAPI document. Each route authenticates (bearer JWT),
 * validates (400 naming field, rule and value), and calls the service, which authorises against
 * the resource (403) and applies the lifecycle (409 for an illegal transition).
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import { ORDER_STATUSES, type OrderStatus } from '@o2o/dispatch-core';
import { badInput, notFound } from '../api/api-error.js';
import {
  checkCancelBody,
  checkCreateRiderBody,
  checkCreateStoreBody,
  checkEmptyBody,
  checkId,
  checkInventoryBody,
  checkQuoteBody,
  checkShiftBody,
  checkStorePatchBody,
} from '../api/body-checks.js';
import type { Principal } from '../auth/principal.js';
import type { TokenVerifier } from '../auth/token-verifier.js';
import { requestIdOf } from '../observability/request-id.js';
import type { DispatchService } from '../service/dispatch-service.js';
import { toStoreView } from '../service/store-catalog.js';
import { authenticatedRoute, finishRequest, readJsonBody, sendError, sendJson, type AuthenticatedHandler, type HttpDeps } from './http-kit.js';
import { handleEvents } from './sse-events.js';
import { mountIngestRoutes, type IngestConfig } from './ingest-routes.js';
import { mountOpsRoutes } from './ops-routes.js';
import { OPENAPI_DOCUMENT } from '../api/openapi.js';
import type { ServiceMetrics } from '../observability/service-metrics.js';

export interface AppDeps extends HttpDeps {
  readonly metrics: ServiceMetrics;
  readonly service: DispatchService;
  readonly verifier: TokenVerifier;
  /** False until the store is open and the state restored (`/readyz`). */
  readonly isReady: () => boolean;
  /** Named field mappings and webhook adapter options for order ingest. */
  readonly ingest?: IngestConfig;
}

interface Locals {
  requestId: string;
  started: bigint;
}

export function createExpressApp(deps: AppDeps): express.Express {
  const app = express();
  app.set('etag', false);
  app.set('x-powered-by', false);
  app.set('query parser', 'simple');
  const { service } = deps;

  app.use((req: Request, res: Response, next: NextFunction) => {
    const locals = res.locals as Locals;
    locals.requestId = requestIdOf(req.headers['x-request-id']);
    locals.started = process.hrtime.bigint();
    res.setHeader('x-request-id', locals.requestId);
    res.on('finish', () => {
      const route = req.route?.path === undefined ? '(unmatched)' : `${req.baseUrl}${String(req.route.path)}`;
      finishRequest(deps, req.method, route, res.statusCode, locals.started, locals.requestId);
    });
    next();
  });

  const route = (handler: AuthenticatedHandler, okStatus = 200) => authenticatedRoute(deps, handler, okStatus);

  // Probes, metrics, the API description: no token.
  app.get('/healthz', (_req, res) => sendJson(res, 200, { status: 'ok' }));
  app.get('/readyz', (_req, res) => (deps.isReady() ? sendJson(res, 200, { status: 'ready' }) : sendJson(res, 503, { status: 'starting' })));
  app.get('/metrics', async (_req, res) => {
    try {
      const { contentType, body } = await deps.metrics.render();
      res.setHeader('content-type', contentType);
      res.end(body);
    } catch (error) {
      sendError(deps, res, error, (res.locals as Locals).requestId);
    }
  });
  app.get('/v1/openapi.json', (_req, res) => sendJson(res, 200, OPENAPI_DOCUMENT));

  // Stores and inventory.
  app.post('/v1/stores', route(async (req, _res, p) => toStoreView(await service.createStore(p, checkCreateStoreBody(await readJsonBody(req)))), 201));
  app.get('/v1/stores', route((req, _res, p) => ({ stores: service.listStores(p, optionalId(req, 'storeId')).map(toStoreView) })));
  app.get('/v1/stores/:storeId', route((req, _res, p) => toStoreView(service.getStore(p, pathId(req, 'storeId')))));
  app.patch('/v1/stores/:storeId', route(async (req, _res, p) => toStoreView(await service.updateStore(p, pathId(req, 'storeId'), checkStorePatchBody(await readJsonBody(req))))));
  app.get('/v1/stores/:storeId/inventory', route((req, _res, p) => ({ storeId: req.params.storeId, stock: service.getInventory(p, pathId(req, 'storeId')) })));
  app.put('/v1/stores/:storeId/inventory', route(async (req, _res, p) => {
    const body = await readJsonBody(req);
    const inventory = checkInventoryBody('inventory', (body as { inventory?: unknown } | undefined)?.inventory);
    return toStoreView(await service.setInventory(p, pathId(req, 'storeId'), inventory));
  }));

  // Riders.
  app.post('/v1/riders', route(async (req, _res, p) => service.createRider(p, checkCreateRiderBody(await readJsonBody(req))), 201));
  app.get('/v1/riders', route((_req, _res, p) => ({ riders: service.listRiders(p) })));
  app.get('/v1/riders/:riderId', route((req, _res, p) => service.getRider(p, pathId(req, 'riderId'))));
  app.post('/v1/riders/:riderId/shift', route(async (req, _res, p) => service.shift(p, pathId(req, 'riderId'), checkShiftBody(await readJsonBody(req)))));
  app.post('/v1/riders/:riderId/offers/:offerId/accept', route(async (req, _res, p) => {
    checkEmptyBody(await readJsonBody(req));
    return offerView(await service.acceptOffer(p, pathId(req, 'riderId'), pathId(req, 'offerId')));
  }));
  app.post('/v1/riders/:riderId/offers/:offerId/decline', route(async (req, _res, p) => {
    checkEmptyBody(await readJsonBody(req));
    return offerView(await service.declineOffer(p, pathId(req, 'riderId'), pathId(req, 'offerId')));
  }));

  // Orders (creation is a lean route; these are the rest).
  mountIngestRoutes(app, deps);
  app.get('/v1/orders', route((req, _res, p) => service.listOrders(p, orderQuery(req))));
  app.get('/v1/orders/:orderId', route((req, _res, p) => service.getOrder(p, pathId(req, 'orderId'))));
  app.post('/v1/orders/:orderId/cancel', route(async (req, _res, p) => service.cancelOrder(p, pathId(req, 'orderId'), checkCancelBody(await readJsonBody(req)).reason)));
  const action = (fn: (p: Principal, id: string) => Promise<unknown>) =>
    route(async (req, _res, p) => {
      checkEmptyBody(await readJsonBody(req));
      return fn(p, pathId(req, 'orderId'));
    });
  app.post('/v1/orders/:orderId/accept', action((p, id) => service.acceptOrder(p, id)));
  app.post('/v1/orders/:orderId/ready', action((p, id) => service.markReady(p, id)));
  app.post('/v1/orders/:orderId/pickup', action((p, id) => service.pickupOrder(p, id)));
  app.post('/v1/orders/:orderId/dropoff', action((p, id) => service.dropoffOrder(p, id)));

  // Quotes, heatmap, events.
  app.post('/v1/quotes', route(async (req, _res, p) => service.quote(p, checkQuoteBody(await readJsonBody(req)))));
  app.get('/v1/heatmap', route((_req, _res, p) => service.heatmapView(p)));
  app.get('/v1/events', route((req, res, p) => handleEvents(service, p, req, res)));
  mountOpsRoutes(app, deps);

  // Nothing matched: a JSON 404 (never express's HTML page).
  app.use((req: Request, res: Response) => {
    sendError(deps, res, notFound('route', `${req.method} ${req.path}`), (res.locals as Locals).requestId);
  });
  // Last resort (express itself failed, e.g. a malformed URI): JSON, no stack.
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      sendError(deps, res, badInput('request', 'must be a well-formed HTTP request', String((error as Error).message)), (res.locals as Locals).requestId);
    } else {
      sendError(deps, res, error, (res.locals as Locals).requestId);
    }
  });
  return app;
}

function pathId(req: Request, name: string): string {
  return checkId(name, req.params[name]);
}

function queryValue(req: Request, name: string): string | undefined {
  const v = (req.query as Record<string, unknown>)[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw badInput(name, 'must be given once', v);
  return v;
}

function optionalId(req: Request, name: string): string | undefined {
  const v = queryValue(req, name);
  return v === undefined ? undefined : checkId(name, v);
}

function orderQuery(req: Request): { status?: OrderStatus[]; storeId?: string; riderId?: string; cursor?: string; limit?: number } {
  const out: { status?: OrderStatus[]; storeId?: string; riderId?: string; cursor?: string; limit?: number } = {};
  for (const key of Object.keys(req.query as object)) {
    if (!['status', 'storeId', 'riderId', 'cursor', 'limit'].includes(key)) throw badInput(key, 'is not a known query parameter (status, storeId, riderId, cursor, limit)', (req.query as Record<string, unknown>)[key]);
  }
  const status = queryValue(req, 'status');
  if (status !== undefined) {
    const list = status.split(',');
    for (const s of list) if (!(ORDER_STATUSES as readonly string[]).includes(s)) throw badInput('status', `must be a comma-separated list of ${ORDER_STATUSES.join(', ')}`, status);
    out.status = list as OrderStatus[];
  }
  const storeId = optionalId(req, 'storeId');
  if (storeId !== undefined) out.storeId = storeId;
  const riderId = optionalId(req, 'riderId');
  if (riderId !== undefined) out.riderId = riderId;
  const cursor = queryValue(req, 'cursor');
  if (cursor !== undefined) out.cursor = cursor;
  const limit = queryValue(req, 'limit');
  if (limit !== undefined) {
    const n = Number(limit);
    if (!/^\d{1,4}$/.test(limit) || n < 1 || n > 1000) throw badInput('limit', 'must be an integer in [1, 1000]', limit);
    out.limit = n;
  }
  return out;
}

function offerView(o: { id: string; riderId: string; orderIds: readonly string[]; status: string; createdAt: number; expiresAt: number; pickupAt: number; dropoffAt: readonly number[] }): object {
  return { id: o.id, riderId: o.riderId, orderIds: o.orderIds, status: o.status, createdAt: o.createdAt, expiresAt: o.expiresAt, pickupAt: o.pickupAt, dropoffAt: o.dropoffAt };
}
