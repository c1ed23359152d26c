/**
 * Best-known-solution tables (`bks.csv`, `bks_distance_objective.csv`): a header row with at
 * least `instance,vehicles,distance` (any order, more columns allowed, `source` kept), one row
 * per instance. Lookup is case-insensitive (`c101` finds `C101`).
 */
import { InstanceParseError } from '../instances/instance-parse-error.js';
import { parseCsv } from './parse-csv.js';

export interface BksEntry {
  readonly instance: string;
  readonly vehicles: number;
  readonly distance: number;
  readonly source?: string;
}

export class BksTable {
  readonly #byName = new Map<string, BksEntry>();

  constructor(entries: readonly BksEntry[]) {
    for (const entry of entries) this.#byName.set(entry.instance.toLowerCase(), entry);
  }

  get size(): number {
    return this.#byName.size;
  }

  get(instance: string): BksEntry | undefined {
    return this.#byName.get(instance.toLowerCase());
  }
}

const REQUIRED_COLUMNS = ['instance', 'vehicles', 'distance'] as const;

/** Parses a BKS csv; `file` names it in errors. */
export function parseBksCsv(text: string, file: string): BksTable {
  const [header, ...rows] = parseCsv(text);
  const columns = (header ?? []).map((h) => h.trim().toLowerCase());
  const [nameCol, vehiclesCol, distanceCol] = REQUIRED_COLUMNS.map((col) => {
    const idx = columns.indexOf(col);
    if (idx < 0) throw new InstanceParseError(`${file}: the header must have columns ${REQUIRED_COLUMNS.join(', ')}, got ${JSON.stringify(columns.join(','))}`);
    return idx;
  }) as [number, number, number];
  const sourceCol = columns.indexOf('source');
  const entries = rows.map((row, i) => {
    const where = `${file} row ${i + 2}`;
    const instance = row[nameCol]?.trim() ?? '';
    const vehicles = Number(row[vehiclesCol]);
    const distance = Number(row[distanceCol]);
    if (instance === '') throw new InstanceParseError(`${where}: instance must not be empty`);
    if (!Number.isInteger(vehicles) || vehicles < 1) throw new InstanceParseError(`${where}: vehicles must be an integer ≥ 1, got ${JSON.stringify(row[vehiclesCol])}`);
    if (!Number.isFinite(distance) || distance <= 0) throw new InstanceParseError(`${where}: distance must be a number > 0, got ${JSON.stringify(row[distanceCol])}`);
    const source = sourceCol < 0 ? undefined : row[sourceCol];
    return { instance, vehicles, distance, ...(source === undefined || source === '' ? {} : { source }) };
  });
  return new BksTable(entries);
}
