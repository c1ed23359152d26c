/**
 * `GET /v1/ops/snapshot` assembled: the live operations view's picture of the city from the
 * service's state — stores and their service areas, riders on shift with their planned routes,
 * open orders with their live ETAs, the supply/demand heatmap as polygons, the KPIs, the last
 * epoch and the recent lateness alerts. Read-only: it changes nothing but the heatmap's clock.
 */
import type { Order } from '@o2o/dispatch-core';
import type { DispatchService } from '../service/dispatch-service.js';
import type { ServiceEvent } from '../service/event-bus.js';
import type { RiderState } from '../service/rider-registry.js';
import { MAX_ORDER_PAGE_SIZE } from '../store/order-query.js';
import { computeOpsKpis, isAtRisk } from './ops-kpis.js';
import { opsHeatCells } from './ops-heat-cells.js';
import type { OpsAlert, OpsEpoch, OpsOrder, OpsPoint, OpsRider, OpsSnapshot } from './ops-types.js';
import { opsPoint, serviceAreaRadiusM, storeServiceArea } from './store-service-area.js';

/** Most `placed` orders a snapshot carries (they live in the store, not in memory; the oldest come first). */
export const MAX_SNAPSHOT_PLACED_ORDERS = 5_000;
/** Most lateness alerts a snapshot carries. */
export const MAX_SNAPSHOT_ALERTS = 50;

export class OpsSnapshotBuilder {
  /** When this builder started counting (the order rate's window is not full before). */
  private readonly startedAt: number;

  constructor(private readonly service: DispatchService) {
    this.startedAt = service.clock();
  }

  /** The snapshot now. */
  async build(): Promise<OpsSnapshot> {
    const s = this.service;
    // Read first: every event after it is a change the snapshot may not show, and an SSE
    // subscription from it replays them all.
    const lastEventId = s.events.lastId;
    const { placed, truncated } = await this.placedOrders();
    const now = s.clock();
    const orders = new Map<string, OpsOrder>();
    // Memory after the store: an order accepted while the store answered shows its new status.
    for (const o of placed) orders.set(o.id, this.orderView(o, now));
    for (const o of s.activeOrders()) orders.set(o.id, this.orderView(o, now));
    const riders: OpsRider[] = [];
    for (const r of s.riders.values()) if (r.profile.onShift && r.locAt > 0) riders.push(this.riderView(r));
    const stores = s.catalog.list();
    const radiusM = serviceAreaRadiusM(s.config.pricing.distance.maxDistanceM);
    const cells = opsHeatCells(s.heatmap, now, s.config.pricing.surge);
    let demandInWindow = 0;
    for (const c of cells) demandInWindow += c.demand;
    const openOrders = [...orders.values()];
    const kpis = computeOpsKpis({
      ordersInWindow: demandInWindow,
      rateWindowSec: s.heatmap.windowSec,
      countingForSec: now - this.startedAt,
      ordersByStatus: s.countsByStatus(),
      openOrders,
      riders: riders.map((r) => ({ busy: r.state === 'busy' })),
    });
    return {
      at: now,
      lastEventId,
      stores: stores.map((st) => ({ id: st.id, ...(st.name === undefined ? {} : { name: st.name }), kind: st.kind, location: opsPoint(st.location[0], st.location[1]), open: st.open })),
      zones: stores.map((st) => storeServiceArea(st, radiusM)),
      riders,
      orders: openOrders,
      ordersTruncated: truncated,
      heatmap: { resolution: s.heatmap.resolution, windowSec: s.heatmap.windowSec, cells },
      kpis,
      lastEpoch: epochOf(s.events.latest('epoch.completed')),
      alerts: this.alerts(),
    };
  }

  /** `placed` orders from the store, oldest first, at most {@link MAX_SNAPSHOT_PLACED_ORDERS}. */
  private async placedOrders(): Promise<{ placed: Order[]; truncated: boolean }> {
    const placed: Order[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.service.store.listOrders({ status: 'placed', limit: MAX_ORDER_PAGE_SIZE, ...(cursor === undefined ? {} : { cursor }) });
      for (const o of page.orders) {
        if (placed.length === MAX_SNAPSHOT_PLACED_ORDERS) return { placed, truncated: true };
        placed.push(o);
      }
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    return { placed, truncated: false };
  }

  private orderView(o: Order, now: number): OpsOrder {
    const eta = this.service.etaOf(o.id);
    const etaAt = eta === undefined ? null : eta.dropoffAt;
    return {
      id: o.id,
      status: o.status,
      ...(o.storeId === undefined ? {} : { storeId: o.storeId }),
      ...(o.riderId === undefined ? {} : { riderId: o.riderId }),
      dropOff: opsPoint(o.dropOff[0], o.dropOff[1]),
      placedAt: o.placedAt,
      promisedBy: o.promisedBy,
      etaAt,
      atRisk: isAtRisk(eta?.late ?? false, o.promisedBy, now),
    };
  }

  private riderView(r: RiderState): OpsRider {
    const position = opsPoint(r.lng, r.lat);
    const route: OpsPoint[] = [];
    for (const stop of this.service.plannedStopsOf(r.profile.id)) {
      if (stop.location !== undefined) route.push(opsPoint(stop.location[0], stop.location[1]));
    }
    const busy = r.orders.size > 0 || r.offerId !== undefined;
    return {
      id: r.profile.id,
      mode: r.profile.mode,
      state: busy ? 'busy' : 'idle',
      position,
      locatedAt: r.locAt,
      orderIds: [...r.orders],
      offerId: r.offerId ?? null,
      route: route.length === 0 ? [] : [position, ...route],
    };
  }

  /** Lateness events still in the ring, newest first. */
  private alerts(): OpsAlert[] {
    const events = this.service.events;
    const out: OpsAlert[] = [];
    const recent = events.since(Math.max(0, events.lastId - events.capacity));
    for (let i = recent.length - 1; i >= 0 && out.length < MAX_SNAPSHOT_ALERTS; i--) {
      const e = recent[i]!;
      if (e.type !== 'lateness.alert' && e.type !== 'lateness.cleared') continue;
      const lateBySec = e.data.lateBySec;
      out.push({
        eventId: e.id,
        type: e.type,
        at: e.at,
        ...(e.orderId === undefined ? {} : { orderId: e.orderId }),
        ...(e.riderId === undefined ? {} : { riderId: e.riderId }),
        lateBySec: typeof lateBySec === 'number' ? lateBySec : null,
      });
    }
    return out;
  }
}

/** The epoch report an `epoch.completed` event carries. */
function epochOf(e: ServiceEvent | undefined): OpsEpoch | null {
  if (e === undefined) return null;
  const n = (key: string): number => (typeof e.data[key] === 'number' ? (e.data[key] as number) : 0);
  return { at: e.at, durationMs: Math.round(n('durationMs') * 10) / 10, orders: n('orders'), riders: n('riders'), assignments: n('assignments'), ordersAssigned: n('ordersAssigned') };
}
