/**
 * Forwards one request to the writer's internal HTTP server and streams the answer back (bodies
 * and Server-Sent Events alike). The HTTP front proxies every route but the lean ones, so the
 * writer answers them exactly as it does without fronts (same auth, validation and errors).
 */
import { request, type Agent, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';

/** Hop-by-hop headers (RFC 9110 §7.6.1): they describe one connection and are not forwarded. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade']);

export interface ProxyTarget {
  readonly hostname: string;
  readonly port: number;
  readonly agent: Agent;
}

export function proxyRequest(target: ProxyTarget, req: IncomingMessage, res: ServerResponse): void {
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(name) && value !== undefined) headers[name] = value;
  const peer = req.socket.remoteAddress;
  if (peer !== undefined) headers['x-forwarded-for'] = typeof req.headers['x-forwarded-for'] === 'string' ? `${req.headers['x-forwarded-for']}, ${peer}` : peer;
  const upstream = request({ hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent: target.agent }, (answer) => {
    const out: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(answer.headers)) if (!HOP_BY_HOP.has(name) && value !== undefined) out[name] = value;
    res.writeHead(answer.statusCode ?? 502, out);
    // Event streams: send each event as it comes.
    if (String(answer.headers['content-type'] ?? '').startsWith('text/event-stream')) res.flushHeaders();
    answer.pipe(res);
    answer.on('error', () => res.destroy());
  });
  upstream.on('error', () => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const body = JSON.stringify({ error: { code: 'WRITER_UNAVAILABLE', message: 'the dispatch writer process is not reachable' } });
    res.writeHead(503, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), 'retry-after': '1' });
    res.end(body);
  });
  // The client went away (e.g. closed an event stream): drop the upstream request too.
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  req.pipe(upstream);
}
