import assert from 'node:assert/strict';
import { ChartInputError, histogramBins } from '@o2o/bench';

const isChartError = (code: string, message: string) => (e: unknown) => e instanceof ChartInputError && e.code === code && e.message === message;

describe('histogramBins', () => {
  it('counts several series on the same edges, from a multiple of the width below the minimum', () => {
    const bins = histogramBins([[3, 4.5, 7, 9.99], [5, 5, 12]], { binWidth: 2.5 });
    // Edges 2.5, 5, 7.5, 10, 12.5: [2.5, 5) [5, 7.5) [7.5, 10) [10, 12.5)
    assert.deepEqual([bins.start, bins.binWidth, bins.numBins, bins.overflowFrom], [2.5, 2.5, 4, null]);
    assert.deepEqual(bins.counts, [[2, 1, 1, 0], [0, 2, 0, 1]]);
  });

  it('puts a value on an edge in the bin above it, and the maximum in the last bin', () => {
    const bins = histogramBins([[0, 1, 2, 3, 4]], { binWidth: 2 });
    assert.deepEqual(bins.counts, [[2, 2, 1]]);
  });

  it('chooses a nice width, whole for integer data so every bin spans as many values', () => {
    assert.equal(histogramBins([[0, 0.5, 75]], { targetBins: 30 }).binWidth, 5);
    assert.equal(histogramBins([[0, 0.5, 55]], { targetBins: 30 }).binWidth, 2);
    assert.equal(histogramBins([[0.1, 0.2, 3]], { targetBins: 30 }).binWidth, 0.1);
    assert.equal(histogramBins([[1, 2, 3]], { targetBins: 30 }).binWidth, 1);
    assert.equal(histogramBins([[4, 4]]).numBins, 1);
  });

  it('gathers the tail at and above overflowFrom (rounded up to an edge) in one last bin', () => {
    const bins = histogramBins([[1, 2, 3, 50, 90], [4, 100]], { binWidth: 2, overflowFrom: 9 });
    assert.deepEqual([bins.start, bins.numBins, bins.overflowFrom], [0, 5, 10]);
    assert.deepEqual(bins.counts, [[1, 2, 0, 0, 0, 2], [0, 0, 1, 0, 0, 1]]);
    assert.equal(histogramBins([[1, 2, 3]], { binWidth: 1, overflowFrom: 50 }).overflowFrom, null);
  });

  it('throws typed errors naming the series and the value', () => {
    assert.throws(() => histogramBins([]), isChartError('CHART_EMPTY', 'a histogram needs at least one series, got none'));
    assert.throws(() => histogramBins([[1], []]), isChartError('CHART_EMPTY', 'series[1].values is empty'));
    assert.throws(() => histogramBins([[1], [2, 3, Number.NaN]]), isChartError('CHART_NOT_FINITE', 'series[1].values[2] must be a finite number, got NaN'));
    assert.throws(() => histogramBins([[1, Number.POSITIVE_INFINITY]]), isChartError('CHART_NOT_FINITE', 'series[0].values[1] must be a finite number, got Infinity'));
    assert.throws(() => histogramBins([[1, 2]], { binWidth: 0 }), isChartError('CHART_BAD_OPTION', 'binWidth must be a finite number > 0, got 0'));
  });
});
