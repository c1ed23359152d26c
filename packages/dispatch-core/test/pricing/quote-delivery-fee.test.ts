import assert from 'node:assert/strict';
import {
  DEFAULT_DISPATCH_CONFIG,
  DispatchInputError,
  HeatmapSnapshot,
  SurgeSmoother,
  WEATHER_CONDITIONS,
  quoteDeliveryFee,
  resolveDispatchConfig,
  type FeeQuoteInput,
  type FeeSurgeInput,
} from '@o2o/dispatch-core';
import { H3Heatmap, mulberry32 } from '@o2o/geo';

/** 2024-01-15 at hh:mm UTC, epoch seconds (the default peak windows are in UTC). */
const utc = (hh: number, mm = 0): number => Date.UTC(2024, 0, 15, hh, mm) / 1000;
const OFF_PEAK = utc(4);
const LUNCH = utc(12);
const POINT = [2.3522, 48.8566] as const;

/** A callback source answering `demand`/`supply` for one cell. */
const source = (demand: number, supply: number) => (cell: string) => (cell === 'c1' ? { demand, supply } : undefined);

function inputError(fn: () => unknown): DispatchInputError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof DispatchInputError, String(error));
    return error;
  }
  assert.fail('expected a DispatchInputError');
}

describe('quoteDeliveryFee', () => {
  it('charges base + distance only off-peak, in clear weather, without surge', () => {
    const quote = quoteDeliveryFee({ distanceM: 7500, atSec: OFF_PEAK, weather: 'clear' });
    assert.deepEqual(quote, {
      feeCents: 704,
      breakdown: { baseCents: 299, distanceCents: 405, surgeCents: 0, weatherCents: 0, timeOfDayCents: 0 },
      surgeMultiplier: 1,
      promiseExtraSec: 0,
      timeOfDayWindow: null,
    });
    assert.ok(Object.isFrozen(quote) && Object.isFrozen(quote.breakdown));
  });

  it('adds every component on a hand-computed example', () => {
    // 7.5 km: 299 + 405; ratio 6/2 = 3 → ×2: +704; rain +100 (+300 s); lunch +100.
    const quote = quoteDeliveryFee({ distanceM: 7500, atSec: LUNCH, weather: 'rain', surge: { cell: 'c1', supplyDemand: source(6, 2) } });
    assert.deepEqual(quote, {
      feeCents: 1608,
      breakdown: { baseCents: 299, distanceCents: 405, surgeCents: 704, weatherCents: 100, timeOfDayCents: 100 },
      surgeMultiplier: 2,
      promiseExtraSec: 300,
      timeOfDayWindow: 'lunch',
    });
  });

  it('surges base + distance by the linear part of the curve', () => {
    // ratio 2.1 is half-way from 1.2 to 3 → ×1.5: (299 + 405) × 0.5 = 352.
    const quote = quoteDeliveryFee({ distanceM: 7500, atSec: OFF_PEAK, weather: 'clear', surge: { cell: 'c1', supplyDemand: source(4.2, 2) } });
    assert.equal(quote.surgeMultiplier, 1.5);
    assert.equal(quote.breakdown.surgeCents, 352);
  });

  it('rounds the multiplier to 0.01 and the surge to whole cents', () => {
    // ratio 2 → 1 + 0.8 / 1.8 = 1.444… → 1.44: 704 × 0.44 = 309.76 → 310.
    const quote = quoteDeliveryFee({ distanceM: 7500, atSec: OFF_PEAK, weather: 'clear', surge: { cell: 'c1', supplyDemand: source(4, 2) } });
    assert.equal(quote.surgeMultiplier, 1.44);
    assert.equal(quote.breakdown.surgeCents, 310);
  });

  it('does not surge a cell the source does not know', () => {
    const quote = quoteDeliveryFee({ distanceM: 1000, atSec: OFF_PEAK, weather: 'clear', surge: { cell: 'other', supplyDemand: source(9, 0) } });
    assert.equal(quote.surgeMultiplier, 1);
    assert.equal(quote.feeCents, 299);
  });

  it('adds the weather fee and widens the promise for each condition', () => {
    const expected = { clear: [0, 0], rain: [100, 300], heavy_rain: [250, 600], snow: [300, 900] } as const;
    for (const weather of WEATHER_CONDITIONS) {
      const quote = quoteDeliveryFee({ distanceM: 1000, atSec: OFF_PEAK, weather });
      assert.deepEqual([quote.breakdown.weatherCents, quote.promiseExtraSec], expected[weather], weather);
      assert.equal(quote.feeCents, 299 + expected[weather][0]);
    }
  });

  it('uses the configured weather rules', () => {
    const config = resolveDispatchConfig({ pricing: { weather: { snow: { feeCents: 500, promiseExtraSec: 1200 } } } });
    const quote = quoteDeliveryFee({ distanceM: 0, atSec: OFF_PEAK, weather: 'snow' }, config);
    assert.deepEqual([quote.feeCents, quote.promiseExtraSec], [799, 1200]);
  });

  it('adds the surcharge of the peak window, crossing midnight', () => {
    assert.equal(quoteDeliveryFee({ distanceM: 0, atSec: utc(0, 30), weather: 'clear' }).breakdown.timeOfDayCents, 120);
    assert.equal(quoteDeliveryFee({ distanceM: 0, atSec: utc(19), weather: 'clear' }).timeOfDayWindow, 'dinner');
  });

  it('smooths the multiplier over time per cell with the smoother', () => {
    const smoother = new SurgeSmoother();
    const quote = (demand: number, atSec: number) =>
      quoteDeliveryFee({ distanceM: 0, atSec, weather: 'clear', surge: { cell: 'c1', supplyDemand: source(demand, 1), smoother } });
    assert.equal(quote(9, OFF_PEAK).surgeMultiplier, 2);
    assert.equal(quote(0, OFF_PEAK + 300).surgeMultiplier, 1.5); // one half-life towards 1
    assert.equal(quote(0, OFF_PEAK + 300).surgeMultiplier, 1.5); // same second: no jump
    assert.equal(quote(0, OFF_PEAK + 600).surgeMultiplier, 1.25);
  });

  it('reads the smoothed ratio of the order cell from an H3Heatmap and from its snapshot', () => {
    const heatmap = new H3Heatmap({ resolution: 8, windowSec: 900 });
    for (let i = 0; i < 4; i++) heatmap.add('demand', POINT[0], POINT[1], OFF_PEAK - 60);
    const cell = heatmap.cells().find((c) => c.demand === 4)!.h3;
    const input = (supplyDemand: FeeSurgeInput['supplyDemand']): FeeQuoteInput => ({
      distanceM: 0,
      atSec: OFF_PEAK,
      weather: 'clear',
      surge: { cell, supplyDemand },
    });
    // smoothed demand of the cell: 4 × 1 / (1 + 6 × 0.5) = 1 (= minDemand), no supply → cap ×2.
    assert.equal(quoteDeliveryFee(input(heatmap)).surgeMultiplier, 2);
    assert.equal(quoteDeliveryFee(input(HeatmapSnapshot.fromHeatmap(heatmap))).surgeMultiplier, 2);
    // two idle riders there: smoothed supply 0.5, ratio 2 → 1.44.
    heatmap.add('supply', POINT[0], POINT[1], OFF_PEAK - 30);
    heatmap.add('supply', POINT[0], POINT[1], OFF_PEAK - 30);
    assert.equal(quoteDeliveryFee(input(heatmap)).surgeMultiplier, 1.44);
    assert.equal(quoteDeliveryFee(input(HeatmapSnapshot.fromHeatmap(heatmap))).surgeMultiplier, 1.44);
  });

  it('does not surge on too little demand (a neighbour cell of a busy one)', () => {
    const heatmap = new H3Heatmap({ resolution: 8, windowSec: 900 });
    for (let i = 0; i < 4; i++) heatmap.add('demand', POINT[0], POINT[1], OFF_PEAK);
    const neighbour = heatmap.cells().find((c) => c.demand === 0)!; // smoothed demand 0.5 < minDemand 1
    assert.equal(neighbour.smoothedDemand, 0.5);
    const quote = quoteDeliveryFee({ distanceM: 0, atSec: OFF_PEAK, weather: 'clear', surge: { cell: neighbour.h3, supplyDemand: heatmap } });
    assert.equal(quote.surgeMultiplier, 1);
  });

  it('always sums the breakdown to the fee and keeps the multiplier in bounds', () => {
    const rng = mulberry32(3);
    const config = resolveDispatchConfig({ pricing: { surge: { maxMultiplier: 2.5 } } });
    for (let i = 0; i < 300; i++) {
      const quote = quoteDeliveryFee(
        {
          distanceM: rng() * 30_000,
          atSec: OFF_PEAK + Math.floor(rng() * 86_400),
          weather: WEATHER_CONDITIONS[Math.floor(rng() * 4)]!,
          surge: { cell: 'c1', supplyDemand: source(rng() * 10, rng() * 3) },
        },
        config,
      );
      const b = quote.breakdown;
      assert.equal(quote.feeCents, b.baseCents + b.distanceCents + b.surgeCents + b.weatherCents + b.timeOfDayCents);
      for (const cents of Object.values(b)) assert.ok(Number.isInteger(cents) && cents >= 0);
      assert.ok(quote.surgeMultiplier >= 1 && quote.surgeMultiplier <= 2.5);
    }
  });

  const bad: [name: string, input: unknown, message: string][] = [
    ['a negative distance', { distanceM: -5, atSec: OFF_PEAK, weather: 'clear' }, 'quote.distanceM must be a finite number of metres in [0, 30000] (pricing.distance.maxDistanceM), got -5'],
    ['a NaN distance', { distanceM: Number.NaN, atSec: OFF_PEAK, weather: 'clear' }, 'quote.distanceM must be a finite number of metres in [0, 30000] (pricing.distance.maxDistanceM), got NaN'],
    ['a distance beyond maxDistanceM', { distanceM: 30_001, atSec: OFF_PEAK, weather: 'clear' }, 'quote.distanceM must be a finite number of metres in [0, 30000] (pricing.distance.maxDistanceM), got 30001'],
    ['a time in milliseconds', { distanceM: 0, atSec: OFF_PEAK * 1000, weather: 'clear' }, `quote.atSec must be integer Unix epoch seconds in [0, 4102444800], got ${OFF_PEAK * 1000}`],
    ['an unknown weather', { distanceM: 0, atSec: OFF_PEAK, weather: 'hail' }, "quote.weather must be one of 'clear', 'rain', 'heavy_rain', 'snow', got \"hail\""],
    ['an empty cell', { distanceM: 0, atSec: OFF_PEAK, weather: 'clear', surge: { cell: '', supplyDemand: source(1, 1) } }, 'quote.surge.cell must be a non-empty string, got ""'],
    ['a bad source', { distanceM: 0, atSec: OFF_PEAK, weather: 'clear', surge: { cell: 'c1', supplyDemand: 42 } }, 'quote.surge.supplyDemand must be an H3Heatmap, a HeatmapSnapshot or a function (cell) => { demand, supply }, got 42'],
    ['a bad smoother', { distanceM: 0, atSec: OFF_PEAK, weather: 'clear', surge: { cell: 'c1', supplyDemand: source(1, 1), smoother: {} } }, 'quote.surge.smoother must be a SurgeSmoother when given, got an object'],
    ['a source answering negative demand', { distanceM: 0, atSec: OFF_PEAK, weather: 'clear', surge: { cell: 'c1', supplyDemand: source(-1, 1) } }, 'quote.surge.supplyDemand("c1").demand must be a finite number ≥ 0, got -1'],
  ];
  for (const [name, input, message] of bad) {
    it(`rejects ${name}`, () => {
      assert.equal(inputError(() => quoteDeliveryFee(input as FeeQuoteInput)).message, message);
    });
  }

  it('reports every bad field at once and leaves the smoother untouched', () => {
    const smoother = new SurgeSmoother();
    const error = inputError(() =>
      quoteDeliveryFee({ distanceM: -1, atSec: 1.5, weather: 'fog', surge: { cell: 'c1', supplyDemand: source(9, 0), smoother } } as unknown as FeeQuoteInput),
    );
    assert.deepEqual(error.issues.map((i) => i.field), ['quote.distanceM', 'quote.atSec', 'quote.weather']);
    assert.equal(smoother.size, 0);
  });

  it('uses the default config when none is given', () => {
    assert.deepEqual(quoteDeliveryFee({ distanceM: 2500, atSec: OFF_PEAK, weather: 'clear' }), quoteDeliveryFee({ distanceM: 2500, atSec: OFF_PEAK, weather: 'clear' }, DEFAULT_DISPATCH_CONFIG));
  });
});
