import type { InstanceResult } from '../run/instance-result.js';
import { primaryBks } from './compare-to-bks.js';
import { formatFixed, formatSigned } from './format-table.js';
import { feasibilityCell } from './instance-table.js';

/** One stderr line per solved instance of a folder run: `[ 3/56] C103  veh 10  dist 828.06  gap +0.00 %  1001 ms  feasible yes`. */
export function formatProgressLine(done: number, total: number, r: InstanceResult): string {
  const width = String(total).length;
  const bks = primaryBks(r);
  return [
    `[${String(done).padStart(width)}/${total}] ${r.instance.padEnd(7)}`,
    `veh ${String(r.vehicles).padStart(2)}`,
    `dist ${formatFixed(r.distance, 2).padStart(8)}`,
    `gap ${formatSigned(bks?.gapPct, 2).padStart(6)} %`,
    `${formatFixed(r.timeMs, 0).padStart(6)} ms`,
    `feasible ${feasibilityCell(r)}`,
  ].join('  ');
}
