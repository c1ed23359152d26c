import assert from 'node:assert/strict';
import { ChartInputError, clickToDoorChartSvg, nearestRankQuantile } from '@o2o/bench';
import { assertWellFormed, elements, legendNames, tickLabels } from './svg-elements.js';

describe('nearestRankQuantile', () => {
  it('is the ⌈q·n⌉-th smallest value', () => {
    const values = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    assert.deepEqual([nearestRankQuantile(values, 0.9), nearestRankQuantile(values, 0.5), nearestRankQuantile(values, 0.91), nearestRankQuantile(values, 0)], [9, 5, 10, 1]);
    assert.throws(() => nearestRankQuantile([], 0.5), (e: unknown) => e instanceof ChartInputError && e.code === 'CHART_EMPTY');
  });
});

describe('clickToDoorChartSvg', () => {
  // 200 orders each: greedy 20..59 min five times over, ours 15..54.
  const greedy = Array.from({ length: 200 }, (_, i) => 20 + (i % 40));
  const ours = greedy.map((m) => m - 5);

  it('compares the policies on shared bins with n, mean and p90 in the legend, in fixed colours', () => {
    const svg = clickToDoorChartSvg('tiny', [{ policy: 'greedy', clickToDoorMin: greedy }, { policy: 'ours', clickToDoorMin: ours }]);
    assertWellFormed(svg);
    assert.deepEqual(legendNames(svg), ['greedy: n 200, mean 39.5 min, p90 55.0 min', 'ours: n 200, mean 34.5 min, p90 50.0 min']);
    assert.equal(elements(svg, 'title')[0]?.text, 'Click-to-door, tiny: greedy vs ours');
    const bars = elements(svg, 'rect', 'bar');
    assert.deepEqual([...new Set(bars.map((b) => `${b.attrs['data-series']} ${b.attrs.fill}`))], ['1 #0072B2', '0 #D55E00']);
    const total = (series: string) => bars.filter((b) => b.attrs['data-series'] === series).reduce((sum, b) => sum + Number(b.attrs['data-count']), 0);
    assert.deepEqual([total('0'), total('1')], [200, 200]);
  });

  it('gathers the slowest 0.5 % of all orders in a "≥" bin', () => {
    const svg = clickToDoorChartSvg('tail', [{ policy: 'greedy', clickToDoorMin: [...greedy, 300, 400] }, { policy: 'ours', clickToDoorMin: ours }]);
    const labels = tickLabels(svg, 'x-axis');
    // The 0.995 quantile of the 402 pooled values is 59 (the 400th): the overflow bin starts at the next edge, 60.
    assert.equal(labels[labels.length - 1], '≥60');
  });

  it('throws a typed error when a policy delivered nothing', () => {
    assert.throws(() => clickToDoorChartSvg('x', [{ policy: 'greedy', clickToDoorMin: greedy }, { policy: 'ours', clickToDoorMin: [] }]), (e: unknown) => e instanceof ChartInputError && e.code === 'CHART_EMPTY' && e.message === 'runs[1] (ours) delivered no order');
  });
});
