/**
 * Builds a road graph from plain JS OSM data (nodes and ways arrays), with the same profiles,
 * filtering and graph building as the PBF import — for tests, generated data and callers that
 * already hold OSM data in memory.
 */
import { GeoInputError } from '../../errors.js';
import { assertLat, assertLng } from '../../validate.js';
import type { OsmTags } from '../osm/osm-tag-rules.js';
import { resolveOsmImportOptions, type OsmImportOptions, type OsmImportResult } from '../osm/osm-import-options.js';
import { buildRoadGraphFromWays } from './build-road-graph-from-ways.js';
import { RoutedWaysBuilder } from './routed-ways.js';

/** An OSM node. */
export interface OsmNodeInput {
  /** OSM id: a safe integer (ids beyond 2^32 are fine). */
  readonly id: number;
  readonly lng: number;
  readonly lat: number;
}

/** An OSM way. */
export interface OsmWayInput {
  /** OSM id: a safe integer. */
  readonly id: number;
  /** Node ids in way order. */
  readonly refs: readonly number[];
  /** Tags, e.g. `{ highway: 'residential', oneway: 'yes' }`. */
  readonly tags: OsmTags;
}

/** OSM data in plain JS. */
export interface OsmRoadInput {
  readonly nodes: readonly OsmNodeInput[];
  readonly ways: readonly OsmWayInput[];
}

function assertId(field: string, id: unknown): asserts id is number {
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) throw new GeoInputError('GEO_INVALID_ARGUMENT', field, 'must be a safe integer', id);
}

/**
 * The road graph of `input` for `options.profile` (see {@link importOsmPbf} for the rules).
 * Validates the input: ids must be safe integers, coordinates valid, refs integer arrays, tag
 * values strings; a node id referenced by a routed way must not appear twice. Nodes that are
 * referenced but absent cut their ways. Throws `GeoInputError` naming e.g. `input.ways[3].tags.oneway`,
 * or `OsmImportError` (GEO_EMPTY_ROAD_GRAPH) when nothing is routable.
 */
export function buildRoadGraphFromOsm(input: OsmRoadInput, options: OsmImportOptions): OsmImportResult {
  const t0 = performance.now();
  const { classifier, bbox } = resolveOsmImportOptions(options);
  if (typeof input !== 'object' || input === null) throw new GeoInputError('GEO_INVALID_ARGUMENT', 'input', 'must be an object { nodes, ways }', input);
  const { nodes, ways } = input;
  if (!Array.isArray(nodes)) throw new GeoInputError('GEO_INVALID_ARGUMENT', 'input.nodes', 'must be an array of { id, lng, lat }', nodes);
  if (!Array.isArray(ways)) throw new GeoInputError('GEO_INVALID_ARGUMENT', 'input.ways', 'must be an array of { id, refs, tags }', ways);

  const builder = new RoutedWaysBuilder();
  let waysKept = 0;
  for (let i = 0; i < ways.length; i++) {
    const way: unknown = ways[i];
    const field = `input.ways[${i}]`;
    if (typeof way !== 'object' || way === null) throw new GeoInputError('GEO_INVALID_ARGUMENT', field, 'must be an object { id, refs, tags }', way);
    const { id, refs, tags } = way as Record<string, unknown>;
    assertId(`${field}.id`, id);
    if (!Array.isArray(refs)) throw new GeoInputError('GEO_INVALID_ARGUMENT', `${field}.refs`, 'must be an array of node ids', refs);
    for (let r = 0; r < refs.length; r++) assertId(`${field}.refs[${r}]`, refs[r]);
    if (typeof tags !== 'object' || tags === null || Array.isArray(tags)) throw new GeoInputError('GEO_INVALID_ARGUMENT', `${field}.tags`, 'must be an object of string values', tags);
    for (const [key, value] of Object.entries(tags)) {
      if (typeof value !== 'string') throw new GeoInputError('GEO_INVALID_ARGUMENT', `${field}.tags.${key}`, 'must be a string', value);
    }
    if (refs.length < 2 || !classifier.classify(tags as OsmTags, id)) continue;
    builder.addWay(id, classifier.classCode, classifier.speedKmh, classifier.oneway, refs as number[], refs.length);
    waysKept++;
  }

  const index = builder.nodeIndex();
  const nodeLng = new Float64Array(index.size).fill(Number.NaN);
  const nodeLat = new Float64Array(index.size).fill(Number.NaN);
  const seen = new Uint8Array(index.size);
  const [minLng, minLat, maxLng, maxLat] = bbox ?? [-180, -90, 180, 90];
  for (let i = 0; i < nodes.length; i++) {
    const node: unknown = nodes[i];
    const field = `input.nodes[${i}]`;
    if (typeof node !== 'object' || node === null) throw new GeoInputError('GEO_INVALID_ARGUMENT', field, 'must be an object { id, lng, lat }', node);
    const { id, lng, lat } = node as Record<string, unknown>;
    assertId(`${field}.id`, id);
    assertLng(`${field}.lng`, lng);
    assertLat(`${field}.lat`, lat);
    const k = index.indexOf(id);
    if (k < 0) continue;
    if (seen[k]) throw new GeoInputError('GEO_INVALID_ARGUMENT', `${field}.id`, 'must be unique (an earlier node has the same id)', id);
    seen[k] = 1;
    if (lng < minLng || lng > maxLng || lat < minLat || lat > maxLat) continue;
    nodeLng[k] = lng;
    nodeLat[k] = lat;
  }
  let nodesMissing = 0;
  for (let k = 0; k < nodeLng.length; k++) if (Number.isNaN(nodeLng[k]!)) nodesMissing++;
  const routed = builder.finish(nodeLng, nodeLat);
  const t1 = performance.now();
  const { graph, stats } = buildRoadGraphFromWays(routed, classifier.resolved.name);
  const t2 = performance.now();
  return {
    graph,
    stats: {
      nodesRead: nodes.length,
      waysRead: ways.length,
      waysKept,
      nodesReferenced: index.size,
      nodesMissing,
      ...stats,
      readMs: t1 - t0,
      buildMs: t2 - t1,
      totalMs: t2 - t0,
    },
  };
}
