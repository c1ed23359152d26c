import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import {
  GeoInputError,
  ROAD_GRAPH_FILE_MAGIC,
  ROAD_GRAPH_FILE_VERSION,
  RoadGraphFileError,
  buildRoadGraphFromOsm,
  deserializeRoadGraph,
  generateGridCity,
  loadRoadGraph,
  mulberry32,
  saveRoadGraph,
  serializeRoadGraph,
  type ContractionHierarchy,
  type RoadGraph,
} from '@o2o/geo';

const GRAPH_KEYS = ['vertexLng', 'vertexLat', 'firstOut', 'head', 'durationMs', 'lengthCm', 'roadClass', 'wayId', 'geomFirst', 'geomLng', 'geomLat'] as const;
const CH_KEYS = ['rank', 'order', 'upFirst', 'upHead', 'upDurationMs', 'upLengthCm', 'upVia', 'downFirst', 'downTail', 'downDurationMs', 'downLengthCm', 'downVia'] as const;

function assertSameGraph(actual: RoadGraph, expected: RoadGraph): void {
  assert.equal(actual.profile, expected.profile);
  assert.equal(actual.numVertices, expected.numVertices);
  assert.equal(actual.numArcs, expected.numArcs);
  for (const key of GRAPH_KEYS) {
    assert.equal(actual[key].constructor, expected[key].constructor, key);
    assert.deepEqual(actual[key], expected[key], key);
  }
}

/** A graph with geometry, big way ids and several road classes. */
function osmGraph(): RoadGraph {
  const nodes = [
    { id: 1, lng: 7.42, lat: 43.73 },
    { id: 2, lng: 7.4205, lat: 43.7302 },
    { id: 3, lng: 7.421, lat: 43.73 },
    { id: 4, lng: 7.421, lat: 43.731 },
  ];
  const ways = [
    { id: 2 ** 40 + 1, refs: [1, 2, 3], tags: { highway: 'residential' } },
    { id: 2 ** 40 + 2, refs: [3, 4, 1], tags: { highway: 'primary', name: 'Avenue' } },
  ];
  return buildRoadGraphFromOsm({ nodes, ways }, { profile: 'scooter' }).graph;
}

/** A fake CH: arbitrary values, consistent lengths (the file does not interpret them). */
function fakeCh(n: number, up: number, down: number, seed = 1): ContractionHierarchy {
  const rng = mulberry32(seed);
  const u32 = (len: number): Uint32Array => Uint32Array.from({ length: len }, () => Math.floor(rng() * 2 ** 32));
  const i32 = (len: number): Int32Array => Int32Array.from({ length: len }, () => Math.floor(rng() * 2 ** 32) - 2 ** 31);
  const offsets = (count: number): Uint32Array => {
    const first = Uint32Array.from({ length: n + 1 }, () => Math.floor(rng() * (count + 1))).sort();
    first[0] = 0;
    first[n] = count;
    return first;
  };
  return {
    numVertices: n,
    rank: u32(n),
    order: u32(n),
    upFirst: offsets(up),
    upHead: u32(up),
    upDurationMs: u32(up),
    upLengthCm: u32(up),
    upVia: i32(up),
    downFirst: offsets(down),
    downTail: u32(down),
    downDurationMs: u32(down),
    downLengthCm: u32(down),
    downVia: i32(down),
  };
}

/** Matches a RoadGraphFileError with `code` and a message matching `pattern`. */
function fileError(code: string, pattern: RegExp) {
  return (err: unknown): boolean => {
    assert.ok(err instanceof RoadGraphFileError, `not a RoadGraphFileError: ${String(err)}`);
    assert.equal(err.code, code, err.message);
    assert.match(err.message, pattern);
    return true;
  };
}

/** Re-seals a modified file image with a correct checksum (to reach the checks after it). */
function reseal(bytes: Uint8Array): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  view.setUint32(24, 0, true);
  let crc = crc32(bytes.subarray(0, 24));
  crc = crc32(new Uint8Array(4), crc);
  crc = crc32(bytes.subarray(28), crc);
  view.setUint32(24, crc, true);
  return bytes;
}

describe('road graph file', () => {
  it('round-trips a graph with geometry and big way ids', () => {
    const graph = osmGraph();
    assert.ok(graph.geomLng.length > 0);
    const bytes = serializeRoadGraph(graph);
    assert.equal(new TextDecoder().decode(bytes.subarray(0, 8)), ROAD_GRAPH_FILE_MAGIC);
    const loaded = deserializeRoadGraph(bytes);
    assertSameGraph(loaded.graph, graph);
    assert.equal(loaded.ch, undefined);
    assert.equal(loaded.graph.wayId[0]! > 2 ** 40, true);
  });

  it('round-trips a graph together with a contraction hierarchy', () => {
    const graph = generateGridCity({ rows: 12, cols: 9, seed: 4 });
    const ch = fakeCh(graph.numVertices, 517, 233);
    const loaded = deserializeRoadGraph(serializeRoadGraph(graph, ch));
    assertSameGraph(loaded.graph, graph);
    assert.ok(loaded.ch);
    assert.equal(loaded.ch.numVertices, ch.numVertices);
    for (const key of CH_KEYS) {
      assert.equal(loaded.ch[key].constructor, ch[key].constructor, key);
      assert.deepEqual(loaded.ch[key], ch[key], key);
    }
  });

  it('round-trips a CH with no arcs and a graph with no arcs', () => {
    const graph = generateGridCity({ rows: 2, cols: 2 });
    const empty = fakeCh(graph.numVertices, 0, 0);
    assert.equal(deserializeRoadGraph(serializeRoadGraph(graph, empty)).ch!.upHead.length, 0);
    const lonely: RoadGraph = { ...graph, numVertices: 1, numArcs: 0, vertexLng: graph.vertexLng.slice(0, 1), vertexLat: graph.vertexLat.slice(0, 1), firstOut: new Uint32Array(2), head: new Uint32Array(0), durationMs: new Uint32Array(0), lengthCm: new Uint32Array(0), roadClass: new Uint8Array(0), wayId: new Float64Array(0), geomFirst: new Uint32Array(1) };
    assertSameGraph(deserializeRoadGraph(serializeRoadGraph(lonely)).graph, lonely);
  });

  it('returns views on the file bytes, 8-byte aligned, without copying', () => {
    const bytes = serializeRoadGraph(osmGraph(), fakeCh(osmGraph().numVertices, 5, 3));
    const { graph, ch } = deserializeRoadGraph(bytes);
    for (const key of GRAPH_KEYS) {
      assert.equal(graph[key].buffer, bytes.buffer, key);
      assert.equal(graph[key].byteOffset % 8, 0, key);
    }
    assert.equal(ch!.downVia.buffer, bytes.buffer);
  });

  it('copies once when the bytes are not 8-byte aligned', () => {
    const graph = osmGraph();
    const bytes = serializeRoadGraph(graph);
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    const loaded = deserializeRoadGraph(shifted.subarray(3));
    assertSameGraph(loaded.graph, graph);
    assert.notEqual(loaded.graph.head.buffer, shifted.buffer);
  });

  it('loads a Monaco-size graph in well under 50 ms', () => {
    const graph = generateGridCity({ rows: 50, cols: 50 });
    const bytes = serializeRoadGraph(graph, fakeCh(graph.numVertices, 6000, 6000));
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      deserializeRoadGraph(bytes);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    assert.ok(times[2]! < 50, `median ${times[2]} ms`);
  });

  describe('errors', () => {
    const good = serializeRoadGraph(osmGraph());

    it('rejects bytes without the magic', () => {
      assert.throws(() => deserializeRoadGraph(new TextEncoder().encode('PK\x03\x04 not a graph')), fileError('GEO_GRAPH_FILE_MAGIC', /not a road graph file: the first 8 bytes must be "O2ORGRF\\0", got \[50 4b 03 04 20 6e 6f 74\]/));
      assert.throws(() => deserializeRoadGraph(new Uint8Array(0)), fileError('GEO_GRAPH_FILE_MAGIC', /got \[\]/));
    });

    it('rejects another format version', () => {
      const bytes = good.slice();
      new DataView(bytes.buffer).setUint32(8, ROAD_GRAPH_FILE_VERSION + 1, true);
      assert.throws(() => deserializeRoadGraph(bytes), fileError('GEO_GRAPH_FILE_VERSION', /format version 2 is not supported \(this build reads version 1\)/));
    });

    it('rejects truncated files, naming the sizes', () => {
      assert.throws(() => deserializeRoadGraph(good.slice(0, good.length - 8)), fileError('GEO_GRAPH_FILE_TRUNCATED', new RegExp(`declares ${good.length} bytes but only ${good.length - 8} are present`)));
      assert.throws(() => deserializeRoadGraph(good.slice(0, 20)), fileError('GEO_GRAPH_FILE_TRUNCATED', /20 bytes, shorter than the 64-byte header/));
      for (let cut = 8; cut < good.length; cut += 5) assert.throws(() => deserializeRoadGraph(good.slice(0, cut)), RoadGraphFileError);
    });

    it('detects changed bytes by checksum', () => {
      const bytes = good.slice();
      bytes[bytes.length - 20] = bytes[bytes.length - 20]! ^ 1;
      assert.throws(() => deserializeRoadGraph(bytes), fileError('GEO_GRAPH_FILE_CHECKSUM', /checksum mismatch: stored 0x[0-9a-f]{8}, computed 0x[0-9a-f]{8}/));
      assert.doesNotThrow(() => deserializeRoadGraph(bytes, { verifyChecksum: false }));
    });

    it('rejects an inconsistent section table or graph even with a valid checksum', () => {
      const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);
      const wrongType = good.slice();
      view(wrongType).setUint32(64 + 4, 2, true); // vertexLng declared Uint32
      assert.throws(() => deserializeRoadGraph(reseal(wrongType)), fileError('GEO_GRAPH_FILE_CORRUPT', /section vertexLng has element type 2, expected 4 \(Float64Array\)/));
      const outside = good.slice();
      view(outside).setFloat64(64 + 24 * 3 + 8, good.length, true); // head starts at the end
      assert.throws(() => deserializeRoadGraph(reseal(outside)), fileError('GEO_GRAPH_FILE_CORRUPT', /section head is out of place/));
      const missing = good.slice();
      view(missing).setUint32(64 + 24 * 10, 99, true); // geomLat renamed to an unknown id
      assert.throws(() => deserializeRoadGraph(reseal(missing)), fileError('GEO_GRAPH_FILE_CORRUPT', /has no geomLat section/));
      const badHead = good.slice();
      const headOffset = view(badHead).getFloat64(64 + 24 * 3 + 8, true);
      view(badHead).setUint32(headOffset, 1000, true);
      assert.throws(() => deserializeRoadGraph(reseal(badHead)), fileError('GEO_GRAPH_FILE_CORRUPT', /holds an invalid graph: graph\.head\[0\] must be a vertex index < \d+, got 1000/));
    });

    it('rejects an inconsistent graph or CH on write', () => {
      const graph = osmGraph();
      assert.throws(() => serializeRoadGraph({ ...graph, head: graph.head.subarray(1) }), GeoInputError);
      const ch = fakeCh(graph.numVertices, 4, 4);
      assert.throws(() => serializeRoadGraph(graph, { ...ch, numVertices: 99 }), fileError('GEO_GRAPH_FILE_INPUT', /ch\.numVertices must equal graph\.numVertices \(\d+\), got 99/));
      assert.throws(() => serializeRoadGraph(graph, { ...ch, upVia: new Int32Array(3) }), fileError('GEO_GRAPH_FILE_INPUT', /ch\.upVia must have length 4, got 3/));
      assert.throws(() => serializeRoadGraph(graph, { ...ch, upVia: new Uint32Array(4) as unknown as Int32Array }), fileError('GEO_GRAPH_FILE_INPUT', /ch\.upVia must be an Int32Array, got Uint32Array/));
      const badFirst = { ...ch, downFirst: ch.downFirst.slice() };
      badFirst.downFirst[graph.numVertices] = 3;
      assert.throws(() => serializeRoadGraph(graph, badFirst), fileError('GEO_GRAPH_FILE_INPUT', /ch\.downFirst\[\d+\] must equal the number of downward arcs \(4\), got 3/));
    });
  });

  describe('files', () => {
    let dir = '';
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'o2o-graph-file-'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('saves and loads a graph with its CH', () => {
      const graph = generateGridCity({ rows: 8, cols: 8 });
      const ch = fakeCh(graph.numVertices, 40, 50, 9);
      const path = join(dir, 'city.o2ograph');
      saveRoadGraph(path, graph, ch);
      assert.deepEqual(new Uint8Array(readFileSync(path)), serializeRoadGraph(graph, ch));
      const loaded = loadRoadGraph(path);
      assertSameGraph(loaded.graph, graph);
      assert.deepEqual(loaded.ch!.upVia, ch.upVia);
    });

    it('names the path of a bad file and passes fs errors through', () => {
      const path = join(dir, 'bad.o2ograph');
      writeFileSync(path, 'hello');
      assert.throws(() => loadRoadGraph(path), (err: unknown) => err instanceof RoadGraphFileError && err.code === 'GEO_GRAPH_FILE_MAGIC' && err.message.startsWith(`${path}: not a road graph file`));
      assert.throws(() => loadRoadGraph(join(dir, 'missing.o2ograph')), /ENOENT/);
    });
  });
});
