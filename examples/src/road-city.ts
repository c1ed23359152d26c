/**
 * Route riders on real roads:
 *   node dist/road-city.js [file.osm.pbf] [--profile car|scooter|bike|walk] [--seed N]
 * Without a file it uses ../shared/data/osm/monaco.osm.pbf when present, else a generated grid
 * city. Map data © OpenStreetMap contributors (ODbL).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ROAD_PROFILE_NAMES, type RoadProfileName } from '@o2o/geo';
import { runRoadCity } from './road-city/run-road-city.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { profile: { type: 'string', default: 'scooter' }, seed: { type: 'string', default: '7' } },
});
const profile = values.profile as RoadProfileName;
if (!ROAD_PROFILE_NAMES.includes(profile)) throw new Error(`--profile must be one of ${ROAD_PROFILE_NAMES.join(', ')}, got ${JSON.stringify(values.profile)}`);
const fallbackFile = resolve(import.meta.dirname, '../../../shared/data/osm/monaco.osm.pbf');
const file = positionals[0] ?? (existsSync(fallbackFile) ? fallbackFile : undefined);
const summary = await runRoadCity({ osmPbf: file ? readFileSync(file) : undefined, profile, seed: Number(values.seed) });
console.log(file ? `Road graph: ${file} (${profile}), map data © OpenStreetMap contributors` : 'Road graph: generated 30 x 30 grid city');
console.log(JSON.stringify(summary, null, 2));
