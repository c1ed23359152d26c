import assert from 'node:assert/strict';
import {
  FallbackChainProvider,
  GeoInputError,
  StraightLineProvider,
  TravelTimeError,
  UNREACHABLE,
  type FallbackChainOptions,
  type FallbackEvent,
  type LngLat,
  type TravelMode,
  type TravelQueryOptions,
  type TravelTimeEstimate,
  type TravelTimeMatrix,
  type TravelTimeProvider,
} from '@o2o/geo';

const T = Date.UTC(2024, 0, 10, 8) / 1000;
const P: LngLat[] = [
  [2.35, 48.85],
  [2.36, 48.86],
  [2.37, 48.87],
];
const Q: LngLat[] = [
  [2.34, 48.84],
  [2.38, 48.88],
];

/** What a fake provider does on each call. */
type Behaviour =
  | { kind: 'answer'; durationSec: number; unreachable?: (source: LngLat, target: LngLat) => boolean }
  | { kind: 'reject'; error: unknown };

/** An in-memory provider: constant durations, chosen cells UNREACHABLE, or a rejection; records calls. */
class FakeProvider implements TravelTimeProvider {
  readonly calls: { sources: readonly LngLat[]; targets: readonly LngLat[]; options: TravelQueryOptions | undefined }[] = [];
  constructor(
    readonly name: string,
    public behaviour: Behaviour,
    readonly modes: readonly TravelMode[] = ['walk', 'bike', 'escooter', 'car'],
  ) {}

  async duration(from: LngLat, to: LngLat, departAt: number, options?: TravelQueryOptions): Promise<TravelTimeEstimate> {
    const m = await this.matrix([from], [to], departAt, options);
    return { durationSec: m.durationSec[0]!, distanceM: m.distanceM[0]!, provider: this.name, isFallback: false };
  }

  async matrix(sources: readonly LngLat[], targets: readonly LngLat[], departAt: number, options?: TravelQueryOptions): Promise<TravelTimeMatrix> {
    this.calls.push({ sources, targets, options });
    const b = this.behaviour;
    if (b.kind === 'reject') throw b.error;
    const n = sources.length * targets.length;
    const durationSec = new Int32Array(n);
    const distanceM = new Int32Array(n);
    sources.forEach((s, i) =>
      targets.forEach((t, j) => {
        const dead = b.unreachable?.(s, t) === true;
        durationSec[i * targets.length + j] = dead ? UNREACHABLE : b.durationSec;
        distanceM[i * targets.length + j] = dead ? UNREACHABLE : b.durationSec * 10;
      }),
    );
    return { numSources: sources.length, numTargets: targets.length, durationSec, distanceM, departAt, mode: options?.mode ?? 'car', provider: this.name, isFallback: false };
  }
}

/** A rejection as a remote provider named `name` would give it. */
const down = (code: 'TRAVEL_TIME_UNAVAILABLE' | 'TRAVEL_TIME_FAILED' = 'TRAVEL_TIME_UNAVAILABLE', name = 'primary'): Behaviour => ({
  kind: 'reject',
  error: new TravelTimeError(code, `${name}: ${code === 'TRAVEL_TIME_UNAVAILABLE' ? 'unreachable server' : 'bad body'}`),
});

describe('travel-time/FallbackChainProvider', () => {
  it('answers from the primary when it can, with isFallback false and no cell provenance', async () => {
    const primary = new FakeProvider('primary', { kind: 'answer', durationSec: 100 });
    const chain = new FallbackChainProvider([primary, new StraightLineProvider()]);
    const m = await chain.matrix(P, Q, T);
    assert.equal(m.provider, 'primary');
    assert.equal(m.isFallback, false);
    assert.equal(m.cellProvenance, undefined);
    assert.deepEqual([...m.durationSec], [100, 100, 100, 100, 100, 100]);
    assert.deepEqual(await chain.duration(P[0]!, Q[0]!, T), { durationSec: 100, distanceM: 1000, provider: 'primary', isFallback: false });
  });

  it('falls back to the next provider when the primary rejects, marking isFallback', async () => {
    const primary = new FakeProvider('primary', down());
    const straight = new StraightLineProvider();
    const events: FallbackEvent[] = [];
    const chain = new FallbackChainProvider([primary, straight], { onFallback: (e) => events.push(e) });
    const m = await chain.matrix(P, Q, T, { mode: 'car' });
    const expected = straight.matrixSync(P, Q, T, { mode: 'car' });
    assert.equal(m.provider, 'straight-line');
    assert.equal(m.isFallback, true);
    assert.equal(m.cellProvenance, undefined, 'every cell came from one provider');
    assert.deepEqual(m.durationSec, expected.durationSec);
    assert.deepEqual(m.distanceM, expected.distanceM);
    const d = await chain.duration(P[0]!, Q[1]!, T, { mode: 'car' });
    assert.deepEqual(d, { ...straight.durationSync(P[0]!, Q[1]!, T, { mode: 'car' }), isFallback: true });
    assert.deepEqual(
      events.map((e) => [e.provider, e.index, (e.error as Error).message]),
      [
        ['primary', 0, 'primary: unreachable server'],
        ['primary', 0, 'primary: unreachable server'],
      ],
    );
  });

  it('passes one mode to every provider: the call\'s, else the default (the primary\'s first mode)', async () => {
    const primary = new FakeProvider('primary', down(), ['car']);
    const fallback = new FakeProvider('fallback', { kind: 'answer', durationSec: 5 });
    const chain = new FallbackChainProvider([primary, fallback]);
    assert.equal(chain.defaultMode, 'car');
    const m = await chain.matrix(P, Q, T);
    assert.equal(m.mode, 'car');
    assert.equal(primary.calls[0]!.options?.mode, 'car');
    assert.equal(fallback.calls[0]!.options?.mode, 'car');
  });

  it('skips providers that do not serve the mode (the answer is then a fallback)', async () => {
    const carOnly = new FakeProvider('osrm-car', { kind: 'answer', durationSec: 1 }, ['car']);
    const chain = new FallbackChainProvider([carOnly, new StraightLineProvider()]);
    assert.deepEqual(chain.modes, ['car', 'walk', 'bike', 'escooter']);
    const m = await chain.matrix(P, Q, T, { mode: 'walk' });
    assert.equal(carOnly.calls.length, 0);
    assert.equal(m.provider, 'straight-line');
    assert.equal(m.isFallback, true);
    assert.equal(m.mode, 'walk');
  });

  it('fills UNREACHABLE cells from the next provider, asking only for the rows × columns holding them', async () => {
    // Target Q[1] is outside the primary's coverage from P[1] and P[2].
    const primary = new FakeProvider('primary', {
      kind: 'answer',
      durationSec: 100,
      unreachable: (s, t) => s !== P[0] && t === Q[1],
    });
    const straight = new StraightLineProvider();
    const chain = new FallbackChainProvider([primary, straight]);
    const m = await chain.matrix(P, Q, T, { mode: 'bike' });
    const sl = straight.matrixSync(P, Q, T, { mode: 'bike' });
    assert.equal(m.provider, 'primary');
    assert.equal(m.isFallback, true);
    assert.deepEqual([...m.durationSec], [100, 100, 100, sl.durationSec[3]!, 100, sl.durationSec[5]!]);
    assert.deepEqual([...m.distanceM], [1000, 1000, 1000, sl.distanceM[3]!, 1000, sl.distanceM[5]!]);
    assert.ok(m.cellProvenance !== undefined);
    assert.deepEqual(m.cellProvenance.providerNames, ['primary', 'straight-line']);
    assert.deepEqual([...m.cellProvenance.providerIdx], [0, 0, 0, 1, 0, 1]);
  });

  it('asks a filler only for the sub-matrix of unreachable rows and columns', async () => {
    const primary = new FakeProvider('primary', { kind: 'answer', durationSec: 7, unreachable: (s, t) => s === P[2] && t === Q[0] });
    const filler = new FakeProvider('filler', { kind: 'answer', durationSec: 9 });
    const m = await new FallbackChainProvider([primary, filler]).matrix(P, Q, T);
    assert.deepEqual(filler.calls[0]!.sources, [P[2]]);
    assert.deepEqual(filler.calls[0]!.targets, [Q[0]]);
    assert.deepEqual([...m.durationSec], [7, 7, 7, 7, 9, 7]);
    assert.deepEqual([...m.cellProvenance!.providerIdx], [0, 0, 0, 0, 1, 0]);
  });

  it('leaves UNREACHABLE cells alone with fillUnreachable false, and when every provider has them', async () => {
    const holes: Behaviour = { kind: 'answer', durationSec: 3, unreachable: (_s, t) => t === Q[0] };
    const primary = new FakeProvider('primary', holes);
    const second = new FakeProvider('second', holes);
    const noFill = await new FallbackChainProvider([primary, second], { fillUnreachable: false }).matrix(P, Q, T);
    assert.equal(second.calls.length, 0);
    assert.deepEqual([...noFill.durationSec], [UNREACHABLE, 3, UNREACHABLE, 3, UNREACHABLE, 3]);
    assert.equal(noFill.isFallback, false);
    const filled = await new FallbackChainProvider([primary, second]).matrix(P, Q, T);
    assert.equal(second.calls.length, 1);
    assert.deepEqual([...filled.durationSec], [UNREACHABLE, 3, UNREACHABLE, 3, UNREACHABLE, 3]);
    assert.equal(filled.cellProvenance, undefined);
    assert.equal(filled.isFallback, false);
  });

  it('asks again for an UNREACHABLE duration, and returns the primary\'s UNREACHABLE when nobody knows better', async () => {
    const primary = new FakeProvider('primary', { kind: 'answer', durationSec: 1, unreachable: () => true });
    const second = new FakeProvider('second', { kind: 'answer', durationSec: 2 });
    const chain = new FallbackChainProvider([primary, second]);
    assert.deepEqual(await chain.duration(P[0]!, Q[0]!, T), { durationSec: 2, distanceM: 20, provider: 'second', isFallback: true });
    second.behaviour = { kind: 'answer', durationSec: 2, unreachable: () => true };
    assert.deepEqual(await chain.duration(P[0]!, Q[0]!, T), { durationSec: UNREACHABLE, distanceM: UNREACHABLE, provider: 'primary', isFallback: false });
  });

  it('keeps the cells it has when a filler rejects, and tries the one after', async () => {
    const primary = new FakeProvider('primary', { kind: 'answer', durationSec: 4, unreachable: (s) => s === P[0] });
    const broken = new FakeProvider('broken', down('TRAVEL_TIME_FAILED'));
    const last = new FakeProvider('last', { kind: 'answer', durationSec: 8 });
    const m = await new FallbackChainProvider([primary, broken, last]).matrix(P, Q, T);
    assert.deepEqual([...m.durationSec], [8, 8, 4, 4, 4, 4]);
    assert.deepEqual(m.cellProvenance!.providerNames, ['primary', 'broken', 'last']);
    assert.deepEqual([...m.cellProvenance!.providerIdx], [2, 2, 0, 0, 0, 0]);
  });

  it('rethrows input errors instead of masking them with a fallback', async () => {
    const straight = new StraightLineProvider();
    const fallback = new FakeProvider('fallback', { kind: 'answer', durationSec: 1 });
    const chain = new FallbackChainProvider([straight, fallback]);
    const bad: LngLat[] = [[2.35, 91]];
    await assert.rejects(chain.matrix(bad, Q, T), (err: unknown) => err instanceof GeoInputError && err.field === 'sources[0][1] (lat)');
    await assert.rejects(chain.duration(P[0]!, Q[0]!, -5), (err: unknown) => err instanceof GeoInputError && err.field === 'departAt');
    assert.equal(fallback.calls.length, 0);
    // An input error found by a later provider is not masked either.
    const chain2 = new FallbackChainProvider([new FakeProvider('primary', down()), straight, fallback]);
    await assert.rejects(chain2.matrix(bad, Q, T), GeoInputError);
    assert.equal(fallback.calls.length, 0);
  });

  it('rethrows the caller\'s cancellation instead of falling back', async () => {
    const controller = new AbortController();
    const primary = new FakeProvider('primary', { kind: 'answer', durationSec: 1 });
    primary.matrix = async () => {
      controller.abort(new Error('caller gave up'));
      throw new TravelTimeError('TRAVEL_TIME_UNAVAILABLE', 'primary: aborted');
    };
    const fallback = new FakeProvider('fallback', { kind: 'answer', durationSec: 1 });
    const chain = new FallbackChainProvider([primary, fallback]);
    await assert.rejects(chain.matrix(P, Q, T, { signal: controller.signal }), /primary: aborted/);
    assert.equal(fallback.calls.length, 0);
    await assert.rejects(chain.matrix(P, Q, T, { signal: controller.signal }), /caller gave up/);
  });

  it('rejects with every provider\'s error when all fail: UNAVAILABLE only if all were unavailable', async () => {
    const a = new FakeProvider('a', down('TRAVEL_TIME_UNAVAILABLE', 'a'));
    const b = new FakeProvider('b', { kind: 'reject', error: new TravelTimeError('TRAVEL_TIME_UNAVAILABLE', 'b: circuit open') });
    await assert.rejects(new FallbackChainProvider([a, b], { name: 'routing' }).matrix(P, Q, T), (err: unknown) => {
      assert.ok(err instanceof TravelTimeError);
      assert.equal(err.code, 'TRAVEL_TIME_UNAVAILABLE');
      assert.equal(err.message, 'routing: every provider failed (a: unreachable server; b: circuit open)');
      assert.ok(err.cause instanceof AggregateError);
      assert.equal(err.cause.errors.length, 2);
      return true;
    });
    const c = new FakeProvider('c', { kind: 'reject', error: new Error('boom') });
    await assert.rejects(new FallbackChainProvider([a, c]).duration(P[0]!, Q[0]!, T), (err: unknown) => {
      assert.ok(err instanceof TravelTimeError);
      assert.equal(err.code, 'TRAVEL_TIME_FAILED');
      assert.equal(err.message, 'fallback-chain: every provider failed (a: unreachable server; c: boom)');
      return true;
    });
  });

  it('treats a malformed answer as a failure and moves on', async () => {
    const liar = new FakeProvider('liar', { kind: 'answer', durationSec: 1 });
    const honest = new FakeProvider('honest', { kind: 'answer', durationSec: 2 });
    liar.matrix = async (sources, targets, departAt) => ({
      numSources: sources.length,
      numTargets: targets.length,
      durationSec: new Int32Array(1),
      distanceM: new Int32Array(1),
      departAt,
      mode: 'car',
      provider: 'liar',
      isFallback: false,
    });
    const m = await new FallbackChainProvider([liar, honest]).matrix(P, Q, T);
    assert.equal(m.provider, 'honest');
    assert.equal(m.isFallback, true);
  });

  it('propagates isFallback from a nested chain', async () => {
    const inner = new FallbackChainProvider([new FakeProvider('x', down()), new FakeProvider('y', { kind: 'answer', durationSec: 1 })]);
    const outer = new FallbackChainProvider([inner, new StraightLineProvider()]);
    const m = await outer.matrix(P, Q, T);
    assert.equal(m.provider, 'y');
    assert.equal(m.isFallback, true);
    const d = await outer.duration(P[0]!, Q[0]!, T);
    assert.equal(d.provider, 'y');
    assert.equal(d.isFallback, true);
  });

  it('validates its providers and options', () => {
    const sl = new StraightLineProvider();
    const make = (providers: unknown, options?: unknown) => () =>
      new FallbackChainProvider(providers as TravelTimeProvider[], options as FallbackChainOptions);
    assert.throws(make([]), /providers must be an array of 1 to 255 travel-time providers/);
    assert.throws(make([sl, {}]), (err: unknown) => err instanceof GeoInputError && err.field === 'providers[1]');
    assert.throws(make([sl], { fillUnreachable: 'yes' }), /options\.fillUnreachable must be a boolean/);
    assert.throws(make([sl], { defaultMode: 'boat' }), /options\.defaultMode must be one of/);
    assert.throws(make([new FakeProvider('c', down(), ['car'])], { defaultMode: 'walk' }), /options\.defaultMode must be a mode of one of the providers \(car\)/);
    assert.throws(make([sl], { onFallback: 1 }), /options\.onFallback must be a function/);
    assert.throws(make([sl], { fallback: true }), /options\.fallback is not an option/);
  });

  it('rejects a mode no provider serves as bad input', async () => {
    const chain = new FallbackChainProvider([new FakeProvider('c', down(), ['car'])]);
    await assert.rejects(chain.matrix(P, Q, T, { mode: 'walk' }), (err: unknown) => err instanceof GeoInputError && err.field === 'options.mode');
  });
});
