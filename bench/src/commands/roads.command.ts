/**
 * `o2o-bench roads <file.osm.pbf> [--profile car|scooter|bike|walk] [--pairs N] [--seed N]
 * [--smoke] [--json]`: the road-network bench (see suites/roads.suite.ts). Without a file it
 * reads ../shared/data/osm/monaco.osm.pbf (or $O2O_OSM_DIR/monaco.osm.pbf).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROAD_PROFILE_NAMES } from '@o2o/geo';
import { BenchArgError } from '../args/bench-arg-error.js';
import { enumFlag, integerFlag, parseFlags } from '../args/flag-values.js';
import { runRoadsBench } from '../suites/roads.suite.js';

const ROADS_FLAGS = {
  profile: { type: 'string' },
  pairs: { type: 'string' },
  seed: { type: 'string' },
  smoke: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
} as const;

/** Default OSM extract: $O2O_OSM_DIR or ../shared/data/osm beside the project root. */
export function defaultOsmFile(name = 'monaco.osm.pbf'): string {
  const dir = process.env.O2O_OSM_DIR ?? resolve(import.meta.dirname, '../../../../shared/data/osm');
  return resolve(dir, name);
}

export async function runRoadsCommand(argv: readonly string[]): Promise<void> {
  const { values, positionals } = parseFlags('roads', argv, ROADS_FLAGS);
  if (positionals.length > 1) throw new BenchArgError(`roads takes one .osm.pbf file, got ${positionals.length}: ${positionals.join(' ')}`);
  const smoke = values.smoke === true;
  const file = positionals[0] ?? defaultOsmFile();
  if (!existsSync(file)) throw new BenchArgError(`roads: file ${JSON.stringify(file)} does not exist`);
  const profile = enumFlag('profile', values.profile, ROAD_PROFILE_NAMES, 'car');
  const pairs = integerFlag('pairs', values.pairs, 1, smoke ? 200 : 10_000);
  const seed = integerFlag('seed', values.seed, 0, 1);
  const json = values.json === true;
  const report = runRoadsBench({
    bytes: readFileSync(file),
    profile,
    pairs,
    seed,
    matrixSizes: smoke ? [50] : [100, 1000],
    tdPairs: smoke ? 50 : 2000,
    log: (line) => {
      if (!json) console.error(`  ${line}`);
    },
  });
  const out = { file, ...report };
  console.log(json ? JSON.stringify(out) : JSON.stringify(out, null, 2));
  if (report.mismatches !== 0) process.exitCode = 1;
}
