import assert from 'node:assert/strict';
import { StraightLineProvider, type CongestionProfile, type TravelMode } from '@o2o/geo';

/** 2024-01-12 00:00 UTC, a Friday: a day sweep crosses into the weekend at midnight. */
const FRI = Date.UTC(2024, 0, 12) / 1000;
const DAY = 86_400;
/** Europe/Paris springs forward at 2024-03-31T01:00:00Z and falls back at 2024-10-27T01:00:00Z. */
const PARIS_SPRING = Date.UTC(2024, 2, 31, 1) / 1000;
const PARIS_FALL = Date.UTC(2024, 9, 27, 1) / 1000;

/** Alternates free flow and near standstill every hour: the harshest profile for FIFO. */
const SAWTOOTH: CongestionProfile = {
  weekday: Array.from({ length: 24 }, (_, h) => (h % 2 === 0 ? 1 : 0.05)),
  weekend: Array.from({ length: 24 }, (_, h) => (h % 2 === 0 ? 0.05 : 1)),
};

/**
 * Checks arrival(t + stepSec) ≥ arrival(t) for departures every `stepSec` in [fromSec, toSec),
 * for each route distance.
 */
function assertFifo(
  provider: StraightLineProvider,
  mode: TravelMode,
  distancesM: readonly number[],
  fromSec: number,
  toSec: number,
  stepSec: number,
): void {
  for (const distanceM of distancesM) {
    let lastArrival = -Infinity;
    for (let t = fromSec; t < toSec; t += stepSec) {
      const arrival = t + provider.travelTimeSec(distanceM, t, mode);
      assert.ok(arrival >= lastArrival, `${mode} ${distanceM} m: leaving at ${t} arrives at ${arrival}, before ${lastArrival}`);
      lastArrival = arrival;
    }
  }
}

describe('travel-time FIFO (leaving later never arrives earlier)', () => {
  it('holds for every second of a day with the default profile, for cars and bikes', () => {
    const provider = new StraightLineProvider();
    assertFifo(provider, 'car', [300, 5_000, 40_000], FRI, FRI + DAY, 1);
    assertFifo(provider, 'bike', [2_000, 25_000], FRI, FRI + DAY, 1);
  });

  it('holds over a full week for long trips', () => {
    const provider = new StraightLineProvider();
    assertFifo(provider, 'car', [150_000, 600_000], FRI, FRI + 7 * DAY, 29);
    assertFifo(provider, 'escooter', [5_000_000], FRI, FRI + 7 * DAY, 307);
  });

  it('holds under a sawtooth profile swinging between 1 and 0.05 every hour', () => {
    const provider = new StraightLineProvider({ congestionProfile: SAWTOOTH });
    assertFifo(provider, 'car', [1_000, 10_000, 30_000, 120_000], FRI, FRI + DAY, 1);
    assertFifo(provider, 'bike', [8_000], FRI, FRI + DAY, 1);
  });

  it('holds across daylight-saving changes of an IANA zone', () => {
    const provider = new StraightLineProvider({ timeZone: 'Europe/Paris', congestionProfile: SAWTOOTH });
    for (const change of [PARIS_SPRING, PARIS_FALL]) {
      assertFifo(provider, 'car', [2_000, 20_000, 80_000], change - 6 * 3600, change + 3 * 3600, 1);
    }
  });

  it('would be broken by scaling the whole trip by the factor at departure', () => {
    // Sanity check of the test itself: the naive model violates FIFO where the integral does not.
    const provider = new StraightLineProvider({ congestionProfile: SAWTOOTH });
    const distanceM = 30_000;
    const naiveArrival = (t: number): number => t + distanceM / provider.speedMpsAt(t, 'car');
    const t0 = FRI + 0.9 * 3600; // factor falling from 1 towards 0.05
    assert.ok(naiveArrival(t0 + 60) - naiveArrival(t0) > 0);
    const t1 = FRI + 1.5 * 3600; // factor rising from 0.05 towards 1
    assert.ok(naiveArrival(t1 + 60) < naiveArrival(t1), 'naive model arrives earlier when leaving later');
    assert.ok(t1 + 60 + provider.travelTimeSec(distanceM, t1 + 60, 'car') >= t1 + provider.travelTimeSec(distanceM, t1, 'car'));
  });
});
