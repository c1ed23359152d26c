/**
 * The service's Prometheus instruments, on a registry of their own (never prom-client's global
 * one), so a process, or a test, can hold several independent sets.
 *
 * ```ts
 * const metrics = createServiceMetrics();
 * metrics.observeRequest('GET', '/v1/orders/:orderId', 200, 0.0012);
 * const { contentType, body } = await metrics.render(); // GET /metrics
 * ```
 */
import { ORDER_STATUSES, type OrderStatus } from '@o2o/dispatch-core';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Where an order came from (`o2o_orders_created_total{source}`). */
export type OrderSource = 'api' | 'ingest' | 'webhook' | 'demo';
/** `o2o_lateness_alerts_total{kind}`: an alert raised, or one cleared. */
export type LatenessAlertKind = 'alert' | 'clear';
/** `o2o_offers_total{outcome}`. */
export type OfferOutcome = 'sent' | 'accepted' | 'declined' | 'expired';

/** Order counts by status, read at each scrape; statuses left out are reported as 0. */
export type OrdersByState = Readonly<Partial<Record<OrderStatus, number>>>;
/** Gives {@link OrdersByState} on demand (at scrape time, so keep it cheap: one `GROUP BY` or a cached tally). */
export type OrdersByStateSource = () => OrdersByState | Promise<OrdersByState>;

export interface ServiceMetricsOptions {
  /** Prepended to the service's own metric names (default `o2o_`); the default process metrics keep their standard names. */
  readonly prefix?: string;
  /** Also collect prom-client's default process and Node metrics (CPU, memory, GC, event-loop lag...); default true. */
  readonly defaultMetrics?: boolean;
}

/** What {@link ServiceMetrics.render} gives: the `Content-Type` header and the text exposition. */
export interface RenderedMetrics {
  readonly contentType: string;
  readonly body: string;
}

export type HttpLabel = 'method' | 'route' | 'status';

/** The instruments; names are given with the default `o2o_` prefix. */
export interface ServiceMetrics {
  /** This set's own registry. */
  readonly registry: Registry;
  /** `o2o_http_request_duration_seconds{method,route,status}`; route is the pattern (`/v1/orders/:orderId`), never the raw URL. Record through {@link observeRequest}. */
  readonly httpRequestDuration: Histogram<HttpLabel>;
  /** `o2o_epoch_duration_seconds`: wall time of one dispatch epoch. */
  readonly epochDuration: Histogram;
  /** `o2o_epochs_total`. */
  readonly epochsTotal: Counter;
  /** `o2o_epoch_assignments_total`: orders assigned to riders, over all epochs. */
  readonly epochAssignments: Counter;
  /** `o2o_epoch_orders`: orders considered by the last epoch. */
  readonly epochOrders: Gauge;
  /** `o2o_orders{status}`, filled at scrape time from {@link setOrdersByStateSource}. */
  readonly ordersByState: Gauge<'status'>;
  /** `o2o_orders_created_total{source}` ({@link OrderSource}). */
  readonly ordersCreated: Counter<'source'>;
  /** `o2o_location_updates_total`: rider positions received. */
  readonly locationUpdates: Counter;
  /** `o2o_lateness_alerts_total{kind}` ({@link LatenessAlertKind}). */
  readonly latenessAlerts: Counter<'kind'>;
  /** `o2o_offers_total{outcome}` ({@link OfferOutcome}). */
  readonly offers: Counter<'outcome'>;
  /** `o2o_rejected_requests_total{reason}` (`backpressure`, ...). */
  readonly rejectedRequests: Counter<'reason'>;
  /** `o2o_store_pending_writes`: writes queued for the next group commit. */
  readonly storePendingWrites: Gauge;
  /** `o2o_event_subscribers`: open event-stream connections. */
  readonly eventSubscribers: Gauge;
  /**
   * Records one HTTP request. Hot path: the labelled histogram child is looked up once per
   * (method, route, status) and cached. `route` must be the matched pattern (or a fixed
   * placeholder for unmatched requests), or the label set grows without bound. Non-finite
   * `seconds` are ignored. The cached child survives `httpRequestDuration.reset()`.
   */
  observeRequest(method: string, route: string, status: number | string, seconds: number): void;
  /** Sets (or, with `undefined`, removes) the callback that fills `o2o_orders{status}` at each scrape. */
  setOrdersByStateSource(source: OrdersByStateSource | undefined): void;
  /** The text exposition for `GET /metrics`. */
  render(): Promise<RenderedMetrics>;
}

/** Request durations from 0.5 ms to 2.5 s (seconds). */
export const HTTP_DURATION_BUCKETS: readonly number[] = Object.freeze([0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]);
/** Dispatch epoch durations from 5 ms to 10 s (seconds). */
export const EPOCH_DURATION_BUCKETS: readonly number[] = Object.freeze([0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]);

/** Past this many cached (method, route, status) children, requests are still observed but no longer cached. */
const MAX_CACHED_REQUEST_CHILDREN = 1024;

/** A new, independent set of the service's instruments (see {@link ServiceMetricsOptions}). */
export function createServiceMetrics(options: ServiceMetricsOptions = {}): ServiceMetrics {
  const prefix = options.prefix ?? 'o2o_';
  const registry = new Registry();
  const registers = [registry];
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });

  const httpRequestDuration = new Histogram<HttpLabel>({
    name: `${prefix}http_request_duration_seconds`,
    help: 'HTTP request duration in seconds, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status'],
    buckets: [...HTTP_DURATION_BUCKETS],
    registers,
  });
  const epochDuration = new Histogram({
    name: `${prefix}epoch_duration_seconds`,
    help: 'Wall time of one dispatch epoch in seconds.',
    buckets: [...EPOCH_DURATION_BUCKETS],
    registers,
  });
  const epochsTotal = new Counter({ name: `${prefix}epochs_total`, help: 'Dispatch epochs run.', registers });
  const epochAssignments = new Counter({ name: `${prefix}epoch_assignments_total`, help: 'Orders assigned to riders by dispatch epochs.', registers });
  const epochOrders = new Gauge({ name: `${prefix}epoch_orders`, help: 'Orders considered by the last dispatch epoch.', registers });

  let ordersSource: OrdersByStateSource | undefined;
  const ordersByState = new Gauge<'status'>({
    name: `${prefix}orders`,
    help: 'Orders by lifecycle status, read at scrape time.',
    labelNames: ['status'],
    registers,
    async collect() {
      if (ordersSource === undefined) return;
      const counts = await ordersSource();
      this.reset();
      for (const status of ORDER_STATUSES) this.set({ status }, 0);
      for (const [status, count] of Object.entries(counts)) if (count !== undefined) this.set({ status }, count);
    },
  });

  const ordersCreated = new Counter<'source'>({ name: `${prefix}orders_created_total`, help: 'Orders created, by source.', labelNames: ['source'], registers });
  const locationUpdates = new Counter({ name: `${prefix}location_updates_total`, help: 'Rider location updates received.', registers });
  const latenessAlerts = new Counter<'kind'>({ name: `${prefix}lateness_alerts_total`, help: 'Lateness alerts raised and cleared.', labelNames: ['kind'], registers });
  const offers = new Counter<'outcome'>({ name: `${prefix}offers_total`, help: 'Rider offers, by outcome.', labelNames: ['outcome'], registers });
  const rejectedRequests = new Counter<'reason'>({ name: `${prefix}rejected_requests_total`, help: 'Requests refused before handling, by reason.', labelNames: ['reason'], registers });
  const storePendingWrites = new Gauge({ name: `${prefix}store_pending_writes`, help: 'Store writes waiting for the next group commit.', registers });
  const eventSubscribers = new Gauge({ name: `${prefix}event_subscribers`, help: 'Open event-stream subscriptions.', registers });

  // Known label values start at 0, so rate() sees the first increment and dashboards show the series.
  for (const source of ['api', 'ingest', 'webhook', 'demo'] satisfies OrderSource[]) ordersCreated.inc({ source }, 0);
  for (const kind of ['alert', 'clear'] satisfies LatenessAlertKind[]) latenessAlerts.inc({ kind }, 0);
  for (const outcome of ['sent', 'accepted', 'declined', 'expired'] satisfies OfferOutcome[]) offers.inc({ outcome }, 0);
  rejectedRequests.inc({ reason: 'backpressure' }, 0);

  // method → route → status → child; nested maps, so the hot path builds no key string.
  const children = new Map<string, Map<string, Map<number | string, Histogram.Internal<HttpLabel>>>>();
  let cachedChildren = 0;

  function observeRequest(method: string, route: string, status: number | string, seconds: number): void {
    if (!Number.isFinite(seconds)) return; // prom-client would throw, and this runs in a response 'finish' handler
    let child = children.get(method)?.get(route)?.get(status);
    if (child === undefined) {
      child = httpRequestDuration.labels(method, route, String(status));
      if (cachedChildren < MAX_CACHED_REQUEST_CHILDREN) {
        let byRoute = children.get(method);
        if (byRoute === undefined) children.set(method, (byRoute = new Map()));
        let byStatus = byRoute.get(route);
        if (byStatus === undefined) byRoute.set(route, (byStatus = new Map()));
        byStatus.set(status, child);
        cachedChildren++;
      }
    }
    child.observe(seconds);
  }

  return {
    registry,
    httpRequestDuration,
    epochDuration,
    epochsTotal,
    epochAssignments,
    epochOrders,
    ordersByState,
    ordersCreated,
    locationUpdates,
    latenessAlerts,
    offers,
    rejectedRequests,
    storePendingWrites,
    eventSubscribers,
    observeRequest,
    setOrdersByStateSource(source) {
      ordersSource = source;
      if (source === undefined) ordersByState.reset();
    },
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
