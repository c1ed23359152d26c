/**
 * What the ops page knows, in the form it draws: the last snapshot (`GET /v1/ops/snapshot`) in
 * world coordinates, with the events that arrived since applied on top (orders placed, moved on,
 * delivered; riders given offers; lateness alerts; epochs). A new snapshot replaces the state and
 * re-applies the buffered events it does not reflect yet, so nothing is lost or counted twice.
 * Riders glide from where they were drawn to their new position. No DOM: the node tests check it.
 */
import type { OpsAlert, OpsEpoch, OpsKpis, OpsPoint, OpsSnapshot } from '../../src/ops/ops-types.js';
import { mercatorX, mercatorY } from './mercator-view.js';

/** An event of `GET /v1/events` (its `data:` JSON). */
export interface StreamEvent {
  readonly id: number;
  readonly type: string;
  readonly at: number;
  readonly orderId?: string;
  readonly storeId?: string;
  readonly riderId?: string;
  readonly data: Readonly<Record<string, unknown>>;
}

export interface RiderDot {
  readonly id: string;
  busy: boolean;
  /** Glides from (fromX, fromY) at `movedAtMs` to (x, y) over the state's `glideMs`. */
  fromX: number;
  fromY: number;
  x: number;
  y: number;
  movedAtMs: number;
  /** Stops ahead, world coordinates [x0, y0, x1, y1, ...] (the route starts at the rider). */
  route: Float64Array;
  orderIds: readonly string[];
}

export interface OrderDot {
  readonly id: string;
  status: string;
  readonly x: number;
  readonly y: number;
  riderId: string | undefined;
  storeId: string | undefined;
  atRisk: boolean;
  readonly placedAt: number;
  readonly promisedBy: number;
  etaAt: number | null;
}

/** A polygon in world coordinates [x0, y0, ...] with its value. */
export interface WorldPolygon {
  readonly id: string;
  readonly ring: Float64Array;
}

export interface HeatPolygon extends WorldPolygon {
  readonly demand: number;
  readonly supply: number;
  readonly surge: number;
}

export interface StoreDot {
  readonly id: string;
  readonly name: string | undefined;
  readonly x: number;
  readonly y: number;
  readonly open: boolean;
}

/** Alerts kept for the feed. */
export const MAX_ALERTS = 100;
/** Events kept for re-applying on the next snapshot (they normally span one refresh interval). */
export const MAX_PENDING_EVENTS = 20_000;

export class OpsState {
  riders: RiderDot[] = [];
  readonly riderById = new Map<string, RiderDot>();
  readonly orders = new Map<string, OrderDot>();
  stores: StoreDot[] = [];
  zones: (WorldPolygon & { readonly active: boolean })[] = [];
  heat: HeatPolygon[] = [];
  kpis: OpsKpis | undefined;
  lastEpoch: OpsEpoch | null = null;
  alerts: OpsAlert[] = [];
  /** The last event reflected (snapshot or stream). */
  lastEventId = 0;
  snapshotAt = 0;
  snapshots = 0;
  eventsApplied = 0;
  /** Bumped when zones, heat or stores change (the map redraws its base layer). */
  baseVersion = 0;
  private snapshotEventId = 0;
  private pending: StreamEvent[] = [];

  constructor(readonly glideMs = 1500) {}

  /** Replaces the state with `snap` (riders glide from where they were drawn at `nowMs`). */
  applySnapshot(snap: OpsSnapshot, nowMs: number): void {
    const riders: RiderDot[] = [];
    for (const r of snap.riders) {
      const x = mercatorX(r.position[0]);
      const y = mercatorY(r.position[1]);
      const known = this.riderById.get(r.id);
      const from = known === undefined ? { x, y } : this.positionOf(known, nowMs);
      riders.push({ id: r.id, busy: r.state === 'busy', fromX: from.x, fromY: from.y, x, y, movedAtMs: nowMs, route: worldRing(r.route.slice(1)), orderIds: r.orderIds });
    }
    this.riders = riders;
    this.riderById.clear();
    for (const r of riders) this.riderById.set(r.id, r);
    this.orders.clear();
    for (const o of snap.orders) {
      this.orders.set(o.id, { id: o.id, status: o.status, x: mercatorX(o.dropOff[0]), y: mercatorY(o.dropOff[1]), riderId: o.riderId, storeId: o.storeId, atRisk: o.atRisk, placedAt: o.placedAt, promisedBy: o.promisedBy, etaAt: o.etaAt });
    }
    this.stores = snap.stores.map((s) => ({ id: s.id, name: s.name, x: mercatorX(s.location[0]), y: mercatorY(s.location[1]), open: s.open }));
    this.zones = snap.zones.map((z) => ({ id: z.storeId, ring: worldRing(z.ring), active: z.active }));
    this.heat = snap.heatmap.cells.map((c) => ({ id: c.h3, ring: worldRing(c.ring), demand: c.demand, supply: c.supply, surge: c.surge }));
    this.kpis = snap.kpis;
    this.lastEpoch = snap.lastEpoch;
    this.alerts = [...snap.alerts];
    this.snapshotAt = snap.at;
    this.snapshots++;
    this.baseVersion++;
    this.snapshotEventId = snap.lastEventId;
    // Events the snapshot already reflects are dropped; the later ones apply again on top of it.
    const later = this.pending.filter((e) => e.id > snap.lastEventId);
    this.pending = [];
    this.lastEventId = snap.lastEventId;
    for (const e of later) this.applyEvent(e);
  }

  /** Applies one stream event; false when the state already reflects it (or it changes nothing drawn). */
  applyEvent(e: StreamEvent): boolean {
    if (e.id <= this.snapshotEventId || e.id <= this.lastEventId) return false;
    this.lastEventId = e.id;
    if (this.pending.push(e) > MAX_PENDING_EVENTS) this.pending.shift();
    this.eventsApplied++;
    const order = e.orderId === undefined ? undefined : this.orders.get(e.orderId);
    switch (e.type) {
      case 'order.placed':
        return this.placeOrder(e.data.order);
      case 'order.accepted':
      case 'order.ready':
      case 'order.picked_up':
        if (order !== undefined) order.status = e.type.slice('order.'.length);
        return order !== undefined;
      case 'order.assigned':
        if (order !== undefined) {
          order.status = 'assigned';
          order.riderId = e.riderId;
        }
        this.markBusy(e.riderId);
        return true;
      case 'order.unassigned':
        if (order !== undefined) {
          order.status = 'ready';
          order.riderId = undefined;
        }
        return order !== undefined;
      case 'order.delivered':
      case 'order.cancelled':
        return e.orderId !== undefined && this.orders.delete(e.orderId);
      case 'offer.sent':
        this.markBusy(e.riderId);
        return true;
      case 'lateness.alert':
      case 'lateness.cleared':
        return this.alert(e, order);
      case 'epoch.completed':
        // The page fetches a new snapshot (routes, KPIs and this epoch's figures) right after.
        return true;
      default:
        return false;
    }
  }

  /** Where the rider is drawn at `nowMs` (gliding towards its last known position). */
  positionOf(r: RiderDot, nowMs: number): { x: number; y: number } {
    const t = Math.min(1, Math.max(0, (nowMs - r.movedAtMs) / this.glideMs));
    return { x: r.fromX + (r.x - r.fromX) * t, y: r.fromY + (r.y - r.fromY) * t };
  }

  /** True while a rider is still gliding at `nowMs`. */
  isMoving(nowMs: number): boolean {
    for (const r of this.riders) if (nowMs - r.movedAtMs < this.glideMs && (r.x !== r.fromX || r.y !== r.fromY)) return true;
    return false;
  }

  /** Open orders per status. */
  countsByStatus(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const o of this.orders.values()) counts.set(o.status, (counts.get(o.status) ?? 0) + 1);
    return counts;
  }

  private placeOrder(view: unknown): boolean {
    const o = view as { id?: unknown; status?: unknown; storeId?: string; dropOff?: { lat: number; lng: number }; placedAt?: number; promisedBy?: number } | undefined;
    if (typeof o?.id !== 'string' || o.dropOff === undefined || typeof o.placedAt !== 'number' || typeof o.promisedBy !== 'number') return false;
    this.orders.set(o.id, { id: o.id, status: String(o.status), x: mercatorX(o.dropOff.lng), y: mercatorY(o.dropOff.lat), riderId: undefined, storeId: o.storeId, atRisk: false, placedAt: o.placedAt, promisedBy: o.promisedBy, etaAt: null });
    return true;
  }

  private markBusy(riderId: string | undefined): void {
    const r = riderId === undefined ? undefined : this.riderById.get(riderId);
    if (r !== undefined) r.busy = true;
  }

  private alert(e: StreamEvent, order: OrderDot | undefined): boolean {
    const isAlert = e.type === 'lateness.alert';
    if (order !== undefined) order.atRisk = isAlert || e.at > order.promisedBy;
    const lateBySec = e.data.lateBySec;
    this.alerts.unshift({
      eventId: e.id,
      type: isAlert ? 'lateness.alert' : 'lateness.cleared',
      at: e.at,
      ...(e.orderId === undefined ? {} : { orderId: e.orderId }),
      ...(e.riderId === undefined ? {} : { riderId: e.riderId }),
      lateBySec: typeof lateBySec === 'number' ? lateBySec : null,
    });
    if (this.alerts.length > MAX_ALERTS) this.alerts.length = MAX_ALERTS;
    return true;
  }
}

/** `[lng, lat]` points as world coordinates [x0, y0, x1, y1, ...]. */
export function worldRing(points: readonly OpsPoint[]): Float64Array {
  const out = new Float64Array(points.length * 2);
  points.forEach((p, i) => {
    out[2 * i] = mercatorX(p[0]);
    out[2 * i + 1] = mercatorY(p[1]);
  });
  return out;
}
