/**
 * The hot paths, answered straight from node:http without express: order creation and rider
 * location updates (single and batched). Measured here (../shared/SERVICE.md): express 5 costs
 * about 150 µs of CPU per request and holds ~6.5k requests/s with p99 63–77 ms at 5k/s on this
 * 2-core machine, while a node:http route holds the same rate at p99 ≈ 5 ms — so these three
 * routes skip express's router, body parser and response helpers. They use the same
 * authentication, validation, error bodies, metrics and logs as the express routes, and the
 * OpenAPI document describes them like any other.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { badInput } from '../api/api-error.js';
import type { TokenVerifier } from '../auth/token-verifier.js';
import { requestIdOf } from '../observability/request-id.js';
import type { Principal } from '../auth/principal.js';
import { finishRequest, readBodyText, sendError, sendJsonText, type HttpDeps } from './http-kit.js';
import type { LeanAnswer, LeanBackend } from './lean-backend.js';

export interface LeanDeps extends HttpDeps {
  /** Runs the requests: in this process ({@link localLeanBackend}) or in the writer behind an HTTP front. */
  readonly backend: LeanBackend;
  readonly verifier: TokenVerifier;
}

// Matched as express matches its routes: case-insensitive, an optional trailing slash, any query.
const ORDERS_PATH = /^\/v1\/orders\/?$/i;
const LOCATIONS_PATH = /^\/v1\/riders\/locations\/?$/i;
const LOCATION_PATH = /^\/v1\/riders\/([^/]+)\/location\/?$/i;

/**
 * Answers `req` when it is one of the lean routes and returns true; false hands it to express
 * (express has no route for these three, so a near miss here would be a 404 there).
 */
export function handleLeanRoute(deps: LeanDeps, req: IncomingMessage, res: ServerResponse): boolean {
  const { method, url: rawUrl = '' } = req;
  const q = rawUrl.indexOf('?');
  const url = q === -1 ? rawUrl : rawUrl.slice(0, q);
  if (method === 'POST') {
    if (url === '/v1/orders' || ORDERS_PATH.test(url)) {
      void run(deps, req, res, '/v1/orders', createOrder);
      return true;
    }
    if (url === '/v1/riders/locations' || LOCATIONS_PATH.test(url)) {
      void run(deps, req, res, '/v1/riders/locations', async (d, rq, id) => d.backend.moveRiders(await authenticate(d, rq), await readBodyText(rq), id));
      return true;
    }
  }
  if (method === 'PUT') {
    const m = LOCATION_PATH.exec(url);
    if (m !== null) {
      void run(deps, req, res, '/v1/riders/:riderId/location', async (d, rq, id) => d.backend.moveRider(await authenticate(d, rq), m[1]!, await readBodyText(rq), id));
      return true;
    }
  }
  return false;
}

type Handler = (deps: LeanDeps, req: IncomingMessage, requestId: string) => Promise<LeanAnswer>;

async function run(deps: LeanDeps, req: IncomingMessage, res: ServerResponse, route: string, handler: Handler): Promise<void> {
  const started = process.hrtime.bigint();
  const requestId = requestIdOf(req.headers['x-request-id']);
  let status = 500;
  try {
    const answer = await handler(deps, req, requestId);
    status = answer.status;
    const headers = { 'x-request-id': requestId, ...answer.headers };
    if (answer.bodyText === undefined) {
      res.writeHead(status, headers);
      res.end();
    } else {
      sendJsonText(res, status, answer.bodyText, headers);
    }
  } catch (error) {
    sendError(deps, res, error, requestId);
    status = res.statusCode;
  }
  finishRequest(deps, req.method ?? 'GET', route, status, started, requestId);
}

async function createOrder(deps: LeanDeps, req: IncomingMessage, requestId: string): Promise<LeanAnswer> {
  const principal = await authenticate(deps, req);
  const bodyText = await readBodyText(req);
  const keyHeader = req.headers['idempotency-key'];
  if (Array.isArray(keyHeader)) throw badInput('Idempotency-Key', 'must be given once', keyHeader);
  return deps.backend.createOrder(principal, bodyText, keyHeader, requestId);
}

function authenticate(deps: LeanDeps, req: IncomingMessage): Promise<Principal> {
  return deps.verifier.authenticate(req.headers.authorization);
}
