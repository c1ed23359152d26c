import assert from 'node:assert/strict';
import { createServiceMetrics, type ServiceMetrics } from '@o2o/dispatch-worker';

const METRIC_NAMES = [
  'o2o_http_request_duration_seconds',
  'o2o_epoch_duration_seconds',
  'o2o_epochs_total',
  'o2o_epoch_assignments_total',
  'o2o_epoch_orders',
  'o2o_orders',
  'o2o_orders_created_total',
  'o2o_location_updates_total',
  'o2o_lateness_alerts_total',
  'o2o_offers_total',
  'o2o_rejected_requests_total',
  'o2o_store_pending_writes',
  'o2o_event_subscribers',
];

/** The sample lines of `body` whose name (and labels, if given) match, as `name{labels} value`. */
function samples(body: string, name: string): string[] {
  return body.split('\n').filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `));
}

/** The value of the one sample `name{labels}` (labels exactly as rendered, in order). */
function valueOf(body: string, sample: string): number {
  const line = body.split('\n').find((l) => l.startsWith(`${sample} `));
  assert.ok(line !== undefined, `no sample ${sample} in:\n${body}`);
  return Number(line.slice(sample.length + 1));
}

function observeSome(metrics: ServiceMetrics): void {
  metrics.observeRequest('GET', '/v1/orders/:orderId', 200, 0.0012);
  metrics.epochDuration.observe(0.08);
  metrics.epochsTotal.inc();
  metrics.epochAssignments.inc(7);
  metrics.epochOrders.set(12);
  metrics.ordersCreated.inc({ source: 'api' });
  metrics.locationUpdates.inc();
  metrics.latenessAlerts.inc({ kind: 'alert' });
  metrics.offers.inc({ outcome: 'sent' });
  metrics.rejectedRequests.inc({ reason: 'backpressure' });
  metrics.storePendingWrites.set(3);
  metrics.eventSubscribers.inc();
}

describe('createServiceMetrics', () => {
  it('renders every instrument after observations, as Prometheus text', async () => {
    const metrics = createServiceMetrics({ defaultMetrics: false });
    metrics.setOrdersByStateSource(() => ({ placed: 1 }));
    observeSome(metrics);
    const { contentType, body } = await metrics.render();
    assert.match(contentType, /^text\/plain/);
    for (const name of METRIC_NAMES) assert.ok(body.includes(`# TYPE ${name} `), `${name} missing`);
    assert.equal(valueOf(body, 'o2o_http_request_duration_seconds_count{method="GET",route="/v1/orders/:orderId",status="200"}'), 1);
    assert.equal(valueOf(body, 'o2o_epoch_assignments_total'), 7);
    assert.equal(valueOf(body, 'o2o_epoch_orders'), 12);
    assert.equal(valueOf(body, 'o2o_orders_created_total{source="api"}'), 1);
    assert.equal(valueOf(body, 'o2o_orders_created_total{source="webhook"}'), 0, 'known sources start at 0');
    assert.equal(valueOf(body, 'o2o_offers_total{outcome="expired"}'), 0);
    assert.equal(valueOf(body, 'o2o_store_pending_writes'), 3);
  });

  it('uses 0.5 ms … 2.5 s buckets for HTTP durations', async () => {
    const metrics = createServiceMetrics({ defaultMetrics: false });
    metrics.observeRequest('GET', '/healthz', 200, 0.0003);
    const { body } = await metrics.render();
    const les = samples(body, 'o2o_http_request_duration_seconds_bucket').map((line) => /le="([^"]+)"/.exec(line)?.[1]);
    assert.deepEqual(les, ['0.0005', '0.001', '0.0025', '0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '+Inf']);
  });

  it('fills o2o_orders{status} from the source at each scrape, zeroing missing statuses', async () => {
    const metrics = createServiceMetrics({ defaultMetrics: false });
    assert.deepEqual(samples((await metrics.render()).body, 'o2o_orders'), [], 'no source, no samples');
    let counts: Record<string, number> = { placed: 4, assigned: 2 };
    let calls = 0;
    metrics.setOrdersByStateSource(() => {
      calls++;
      return counts;
    });
    let { body } = await metrics.render();
    assert.equal(valueOf(body, 'o2o_orders{status="placed"}'), 4);
    assert.equal(valueOf(body, 'o2o_orders{status="assigned"}'), 2);
    assert.equal(valueOf(body, 'o2o_orders{status="delivered"}'), 0);
    counts = { delivered: 9 };
    ({ body } = await metrics.render());
    assert.equal(valueOf(body, 'o2o_orders{status="placed"}'), 0);
    assert.equal(valueOf(body, 'o2o_orders{status="delivered"}'), 9);
    assert.equal(calls, 2);
    metrics.setOrdersByStateSource(async () => ({ ready: 5 }));
    ({ body } = await metrics.render());
    assert.equal(valueOf(body, 'o2o_orders{status="ready"}'), 5);
    metrics.setOrdersByStateSource(undefined);
    assert.deepEqual(samples((await metrics.render()).body, 'o2o_orders'), []);
  });

  it('keeps two sets independent (own registries, not the global one)', async () => {
    const a = createServiceMetrics({ defaultMetrics: false });
    const b = createServiceMetrics({ defaultMetrics: false });
    assert.notEqual(a.registry, b.registry);
    a.epochsTotal.inc(3);
    a.observeRequest('POST', '/v1/orders', 201, 0.002);
    b.epochsTotal.inc(1);
    const [bodyA, bodyB] = [(await a.render()).body, (await b.render()).body];
    assert.equal(valueOf(bodyA, 'o2o_epochs_total'), 3);
    assert.equal(valueOf(bodyB, 'o2o_epochs_total'), 1);
    assert.deepEqual(samples(bodyB, 'o2o_http_request_duration_seconds_count'), []);
    const { register } = await import('prom-client');
    assert.equal(await register.getSingleMetric('o2o_epochs_total'), undefined);
  });

  it('honours a custom prefix', async () => {
    const metrics = createServiceMetrics({ prefix: 'test_', defaultMetrics: false });
    metrics.epochsTotal.inc();
    const { body } = await metrics.render();
    assert.equal(valueOf(body, 'test_epochs_total'), 1);
    assert.ok(!body.includes('o2o_'));
  });

  it('observeRequest caches one child per (method, route, status) and counts each key apart', async () => {
    const metrics = createServiceMetrics({ defaultMetrics: false });
    let labelsCalls = 0;
    const labels = metrics.httpRequestDuration.labels.bind(metrics.httpRequestDuration);
    metrics.httpRequestDuration.labels = ((...args: Parameters<typeof labels>) => {
      labelsCalls++;
      return labels(...args);
    }) as typeof labels;
    for (let i = 0; i < 1000; i++) metrics.observeRequest('GET', '/v1/orders/:orderId', 200, 0.001);
    for (let i = 0; i < 10; i++) metrics.observeRequest('GET', '/v1/orders/:orderId', 404, 0.0002);
    for (let i = 0; i < 5; i++) metrics.observeRequest('POST', '/v1/orders', 201, 0.3);
    metrics.observeRequest('POST', '/v1/orders', '201', 0.3); // a string status is the same series
    metrics.observeRequest('POST', '/v1/orders', 201, Number.NaN); // ignored, not thrown
    assert.equal(labelsCalls, 4);
    const { body } = await metrics.render();
    const count = (labelSet: string): number => valueOf(body, `o2o_http_request_duration_seconds_count{${labelSet}}`);
    assert.equal(count('method="GET",route="/v1/orders/:orderId",status="200"'), 1000);
    assert.equal(count('method="GET",route="/v1/orders/:orderId",status="404"'), 10);
    assert.equal(count('method="POST",route="/v1/orders",status="201"'), 6);
    assert.equal(valueOf(body, 'o2o_http_request_duration_seconds_bucket{le="0.5",method="POST",route="/v1/orders",status="201"}'), 6);
    assert.equal(valueOf(body, 'o2o_http_request_duration_seconds_bucket{le="0.25",method="POST",route="/v1/orders",status="201"}'), 0);
    assert.ok(Math.abs(valueOf(body, 'o2o_http_request_duration_seconds_sum{method="GET",route="/v1/orders/:orderId",status="200"}') - 1) < 1e-9);
  });

  it('collects default process metrics, including event-loop lag, unless turned off', async () => {
    const withDefaults = createServiceMetrics();
    const { body } = await withDefaults.render();
    for (const name of ['nodejs_eventloop_lag_seconds', 'nodejs_eventloop_lag_p99_seconds', 'process_cpu_user_seconds_total', 'nodejs_heap_size_used_bytes']) {
      assert.ok(body.includes(`# TYPE ${name} `), `${name} missing`);
    }
    const without = await createServiceMetrics({ defaultMetrics: false }).render();
    assert.ok(!without.body.includes('nodejs_eventloop_lag_seconds'));
    assert.ok(!without.body.includes('process_cpu'));
  });
});
