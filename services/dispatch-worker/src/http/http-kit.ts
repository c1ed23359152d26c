/**
 * The small HTTP toolkit both the lean routes and the express app use: read a JSON body with a
 * size limit, send JSON, send an error (mapped by `errorAnswer`), and finish a request (metrics
 * and one log line with its request id).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { ApiError, badInput, errorAnswer, type ErrorAnswer } from '../api/api-error.js';
import type { Principal } from '../auth/principal.js';
import type { TokenVerifier } from '../auth/token-verifier.js';
import type { ServiceMetrics } from '../observability/service-metrics.js';

/** Largest JSON body accepted, bytes (a location batch of 1,000 entries fits). */
export const MAX_JSON_BODY_BYTES = 1 << 20;

/** Reads and parses a JSON body; `undefined` for an empty body. 400/413/415 on bad input. */
export async function readJsonBody(req: IncomingMessage, limit = MAX_JSON_BODY_BYTES): Promise<unknown> {
  return parseJsonText(await readBodyText(req, limit));
}

/**
 * Reads a body that must be JSON as text, unparsed (`undefined` when empty): 413 past `limit`
 * bytes, 415 for a content type other than JSON. {@link parseJsonText} parses it (400 when it is
 * not JSON), so the two halves can run in different processes (the HTTP front and the writer).
 */
export function readBodyText(req: IncomingMessage, limit = MAX_JSON_BODY_BYTES): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const type = req.headers['content-type'];
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume();
      reject(new ApiError(413, 'BODY_TOO_LARGE', `the body must be at most ${limit} bytes, got ${declared}`, { field: 'body', rule: `must be at most ${limit} bytes`, value: declared }));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(new ApiError(413, 'BODY_TOO_LARGE', `the body must be at most ${limit} bytes`, { field: 'body', rule: `must be at most ${limit} bytes`, value: size }));
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', (error) => {
      if (!failed) reject(new ApiError(400, 'BODY_UNREADABLE', `the body could not be read: ${error.message}`));
      failed = true;
    });
    req.on('end', () => {
      if (failed) return;
      if (size === 0) {
        resolve(undefined);
        return;
      }
      if (type !== undefined && !/^application\/(?:[\w.+-]*\+)?json\b/i.test(type)) {
        reject(new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', `content-type must be application/json, got ${JSON.stringify(type)}`, { field: 'content-type', rule: 'must be application/json', value: type }));
        return;
      }
      resolve(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks, size).toString('utf8'));
    });
  });
}

/** The JSON value of a body's text (`undefined` stays `undefined`: no body). 400 `INVALID_JSON` when it is not JSON. */
export function parseJsonText(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw badInput('body', `must be valid JSON (${(error as Error).message})`, text.length > 60 ? `${text.slice(0, 57)}...` : text, 'INVALID_JSON');
  }
}

/** Sends `body` as JSON with `status`. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers?: Readonly<Record<string, string>>): void {
  sendJsonText(res, status, JSON.stringify(body), headers);
}

/** Sends JSON already serialised (`text`) with `status`. */
export function sendJsonText(res: ServerResponse, status: number, text: string, headers?: Readonly<Record<string, string>>): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** What the request handlers share. */
export interface HttpDeps {
  readonly logger: Logger;
  /** Where request latencies go (the service's metrics, or an HTTP front's forwarder). */
  readonly metrics: Pick<ServiceMetrics, 'observeRequest'>;
}

/** The answer for `error`, logging an internal one (a 500) with its stack. */
export function loggedErrorAnswer(logger: Logger, error: unknown, requestId: string): ErrorAnswer {
  const answer = errorAnswer(error, requestId);
  if (answer.internal) logger.error({ err: error, reqId: requestId }, 'request failed');
  return answer;
}

/** Sends the answer for `error` (logging a 500 with its stack). */
export function sendError(deps: HttpDeps, res: ServerResponse, error: unknown, requestId: string): void {
  const answer = loggedErrorAnswer(deps.logger, error, requestId);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, answer.status, answer.body, answer.headers);
}

/** Records one finished request: the latency histogram and one log line. */
export function finishRequest(deps: HttpDeps, method: string, route: string, status: number, startedNs: bigint, requestId: string): void {
  const seconds = Number(process.hrtime.bigint() - startedNs) / 1e9;
  deps.metrics.observeRequest(method, route, status, seconds);
  if (deps.logger.isLevelEnabled('info')) deps.logger.info({ reqId: requestId, method, route, status, ms: Math.round(seconds * 1e4) / 10 }, 'request');
}

/** A route handler that runs once the caller is authenticated; its value is the success body. */
export type AuthenticatedHandler = (req: Request, res: Response, principal: Principal) => Promise<unknown> | unknown;

/**
 * An express route that authenticates the bearer token, runs `handler`, and answers its value as
 * JSON with `okStatus` (204 for undefined; nothing when the handler answered itself, e.g. SSE),
 * or the error (`sendError`, with the request id the express app set in `x-request-id`).
 */
export function authenticatedRoute(deps: HttpDeps & { readonly verifier: TokenVerifier }, handler: AuthenticatedHandler, okStatus = 200) {
  return async (req: Request, res: Response): Promise<void> => {
    try {
      const principal = await deps.verifier.authenticate(req.headers.authorization);
      const result = await handler(req, res, principal);
      if (res.headersSent) return;
      if (result === undefined) res.status(204).end();
      else sendJson(res, okStatus, result);
    } catch (error) {
      sendError(deps, res, error, String(res.getHeader('x-request-id') ?? ''));
    }
  };
}
