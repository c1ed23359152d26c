import type { SyntheticCitySummary } from './run-synthetic-city.js';

const pct = (part: number, whole: number): string => (whole === 0 ? '0 %' : `${((100 * part) / whole).toFixed(1)} %`);
const minutes = (sec: number): string => `${(sec / 60).toFixed(1)} min`;

/** Renders the example's summary as plain text. */
export function formatSummary(s: SyntheticCitySummary, cityName: string): string {
  const lines: string[] = [];
  lines.push(`o2o-dispatch example: ${cityName}`);
  lines.push(`  ${s.numZones} delivery zones, ${s.numStores} stores, ${s.numRiders} riders (${s.numIdleRiders} idle), ${s.numOrders} orders`);
  const served = s.plans.length;
  lines.push(`\nOrders with a store and a rider: ${served} (${pct(served, s.numOrders)})`);
  for (const [reason, n] of Object.entries(s.unserved)) if (n > 0) lines.push(`  unserved, ${reason.replaceAll('_', ' ')}: ${n}`);
  if (served > 0) {
    const mean = (f: (p: (typeof s.plans)[number]) => number) => s.plans.reduce((acc, p) => acc + f(p), 0) / served;
    const late = s.plans.filter((p) => p.lateSec > 0);
    lines.push(`  mean rider → store ${minutes(mean((p) => p.toStoreSec))}, store → drop-off ${minutes(mean((p) => p.toDropOffSec))}`);
    lines.push(`  at risk of lateness (estimated after the promise): ${late.length} (${pct(late.length, served)})`);
    lines.push(`  travel-time matrix cells computed: ${s.matrixCells}`);
    const p = s.plans[0]!;
    lines.push(`\nFirst order, ${p.orderId}: stores ${p.storeIds.join(', ')}; idle riders ${p.riderIds.join(', ')}`);
    lines.push(`  riders × stores travel time (s):`);
    for (let r = 0; r < p.riderIds.length; r++) {
      const row = Array.from(p.durationSec.subarray(r * p.storeIds.length, (r + 1) * p.storeIds.length), (d) => String(d).padStart(6));
      lines.push(`    ${p.riderIds[r]!.padEnd(10)}${row.join('')}`);
    }
    lines.push(`  chosen: ${p.chosenRiderId} via ${p.chosenStoreId}: rides ${minutes(p.toStoreSec)} + ${minutes(p.toDropOffSec)},`);
    lines.push(`  delivers ${minutes(p.deliveredAt - p.placedAt)} after placement (promised within ${minutes(p.promisedBy - p.placedAt)})`);
  }
  lines.push(`\nHottest heatmap cells (H3 res 8, orders vs idle riders, k-ring smoothed):`);
  lines.push(`  ${'cell'.padEnd(16)}${'orders'.padStart(8)}${'idle'.padStart(6)}${'smoothed'.padStart(10)}${'ratio'.padStart(8)}`);
  for (const c of s.hottest) {
    const ratio = Number.isFinite(c.smoothedRatio) ? c.smoothedRatio.toFixed(2) : 'inf';
    lines.push(`  ${c.h3.padEnd(16)}${String(c.demand).padStart(8)}${String(c.supply).padStart(6)}${c.smoothedDemand.toFixed(2).padStart(10)}${ratio.padStart(8)}`);
  }
  lines.push(`\nTimings (ms): ${Object.entries(s.timingsMs).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  return lines.join('\n');
}
