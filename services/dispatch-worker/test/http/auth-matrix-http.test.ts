/**
 * The auth matrix over real HTTP, driven by `ACCESS_RULES`: for every action × role (admin, a
 * merchant of store A, rider r1) × resource (its own, or someone else's: store B, rider r2, an order
 * of store B assigned to r2) it sends the real request and checks 403 where the table denies or the
 * resource is out of scope, and neither 401/403 nor ≥ 500 where it allows (with the action's
 * success status). Every action also gets 401 with a `WWW-Authenticate` challenge without a token,
 * with a malformed one and with one signed by another secret. A row added to the table without a
 * request builder here fails the suite.
 *
 * Each case gets a fresh world (its own stores, riders, orders and offer, made through the service
 * in-process), so one case's side effects (a cancel, a declined offer) never change another's.
 */
import assert from 'node:assert/strict';
import {
  ACCESS_ACTIONS,
  ACCESS_RULES,
  AuthSecret,
  PUBLIC_ENDPOINTS,
  TokenIssuer,
  type AccessAction,
  type AccessRule,
  type AdminPrincipal,
  type Role,
  type RoleScope,
} from '@o2o/dispatch-worker';
import { CENTRE, TestWorker, WRONG_SECRET, deliverectOrder, near, request, type ApiResponse } from './fixtures/test-worker.js';

type Target = 'own' | 'other';

/** One request of a case. */
interface Built {
  readonly method: string;
  /** Path with its query string. */
  readonly path: string;
  readonly body?: unknown;
  readonly raw?: string;
  readonly contentType?: string;
  /** A Server-Sent Events stream: only the status and the first bytes are read. */
  readonly sse?: boolean;
  /** Status when allowed (the request is built to succeed). */
  readonly okStatus: number;
  /**
   * Bulk actions (ingest, webhook): a resource out of scope is refused per order, in a 200 report
   * (`rejected[].code` FORBIDDEN_SCOPE), not with a 403 for the whole request.
   */
  readonly perItem?: boolean;
}

const ADMIN_SETUP: AdminPrincipal = { role: 'admin', sub: 'matrix-setup', expiresAt: 4_102_444_800 };

/**
 * The resources of one case, created on demand: store A / B, rider r1 / r2 (on shift), an order of
 * A assigned to r1 / of B assigned to r2 with its offer.
 */
class World {
  private readonly made = new Map<string, Promise<unknown>>();
  constructor(
    private readonly t: TestWorker,
    readonly n: number,
  ) {}

  storeId(target: Target): string {
    return `${target === 'own' ? 'sa' : 'sb'}-${this.n}`;
  }

  riderId(target: Target): string {
    return `${target === 'own' ? 'r1' : 'r2'}-${this.n}`;
  }

  /** A fresh id for things a request creates. */
  newId(kind: string, target: Target): string {
    return `${kind}-${target}-${this.n}`;
  }

  private once<T>(key: string, make: () => Promise<T>): Promise<T> {
    let p = this.made.get(key) as Promise<T> | undefined;
    if (p === undefined) {
      p = make();
      this.made.set(key, p);
    }
    return p;
  }

  get service() {
    return this.t.worker.service;
  }

  store(target: Target): Promise<string> {
    return this.once(`store:${target}`, async () => {
      const id = this.storeId(target);
      await this.service.createStore(ADMIN_SETUP, { id, kind: 'dark_store', location: target === 'own' ? CENTRE : near(0.01, 0.01), inventory: { 'sku-1': 100 } });
      return id;
    });
  }

  rider(target: Target): Promise<string> {
    return this.once(`rider:${target}`, async () => {
      const id = this.riderId(target);
      await this.service.createRider(ADMIN_SETUP, { id, mode: 'bike' });
      await this.service.shift(ADMIN_SETUP, id, { action: 'start', position: near(0.001, 0.001) });
      return id;
    });
  }

  /** An order of the target's store, still `placed`. */
  placedOrder(target: Target, label = 'placed'): Promise<string> {
    return this.once(`order:${label}:${target}`, async () => {
      const storeId = await this.store(target);
      const answer = await this.service.createOrder(ADMIN_SETUP, { id: this.newId(`o${label}`, target), storeId, items: [{ sku: 'sku-1', quantity: 1 }], dropOff: near(0.003, 0.003) }, undefined);
      return answer.body.id;
    });
  }

  /** An order of the target's store, `accepted`. */
  acceptedOrder(target: Target): Promise<string> {
    return this.once(`order:accepted:${target}`, async () => {
      const id = await this.placedOrder(target, 'acc');
      await this.service.acceptOrder(ADMIN_SETUP, id);
      return id;
    });
  }

  /** An order of the target's store assigned to the target's rider, with the rider's open offer. */
  assigned(target: Target): Promise<{ orderId: string; offerId: string }> {
    return this.once(`order:assigned:${target}`, async () => {
      const [orderId, riderId] = await Promise.all([this.placedOrder(target, 'asg'), this.rider(target)]);
      await this.service.acceptOrder(ADMIN_SETUP, orderId);
      await this.service.markReady(ADMIN_SETUP, orderId);
      const now = this.service.clock();
      const offer = await this.service.applyAssignment({ riderId, orderIds: [orderId], pickupAt: now + 120, dropoffAt: [now + 900] }, now);
      assert.ok(offer !== undefined, 'setup: the offer was made');
      return { orderId, offerId: offer.id };
    });
  }

  /** An order of the target's store picked up by the target's rider. */
  pickedUp(target: Target): Promise<string> {
    return this.once(`order:picked:${target}`, async () => {
      const { orderId } = await this.assigned(target);
      await this.service.pickupOrder(ADMIN_SETUP, orderId);
      return orderId;
    });
  }
}

type Builder = (w: World, target: Target) => Promise<Built>;

/** How to send each action of `ACCESS_RULES`, built to succeed when the caller may do it. */
const BUILDERS: Record<AccessAction, Builder> = {
  'stores.create': async (w, t) => ({ method: 'POST', path: '/v1/stores', body: { id: w.newId('store', t), kind: 'store', location: CENTRE }, okStatus: 201 }),
  'stores.list': async (w, t) => ({ method: 'GET', path: `/v1/stores?storeId=${await w.store(t)}`, okStatus: 200 }),
  'stores.read': async (w, t) => ({ method: 'GET', path: `/v1/stores/${await w.store(t)}`, okStatus: 200 }),
  'stores.update': async (w, t) => ({ method: 'PATCH', path: `/v1/stores/${await w.store(t)}`, body: { name: 'Renamed', prepTimeSec: 300 }, okStatus: 200 }),
  'inventory.read': async (w, t) => ({ method: 'GET', path: `/v1/stores/${await w.store(t)}/inventory`, okStatus: 200 }),
  'inventory.update': async (w, t) => ({ method: 'PUT', path: `/v1/stores/${await w.store(t)}/inventory`, body: { inventory: { 'sku-1': 50, 'sku-2': 5 } }, okStatus: 200 }),
  'riders.create': async (w, t) => ({ method: 'POST', path: '/v1/riders', body: { id: w.newId('rider', t), mode: 'walk' }, okStatus: 201 }),
  'riders.list': async () => ({ method: 'GET', path: '/v1/riders', okStatus: 200 }),
  'riders.read': async (w, t) => ({ method: 'GET', path: `/v1/riders/${await w.rider(t)}`, okStatus: 200 }),
  'riders.shift': async (w, t) => ({ method: 'POST', path: `/v1/riders/${await w.rider(t)}/shift`, body: { action: 'start', position: near(0.002, 0) }, okStatus: 200 }),
  'riders.location': async (w, t) => ({ method: 'PUT', path: `/v1/riders/${await w.rider(t)}/location`, body: near(0.002, 0.002), okStatus: 204 }),
  'riders.locations': async (w, t) => ({ method: 'POST', path: '/v1/riders/locations', body: { locations: [{ riderId: await w.rider(t), ...near(0.002, 0.002) }] }, okStatus: 200 }),
  'offers.accept': async (w, t) => {
    const { offerId } = await w.assigned(t);
    return { method: 'POST', path: `/v1/riders/${w.riderId(t)}/offers/${offerId}/accept`, okStatus: 200 };
  },
  'offers.decline': async (w, t) => {
    const { offerId } = await w.assigned(t);
    return { method: 'POST', path: `/v1/riders/${w.riderId(t)}/offers/${offerId}/decline`, okStatus: 200 };
  },
  'orders.pickup': async (w, t) => ({ method: 'POST', path: `/v1/orders/${(await w.assigned(t)).orderId}/pickup`, okStatus: 200 }),
  'orders.dropoff': async (w, t) => ({ method: 'POST', path: `/v1/orders/${await w.pickedUp(t)}/dropoff`, okStatus: 200 }),
  'orders.create': async (w, t) => ({ method: 'POST', path: '/v1/orders', body: { storeId: await w.store(t), items: [{ sku: 'sku-1', quantity: 1 }], dropOff: near(0.003, 0.003) }, okStatus: 201 }),
  'orders.ingest': async (w, t) => ({
    method: 'POST',
    path: '/v1/orders/ingest',
    raw: `${JSON.stringify({ id: w.newId('ing', t), storeId: await w.store(t), items: [{ sku: 'sku-1', quantity: 1 }], dropOff: near(0.003, 0.003) })}\n`,
    contentType: 'application/x-ndjson',
    okStatus: 200,
    perItem: true,
  }),
  'orders.webhook': async (w, t) => ({ method: 'POST', path: '/v1/adapters/deliverect/orders', body: { ...deliverectOrder(w.newId('dlv', t), await w.store(t)), items: [{ plu: 'sku-1', quantity: 1 }] }, okStatus: 200, perItem: true }),
  'orders.read': async (w, t) => ({ method: 'GET', path: `/v1/orders/${(await w.assigned(t)).orderId}`, okStatus: 200 }),
  'orders.list': async (w, t) => ({ method: 'GET', path: `/v1/orders?storeId=${w.storeId(t)}&riderId=${w.riderId(t)}`, okStatus: 200 }),
  'orders.cancel': async (w, t) => ({ method: 'POST', path: `/v1/orders/${(await w.assigned(t)).orderId}/cancel`, body: { reason: 'matrix' }, okStatus: 200 }),
  'orders.accept': async (w, t) => ({ method: 'POST', path: `/v1/orders/${await w.placedOrder(t)}/accept`, okStatus: 200 }),
  'orders.ready': async (w, t) => ({ method: 'POST', path: `/v1/orders/${await w.acceptedOrder(t)}/ready`, okStatus: 200 }),
  'quotes.create': async (w, t) => ({ method: 'POST', path: '/v1/quotes', body: { storeId: await w.store(t), dropOff: near(0.003, 0.003) }, okStatus: 200 }),
  'heatmap.read': async () => ({ method: 'GET', path: '/v1/heatmap', okStatus: 200 }),
  'events.subscribe': async (w, t) => ({ method: 'GET', path: `/v1/events?storeId=${w.storeId(t)}&riderId=${w.riderId(t)}`, sse: true, okStatus: 200 }),
  'ops.snapshot': async () => ({ method: 'GET', path: '/v1/ops/snapshot', okStatus: 200 }),
};

const ROLE_NAMES: readonly Role[] = ['admin', 'merchant', 'rider'];
const TARGETS: readonly Target[] = ['own', 'other'];

/** What the table says for this role on the target resource. */
function decision(rule: AccessRule, role: Role, target: Target): 'allow' | 'deny-role' | 'deny-scope' {
  const scope: RoleScope = rule[role];
  if (scope === 'deny') return 'deny-role';
  if (scope === 'any') return 'allow';
  const matches = (scope === 'own-store' && role === 'merchant') || (scope === 'own-rider' && role === 'rider');
  return matches && target === 'own' ? 'allow' : 'deny-scope';
}

/** `METHOD /v1/a/:x/b` → a regex over `METHOD path` (query removed). */
function endpointPattern(endpoint: string): RegExp {
  const escaped = endpoint.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z]+/g, '[^/?]+');
  return new RegExp(`^${escaped}$`);
}

/** `path` with every `:param` segment of `endpoint` replaced by an id nothing has (query kept). */
function withUnknownIds(endpoint: string, path: string): string {
  const [pathname, query] = path.split('?') as [string, string | undefined];
  const pattern = endpoint.split(' ')[1]!.split('/');
  const parts = pathname.split('/').map((part, i) => (pattern[i]?.startsWith(':') ? `unknown-${i}` : part));
  return `${parts.join('/')}${query === undefined ? '' : `?${query}`}`;
}

/** Sends a built request (an SSE stream is aborted once its status is known). */
async function send(baseUrl: string, built: Built, authorization: string | undefined): Promise<ApiResponse> {
  const headers: Record<string, string> = authorization === undefined ? {} : { authorization };
  if (!built.sse) {
    return request(baseUrl, built.method, built.path, {
      headers,
      ...(built.raw === undefined ? {} : { raw: built.raw }),
      ...(built.body === undefined ? {} : { body: built.body }),
      ...(built.contentType === undefined ? {} : { contentType: built.contentType }),
    });
  }
  const controller = new AbortController();
  const res = await fetch(`${baseUrl}${built.path}`, { headers: { ...headers, accept: 'text/event-stream' }, signal: controller.signal });
  if (res.status === 200) {
    // Read the first chunk (the `retry:` preamble) to be sure the stream really opened, then hang up.
    const reader = res.body!.getReader();
    const first = await reader.read();
    controller.abort();
    await reader.cancel().catch(() => undefined);
    const text = first.value === undefined ? '' : new TextDecoder().decode(first.value);
    return { status: res.status, headers: res.headers, body: undefined, text };
  }
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text.length > 0 ? JSON.parse(text) : undefined, text };
}

describe('HTTP auth matrix (ACCESS_RULES × role × own/other resource)', () => {
  let t: TestWorker;
  const tokens = new Map<string, string>();
  let wrongSecretToken = '';
  let seq = 0;

  before(async () => {
    // Auth is under test here, not durability: the data directory may live in memory.
    t = await TestWorker.start('auth-matrix', {}, true);
    tokens.set('admin', await t.admin());
    wrongSecretToken = await new TokenIssuer({ secret: AuthSecret.from(WRONG_SECRET) }).mint({ role: 'admin' });
  });
  after(async () => t.close());

  /** A token for `role` in world `w`: a merchant of its store A, or its rider r1. */
  async function tokenFor(role: Role, w: World): Promise<string> {
    if (role === 'admin') return tokens.get('admin')!;
    return role === 'merchant' ? t.merchant(w.storeId('own')) : t.rider(w.riderId('own'));
  }

  it('has a request builder for exactly the actions of ACCESS_RULES', () => {
    assert.deepEqual(Object.keys(BUILDERS).sort(), [...ACCESS_ACTIONS].sort());
  });

  it('serves the public endpoints without a token', async () => {
    for (const endpoint of PUBLIC_ENDPOINTS) {
      const [method, path] = endpoint.split(' ') as [string, string];
      const res = await request(t.url, method, path);
      assert.equal(res.status, 200, `${endpoint}: ${res.text.slice(0, 200)}`);
    }
  });

  for (const action of ACCESS_ACTIONS) {
    const rule: AccessRule = ACCESS_RULES[action];
    describe(`${action} (${rule.endpoint})`, () => {
      const builder = BUILDERS[action] as Builder | undefined;
      if (builder === undefined) {
        it('has a request builder', () => assert.fail(`no request builder for ${action}: add one to BUILDERS`));
        return;
      }

      it('builds requests for its own endpoint', async () => {
        const pattern = endpointPattern(rule.endpoint);
        const w = new World(t, ++seq);
        for (const target of TARGETS) {
          const built = await builder(w, target);
          assert.match(`${built.method} ${built.path.split('?')[0]}`, pattern);
        }
      });

      const challenges: Array<[string, () => string | undefined, RegExp]> = [
        ['no token', () => undefined, /^Bearer\b(?!.*invalid_token)/],
        ['a malformed token', () => 'Bearer not.a-jwt', /^Bearer\b.*error="invalid_token"/],
        ['a token signed with another secret', () => `Bearer ${wrongSecretToken}`, /^Bearer\b.*error="invalid_token"/],
        ['another scheme', () => `Basic ${Buffer.from('admin:admin').toString('base64')}`, /^Bearer\b(?!.*invalid_token)/],
      ];
      // 401 comes before anything else: the challenge cases share one world.
      let shared: Promise<Built> | undefined;
      for (const [what, authorization, challenge] of challenges) {
        it(`401 with WWW-Authenticate for ${what}`, async () => {
          const built = await (shared ??= builder(new World(t, ++seq), 'own'));
          const res = await send(t.url, built, authorization());
          assert.equal(res.status, 401, `${action} with ${what}: ${res.status} ${res.text.slice(0, 300)}`);
          assert.match(res.headers.get('www-authenticate') ?? '', challenge);
          assert.match(String(res.body?.error?.code), /^(AUTH_|TOKEN_)/);
        });
      }

      for (const role of ROLE_NAMES.filter((r) => rule[r] === 'deny')) {
        it(`${role}: 403 FORBIDDEN_ROLE before any lookup (unknown ids in the path)`, async () => {
          const w = new World(t, ++seq);
          const built = await builder(w, 'own');
          const path = withUnknownIds(rule.endpoint, built.path);
          const res = await send(t.url, { ...built, path }, `Bearer ${await tokenFor(role, w)}`);
          assert.equal(res.status, 403, `${role} ${built.method} ${path}: ${res.status} ${res.text.slice(0, 300)}`);
          assert.equal(res.body?.error?.code, 'FORBIDDEN_ROLE');
        });
      }

      for (const role of ROLE_NAMES) {
        for (const target of TARGETS) {
          const expected = decision(rule, role, target);
          it(`${role} on ${target === 'own' ? 'its own' : "someone else's"} resource → ${expected}`, async () => {
            const w = new World(t, ++seq);
            const built = await builder(w, target);
            const token = await tokenFor(role, w);
            const res = await send(t.url, built, `Bearer ${token}`);
            const what = `${role} ${target} ${built.method} ${built.path}: ${res.status} ${res.text.slice(0, 300)}`;
            assert.ok(res.status < 500, what);
            if (expected === 'allow') {
              assert.ok(res.status !== 401 && res.status !== 403, what);
              assert.equal(res.status, built.okStatus, what);
              if (built.perItem) {
                assert.equal(res.body.accepted, 1, what);
                assert.deepEqual(res.body.rejected, [], what);
              }
            } else if (expected === 'deny-scope' && built.perItem) {
              assert.equal(res.status, 200, what);
              assert.equal(res.body.accepted, 0, what);
              assert.deepEqual(
                res.body.rejected.map((r: { code: string }) => r.code),
                ['FORBIDDEN_SCOPE'],
                what,
              );
            } else {
              assert.equal(res.status, 403, what);
              assert.equal(res.body?.error?.code, expected === 'deny-role' ? 'FORBIDDEN_ROLE' : 'FORBIDDEN_SCOPE', what);
              assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer\b.*error="insufficient_scope"/, `${what}: RFC 6750 challenge`);
            }
          });
        }
      }
    });
  }
});
