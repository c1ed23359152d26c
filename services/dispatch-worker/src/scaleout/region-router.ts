/**
 * The HTTP front of an instance in a city run on several instances: it finds the region a
 * request belongs to and has it served there — here when this instance owns the region, else by
 * the owner (proxied over HTTP). Order creations go through the region's intake stream instead
 * (any instance appends, the owner creates, the answer comes back on this instance's reply
 * channel); a batch of rider locations is split by region. Which region:
 * - a store, rider or order named in the path (or `storeId` / `riderId` in a list query): the directory;
 * - a new store: its `location`; a new rider: its `home`; a quote: its `storeId`; a new order: its
 *   `storeId`, else the region of its `dropOff`;
 * - region-wide reads (`/v1/events`, `/v1/heatmap`, unfiltered `/v1/orders`, ingest): `?region=`.
 * A request forwarded once (header `x-o2o-region`) is never forwarded again: an instance that
 * no longer owns the region answers 503 `REGION_MOVED`, and the client retries.
 */
import { randomUUID } from 'node:crypto';
import { Agent, type IncomingMessage, type ServerResponse } from 'node:http';
import type { H3Regions } from '@o2o/geo';
import type { Redis } from 'ioredis';
import { ApiError, badInput, notFound } from '../api/api-error.js';
import type { LocationEntry } from '../api/api-types.js';
import { checkCreateOrderBody, checkCreateRiderBody, checkCreateStoreBody, checkLocationBatchBody, checkQuoteBody, ID_PATTERN } from '../api/body-checks.js';
import { authorize } from '../auth/access-policy.js';
import type { Principal } from '../auth/principal.js';
import type { TokenVerifier } from '../auth/token-verifier.js';
import { finishRequest, parseJsonText, readBodyText, sendError, sendJsonText, type HttpDeps } from '../http/http-kit.js';
import { proxyRequest } from '../cluster/proxy-request.js';
import { requestIdOf } from '../observability/request-id.js';
import { riderClaimKey } from './border-riders.js';
import { intakeStreamKey } from './city-keys.js';
import { forwardRequest, type ForwardAnswer } from './forward-request.js';
import type { InstanceRegistry } from './instance-registry.js';
import { enqueueOrder } from './order-intake.js';
import type { ReplyHub } from './reply-hub.js';
import type { DirectoryKind, RegionDirectory } from './region-directory.js';
import type { RegionHost } from './region-host.js';
import type { RegionRuntime } from './region-runtime.js';
import { toStoreView } from '../service/store-catalog.js';

/** Set on a request forwarded to a region's owner (never forwarded again). */
export const REGION_HEADER = 'x-o2o-region';
/** Set on a list request an instance answers from its own regions only. */
const LOCAL_LIST_HEADER = 'x-o2o-local-list';

export interface RegionRouterDeps extends HttpDeps {
  readonly city: string;
  readonly host: RegionHost;
  readonly directory: RegionDirectory;
  readonly registry: InstanceRegistry;
  readonly regions: H3Regions;
  readonly verifier: TokenVerifier;
  /** Commands (XADD) on the city's Redis. */
  readonly redis: Redis;
  readonly replies: ReplyHub;
  /** How long a creation waits for its region's owner before answering 202 (queued). */
  readonly intakeTimeoutMs: number;
  /** Health, readiness, metrics, the OpenAPI document and 404s. */
  readonly local: (req: IncomingMessage, res: ServerResponse) => void;
  /** This instance's own URL. */
  readonly selfUrl: () => string;
}

type Target = { readonly runtime: RegionRuntime } | { readonly url: string } | undefined;

const OWNER_CACHE_MS = 250;
const ALIVE_CACHE_MS = 500;
/** How long a request for a region nobody holds yet (a new one) waits for an owner. */
const OWNER_WAIT_MS = 3_000;

export class RegionRouter {
  private readonly agents = new Map<string, Agent>();
  private readonly owners = new Map<string, { instanceId: string; at: number }>();
  private alive: { at: number; urls: Map<string, string> } = { at: 0, urls: new Map() };

  constructor(private readonly d: RegionRouterDeps) {}

  /** Serves one request (never throws: errors become answers). */
  handle(req: IncomingMessage, res: ServerResponse): void {
    const requestId = requestIdOf(req.headers['x-request-id']);
    this.route(req, res, requestId).catch((error: unknown) => sendError(this.d, res, error, requestId));
  }

  private async route(req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://local');
    const trimmed = url.pathname.replace(/\/+$/, '');
    const path = trimmed.toLowerCase();
    const seg = trimmed.split('/');
    if (!path.startsWith('/v1/') || path === '/v1/openapi.json') return this.d.local(req, res);
    const forwardedTo = req.headers[REGION_HEADER];
    if (typeof forwardedTo === 'string' && req.headers[LOCAL_LIST_HEADER] === undefined) {
      // Sent here by another instance (or by this one, over loopback) as the region's owner.
      const runtime = this.d.host.runtime(forwardedTo) ?? (await this.d.host.whenOpen(forwardedTo));
      if (runtime === undefined) throw moved(forwardedTo);
      return runtime.serve(req, res);
    }
    const forwarded = false;
    const resource = seg[2]?.toLowerCase();
    if (path === '/v1/regions' && method === 'GET') return this.timed(req, res, requestId, '/v1/regions', () => this.regionsView(req));
    if (resource === 'orders') {
      if (seg.length === 3 && method === 'POST') return this.timed(req, res, requestId, '/v1/orders', () => this.createOrder(req, requestId));
      if (seg.length === 3) {
        const storeId = url.searchParams.get('storeId');
        const riderId = url.searchParams.get('riderId');
        if (storeId !== null) return this.byDirectory(req, res, requestId, 'store', storeId, forwarded);
        if (riderId !== null) return this.byDirectory(req, res, requestId, 'rider', riderId, forwarded);
        return this.byQueryRegion(req, res, requestId, url, forwarded);
      }
      if (seg[3]?.toLowerCase() === 'ingest') return this.byQueryRegion(req, res, requestId, url, forwarded);
      return this.byDirectory(req, res, requestId, 'order', seg[3]!, forwarded);
    }
    if (resource === 'stores' || resource === 'riders') {
      const kind: DirectoryKind = resource === 'stores' ? 'store' : 'rider';
      if (seg.length === 3 && method === 'POST') return this.timed(req, res, requestId, `/v1/${resource}`, () => this.createPlaced(req, kind, requestId));
      if (seg.length === 3 && method === 'GET') return this.timed(req, res, requestId, `/v1/${resource}`, () => this.gather(req, kind, url));
      if (kind === 'rider' && seg.length === 4 && seg[3]!.toLowerCase() === 'locations' && method === 'POST') {
        return this.timed(req, res, requestId, '/v1/riders/locations', () => this.moveRiders(req, requestId));
      }
      if (kind === 'rider' && seg.length >= 5 && seg[4]!.toLowerCase() === 'offers') {
        // A rider working for another region (near a border) answers that region's offer there.
        const claimed = await this.claimedBy(seg[3]!);
        if (claimed !== undefined) return this.serveIn(claimed, req, res, requestId, forwarded);
      }
      return this.byDirectory(req, res, requestId, kind, seg[3]!, forwarded);
    }
    if (resource === 'quotes' && seg.length === 3 && method === 'POST') return this.timed(req, res, requestId, '/v1/quotes', () => this.quote(req, requestId));
    if (resource === 'events' || resource === 'heatmap' || resource === 'adapters') return this.byQueryRegion(req, res, requestId, url, forwarded);
    return this.d.local(req, res);
  }

  // ------------------------------------------------------------------ routing

  private async byDirectory(req: IncomingMessage, res: ServerResponse, requestId: string, kind: DirectoryKind, rawId: string, forwarded: boolean): Promise<void> {
    const id = decodeSegment(rawId);
    const region = ID_PATTERN.test(id) ? await this.d.directory.regionOf(kind, id) : undefined;
    if (region === undefined) {
      // Who asks comes first: an unauthenticated caller learns nothing about what exists.
      await this.d.verifier.authenticate(req.headers.authorization);
      if (!ID_PATTERN.test(id)) throw badInput(`${kind}Id`, 'must be 1 to 128 characters of A-Z, a-z, 0-9, ".", "_", ":" or "-"', id);
      throw notFound(kind, id);
    }
    return this.serveIn(region, req, res, requestId, forwarded);
  }

  private async byQueryRegion(req: IncomingMessage, res: ServerResponse, requestId: string, url: URL, forwarded: boolean): Promise<void> {
    const region = url.searchParams.get('region');
    if (region === null || !(await this.d.directory.regions()).includes(region)) {
      await this.d.verifier.authenticate(req.headers.authorization);
      throw badInput('region', 'must name one of this city\'s regions when the service runs on several regions (GET /v1/regions lists them)', region ?? undefined);
    }
    return this.serveIn(region, req, res, requestId, forwarded);
  }

  /** The region holding a claim on the rider (see `border-riders.ts`), if any. */
  private async claimedBy(rawRiderId: string): Promise<string | undefined> {
    const id = decodeSegment(rawRiderId);
    if (!ID_PATTERN.test(id)) return undefined;
    return (await this.d.redis.get(riderClaimKey(this.d.city, id))) ?? undefined;
  }

  /** Serves a request whose body was not read: here, or proxied to the owner. */
  private async serveIn(region: string, req: IncomingMessage, res: ServerResponse, requestId: string, forwarded: boolean): Promise<void> {
    const target = await this.target(region, false);
    if (target !== undefined && 'runtime' in target) return target.runtime.serve(req, res);
    if (target === undefined) throw unavailable(region);
    if (forwarded) throw moved(region);
    req.headers[REGION_HEADER] = region;
    const u = new URL(target.url);
    res.setHeader('x-request-id', requestId);
    proxyRequest({ hostname: u.hostname, port: Number(u.port), agent: this.agent(target.url) }, req, res);
  }

  /** Sends a request whose body was read to the owner (this instance too, over loopback: its app reads the body again). */
  private async forwardIn(region: string, req: IncomingMessage, bodyText: string | undefined, waitForOwner: boolean): Promise<ForwardAnswer> {
    const target = await this.target(region, waitForOwner);
    if (target === undefined) throw unavailable(region);
    if (typeof req.headers[REGION_HEADER] === 'string' && !('runtime' in target)) throw moved(region);
    const url = 'runtime' in target ? this.d.selfUrl() : target.url;
    return forwardRequest(url, this.agent(url), req.method ?? 'GET', req.url ?? '/', req.headers, bodyText, { [REGION_HEADER]: region });
  }

  /** Where `region` is served now; with `wait`, waits (a while) for a new region to get an owner. */
  private async target(region: string, wait: boolean): Promise<Target> {
    const deadline = Date.now() + (wait ? OWNER_WAIT_MS : 0);
    for (;;) {
      const runtime = this.d.host.runtime(region);
      if (runtime !== undefined) return { runtime };
      const url = await this.ownerUrl(region);
      if (url !== undefined) return { url };
      if (Date.now() >= deadline) return undefined;
      this.owners.delete(region);
      await this.d.host.tick();
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  private async ownerUrl(region: string): Promise<string | undefined> {
    const now = Date.now();
    let owner = this.owners.get(region);
    if (owner === undefined || now - owner.at > OWNER_CACHE_MS) {
      const o = await this.d.host.ownerOf(region);
      if (o === undefined) {
        this.owners.delete(region);
        return undefined;
      }
      owner = { instanceId: o.instanceId, at: now };
      this.owners.set(region, owner);
    }
    if (owner.instanceId === this.d.host.instanceId) return undefined;
    return (await this.aliveUrls()).get(owner.instanceId);
  }

  private async aliveUrls(): Promise<Map<string, string>> {
    if (Date.now() - this.alive.at > ALIVE_CACHE_MS) this.alive = { at: Date.now(), urls: await this.d.registry.alive() };
    return this.alive.urls;
  }

  private agent(url: string): Agent {
    let a = this.agents.get(url);
    if (a === undefined) {
      a = new Agent({ keepAlive: true, maxSockets: 64 });
      this.agents.set(url, a);
    }
    return a;
  }

  // ------------------------------------------------------------------ routes answered here

  /** `POST /v1/orders`: onto the region's intake stream; answers with the owner's reply (202 when it takes too long). */
  private async createOrder(req: IncomingMessage, requestId: string): Promise<ForwardAnswer> {
    const principal = await this.d.verifier.authenticate(req.headers.authorization);
    const bodyText = await readBodyText(req);
    const body = checkCreateOrderBody(parseJsonText(bodyText));
    authorize(principal, 'orders.create', { storeId: body.storeId });
    const keyHeader = req.headers['idempotency-key'];
    if (Array.isArray(keyHeader)) throw badInput('Idempotency-Key', 'must be given once', keyHeader);
    if (keyHeader !== undefined && !ID_PATTERN.test(keyHeader)) throw badInput('Idempotency-Key', 'must be 1 to 128 characters of A-Z, a-z, 0-9, ".", "_", ":" or "-"', keyHeader);
    let region: string | undefined;
    if (body.storeId !== undefined) {
      region = await this.d.directory.regionOf('store', body.storeId);
      if (region === undefined) throw notFound('store', body.storeId);
    } else {
      region = this.d.regions.regionOf(body.dropOff.lng, body.dropOff.lat);
      if (!(await this.d.directory.regions()).includes(region)) throw new ApiError(422, 'OUT_OF_AREA', `dropOff is outside every region of this city (region ${region})`, { field: 'dropOff', rule: 'must be inside a region of this city', value: body.dropOff });
    }
    // Every entry carries a key, so a second run (after a takeover) replays instead of creating again.
    const idempotencyKey = keyHeader ?? `intake-${randomUUID()}`;
    const correlationId = this.d.replies.nextId();
    const reply = this.d.replies.wait(correlationId, this.d.intakeTimeoutMs);
    await enqueueOrder(this.d.redis, intakeStreamKey(this.d.city, region), {
      replyTo: this.d.replies.channel,
      correlationId,
      principalJson: JSON.stringify(principal),
      idempotencyKey,
      // The checked body: the owner runs it without checking it again.
      bodyText: JSON.stringify(body),
      source: 'api',
      requestId,
    });
    const answer = await reply;
    if (answer !== undefined) return { status: answer.s, headers: answer.h ?? {}, bodyText: answer.b ?? '' };
    return {
      status: 202,
      headers: { 'retry-after': '1' },
      bodyText: JSON.stringify({
        queued: true,
        region,
        idempotencyKey,
        message: `the order is queued in region ${region} and will be created once its owner runs it; repeat the request with Idempotency-Key ${idempotencyKey} to get its answer`,
      }),
    };
  }

  /** `POST /v1/stores` and `POST /v1/riders`: placed in the region of the store's location / the rider's home. */
  private async createPlaced(req: IncomingMessage, kind: 'store' | 'rider', _requestId: string): Promise<ForwardAnswer> {
    await this.d.verifier.authenticate(req.headers.authorization);
    const bodyText = await readBodyText(req);
    let region: string;
    let id: string;
    if (kind === 'store') {
      const body = checkCreateStoreBody(parseJsonText(bodyText));
      region = this.d.regions.regionOf(body.location.lng, body.location.lat);
      id = body.id;
    } else {
      const body = checkCreateRiderBody(parseJsonText(bodyText));
      if (body.home === undefined) throw badInput('home', 'is required when the service runs on several regions (it places the rider in a region)', undefined);
      region = this.d.regions.regionOf(body.home.lng, body.home.lat);
      id = body.id;
    }
    const placed = await this.d.directory.placeNew(kind, id, region);
    if (placed.region !== region) throw new ApiError(409, 'DUPLICATE_ID', `${kind} ${JSON.stringify(id)} already exists (in region ${placed.region})`, { field: 'id', value: id });
    await this.d.directory.addRegion(region);
    let answer: ForwardAnswer | undefined;
    try {
      answer = await this.forwardIn(region, req, bodyText, true);
      return answer;
    } finally {
      // Refused (a 4xx): the id is not taken. Without an answer it may have been created: the entry stays.
      if (placed.added && answer !== undefined && answer.status >= 400 && answer.status < 500) await this.d.directory.unplace(kind, id, region);
    }
  }

  /** `POST /v1/quotes`: the store's region. */
  private async quote(req: IncomingMessage, _requestId: string): Promise<ForwardAnswer> {
    await this.d.verifier.authenticate(req.headers.authorization);
    const bodyText = await readBodyText(req);
    const body = checkQuoteBody(parseJsonText(bodyText));
    const region = await this.d.directory.regionOf('store', body.storeId);
    if (region === undefined) throw notFound('store', body.storeId);
    return this.forwardIn(region, req, bodyText, false);
  }

  /** `POST /v1/riders/locations`: split by the riders' regions, answered as one batch. */
  private async moveRiders(req: IncomingMessage, requestId: string): Promise<ForwardAnswer> {
    const principal = await this.d.verifier.authenticate(req.headers.authorization);
    const bodyText = await readBodyText(req);
    const { locations } = checkLocationBatchBody(parseJsonText(bodyText));
    const groups = new Map<string, { entries: LocationEntry[]; index: number[] }>();
    const rejected: { index: number; riderId: string; code: string }[] = [];
    for (let i = 0; i < locations.length; i++) {
      const e = locations[i]!;
      const region = await this.d.directory.regionOf('rider', e.riderId);
      if (region === undefined) {
        rejected.push({ index: i, riderId: e.riderId, code: 'UNKNOWN_RIDER' });
        continue;
      }
      let g = groups.get(region);
      if (g === undefined) groups.set(region, (g = { entries: [], index: [] }));
      g.entries.push(e);
      g.index.push(i);
    }
    let accepted = 0;
    await Promise.all(
      [...groups].map(async ([region, g]) => {
        let result: { accepted: number; rejected: readonly { index: number; riderId: string; code: string }[] };
        const target = await this.target(region, false);
        if (target === undefined) {
          result = { accepted: 0, rejected: g.entries.map((e, j) => ({ index: j, riderId: e.riderId, code: 'REGION_UNAVAILABLE' })) };
        } else if ('runtime' in target) {
          result = target.runtime.service.moveRiders(principal, g.entries);
        } else {
          const answer = await forwardRequest(target.url, this.agent(target.url), 'POST', '/v1/riders/locations', req.headers, JSON.stringify({ locations: g.entries }), { [REGION_HEADER]: region, 'x-request-id': requestId });
          if (answer.status !== 200) return answerError(answer);
          result = JSON.parse(answer.bodyText) as typeof result;
        }
        accepted += result.accepted;
        for (const r of result.rejected) rejected.push({ ...r, index: g.index[r.index]! });
      }),
    );
    rejected.sort((a, b) => a.index - b.index);
    return { status: 200, headers: {}, bodyText: JSON.stringify({ accepted, rejected }) };
  }

  /** `GET /v1/stores` and `GET /v1/riders`: every instance answers for its regions; the lists are joined. */
  private async gather(req: IncomingMessage, kind: 'store' | 'rider', url: URL): Promise<ForwardAnswer> {
    const principal = await this.d.verifier.authenticate(req.headers.authorization);
    const storeId = url.searchParams.get('storeId') ?? undefined;
    const own: unknown[] = [...this.d.host.runtimesHeld()].flatMap((rt): unknown[] => (kind === 'store' ? rt.service.listStores(principal, storeId).map(toStoreView) : rt.service.listRiders(principal)));
    const listKey = kind === 'store' ? 'stores' : 'riders';
    if (req.headers[LOCAL_LIST_HEADER] !== undefined) return { status: 200, headers: {}, bodyText: JSON.stringify({ [listKey]: own }) };
    const others = [...(await this.aliveUrls())].filter(([id]) => id !== this.d.host.instanceId);
    const parts = await Promise.all(
      others.map(async ([, u]) => {
        const answer = await forwardRequest(u, this.agent(u), 'GET', req.url ?? '/', req.headers, undefined, { [LOCAL_LIST_HEADER]: '1' });
        if (answer.status !== 200) return answerError(answer);
        return (JSON.parse(answer.bodyText) as Record<string, unknown[]>)[listKey] ?? [];
      }),
    );
    const all = [...own, ...parts.flat()] as { id: string }[];
    all.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { status: 200, headers: {}, bodyText: JSON.stringify({ [listKey]: all }) };
  }

  /** `GET /v1/regions` (admin): the city's regions, who owns each, and the live instances. */
  private async regionsView(req: IncomingMessage): Promise<ForwardAnswer> {
    const principal: Principal = await this.d.verifier.authenticate(req.headers.authorization);
    authorize(principal, 'riders.list', {});
    const [regions, alive] = await Promise.all([this.d.directory.regions(), this.d.registry.alive()]);
    const owners = await Promise.all(regions.map((r) => this.d.host.ownerOf(r)));
    return {
      status: 200,
      headers: {},
      bodyText: JSON.stringify({
        city: this.d.city,
        regions: regions.map((region, i) => ({ region, owner: owners[i]?.instanceId ?? null, token: owners[i]?.token ?? null })),
        instances: [...alive].map(([id, u]) => ({ id, url: u })),
      }),
    };
  }

  private async timed(req: IncomingMessage, res: ServerResponse, requestId: string, route: string, run: () => Promise<ForwardAnswer>): Promise<void> {
    const started = process.hrtime.bigint();
    let status = 500;
    try {
      const answer = await run();
      status = answer.status;
      if (answer.bodyText === '') {
        res.writeHead(status, { 'x-request-id': requestId, ...answer.headers });
        res.end();
      } else {
        sendJsonText(res, status, answer.bodyText, { ...answer.headers, 'x-request-id': requestId });
      }
    } catch (error) {
      sendError(this.d, res, error, requestId);
      status = res.statusCode;
    }
    finishRequest(this.d, req.method ?? 'GET', route, status, started, requestId);
  }
}

/** A path segment, URL-decoded (as it came when it is not valid URL encoding: no id pattern takes `%`). */
function decodeSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

function unavailable(region: string): ApiError {
  return new ApiError(503, 'REGION_UNAVAILABLE', `region ${region} has no owner right now (an instance is taking it over); retry`, { headers: { 'retry-after': '1' }, details: { region } });
}

function moved(region: string): ApiError {
  return new ApiError(503, 'REGION_MOVED', `region ${region} moved to another instance; retry`, { headers: { 'retry-after': '1' }, details: { region } });
}

/** An error answer of another instance, passed on as it was. */
function answerError(answer: ForwardAnswer): never {
  let body: { error?: { code?: string; message?: string } } = {};
  try {
    body = JSON.parse(answer.bodyText) as typeof body;
  } catch {
    // not JSON: keep the status
  }
  throw new ApiError(answer.status, body.error?.code ?? 'UPSTREAM_ERROR', body.error?.message ?? `an instance answered ${answer.status}`, { headers: { ...answer.headers } });
}

