/**
 * Imports a road graph from an OSM PBF file (`.osm.pbf` bytes) for one travel profile.
 *
 * Pipeline: validate the blob framing → pass 1 decodes ways and keeps the highways the profile
 * routes → pass 2 decodes the coordinates of the nodes those ways reference → ways become a
 * compressed CSR graph (junctions and dead ends as vertices, shape points as geometry), one-way
 * rules applied, self-loops and slower parallel arcs dropped, largest strongly connected
 * component kept. Blobs must be raw or zlib; lzma/lz4/zstd raise `GEO_UNSUPPORTED_OSM`.
 *
 * @example
 * const { graph, stats } = importOsmPbf(readFileSync('monaco.osm.pbf'), { profile: 'car' });
 */
import { GeoInputError } from '../errors.js';
import { buildRoadGraphFromWays } from './build/build-road-graph-from-ways.js';
import { resolveOsmImportOptions, type OsmImportOptions, type OsmImportResult } from './osm/osm-import-options.js';
import { readOsmPbfRoads } from './osm/osm-pbf-reader.js';

/**
 * The road graph of an OSM PBF file. Profiles (`car`, `scooter`, `bike`, `walk` or a custom
 * {@link RoadProfile}) decide which ways are used, their direction and speed; `speedsKmh`
 * overrides class speeds; `bbox` clips the network. A numeric `maxspeed` below the class speed
 * caps the way's speed.
 *
 * Throws `GeoInputError` for bad options, {@link OsmImportError} `GEO_INVALID_OSM` for malformed
 * or truncated bytes (naming the field and byte offset), `GEO_UNSUPPORTED_OSM` for unsupported
 * compressions or required features, and `GEO_EMPTY_ROAD_GRAPH` when nothing is routable.
 */
export function importOsmPbf(bytes: Uint8Array, options: OsmImportOptions): OsmImportResult {
  const t0 = performance.now();
  if (!(bytes instanceof Uint8Array)) throw new GeoInputError('GEO_INVALID_ARGUMENT', 'bytes', 'must be a Uint8Array (e.g. from fs.readFileSync)', bytes);
  const { classifier, bbox } = resolveOsmImportOptions(options);
  const read = readOsmPbfRoads(bytes, classifier, bbox);
  const t1 = performance.now();
  const { graph, stats } = buildRoadGraphFromWays(read.ways, classifier.resolved.name);
  const t2 = performance.now();
  return {
    graph,
    stats: {
      nodesRead: read.stats.nodesRead,
      waysRead: read.stats.waysRead,
      waysKept: read.stats.waysKept,
      nodesReferenced: read.stats.nodesReferenced,
      nodesMissing: read.stats.nodesMissing,
      ...stats,
      readMs: t1 - t0,
      buildMs: t2 - t1,
      totalMs: t2 - t0,
    },
  };
}
