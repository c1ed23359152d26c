import assert from 'node:assert/strict';
import { parsePrometheusLine, parsePrometheusText, prometheusMetricValue } from '@o2o/bench/load';

const METRICS = `# HELP o2o_epochs_total Dispatch epochs run.
# TYPE o2o_epochs_total counter
o2o_epochs_total 42
# HELP o2o_orders_total Orders by outcome.
# TYPE o2o_orders_total counter
o2o_orders_total{outcome="created"} 1000 1700000000000
o2o_orders_total{outcome="rejected",reason="a \\"quoted\\", comma\\\\ and\\nnewline"} 7
o2o_epoch_seconds_bucket{le="0.5"} 3
o2o_epoch_seconds_bucket{le="+Inf"} 5
process_start_time_seconds 1.7e9
weird_value NaN
broken_line{oops 1
`;

describe('Prometheus text', () => {
  it('reads names, labels with escapes, values and ignores comments and timestamps', () => {
    const samples = parsePrometheusText(METRICS);
    assert.equal(samples.length, 7);
    assert.deepEqual(samples[0], { name: 'o2o_epochs_total', labels: {}, value: 42 });
    assert.deepEqual(samples[1], { name: 'o2o_orders_total', labels: { outcome: 'created' }, value: 1000 });
    assert.deepEqual(samples[2]?.labels, { outcome: 'rejected', reason: 'a "quoted", comma\\ and\nnewline' });
    assert.deepEqual(samples[4]?.labels, { le: '+Inf' });
    assert.equal(samples[5]?.value, 1.7e9);
    assert.ok(Number.isNaN(samples[6]?.value));
    assert.equal(parsePrometheusLine('up +Inf')?.value, Number.POSITIVE_INFINITY);
    assert.equal(parsePrometheusLine('up'), undefined);
  });

  it('sums a metric over its label sets, 0 when absent', () => {
    assert.equal(prometheusMetricValue(METRICS, 'o2o_epochs_total'), 42);
    assert.equal(prometheusMetricValue(METRICS, 'o2o_orders_total'), 1007);
    assert.equal(prometheusMetricValue(METRICS, 'o2o_epochs'), 0);
    assert.equal(prometheusMetricValue('', 'o2o_epochs_total'), 0);
  });
});
