import assert from 'node:assert/strict';
import { GeoInputError, StraightLineProvider, type LngLat, type StraightLineProviderOptions } from '@o2o/geo';

const T = Date.UTC(2024, 0, 10, 8) / 1000;
const A: LngLat = [2.35, 48.85];
const B: LngLat = [2.36, 48.86];

/** Matches a GeoInputError with this code, field and full message. */
function inputError(code: string, field: string, message: string) {
  return (err: unknown): boolean => {
    assert.ok(err instanceof GeoInputError, `not a GeoInputError: ${String(err)}`);
    assert.equal(err.code, code);
    assert.equal(err.field, field);
    assert.equal(err.message, message);
    return true;
  };
}

const construct = (options: unknown) => () => new StraightLineProvider(options as StraightLineProviderOptions);

describe('travel-time errors', () => {
  describe('StraightLineProvider options', () => {
    it('rejects a detour factor below 1', () => {
      assert.throws(
        construct({ detourFactor: 0.9 }),
        inputError('GEO_INVALID_ARGUMENT', 'options.detourFactor', 'options.detourFactor must be a finite number in [1, 5], got 0.9'),
      );
    });

    it('rejects zero, negative, infinite and absurd speeds, naming the mode', () => {
      assert.throws(
        construct({ speedMps: { bike: 0 } }),
        inputError('GEO_INVALID_ARGUMENT', 'options.speedMps.bike', 'options.speedMps.bike must be a finite speed in metres per second in (0, 100], got 0'),
      );
      for (const bad of [-1, Number.POSITIVE_INFINITY, 101, '4']) {
        assert.throws(construct({ speedMps: { car: bad } }), /options\.speedMps\.car must be a finite speed/);
      }
    });

    it('rejects speeds and sensitivities for unknown modes', () => {
      assert.throws(
        construct({ speedMps: { truck: 10 } }),
        inputError('GEO_INVALID_ARGUMENT', 'options.speedMps.truck', 'options.speedMps.truck is not a travel mode (known: "walk", "bike", "escooter", "car"), got 10'),
      );
      assert.throws(construct({ congestionSensitivity: { car: 1.5 } }), /options\.congestionSensitivity\.car must be a finite number in \[0, 1\], got 1\.5/);
    });

    it('rejects a congestion profile with a factor out of (0, 1], naming the hour', () => {
      const weekday = new Array<number>(24).fill(1);
      weekday[17] = 0;
      assert.throws(
        construct({ congestionProfile: { weekday, weekend: new Array<number>(24).fill(1) } }),
        inputError('GEO_INVALID_ARGUMENT', 'options.congestionProfile.weekday[17]', 'options.congestionProfile.weekday[17] must be a finite number in (0, 1], got 0'),
      );
    });

    it('rejects a profile with 25 hours', () => {
      assert.throws(
        construct({ congestionProfile: { weekday: new Array(25).fill(1), weekend: new Array(24).fill(1) } }),
        /options\.congestionProfile\.weekday must be an array of 24 hourly factors, got an array of length 25/,
      );
    });

    it('rejects an unknown default mode, an unknown option and a bad time zone', () => {
      assert.throws(construct({ defaultMode: 'boat' }), /^GeoInputError: options\.defaultMode must be one of "walk", "bike", "escooter", "car", got "boat"$/);
      assert.throws(construct({ detour: 1.2 }), /options\.detour is not an option \(known: detourFactor, /);
      assert.throws(construct({ timeZone: 'Europe/Atlantis' }), /options\.timeZone must be an IANA time zone name known to Intl, got "Europe\/Atlantis"/);
      assert.throws(construct({ timeZone: 'Europe/Paris', utcOffsetMin: 60 }), /options\.timeZone must not be given together with options\.utcOffsetMin/);
      assert.throws(construct({ utcOffsetMin: 90.5 }), /options\.utcOffsetMin must be an integer in \[-1080, 1080\], got 90\.5/);
    });
  });

  describe('calls', () => {
    const provider = new StraightLineProvider();

    it('names the bad point of a matrix with GEO_INVALID_COORDINATE', () => {
      const sources: LngLat[] = [A, B, A, B, [2.35, 91]];
      assert.throws(
        () => provider.matrixSync(sources, [A], T),
        inputError('GEO_INVALID_COORDINATE', 'sources[4][1] (lat)', 'sources[4][1] (lat) must be a finite latitude in [-90, 90], got 91'),
      );
      assert.throws(() => provider.matrixSync([A], [A, [Number.NaN, 0]], T), /^GeoInputError: targets\[1\]\[0\] \(lng\) must be a finite longitude/);
      assert.throws(() => provider.matrixSync([A], [A, [1] as unknown as LngLat], T), /targets\[1\] must be a \[lng, lat\] array, got \[1\]/);
      assert.throws(() => provider.matrixSync(null as unknown as LngLat[], [A], T), /sources must be an array of \[lng, lat\] points, got null/);
    });

    it('rejects departure times that are not integer Unix seconds', () => {
      assert.throws(() => provider.durationSync(A, B, T + 0.5), inputError('GEO_INVALID_ARGUMENT', 'departAt', `departAt must be an integer in [0, 253402300799], got ${T + 0.5}`));
      assert.throws(() => provider.matrixSync([A], [B], Date.now()), /departAt must be an integer in \[0, 253402300799\]/, 'milliseconds');
      assert.throws(() => provider.durationSync(A, B, -1), /departAt must be an integer/);
    });

    it('rejects an unknown mode', () => {
      assert.throws(
        () => provider.durationSync(A, B, T, { mode: 'rocket' as 'car' }),
        inputError('GEO_INVALID_ARGUMENT', 'options.mode', 'options.mode must be one of "walk", "bike", "escooter", "car", got "rocket"'),
      );
      assert.throws(() => provider.travelTimeSec(100, T, 'boat' as 'car'), /^GeoInputError: mode must be one of/);
    });

    it('rejects a negative route distance and too-short output arrays', () => {
      assert.throws(() => provider.travelTimeSec(-1, T), /routeDistanceM must be a finite number ≥ 0, got -1/);
      assert.throws(
        () => provider.matrixSync([A, B], [A, B], T, { durationSecOut: new Int32Array(3) }),
        /options\.durationSecOut must be an Int32Array of length ≥ 4, got a Int32Array/,
      );
    });

    it('rejects the promise (does not throw synchronously) from duration() and matrix()', async () => {
      const pending = provider.duration(A, [200, 0], T);
      assert.ok(pending instanceof Promise);
      await assert.rejects(pending, inputError('GEO_INVALID_COORDINATE', 'to[0] (lng)', 'to[0] (lng) must be a finite longitude in [-180, 180], got 200'));
      await assert.rejects(provider.matrix([A], [B], 1.5), /departAt must be an integer/);
    });

    it('rejects with an AbortError when the signal is already aborted', async () => {
      const controller = new AbortController();
      controller.abort();
      await assert.rejects(provider.matrix([A], [B], T, { signal: controller.signal }), { name: 'AbortError' });
    });
  });
});
