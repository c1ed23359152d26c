import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import Pbf from 'pbf';
import {
  GeoInputError,
  OsmImportError,
  assertRoadGraph,
  buildRoadGraphFromOsm,
  importOsmPbf,
  mulberry32,
  type OsmImportResult,
  type OsmNodeInput,
  type OsmWayInput,
  type RoadGraph,
} from '@o2o/geo';
import { arcKeys, namedArcs, round7 } from '../build/graph-helpers.js';
import { writeOsmPbf, type WriteOsmPbfOptions } from '../fixtures/write-osm-pbf.js';

/**
 * A 4 × 4 grid city around Monaco: two-way residential rows, a one-way primary column, a
 * roundabout-tagged way, a footway, a building way (not a highway) and degree-2 shape nodes.
 */
function smallCity(idBase = 0, wayBase = 0): { nodes: OsmNodeInput[]; ways: OsmWayInput[] } {
  const nodes: OsmNodeInput[] = [];
  const id = (r: number, c: number): number => idBase + 100 + r * 10 + c;
  for (let r = 0; r < 4; r++) for (let c = 0; c < 4; c++) nodes.push({ id: id(r, c), lng: round7(7.42 + c * 0.002), lat: round7(43.73 + r * 0.0015) });
  // shape points between columns 0 and 1 of every row
  for (let r = 0; r < 4; r++) nodes.push({ id: idBase + 500 + r, lng: round7(7.421), lat: round7(43.73 + r * 0.0015 + 0.0002) });
  const ways: OsmWayInput[] = [];
  for (let r = 0; r < 4; r++) {
    ways.push({ id: wayBase + 1000 + r, refs: [id(r, 0), idBase + 500 + r, id(r, 1), id(r, 2), id(r, 3)], tags: { highway: 'residential', name: `Row ${r}` } });
  }
  for (let c = 0; c < 4; c++) {
    const refs = [0, 1, 2, 3].map((r) => id(r, c));
    const tags: Record<string, string> = c === 1 ? { highway: 'primary', oneway: 'yes' } : c === 2 ? { highway: 'primary', oneway: '-1' } : { highway: 'tertiary' };
    ways.push({ id: wayBase + 2000 + c, refs, tags });
  }
  ways.push({ id: wayBase + 3000, refs: [id(0, 0), id(1, 1)], tags: { highway: 'footway' } });
  ways.push({ id: wayBase + 3001, refs: [id(2, 2), id(2, 3), id(3, 3), id(3, 2), id(2, 2)], tags: { building: 'yes' } });
  return { nodes, ways };
}

function sameGraph(a: RoadGraph, b: RoadGraph): void {
  assert.equal(a.profile, b.profile);
  assert.equal(a.numVertices, b.numVertices);
  assert.equal(a.numArcs, b.numArcs);
  for (const key of ['vertexLng', 'vertexLat', 'firstOut', 'head', 'durationMs', 'lengthCm', 'roadClass', 'wayId', 'geomFirst', 'geomLng', 'geomLat'] as const) {
    assert.deepEqual(Array.from(a[key]), Array.from(b[key]), key);
  }
}

const importBytes = (bytes: Uint8Array, profile: 'car' | 'walk' = 'car'): OsmImportResult => importOsmPbf(bytes, { profile });

/** Asserts `fn` throws an OsmImportError with `code`, whose message matches `pattern`. */
function throwsOsm(fn: () => unknown, code: string, pattern?: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof OsmImportError, `not an OsmImportError: ${String(err)}`);
    assert.equal(err.code, code, err.message);
    if (pattern) assert.match(err.message, pattern);
    return true;
  });
}

describe('importOsmPbf', () => {
  const city = smallCity();

  describe('decoding', () => {
    it('builds the same graph from PBF bytes as from the plain JS data', () => {
      const fromPbf = importBytes(writeOsmPbf(city));
      const fromJs = buildRoadGraphFromOsm(city, { profile: 'car' });
      assertRoadGraph(fromPbf.graph);
      sameGraph(fromPbf.graph, fromJs.graph);
      assert.equal(fromPbf.stats.nodesRead, city.nodes.length);
      assert.equal(fromPbf.stats.waysRead, city.ways.length);
      assert.equal(fromPbf.stats.waysKept, 8);
      assert.equal(fromPbf.stats.numVertices, 16);
      assert.ok(fromPbf.stats.readMs >= 0 && fromPbf.stats.buildMs >= 0 && fromPbf.stats.totalMs >= fromPbf.stats.readMs);
    });

    it('reads coordinates exactly (7 decimals) and keeps the one-way rules', () => {
      const { graph } = importBytes(writeOsmPbf(city));
      const keys = arcKeys(graph, city.nodes);
      assert.ok(keys.includes('101>111') && !keys.includes('111>101'), 'oneway=yes column goes north');
      assert.ok(keys.includes('112>102') && !keys.includes('102>112'), 'oneway=-1 column goes south');
      assert.ok(keys.includes('100>101') && keys.includes('101>100'), 'residential rows are two-way');
    });

    it('gives the same graph for raw, zlib and mixed blobs, many small blocks and plain nodes', () => {
      const reference = importBytes(writeOsmPbf(city)).graph;
      const variants: Array<Partial<WriteOsmPbfOptions>> = [
        { compression: 'raw' },
        { compression: 'mixed', blockSize: 3 },
        { blockSize: 1 },
        { nodeEncoding: 'plain', blockSize: 5 },
        { nodeEncoding: 'plain', compression: 'raw' },
      ];
      for (const v of variants) {
        const bytes = writeOsmPbf({ ...city, ...v });
        const result = importBytes(bytes);
        sameGraph(result.graph, reference);
        assert.equal(result.stats.nodesRead, city.nodes.length, JSON.stringify(v));
      }
    });

    it('handles node and way ids beyond 2^32 exactly', () => {
      const big = smallCity(12_000_000_000, 9_000_000_000);
      const { graph } = importBytes(writeOsmPbf({ ...big, blockSize: 7 }));
      const arcs = namedArcs(graph, big.nodes);
      assert.equal(graph.numVertices, 16);
      assert.ok(arcs.some((a) => a.from === 12_000_000_100 && a.to === 12_000_000_101));
      assert.ok(arcs.every((a) => a.wayId > 2 ** 32 && Number.isInteger(a.wayId)));
      assert.ok(arcs.some((a) => a.wayId === 9_000_001_000));
      sameGraph(graph, buildRoadGraphFromOsm(big, { profile: 'car' }).graph);
    });

    it('reads nodes stored out of id order and with negative deltas', () => {
      const shuffled = { nodes: [...city.nodes].reverse(), ways: city.ways };
      sameGraph(importBytes(writeOsmPbf({ ...shuffled, blockSize: 6 })).graph, importBytes(writeOsmPbf(city)).graph);
    });

    it('applies granularity and lat/lon offsets', () => {
      const coarse = {
        nodes: city.nodes.map((n) => ({ ...n, lng: Math.round(n.lng * 1e6) / 1e6, lat: Math.round(n.lat * 1e6) / 1e6 })),
        ways: city.ways,
      };
      const bytes = writeOsmPbf({ ...coarse, granularity: 1000, latOffset: 43_000_000_000, lonOffset: 7_000_000_000 });
      sameGraph(importBytes(bytes).graph, buildRoadGraphFromOsm(coarse, { profile: 'car' }).graph);
      // West of Greenwich, with a negative (10-byte varint) lon_offset.
      const porto = { nodes: city.nodes.map((n) => ({ ...n, lng: round7(n.lng - 15.62) })), ways: city.ways };
      const west = writeOsmPbf({ ...porto, lonOffset: -8_200_000_000, latOffset: -100 });
      sameGraph(importBytes(west).graph, buildRoadGraphFromOsm(porto, { profile: 'car' }).graph);
    });

    it('skips node tags and way metadata it does not need', () => {
      const tagged = { nodes: city.nodes.map((n, i) => (i % 3 === 0 ? { ...n, tags: { highway: 'traffic_signals', 'name:fr': 'Carrefour é' } } : n)), ways: city.ways };
      sameGraph(importBytes(writeOsmPbf(tagged)).graph, importBytes(writeOsmPbf(city)).graph);
    });

    it('cuts ways at nodes missing from the file and counts them', () => {
      const missing = { nodes: city.nodes.filter((n) => n.id !== 501), ways: city.ways };
      const result = importBytes(writeOsmPbf(missing));
      assert.equal(result.stats.nodesMissing, 1);
      const keys = arcKeys(result.graph, missing.nodes);
      assert.ok(!keys.includes('110>111'), 'the row through the missing node is cut');
      assert.ok(keys.includes('111>112'));
    });

    it('clips to a bbox', () => {
      const result = importOsmPbf(writeOsmPbf(city), { profile: 'car', bbox: [7.4195, 43.7295, 7.4245, 43.7335] });
      assert.ok(result.graph.numVertices < 16);
      for (let v = 0; v < result.graph.numVertices; v++) assert.ok(result.graph.vertexLng[v]! <= 7.4245 && result.graph.vertexLat[v]! <= 43.7335);
      assert.throws(() => importOsmPbf(writeOsmPbf(city), { profile: 'car', bbox: [8, 43, 7, 44] }), /options\.bbox\[2\] \(maxLng\) must be ≥ minLng \(8\)/);
      assert.throws(() => importOsmPbf(writeOsmPbf(city), { profile: 'car', bbox: [7, 43, 8] as unknown as [number, number, number, number] }), /options\.bbox must be \[minLng, minLat, maxLng, maxLat\]/);
    });

    it('imports every profile from one file', () => {
      const bytes = writeOsmPbf(city);
      const car = importOsmPbf(bytes, { profile: 'car' }).graph;
      const walk = importOsmPbf(bytes, { profile: 'walk' }).graph;
      assert.equal(walk.profile, 'walk');
      assert.ok(walk.numArcs > car.numArcs, 'walking ignores one-way and adds the footway');
      assert.ok(arcKeys(walk, city.nodes).includes('111>100'));
    });
  });

  describe('errors', () => {
    const good = writeOsmPbf(city);
    const goodRaw = writeOsmPbf({ ...city, compression: 'raw', blockSize: 5 });

    it('rejects a non-Uint8Array input', () => {
      assert.throws(() => importOsmPbf('monaco.osm.pbf' as unknown as Uint8Array, { profile: 'car' }), GeoInputError);
    });

    it('rejects an empty file and garbage', () => {
      throwsOsm(() => importBytes(new Uint8Array(0)), 'GEO_INVALID_OSM', /^file \(byte 0\) is empty/);
      const rng = mulberry32(3);
      const garbage = Uint8Array.from({ length: 5000 }, () => Math.floor(rng() * 256));
      throwsOsm(() => importBytes(garbage), 'GEO_INVALID_OSM', /BlobHeader/);
      throwsOsm(() => importBytes(new TextEncoder().encode('<?xml version="1.0"?><osm></osm>')), 'GEO_INVALID_OSM', /BlobHeader length \(byte 0\) must be in \[1, 65536\]/);
    });

    it('names the byte offset of a truncated file, at every cut', () => {
      for (const bytes of [good, goodRaw]) {
        const boundaries = blobBoundaries(bytes);
        for (let cut = 1; cut < bytes.length; cut += 3) {
          const truncated = bytes.slice(0, cut);
          if (boundaries.has(cut)) {
            // A cut between blobs leaves a shorter valid file: fewer roads, or none.
            try {
              importBytes(truncated);
            } catch (err) {
              assert.ok(err instanceof OsmImportError && err.code === 'GEO_EMPTY_ROAD_GRAPH', `cut ${cut}: ${String(err)}`);
            }
            continue;
          }
          assert.throws(
            () => importBytes(truncated),
            (err: unknown) => {
              assert.ok(err instanceof OsmImportError, `cut ${cut}: ${String(err)}`);
              assert.equal(err.code, 'GEO_INVALID_OSM', `cut ${cut}: ${err.message}`);
              assert.match(err.message, /is truncated/);
              assert.ok(err.offset >= 0 && err.offset < cut);
              return true;
            },
          );
        }
      }
      throwsOsm(() => importBytes(good.slice(0, good.length - 1)), 'GEO_INVALID_OSM', /Blob \(byte \d+\) is truncated: BlobHeader\.datasize declares \d+ bytes but only \d+ remain in the file/);
    });

    it('survives random corruption of raw blocks: a graph or an OsmImportError, never a hang or a crash', () => {
      const rng = mulberry32(11);
      let errors = 0;
      for (let i = 0; i < 400; i++) {
        const bytes = goodRaw.slice();
        const flips = 1 + Math.floor(rng() * 4);
        for (let f = 0; f < flips; f++) bytes[Math.floor(rng() * bytes.length)] = Math.floor(rng() * 256);
        try {
          assertRoadGraph(importBytes(bytes).graph);
        } catch (err) {
          assert.ok(err instanceof OsmImportError || err instanceof GeoInputError, `run ${i}: ${String((err as Error).stack)}`);
          errors++;
        }
      }
      assert.ok(errors > 50, `only ${errors} of 400 corruptions were detected`);
    });

    it('reports a corrupt zlib stream and a wrong raw_size', () => {
      const bytes = good.slice();
      const [, , dataBlob] = blobs(bytes);
      for (let i = dataBlob!.dataStart + 10; i < dataBlob!.dataStart + 30; i++) bytes[i] = bytes[i]! ^ 0x5a;
      throwsOsm(() => importBytes(bytes), 'GEO_INVALID_OSM', /Blob\.zlib_data \(byte \d+\) (is not a valid zlib stream|inflates to more than raw_size)/);
      const block = new Uint8Array([0x0a, 0x02, 0x0a, 0x00]);
      throwsOsm(() => importBytes(concat(headerBlob(), frame('OSMData', zlibBlob(block, block.length + 5)))), 'GEO_INVALID_OSM', /Blob\.raw_size \(byte \d+\) is 9 but zlib_data inflates to 4 bytes/);
    });

    it('rejects lzma, lz4 and zstd blobs with GEO_UNSUPPORTED_OSM', () => {
      for (const compression of ['lzma', 'lz4', 'zstd'] as const) {
        throwsOsm(() => importBytes(writeOsmPbf({ ...city, compression })), 'GEO_UNSUPPORTED_OSM', new RegExp(`^Blob\\.${compression}_data \\(byte \\d+\\) is not supported: only raw and zlib_data`));
      }
    });

    it('rejects files requiring unsupported features', () => {
      throwsOsm(
        () => importBytes(writeOsmPbf({ ...city, requiredFeatures: ['OsmSchema-V0.6', 'DenseNodes', 'HistoricalInformation'] })),
        'GEO_UNSUPPORTED_OSM',
        /HeaderBlock\.required_features \(byte \d+, block byte \d+\) includes "HistoricalInformation", which this reader does not support/,
      );
    });

    it('requires the OSMHeader blob first', () => {
      const [, second] = blobs(good);
      throwsOsm(() => importBytes(good.slice(second!.offset)), 'GEO_INVALID_OSM', /BlobHeader\.type \(byte 0\) of the first blob must be "OSMHeader", got "OSMData"/);
    });

    it('names the field of an inconsistent block', () => {
      // DenseNodes with 2 ids but 1 latitude.
      const block = new Pbf();
      block.writeMessage(1, (_: unknown, st) => st.writeBytesField(1, new Uint8Array(0)), null);
      block.writeMessage(
        2,
        (_: unknown, group) =>
          group.writeMessage(
            2,
            (_d: unknown, dense) => {
              dense.writePackedSVarint(1, [1, 1]);
              dense.writePackedSVarint(8, [437300000]);
              dense.writePackedSVarint(9, [74200000, 1]);
            },
            null,
          ),
        null,
      );
      const wayBlock = writeWayBlock();
      const bytes = concat(headerBlob(), frame('OSMData', rawBlob(block.finish())), frame('OSMData', rawBlob(wayBlock)));
      throwsOsm(() => importBytes(bytes), 'GEO_INVALID_OSM', /^DenseNodes\.lat \(byte \d+, block byte \d+\) has 1 values but DenseNodes\.id has 2$/);
    });

    it('rejects unpacked repeated fields with GEO_UNSUPPORTED_OSM', () => {
      const block = new Pbf();
      block.writeMessage(1, (_: unknown, st) => ['', 'highway', 'residential'].forEach((x) => st.writeBytesField(1, new TextEncoder().encode(x))), null);
      block.writeMessage(
        2,
        (_: unknown, group) =>
          group.writeMessage(
            3,
            (_w: unknown, way) => {
              way.writeVarintField(1, 7);
              way.writeVarintField(2, 1); // keys, unpacked
            },
            null,
          ),
        null,
      );
      throwsOsm(() => importBytes(concat(headerBlob(), frame('OSMData', rawBlob(block.finish())))), 'GEO_UNSUPPORTED_OSM', /^Way\.keys \(byte \d+, block byte \d+\) is not packed/);
    });

    it('throws GEO_EMPTY_ROAD_GRAPH when no way is routable', () => {
      const noRoads = { nodes: city.nodes, ways: city.ways.filter((w) => w.tags['highway'] === undefined) };
      throwsOsm(() => importBytes(writeOsmPbf(noRoads)), 'GEO_EMPTY_ROAD_GRAPH', /^ways contain no road routable by profile "car": no way passes its filters$/);
      throwsOsm(() => importBytes(writeOsmPbf({ nodes: [], ways: city.ways })), 'GEO_EMPTY_ROAD_GRAPH', /none of the 8 ways it routes has two nodes with known coordinates/);
    });
  });
});

/** Blob positions: offset of the length prefix and of the Blob's data field payload. */
function blobs(bytes: Uint8Array): Array<{ offset: number; end: number; dataStart: number }> {
  const out: Array<{ offset: number; end: number; dataStart: number }> = [];
  let pos = 0;
  while (pos < bytes.length) {
    const headerLen = new DataView(bytes.buffer, bytes.byteOffset).getUint32(pos, false);
    const header = new Pbf(bytes.subarray(pos + 4, pos + 4 + headerLen));
    let size = 0;
    header.readFields((tag, _r, p) => {
      if (tag === 3) size = p.readVarint();
    }, null);
    const blobStart = pos + 4 + headerLen;
    out.push({ offset: pos, end: blobStart + size, dataStart: blobStart + 8 });
    pos = blobStart + size;
  }
  return out;
}

function blobBoundaries(bytes: Uint8Array): Set<number> {
  return new Set(blobs(bytes).map((b) => b.end));
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function frame(type: string, blob: Uint8Array): Uint8Array {
  const header = new Pbf();
  header.writeStringField(1, type);
  header.writeVarintField(3, blob.length);
  const h = header.finish();
  const prefix = new Uint8Array(4);
  new DataView(prefix.buffer).setUint32(0, h.length, false);
  return concat(prefix, h, blob);
}

function rawBlob(block: Uint8Array): Uint8Array {
  const blob = new Pbf();
  blob.writeBytesField(1, block);
  return blob.finish();
}

function zlibBlob(block: Uint8Array, rawSize: number): Uint8Array {
  const blob = new Pbf();
  blob.writeVarintField(2, rawSize);
  blob.writeBytesField(3, deflateSync(block));
  return blob.finish();
}

function headerBlob(): Uint8Array {
  const header = new Pbf();
  header.writeStringField(4, 'OsmSchema-V0.6');
  return frame('OSMHeader', rawBlob(header.finish()));
}

/** A block with one residential way 1 → 2. */
function writeWayBlock(): Uint8Array {
  const block = new Pbf();
  block.writeMessage(
    1,
    (_: unknown, st) => ['', 'highway', 'residential'].forEach((s) => st.writeBytesField(1, new TextEncoder().encode(s))),
    null,
  );
  block.writeMessage(
    2,
    (_: unknown, group) =>
      group.writeMessage(
        3,
        (_w: unknown, way) => {
          way.writeVarintField(1, 7);
          way.writePackedVarint(2, [1]);
          way.writePackedVarint(3, [2]);
          way.writePackedSVarint(8, [1, 1]);
        },
        null,
      ),
    null,
  );
  return block.finish();
}

