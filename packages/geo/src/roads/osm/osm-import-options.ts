/**
 * Options, result and statistics shared by {@link importOsmPbf} and {@link buildRoadGraphFromOsm},
 * and their validation.
 */
import type { RoadGraphBuildStats } from '../build/build-road-graph-from-ways.js';
import { GeoInputError } from '../../errors.js';
import type { RoadClass } from '../road-class.js';
import type { RoadGraph } from '../road-graph.js';
import { assertOsmBbox, type OsmBbox } from './osm-bbox.js';
import { WayClassifier, resolveRoadProfile, type RoadProfile, type RoadProfileName } from './road-profile.js';

/** How to turn OSM data into a road graph. */
export interface OsmImportOptions {
  /** A built-in profile name or a custom {@link RoadProfile}. */
  readonly profile: RoadProfileName | RoadProfile;
  /** Per-class speed overrides in km/h, each in (0, 300], for classes the profile routes. */
  readonly speedsKmh?: Readonly<Partial<Record<RoadClass, number>>>;
  /** Keep only nodes inside `[minLng, minLat, maxLng, maxLat]`; ways are cut where they leave it. */
  readonly bbox?: OsmBbox;
}

/** Counters and timings of an import: what was read, then what the graph build did. */
export interface OsmImportStats extends RoadGraphBuildStats {
  /** Nodes in the input. */
  readonly nodesRead: number;
  /** Ways in the input (all, not only highways). */
  readonly waysRead: number;
  /** Ways the profile routes (with ≥ 2 node refs). */
  readonly waysKept: number;
  /** Distinct nodes referenced by kept ways. */
  readonly nodesReferenced: number;
  /** Referenced nodes missing from the input or outside the bbox (ways are cut there). */
  readonly nodesMissing: number;
  /** Reading and filtering the input, ms (PBF: both passes including decompression). */
  readonly readMs: number;
  /** Graph building (compression, dedupe, SCC, CSR), ms. */
  readonly buildMs: number;
  readonly totalMs: number;
}

/** A road graph and how it was made. */
export interface OsmImportResult {
  readonly graph: RoadGraph;
  readonly stats: OsmImportStats;
}

const OPTION_KEYS: ReadonlySet<string> = new Set(['profile', 'speedsKmh', 'bbox']);

/** Validates import options (unknown keys rejected) into a way classifier and a bbox. */
export function resolveOsmImportOptions(options: unknown, field = 'options'): { classifier: WayClassifier; bbox: OsmBbox | undefined } {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new GeoInputError('GEO_INVALID_ARGUMENT', field, 'must be an object { profile, speedsKmh?, bbox? }', options);
  }
  const o = options as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!OPTION_KEYS.has(key)) throw new GeoInputError('GEO_INVALID_ARGUMENT', `${field}.${key}`, `is not an option (known: ${[...OPTION_KEYS].join(', ')})`, o[key]);
  }
  const resolved = resolveRoadProfile(o['profile'], o['speedsKmh'], field);
  const bbox = o['bbox'];
  if (bbox !== undefined) assertOsmBbox(`${field}.bbox`, bbox);
  return { classifier: new WayClassifier(resolved), bbox: bbox as OsmBbox | undefined };
}
