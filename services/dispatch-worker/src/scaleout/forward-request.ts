/**
 * One request to another instance, answered whole (status, headers, body text): used where the
 * router had to read the body first (to find the region) or splits one request over regions.
 */
import { request, type Agent, type OutgoingHttpHeaders } from 'node:http';

export interface ForwardAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly bodyText: string;
}

/** Headers forwarded as they came (authorization, content type, request id, idempotency key). */
const KEPT = ['authorization', 'content-type', 'x-request-id', 'idempotency-key', 'accept'];

export function forwardRequest(
  url: string,
  agent: Agent,
  method: string,
  path: string,
  incoming: Readonly<Record<string, string | string[] | undefined>>,
  bodyText: string | undefined,
  extra: OutgoingHttpHeaders = {},
  timeoutMs = 10_000,
): Promise<ForwardAnswer> {
  const target = new URL(url);
  const headers: OutgoingHttpHeaders = { ...extra };
  for (const name of KEPT) if (incoming[name] !== undefined) headers[name] = incoming[name];
  if (bodyText !== undefined) {
    headers['content-type'] ??= 'application/json';
    headers['content-length'] = Buffer.byteLength(bodyText);
  }
  return new Promise((resolve, reject) => {
    const req = request({ hostname: target.hostname, port: target.port, method, path, headers, agent, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const out: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers)) {
          if (value === undefined || name === 'connection' || name === 'keep-alive' || name === 'transfer-encoding' || name === 'content-length' || name === 'date') continue;
          out[name] = Array.isArray(value) ? value.join(', ') : value;
        }
        resolve({ status: res.statusCode ?? 502, headers: out, bodyText: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url} within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(bodyText);
  });
}
