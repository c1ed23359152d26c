/**
 * Order streams from other platforms:
 * - `POST /v1/orders/ingest[?mapping=<name>]`: an NDJSON body (`application/x-ndjson`), one order
 *   per line — a `CreateOrderBody` as it is, or any shape through a named field mapping
 *   configured on the service (`--ingest-mapping file.json`, see `ingest/field-mapping.ts`).
 * - `POST /v1/adapters/:platform/orders`: a third-party platform's order-push webhook
 *   (`ingest/webhook-adapters.ts`), one order or a batch.
 *
 * Every ingested order needs an `id`: it becomes the idempotency key, so a platform re-sending the
 * same file or push never creates an order twice. Each order is authorised on its store (a
 * merchant token only for its stores) and created as if posted alone; one bad line does not stop
 * the others. The answer (200) lists what was accepted, replayed and rejected (with the line, the
 * field, the rule and the value).
 */
import type { Express, Request, Response } from 'express';
import { errorAnswer } from '../api/api-error.js';
import { checkCreateOrderBody, checkId } from '../api/body-checks.js';
import type { CreateOrderBody } from '../api/api-types.js';
import { AccessError } from '../auth/access-error.js';
import { assertCanAttempt } from '../auth/access-policy.js';
import type { Principal } from '../auth/principal.js';
import type { FieldMapping, OrderIngestResult } from '../ingest/field-mapping.js';
import { ingestLineError, type IngestLineError } from '../ingest/ingest-error.js';
import { NdjsonLineSplitter, parseNdjsonLine } from '../ingest/ndjson-lines.js';
import type { WebhookAdapterOptions } from '../ingest/webhook-adapter.js';
import { findWebhookAdapter } from '../ingest/webhook-adapters.js';
import type { OrderSource } from '../observability/service-metrics.js';
import { ApiError, badInput, notFound } from '../api/api-error.js';
import { authenticatedRoute, readJsonBody } from './http-kit.js';
import type { AppDeps } from './express-app.js';

/** Most lines in one ingest request. */
export const MAX_INGEST_LINES = 10_000;
/** Longest line, bytes. */
export const MAX_INGEST_LINE_BYTES = 64 * 1024;
/**
 * Deepest nesting of arrays and objects in one ingested record or webhook payload. Deeper values
 * are refused before the adapters see them: their error messages format values recursively, and a
 * line of 30,000 nested `[` overflowed the stack (a 500).
 */
export const MAX_INGEST_DEPTH = 64;
/** Orders of one request created concurrently (they share group commits). */
const INGEST_CONCURRENCY = 256;

/** One rejected line or order. */
export interface IngestRejection {
  readonly line: number;
  readonly code: string;
  readonly message: string;
  readonly field?: string;
  readonly rule?: string;
  readonly value?: unknown;
  readonly source?: string;
}

export interface IngestReport {
  readonly accepted: number;
  readonly replayed: number;
  readonly rejected: readonly IngestRejection[];
  /** Ids of the orders created or replayed, in line order. */
  readonly orderIds: readonly string[];
}

/** What the service was configured with for ingest. */
export interface IngestConfig {
  readonly mappings?: ReadonlyMap<string, FieldMapping>;
  readonly adapterOptions?: Readonly<Record<string, WebhookAdapterOptions>>;
}

export function mountIngestRoutes(app: Express, deps: AppDeps): void {
  const { service } = deps;

  app.post('/v1/orders/ingest', authenticatedRoute(deps, async (req: Request, _res: Response, principal: Principal) => {
    // A role that may never ingest gets 403 before its body is read (not a 200 listing bad lines).
    assertCanAttempt(principal, 'orders.ingest');
    const mappingName = req.query.mapping;
    let mapping: FieldMapping | undefined;
    if (mappingName !== undefined) {
      if (typeof mappingName !== 'string') throw badInput('mapping', 'must be given once', mappingName);
      mapping = deps.ingest?.mappings?.get(mappingName);
      if (mapping === undefined) throw badInput('mapping', `must name a configured mapping (${[...(deps.ingest?.mappings?.keys() ?? [])].join(', ') || 'none configured'})`, mappingName);
    }
    const type = req.headers['content-type'];
    if (type !== undefined && !/^application\/(x-ndjson|jsonl|json-seq|x-jsonlines|json)\b/i.test(type)) {
      throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', `content-type must be application/x-ndjson, got ${JSON.stringify(type)}`, { field: 'content-type', rule: 'must be application/x-ndjson', value: type });
    }
    const results: Array<{ line: number; result: OrderIngestResult }> = [];
    const splitter = new NdjsonLineSplitter({ maxLineBytes: MAX_INGEST_LINE_BYTES, maxLines: MAX_INGEST_LINES });
    const take = (lines: ReturnType<NdjsonLineSplitter['push']>): void => {
      for (const l of lines) {
        if (!l.ok) {
          results.push({ line: l.line, result: { ok: false, error: l.error } });
          continue;
        }
        const parsed = parseNdjsonLine(l.text, l.line);
        if (!parsed.ok) results.push({ line: l.line, result: parsed });
        else if (nestedDeeperThan(parsed.value, MAX_INGEST_DEPTH)) results.push({ line: l.line, result: { ok: false, error: tooDeep(l.line) } });
        else results.push({ line: l.line, result: mapping === undefined ? asOrderBody(parsed.value, l.line) : mapping.apply(parsed.value, l.line) });
      }
    };
    for await (const chunk of req as AsyncIterable<Buffer>) take(splitter.push(chunk));
    take(splitter.end());
    return createAll(service, principal, results, 'ingest');
  }));

  app.post('/v1/adapters/:platform/orders', authenticatedRoute(deps, async (req: Request, _res: Response, principal: Principal) => {
    assertCanAttempt(principal, 'orders.webhook');
    const platform = checkId('platform', req.params.platform);
    const adapter = findWebhookAdapter(platform);
    if (adapter === undefined) throw notFound('platform', platform);
    const payload = await readJsonBody(req);
    if (nestedDeeperThan(payload, MAX_INGEST_DEPTH)) throw badInput('body', `must be nested at most ${MAX_INGEST_DEPTH} levels deep`, payload);
    const orders = adapter.toOrders(payload, deps.ingest?.adapterOptions?.[platform]);
    return createAll(service, principal, orders.map((result, i) => ({ line: i + 1, result })), 'webhook');
  }));
}

/**
 * A line given as a `CreateOrderBody` (no mapping). Errors name the target field as a mapping's do
 * (`items[0].quantity`, not `line 2.items[0].quantity`); a line that is not an object is `INVALID_RECORD`.
 */
function asOrderBody(value: unknown, line: number): OrderIngestResult {
  const where = `line ${line}`;
  try {
    return { ok: true, body: checkCreateOrderBody(value, where) };
  } catch (error) {
    const a = errorAnswer(error, undefined).body.error;
    const field = a.field === undefined || a.field === where ? undefined : a.field.startsWith(`${where}.`) ? a.field.slice(where.length + 1) : a.field;
    const message = a.message.startsWith(`${where}.`) ? `${where}: ${a.message.slice(where.length + 1)}` : a.message;
    return {
      ok: false,
      error: { line, code: field === undefined ? 'INVALID_RECORD' : 'INVALID_FIELD', message, ...(field === undefined ? {} : { field }), ...(a.rule === undefined ? {} : { rule: a.rule }), ...('value' in a ? { value: a.value } : {}) },
    };
  }
}

/** Creates every mapped order (bounded concurrency), collecting a report. */
async function createAll(
  service: AppDeps['service'],
  principal: Principal,
  results: ReadonlyArray<{ line: number; result: OrderIngestResult }>,
  source: OrderSource,
): Promise<IngestReport> {
  const rejected: IngestRejection[] = [];
  const ids: (string | undefined)[] = new Array(results.length);
  let accepted = 0;
  let replayed = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < results.length) {
      const i = next++;
      const { line, result } = results[i]!;
      if (!result.ok) {
        rejected.push(stripUndefined({ ...result.error, line }));
        continue;
      }
      const body: CreateOrderBody = result.body;
      if (body.id === undefined) {
        rejected.push({ line, code: 'INVALID_FIELD', field: 'id', rule: 'is required for ingested orders (it is their idempotency key)', message: `line ${line}: id is required for ingested orders (it is their idempotency key)` });
        continue;
      }
      try {
        const answer = await service.createCheckedOrder(principal, body, `ingest:${body.id}`, source);
        if (answer.replayed) replayed++;
        else accepted++;
        ids[i] = answer.body.id;
      } catch (error) {
        // A token that cannot act at all is the caller's problem: fail the request (401/403).
        if (error instanceof AccessError && error.code !== 'FORBIDDEN_SCOPE') throw error;
        const a = errorAnswer(error, undefined);
        if (a.internal || a.status === 429 || a.status === 503) throw error;
        const e = a.body.error;
        rejected.push({ line, code: e.code, message: `line ${line}: ${e.message}`, ...(e.field === undefined ? {} : { field: e.field }), ...(e.rule === undefined ? {} : { rule: e.rule }), ...('value' in e ? { value: e.value } : {}) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(INGEST_CONCURRENCY, results.length) }, worker));
  rejected.sort((a, b) => a.line - b.line);
  return { accepted, replayed, rejected, orderIds: ids.filter((id): id is string => id !== undefined) };
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** True when `value` nests arrays or objects more than `limit` levels deep (iterative: no recursion). */
function nestedDeeperThan(value: unknown, limit: number): boolean {
  const stack: Array<{ v: unknown; depth: number }> = [{ v: value, depth: 0 }];
  while (stack.length > 0) {
    const { v, depth } = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= limit) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) if (typeof child === 'object' && child !== null) stack.push({ v: child, depth: depth + 1 });
  }
  return false;
}

function tooDeep(line: number): IngestLineError {
  return ingestLineError({ line, code: 'INVALID_RECORD', rule: `must be nested at most ${MAX_INGEST_DEPTH} levels deep` });
}
