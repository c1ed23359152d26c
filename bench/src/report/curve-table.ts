import type { BksComparison, CurvePoint } from '../run/instance-result.js';
import { gapPercent } from './compare-to-bks.js';
import { formatFixed, formatSigned, formatTable } from './format-table.js';

/** The time-to-quality curve: one row per new best, with its gap to `bks` when given. */
export function formatCurveTable(curve: readonly CurvePoint[], bks: BksComparison | undefined): string {
  const rows = curve.map((p) => [
    formatFixed(p.timeMs, 0),
    String(p.iteration),
    String(p.vehicles),
    String(p.unassigned),
    formatFixed(p.distance, 2),
    bks === undefined || p.distance === null ? '-' : formatSigned(gapPercent(p.distance, bks.distance), 2),
  ]);
  return formatTable(
    [
      { header: 'Time ms', align: 'right' },
      { header: 'Iteration', align: 'right' },
      { header: 'Veh', align: 'right' },
      { header: 'Unassigned', align: 'right' },
      { header: 'Distance ≈', align: 'right' },
      { header: 'Gap %', align: 'right' },
    ],
    rows,
  );
}
