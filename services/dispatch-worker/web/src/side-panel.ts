/**
 * The side panel of the ops page: the KPIs, the legend with live counts, the lateness alert feed
 * and the detail of what was clicked (an order's timeline, a rider's orders). Built with DOM
 * calls and `textContent` only: nothing the service sends is ever parsed as HTML.
 */
import type { OrderView } from '../../src/api/api-types.js';
import { RIDER_COLOURS, STATUS_COLOURS } from './map-renderer.js';
import type { OpsState, RiderDot } from './ops-state.js';

/** Lifecycle steps of a timeline, in order. */
const STEPS = ['placed', 'accepted', 'ready', 'assigned', 'picked_up', 'delivered', 'cancelled'] as const;

export class SidePanel {
  private alertsKey = '';
  private readonly elements = new Map<string, HTMLElement>();

  constructor(
    private readonly root: HTMLElement,
    private readonly onOrderClick: (orderId: string) => void,
  ) {}

  /** KPIs and the legend's counts. */
  renderKpis(state: OpsState, nowSec: number): void {
    const k = state.kpis;
    this.text('kpi-orders-per-min', k === undefined ? '–' : k.ordersPerMin.toFixed(1));
    this.text('kpi-mean-eta', k?.meanEtaSec == null ? '–' : minutes(k.meanEtaSec));
    this.text('kpi-p90-eta', k?.p90EtaSec == null ? '–' : minutes(k.p90EtaSec));
    this.text('kpi-at-risk', k === undefined ? '–' : `${k.atRiskPct.toFixed(1)} %`);
    this.text('kpi-at-risk-detail', k === undefined ? '' : `${k.ordersAtRisk} of ${k.openOrders} open`);
    this.text('kpi-utilisation', k === undefined ? '–' : `${k.riderUtilisationPct.toFixed(0)} %`);
    this.text('kpi-utilisation-detail', k === undefined ? '' : `${k.ridersBusy} busy of ${k.ridersOnShift}`);
    const e = state.lastEpoch;
    this.text('kpi-epoch', e === null ? '–' : `${e.durationMs.toFixed(0)} ms`);
    this.text('kpi-epoch-detail', e === null ? 'no epoch yet' : `${e.assignments} offers, ${e.ordersAssigned} orders · ${Math.max(0, nowSec - e.at)} s ago`);
    const counts = state.countsByStatus();
    for (const status of Object.keys(STATUS_COLOURS)) this.text(`count-${status}`, String(counts.get(status) ?? 0));
    let busy = 0;
    for (const r of state.riders) if (r.busy) busy++;
    this.text('count-idle', String(state.riders.length - busy));
    this.text('count-busy', String(busy));
  }

  /** The alert feed (rebuilt only when it changed). */
  renderAlerts(state: OpsState): void {
    const key = `${state.alerts.length}:${state.alerts[0]?.eventId ?? 0}`;
    if (key === this.alertsKey) return;
    this.alertsKey = key;
    const list = this.el('alerts');
    list.replaceChildren(
      ...state.alerts.slice(0, 30).map((a) => {
        const li = document.createElement('li');
        li.className = a.type === 'lateness.alert' ? 'alert late' : 'alert cleared';
        const late = a.lateBySec === null ? '' : a.lateBySec > 0 ? ` · ${minutes(a.lateBySec)} late` : ` · ${minutes(-a.lateBySec)} early`;
        li.textContent = `${clock(a.at)} ${a.type === 'lateness.alert' ? 'late' : 'back on time'} · ${a.orderId ?? '?'}${late}`;
        if (a.orderId !== undefined) {
          const id = a.orderId;
          li.addEventListener('click', () => this.onOrderClick(id));
        }
        return li;
      }),
    );
    this.text('alerts-empty', state.alerts.length === 0 ? 'No lateness alerts.' : '');
  }

  /** An order's timeline: each status it reached and when, its promise and live ETA. */
  showOrder(order: OrderView): void {
    const detail = this.el('detail');
    const title = document.createElement('h3');
    title.textContent = `Order ${order.id}`;
    const meta = document.createElement('p');
    meta.className = 'meta';
    meta.textContent = `${order.status.replace('_', ' ')} · store ${order.storeId ?? '–'}${order.riderId === undefined ? '' : ` · rider ${order.riderId}`}`;
    const steps = document.createElement('ol');
    steps.className = 'timeline';
    steps.dataset.orderId = order.id;
    for (const step of STEPS) {
      const at = step === 'placed' ? order.placedAt : order.statusAt?.[step];
      if (at === undefined) continue;
      steps.append(item(step.replace('_', ' '), clock(at), step));
    }
    steps.append(item('promised by', clock(order.promisedBy), 'promise'));
    if (order.eta !== undefined) steps.append(item(`predicted drop-off${order.eta.late ? ' (late)' : ''}`, clock(order.eta.dropoffAt), order.eta.late ? 'eta late' : 'eta'));
    detail.replaceChildren(title, meta, steps);
  }

  showRider(r: RiderDot): void {
    const title = document.createElement('h3');
    title.textContent = `Rider ${r.id}`;
    const meta = document.createElement('p');
    meta.className = 'meta';
    meta.textContent = `${r.busy ? 'busy' : 'idle'} · ${r.orderIds.length} order(s) · ${r.route.length / 2} stop(s) planned`;
    const list = document.createElement('ul');
    for (const id of r.orderIds) {
      const li = document.createElement('li');
      li.className = 'link';
      li.textContent = id;
      li.addEventListener('click', () => this.onOrderClick(id));
      list.append(li);
    }
    this.el('detail').replaceChildren(title, meta, list);
  }

  showMessage(message: string): void {
    const p = document.createElement('p');
    p.className = 'meta';
    p.textContent = message;
    this.el('detail').replaceChildren(p);
  }

  /** Colours of the legend's swatches (from the map's palette). */
  paintLegend(): void {
    for (const [status, colour] of Object.entries(STATUS_COLOURS)) this.el(`swatch-${status}`).style.background = colour;
    this.el('swatch-idle').style.background = RIDER_COLOURS.idle;
    this.el('swatch-busy').style.background = RIDER_COLOURS.busy;
  }

  private el(id: string): HTMLElement {
    let el = this.elements.get(id);
    if (el === undefined) {
      const found = this.root.querySelector<HTMLElement>(`#${id}`);
      if (found === null) throw new Error(`the page lacks #${id}`);
      el = found;
      this.elements.set(id, el);
    }
    return el;
  }

  private text(id: string, value: string): void {
    const el = this.el(id);
    if (el.textContent !== value) el.textContent = value;
  }
}

function item(label: string, value: string, kind: string): HTMLLIElement {
  const li = document.createElement('li');
  li.className = kind;
  const name = document.createElement('span');
  name.textContent = label;
  const time = document.createElement('time');
  time.textContent = value;
  li.append(name, time);
  return li;
}

/** `12:34:56` local time of an epoch second. */
function clock(sec: number): string {
  return new Date(sec * 1000).toLocaleTimeString([], { hour12: false });
}

/** `23.5 min`. */
function minutes(sec: number): string {
  return `${(sec / 60).toFixed(1)} min`;
}
