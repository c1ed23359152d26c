/**
 * The KPIs of the live operations view, computed from the service's state as the snapshot reads
 * it: order rate, predicted click-to-door times, lateness risk and rider utilisation. Pure
 * functions of their input (no clock, no service), so each figure is checked by hand in tests.
 */
import { nearestRank, type OrderStatus } from '@o2o/dispatch-core';
import type { OpsKpis } from './ops-types.js';

/** Shortest period the order rate is averaged over, seconds (a rate over 5 s of uptime would swing wildly). */
export const MIN_RATE_PERIOD_SEC = 60;

/** One open order as the KPIs see it. */
export interface KpiOrder {
  readonly placedAt: number;
  /** Predicted drop-off while a rider has it, else null. */
  readonly etaAt: number | null;
  /** See {@link isAtRisk}. */
  readonly atRisk: boolean;
}

/** One rider on shift. */
export interface KpiRider {
  readonly busy: boolean;
}

export interface KpiInput {
  /** Orders placed during the last `rateWindowSec` seconds (the heatmap's demand events). */
  readonly ordersInWindow: number;
  readonly rateWindowSec: number;
  /** Seconds the counting has run (the window is not full before that). */
  readonly countingForSec: number;
  readonly ordersByStatus: Readonly<Record<OrderStatus, number>>;
  readonly openOrders: readonly KpiOrder[];
  readonly riders: readonly KpiRider[];
}

/** At risk of lateness: the live prediction says late, or it is not delivered and already past its promise. */
export function isAtRisk(predictedLate: boolean, promisedBy: number, now: number): boolean {
  return predictedLate || now > promisedBy;
}

/** The side panel's KPIs (see {@link OpsKpis} for each definition). */
export function computeOpsKpis(input: KpiInput): OpsKpis {
  const periodSec = Math.min(input.rateWindowSec, Math.max(MIN_RATE_PERIOD_SEC, input.countingForSec));
  const clickToDoorSec: number[] = [];
  let atRisk = 0;
  for (const o of input.openOrders) {
    if (o.etaAt !== null) clickToDoorSec.push(o.etaAt - o.placedAt);
    if (o.atRisk) atRisk++;
  }
  let busy = 0;
  for (const r of input.riders) if (r.busy) busy++;
  const open = input.openOrders.length;
  const onShift = input.riders.length;
  return {
    ordersPerMin: round2((input.ordersInWindow * 60) / periodSec),
    ordersPerMinWindowSec: periodSec,
    ordersByStatus: { ...input.ordersByStatus },
    openOrders: open,
    meanEtaSec: clickToDoorSec.length === 0 ? null : Math.round(mean(clickToDoorSec)),
    p90EtaSec: clickToDoorSec.length === 0 ? null : nearestRank(clickToDoorSec, 0.9),
    ordersWithEta: clickToDoorSec.length,
    atRiskPct: open === 0 ? 0 : round2((100 * atRisk) / open),
    ordersAtRisk: atRisk,
    ridersOnShift: onShift,
    ridersBusy: busy,
    riderUtilisationPct: onShift === 0 ? 0 : round2((100 * busy) / onShift),
  };
}

function mean(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total / values.length;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
