import assert from 'node:assert/strict';
import { lineChartSvg, type LineChartSpec } from '@o2o/bench';
import { assertWellFormed, chartFailure, elements, group, legendNames, num, tickLabels } from './svg-elements.js';

const SPEC: LineChartSpec = {
  title: 'Time to quality',
  x: { quantity: 'time', unit: 'ms', scale: 'log' },
  y: { quantity: 'gap', unit: '%' },
  series: [
    { name: 'R101', points: [{ x: 1, y: 40 }, { x: 10, y: 20 }, { x: 100, y: 5 }, { x: 1000, y: 5 }] },
    { name: 'C101', points: [{ x: 2, y: 30 }, { x: 50, y: 0 }], emphasis: true },
  ],
  interpolation: 'step',
  referenceLines: [{ y: 0, name: 'best known' }],
};

/** The (x, y) pairs of an M/H/V/L path. */
function pathVertices(d: string): [number, number][] {
  const vertices: [number, number][] = [];
  let x = 0;
  let y = 0;
  for (const m of d.matchAll(/([MLHV])([-\d.]+)(?:\s([-\d.]+))?/g)) {
    if (m[1] === 'H') x = Number(m[2]);
    else if (m[1] === 'V') y = Number(m[2]);
    else [x, y] = [Number(m[2]), Number(m[3])];
    vertices.push([x, y]);
  }
  return vertices;
}

describe('lineChartSvg', () => {
  it('draws one path per series through its points, as steps when asked', () => {
    const svg = lineChartSvg(SPEC);
    assertWellFormed(svg);
    const paths = elements(svg, 'path', 'line');
    assert.deepEqual(paths.map((p) => p.attrs['data-points']), ['4', '2']);
    const dots = elements(svg, 'circle', 'point').filter((c) => c.attrs['data-series'] === '0');
    const vertices = pathVertices(paths[0]!.attrs.d!);
    // Step after: each point, then a horizontal run to the next x before the vertical drop.
    assert.equal(vertices.length, 1 + 2 * 3);
    assert.deepEqual(vertices[0], [num(dots[0]!.attrs.cx), num(dots[0]!.attrs.cy)]);
    assert.deepEqual(vertices[1], [num(dots[1]!.attrs.cx), num(dots[0]!.attrs.cy)]);
    assert.deepEqual(vertices[2], [num(dots[1]!.attrs.cx), num(dots[1]!.attrs.cy)]);
    assert.deepEqual([paths[0]!.attrs['stroke-width'], paths[1]!.attrs['stroke-width']], ['1.75', '3']);
    const straight = pathVertices(elements(lineChartSvg({ ...SPEC, interpolation: 'linear' }), 'path', 'line')[0]!.attrs.d!);
    assert.equal(straight.length, 4);
  });

  it('puts decades evenly on a log x axis and the points at their values', () => {
    const svg = lineChartSvg(SPEC);
    assert.deepEqual(tickLabels(svg, 'x-axis'), ['1', '10', '100', '1000']);
    const ticks = elements(group(svg, 'x-axis'), 'line').slice(1).map((l) => num(l.attrs.x1));
    const dots = elements(svg, 'circle', 'point').filter((c) => c.attrs['data-series'] === '0').map((c) => num(c.attrs.cx));
    assert.deepEqual(dots, ticks);
    assert.ok(Math.abs(ticks[1]! - ticks[0]! - (ticks[3]! - ticks[2]!)) < 0.02);
  });

  it('draws the reference line at its value on the y axis, and lists it in the legend', () => {
    const svg = lineChartSvg(SPEC);
    assert.deepEqual(tickLabels(svg, 'y-axis'), ['0', '10', '20', '30', '40']);
    const tickY = num(elements(group(svg, 'y-axis'), 'line')[1]!.attrs.y1);
    assert.equal(num(elements(svg, 'line', 'reference')[0]!.attrs.y1), tickY);
    assert.deepEqual(legendNames(svg), ['R101', 'C101', 'best known']);
    assert.deepEqual(elements(svg, 'text', 'axis-label').map((t) => t.text), ['time (ms)', 'gap (%)']);
  });

  it('writes point labels, escaped, just above their points', () => {
    const svg = lineChartSvg({ ...SPEC, series: [{ name: 'a', points: [{ x: 1, y: 1 }, { x: 10, y: 2, label: '<9 veh>' }] }] });
    assertWellFormed(svg);
    const [label] = elements(svg, 'text', 'point-label');
    const dot = elements(svg, 'circle', 'point')[1]!;
    assert.equal(label?.text, '&lt;9 veh&gt;');
    assert.deepEqual([num(label!.attrs.x) - num(dot.attrs.cx), num(label!.attrs.y) - num(dot.attrs.cy)], [3, -6]);
  });

  it('leaves the dots out when asked, and gives the same bytes for the same input', () => {
    assert.equal(elements(lineChartSvg({ ...SPEC, markers: false }), 'circle', 'point').length, 0);
    assert.equal(lineChartSvg(SPEC), lineChartSvg(structuredClone(SPEC)));
  });

  it('throws typed errors on empty, unordered, non-finite or non-positive log input', () => {
    const code = (spec: LineChartSpec) => chartFailure(() => lineChartSvg(spec));
    assert.equal(code({ ...SPEC, series: [] }), 'CHART_EMPTY: a line chart needs at least one series, got none');
    assert.equal(code({ ...SPEC, series: [{ name: 'a', points: [] }] }), 'CHART_EMPTY: series[0].points is empty');
    assert.equal(code({ ...SPEC, series: [{ name: 'a', points: [{ x: 2, y: 1 }, { x: 1, y: 1 }] }] }), 'CHART_BAD_OPTION: series[0].points must be in non-decreasing x order, got x 1 after 2 at points[1]');
    assert.equal(code({ ...SPEC, series: [{ name: 'a', points: [{ x: 1, y: Number.NaN }] }] }), 'CHART_NOT_FINITE: series[0].points[0].y must be a finite number, got NaN');
    assert.equal(code({ ...SPEC, series: [{ name: 'a', points: [{ x: 0, y: 1 }] }] }), 'CHART_BAD_OPTION: x values must be > 0 on a log axis, got a minimum of 0');
  });
});
