import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBksCsv, type BksTable } from './bks-table.js';

/** The BKS tables of a benchmark folder, each absent when its file is. */
export interface BksTables {
  /** `bks.csv`: hierarchical objective (vehicles first, then distance). */
  readonly hierarchical?: BksTable;
  /** `bks_distance_objective.csv`: distance only, vehicles free (Solomon only). */
  readonly distanceObjective?: BksTable;
}

export const BKS_FILE = 'bks.csv';
export const BKS_DISTANCE_OBJECTIVE_FILE = 'bks_distance_objective.csv';

export function readBksTables(folder: string): BksTables {
  const read = (file: string): BksTable | undefined => {
    const path = join(folder, file);
    return existsSync(path) ? parseBksCsv(readFileSync(path, 'utf8'), path) : undefined;
  };
  const hierarchical = read(BKS_FILE);
  const distanceObjective = read(BKS_DISTANCE_OBJECTIVE_FILE);
  return { ...(hierarchical && { hierarchical }), ...(distanceObjective && { distanceObjective }) };
}
