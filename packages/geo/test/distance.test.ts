import assert from 'node:assert/strict';
import {
  EARTH_RADIUS_M,
  EQUIRECTANGULAR_MAX_REL_ERROR,
  bearingDeg,
  destination,
  equirectangularDistanceCosM,
  equirectangularDistanceM,
  haversineDistanceM,
  mulberry32,
} from '@o2o/geo';

const RAD = Math.PI / 180;

describe('distance', () => {
  describe('haversineDistanceM', () => {
    it('is zero for identical points', () => {
      assert.equal(haversineDistanceM(-74.08, 4.6, -74.08, 4.6), 0);
    });

    it('gives one degree of latitude as R·π/180 metres', () => {
      const expected = (EARTH_RADIUS_M * Math.PI) / 180;
      assert.ok(Math.abs(haversineDistanceM(0, 10, 0, 11) - expected) < 1e-6);
    });

    it('gives a quarter meridian from the equator to the pole', () => {
      const expected = (EARTH_RADIUS_M * Math.PI) / 2;
      assert.ok(Math.abs(haversineDistanceM(25, 0, 25, 90) - expected) < 1e-6);
    });

    it('matches a known city distance (Paris–London ≈ 343.9 km)', () => {
      const d = haversineDistanceM(2.3522, 48.8566, -0.1276, 51.5072);
      assert.ok(Math.abs(d - 343_900) < 1_000, `got ${d}`);
    });

    it('is symmetric', () => {
      const rng = mulberry32(7);
      for (let i = 0; i < 100; i++) {
        const a = [rng() * 360 - 180, rng() * 170 - 85] as const;
        const b = [rng() * 360 - 180, rng() * 170 - 85] as const;
        assert.equal(haversineDistanceM(a[0], a[1], b[0], b[1]), haversineDistanceM(b[0], b[1], a[0], a[1]));
      }
    });
  });

  describe('equirectangularDistanceM', () => {
    it(`stays within the stated bound (${EQUIRECTANGULAR_MAX_REL_ERROR}) of haversine over 0–50 km at latitudes 0–70°`, () => {
      let worst = 0;
      for (const hemisphere of [1, -1]) {
        for (let latDeg = 0; latDeg <= 70; latDeg += 1) {
          for (let bearing = 0; bearing < 360; bearing += 15) {
            for (const distM of [1, 10, 100, 500, 1_000, 5_000, 10_000, 20_000, 35_000, 50_000]) {
              const lat = hemisphere * latDeg;
              const [lng2, lat2] = destination(-74.08, lat, bearing, distM);
              if (Math.abs(lat2) > 70) continue;
              const h = haversineDistanceM(-74.08, lat, lng2, lat2);
              const e = equirectangularDistanceM(-74.08, lat, lng2, lat2);
              worst = Math.max(worst, Math.abs(e - h) / h);
            }
          }
        }
      }
      assert.ok(worst <= EQUIRECTANGULAR_MAX_REL_ERROR, `worst relative error ${worst}`);
      assert.ok(worst > 0, 'the approximation is not exact, so the test must see some error');
    });

    it('wraps longitude differences across the antimeridian', () => {
      const e = equirectangularDistanceM(179.99, 0, -179.99, 0);
      const h = haversineDistanceM(179.99, 0, -179.99, 0);
      assert.ok(Math.abs(e - h) / h < 1e-6, `${e} vs ${h}`);
    });

    it('agrees with the precomputed-cosine variant to 1e-5 relative', () => {
      const rng = mulberry32(11);
      for (let i = 0; i < 1_000; i++) {
        const lat1 = rng() * 140 - 70;
        const [lng2, lat2] = destination(10, lat1, rng() * 360, rng() * 50_000 + 1);
        const a = equirectangularDistanceM(10, lat1, lng2, lat2);
        const b = equirectangularDistanceCosM(10, lat1, Math.cos(lat1 * RAD), lng2, lat2, Math.cos(lat2 * RAD));
        assert.ok(Math.abs(a - b) / a < 1e-5, `${a} vs ${b}`);
      }
    });
  });

  describe('bearingDeg', () => {
    it('gives the cardinal directions', () => {
      assert.ok(Math.abs(bearingDeg(0, 0, 0, 1) - 0) < 1e-9);
      assert.ok(Math.abs(bearingDeg(0, 0, 1, 0) - 90) < 1e-9);
      assert.ok(Math.abs(bearingDeg(0, 1, 0, 0) - 180) < 1e-9);
      assert.ok(Math.abs(bearingDeg(1, 0, 0, 0) - 270) < 1e-9);
    });

    it('returns values in [0, 360)', () => {
      const rng = mulberry32(3);
      for (let i = 0; i < 1_000; i++) {
        const b = bearingDeg(rng() * 10, rng() * 10, rng() * 10, rng() * 10);
        assert.ok(b >= 0 && b < 360, `got ${b}`);
      }
    });
  });

  describe('destination', () => {
    it('travels the requested distance along the requested bearing', () => {
      const rng = mulberry32(5);
      for (let i = 0; i < 500; i++) {
        const lng = rng() * 300 - 150;
        const lat = rng() * 140 - 70;
        const bearing = rng() * 360;
        const distM = rng() * 100_000 + 1;
        const [lng2, lat2] = destination(lng, lat, bearing, distM);
        assert.ok(Math.abs(haversineDistanceM(lng, lat, lng2, lat2) - distM) < 1e-3, 'distance');
        const back = bearingDeg(lng, lat, lng2, lat2);
        const diff = Math.abs(((back - bearing + 540) % 360) - 180);
        assert.ok(diff < 1e-6, `bearing ${back} vs ${bearing}`);
      }
    });

    it('normalises longitude across the antimeridian', () => {
      const [lng] = destination(179.9, 0, 90, 50_000);
      assert.ok(lng >= -180 && lng < -179, `got ${lng}`);
    });
  });
});
