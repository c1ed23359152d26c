import assert from 'node:assert/strict';
import { ChartInputError, loadLatencyChartSvg } from '@o2o/bench';
import { assertWellFormed, elements, legendNames, tickLabels } from './svg-elements.js';

const REPORT = {
  orders: 2000,
  ordersPerSec: 199.5,
  offeredOrdersPerSec: 200,
  orderP50Ms: 5.34,
  orderP90Ms: 8.22,
  orderP99Ms: 20.3,
  orderP999Ms: 32.3,
  orderMaxMs: 32.3,
  locationRequestsPerSec: 100,
  locationUpdatesPerSec: 1000,
  offeredLocationUpdatesPerSec: 1000,
  locationP50Ms: 1.65,
  locationP90Ms: 3.04,
  locationP99Ms: 14.3,
  locationMaxMs: 24.9,
  durationSec: 10,
  settings: { backend: 'sqlite' as const, httpWorkers: 0, locationDriver: 'open-loop' as const },
};

describe('loadLatencyChartSvg', () => {
  it('shows p50 … max of orders and locations, p99.9 of locations as n/a, on a log axis', () => {
    const svg = loadLatencyChartSvg(REPORT);
    assertWellFormed(svg);
    assert.deepEqual(tickLabels(svg, 'x-axis'), ['p50', 'p90', 'p99', 'p99.9', 'max']);
    assert.deepEqual(tickLabels(svg, 'y-axis'), ['1', '2', '5', '10', '20', '50']);
    assert.deepEqual(legendNames(svg), ['POST /v1/orders: 199.5/s (offered 200/s)', 'POST /v1/riders/locations: 100 req/s, 1000 updates/s (offered 1000/s)']);
    assert.deepEqual(elements(svg, 'rect', 'bar').map((b) => Number(b.attrs['data-value'])), [5.34, 8.22, 20.3, 32.3, 32.3, 1.65, 3.04, 14.3, 24.9]);
    assert.equal(elements(svg, 'text', 'missing').length, 1);
    assert.match(elements(svg, 'title')[0]!.text, /10 s window \(sqlite store, one process\)/);
    assert.match(elements(loadLatencyChartSvg({ ...REPORT, settings: { ...REPORT.settings, backend: 'redis', instances: 3 } }), 'title')[0]!.text, /\(redis store, 3 instances\)/);
    assert.match(elements(loadLatencyChartSvg({ ...REPORT, settings: { ...REPORT.settings, httpWorkers: 2 } }), 'title')[0]!.text, /\(sqlite store, 2 HTTP fronts\)/);
  });

  it('leaves out a stream without 2xx answers, goes linear on a 0, and refuses a run with none at all', () => {
    const ordersOnly = loadLatencyChartSvg({ ...REPORT, locationRequestsPerSec: 0 });
    assert.deepEqual(legendNames(ordersOnly), ['POST /v1/orders: 199.5/s (offered 200/s)']);
    const withZero = loadLatencyChartSvg({ ...REPORT, locationP50Ms: 0 });
    assert.equal(tickLabels(withZero, 'y-axis')[0], '0');
    assert.throws(() => loadLatencyChartSvg({ ...REPORT, orders: 0, locationRequestsPerSec: 0 }), (e: unknown) => e instanceof ChartInputError && e.code === 'CHART_EMPTY');
  });
});
