/**
 * Where the MDRP and Rappi data live (under the benchmarks folder of `benchmarksDir()`, never in
 * the repo) and the shorthands the commands accept: `mdrp 0o100t100s1p100` (an instance name),
 * `mdrp-all mdrp` (every instance), `rappi 4` (a city-day id).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BenchArgError } from '../args/bench-arg-error.js';
import { benchmarksDir } from '../instances/benchmark-paths.js';

/** The folder of the 168 MDRP instance folders. */
export function mdrpInstancesDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(benchmarksDir(env), 'mdrp', 'instances');
}

/** The Rappi city-day folders. */
export function rappiInstancesDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(benchmarksDir(env), 'rappi-colombia-mdrp', 'instances');
}

const isDir = (path: string) => existsSync(path) && statSync(path).isDirectory();

/** An MDRP instance folder as given, or an instance name looked up in {@link mdrpInstancesDir}. */
export function resolveMdrpInstanceDir(arg: string): string {
  if (isDir(arg)) return arg;
  const named = join(mdrpInstancesDir(), arg);
  if (isDir(named)) return named;
  throw new BenchArgError(`MDRP instance not found: ${JSON.stringify(arg)} (give a folder, or an instance name such as 0o100t100s1p100 in ${mdrpInstancesDir()})`);
}

/** A folder of MDRP instance folders as given, or `mdrp` for {@link mdrpInstancesDir}. */
export function resolveMdrpFolder(arg: string): string {
  if (isDir(arg)) return arg;
  if (arg === 'mdrp') return mdrpInstancesDir();
  throw new BenchArgError(`folder not found: ${JSON.stringify(arg)} (give a folder of MDRP instance folders, or "mdrp" for ${mdrpInstancesDir()})`);
}

/** A Rappi city-day folder as given, or its id looked up in {@link rappiInstancesDir}. */
export function resolveRappiDir(arg: string): string {
  if (isDir(arg)) return arg;
  const named = join(rappiInstancesDir(), arg);
  if (isDir(named)) return named;
  throw new BenchArgError(`Rappi city-day not found: ${JSON.stringify(arg)} (give a folder with orders.csv and couriers.csv, or an id such as 4 in ${rappiInstancesDir()})`);
}

/** The instance folders of `folder` (sub-folders holding an orders.txt), by name; `folder` itself if it is one. */
export function listMdrpInstanceDirs(folder: string): string[] {
  if (existsSync(join(folder, 'orders.txt'))) return [folder];
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(folder, entry.name, 'orders.txt')))
    .map((entry) => entry.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((name) => join(folder, name));
}
