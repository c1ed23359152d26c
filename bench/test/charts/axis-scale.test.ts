import assert from 'node:assert/strict';
import { axisScale, ChartInputError } from '@o2o/bench';

describe('axisScale', () => {
  it('maps the widened domain linearly onto the pixel range (y grows upwards)', () => {
    const y = axisScale('linear', 0, 246, 400, 100, 'counts');
    assert.deepEqual([y.min, y.max, y.toPx(0), y.toPx(250), y.toPx(125)], [0, 250, 400, 100, 250]);
    assert.deepEqual(y.ticks.map((t) => [t.label, t.px]), [['0', 400], ['50', 340], ['100', 280], ['150', 220], ['200', 160], ['250', 100]]);
  });

  it('maps in log10, decades evenly spaced', () => {
    const x = axisScale('log', 1.5, 900, 0, 300, 'time');
    assert.deepEqual([x.min, x.max], [1, 1000]);
    assert.deepEqual([x.toPx(1), x.toPx(10), x.toPx(100), x.toPx(1000)].map((v) => Math.round(v * 1e9) / 1e9), [0, 100, 200, 300]);
    assert.deepEqual(x.ticks.map((t) => t.label), ['1', '10', '100', '1000']);
  });

  it('keeps the exact domain when asked (histogram bins fill the axis)', () => {
    const x = axisScale('linear', 8, 66, 0, 580, 'values', true);
    assert.deepEqual([x.min, x.max, x.toPx(8), x.toPx(66)], [8, 66, 0, 580]);
  });

  it('refuses a log axis over values that are not all > 0, naming the data', () => {
    assert.throws(
      () => axisScale('log', 0, 10, 0, 100, 'latencies'),
      (e: unknown) => e instanceof ChartInputError && e.code === 'CHART_BAD_OPTION' && e.message === 'latencies must be > 0 on a log axis, got a minimum of 0',
    );
  });
});
