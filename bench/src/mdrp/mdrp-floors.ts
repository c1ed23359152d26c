/**
 * Click-to-door floors of the MDRP instances, from `instance_summary.csv` (computed next to the
 * data; see ../shared/benchmarks/mdrp/README.md): per instance, the mean over orders of
 * (ready − placement) + direct travel + half of each service, which no policy can beat on average.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseCsv } from '../bks/parse-csv.js';
import { benchmarksDir } from '../instances/benchmark-paths.js';
import { InstanceParseError } from '../instances/instance-parse-error.js';

/** The column of the floor, minutes. */
export const FLOOR_COLUMN = 'click_to_door_floor_mean_min';

/** Instance name → click-to-door floor (minutes), parsed from the summary CSV text. */
export function parseMdrpFloors(text: string, file = 'instance_summary.csv'): Map<string, number> {
  const [header, ...rows] = parseCsv(text);
  const nameAt = header?.indexOf('instance') ?? -1;
  const floorAt = header?.indexOf(FLOOR_COLUMN) ?? -1;
  if (nameAt < 0 || floorAt < 0) throw new InstanceParseError(`${file} line 1: the header must have the columns instance and ${FLOOR_COLUMN}`);
  const floors = new Map<string, number>();
  rows.forEach((row, i) => {
    const floor = Number(row[floorAt]);
    if (row[floorAt] === undefined || row[floorAt] === '' || !Number.isFinite(floor)) {
      throw new InstanceParseError(`${file} line ${i + 2}: ${FLOOR_COLUMN} must be a number, got ${JSON.stringify(row[floorAt] ?? '')}`);
    }
    floors.set(row[nameAt] ?? '', floor);
  });
  return floors;
}

/**
 * The floors for instances under `instancesFolder`: its parent's `instance_summary.csv`
 * (`mdrp/instances/<name>` → `mdrp/instance_summary.csv`), else the default data folder's; empty
 * when neither exists.
 */
export function readMdrpFloors(instancesFolder: string): Map<string, number> {
  const candidates = [join(dirname(resolve(instancesFolder)), 'instance_summary.csv'), join(benchmarksDir(), 'mdrp', 'instance_summary.csv')];
  const file = candidates.find((path) => existsSync(path));
  return file === undefined ? new Map() : parseMdrpFloors(readFileSync(file, 'utf8'), file);
}
