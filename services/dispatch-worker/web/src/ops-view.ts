/**
 * The live operations page (served at `/`): asks for an admin token, loads the snapshot, follows
 * the event stream, refreshes the snapshot every few seconds and after each epoch, and draws the
 * map every frame while something moves. Counts are mirrored on `#map`'s data attributes and a
 * small read-only probe (`window.opsView`) answers where an order is drawn: the browser test reads
 * both, and so can anyone debugging the page.
 */
import type { OrderView } from '../../src/api/api-types.js';
import type { OpsSnapshot } from '../../src/ops/ops-types.js';
import { EventStream, type StreamStatus } from './event-stream.js';
import { MercatorView, type WorldBox } from './mercator-view.js';
import { MapRenderer, type HeatMode } from './map-renderer.js';
import { AuthError, forgetToken, getJson, saveToken, takeToken } from './ops-api.js';
import { OpsState } from './ops-state.js';
import { SidePanel } from './side-panel.js';

/** Snapshot refresh period, ms (rider positions, routes, KPIs, heatmap). */
const REFRESH_MS = 2000;
/** Delay of the refresh an epoch or a shift change asks for, ms (events of one burst share it). */
const SOON_MS = 150;
/** Longest the DOM's counters lag the map, ms. */
const MIRROR_MS = 500;

const $ = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`the page lacks #${id}`);
  return el as T;
};

class OpsPage {
  private readonly state = new OpsState(REFRESH_MS * 0.9);
  private readonly view = new MercatorView();
  private readonly canvas = $<HTMLCanvasElement>('map');
  private readonly renderer = new MapRenderer(this.canvas, this.view, this.state);
  private readonly panel = new SidePanel(document.body, (id) => void this.openOrder(id));
  private stream: EventStream | undefined;
  private token = '';
  private dirty = true;
  private fitted = false;
  private refreshTimer: number | undefined;
  private refreshing: Promise<void> | undefined;
  private waitingForVisible = false;
  private streamStatus: StreamStatus = 'closed';
  private drag: { x: number; y: number; moved: boolean } | undefined;
  private framesDrawn = 0;
  /** Time spent drawing, ms (its mean per frame is mirrored as `data-draw-ms`). */
  private drawMsTotal = 0;
  private mirroredAtMs = 0;

  constructor() {
    this.panel.paintLegend();
    new ResizeObserver(() => this.resize()).observe(this.canvas.parentElement!);
    this.resize();
    this.bindControls();
    this.bindPointer();
    $<HTMLFormElement>('token-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const input = $<HTMLInputElement>('token-input');
      const token = input.value.trim();
      input.value = '';
      if (token.length > 0) {
        saveToken(token);
        this.start(token);
      }
    });
    const frame = (nowMs: number): void => {
      const changed = this.dirty;
      if (changed || this.state.isMoving(nowMs) || this.drag?.moved === true) {
        this.dirty = false;
        const started = performance.now();
        this.renderer.draw(nowMs);
        this.drawMsTotal += performance.now() - started;
        this.framesDrawn++;
      }
      // The DOM follows changes at once, and otherwise twice a second (counters, "s ago").
      if (changed || nowMs - this.mirroredAtMs >= MIRROR_MS) {
        this.mirroredAtMs = nowMs;
        this.mirror();
      }
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }

  /** Starts (or restarts) with `token`. */
  start(token: string): void {
    this.stream?.stop();
    this.token = token;
    $('token-dialog').hidden = true;
    this.setStatus('loading…');
    void this.refresh().then(() => {
      if (this.token !== token) return;
      this.stream = new EventStream(token, {
        onEvent: (e) => {
          if (this.state.applyEvent(e)) this.dirty = true;
          if (e.type === 'epoch.completed' || e.type === 'rider.shift') this.refreshSoon();
        },
        onStatus: (status, detail) => {
          this.streamStatus = status;
          this.setStatus(status === 'open' ? 'live' : status === 'connecting' ? `reconnecting${detail === undefined ? '' : ` (${detail})`}` : 'stopped');
        },
        onAuthError: (error) => this.askToken(error),
      });
      this.stream.start(() => this.state.lastEventId);
    });
  }

  askToken(error?: AuthError): void {
    this.stream?.stop();
    this.token = '';
    window.clearTimeout(this.refreshTimer);
    forgetToken();
    $('token-error').textContent =
      error === undefined ? '' : error.status === 403 ? `This token may not read the ops view (${error.code}): it needs the admin role.` : `The service refused the token (${error.code}): ${error.message}`;
    $('token-dialog').hidden = false;
    $<HTMLInputElement>('token-input').focus();
  }

  /** Fetches a snapshot now (one at a time) and schedules the next; a hidden tab waits until it is shown again. */
  private refresh(): Promise<void> {
    if (document.hidden && this.state.snapshots > 0) {
      if (!this.waitingForVisible) {
        this.waitingForVisible = true;
        document.addEventListener('visibilitychange', () => {
          this.waitingForVisible = false;
          void this.refresh();
        }, { once: true });
      }
      return Promise.resolve();
    }
    this.refreshing ??= this.loadSnapshot().finally(() => {
      this.refreshing = undefined;
      window.clearTimeout(this.refreshTimer);
      if (this.token !== '') this.refreshTimer = window.setTimeout(() => void this.refresh(), REFRESH_MS);
    });
    return this.refreshing;
  }

  private refreshSoon(): void {
    window.clearTimeout(this.refreshTimer);
    this.refreshTimer = window.setTimeout(() => void this.refresh(), SOON_MS);
  }

  private async loadSnapshot(): Promise<void> {
    const token = this.token;
    try {
      const snap = await getJson<OpsSnapshot>('/v1/ops/snapshot', token);
      if (token !== this.token) return;
      this.state.applySnapshot(snap, performance.now());
      if (!this.fitted) this.fitted = this.fit();
      this.panel.renderKpis(this.state, snap.at);
      this.panel.renderAlerts(this.state);
      this.dirty = true;
    } catch (error) {
      if (error instanceof AuthError) this.askToken(error);
      else this.setStatus(`snapshot failed: ${(error as Error).message}`);
    }
  }

  private async openOrder(orderId: string): Promise<void> {
    this.renderer.selectedOrderId = orderId;
    this.dirty = true;
    try {
      this.panel.showOrder(await getJson<OrderView>(`/v1/orders/${encodeURIComponent(orderId)}`, this.token));
    } catch (error) {
      if (error instanceof AuthError) this.askToken(error);
      else this.panel.showMessage(`Order ${orderId}: ${(error as Error).message}`);
    }
  }

  /** Fits the view to the stores, riders and orders; false when there is nothing to fit. */
  private fit(): boolean {
    let box: WorldBox | undefined;
    const add = (x: number, y: number): void => {
      box = box === undefined ? { minX: x, minY: y, maxX: x, maxY: y } : { minX: Math.min(box.minX, x), minY: Math.min(box.minY, y), maxX: Math.max(box.maxX, x), maxY: Math.max(box.maxY, y) };
    };
    for (const s of this.state.stores) add(s.x, s.y);
    for (const r of this.state.riders) add(r.x, r.y);
    for (const o of this.state.orders.values()) add(o.x, o.y);
    if (box === undefined) return false;
    this.view.fit(box, 32);
    this.dirty = true;
    return true;
  }

  private resize(): void {
    const wrap = this.canvas.parentElement!;
    this.renderer.resize(wrap.clientWidth, wrap.clientHeight, window.devicePixelRatio || 1);
    this.dirty = true;
  }

  private bindControls(): void {
    for (const input of document.querySelectorAll<HTMLInputElement>('input[name="heat"]')) {
      input.addEventListener('change', () => {
        this.renderer.layers.heat = input.value as HeatMode;
        this.dirty = true;
      });
    }
    for (const layer of ['zones', 'routes'] as const) {
      $<HTMLInputElement>(`layer-${layer}`).addEventListener('change', (e) => {
        this.renderer.layers[layer] = (e.target as HTMLInputElement).checked;
        this.dirty = true;
      });
    }
    $('fit').addEventListener('click', () => this.fit());
    $('change-token').addEventListener('click', () => this.askToken());
  }

  private bindPointer(): void {
    const c = this.canvas;
    c.addEventListener('pointerdown', (e) => {
      this.drag = { x: e.offsetX, y: e.offsetY, moved: false };
      c.setPointerCapture(e.pointerId);
    });
    c.addEventListener('pointermove', (e) => {
      if (this.drag === undefined) return;
      const dx = e.offsetX - this.drag.x;
      const dy = e.offsetY - this.drag.y;
      if (!this.drag.moved && dx * dx + dy * dy < 9) return;
      this.drag = { x: e.offsetX, y: e.offsetY, moved: true };
      this.view.panBy(dx, dy);
    });
    c.addEventListener('pointerup', (e) => {
      const click = this.drag !== undefined && !this.drag.moved;
      this.drag = undefined;
      this.dirty = true;
      if (click) this.click(e.offsetX, e.offsetY);
    });
    c.addEventListener('wheel', (e) => {
      e.preventDefault();
      this.view.zoomAt(e.offsetX, e.offsetY, Math.exp(-e.deltaY * 0.0015));
      this.dirty = true;
    }, { passive: false });
    c.addEventListener('dblclick', (e) => {
      this.view.zoomAt(e.offsetX, e.offsetY, 2);
      this.dirty = true;
    });
  }

  private click(sx: number, sy: number): void {
    const order = this.renderer.hitOrder(sx, sy);
    if (order !== undefined) {
      void this.openOrder(order.id);
      return;
    }
    const rider = this.renderer.hitRider(sx, sy, performance.now());
    if (rider !== undefined) this.panel.showRider(rider);
  }

  private setStatus(text: string): void {
    $('status').textContent = text;
  }

  /** Mirrors what is drawn on `#map`'s data attributes (read by tests and tools). */
  private mirror(): void {
    const d = this.canvas.dataset;
    let busy = 0;
    for (const r of this.state.riders) if (r.busy) busy++;
    d.riders = String(this.state.riders.length);
    d.ridersBusy = String(busy);
    d.orders = String(this.state.orders.size);
    d.routes = String(this.renderer.routesDrawn);
    d.heatCells = String(this.state.heat.length);
    d.zones = String(this.state.zones.length);
    d.snapshots = String(this.state.snapshots);
    d.lastEventId = String(this.state.lastEventId);
    d.stream = this.streamStatus;
    d.framesDrawn = String(this.framesDrawn);
    d.drawMsTotal = this.drawMsTotal.toFixed(1);
    if (this.state.snapshotAt > 0) this.panel.renderKpis(this.state, Math.max(this.state.snapshotAt, Math.floor(Date.now() / 1000)));
    this.panel.renderAlerts(this.state);
  }

  /** The read-only probe (`window.opsView`). */
  probe(): object {
    return {
      /** Where the order is drawn (CSS pixels in the canvas), or null. */
      orderPoint: (id: string) => {
        const o = this.state.orders.get(id);
        return o === undefined ? null : { x: this.view.screenX(o.x), y: this.view.screenY(o.y) };
      },
      orderStatus: (id: string) => this.state.orders.get(id)?.status ?? null,
      orderRider: (id: string) => this.state.orders.get(id)?.riderId ?? null,
      /** Stops ahead on the rider's drawn route (0: none), or null for an unknown rider. */
      routeStops: (riderId: string) => {
        const r = this.state.riderById.get(riderId);
        return r === undefined ? null : r.route.length / 2;
      },
    };
  }
}

const page = new OpsPage();
(window as unknown as { opsView: object }).opsView = page.probe();
const token = takeToken();
if (token === undefined) page.askToken();
else page.start(token);
