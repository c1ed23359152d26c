/**
 * `GET /v1/events`: Server-Sent Events of lifecycle, assignment, offer and lateness events.
 * Each subscriber sees only the events its token may see (`eventVisibleTo`: admin all, a merchant
 * its stores', a rider its own), narrowed further by the query: `types` (comma-separated event
 * types or prefixes such as `order.`), `storeId`, `riderId`, `orderId`. A client that reconnects
 * with `Last-Event-ID` (or `?since=`) first gets the events it missed that are still in the ring.
 * A comment line every 15 s keeps proxies from closing the stream; the stream ends when the
 * token expires. A subscriber that does not read (over 1 MiB buffered) is disconnected.
 */
import type { Request, Response } from 'express';
import { badInput } from '../api/api-error.js';
import { checkId } from '../api/body-checks.js';
import { authorize, eventVisibleTo } from '../auth/access-policy.js';
import type { Principal } from '../auth/principal.js';
import type { DispatchService } from '../service/dispatch-service.js';
import { EVENT_TYPES, type ServiceEvent } from '../service/event-bus.js';

const HEARTBEAT_MS = 15_000;
const MAX_BUFFERED_BYTES = 1 << 20;
const QUERY_KEYS = ['types', 'storeId', 'riderId', 'orderId', 'since'];

export function handleEvents(service: DispatchService, principal: Principal, req: Request, res: Response): void {
  const query = req.query as Record<string, unknown>;
  for (const key of Object.keys(query)) if (!QUERY_KEYS.includes(key)) throw badInput(key, `is not a known query parameter (${QUERY_KEYS.join(', ')})`, query[key]);
  const one = (name: string): string | undefined => {
    const v = query[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'string') throw badInput(name, 'must be given once', v);
    return v;
  };
  const storeId = one('storeId') === undefined ? undefined : checkId('storeId', one('storeId'));
  const riderId = one('riderId') === undefined ? undefined : checkId('riderId', one('riderId'));
  const orderId = one('orderId') === undefined ? undefined : checkId('orderId', one('orderId'));
  // A filter naming someone else's store or rider is refused (403), as for any collection.
  authorize(principal, 'events.subscribe', { storeId, riderId });
  const typesText = one('types');
  const types = typesText === undefined ? undefined : typesText.split(',');
  if (types !== undefined) {
    for (const t of types) {
      if (!EVENT_TYPES.some((known) => known === t || (t.endsWith('.') && known.startsWith(t)))) {
        throw badInput('types', `must be a comma-separated list of event types or prefixes (e.g. order., offer.sent): ${EVENT_TYPES.join(', ')}`, typesText);
      }
    }
  }
  const sinceText = one('since') ?? (typeof req.headers['last-event-id'] === 'string' ? req.headers['last-event-id'] : undefined);
  let since: number | undefined;
  if (sinceText !== undefined) {
    if (!/^\d{1,15}$/.test(sinceText)) throw badInput('since', 'must be an event id (a non-negative integer)', sinceText);
    since = Number(sinceText);
  }

  const wanted = (e: ServiceEvent): boolean =>
    (types === undefined || types.some((t) => t === e.type || (t.endsWith('.') && e.type.startsWith(t)))) &&
    (storeId === undefined || e.storeId === storeId) &&
    (riderId === undefined || e.riderId === riderId) &&
    (orderId === undefined || e.orderId === orderId) &&
    eventVisibleTo(principal, e);

  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
  res.write(`retry: 2000\n: subscribed at event ${service.events.lastId}\n\n`);
  const send = (e: ServiceEvent): void => {
    if (!wanted(e)) return;
    res.write(`id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`);
    if (res.writableLength > MAX_BUFFERED_BYTES) close();
  };
  if (since !== undefined) for (const e of service.events.since(since)) send(e);
  // No interest given: while any SSE client is connected every event is built and kept in the
  // ring, so a client reconnecting with Last-Event-ID finds what it missed whatever its filter.
  const unsubscribe = service.events.subscribe(send);
  service.metrics?.eventSubscribers.set(service.events.subscribers);
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  const untilExpiry = Math.max(0, principal.expiresAt * 1000 - Date.now());
  const expiry = setTimeout(() => close(), Math.min(untilExpiry, 2 ** 31 - 1));
  expiry.unref();
  let closed = false;
  function close(): void {
    if (closed) return;
    closed = true;
    unsubscribe();
    clearInterval(heartbeat);
    clearTimeout(expiry);
    service.metrics?.eventSubscribers.set(service.events.subscribers);
    res.end();
  }
  req.on('close', close);
  res.on('error', close);
}
