/**
 * An HTTP front: a node:cluster worker that serves the public port beside other fronts. It
 * answers the lean routes itself up to the point where state is needed (authentication, reading
 * the body, latency metrics, logs) and hands them to the writer over IPC; every other route is
 * proxied to the writer's internal server. Why: on this 2-core machine the socket work of
 * 5,000+ requests/s and the service's own work do not fit one event loop together (README,
 * "Measured under load"); split, each loop keeps headroom.
 */
import { Agent, createServer, type Server } from 'node:http';
import type { Logger } from 'pino';
import type { TokenVerifier } from '../auth/token-verifier.js';
import { handleLeanRoute } from '../http/lean-routes.js';
import { proxyRequest } from './proxy-request.js';
import { RemoteLeanBackend, type FrontChannel } from './remote-lean-backend.js';
import type { FrontConfig, WriterMessage } from './front-wire.js';

export interface HttpFront {
  readonly server: Server;
  readonly backend: RemoteLeanBackend;
  /** Stops taking connections, lets requests in flight finish (at most `graceMs`), closes. */
  stop(graceMs?: number): Promise<void>;
}

export interface HttpFrontDeps {
  readonly config: FrontConfig;
  readonly verifier: TokenVerifier;
  readonly logger: Logger;
  /** The IPC channel to the writer, with its message events (`process` in a cluster worker). */
  readonly channel: FrontChannel & { on(event: 'message', listener: (m: WriterMessage) => void): unknown };
}

export async function startHttpFront(deps: HttpFrontDeps): Promise<HttpFront> {
  const backend = new RemoteLeanBackend(deps.channel);
  deps.channel.on('message', (m) => backend.receive(m));
  const target = new URL(deps.config.targetUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const proxyTarget = { hostname: target.hostname, port: Number(target.port), agent };
  const lean = { backend, verifier: deps.verifier, logger: deps.logger, metrics: { observeRequest: (m: string, r: string, s: number | string, sec: number) => backend.observe(m, r, Number(s), sec) } };
  const server = createServer({ keepAliveTimeout: 65_000, requestTimeout: 30_000 }, (req, res) => {
    if (!handleLeanRoute(lean, req, res)) proxyRequest(proxyTarget, req, res);
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n{"error":{"code":"BAD_REQUEST","message":"malformed HTTP request"}}');
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(deps.config.port, deps.config.host, () => resolve());
  });
  const stop = async (graceMs = 5_000): Promise<void> => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const deadline = Date.now() + graceMs;
    while (backend.inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    server.closeAllConnections();
    await closed;
    agent.destroy();
  };
  return { server, backend, stop };
}
