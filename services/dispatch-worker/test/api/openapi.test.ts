/**
 * The OpenAPI document against the routes it describes: one operation per ACCESS_RULES row and
 * public endpoint (operationId = the action key), no stray path, every body with a schema, every
 * `$ref` resolving; the request schemas agree with `body-checks.ts` on fuzzed bodies (a small
 * JSON Schema evaluator below, enough for the keywords the document uses); and a running
 * instance serves the document at `GET /v1/openapi.json`.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  ACCESS_RULES,
  checkCancelBody,
  checkCreateOrderBody,
  checkCreateRiderBody,
  checkCreateStoreBody,
  checkEmptyBody,
  checkInventoryBody,
  checkLocationBatchBody,
  checkLocationBody,
  checkQuoteBody,
  checkShiftBody,
  checkStorePatchBody,
  ID_PATTERN,
  OPENAPI_DOCUMENT,
  PUBLIC_ENDPOINTS,
} from '@o2o/dispatch-worker';
import { bodyTemplate, mutatedJson, singleMutations, startTestInstance, toOpenApiPath, type SeededIds } from '../http/fixtures/fuzz-fixtures.js';

type Json = Record<string, any>;
const doc = OPENAPI_DOCUMENT as Json;
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** `METHOD /path` → the operation (paths in OpenAPI form). */
function operations(): Map<string, Json> {
  const out = new Map<string, Json>();
  for (const [path, item] of Object.entries(doc.paths as Record<string, Json>)) {
    for (const method of Object.keys(item)) if (METHODS.includes(method)) out.set(`${method.toUpperCase()} ${path}`, item[method]);
  }
  return out;
}

/** Follows a local `$ref` (`#/a/b`). */
function resolve(ref: string): unknown {
  assert.ok(ref.startsWith('#/'), `non-local $ref ${ref}`);
  let at: any = doc;
  for (const part of ref.slice(2).split('/')) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof at !== 'object' || at === null || !Object.hasOwn(at, key)) return undefined;
    at = at[key];
  }
  return at;
}

const deref = (o: Json): Json => (typeof o.$ref === 'string' ? deref(resolve(o.$ref) as Json) : o);

/** Every `$ref` in the document with where it was found. */
function refs(value: unknown, where = '#', out: Array<[string, string]> = []): Array<[string, string]> {
  if (Array.isArray(value)) value.forEach((v, i) => refs(v, `${where}/${i}`, out));
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.push([where, v]);
      else refs(v, `${where}/${k}`, out);
    }
  }
  return out;
}

// ---------------------------------------------------------------- a small JSON Schema evaluator

/**
 * String length as the service counts it: UTF-16 code units (JSON Schema counts code points; the
 * document's info says which one applies, and fuzzed astral characters would tell them apart).
 */
const codePoints = (s: string): number => s.length;

function typeOk(type: string, v: unknown): boolean {
  switch (type) {
    case 'object':
      return typeof v === 'object' && v !== null && !Array.isArray(v);
    case 'array':
      return Array.isArray(v);
    case 'string':
      return typeof v === 'string';
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'null':
      return v === null;
    default:
      throw new Error(`type ${type} not supported by the test evaluator`);
  }
}

const SUPPORTED = new Set([
  '$ref', 'type', 'properties', 'required', 'additionalProperties', 'propertyNames', 'maxProperties', 'items', 'minItems', 'maxItems',
  'minimum', 'maximum', 'minLength', 'maxLength', 'pattern', 'enum', 'const', 'allOf', 'oneOf', 'if', 'then',
  'description', 'default', 'example',
]);

/** True when `v` is valid against `schema` (the keywords of {@link SUPPORTED}). */
function valid(schema: Json, v: unknown): boolean {
  for (const k of Object.keys(schema)) if (!SUPPORTED.has(k)) throw new Error(`keyword ${k} not supported by the test evaluator`);
  if (schema.$ref !== undefined && !valid(resolve(schema.$ref) as Json, v)) return false;
  if (schema.type !== undefined && !(Array.isArray(schema.type) ? schema.type : [schema.type]).some((t: string) => typeOk(t, v))) return false;
  if (schema.enum !== undefined && !schema.enum.includes(v)) return false;
  if (schema.const !== undefined && v !== schema.const) return false;
  if (typeof v === 'number') {
    if (schema.minimum !== undefined && !(v >= schema.minimum)) return false;
    if (schema.maximum !== undefined && !(v <= schema.maximum)) return false;
  }
  if (typeof v === 'string') {
    if (schema.minLength !== undefined && codePoints(v) < schema.minLength) return false;
    if (schema.maxLength !== undefined && codePoints(v) > schema.maxLength) return false;
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(v)) return false;
  }
  if (Array.isArray(v)) {
    if (schema.minItems !== undefined && v.length < schema.minItems) return false;
    if (schema.maxItems !== undefined && v.length > schema.maxItems) return false;
    if (schema.items !== undefined && !v.every((item) => valid(schema.items, item))) return false;
  }
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    if (schema.maxProperties !== undefined && keys.length > schema.maxProperties) return false;
    if (schema.required !== undefined && !schema.required.every((k: string) => Object.hasOwn(o, k))) return false;
    const props: Json = schema.properties ?? {};
    for (const k of keys) {
      if (schema.propertyNames !== undefined && !valid(schema.propertyNames, k)) return false;
      if (Object.hasOwn(props, k)) {
        if (!valid(props[k], o[k])) return false;
      } else if (schema.additionalProperties === false) return false;
      else if (typeof schema.additionalProperties === 'object' && !valid(schema.additionalProperties, o[k])) return false;
    }
  }
  if (schema.allOf !== undefined && !schema.allOf.every((s: Json) => valid(s, v))) return false;
  if (schema.oneOf !== undefined && schema.oneOf.filter((s: Json) => valid(s, v)).length !== 1) return false;
  if (schema.if !== undefined && valid(schema.if, v) && schema.then !== undefined && !valid(schema.then, v)) return false;
  return true;
}

/** Body checkers by operationId (the express and lean handlers call these on the parsed body). */
const CHECKERS: Readonly<Record<string, (body: unknown) => unknown>> = {
  'stores.create': checkCreateStoreBody,
  'stores.update': checkStorePatchBody,
  'inventory.update': (b) => checkInventoryBody('inventory', (b as { inventory?: unknown } | null | undefined)?.inventory),
  'riders.create': checkCreateRiderBody,
  'riders.shift': checkShiftBody,
  'riders.location': (b) => checkLocationBody(b),
  'riders.locations': checkLocationBatchBody,
  'offers.accept': checkEmptyBody,
  'offers.decline': checkEmptyBody,
  'orders.create': (b) => checkCreateOrderBody(b),
  'orders.cancel': checkCancelBody,
  'orders.accept': checkEmptyBody,
  'orders.ready': checkEmptyBody,
  'orders.pickup': checkEmptyBody,
  'orders.dropoff': checkEmptyBody,
  'quotes.create': checkQuoteBody,
};

const accepts = (check: (body: unknown) => unknown, body: unknown): boolean => {
  try {
    check(body);
    return true;
  } catch {
    return false;
  }
};

const SEEDED: SeededIds = { storeId: ['s1', 's2'], riderId: ['r1', 'r2'], orderId: ['o1'], offerId: ['of-1'], platform: ['deliverect'] };

describe('OpenAPI document', () => {
  const ops = operations();

  it('has one operation per ACCESS_RULES row, with the action as operationId and bearer security', () => {
    for (const [action, rule] of Object.entries(ACCESS_RULES)) {
      const [method, path] = rule.endpoint.split(' ') as [string, string];
      const key = `${method} ${toOpenApiPath(path)}`;
      const op = ops.get(key);
      assert.ok(op !== undefined, `${key} (${action}) is missing`);
      assert.equal(op.operationId, action, key);
      assert.deepEqual(op.security, [{ bearerAuth: [] }], `${key} security`);
      assert.equal(typeof op.summary, 'string');
      assert.deepEqual(op['x-access'], { kind: rule.kind, admin: rule.admin, merchant: rule.merchant, rider: rule.rider }, `${key} x-access`);
      for (const status of ['401', '403']) assert.ok(op.responses[status] !== undefined, `${key} lacks ${status}`);
    }
  });

  it('describes every public endpoint, with no security requirement', () => {
    for (const endpoint of PUBLIC_ENDPOINTS) {
      const [method, path] = endpoint.split(' ') as [string, string];
      const op = ops.get(`${method} ${path}`);
      assert.ok(op !== undefined, `${endpoint} is missing`);
      assert.deepEqual(op.security, [], `${endpoint} must override the global security`);
    }
  });

  it('has no stray path or method, and unique operationIds', () => {
    const known = new Set([
      ...Object.values(ACCESS_RULES).map((r) => {
        const [method, path] = r.endpoint.split(' ') as [string, string];
        return `${method} ${toOpenApiPath(path)}`;
      }),
      ...PUBLIC_ENDPOINTS,
    ]);
    for (const key of ops.keys()) assert.ok(known.has(key), `${key} is not a route of the service`);
    assert.equal(ops.size, known.size);
    const ids = [...ops.values()].map((op) => op.operationId);
    assert.equal(new Set(ids).size, ids.length, 'operationIds are unique');
  });

  it('resolves every $ref', () => {
    const all = refs(doc);
    assert.ok(all.length > 50);
    for (const [where, ref] of all) assert.ok(resolve(ref) !== undefined, `${ref} at ${where} does not resolve`);
  });

  it('gives every request body a schema, and declares every path parameter', () => {
    for (const [key, op] of ops) {
      if (op.requestBody !== undefined) {
        const body = deref(op.requestBody);
        const media = Object.entries(body.content as Record<string, Json>);
        assert.ok(media.length > 0, `${key}: a body without content`);
        for (const [type, m] of media) assert.ok(typeof m.schema === 'object', `${key} ${type}: no schema`);
      }
      const path = key.split(' ')[1]!;
      const declared = new Set((op.parameters ?? []).map((p: Json) => deref(p)).filter((p: Json) => p.in === 'path').map((p: Json) => p.name));
      const inTemplate = new Set([...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]));
      assert.deepEqual(declared, inTemplate, `${key}: path parameters`);
    }
  });

  it('documents the headers and media types the issue names', () => {
    const param = (key: string, name: string): Json | undefined => (ops.get(key)!.parameters ?? []).map((p: Json) => deref(p)).find((p: Json) => p.name === name);
    assert.equal(param('POST /v1/orders', 'Idempotency-Key')?.in, 'header');
    assert.equal(param('GET /v1/events', 'Last-Event-ID')?.in, 'header');
    assert.equal(param('POST /v1/orders/ingest', 'mapping')?.in, 'query');
    for (const name of ['status', 'storeId', 'riderId', 'cursor', 'limit']) assert.equal(param('GET /v1/orders', name)?.in, 'query', `orders.list ${name}`);
    assert.ok(ops.get('GET /v1/events')!.responses['200'].content['text/event-stream']);
    assert.ok(ops.get('POST /v1/orders/ingest')!.requestBody.content['application/x-ndjson']);
    const tooMany = deref(ops.get('POST /v1/orders')!.responses['429']);
    assert.ok(tooMany.headers['Retry-After'], '429 has Retry-After');
    for (const [key, op] of ops) {
      for (const [status, r] of Object.entries(op.responses as Record<string, Json>)) {
        if (Number(status) >= 400 && key !== 'GET /readyz') assert.equal(deref(r).content['application/json'].schema.$ref, '#/components/schemas/ErrorBody', `${key} ${status}`);
      }
    }
    for (const key of ['POST /v1/orders', 'POST /v1/riders/locations', 'PUT /v1/riders/{riderId}/location']) assert.equal(ops.get(key)!['x-lean-route'], true, key);
    assert.equal((doc.components.schemas.Id as Json).pattern, ID_PATTERN.source);
    assert.equal(ID_PATTERN.source, '^[A-Za-z0-9._:-]{1,128}$');
    const info = doc.info.description as string;
    for (const word of ['admin', 'merchant', 'rider', 'epoch second', '{ "lat", "lng" }', 'Idempotency-Key', 'lean', 'POST /v1/orders', 'POST /v1/riders/locations', 'PUT /v1/riders/{riderId}/location']) {
      assert.ok(info.includes(word), `info.description mentions ${word}`);
    }
  });

  it('is frozen', () => {
    assert.ok(Object.isFrozen(doc));
    assert.ok(Object.isFrozen(doc.paths['/v1/orders'].post.requestBody));
    assert.throws(() => {
      (doc.paths as Json)['/x'] = {};
    }, TypeError);
  });

  it('has a checker for every JSON request body (the agreement test below covers them all)', () => {
    for (const op of ops.values()) {
      if (op.requestBody?.content?.['application/json'] === undefined || op.operationId === 'orders.webhook') continue;
      assert.ok(CHECKERS[op.operationId] !== undefined, `no checker paired with ${op.operationId}`);
    }
  });

  for (const [action, check] of Object.entries(CHECKERS)) {
    it(`${action}: the request schema accepts exactly what body-checks.ts accepts`, () => {
      const [method, path] = ACCESS_RULES[action as keyof typeof ACCESS_RULES].endpoint.split(' ') as [string, string];
      const op = ops.get(`${method} ${toOpenApiPath(path)}`)!;
      const body = op.requestBody as Json;
      const schema = body.content['application/json'].schema as Json;
      const template = bodyTemplate(action, SEEDED)('x1');
      assert.ok(accepts(check, template) && valid(schema, template), `the template of ${action} is valid`);
      // Each field removed or set to each limit value, then random mutations.
      for (const value of singleMutations(template)) {
        assert.equal(valid(schema, value), accepts(check, value), `schema and checker disagree on ${JSON.stringify(value)?.slice(0, 300)}`);
      }
      fc.assert(
        fc.property(mutatedJson(template), (raw) => {
          // Through JSON, as the server sees it; placeholders of raw number text are plain strings here.
          const value = raw === undefined ? undefined : JSON.parse(JSON.stringify(raw) ?? 'null');
          if (action === 'orders.create' && value?.placedAt !== undefined && value?.promisedBy !== undefined) {
            return; // promisedBy > placedAt is a cross-field rule JSON Schema does not express (it is in the description)
          }
          const bySchema = value === undefined ? body.required !== true : valid(schema, value);
          assert.equal(bySchema, accepts(check, value), `schema ${bySchema ? 'accepts' : 'refuses'} but the checker does not: ${JSON.stringify(value)?.slice(0, 300)}`);
        }),
        { numRuns: 1_000 },
      );
    });
  }

  describe('GET /v1/openapi.json on a running instance', function () {
    this.timeout(30_000);
    let instance: Awaited<ReturnType<typeof startTestInstance>>;
    before(async () => {
      instance = await startTestInstance();
    });
    after(async () => {
      await instance?.close();
    });

    it('serves the document without a token', async () => {
      const res = await fetch(`${instance.url}/v1/openapi.json`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
      assert.deepEqual(await res.json(), JSON.parse(JSON.stringify(OPENAPI_DOCUMENT)));
    });
  });
});
