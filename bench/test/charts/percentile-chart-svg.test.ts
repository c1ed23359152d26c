import assert from 'node:assert/strict';
import { formatBarValue, percentileChartSvg, type PercentileChartSpec } from '@o2o/bench';
import { assertWellFormed, chartFailure, elements, group, legendNames, num, tickLabels } from './svg-elements.js';

const SPEC: PercentileChartSpec = {
  title: 'Latency',
  categories: ['p50', 'p90', 'p99', 'p99.9', 'max'],
  categoryLabel: 'percentile',
  quantity: 'latency',
  unit: 'ms',
  series: [
    { name: 'orders', values: [2, 5, 10, 50, 100] },
    { name: 'locations', values: [1, 3.04, 20, null, 200] },
  ],
};

describe('percentileChartSvg', () => {
  it('draws a bar per measured value, tops at the value on a log axis, and "n/a" for a missing one', () => {
    const svg = percentileChartSvg(SPEC);
    assertWellFormed(svg);
    assert.deepEqual(tickLabels(svg, 'y-axis'), ['1', '10', '100', '200']);
    const tickY = new Map(elements(group(svg, 'y-axis'), 'g', 'tick').map((_, i) => [tickLabels(svg, 'y-axis')[i]!, num(elements(group(svg, 'y-axis'), 'line')[i + 1]!.attrs.y1)]));
    const bars = elements(svg, 'rect', 'bar');
    assert.equal(bars.length, 9);
    const bar = (series: number, category: number) => bars.find((b) => b.attrs['data-series'] === String(series) && b.attrs['data-category'] === String(category))!;
    assert.equal(num(bar(0, 2).attrs.y), tickY.get('10'));
    assert.equal(num(bar(0, 4).attrs.y), tickY.get('100'));
    assert.equal(num(bar(1, 0).attrs.y) + num(bar(1, 0).attrs.height), tickY.get('1'));
    // log10: 2 sits 0.301 of a decade above 1.
    const decadePx = tickY.get('1')! - tickY.get('10')!;
    assert.ok(Math.abs(num(bar(0, 0).attrs.height) - Math.log10(2) * decadePx) < 0.02);
    const missing = elements(svg, 'text', 'missing');
    assert.deepEqual(missing.map((m) => [m.attrs['data-series'], m.attrs['data-category'], m.text]), [['1', '3', 'n/a']]);
  });

  it('labels every bar with its value, the categories on x, and the series in the legend', () => {
    const svg = percentileChartSvg(SPEC);
    assert.deepEqual(elements(svg, 'text', 'value').map((t) => t.text), ['2.00', '5.00', '10.0', '50.0', '100', '1.00', '3.04', '20.0', '200']);
    assert.deepEqual(tickLabels(svg, 'x-axis'), ['p50', 'p90', 'p99', 'p99.9', 'max']);
    assert.deepEqual(legendNames(svg), ['orders', 'locations']);
    assert.deepEqual(elements(svg, 'text', 'axis-label').map((t) => t.text), ['percentile', 'latency (ms)']);
    assert.deepEqual([formatBarValue(0.1234), formatBarValue(1234.4)], ['0.123', '1234']);
  });

  it('scales linearly from 0 when asked, heights proportional to the values', () => {
    const svg = percentileChartSvg({ ...SPEC, scale: 'linear', series: [{ name: 'a', values: [0, 5, 10, 20, 40] }] });
    const bars = elements(svg, 'rect', 'bar');
    assert.equal(num(bars[0]!.attrs.height), 0);
    assert.ok(Math.abs(num(bars[4]!.attrs.height) - 8 * num(bars[1]!.attrs.height)) < 0.05);
    assert.equal(tickLabels(svg, 'y-axis')[0], '0');
  });

  it('throws typed errors on a misshaped, empty, negative or non-positive-on-log input', () => {
    const failure = (spec: PercentileChartSpec) => chartFailure(() => percentileChartSvg(spec));
    assert.equal(failure({ ...SPEC, series: [{ name: 'a', values: [1, 2] }] }), 'CHART_BAD_OPTION: series[0].values must have one value per category (5), got 2');
    assert.equal(failure({ ...SPEC, series: [{ name: 'a', values: [null, null, null, null, null] }] }), 'CHART_EMPTY: a percentile chart needs at least one value, got only nulls');
    assert.equal(failure({ ...SPEC, series: [{ name: 'a', values: [1, 2, -3, 4, 5] }] }), 'CHART_BAD_OPTION: series[0].values[2] must be ≥ 0, got -3');
    assert.equal(failure({ ...SPEC, series: [{ name: 'a', values: [1, 2, Number.NaN, 4, 5] }] }), 'CHART_NOT_FINITE: series[0].values[2] must be a finite number, got NaN');
    assert.equal(failure({ ...SPEC, series: [{ name: 'a', values: [0, 2, 3, 4, 5] }] }), 'CHART_BAD_OPTION: values must be > 0 on a log axis, got a minimum of 0');
  });
});
