/** Text reports of simulation runs: one run in full, a per-instance table, a summary, a policy comparison. */
import { formatFixed, formatSigned, formatTable, type Column } from '../report/format-table.js';
import type { SimRun } from './run-sim.js';
import { summarizeSimRuns, type SimRunSummary } from './sim-run-summary.js';

/** Every KPI of one run, one line per group. */
export function formatSimRun(run: SimRun): string {
  const k = run.kpis;
  const floor = run.floorMin === null ? '' : ` (floor ${formatFixed(run.floorMin, 2)}, ${formatSigned(run.aboveFloorMin, 2)} above)`;
  return [
    `${run.instance}: policy ${run.policy}, ${k.numOrders} orders, ${run.numCouriers} couriers, ${run.numDecisions} decisions`,
    `  delivered            ${k.numDelivered} / ${k.numOrders} (${formatFixed(k.deliveredPct, 1)} %)`,
    `  click-to-door        mean ${formatFixed(k.clickToDoorMeanMin, 2)} min${floor}, p90 ${formatFixed(k.clickToDoorP90Min, 1)} min`,
    `  overage              mean ${formatFixed(k.clickToDoorOverageMeanMin, 2)} min over target; ${k.numOverMaxClickToDoor} orders over ${formatFixed(run.maxClickToDoorMin, 0)} min`,
    `  ready-to-pickup      mean ${formatFixed(k.readyToPickupMeanMin, 2)} min; ready-to-door mean ${formatFixed(k.readyToDoorMeanMin, 2)} min`,
    `  on time              ${formatFixed(k.onTimePct, 1)} % by the promise (or placement + target)`,
    `  efficiency           ${formatFixed(k.ordersPerCourierHour, 3)} orders per courier-hour (${formatFixed(k.courierHours, 1)} h); bundle size ${formatFixed(k.meanBundleSize, 2)}; utilization ${formatFixed(k.courierUtilizationPct, 1)} %; ${formatFixed(k.distancePerOrderKm, 2)} km per order`,
    `  pay                  ${formatFixed(k.payTotal, 2)} total, ${formatFixed(k.payPerOrder, 2)} per order; ${formatFixed(k.onGuaranteePct, 1)} % of couriers on the guarantee`,
    `  checker              ${run.numViolations} violations${run.violations.map((v) => `\n    ${v}`).join('')}`,
    `  wall time            ${formatFixed(run.simulateMs, 0)} ms simulate, ${formatFixed(run.checkMs, 0)} ms log + check`,
  ].join('\n');
}

const RUN_COLUMNS: readonly Column[] = [
  { header: 'Instance' },
  { header: 'Orders', align: 'right' },
  { header: 'Deliv %', align: 'right' },
  { header: 'C2D min', align: 'right' },
  { header: 'Floor', align: 'right' },
  { header: '+Floor', align: 'right' },
  { header: 'P90', align: 'right' },
  { header: '>Max', align: 'right' },
  { header: 'Pay/ord', align: 'right' },
  { header: 'Guar %', align: 'right' },
  { header: 'Bundle', align: 'right' },
  { header: 'Util %', align: 'right' },
  { header: 'Viol', align: 'right' },
  { header: 'ms', align: 'right' },
];

/** One row per run. */
export function formatSimRunTable(runs: readonly SimRun[]): string {
  return formatTable(
    RUN_COLUMNS,
    runs.map((r) => [
      r.instance,
      String(r.kpis.numOrders),
      formatFixed(r.kpis.deliveredPct, 1),
      formatFixed(r.kpis.clickToDoorMeanMin, 2),
      formatFixed(r.floorMin, 2),
      formatSigned(r.aboveFloorMin, 2),
      formatFixed(r.kpis.clickToDoorP90Min, 1),
      String(r.kpis.numOverMaxClickToDoor),
      formatFixed(r.kpis.payPerOrder, 2),
      formatFixed(r.kpis.onGuaranteePct, 1),
      formatFixed(r.kpis.meanBundleSize, 2),
      formatFixed(r.kpis.courierUtilizationPct, 1),
      String(r.numViolations),
      formatFixed(r.simulateMs, 0),
    ]),
  );
}

/** The summary of one policy over a folder, as one paragraph. */
export function formatSimSummary(s: SimRunSummary): string {
  return [
    `${s.policy} over ${s.numInstances} instances: delivered ${s.numDelivered} / ${s.numOrders} (${formatFixed(s.deliveredPct, 2)} %)`,
    `mean click-to-door ${formatFixed(s.clickToDoorMeanMin, 2)} min, ${formatSigned(s.aboveFloorMeanMin, 2)} min above the floor (mean over instances)`,
    `orders over the maximum click-to-door: ${s.numOverMaxClickToDoor}; pay per order ${formatFixed(s.payPerOrder, 3)}`,
    `checker violations: ${s.numViolations}; simulate wall time ${formatFixed(s.simulateMs / 1000, 2)} s in total`,
  ].join('\n');
}

/** One instance run by every compared policy (same order as the policy list). */
export interface ComparedInstance {
  readonly instance: string;
  readonly runs: readonly SimRun[];
}

/** Per instance and overall, for each policy: delivered, click-to-door above the floor, orders over the maximum, pay per order. */
export function formatCompareTable(policies: readonly string[], rows: readonly ComparedInstance[], summaries: readonly SimRunSummary[]): string {
  const metric = (label: string) => policies.map((p) => ({ header: `${label} ${p}`, align: 'right' as const }));
  const columns: Column[] = [{ header: 'Instance' }, ...metric('Deliv'), ...metric('+Floor'), ...metric('>Max'), ...metric('Pay/ord')];
  const cells = (runs: readonly { delivered: number; aboveFloor: number | null; overMax: number; payPerOrder: number }[]) => [
    ...runs.map((r) => String(r.delivered)),
    ...runs.map((r) => formatSigned(r.aboveFloor, 2)),
    ...runs.map((r) => String(r.overMax)),
    ...runs.map((r) => formatFixed(r.payPerOrder, 3)),
  ];
  const body = rows.map((row) => [
    row.instance,
    ...cells(row.runs.map((r) => ({ delivered: r.kpis.numDelivered, aboveFloor: r.aboveFloorMin, overMax: r.kpis.numOverMaxClickToDoor, payPerOrder: r.kpis.payPerOrder }))),
  ]);
  const overall = ['**all**', ...cells(summaries.map((s) => ({ delivered: s.numDelivered, aboveFloor: s.aboveFloorMeanMin, overMax: s.numOverMaxClickToDoor, payPerOrder: s.payPerOrder })))];
  return formatTable(columns, [...body, overall]);
}

/** Runs of several policies on one instance: each in full, then the comparison table when there are several. */
export function formatPolicyRuns(runs: readonly SimRun[]): string {
  const parts = runs.map(formatSimRun);
  if (runs.length > 1) {
    const summaries = runs.map((r) => summarizeSimRuns(r.policy, [r]));
    parts.push(formatCompareTable(runs.map((r) => r.policy), [{ instance: runs[0]!.instance, runs }], summaries));
  }
  return parts.join('\n\n');
}
