import assert from 'node:assert/strict';
import { ChartInputError, classGapChartSvg, logSampleTimesMs, meanCurve, timeToQualityChartSvg, type CurvePoint } from '@o2o/bench';
import { instanceResult } from '../fixtures/instance-result.js';
import { assertWellFormed, elements, legendNames, tickLabels } from './svg-elements.js';

const point = (timeMs: number, distance: number | null, vehicles = 10): CurvePoint => ({ timeMs, iteration: 0, vehicles, unassigned: distance === null ? 1 : 0, cost: 0, distance });
const BKS = { vehicles: 10, distance: 800, vehicleDiff: 0, gapPct: 0 };

describe('logSampleTimesMs and meanCurve', () => {
  it('samples ten times a decade from 0.1 ms, ending at the end', () => {
    const times = logSampleTimesMs(1.5);
    assert.deepEqual(times, [0.1, 0.126, 0.158, 0.2, 0.251, 0.316, 0.398, 0.501, 0.631, 0.794, 1, 1.26, 1.5]);
  });

  it('averages best-so-far values where every curve has one', () => {
    const a = [{ x: 1, y: 10 }, { x: 5, y: 4 }];
    const b = [{ x: 2, y: 20 }, { x: 3, y: 6 }];
    assert.deepEqual(meanCurve([a, b], [1, 2, 3, 4, 5, 6]), [{ x: 2, y: 15 }, { x: 3, y: 8 }, { x: 4, y: 8 }, { x: 5, y: 5 }, { x: 6, y: 5 }]);
  });
});

describe('timeToQualityChartSvg', () => {
  it('plots the gap to the best known over log time, steps to the end of the solve, without unassigned points, vehicle counts where they change', () => {
    const result = instanceResult({ objective: 'hierarchical', bks: BKS, timeMs: 900, curve: [point(0.5, null, 12), point(2, 880, 12), point(40, 820, 11), point(300, 800, 11)] });
    const svg = timeToQualityChartSvg(result);
    assertWellFormed(svg);
    const path = elements(svg, 'path', 'line')[0]!;
    assert.equal(path.attrs['data-points'], '4');
    assert.deepEqual(tickLabels(svg, 'x-axis'), ['2', '10', '100', '1000']);
    assert.deepEqual(tickLabels(svg, 'y-axis'), ['0', '2', '4', '6', '8', '10']);
    assert.deepEqual(legendNames(svg), ['C101: 10 vehicles, distance 828.94 at 0.9 s (seed 1)', 'best known: 10 vehicles, 800.00']);
    assert.deepEqual(elements(svg, 'text', 'point-label').map((t) => t.text), ['12 veh', '11 veh']);
    assert.deepEqual(elements(svg, 'text', 'axis-label').map((t) => t.text), ['time since the solve started (ms)', 'best distance above the best known (%)']);
  });

  it('plots the distance when no table lists the instance, no vehicle labels under the distance objective, and says when there is nothing to plot', () => {
    const svg = timeToQualityChartSvg(instanceResult({ curve: [point(2, 880), point(40, 820)] }));
    assert.equal(elements(svg, 'text', 'axis-label')[1]?.text, 'best distance so far (instance units)');
    assert.equal(elements(svg, 'line', 'reference').length, 0);
    assert.deepEqual(elements(svg, 'text', 'point-label'), []);
    assert.throws(() => timeToQualityChartSvg(instanceResult({ curve: [point(2, null)] })), (e: unknown) => e instanceof ChartInputError && e.code === 'CHART_EMPTY');
  });
});

describe('classGapChartSvg', () => {
  it('draws the mean gap per class and over all instances with a best known, from when each has a solution', () => {
    const results = [
      instanceResult({ instance: 'C101', class: 'C1', timeMs: 100, bksDistanceObjective: BKS, curve: [point(1, 880), point(50, 800)] }),
      instanceResult({ instance: 'C102', class: 'C1', timeMs: 100, bksDistanceObjective: BKS, curve: [point(10, 840)] }),
      instanceResult({ instance: 'R101', class: 'R1', timeMs: 100, bksDistanceObjective: BKS, curve: [point(0.2, 960)] }),
      instanceResult({ instance: 'X1', class: null, timeMs: 100, curve: [point(1, 5)] }),
    ];
    const svg = classGapChartSvg('solomon', results);
    assertWellFormed(svg);
    assert.deepEqual(legendNames(svg), ['C1 (2)', 'R1 (1)', 'all (3)', 'best known']);
    const paths = elements(svg, 'path', 'line');
    // 31 samples from 0.1 ms to 100 ms: R1 from 0.2 ms (3 before), C1 and all from 10 ms (20 before).
    assert.deepEqual(paths.map((p) => p.attrs['data-points']), ['11', '28', '11']);
    assert.equal(paths[2]!.attrs['stroke-width'], '3');
    assert.throws(() => classGapChartSvg('x', [results[3]!]), (e: unknown) => e instanceof ChartInputError && e.message === 'no instance of x has a best-known solution to compare with');
  });
});
