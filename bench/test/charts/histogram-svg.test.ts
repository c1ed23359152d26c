import assert from 'node:assert/strict';
import { ChartInputError, histogramSvg, type HistogramSpec } from '@o2o/bench';
import { assertWellFormed, elements, group, legendNames, num, tickLabels } from './svg-elements.js';

const SPEC: HistogramSpec = {
  title: 'Click-to-door <ours> & "greedy"',
  quantity: 'click-to-door',
  unit: 'min',
  countNoun: 'orders',
  binWidth: 5,
  series: [
    { name: 'greedy', values: [1, 2, 3, 6, 7, 12, 12, 12, 14] },
    { name: 'ours', values: [2, 4, 6, 8, 9, 11] },
  ],
};

describe('histogramSvg', () => {
  it('draws one bar per non-empty bin and series, heights proportional to the counts, on the x axis', () => {
    const svg = histogramSvg(SPEC);
    assertWellFormed(svg);
    const bars = elements(svg, 'rect', 'bar');
    // Bins [0,5) [5,10) [10,15): greedy 3, 2, 4; ours 2, 3, 1.
    assert.deepEqual(bars.map((b) => [b.attrs['data-series'], b.attrs['data-bin'], b.attrs['data-count']]), [
      ['0', '0', '3'], ['1', '0', '2'], ['0', '1', '2'], ['1', '1', '3'], ['0', '2', '4'], ['1', '2', '1'],
    ]);
    const pxPerCount = num(bars[4]!.attrs.height) / 4;
    for (const bar of bars) assert.ok(Math.abs(num(bar.attrs.height) - pxPerCount * num(bar.attrs['data-count'])) < 0.02, `height of ${JSON.stringify(bar.attrs)}`);
    const axisY = num(elements(group(svg, 'x-axis'), 'line', 'axis-line')[0]!.attrs.y1);
    for (const bar of bars) assert.ok(Math.abs(num(bar.attrs.y) + num(bar.attrs.height) - axisY) < 0.02);
    // Side by side: within a bin, ours starts where greedy ends.
    assert.ok(Math.abs(num(bars[0]!.attrs.x) + num(bars[0]!.attrs.width) - num(bars[1]!.attrs.x)) < 0.02);
    assert.deepEqual([bars[0]!.attrs.fill, bars[1]!.attrs.fill], ['#0072B2', '#D55E00']);
  });

  it('labels the axes with their units, ticks the counts from 0 and names every series in the legend', () => {
    const svg = histogramSvg(SPEC);
    assert.deepEqual(elements(svg, 'text', 'axis-label').map((t) => t.text), ['click-to-door (min)', 'orders per 5 min bin']);
    assert.deepEqual(tickLabels(svg, 'y-axis'), ['0', '1', '2', '3', '4']);
    assert.deepEqual(tickLabels(svg, 'x-axis'), ['0', '5', '10', '15']);
    assert.deepEqual(legendNames(svg), ['greedy', 'ours']);
  });

  it('draws each mean as a dashed line at its value', () => {
    const svg = histogramSvg(SPEC);
    const means = elements(svg, 'line', 'mean');
    assert.deepEqual(means.map((m) => num(m.attrs['data-value'])), [7.67, 6.67]);
    const [t0, t15] = [elements(group(svg, 'x-axis'), 'line')[1]!, elements(group(svg, 'x-axis'), 'line')[4]!];
    const pxAt = (v: number) => num(t0.attrs.x1) + ((num(t15.attrs.x1) - num(t0.attrs.x1)) * v) / 15;
    assert.ok(Math.abs(num(means[1]!.attrs.x1) - pxAt(40 / 6)) < 0.02);
    assert.equal(elements(histogramSvg({ ...SPEC, showMeans: false }), 'line', 'mean').length, 0);
  });

  it('shows the overflow bin as "≥ edge" and keeps the axis to the bins', () => {
    const svg = histogramSvg({ ...SPEC, series: [{ name: 'a', values: [1, 2, 6, 40, 90] }], overflowFrom: 10 });
    assert.deepEqual(tickLabels(svg, 'x-axis'), ['0', '5', '≥10']);
    const overflow = elements(svg, 'rect', 'bar').find((b) => b.attrs['data-bin'] === '2');
    assert.equal(overflow?.attrs['data-count'], '2');
  });

  it('escapes the title and names, and gives the same bytes for the same input', () => {
    const svg = histogramSvg({ ...SPEC, series: [{ name: 'a</text><script>x', values: [1] }] });
    assertWellFormed(svg);
    assert.doesNotMatch(svg, /<script/);
    assert.match(svg, /<title>Click-to-door &lt;ours&gt; &amp; &quot;greedy&quot;<\/title>/);
    assert.deepEqual(legendNames(svg), ['a</text><script>x']);
    assert.equal(histogramSvg(SPEC), histogramSvg(structuredClone(SPEC)));
  });

  it('throws a typed error on empty or non-finite input', () => {
    assert.throws(() => histogramSvg({ ...SPEC, series: [] }), (e: unknown) => e instanceof ChartInputError && e.code === 'CHART_EMPTY');
    assert.throws(() => histogramSvg({ ...SPEC, series: [{ name: 'a', values: [] }] }), (e: unknown) => e instanceof ChartInputError && e.code === 'CHART_EMPTY' && /series\[0\]\.values is empty/.test(e.message));
    assert.throws(() => histogramSvg({ ...SPEC, series: [{ name: 'a', values: [1, Number.NaN] }] }), (e: unknown) => e instanceof ChartInputError && e.code === 'CHART_NOT_FINITE');
    assert.throws(() => histogramSvg({ ...SPEC, series: [{ name: 'a', values: [1], color: 'red' }] }), (e: unknown) => e instanceof ChartInputError && e.code === 'CHART_BAD_OPTION' && /series\[0\]\.color must be a #rrggbb colour, got "red"/.test(e.message));
  });
});
