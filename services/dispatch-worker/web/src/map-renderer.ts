/**
 * Draws the ops map on one canvas: a base layer (the heatmap's hexagons, the delivery zones, the
 * stores) cached on an offscreen canvas and redrawn only when the view or that data changes, then
 * every frame the planned routes, the orders by state and the riders (idle or busy) on top — each
 * kind batched into one path per colour, so 2,000 riders and 1,000 orders cost a few draw calls.
 */
import { MercatorView, scaleBar } from './mercator-view.js';
import type { HeatPolygon, OpsState, OrderDot, RiderDot } from './ops-state.js';

export type HeatMode = 'off' | 'demand' | 'supply' | 'surge';

export interface MapLayers {
  heat: HeatMode;
  zones: boolean;
  routes: boolean;
}

/** Order colours by status (the legend reads them too). */
export const STATUS_COLOURS: Readonly<Record<string, string>> = {
  placed: '#94a3b8',
  accepted: '#3b82f6',
  ready: '#f59e0b',
  assigned: '#a855f7',
  picked_up: '#10b981',
};
export const RIDER_COLOURS = { idle: '#0d9488', busy: '#111827' } as const;
const HEAT_RGB: Readonly<Record<Exclude<HeatMode, 'off'>, string>> = { demand: '234, 88, 12', supply: '37, 99, 235', surge: '220, 38, 38' };
const ROUTE_COLOUR = 'rgba(79, 70, 229, 0.55)';
const AT_RISK_COLOUR = '#dc2626';
const BACKGROUND = '#eef1f5';

export class MapRenderer {
  readonly layers: MapLayers = { heat: 'demand', zones: true, routes: true };
  /** The order shown in the side panel (ringed). */
  selectedOrderId: string | undefined;
  /** Routes drawn in the last frame. */
  routesDrawn = 0;
  private readonly ctx: CanvasRenderingContext2D;
  private readonly base = document.createElement('canvas');
  private baseKey = '';
  private dpr = 1;
  /** Riders' screen positions this frame (x, y per rider, in `state.riders` order): computed once, used by routes and dots. */
  private riderXY = new Float64Array(0);

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly view: MercatorView,
    private readonly state: OpsState,
  ) {
    this.ctx = canvas.getContext('2d', { alpha: false })!;
  }

  /** Matches the canvas to its CSS size (device pixels). */
  resize(cssWidth: number, cssHeight: number, dpr: number): void {
    this.dpr = dpr;
    this.view.resize(cssWidth, cssHeight);
    for (const c of [this.canvas, this.base]) {
      c.width = Math.round(cssWidth * dpr);
      c.height = Math.round(cssHeight * dpr);
    }
    this.baseKey = '';
  }

  /** One frame at `nowMs`. */
  draw(nowMs: number): void {
    const ctx = this.ctx;
    this.drawBaseIfStale();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(this.base, 0, 0);
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    this.placeRiders(nowMs);
    this.routesDrawn = this.layers.routes ? this.drawRoutes() : 0;
    this.drawOrders();
    this.drawRiders();
    this.drawScaleBar();
  }

  /** The order drawn nearest to (sx, sy) within `maxPx` CSS pixels. */
  hitOrder(sx: number, sy: number, maxPx = 8): OrderDot | undefined {
    return nearestWithin(this.state.orders.values(), (o) => [this.view.screenX(o.x), this.view.screenY(o.y)], sx, sy, maxPx);
  }

  /** The rider drawn nearest to (sx, sy) at `nowMs` within `maxPx` CSS pixels. */
  hitRider(sx: number, sy: number, nowMs: number, maxPx = 8): RiderDot | undefined {
    return nearestWithin(
      this.state.riders,
      (r) => {
        const p = this.state.positionOf(r, nowMs);
        return [this.view.screenX(p.x), this.view.screenY(p.y)];
      },
      sx,
      sy,
      maxPx,
    );
  }

  private drawBaseIfStale(): void {
    const v = this.view;
    const key = `${v.centerX},${v.centerY},${v.scale},${v.width},${v.height},${this.state.baseVersion},${this.layers.heat},${this.layers.zones},${this.selectedOrderId}`;
    if (key === this.baseKey) return;
    this.baseKey = key;
    const ctx = this.base.getContext('2d', { alpha: false })!;
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    ctx.fillStyle = BACKGROUND;
    ctx.fillRect(0, 0, v.width, v.height);
    if (this.layers.heat !== 'off') this.drawHeat(ctx, this.layers.heat);
    if (this.layers.zones) this.drawZones(ctx);
    this.drawStores(ctx);
  }

  private drawHeat(ctx: CanvasRenderingContext2D, mode: Exclude<HeatMode, 'off'>): void {
    let max = 0;
    for (const c of this.state.heat) max = Math.max(max, heatValue(c, mode));
    if (max <= 0) return;
    // Ten alpha steps: one path per step instead of one fill per cell.
    const steps: Path2D[] = Array.from({ length: 10 }, () => new Path2D());
    for (const c of this.state.heat) {
      const v = heatValue(c, mode);
      if (v <= 0) continue;
      this.addRing(steps[Math.min(9, Math.floor((v / max) * 10))]!, c.ring);
    }
    steps.forEach((path, i) => {
      ctx.fillStyle = `rgba(${HEAT_RGB[mode]}, ${(0.08 + 0.06 * i).toFixed(2)})`;
      ctx.fill(path);
    });
  }

  /**
   * The zones as one tinted union (one path filled with the non-zero rule paints overlapping
   * areas once, so 40 overlapping service areas read as the covered city, not a tangle of
   * circles), and the outline of the selected order's store's area.
   */
  private drawZones(ctx: CanvasRenderingContext2D): void {
    const active = new Path2D();
    for (const z of this.state.zones) if (z.active) this.addRing(active, z.ring);
    ctx.fillStyle = 'rgba(51, 65, 85, 0.07)';
    ctx.fill(active, 'nonzero');
    const selected = this.selectedOrderId === undefined ? undefined : this.state.orders.get(this.selectedOrderId);
    const zone = selected?.storeId === undefined ? undefined : this.state.zones.find((z) => z.id === selected.storeId);
    if (zone === undefined) return;
    const outline = new Path2D();
    this.addRing(outline, zone.ring);
    ctx.setLineDash([6, 4]);
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = zone.active ? 'rgba(30, 41, 59, 0.8)' : 'rgba(148, 163, 184, 0.8)';
    ctx.stroke(outline);
    ctx.setLineDash([]);
  }

  private drawStores(ctx: CanvasRenderingContext2D): void {
    const open = new Path2D();
    const closed = new Path2D();
    for (const s of this.state.stores) (s.open ? open : closed).rect(this.view.screenX(s.x) - 4, this.view.screenY(s.y) - 4, 8, 8);
    ctx.fillStyle = '#ffffff';
    ctx.fill(open);
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = '#0f172a';
    ctx.stroke(open);
    ctx.fillStyle = '#cbd5e1';
    ctx.fill(closed);
  }

  private addRing(path: Path2D, ring: Float64Array): void {
    for (let i = 0; i < ring.length; i += 2) {
      const x = this.view.screenX(ring[i]!);
      const y = this.view.screenY(ring[i + 1]!);
      if (i === 0) path.moveTo(x, y);
      else path.lineTo(x, y);
    }
    path.closePath();
  }

  /** Where each rider is drawn at `nowMs` (gliding towards its last reported position), allocation-free. */
  private placeRiders(nowMs: number): void {
    const riders = this.state.riders;
    if (this.riderXY.length < 2 * riders.length) this.riderXY = new Float64Array(4 * riders.length);
    const xy = this.riderXY;
    const glideMs = this.state.glideMs;
    const v = this.view;
    for (let i = 0; i < riders.length; i++) {
      const r = riders[i]!;
      const t = Math.min(1, Math.max(0, (nowMs - r.movedAtMs) / glideMs));
      xy[2 * i] = v.screenX(r.fromX + (r.x - r.fromX) * t);
      xy[2 * i + 1] = v.screenY(r.fromY + (r.y - r.fromY) * t);
    }
  }

  private drawRoutes(): number {
    const ctx = this.ctx;
    const v = this.view;
    const riders = this.state.riders;
    const xy = this.riderXY;
    let drawn = 0;
    ctx.beginPath();
    for (let i = 0; i < riders.length; i++) {
      const r = riders[i]!;
      if (r.route.length === 0) continue;
      ctx.moveTo(xy[2 * i]!, xy[2 * i + 1]!);
      for (let i = 0; i < r.route.length; i += 2) ctx.lineTo(v.screenX(r.route[i]!), v.screenY(r.route[i + 1]!));
      drawn++;
    }
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = ROUTE_COLOUR;
    ctx.stroke();
    return drawn;
  }

  private drawOrders(): void {
    const ctx = this.ctx;
    const v = this.view;
    const w = v.width + 8;
    const h = v.height + 8;
    for (const [status, colour] of Object.entries(STATUS_COLOURS)) {
      ctx.beginPath();
      for (const o of this.state.orders.values()) {
        if (o.status !== status) continue;
        const x = v.screenX(o.x);
        const y = v.screenY(o.y);
        if (x > -8 && y > -8 && x < w && y < h) ctx.rect(x - 3, y - 3, 6, 6);
      }
      ctx.fillStyle = colour;
      ctx.fill();
    }
    ctx.beginPath();
    for (const o of this.state.orders.values()) {
      if (!o.atRisk && o.id !== this.selectedOrderId) continue;
      const x = v.screenX(o.x);
      const y = v.screenY(o.y);
      ctx.moveTo(x + 6, y);
      ctx.arc(x, y, 6, 0, 2 * Math.PI);
    }
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = AT_RISK_COLOUR;
    ctx.stroke();
  }

  private drawRiders(): void {
    const ctx = this.ctx;
    const v = this.view;
    const w = v.width + 6;
    const h = v.height + 6;
    const riders = this.state.riders;
    const xy = this.riderXY;
    for (const busy of [false, true]) {
      ctx.beginPath();
      for (let i = 0; i < riders.length; i++) {
        if (riders[i]!.busy !== busy) continue;
        const x = xy[2 * i]!;
        const y = xy[2 * i + 1]!;
        if (x < -6 || y < -6 || x > w || y > h) continue;
        ctx.moveTo(x + 3.5, y);
        ctx.arc(x, y, 3.5, 0, 2 * Math.PI);
      }
      ctx.fillStyle = busy ? RIDER_COLOURS.busy : RIDER_COLOURS.idle;
      ctx.fill();
    }
  }

  private drawScaleBar(): void {
    const ctx = this.ctx;
    const { metres, px } = scaleBar(this.view.metresPerPixel(), 120);
    const y = this.view.height - 16;
    ctx.fillStyle = 'rgba(255, 255, 255, 0.8)';
    ctx.fillRect(8, y - 14, px + 16, 20);
    ctx.strokeStyle = '#0f172a';
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.moveTo(16, y - 4);
    ctx.lineTo(16, y);
    ctx.lineTo(16 + px, y);
    ctx.lineTo(16 + px, y - 4);
    ctx.stroke();
    ctx.fillStyle = '#0f172a';
    ctx.font = '11px system-ui, sans-serif';
    ctx.fillText(metres >= 1000 ? `${metres / 1000} km` : `${metres} m`, 20, y - 5);
  }
}

/** What a cell shows in `mode`: its demand, its supply, or its surge above 1. */
export function heatValue(c: HeatPolygon, mode: Exclude<HeatMode, 'off'>): number {
  return mode === 'demand' ? c.demand : mode === 'supply' ? c.supply : c.surge - 1;
}

/** The item whose screen point is nearest to (sx, sy), if within `maxPx`. */
function nearestWithin<T>(items: Iterable<T>, screenPoint: (item: T) => readonly [number, number], sx: number, sy: number, maxPx: number): T | undefined {
  let best: T | undefined;
  let bestD2 = maxPx * maxPx;
  for (const item of items) {
    const [x, y] = screenPoint(item);
    const d2 = (x - sx) ** 2 + (y - sy) ** 2;
    if (d2 <= bestD2) {
      bestD2 = d2;
      best = item;
    }
  }
  return best;
}
