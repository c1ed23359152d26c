import assert from 'node:assert/strict';
import { DEFAULT_DISPATCH_CONFIG, isInPeakWindow, localSecOfDay, resolveDispatchConfig, timeOfDaySurcharge } from '@o2o/dispatch-core';

/** 2024-01-15 (a Monday) at hh:mm UTC, epoch seconds. */
const utc = (hh: number, mm = 0): number => Date.UTC(2024, 0, 15, hh, mm) / 1000;
const TOD = DEFAULT_DISPATCH_CONFIG.pricing.timeOfDay; // lunch 11:30–14:00 +100, dinner 18:00–21:00 +150, late_night 23:00–02:00 +120 (UTC)

describe('time-of-day surcharge', () => {
  const cases: [hh: number, mm: number, cents: number, window: string | null][] = [
    [11, 29, 0, null],
    [11, 30, 100, 'lunch'],
    [13, 59, 100, 'lunch'],
    [14, 0, 0, null],
    [19, 0, 150, 'dinner'],
    [22, 59, 0, null],
    [23, 0, 120, 'late_night'],
    [0, 0, 120, 'late_night'],
    [1, 59, 120, 'late_night'],
    [2, 0, 0, null],
    [5, 0, 0, null],
  ];
  for (const [hh, mm, cents, window] of cases) {
    const at = `${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}`;
    it(`charges ${cents} at ${at} UTC (${window ?? 'off-peak'})`, () => {
      assert.deepEqual(timeOfDaySurcharge(utc(hh, mm), TOD), { surchargeCents: cents, window });
    });
  }

  it('tests [start, end) windows, crossing midnight when end < start', () => {
    assert.equal(isInPeakWindow(23 * 3600 + 30 * 60, '23:00', '02:00'), true);
    assert.equal(isInPeakWindow(12 * 3600, '23:00', '02:00'), false);
    assert.equal(isInPeakWindow(0, '18:00', '00:00'), false);
    assert.equal(isInPeakWindow(23 * 3600 + 59 * 60, '18:00', '00:00'), true);
  });

  it('reads the windows in the configured time zone, daylight saving included', () => {
    const tod = resolveDispatchConfig({ pricing: { timeOfDay: { timeZone: 'Europe/Paris' } } }).pricing.timeOfDay;
    // January: Paris is UTC+1, so 10:45 UTC is 11:45 local (lunch); July: UTC+2, so 9:45 UTC is 11:45.
    assert.equal(timeOfDaySurcharge(utc(10, 45), tod).window, 'lunch');
    assert.equal(timeOfDaySurcharge(Date.UTC(2024, 6, 15, 9, 45) / 1000, tod).window, 'lunch');
    assert.equal(timeOfDaySurcharge(Date.UTC(2024, 6, 15, 10, 45) / 1000, TOD).window, null);
    assert.equal(localSecOfDay(utc(23, 30), 'Europe/Paris'), 30 * 60);
  });

  it('takes the largest surcharge of overlapping windows, the first on ties', () => {
    const tod = resolveDispatchConfig({
      pricing: {
        timeOfDay: {
          windows: [
            { name: 'a', start: '10:00', end: '14:00', surchargeCents: 50 },
            { name: 'b', start: '12:00', end: '13:00', surchargeCents: 80 },
            { name: 'c', start: '12:30', end: '15:00', surchargeCents: 80 },
          ],
        },
      },
    }).pricing.timeOfDay;
    assert.deepEqual(timeOfDaySurcharge(utc(11), tod), { surchargeCents: 50, window: 'a' });
    assert.deepEqual(timeOfDaySurcharge(utc(12, 45), tod), { surchargeCents: 80, window: 'b' });
    assert.deepEqual(timeOfDaySurcharge(utc(14, 30), tod), { surchargeCents: 80, window: 'c' });
  });

  it('charges nothing without windows', () => {
    const tod = resolveDispatchConfig({ pricing: { timeOfDay: { windows: [] } } }).pricing.timeOfDay;
    assert.deepEqual(timeOfDaySurcharge(utc(12), tod), { surchargeCents: 0, window: null });
  });
});
