import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CircuitBreaker,
  CircuitOpenError,
  FallbackChainProvider,
  GeoInputError,
  OsrmTableProvider,
  StraightLineProvider,
  TravelTimeError,
  UNREACHABLE,
  type LngLat,
  type OsrmTableProviderOptions,
} from '@o2o/geo';

const T = Date.UTC(2024, 0, 10, 8) / 1000;
const SECRET = 'Bearer s3cret-token';

/**
 * Test points encode an index k in their longitude: sources at (2 + k/1000, 48), targets at
 * (3 + k/1000, 49). The fake server answers duration = 1000 ks + kt + 0.4 s and distance =
 * 10 × (1000 ks + kt) + 0.6 m, and no route (null) when ks % 50 = 7 and kt = 2.
 */
const source = (k: number): LngLat => [2 + k / 1000, 48];
const target = (k: number): LngLat => [3 + k / 1000, 49];
const indexOf = (p: LngLat): number => Math.round((p[0] - (p[1] === 48 ? 2 : 3)) * 1000);
const noRoute = (ks: number, kt: number): boolean => ks % 50 === 7 && kt === 2;
const expectedSec = (ks: number, kt: number): number => (noRoute(ks, kt) ? UNREACHABLE : 1000 * ks + kt);
const expectedM = (ks: number, kt: number): number => (noRoute(ks, kt) ? UNREACHABLE : 10 * (1000 * ks + kt) + 1);

/** What the fake server saw of one request. */
interface SeenRequest {
  readonly path: string;
  readonly profile: string;
  readonly coordinates: LngLat[];
  readonly sources: number[];
  readonly destinations: number[];
  readonly annotations: string | null;
  readonly authorization: string | undefined;
}

type Handler = (req: IncomingMessage, res: ServerResponse, seen: SeenRequest) => void;

/** A fake OSRM table server on 127.0.0.1; each test sets its `handler`. */
class FakeOsrm {
  readonly requests: SeenRequest[] = [];
  handler: Handler = answerCorrectly;
  inFlight = 0;
  maxInFlight = 0;
  /** Delay before the correct answer, milliseconds. */
  delayMs = 0;
  private readonly timers = new Set<NodeJS.Timeout>();
  private server: Server | undefined;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const seen = parseRequest(req);
      this.requests.push(seen);
      this.inFlight++;
      this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
      res.on('close', () => this.inFlight--);
      if (this.delayMs > 0) {
        this.later(this.delayMs, () => this.handler(req, res, seen));
      } else {
        this.handler(req, res, seen);
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
  }

  /** Runs `fn` after `ms` unless the test ends first. */
  later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }

  reset(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.requests.length = 0;
    this.handler = answerCorrectly;
    this.delayMs = 0;
    this.maxInFlight = 0;
    this.server?.closeAllConnections();
  }

  async stop(): Promise<void> {
    this.reset();
    await new Promise<void>((resolve, reject) => this.server?.close((err) => (err ? reject(err) : resolve())));
  }
}

function parseRequest(req: IncomingMessage): SeenRequest {
  const url = new URL(req.url ?? '/', 'http://fake');
  const parts = url.pathname.split('/');
  const coords = decodeURIComponent(parts.at(-1) ?? '');
  const indexes = (name: string): number[] => (url.searchParams.get(name) ?? '').split(';').filter((s) => s !== '').map(Number);
  return {
    path: url.pathname,
    profile: parts.at(-2) ?? '',
    coordinates: coords.split(';').map((c) => c.split(',').map(Number) as unknown as LngLat),
    sources: indexes('sources'),
    destinations: indexes('destinations'),
    annotations: url.searchParams.get('annotations'),
    authorization: req.headers.authorization,
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** The correct table for the request, in OSRM's shape. */
function table(seen: SeenRequest): { durations: (number | null)[][]; distances: (number | null)[][] } {
  const durations = seen.sources.map((s) =>
    seen.destinations.map((d) => {
      const ks = indexOf(seen.coordinates[s]!);
      const kt = indexOf(seen.coordinates[d]!);
      return noRoute(ks, kt) ? null : 1000 * ks + kt + 0.4;
    }),
  );
  const distances = durations.map((row) => row.map((v) => (v === null ? null : (v - 0.4) * 10 + 0.6)));
  return { durations, distances };
}

const answerCorrectly: Handler = (_req, res, seen) => sendJson(res, 200, { code: 'Ok', ...table(seen), sources: [], destinations: [] });
/** Answers 200 with `body(correctTable)`. */
const answerWith =
  (body: (t: ReturnType<typeof table>) => unknown): Handler =>
  (_req, res, seen) =>
    sendJson(res, 200, body(table(seen)));
const resetConnection: Handler = (req) => req.socket.destroy();

/** Matches a TravelTimeError with this code and a message matching `pattern`, free of the secret. */
function travelError(code: string, pattern: RegExp) {
  return (err: unknown): boolean => {
    assert.ok(err instanceof TravelTimeError, `not a TravelTimeError: ${String(err)}`);
    assert.equal(err.code, code);
    assert.match(err.message, pattern);
    assert.ok(!err.message.includes('s3cret'), 'the secret header leaked into the message');
    return true;
  };
}

describe('travel-time/OsrmTableProvider', function () {
  this.timeout(2000);
  const server = new FakeOsrm();
  before(() => server.start());
  afterEach(() => server.reset());
  after(() => server.stop());

  const provider = (options: Partial<OsrmTableProviderOptions> = {}): OsrmTableProvider =>
    new OsrmTableProvider({ baseUrl: server.url, headers: { Authorization: SECRET }, ...options });

  describe('correct answers', () => {
    it('asks for the table with sources, destinations and annotations, and parses it', async () => {
      const osrm = provider();
      const sources = [source(0), source(7), source(12)];
      const targets = [target(1), target(2)];
      const m = await osrm.matrix(sources, targets, T);
      assert.equal(server.requests.length, 1);
      const seen = server.requests[0]!;
      assert.equal(seen.path.startsWith('/table/v1/driving/'), true);
      assert.deepEqual(seen.coordinates, [...sources, ...targets]);
      assert.deepEqual(seen.sources, [0, 1, 2]);
      assert.deepEqual(seen.destinations, [3, 4]);
      assert.equal(seen.annotations, 'duration,distance');
      assert.equal(seen.authorization, SECRET);
      assert.equal(m.provider, 'osrm');
      assert.equal(m.isFallback, false);
      assert.equal(m.mode, 'car');
      assert.equal(m.departAt, T);
      assert.equal(m.numSources, 3);
      assert.equal(m.numTargets, 2);
      assert.deepEqual([...m.durationSec], [1, 2, 7001, UNREACHABLE, 12001, 12002]);
      assert.deepEqual([...m.distanceM], [11, 21, 70011, UNREACHABLE, 120011, 120021]);
    });

    it('splits a 250 × 3 matrix into blocks of at most 100 coordinates and assembles them', async () => {
      const sources = Array.from({ length: 250 }, (_, k) => source(k));
      const targets = [target(0), target(1), target(2)];
      const m = await provider().matrix(sources, targets, T);
      assert.equal(server.requests.length, 3);
      for (const seen of server.requests) {
        assert.ok(seen.coordinates.length <= 100, `${seen.coordinates.length} coordinates`);
        assert.deepEqual(seen.destinations.map((d) => seen.coordinates[d]), targets);
      }
      const seenSources = server.requests.flatMap((r) => r.sources.map((s) => indexOf(r.coordinates[s]!))).sort((a, b) => a - b);
      assert.deepEqual(seenSources, Array.from({ length: 250 }, (_, k) => k));
      for (let ks = 0; ks < 250; ks++) {
        for (let kt = 0; kt < 3; kt++) {
          assert.equal(m.durationSec[ks * 3 + kt], expectedSec(ks, kt), `duration ${ks} → ${kt}`);
          assert.equal(m.distanceM[ks * 3 + kt], expectedM(ks, kt), `distance ${ks} → ${kt}`);
        }
      }
    });

    it('splits both dimensions when both are large, keeping at most maxConcurrentRequests in flight', async () => {
      server.delayMs = 10;
      const sources = Array.from({ length: 60 }, (_, k) => source(k));
      const targets = Array.from({ length: 45 }, (_, k) => target(k));
      const m = await provider({ maxLocationsPerRequest: 40, maxConcurrentRequests: 2 }).matrix(sources, targets, T);
      assert.ok(server.requests.length > 1);
      assert.ok(server.requests.every((r) => r.coordinates.length <= 40));
      assert.ok(server.maxInFlight <= 2, `${server.maxInFlight} requests at once`);
      for (let ks = 0; ks < 60; ks++) {
        for (let kt = 0; kt < 45; kt++) assert.equal(m.durationSec[ks * 45 + kt], expectedSec(ks, kt));
      }
    });

    it('answers duration() with a 1 × 1 table, whatever departAt (OSRM has no time dependence)', async () => {
      const osrm = provider({ baseUrl: `${server.url}/osrm/`, profile: 'cycling' });
      const a = await osrm.duration(source(3), target(4), T);
      const b = await osrm.duration(source(3), target(4), T + 8 * 3600, { mode: 'bike' });
      assert.deepEqual(a, { durationSec: 3004, distanceM: 30041, provider: 'osrm', isFallback: false });
      assert.deepEqual(b, a);
      assert.equal(server.requests[0]!.path.startsWith('/osrm/table/v1/cycling/'), true);
      assert.deepEqual(server.requests[0]!.sources, [0]);
      assert.deepEqual(server.requests[0]!.destinations, [1]);
    });

    it('rounds to integer seconds and metres and turns null and huge values into UNREACHABLE', async () => {
      server.handler = answerWith(() => ({
        code: 'Ok',
        durations: [[0.49, 2.5, null, 3e9]],
        distances: [[1.5, null, 7, 12.2]],
      }));
      const m = await provider().matrix([source(0)], [target(0), target(1), target(2), target(3)], T);
      assert.deepEqual([...m.durationSec], [0, 3, UNREACHABLE, UNREACHABLE]);
      assert.deepEqual([...m.distanceM], [2, UNREACHABLE, 7, 12]);
    });

    it('answers an empty matrix without a request', async () => {
      const m = await provider().matrix([], [target(0)], T);
      assert.equal(m.numSources, 0);
      assert.equal(m.durationSec.length, 0);
      assert.equal(server.requests.length, 0);
    });
  });

  describe('bad input (rejected before any request)', () => {
    it('names the bad coordinate, departure or mode', async () => {
      const osrm = provider();
      await assert.rejects(osrm.matrix([source(0), [2, 95]], [target(0)], T), (err: unknown) => err instanceof GeoInputError && err.field === 'sources[1][1] (lat)');
      await assert.rejects(osrm.duration(source(0), target(0), 1.5), (err: unknown) => err instanceof GeoInputError && err.field === 'departAt');
      await assert.rejects(osrm.duration(source(0), target(0), T, { mode: 'walk' }), /options\.mode must be a mode of provider "osrm" \(car\), got "walk"/);
      assert.equal(server.requests.length, 0);
    });
  });

  describe('failures', () => {
    it('times out a slow server after timeoutMs (TRAVEL_TIME_UNAVAILABLE, a breaker failure)', async () => {
      server.delayMs = 1000;
      const osrm = provider({ timeoutMs: 80 });
      const started = Date.now();
      await assert.rejects(osrm.matrix([source(0)], [target(0)], T), travelError('TRAVEL_TIME_UNAVAILABLE', /^osrm: no answer within 80 ms for sources\[0\.\.0\] × targets\[0\.\.0\]$/));
      assert.ok(Date.now() - started < 600, 'the timeout did not cut the request short');
      assert.equal(osrm.breaker.stats().failures, 1);
    });

    it('rejects with the caller\'s reason when it cancels, without counting a breaker failure', async () => {
      server.delayMs = 1000;
      const osrm = provider();
      const controller = new AbortController();
      setTimeout(() => controller.abort(new Error('caller gave up')), 30);
      await assert.rejects(osrm.matrix([source(0)], [target(0)], T, { signal: controller.signal }), /caller gave up/);
      const stats = osrm.breaker.stats();
      assert.equal(stats.failures, 0);
      assert.equal(stats.ignored, 1);
      await assert.rejects(osrm.matrix([source(0)], [target(0)], T, { signal: controller.signal }), /caller gave up/);
      assert.equal(server.requests.length, 1);
    });

    it('turns HTTP 5xx into TRAVEL_TIME_FAILED (503 and 429 into TRAVEL_TIME_UNAVAILABLE) with the server\'s message', async () => {
      const osrm = provider({ breaker: { failureThreshold: 10 } });
      server.handler = (_req, res) => sendJson(res, 500, { code: 'InternalError', message: 'boom' });
      await assert.rejects(osrm.matrix([source(0)], [target(0)], T), travelError('TRAVEL_TIME_FAILED', /^osrm: HTTP 500 for sources\[0\.\.0\] × targets\[0\.\.0\]: InternalError: boom$/));
      server.handler = (_req, res) => sendJson(res, 503, 'overloaded\r\nplease wait');
      await assert.rejects(osrm.matrix([source(0)], [target(0)], T), travelError('TRAVEL_TIME_UNAVAILABLE', /HTTP 503 .*: overloaded please wait$/));
      server.handler = (_req, res) => sendJson(res, 429, { code: 'TooManyRequests', message: 'slow down' });
      await assert.rejects(osrm.matrix([source(0)], [target(0)], T), travelError('TRAVEL_TIME_UNAVAILABLE', /HTTP 429 .*: TooManyRequests: slow down$/));
      assert.equal(osrm.breaker.stats().failures, 3);
    });

    it('turns HTTP 4xx into TRAVEL_TIME_FAILED with the server\'s message, without counting a breaker failure', async () => {
      const osrm = provider({ breaker: { failureThreshold: 1 } });
      server.handler = (_req, res) => sendJson(res, 400, { code: 'TooBig', message: 'Too many table coordinates' });
      await assert.rejects(osrm.matrix([source(0)], [target(0)], T), travelError('TRAVEL_TIME_FAILED', /^osrm: HTTP 400 for .*: TooBig: Too many table coordinates$/));
      server.handler = (_req, res) => {
        res.writeHead(301, { location: 'https://elsewhere.invalid/' });
        res.end();
      };
      await assert.rejects(osrm.matrix([source(0)], [target(0)], T), travelError('TRAVEL_TIME_FAILED', /HTTP 301 redirect .*\(not followed/));
      assert.equal(osrm.breaker.state, 'closed');
      assert.equal(osrm.breaker.stats().ignored, 2);
    });

    it('rejects bodies that are not a valid table, naming what was wrong (TRAVEL_TIME_FAILED)', async () => {
      const osrm = provider({ breaker: { failureThreshold: 100 } });
      const cases: [ReturnType<typeof answerWith> | Handler, RegExp][] = [
        [(_req, res) => sendJson(res, 200, '{"code": "Ok", "durations": [[1'), /response for sources\[0\.\.1\] × targets\[0\.\.0\] is not JSON, got "\{\\"code\\": \\"Ok\\", \\"durations\\": \[\[1"$/],
        [answerWith(() => [1, 2]), /must be a JSON object, got \[1, 2\]$/],
        [answerWith(() => ({ code: 'NoTable', message: 'No table found' })), /has code "NoTable", expected "Ok": No table found$/],
        [answerWith((t) => ({ durations: t.durations, distances: t.distances })), /has code undefined, expected "Ok"$/],
        [answerWith((t) => ({ code: 'Ok', durations: t.durations.slice(1), distances: t.distances })), /durations must be an array of 2 rows, got \[\[2000\.4\]\]$/],
        [answerWith((t) => ({ code: 'Ok', durations: t.durations })), /distances must be an array of 2 rows, got undefined$/],
        [answerWith((t) => ({ code: 'Ok', durations: [[1], [1, 2]], distances: t.distances })), /durations\[1\] must be an array of 1 numbers or nulls, got \[1, 2\]$/],
        [answerWith((t) => ({ code: 'Ok', durations: [[1], ['12']], distances: t.distances })), /durations\[1\]\[0\] must be null or a finite number ≥ 0, got "12"$/],
        [answerWith((t) => ({ code: 'Ok', durations: t.durations, distances: [[-1], [3]] })), /distances\[0\]\[0\] must be null or a finite number ≥ 0, got -1$/],
      ];
      for (const [handler, pattern] of cases) {
        server.handler = handler;
        await assert.rejects(osrm.matrix([source(1), source(2)], [target(0)], T), travelError('TRAVEL_TIME_FAILED', pattern));
      }
      assert.equal(osrm.breaker.stats().failures, cases.length);
    });

    it('rejects a reset connection as TRAVEL_TIME_UNAVAILABLE', async () => {
      server.handler = resetConnection;
      await assert.rejects(provider().matrix([source(0)], [target(0)], T), travelError('TRAVEL_TIME_UNAVAILABLE', /^osrm: request failed for sources\[0\.\.0\] × targets\[0\.\.0\] \(/));
    });

    it('cancels the other blocks when one fails', async () => {
      let n = 0;
      server.handler = (req, res, seen) => {
        if (n++ === 0) return sendJson(res, 500, { code: 'InternalError', message: 'first block' });
        server.later(300, () => answerCorrectly(req, res, seen));
      };
      const started = Date.now();
      const sources = Array.from({ length: 30 }, (_, k) => source(k));
      await assert.rejects(provider({ maxLocationsPerRequest: 11, maxConcurrentRequests: 3 }).matrix(sources, [target(0)], T), /first block/);
      assert.ok(Date.now() - started < 250, 'waited for the cancelled blocks');
      assert.ok(server.requests.length <= 3);
    });
  });

  describe('circuit breaker and fallback chain', () => {
    it('opens after the configured failures, then answers from straight-line without touching the server, then recovers', async () => {
      let nowMs = 0;
      const osrm = provider({ breaker: { failureThreshold: 3, openMs: 5000, now: () => nowMs } });
      const straight = new StraightLineProvider();
      const chain = new FallbackChainProvider([osrm, straight]);
      const sources = [source(1), source(2)];
      const targets = [target(0), target(1)];
      const fallback = straight.matrixSync(sources, targets, T, { mode: 'car' });

      server.handler = resetConnection;
      for (let i = 0; i < 3; i++) {
        const m = await chain.matrix(sources, targets, T);
        assert.equal(m.provider, 'straight-line');
        assert.equal(m.isFallback, true);
        assert.deepEqual(m.durationSec, fallback.durationSec);
      }
      assert.equal(server.requests.length, 3);
      assert.equal(osrm.breaker.state, 'open');

      // While open: fast rejections, no request reaches the server.
      const m = await chain.matrix(sources, targets, T);
      assert.equal(m.isFallback, true);
      await assert.rejects(osrm.matrix(sources, targets, T), (err: unknown) => err instanceof CircuitOpenError && err.code === 'TRAVEL_TIME_UNAVAILABLE');
      assert.equal((await chain.duration(sources[0]!, targets[0]!, T)).provider, 'straight-line');
      assert.equal(server.requests.length, 3);

      // After openMs the breaker is half-open: the trial succeeds, the breaker closes, OSRM answers again.
      nowMs += 5000;
      server.handler = answerCorrectly;
      const recovered = await chain.matrix(sources, targets, T);
      assert.equal(server.requests.length, 4);
      assert.equal(recovered.provider, 'osrm');
      assert.equal(recovered.isFallback, false);
      assert.deepEqual([...recovered.durationSec], [1000, 1001, 2000, 2001]);
      assert.equal(osrm.breaker.state, 'closed');
      assert.equal((await chain.duration(sources[0]!, targets[0]!, T)).isFallback, false);
    });

    it('tests a half-open breaker with the first block alone before requesting the rest', async () => {
      let nowMs = 0;
      const osrm = provider({ maxLocationsPerRequest: 11, breaker: { failureThreshold: 1, openMs: 100, now: () => nowMs } });
      server.handler = resetConnection;
      await assert.rejects(osrm.matrix([source(0)], [target(0)], T));
      nowMs += 100;
      server.handler = answerCorrectly;
      const sources = Array.from({ length: 30 }, (_, k) => source(k));
      const m = await osrm.matrix(sources, [target(1)], T);
      assert.equal(server.requests.length, 1 + 3);
      for (let ks = 0; ks < 30; ks++) assert.equal(m.durationSec[ks], expectedSec(ks, 1));
    });

    it('fills the cells OSRM has no route for from straight-line, with cell provenance', async () => {
      const osrm = provider();
      const straight = new StraightLineProvider();
      const chain = new FallbackChainProvider([osrm, straight]);
      const sources = [source(6), source(7)];
      const targets = [target(1), target(2)];
      const m = await chain.matrix(sources, targets, T);
      assert.equal(m.provider, 'osrm');
      assert.equal(m.isFallback, true);
      const filled = straight.durationSync(sources[1]!, targets[1]!, T, { mode: 'car' });
      assert.deepEqual([...m.durationSec], [6001, 6002, 7001, filled.durationSec]);
      assert.deepEqual([...m.distanceM], [60011, 60021, 70011, filled.distanceM]);
      assert.deepEqual(m.cellProvenance?.providerNames, ['osrm', 'straight-line']);
      assert.deepEqual([...m.cellProvenance!.providerIdx], [0, 0, 0, 1]);
    });

    it('shares a breaker given as an instance', async () => {
      const breaker = new CircuitBreaker({ name: 'shared', failureThreshold: 1 });
      const a = provider({ breaker });
      const b = provider({ breaker, name: 'osrm-b' });
      server.handler = resetConnection;
      await assert.rejects(a.matrix([source(0)], [target(0)], T));
      await assert.rejects(b.matrix([source(0)], [target(0)], T), /shared: circuit open/);
      assert.equal(server.requests.length, 1);
    });
  });

  describe('options', () => {
    const make = (options: unknown) => () => new OsrmTableProvider(options as OsrmTableProviderOptions);

    it('validates the base URL without echoing credentials or queries', () => {
      assert.throws(make({}), /options\.baseUrl must be an http or https URL string, got undefined/);
      assert.throws(make({ baseUrl: 'ftp://example.com' }), /options\.baseUrl must use http: or https:, got "ftp:"/);
      assert.throws(make({ baseUrl: 'routing.local:5000/x y' }), /options\.baseUrl must use http: or https:|must be an absolute/);
      assert.throws(make({ baseUrl: 'not a url' }), /options\.baseUrl must be an absolute http or https URL, got "not a url"/);
      assert.throws(make({ baseUrl: 'http://user:hunter2@example.com' }), (err: unknown) => {
        assert.ok(err instanceof GeoInputError);
        assert.match(err.message, /must not hold credentials \(pass them in options\.headers\), got "http:\/\/\*\*\*@example\.com"/);
        assert.ok(!err.message.includes('hunter2') && !String(err.value).includes('hunter2'));
        return true;
      });
      assert.throws(make({ baseUrl: 'http://example.com/osrm?key=hunter2' }), (err: unknown) => {
        assert.ok(err instanceof GeoInputError);
        assert.equal(err.message, 'options.baseUrl must not have a query or fragment, got "http://example.com/osrm"');
        return true;
      });
      assert.equal(new OsrmTableProvider({ baseUrl: 'https://example.com/osrm//' }).baseUrl, 'https://example.com/osrm');
    });

    it('validates the profile, modes, numbers and headers, never echoing a header value', () => {
      const baseUrl = 'http://127.0.0.1:1';
      assert.throws(make({ baseUrl, profile: 'car/../x' }), /options\.profile must be 1 to 64 letters, digits/);
      assert.throws(make({ baseUrl, profile: 'truck' }), /options\.modes must be given for profile "truck"/);
      assert.deepEqual(new OsrmTableProvider({ baseUrl, profile: 'truck', modes: ['car'] }).modes, ['car']);
      assert.deepEqual(new OsrmTableProvider({ baseUrl, profile: 'foot' }).modes, ['walk']);
      assert.throws(make({ baseUrl, modes: ['car', 'car'] }), /options\.modes must not repeat a mode/);
      assert.throws(make({ baseUrl, modes: ['boat'] }), /options\.modes\[0\] must be one of/);
      assert.throws(make({ baseUrl, timeoutMs: 0 }), /options\.timeoutMs must be an integer in \[1, 600000\], got 0/);
      assert.throws(make({ baseUrl, maxLocationsPerRequest: 1 }), /options\.maxLocationsPerRequest must be an integer in \[2, 10000\], got 1/);
      assert.throws(make({ baseUrl, maxConcurrentRequests: 65 }), /options\.maxConcurrentRequests must be an integer in \[1, 64\], got 65/);
      assert.throws(make({ baseUrl, breaker: { openMs: -1 } }), /options\.breaker\.openMs must be an integer/);
      assert.throws(make({ baseUrl, timeout: 5 }), /options\.timeout is not an option/);
      assert.throws(make({ baseUrl, headers: { 'Bad Name': 'x' } }), /options\.headers\["Bad Name"\] must have a valid HTTP header name/);
      assert.throws(make({ baseUrl, headers: { Authorization: 5 } }), /options\.headers\["Authorization"\] must be a string, got "number"/);
      assert.throws(make({ baseUrl, headers: { Authorization: 'Bearer hunter2\r\nX-Evil: 1' } }), (err: unknown) => {
        assert.ok(err instanceof GeoInputError);
        assert.match(err.message, /options\.headers\["Authorization"\] must be a valid HTTP header value/);
        assert.ok(!err.message.includes('hunter2') && !String(err.value).includes('hunter2'));
        return true;
      });
    });

    it('documents its defaults', () => {
      const osrm = new OsrmTableProvider({ baseUrl: 'http://127.0.0.1:1' });
      assert.equal(osrm.name, 'osrm');
      assert.equal(osrm.profile, 'driving');
      assert.deepEqual(osrm.modes, ['car']);
      assert.equal(osrm.timeoutMs, 10_000);
      assert.equal(osrm.maxLocationsPerRequest, 100);
      assert.equal(osrm.maxConcurrentRequests, 4);
      assert.equal(osrm.breaker.name, 'osrm');
      assert.equal(osrm.breaker.failureThreshold, 5);
    });
  });
});
