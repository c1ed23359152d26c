import assert from 'node:assert/strict';
import {
  DEFAULT_DISPATCH_CONFIG,
  DispatchInputError,
  isLatenessAlert,
  resolveDispatchConfig,
  type DispatchConfigInput,
} from '@o2o/dispatch-core';

/** Calls resolveDispatchConfig on untyped input (as read from JSON) and returns its error. */
function errorOf(input: unknown, prefix?: string): DispatchInputError {
  try {
    resolveDispatchConfig(input as DispatchConfigInput, prefix);
  } catch (error) {
    assert.ok(error instanceof DispatchInputError, String(error));
    return error;
  }
  assert.fail('expected a DispatchInputError');
}

type Case = [input: unknown, message: string];

const CASES: Case[] = [
  [{ pricing: { surge: { maxMultiplier: 7 } } }, 'pricing.surge.maxMultiplier must be a number in [1, 5], got 7'],
  [{ pricing: { surge: { maxMultiplier: 0.5 } } }, 'pricing.surge.maxMultiplier must be a number in [1, 5], got 0.5'],
  [{ pricing: { surge: { thresholdRatio: Number.NaN } } }, 'pricing.surge.thresholdRatio must be a number in [0, 100], got NaN'],
  [{ pricing: { surge: { halfLifeSec: 1.5 } } }, 'pricing.surge.halfLifeSec must be an integer in [0, 86400], got 1.5'],
  [{ pricing: { baseCents: '299' } }, 'pricing.baseCents must be an integer in [0, 100000], got "299"'],
  [{ pricing: { baseCents: null } }, 'pricing.baseCents must be an integer in [0, 100000], got null'],
  [{ pricing: { weather: { snow: { feeCents: -5 } } } }, 'pricing.weather.snow.feeCents must be an integer in [0, 100000], got -5'],
  [{ pricing: { weather: { heavy_rain: { promiseExtraSec: 9000 } } } }, 'pricing.weather.heavy_rain.promiseExtraSec must be an integer in [0, 7200], got 9000'],
  [{ pricing: { weather: { hail: { feeCents: 1 } } } }, 'pricing.weather.hail is not a known parameter (known: clear, rain, heavy_rain, snow), got an object'],
  [{ pricing: { distance: { tiers: 'none' } } }, 'pricing.distance.tiers must be an array of at most 24 elements, got "none"'],
  [
    { pricing: { distance: { tiers: [{ fromM: 2000, centsPerKm: 60 }, { fromM: 1500, centsPerKm: 90 }] } } },
    'pricing.distance.tiers[1].fromM must be greater than pricing.distance.tiers[0].fromM (2000), got 1500',
  ],
  [{ pricing: { distance: { tiers: [{ fromM: 0, centsPerKm: -1 }] } } }, 'pricing.distance.tiers[0].centsPerKm must be an integer in [0, 100000], got -1'],
  [{ pricing: { distance: { tiers: [{ fromM: 0, centsPerKm: 1, perKm: 2 }] } } }, 'pricing.distance.tiers[0].perKm is not a known field (known: fromM, centsPerKm), got 2'],
  [{ pricing: { distance: { maxDistanceM: 0 } } }, 'pricing.distance.maxDistanceM must be an integer in [1, 1000000], got 0'],
  [
    { pricing: { timeOfDay: { windows: [{ name: 'lunch', start: '25:00', end: '14:00', surchargeCents: 1 }] } } },
    'pricing.timeOfDay.windows[0].start must be a local time "HH:MM" in 00:00–23:59, got "25:00"',
  ],
  [
    { pricing: { timeOfDay: { windows: [{ name: 'x', start: '11:00', end: '11:00', surchargeCents: 1 }] } } },
    'pricing.timeOfDay.windows[0].end must differ from start (11:00); a window crossing midnight ends before it starts, got "11:00"',
  ],
  [
    {
      pricing: {
        timeOfDay: {
          windows: [
            { name: 'peak', start: '11:00', end: '12:00', surchargeCents: 1 },
            { name: 'peak', start: '18:00', end: '19:00', surchargeCents: 1 },
          ],
        },
      },
    },
    'pricing.timeOfDay.windows[1].name must be unique among the windows, got "peak"',
  ],
  [{ pricing: { timeOfDay: { timeZone: 'Mars/Olympus' } } }, 'pricing.timeOfDay.timeZone must be an IANA time zone name known to Intl, e.g. "Europe/Paris", got "Mars/Olympus"'],
  [{ assignment: { epochSec: 0 } }, 'assignment.epochSec must be an integer in [1, 3600], got 0'],
  [{ assignment: { maxBundleSize: 2.5 } }, 'assignment.maxBundleSize must be an integer in [1, 10], got 2.5'],
  [{ assignment: { reassignNotPickedUp: 'yes' } }, 'assignment.reassignNotPickedUp must be a boolean, got "yes"'],
  [{ assignment: { latenessWeight: -1 } }, 'assignment.latenessWeight must be a number in [0, 100], got -1'],
  [{ assignment: { epochSecs: 20 } }, 'assignment.epochSecs is not a known parameter (known: epochSec, maxCandidateRiders, candidateRadiusSec, maxBundleSize, bundleMaxDetourSec, bundleReadyGapSec, commitHorizonSec, reassignNotPickedUp, workloadBalanceWeight, unassignedPenaltySec, latenessWeight, sameStoreBundlesOnly), got 20'],
  [{ eta: { alertMarginSec: -60 } }, 'eta.alertMarginSec must be an integer in [0, 7200], got -60'],
  [{ rebalancing: { speedMps: Infinity } }, 'rebalancing.speedMps must be a number in [0.5, 30], got Infinity'],
  [{ rebalancing: { minGainOrders: 0 } }, 'rebalancing.minGainOrders must be a number in [0.001, 100], got 0'],
  [{ pricing: 5 }, 'pricing must be an object, got 5'],
  [{ pricing: [] }, 'pricing must be an object, got []'],
  [{ routing: {} }, 'routing is not a known parameter (known: assignment, eta, pricing, rebalancing), got an object'],
  [{ pricing: { surge: { thresholdRatio: 3, capRatio: 2 } } }, 'pricing.surge.capRatio must be greater than pricing.surge.thresholdRatio (3), got 2'],
  [{ pricing: { surge: { thresholdRatio: 2, capRatio: 2 } } }, 'pricing.surge.capRatio must be greater than pricing.surge.thresholdRatio (2), got 2'],
];

describe('resolveDispatchConfig', () => {
  it('returns the defaults for no input, equal to DEFAULT_DISPATCH_CONFIG', () => {
    assert.deepEqual(resolveDispatchConfig(), DEFAULT_DISPATCH_CONFIG);
    assert.deepEqual(resolveDispatchConfig({}), DEFAULT_DISPATCH_CONFIG);
  });

  it('has the assignment defaults the epoch assignment relies on', () => {
    assert.deepEqual(DEFAULT_DISPATCH_CONFIG.assignment, {
      epochSec: 15,
      maxCandidateRiders: 30,
      candidateRadiusSec: 1200,
      maxBundleSize: 3,
      bundleMaxDetourSec: 600,
      bundleReadyGapSec: 600,
      commitHorizonSec: 120,
      reassignNotPickedUp: true,
      workloadBalanceWeight: 0,
      unassignedPenaltySec: 3600,
      latenessWeight: 3,
      sameStoreBundlesOnly: false,
    });
  });

  it('has a zero lateness-alert margin by default', () => {
    assert.equal(DEFAULT_DISPATCH_CONFIG.eta.alertMarginSec, 0);
  });

  it('deep-freezes the result, lists and their elements included', () => {
    const config = resolveDispatchConfig({ pricing: { distance: { tiers: [{ fromM: 0, centsPerKm: 10 }] } } });
    for (const value of [config, config.pricing, config.pricing.surge, config.pricing.weather.rain, config.pricing.distance.tiers, config.pricing.distance.tiers[0]]) {
      assert.ok(Object.isFrozen(value));
    }
    assert.ok(Object.isFrozen(DEFAULT_DISPATCH_CONFIG.pricing.timeOfDay.windows[0]));
  });

  it('overrides only the fields given and keeps every other default', () => {
    const config = resolveDispatchConfig({ pricing: { surge: { maxMultiplier: 3 } }, assignment: { sameStoreBundlesOnly: true } });
    assert.equal(config.pricing.surge.maxMultiplier, 3);
    assert.equal(config.pricing.surge.thresholdRatio, DEFAULT_DISPATCH_CONFIG.pricing.surge.thresholdRatio);
    assert.equal(config.assignment.sameStoreBundlesOnly, true);
    assert.equal(config.assignment.epochSec, 15);
    assert.deepEqual(config.rebalancing, DEFAULT_DISPATCH_CONFIG.rebalancing);
  });

  it('replaces a list whole instead of merging it', () => {
    const windows = [{ name: 'brunch', start: '10:00', end: '11:00', surchargeCents: 50 }];
    assert.deepEqual(resolveDispatchConfig({ pricing: { timeOfDay: { windows } } }).pricing.timeOfDay.windows, windows);
    assert.deepEqual(resolveDispatchConfig({ pricing: { distance: { tiers: [] } } }).pricing.distance.tiers, []);
  });

  it('takes an explicit undefined as the default', () => {
    assert.equal(resolveDispatchConfig({ assignment: { epochSec: undefined } }).assignment.epochSec, 15);
  });

  it('copies the input: changing it later does not change the config', () => {
    const tiers = [{ fromM: 1000, centsPerKm: 10 }];
    const config = resolveDispatchConfig({ pricing: { distance: { tiers } } });
    tiers[0]!.centsPerKm = 99;
    assert.equal(config.pricing.distance.tiers[0]!.centsPerKm, 10);
    assert.ok(!Object.isFrozen(tiers));
  });

  it('accepts a window crossing midnight and a valid IANA zone', () => {
    const config = resolveDispatchConfig({
      pricing: { timeOfDay: { timeZone: 'Europe/Paris', windows: [{ name: 'night', start: '22:00', end: '06:00', surchargeCents: 80 }] } },
    });
    assert.equal(config.pricing.timeOfDay.timeZone, 'Europe/Paris');
  });

  for (const [input, message] of CASES) {
    it(`rejects with "${message}"`, () => {
      const error = errorOf(input);
      assert.equal(error.message, message);
      assert.equal(error.code, 'INVALID_INPUT');
      assert.equal(error.issues.length, 1);
    });
  }

  it('names the field, the rule and the value on the error', () => {
    const error = errorOf({ pricing: { surge: { maxMultiplier: 7 } } });
    assert.equal(error.field, 'pricing.surge.maxMultiplier');
    assert.equal(error.rule, 'must be a number in [1, 5]');
    assert.equal(error.value, 7);
  });

  it('reports every bad field at once', () => {
    const error = errorOf({ assignment: { epochSec: -1, maxBundleSize: 0 }, eta: { refreshIntervalSec: 1 } });
    assert.deepEqual(
      error.issues.map((i) => i.field),
      ['assignment.epochSec', 'assignment.maxBundleSize', 'eta.refreshIntervalSec'],
    );
  });

  it('prefixes every path with the given prefix', () => {
    assert.equal(errorOf({ pricing: { surge: { maxMultiplier: 7 } } }, 'config').field, 'config.pricing.surge.maxMultiplier');
    assert.equal(errorOf(42, 'config').message, 'config must be an object, got 42');
    assert.equal(errorOf(null).message, 'config must be an object, got null');
  });

  it('checks rules between fields only once each field is valid', () => {
    const error = errorOf({ pricing: { surge: { thresholdRatio: 3, capRatio: 'x' } } });
    assert.deepEqual(error.issues.map((i) => i.field), ['pricing.surge.capRatio']);
    assert.match(error.message, /must be a number/);
  });
});

describe('isLatenessAlert', () => {
  const promisedBy = 1_700_000_000;

  it('alerts only past the promise with the default zero margin', () => {
    const eta = DEFAULT_DISPATCH_CONFIG.eta;
    assert.equal(isLatenessAlert(promisedBy, promisedBy, eta), false);
    assert.equal(isLatenessAlert(promisedBy + 1, promisedBy, eta), true);
  });

  it('alerts alertMarginSec before the promise', () => {
    const eta = resolveDispatchConfig({ eta: { alertMarginSec: 300 } }).eta;
    assert.equal(isLatenessAlert(promisedBy - 300, promisedBy, eta), false);
    assert.equal(isLatenessAlert(promisedBy - 299, promisedBy, eta), true);
  });
});
