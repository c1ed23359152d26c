/**
 * The MDRP key performance indicators of a simulation (Reyes et al. 2018): service (click-to-door
 * and its overage, ready-to-pickup, ready-to-door), efficiency (orders per courier-hour, bundle
 * size, utilization) and cost (courier pay under the per-order / hourly-guarantee rule). Durations
 * are in minutes like the paper (`…Min`); means and percentiles are over delivered orders and are
 * NaN when none was delivered.
 */
import type { SimInstance } from './sim-instance.js';
import type { SimResult } from './sim-result.js';

/** See the module doc; `…Min` in minutes, `…Pct` in percent, pay in the instance's currency. */
export interface SimKpis {
  readonly numOrders: number;
  readonly numDelivered: number;
  /** Delivered / orders × 100. */
  readonly deliveredPct: number;
  /** Click-to-door = drop-off − placement. */
  readonly clickToDoorMeanMin: number;
  /** Nearest-rank 90th percentile (the ⌈0.9 n⌉-th smallest). */
  readonly clickToDoorP90Min: number;
  /** Mean of max(0, click-to-door − target). */
  readonly clickToDoorOverageMeanMin: number;
  /** Share of delivered orders dropped off by their promise (`promisedBy`, else placement + target), × 100. */
  readonly onTimePct: number;
  /** Delivered orders whose click-to-door exceeds the instance's maximum (MDRP: 90 min). */
  readonly numOverMaxClickToDoor: number;
  /** Ready-to-pickup = pickup − ready (how long food waits). */
  readonly readyToPickupMeanMin: number;
  /** Ready-to-door = drop-off − ready. */
  readonly readyToDoorMeanMin: number;
  /** Total shift hours of every courier (offAt − onAt). */
  readonly courierHours: number;
  /** Delivered / courier-hours. */
  readonly ordersPerCourierHour: number;
  /** Σ over couriers of max(perOrder × delivered, perHour × shift hours). */
  readonly payTotal: number;
  /** payTotal / delivered (NaN when none). */
  readonly payPerOrder: number;
  /** Share of couriers whose guarantee exceeds their per-order earnings, × 100. */
  readonly onGuaranteePct: number;
  /** Delivered / bundles. */
  readonly meanBundleSize: number;
  /** (Σ driving + Σ service) / Σ shift time × 100, over all couriers (work after offAt counts). */
  readonly courierUtilizationPct: number;
  /** Σ move distance / delivered, km. */
  readonly distancePerOrderKm: number;
}

const MIN = 60;

/** Computes {@link SimKpis} from a result of `instance`. */
export function simKpis(instance: SimInstance, result: SimResult): SimKpis {
  const clickToDoor: number[] = [];
  let overageSum = 0;
  let numOverMax = 0;
  let numOnTime = 0;
  let readyToPickupSum = 0;
  let readyToDoorSum = 0;
  result.orders.forEach((o, i) => {
    if (o.dropoffAt === null || o.pickupAt === null) return;
    const c2d = o.dropoffAt - o.placedAt;
    clickToDoor.push(c2d);
    overageSum += Math.max(0, c2d - instance.targetClickToDoorSec);
    if (c2d > instance.maxClickToDoorSec) numOverMax++;
    if (o.dropoffAt <= (instance.orders[i]?.promisedBy ?? o.placedAt + instance.targetClickToDoorSec)) numOnTime++;
    readyToPickupSum += o.pickupAt - o.readyAt;
    readyToDoorSum += o.dropoffAt - o.readyAt;
  });
  const n = clickToDoor.length;
  const work = courierWork(instance, result);
  return {
    numOrders: result.orders.length,
    numDelivered: n,
    deliveredPct: (100 * n) / result.orders.length,
    clickToDoorMeanMin: sum(clickToDoor) / n / MIN,
    clickToDoorP90Min: nearestRank(clickToDoor, 0.9) / MIN,
    clickToDoorOverageMeanMin: overageSum / n / MIN,
    onTimePct: (100 * numOnTime) / n,
    numOverMaxClickToDoor: numOverMax,
    readyToPickupMeanMin: readyToPickupSum / n / MIN,
    readyToDoorMeanMin: readyToDoorSum / n / MIN,
    courierHours: work.shiftSec / 3600,
    ordersPerCourierHour: n / (work.shiftSec / 3600),
    payTotal: work.pay,
    payPerOrder: n === 0 ? Number.NaN : work.pay / n,
    onGuaranteePct: (100 * work.numOnGuarantee) / instance.couriers.length,
    meanBundleSize: n / result.numBundles,
    courierUtilizationPct: (100 * work.busySec) / work.shiftSec,
    distancePerOrderKm: n === 0 ? Number.NaN : work.distanceM / n / 1000,
  };
}

/** Per-courier totals: shift time, busy time, distance and pay. */
function courierWork(instance: SimInstance, result: SimResult): { shiftSec: number; busySec: number; distanceM: number; pay: number; numOnGuarantee: number } {
  let shiftSec = 0;
  let busySec = 0;
  let distanceM = 0;
  let pay = 0;
  let numOnGuarantee = 0;
  instance.couriers.forEach((c, i) => {
    const hours = (c.offAt - c.onAt) / 3600;
    shiftSec += c.offAt - c.onAt;
    let delivered = 0;
    for (const e of result.itineraries[i] ?? []) {
      if (e.type === 'move') {
        busySec += e.arriveAt - e.departAt;
        distanceM += e.distanceM;
      } else if (e.type === 'pickup') busySec += instance.pickupServiceSec;
      else {
        busySec += instance.dropoffServiceSec;
        delivered++;
      }
    }
    const earnings = instance.pay.perOrder * delivered;
    const guarantee = instance.pay.perHour * hours;
    pay += Math.max(earnings, guarantee);
    if (guarantee > earnings) numOnGuarantee++;
  });
  return { shiftSec, busySec, distanceM, pay, numOnGuarantee };
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

/** Nearest-rank percentile: the ⌈q·n⌉-th smallest value of `values` (q in (0, 1]; NaN for no values). */
export function nearestRank(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
}
