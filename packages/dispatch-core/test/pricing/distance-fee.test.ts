import assert from 'node:assert/strict';
import { DEFAULT_DISPATCH_CONFIG, distanceFeeCents } from '@o2o/dispatch-core';

const TIERS = DEFAULT_DISPATCH_CONFIG.pricing.distance.tiers; // 2 km included, 60 ¢/km to 5 km, 90 ¢/km to 10 km, 150 ¢/km beyond

describe('distanceFeeCents', () => {
  const cases: [distanceM: number, cents: number, why: string][] = [
    [0, 0, 'nothing'],
    [2000, 0, 'the first 2 km are included'],
    [2500, 30, '0.5 km × 60'],
    [5000, 180, '3 km × 60'],
    [7500, 405, '3 km × 60 + 2.5 km × 90'],
    [12_000, 930, '3 km × 60 + 5 km × 90 + 2 km × 150'],
    [2008, 0, '8 m × 60 ¢/km = 0.48 ¢ rounds down'],
    [2009, 1, '9 m × 60 ¢/km = 0.54 ¢ rounds up'],
  ];
  for (const [distanceM, cents, why] of cases) {
    it(`charges ${cents} cents for ${distanceM} m (${why})`, () => {
      assert.equal(distanceFeeCents(distanceM, TIERS), cents);
    });
  }

  it('charges nothing without tiers and from 0 m with a tier starting at 0', () => {
    assert.equal(distanceFeeCents(5000, []), 0);
    assert.equal(distanceFeeCents(1500, [{ fromM: 0, centsPerKm: 100 }]), 150);
  });

  it('rounds once, on the total, not per tier', () => {
    // 0.5 ¢ + 0.5 ¢ per tier would round to 1 + 1 = 2 if rounded per tier; the exact total is 1.
    const tiers = [
      { fromM: 0, centsPerKm: 1 },
      { fromM: 500, centsPerKm: 1 },
    ];
    assert.equal(distanceFeeCents(1000, tiers), 1);
  });

  it('never decreases with distance', () => {
    let prev = 0;
    for (let m = 0; m <= 20_000; m += 37) {
      const cents = distanceFeeCents(m, TIERS);
      assert.ok(cents >= prev, `${m} m`);
      prev = cents;
    }
  });
});
