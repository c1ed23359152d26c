import assert from 'node:assert/strict';
import { GeoInputError, fixedOffsetClock, timeZoneClock } from '@o2o/geo';

/** Europe/Paris springs forward at 2024-03-31T01:00:00Z and falls back at 2024-10-27T01:00:00Z. */
const PARIS_SPRING = Date.UTC(2024, 2, 31, 1) / 1000;
const PARIS_FALL = Date.UTC(2024, 9, 27, 1) / 1000;

describe('travel-time/local-clock', () => {
  describe('fixedOffsetClock', () => {
    it('returns the same offset at every instant and never changes', () => {
      const clock = fixedOffsetClock(-300);
      assert.equal(clock.utcOffsetSecAt(0), -18_000);
      assert.equal(clock.utcOffsetSecAt(PARIS_SPRING), -18_000);
      assert.equal(clock.nextOffsetChange(0, 1e10), Infinity);
    });

    it('accepts ±18:00 and rejects wider or fractional offsets', () => {
      fixedOffsetClock(1080);
      fixedOffsetClock(-1080);
      assert.throws(() => fixedOffsetClock(1081), /^GeoInputError: utcOffsetMin must be an integer in \[-1080, 1080\], got 1081$/);
      assert.throws(() => fixedOffsetClock(30.5), (err: unknown) => err instanceof GeoInputError && err.code === 'GEO_INVALID_ARGUMENT');
    });
  });

  describe('timeZoneClock', () => {
    it('resolves winter and summer offsets of an IANA zone', () => {
      const paris = timeZoneClock('Europe/Paris');
      assert.equal(paris.utcOffsetSecAt(Date.UTC(2024, 0, 10, 12) / 1000), 3600);
      assert.equal(paris.utcOffsetSecAt(Date.UTC(2024, 6, 10, 12) / 1000), 7200);
      assert.equal(timeZoneClock('Asia/Kolkata').utcOffsetSecAt(PARIS_SPRING), 19_800);
      assert.equal(timeZoneClock('UTC').utcOffsetSecAt(PARIS_SPRING), 0);
    });

    it('switches offset at the exact second of a daylight-saving change', () => {
      const paris = timeZoneClock('Europe/Paris');
      assert.equal(paris.utcOffsetSecAt(PARIS_SPRING - 1), 3600);
      assert.equal(paris.utcOffsetSecAt(PARIS_SPRING), 7200);
      assert.equal(paris.utcOffsetSecAt(PARIS_FALL - 1), 7200);
      assert.equal(paris.utcOffsetSecAt(PARIS_FALL), 3600);
    });

    it('reports the next change within a window, and none outside it', () => {
      const paris = timeZoneClock('Europe/Paris');
      assert.equal(paris.nextOffsetChange(PARIS_SPRING - 5000, PARIS_SPRING + 5000), PARIS_SPRING);
      assert.equal(paris.nextOffsetChange(PARIS_SPRING - 5000, PARIS_SPRING), PARIS_SPRING);
      assert.equal(paris.nextOffsetChange(PARIS_SPRING, PARIS_SPRING + 86_400), Infinity);
      assert.equal(paris.nextOffsetChange(PARIS_SPRING - 5000, PARIS_SPRING - 1), Infinity);
    });

    it('agrees with Intl on a sweep of instants across a year', () => {
      const zone = 'America/New_York';
      const clock = timeZoneClock(zone);
      const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, hour: 'numeric', hourCycle: 'h23' });
      for (let t = Date.UTC(2024, 0, 1) / 1000; t < Date.UTC(2025, 0, 1) / 1000; t += 7 * 3600 + 13) {
        const localHour = Math.floor((((t + clock.utcOffsetSecAt(t)) % 86_400) + 86_400) % 86_400 / 3600);
        assert.equal(localHour, Number(format.format(t * 1000)), `at ${new Date(t * 1000).toISOString()}`);
      }
    });

    it('throws GEO_INVALID_ARGUMENT for a zone Intl does not know', () => {
      assert.throws(
        () => timeZoneClock('Mars/Olympus_Mons'),
        (err: unknown) =>
          err instanceof GeoInputError &&
          err.code === 'GEO_INVALID_ARGUMENT' &&
          err.message === 'timeZone must be an IANA time zone name known to Intl, got "Mars/Olympus_Mons"',
      );
      assert.throws(() => timeZoneClock(''), /timeZone must be an IANA time zone name/);
    });
  });
});
