import assert from 'node:assert/strict';
import { MAX_MERCATOR_LAT, MercatorView, latitudeOf, mercatorX, mercatorY, scaleBar } from '@o2o/dispatch-worker/web/mercator-view';

/** The slippy-map tile of a position (the OSM wiki's formula, written independently of mercatorY). */
function tileOf(lng: number, lat: number, zoom: number): [number, number] {
  const n = 2 ** zoom;
  const phi = (lat * Math.PI) / 180;
  return [Math.floor(((lng + 180) / 360) * n), Math.floor(((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * n)];
}

describe('web/mercator-view', () => {
  it('projects like the slippy-map tiles (Amsterdam, Bogotá, Sydney at zoom 10 and 15)', () => {
    for (const [lng, lat] of [[4.8926, 52.3731], [-74.08, 4.65], [151.2093, -33.8688]] as const) {
      for (const zoom of [10, 15]) {
        const n = 2 ** zoom;
        assert.deepEqual([Math.floor(mercatorX(lng) * n), Math.floor(mercatorY(lat) * n)], tileOf(lng, lat, zoom), `${lng}, ${lat} at ${zoom}`);
      }
    }
    assert.equal(mercatorX(-180), 0);
    assert.equal(mercatorX(180), 1);
    assert.equal(mercatorY(0), 0.5);
    assert.ok(Math.abs(mercatorY(MAX_MERCATOR_LAT)) < 1e-9, 'the top edge');
    assert.equal(mercatorY(89.9), mercatorY(MAX_MERCATOR_LAT), 'clamped beyond the edge');
    for (const lat of [-60, -12.5, 0, 4.65, 52.3731, 80]) assert.ok(Math.abs(latitudeOf(mercatorY(lat)) - lat) < 1e-9, `round trip ${lat}`);
  });

  it('fits a box inside the padding, pans and zooms about the cursor', () => {
    const v = new MercatorView();
    v.resize(800, 600);
    const box = { minX: mercatorX(-74.13), minY: mercatorY(4.7), maxX: mercatorX(-74.03), maxY: mercatorY(4.6) };
    v.fit(box, 20);
    const corners = [v.screenX(box.minX), v.screenY(box.minY), v.screenX(box.maxX), v.screenY(box.maxY)];
    for (const c of corners) assert.ok(c >= 19.999 && c <= 800, `corner ${c} inside`);
    assert.ok(Math.abs(v.screenY(box.minY) - 20) < 1e-6 || Math.abs(v.screenX(box.minX) - 20) < 1e-6, 'one side touches the padding');
    const wx = v.worldX(123);
    const wy = v.worldY(456);
    v.zoomAt(123, 456, 2.5);
    assert.ok(Math.abs(v.screenX(wx) - 123) < 1e-6 && Math.abs(v.screenY(wy) - 456) < 1e-6, 'the point under the cursor stays');
    const before = v.screenX(wx);
    v.panBy(30, -10);
    assert.ok(Math.abs(v.screenX(wx) - before - 30) < 1e-6);
  });

  it('gives the Web Mercator resolution and round scale bars', () => {
    const v = new MercatorView();
    v.scale = 256; // zoom 0, centre on the equator
    assert.ok(Math.abs(v.metresPerPixel() - 156_543.03) < 0.01);
    assert.deepEqual(scaleBar(10, 120), { metres: 1000, px: 100 });
    assert.deepEqual(scaleBar(2, 120), { metres: 200, px: 100 });
    assert.deepEqual(scaleBar(0.3, 120), { metres: 20, px: 20 / 0.3 });
  });
});
