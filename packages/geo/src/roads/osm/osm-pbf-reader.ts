/**
 * Reads the routable roads of an OSM PBF file in two passes (osmformat.proto):
 * 1. every way: keep it when its `highway` class and tags pass the profile; collect its node ids;
 * 2. every node: keep the coordinates of the nodes the kept ways reference (and inside the bbox).
 *
 * Node tags, metadata (Info/DenseInfo) and relations are skipped without decoding. Decompressed
 * node blocks are kept between the passes up to {@link NODE_BLOCK_CACHE_BYTES}; beyond that they are
 * inflated again in pass 2, so memory stays bounded on large extracts.
 *
 * Field numbers used — PrimitiveBlock: stringtable 1, primitivegroup 2, granularity 17,
 * lat_offset 19, lon_offset 20. PrimitiveGroup: nodes 1, dense 2, ways 3. Node: id 1 (sint64),
 * lat 8, lon 9 (sint64). DenseNodes: id 1, lat 8, lon 9 (packed sint64, delta-coded).
 * Way: id 1 (int64), keys 2, vals 3 (packed uint32), refs 8 (packed sint64, delta-coded).
 * HeaderBlock: required_features 4. Coordinates: `1e-9 × (offset + granularity × raw)` degrees.
 */
import { RoutedWaysBuilder, type RoutedWays } from '../build/routed-ways.js';
import type { SortedIdIndex } from '../build/sorted-id-index.js';
import type { OsmBbox } from './osm-bbox.js';
import { OsmImportError } from './osm-import-error.js';
import { inflateOsmPbfBlob, listOsmPbfBlobs, type OsmPbfBlobEntry } from './osm-pbf-blobs.js';
import type { OsmTags } from './osm-tag-rules.js';
import { ProtoReader, WIRE_BYTES, WIRE_VARINT } from './proto-reader.js';
import type { WayClassifier } from './road-profile.js';
import { StringTable } from './string-table.js';

/** Decompressed node blocks kept in memory between the two passes, at most (bytes). */
export const NODE_BLOCK_CACHE_BYTES = 64 * 1024 * 1024;

/** Features a file may require (HeaderBlock.required_features). */
const SUPPORTED_FEATURES: ReadonlySet<string> = new Set(['OsmSchema-V0.6', 'DenseNodes']);

const HIGHWAY = new TextEncoder().encode('highway');

/** Counters and timings of {@link readOsmPbfRoads}. */
export interface OsmPbfReadStats {
  /** Blobs in the file (header included). */
  readonly blobs: number;
  /** Nodes in the file (dense and plain). */
  readonly nodesRead: number;
  /** Ways in the file. */
  readonly waysRead: number;
  /** Ways that pass the profile (and have ≥ 2 node refs). */
  readonly waysKept: number;
  /** Distinct nodes referenced by kept ways. */
  readonly nodesReferenced: number;
  /** Referenced nodes missing from the file or outside the bbox (ways are cut there). */
  readonly nodesMissing: number;
  /** Pass 1 (framing, header, ways), ms. */
  readonly waysMs: number;
  /** Pass 2 (nodes), ms. */
  readonly nodesMs: number;
}

interface BlockLayout {
  groups: number[];
  stringTableStart: number;
  stringTableEnd: number;
  granularity: number;
  latOffset: number;
  lonOffset: number;
}

/** Scratch buffers reused across ways and blocks. */
class Scratch {
  keys: Uint32Array = new Uint32Array(256);
  vals: Uint32Array = new Uint32Array(256);
  refs: Float64Array = new Float64Array(1024);
  ids: Float64Array = new Float64Array(8192);
  lats: Float64Array = new Float64Array(8192);
  lons: Float64Array = new Float64Array(8192);
}

/** `arr` if it holds `n` values, else a new, larger array (contents not kept). */
function atLeastU32(arr: Uint32Array, n: number): Uint32Array {
  return n <= arr.length ? arr : new Uint32Array(Math.max(n, arr.length * 2));
}

/** `arr` if it holds `n` values, else a new, larger array (contents not kept). */
function atLeastF64(arr: Float64Array, n: number): Float64Array {
  return n <= arr.length ? arr : new Float64Array(Math.max(n, arr.length * 2));
}

/** Routed ways (with node coordinates) of a PBF file, filtered by `classifier` and `bbox`. */
export function readOsmPbfRoads(bytes: Uint8Array, classifier: WayClassifier, bbox?: OsmBbox): { ways: RoutedWays; stats: OsmPbfReadStats } {
  const t0 = performance.now();
  const entries = listOsmPbfBlobs(bytes);
  const builder = new RoutedWaysBuilder();
  const strings = new StringTable();
  const scratch = new Scratch();
  const nodeBlocks: Array<{ entry: OsmPbfBlobEntry; data: Uint8Array | undefined }> = [];
  let cachedBytes = 0;
  let waysRead = 0;
  let waysKept = 0;

  for (const entry of entries) {
    if (entry.type === 'OSMHeader') {
      checkHeaderBlock(new ProtoReader(inflateOsmPbfBlob(bytes, entry), entry.offset));
    } else if (entry.type === 'OSMData') {
      const data = inflateOsmPbfBlob(bytes, entry);
      const reader = new ProtoReader(data, entry.offset);
      const layout = readBlockLayout(reader);
      let hasNodes = false;
      let stringsReady = false;
      let highwayIndex = -1;
      for (let g = 0; g < layout.groups.length; g += 2) {
        const end = layout.groups[g + 1]!;
        reader.pos = layout.groups[g]!;
        while (reader.pos < end) {
          const keyPos = reader.pos;
          const key = reader.varint(end, 'PrimitiveGroup');
          const tag = key >>> 3;
          const wire = key & 7;
          if (tag === 3) {
            reader.expectWire(wire, WIRE_BYTES, 'PrimitiveGroup.ways', keyPos);
            const wayEnd = reader.lengthEnd(end, 'PrimitiveGroup.ways');
            const wayStart = reader.pos;
            if (!stringsReady) {
              strings.reset(reader, layout.stringTableStart, layout.stringTableEnd);
              highwayIndex = strings.indexOfBytes(HIGHWAY);
              stringsReady = true;
            }
            waysRead++;
            if (highwayIndex >= 0 && readWay(reader, wayStart, wayEnd, strings, highwayIndex, scratch, classifier, builder)) waysKept++;
            reader.pos = wayEnd;
          } else {
            if (tag === 1 || tag === 2) hasNodes = true;
            reader.skip(wire, end, 'PrimitiveGroup', tag);
          }
        }
      }
      if (hasNodes) {
        const keep = cachedBytes + data.length <= NODE_BLOCK_CACHE_BYTES;
        if (keep) cachedBytes += data.length;
        nodeBlocks.push({ entry, data: keep ? data : undefined });
      }
    }
  }
  const t1 = performance.now();

  const index = builder.nodeIndex();
  const nodeLng = new Float64Array(index.size).fill(Number.NaN);
  const nodeLat = new Float64Array(index.size).fill(Number.NaN);
  let nodesRead = 0;
  if (index.size > 0) {
    const sink = new NodeSink(index, nodeLng, nodeLat, bbox ?? [-180, -90, 180, 90]);
    for (const block of nodeBlocks) {
      const data = block.data ?? inflateOsmPbfBlob(bytes, block.entry);
      block.data = undefined;
      nodesRead += readNodes(new ProtoReader(data, block.entry.offset), sink, scratch);
    }
  }
  let nodesMissing = 0;
  for (let i = 0; i < nodeLng.length; i++) if (Number.isNaN(nodeLng[i]!)) nodesMissing++;
  const ways = builder.finish(nodeLng, nodeLat);
  const t2 = performance.now();
  return {
    ways,
    stats: {
      blobs: entries.length,
      nodesRead,
      waysRead,
      waysKept,
      nodesReferenced: index.size,
      nodesMissing,
      waysMs: t1 - t0,
      nodesMs: t2 - t1,
    },
  };
}

/** Rejects files that require features this reader does not implement (e.g. history files). */
function checkHeaderBlock(reader: ProtoReader): void {
  const end = reader.buf.length;
  reader.pos = 0;
  while (reader.pos < end) {
    const keyPos = reader.pos;
    const key = reader.varint(end, 'HeaderBlock');
    const tag = key >>> 3;
    if (tag === 4) {
      reader.expectWire(key & 7, WIRE_BYTES, 'HeaderBlock.required_features', keyPos);
      const feature = reader.string(end, 'HeaderBlock.required_features');
      if (!SUPPORTED_FEATURES.has(feature)) {
        reader.fail(
          'HeaderBlock.required_features',
          `includes ${JSON.stringify(feature)}, which this reader does not support (supported: ${[...SUPPORTED_FEATURES].join(', ')})`,
          keyPos,
          'GEO_UNSUPPORTED_OSM',
        );
      }
    } else {
      reader.skip(key & 7, end, 'HeaderBlock', tag);
    }
  }
}

/** The top-level fields of a PrimitiveBlock (groups as `[start, end]` pairs). */
function readBlockLayout(reader: ProtoReader): BlockLayout {
  const end = reader.buf.length;
  const layout: BlockLayout = { groups: [], stringTableStart: -1, stringTableEnd: -1, granularity: 100, latOffset: 0, lonOffset: 0 };
  reader.pos = 0;
  while (reader.pos < end) {
    const keyPos = reader.pos;
    const key = reader.varint(end, 'PrimitiveBlock');
    const tag = key >>> 3;
    const wire = key & 7;
    if (tag === 1 || tag === 2) {
      const field = tag === 1 ? 'PrimitiveBlock.stringtable' : 'PrimitiveBlock.primitivegroup';
      reader.expectWire(wire, WIRE_BYTES, field, keyPos);
      const valueEnd = reader.lengthEnd(end, field);
      if (tag === 1) {
        layout.stringTableStart = reader.pos;
        layout.stringTableEnd = valueEnd;
      } else {
        layout.groups.push(reader.pos, valueEnd);
      }
      reader.pos = valueEnd;
    } else if (tag === 17 || tag === 19 || tag === 20) {
      const field = tag === 17 ? 'PrimitiveBlock.granularity' : tag === 19 ? 'PrimitiveBlock.lat_offset' : 'PrimitiveBlock.lon_offset';
      reader.expectWire(wire, WIRE_VARINT, field, keyPos);
      const value = reader.int64(end, field);
      if (tag === 17) {
        if (!(value > 0)) reader.fail(field, `must be a positive integer, got ${value}`, keyPos);
        layout.granularity = value;
      } else if (tag === 19) {
        layout.latOffset = value;
      } else {
        layout.lonOffset = value;
      }
    } else {
      reader.skip(wire, end, 'PrimitiveBlock', tag);
    }
  }
  if (layout.stringTableStart < 0) reader.fail('PrimitiveBlock.stringtable', 'is missing (required field)', 0);
  return layout;
}

/**
 * Pass 1 for one Way message at `[start, end)`: true when it is kept. Ways without a `highway`
 * key (string `highwayIndex` of the block) are rejected after decoding their keys only; tags are
 * decoded into an object only for ways whose highway class the profile routes.
 */
function readWay(
  reader: ProtoReader,
  start: number,
  end: number,
  strings: StringTable,
  highwayIndex: number,
  scratch: Scratch,
  classifier: WayClassifier,
  builder: RoutedWaysBuilder,
): boolean {
  let idAt = -1;
  let keysAt = -1;
  let valsAt = -1;
  let refsAt = -1;
  reader.pos = start;
  while (reader.pos < end) {
    const keyPos = reader.pos;
    const key = reader.varint(end, 'Way');
    const tag = key >>> 3;
    const wire = key & 7;
    if (tag === 1) {
      reader.expectWire(wire, WIRE_VARINT, 'Way.id', keyPos);
      idAt = reader.pos;
      reader.varint(end, 'Way.id');
    } else if (tag === 2 || tag === 3 || tag === 8) {
      const field = tag === 2 ? 'Way.keys' : tag === 3 ? 'Way.vals' : 'Way.refs';
      reader.expectPacked(wire, field, keyPos);
      if (tag === 2) keysAt = reader.pos;
      else if (tag === 3) valsAt = reader.pos;
      else refsAt = reader.pos;
      reader.pos = reader.lengthEnd(end, field);
    } else {
      reader.skip(wire, end, 'Way', tag);
    }
  }
  if (keysAt < 0) return false;
  reader.pos = keysAt;
  scratch.keys = atLeastU32(scratch.keys, reader.packedCapacity(end, 'Way.keys'));
  const numKeys = reader.packedUint32(end, 'Way.keys', scratch.keys);
  const keys = scratch.keys;
  let highwayAt = -1;
  for (let i = 0; i < numKeys; i++) {
    if (keys[i] === highwayIndex) {
      highwayAt = i;
      break;
    }
  }
  if (highwayAt < 0) return false;
  let id = 0;
  if (idAt >= 0) {
    reader.pos = idAt;
    id = reader.int64(end, 'Way.id');
  }
  let numVals = 0;
  if (valsAt >= 0) {
    reader.pos = valsAt;
    scratch.vals = atLeastU32(scratch.vals, reader.packedCapacity(end, 'Way.vals'));
    numVals = reader.packedUint32(end, 'Way.vals', scratch.vals);
  }
  if (numVals !== numKeys) reader.fail('Way.vals', `has ${numVals} entries but Way.keys has ${numKeys} (way ${id})`, start);
  const vals = scratch.vals;
  const numStrings = strings.count;
  for (let i = 0; i < numKeys; i++) {
    if (keys[i]! >= numStrings || vals[i]! >= numStrings) {
      const bad = keys[i]! >= numStrings ? keys[i]! : vals[i]!;
      reader.fail(keys[i]! >= numStrings ? 'Way.keys' : 'Way.vals', `refers to string ${bad} but the block's string table has ${numStrings} (way ${id})`, start);
    }
  }
  if (!classifier.routesHighway(strings.get(vals[highwayAt]!))) return false;
  const tags: Record<string, string> = Object.create(null) as Record<string, string>;
  for (let i = 0; i < numKeys; i++) tags[strings.get(keys[i]!)] = strings.get(vals[i]!);
  if (!classifier.classify(tags as OsmTags, id)) return false;
  if (refsAt < 0) return false;
  reader.pos = refsAt;
  scratch.refs = atLeastF64(scratch.refs, reader.packedCapacity(end, 'Way.refs'));
  const numRefs = reader.packedSint64Delta(end, 'Way.refs', scratch.refs);
  if (numRefs < 2) return false;
  builder.addWay(id, classifier.classCode, classifier.speedKmh, classifier.oneway, scratch.refs, numRefs);
  return true;
}

/** Where pass 2 puts node coordinates: only ids of `index`, only inside the bbox. */
class NodeSink {
  constructor(
    readonly index: SortedIdIndex,
    readonly nodeLng: Float64Array,
    readonly nodeLat: Float64Array,
    readonly bbox: OsmBbox,
  ) {}
}

/** Pass 2 for one block: stores coordinates of indexed nodes; returns the number of nodes read. */
function readNodes(reader: ProtoReader, sink: NodeSink, scratch: Scratch): number {
  const layout = readBlockLayout(reader);
  let nodes = 0;
  for (let g = 0; g < layout.groups.length; g += 2) {
    const end = layout.groups[g + 1]!;
    reader.pos = layout.groups[g]!;
    while (reader.pos < end) {
      const keyPos = reader.pos;
      const key = reader.varint(end, 'PrimitiveGroup');
      const tag = key >>> 3;
      const wire = key & 7;
      if (tag === 2) {
        reader.expectWire(wire, WIRE_BYTES, 'PrimitiveGroup.dense', keyPos);
        const denseEnd = reader.lengthEnd(end, 'PrimitiveGroup.dense');
        nodes += readDenseNodes(reader, reader.pos, denseEnd, layout, sink, scratch);
        reader.pos = denseEnd;
      } else if (tag === 1) {
        reader.expectWire(wire, WIRE_BYTES, 'PrimitiveGroup.nodes', keyPos);
        const nodeEnd = reader.lengthEnd(end, 'PrimitiveGroup.nodes');
        readPlainNode(reader, reader.pos, nodeEnd, layout, sink, scratch);
        nodes++;
        reader.pos = nodeEnd;
      } else {
        reader.skip(wire, end, 'PrimitiveGroup', tag);
      }
    }
  }
  return nodes;
}

/**
 * Stores nodes `0 … n-1` of the scratch id/lat/lon arrays (raw PBF units) that the sink wants.
 * Coordinates: integer nanodegrees first, then one correctly rounded division, so 7-decimal
 * coordinates come back exactly.
 */
function storeNodes(reader: ProtoReader, n: number, layout: BlockLayout, sink: NodeSink, scratch: Scratch, field: string, pos: number): void {
  const { granularity, latOffset, lonOffset } = layout;
  const { index, nodeLng, nodeLat } = sink;
  const [minLng, minLat, maxLng, maxLat] = sink.bbox;
  const ids = scratch.ids;
  const lats = scratch.lats;
  const lons = scratch.lons;
  const wanted = index.ids;
  for (let i = 0; i < n; i++) {
    // Nodes come in ascending id order: most are rejected (or found) at the cursor, inline.
    const id = ids[i]!;
    const c = index.cursor;
    let k: number;
    if (id === wanted[c]) {
      k = c;
      index.cursor = c + 1;
    } else if (id < wanted[c]! && (c === 0 || id > wanted[c - 1]!)) {
      continue;
    } else {
      k = index.indexOf(id);
      if (k < 0) continue;
    }
    const lat = (latOffset + granularity * lats[i]!) / 1e9;
    const lng = (lonOffset + granularity * lons[i]!) / 1e9;
    if (!(lat >= -90 && lat <= 90 && lng >= -180 && lng <= 180)) {
      reader.fail(field, `gives node ${id} the position (${lng}, ${lat}), outside [-180, 180] × [-90, 90]`, pos);
    }
    if (lng < minLng || lng > maxLng || lat < minLat || lat > maxLat) continue;
    nodeLng[k] = lng;
    nodeLat[k] = lat;
  }
}

/** One DenseNodes message: ids, lats and lons are three parallel delta-coded packed arrays. */
function readDenseNodes(reader: ProtoReader, start: number, end: number, layout: BlockLayout, sink: NodeSink, scratch: Scratch): number {
  let idAt = -1;
  let latAt = -1;
  let lonAt = -1;
  reader.pos = start;
  while (reader.pos < end) {
    const keyPos = reader.pos;
    const key = reader.varint(end, 'DenseNodes');
    const tag = key >>> 3;
    const wire = key & 7;
    if (tag === 1 || tag === 8 || tag === 9) {
      const field = tag === 1 ? 'DenseNodes.id' : tag === 8 ? 'DenseNodes.lat' : 'DenseNodes.lon';
      reader.expectPacked(wire, field, keyPos);
      if (tag === 1) idAt = reader.pos;
      else if (tag === 8) latAt = reader.pos;
      else lonAt = reader.pos;
      reader.pos = reader.lengthEnd(end, field);
    } else {
      reader.skip(wire, end, 'DenseNodes', tag);
    }
  }
  if (idAt < 0) return 0;
  reader.pos = idAt;
  scratch.ids = atLeastF64(scratch.ids, reader.packedCapacity(end, 'DenseNodes.id'));
  const n = reader.packedSint64Delta(end, 'DenseNodes.id', scratch.ids);
  let nLat = 0;
  let nLon = 0;
  if (latAt >= 0) {
    reader.pos = latAt;
    scratch.lats = atLeastF64(scratch.lats, reader.packedCapacity(end, 'DenseNodes.lat'));
    nLat = reader.packedSint64Delta(end, 'DenseNodes.lat', scratch.lats);
  }
  if (lonAt >= 0) {
    reader.pos = lonAt;
    scratch.lons = atLeastF64(scratch.lons, reader.packedCapacity(end, 'DenseNodes.lon'));
    nLon = reader.packedSint64Delta(end, 'DenseNodes.lon', scratch.lons);
  }
  if (nLat !== n || nLon !== n) {
    reader.fail(nLat !== n ? 'DenseNodes.lat' : 'DenseNodes.lon', `has ${nLat !== n ? nLat : nLon} values but DenseNodes.id has ${n}`, start);
  }
  storeNodes(reader, n, layout, sink, scratch, 'DenseNodes.lat/lon', start);
  return n;
}

/** One plain Node message: id 1, lat 8, lon 9 (sint64 each). */
function readPlainNode(reader: ProtoReader, start: number, end: number, layout: BlockLayout, sink: NodeSink, scratch: Scratch): void {
  let id = 0;
  let lat = Number.NaN;
  let lon = Number.NaN;
  reader.pos = start;
  while (reader.pos < end) {
    const keyPos = reader.pos;
    const key = reader.varint(end, 'Node');
    const tag = key >>> 3;
    const wire = key & 7;
    if (tag === 1 || tag === 8 || tag === 9) {
      const field = tag === 1 ? 'Node.id' : tag === 8 ? 'Node.lat' : 'Node.lon';
      reader.expectWire(wire, WIRE_VARINT, field, keyPos);
      const value = reader.sint64(end, field);
      if (tag === 1) id = value;
      else if (tag === 8) lat = value;
      else lon = value;
    } else {
      reader.skip(wire, end, 'Node', tag);
    }
  }
  if (Number.isNaN(lat) || Number.isNaN(lon)) reader.fail(Number.isNaN(lat) ? 'Node.lat' : 'Node.lon', `is missing (node ${id})`, start);
  scratch.ids[0] = id;
  scratch.lats[0] = lat;
  scratch.lons[0] = lon;
  storeNodes(reader, 1, layout, sink, scratch, 'Node.lat/lon', start);
}
