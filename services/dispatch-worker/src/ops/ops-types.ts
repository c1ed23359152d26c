/**
 * The JSON shape of `GET /v1/ops/snapshot`, the live operations view's picture of the city: what
 * the page draws and the KPIs of its side panel. Positions are `[lng, lat]` pairs (GeoJSON order,
 * as the map draws them) rounded to 6 decimals; instants are integer Unix epoch seconds. Types
 * only: the browser code of the page (web/) imports them too.
 */
import type { OrderStatus } from '@o2o/dispatch-core';

/** `[lng, lat]` in degrees. */
export type OpsPoint = readonly [number, number];

/** A store (where pickups happen). */
export interface OpsStore {
  readonly id: string;
  readonly name?: string;
  readonly kind: 'store' | 'warehouse' | 'dark_store';
  readonly location: OpsPoint;
  /** False: it takes no new orders. */
  readonly open: boolean;
}

/**
 * A delivery zone: the service area of one store, the drop-offs a quote accepts from it (the
 * estimated road distance within `pricing.distance.maxDistanceM`), as a closed ring.
 */
export interface OpsZone {
  readonly storeId: string;
  /** Straight-line radius of the area, metres. */
  readonly radiusM: number;
  /** Closed ring (first point repeated last), counter-clockwise. */
  readonly ring: readonly OpsPoint[];
  /** The store is open. */
  readonly active: boolean;
}

/** `idle`: on shift with nothing to do; `busy`: carrying or heading to orders, or answering an offer. */
export type OpsRiderState = 'idle' | 'busy';

/** A rider on shift with a known position. */
export interface OpsRider {
  readonly id: string;
  readonly mode: string;
  readonly state: OpsRiderState;
  readonly position: OpsPoint;
  readonly locatedAt: number;
  readonly orderIds: readonly string[];
  /** Its open offer, if any. */
  readonly offerId: string | null;
  /** The planned route: the rider's position, then every stop ahead in order (empty when idle). */
  readonly route: readonly OpsPoint[];
}

/** An open order (placed → picked up). */
export interface OpsOrder {
  readonly id: string;
  readonly status: OrderStatus;
  readonly storeId?: string;
  readonly riderId?: string;
  readonly dropOff: OpsPoint;
  readonly placedAt: number;
  readonly promisedBy: number;
  /** Predicted drop-off while a rider has it (dispatch-core's live ETA), else null. */
  readonly etaAt: number | null;
  /** At risk of lateness: predicted after its promise, or already past it. */
  readonly atRisk: boolean;
}

/** One H3 cell of the supply/demand heatmap, as a polygon. */
export interface OpsHeatCell {
  readonly h3: string;
  /** Closed ring (first point repeated last). */
  readonly ring: readonly OpsPoint[];
  /** Orders placed in the cell over the heatmap window. */
  readonly demand: number;
  /** Riders that came on shift in the cell over the window (the service's supply signal). */
  readonly supply: number;
  /** Target surge multiplier of the cell (the pricing curve of its k-ring smoothed demand/supply), in [1, max]. */
  readonly surge: number;
}

/** The KPIs of the side panel. */
export interface OpsKpis {
  /** Orders placed per minute over the last `ordersPerMinWindowSec` seconds. */
  readonly ordersPerMin: number;
  readonly ordersPerMinWindowSec: number;
  /** Open orders per status (placed → picked up) and final ones since the process started. */
  readonly ordersByStatus: Readonly<Record<OrderStatus, number>>;
  readonly openOrders: number;
  /** Mean and nearest-rank p90 of the predicted click-to-door time (predicted drop-off − placedAt) of orders with a live ETA; null without any. */
  readonly meanEtaSec: number | null;
  readonly p90EtaSec: number | null;
  /** Orders with a live ETA (on a rider). */
  readonly ordersWithEta: number;
  /** Share of open orders at risk of lateness, percent (0 without open orders). */
  readonly atRiskPct: number;
  readonly ordersAtRisk: number;
  readonly ridersOnShift: number;
  readonly ridersBusy: number;
  /** Busy riders over riders on shift, percent (0 without riders on shift). */
  readonly riderUtilisationPct: number;
}

/** What the last dispatch epoch did (its `epoch.completed` event). */
export interface OpsEpoch {
  readonly at: number;
  readonly durationMs: number;
  /** Orders waiting and riders free when it started. */
  readonly orders: number;
  readonly riders: number;
  /** Offers sent, and the orders in them. */
  readonly assignments: number;
  readonly ordersAssigned: number;
}

/** A lateness alert or its clearing. */
export interface OpsAlert {
  readonly eventId: number;
  readonly type: 'lateness.alert' | 'lateness.cleared';
  readonly at: number;
  readonly orderId?: string;
  readonly riderId?: string;
  readonly lateBySec: number | null;
}

/** `GET /v1/ops/snapshot`. */
export interface OpsSnapshot {
  readonly at: number;
  /** The last event reflected: subscribe to `/v1/events` with `Last-Event-ID` set to it to miss nothing. */
  readonly lastEventId: number;
  readonly stores: readonly OpsStore[];
  readonly zones: readonly OpsZone[];
  readonly riders: readonly OpsRider[];
  readonly orders: readonly OpsOrder[];
  /** True when there were more `placed` orders than the snapshot carries (the oldest are shown). */
  readonly ordersTruncated: boolean;
  readonly heatmap: { readonly resolution: number; readonly windowSec: number; readonly cells: readonly OpsHeatCell[] };
  readonly kpis: OpsKpis;
  readonly lastEpoch: OpsEpoch | null;
  /** The most recent lateness events still in the event ring, newest first. */
  readonly alerts: readonly OpsAlert[];
}
