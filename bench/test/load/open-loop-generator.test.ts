import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LatencyHistogram, OrderGeneratorThread, type OpenLoopResult } from '@o2o/bench/load';

/**
 * A server on the test's thread (the generator runs on a worker thread, as in the bench) that
 * answers 201 after `delayMs`; `stallAtRequest` blocks its event loop for `stallMs` once.
 */
async function startServer(delayMs: number, stall?: { atRequest: number; ms: number }): Promise<{ server: Server; origin: string; arrivalsMs: number[] }> {
  const arrivalsMs: number[] = [];
  const server = createServer((req, res) => {
    arrivalsMs.push(performance.now());
    if (stall !== undefined && arrivalsMs.length === stall.atRequest) {
      const until = performance.now() + stall.ms;
      while (performance.now() < until); // a GC pause or a synchronous epoch, as the generator sees it
    }
    req.resume();
    req.on('end', () => setTimeout(() => res.writeHead(201, { 'content-type': 'application/json' }).end('{"id":"x"}'), delayMs));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, arrivalsMs };
}

interface RunOptions {
  readonly connections: number;
  readonly warmupSec?: number;
  readonly timeoutMs?: number;
}

async function runGenerator(origin: string, ratePerSec: number, durationSec: number, { connections, warmupSec = 0, timeoutMs = 10_000 }: RunOptions): Promise<OpenLoopResult> {
  const generator = await OrderGeneratorThread.start({
    settings: { origin, path: '/v1/orders', headers: { 'content-type': 'application/json' }, ratePerSec, warmupSec, durationSec, connections, timeoutMs },
    requests: { kind: 'fixed', body: '{"storeId":"s1","items":[{"sku":"a","quantity":1}],"dropOff":{"lat":4.6,"lng":-74.1}}' },
  });
  try {
    return await generator.run(Date.now() + 50);
  } finally {
    await generator.terminate();
  }
}

function stop(server: Server): void {
  server.closeAllConnections();
  server.close();
}

describe('OpenLoopGenerator (on its worker thread)', () => {
  it('sends at the offered rate, evenly spaced', async () => {
    const { server, origin, arrivalsMs } = await startServer(2);
    try {
      const result = await runGenerator(origin, 500, 1, { connections: 20, warmupSec: 0.5 });
      assert.equal(result.warmup.scheduled, 250);
      assert.equal(result.warmup.ok, 250);
      assert.equal(result.window.scheduled, 500);
      assert.equal(result.window.ok, 500);
      assert.deepEqual(result.window.errors, {});
      // Tolerances allow for a busy shared machine; a per-second burst or a wrong rate is far outside them.
      assert.ok(Math.abs(result.okCompletedInWindow - 500) <= 100, `${result.okCompletedInWindow} completed in the 1 s window`);
      const spanMs = (arrivalsMs.at(-1) as number) - (arrivalsMs[0] as number);
      assert.ok(Math.abs(749 / (spanMs / 1000) - 500) <= 100, `achieved ${(749 / spanMs) * 1000}/s over ${spanMs} ms`);
      // Evenly spread: every 100 ms holds ~50 arrivals (a per-second burst would put them all in the first bins).
      const bins = new Array<number>(Math.ceil(spanMs / 100)).fill(0);
      for (const t of arrivalsMs) bins[Math.min(bins.length - 1, Math.floor((t - (arrivalsMs[0] as number)) / 100))]! += 1;
      for (const count of bins.slice(1, -1)) assert.ok(count >= 20 && count <= 80, `arrivals per 100 ms: ${bins.join(' ')}`);
      const latency = new LatencyHistogram(result.latency);
      assert.equal(latency.count, 500);
      assert.ok(latency.percentileMs(50) >= 2 && latency.percentileMs(50) < 50 && latency.percentileMs(99) < 250, `p50 ${latency.percentileMs(50)} p99 ${latency.percentileMs(99)}`);
    } finally {
      stop(server);
    }
  });

  it('counts a 200 ms server stall in the latency of every request that arrived during it', async () => {
    const { server, origin } = await startServer(1, { atRequest: 150, ms: 200 });
    try {
      const result = await runGenerator(origin, 500, 1, { connections: 20 });
      assert.equal(result.window.ok, 500);
      const latency = new LatencyHistogram(result.latency);
      // ~100 requests were due during the stall (20 %): half of them waited > 100 ms. A closed
      // loop would have sent only its 20 connections' worth and shown the stall in < 5 %.
      assert.ok(latency.percentileMs(99) >= 150, `p99 ${latency.percentileMs(99)} ms`);
      assert.ok(latency.percentileMs(95) >= 50, `p95 ${latency.percentileMs(95)} ms`);
      assert.ok(latency.percentileMs(50) < 50, `p50 ${latency.percentileMs(50)} ms`);
      assert.ok(latency.maxMs >= 190 && latency.maxMs < 400, `max ${latency.maxMs} ms`);
    } finally {
      stop(server);
    }
  });

  it('keeps the scheduled time of requests waiting for a free connection', async () => {
    // One connection, 5 ms per answer: at most ~200/s, while 500/s are offered for 0.4 s.
    const { server, origin } = await startServer(5);
    try {
      const result = await runGenerator(origin, 500, 0.4, { connections: 1 });
      assert.equal(result.window.ok, 200);
      assert.ok(result.maxQueued >= 100, `max queued ${result.maxQueued}`);
      const latency = new LatencyHistogram(result.latency);
      // The last request, due at 0.4 s, is answered after ~200 × 5 ms = 1 s.
      assert.ok(latency.maxMs >= 500, `max ${latency.maxMs} ms`);
      assert.ok(result.okCompletedInWindow < 150, `${result.okCompletedInWindow} completed in the window`);
    } finally {
      stop(server);
    }
  });

  it('counts timeouts, refused connections and non-2xx answers by kind, and reconnects after connection: close', async () => {
    let numRequests = 0;
    const server = createServer((req, res) => {
      req.resume();
      const n = numRequests++;
      if (n % 4 === 0) return; // never answered: a timeout
      if (n % 4 === 1) res.writeHead(429, { 'retry-after': '1', connection: 'close' }).end('{}');
      else res.writeHead(201, { 'content-length': '2' }).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const result = await runGenerator(origin, 200, 0.2, { connections: 40, timeoutMs: 500 });
      assert.deepEqual(result.window, { scheduled: 40, ok: 20, errors: { timeout: 10, 429: 10 }, maxScheduleLagMs: result.window.maxScheduleLagMs });
    } finally {
      stop(server);
    }
    const refused = await runGenerator(await closedOrigin(), 100, 0.1, { connections: 2 });
    assert.deepEqual(refused.window.errors, { ECONNREFUSED: 10 });
  });
});

/** An origin nothing listens on. */
async function closedOrigin(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}
