/**
 * End to end on a small OSM city the test writes itself as .osm.pbf: import every profile, build
 * the contraction hierarchy, and check CH against Dijkstra on every pair tried (the acceptance
 * "mismatches = 0"), matrices against one-to-all, the saved file, and the road provider.
 */
import assert from 'node:assert/strict';
import {
  ChQuery,
  DijkstraSearch,
  ROAD_PROFILE_NAMES,
  RoadNetworkProvider,
  buildContractionHierarchy,
  chMatrix,
  deserializeRoadGraph,
  importOsmPbf,
  mulberry32,
  roadClassCode,
  serializeRoadGraph,
  type RoadGraph,
} from '@o2o/geo';
import { writeOsmPbf, type PbfNodeSpec, type PbfWaySpec } from './fixtures/write-osm-pbf.js';

/**
 * A 12 × 12 block city near Porto: streets every row and column with two shape nodes between
 * junctions (so degree-2 chains get compressed), a mix of classes and one-way streets, a
 * motorway (cars only), a cycleway and footways (bikes and walkers), and an access=private lane.
 */
function writeCity(): Uint8Array {
  const rand = mulberry32(42);
  const side = 12;
  const step = 0.0018;
  const nodes: PbfNodeSpec[] = [];
  const junction = (r: number, c: number): number => 1_000_000 + r * side + c;
  for (let r = 0; r < side; r++) {
    for (let c = 0; c < side; c++) nodes.push({ id: junction(r, c), lng: -8.63 + c * step, lat: 41.14 + r * step });
  }
  let nextNode = 5_000_000_000; // ids above 2^32, as in real planet files
  let nextWay = 1;
  const ways: PbfWaySpec[] = [];
  const street = (a: number, b: number, tags: Record<string, string>): void => {
    const na = nodes.find((n) => n.id === a)!;
    const nb = nodes.find((n) => n.id === b)!;
    const mids: number[] = [];
    for (let k = 1; k <= 2; k++) {
      const id = nextNode++;
      const t = k / 3;
      nodes.push({ id, lng: na.lng + (nb.lng - na.lng) * t + (rand() - 0.5) * 0.0002, lat: na.lat + (nb.lat - na.lat) * t + (rand() - 0.5) * 0.0002 });
      mids.push(id);
    }
    ways.push({ id: nextWay++, refs: [a, ...mids, b], tags });
  };
  const classFor = (i: number): string => (i % 6 === 0 ? 'primary' : i % 3 === 0 ? 'secondary' : i % 2 === 0 ? 'residential' : 'tertiary');
  for (let r = 0; r < side; r++) {
    for (let c = 0; c + 1 < side; c++) {
      const tags: Record<string, string> = { highway: classFor(r) };
      if (r === 5) tags.highway = 'motorway';
      else if (r === 7 && c % 2 === 0) tags.highway = 'cycleway';
      else if (rand() < 0.25 && tags.highway === 'residential') tags.oneway = rand() < 0.5 ? 'yes' : '-1';
      if (r === 9 && c === 4) tags.access = 'private';
      street(junction(r, c), junction(r, c + 1), tags);
    }
  }
  for (let c = 0; c < side; c++) {
    for (let r = 0; r + 1 < side; r++) {
      const tags: Record<string, string> = { highway: classFor(c) };
      if (c === 3 && r % 3 === 1) tags.highway = 'footway';
      else if (c === 8) tags.maxspeed = '30';
      else if (rand() < 0.2 && tags.highway === 'residential') {
        tags.oneway = 'yes';
        if (rand() < 0.5) tags['oneway:bicycle'] = 'no';
      }
      street(junction(r, c), junction(r + 1, c), tags);
    }
  }
  return writeOsmPbf({ nodes, ways, blockSize: 200 });
}

function randomPairs(graph: RoadGraph, seed: number, count: number): Uint32Array {
  const rand = mulberry32(seed);
  return Uint32Array.from({ length: 2 * count }, () => Math.floor(rand() * graph.numVertices));
}

describe('roads: a written .osm.pbf city, end to end', () => {
  const bytes = writeCity();

  for (const profile of ROAD_PROFILE_NAMES) {
    it(`${profile}: CH equals Dijkstra on every one of 3,000 pairs, matrices on every cell`, () => {
      const { graph, stats } = importOsmPbf(bytes, { profile });
      assert.ok(graph.numVertices > 50, `${profile}: ${graph.numVertices} vertices`);
      assert.ok(stats.verticesBeforeScc < stats.nodesReferenced, 'degree-2 chains were compressed');
      const ch = buildContractionHierarchy(graph);
      const query = new ChQuery(ch);
      const dijkstra = new DijkstraSearch(graph);
      const pairs = randomPairs(graph, 7, 3000);
      let mismatches = 0;
      for (let k = 0; k < pairs.length; k += 2) {
        if (query.queryVertex(pairs[k]!, pairs[k + 1]!) !== dijkstra.oneToOne(pairs[k]!, pairs[k + 1]!)) mismatches++;
      }
      assert.equal(mismatches, 0);
      const vertices = Array.from({ length: 60 }, (_, i) => (i * 7919) % graph.numVertices);
      const table = chMatrix(ch, vertices, vertices);
      for (let i = 0; i < vertices.length; i++) {
        dijkstra.run([vertices[i]!]);
        for (let j = 0; j < vertices.length; j++) assert.equal(table.durationMs[i * vertices.length + j], dijkstra.costTo(vertices[j]!));
      }
    });
  }

  it('profiles differ as the tags say: the motorway is car-only, footways walk/bike-only', () => {
    const car = importOsmPbf(bytes, { profile: 'car' }).graph;
    const walk = importOsmPbf(bytes, { profile: 'walk' }).graph;
    const bike = importOsmPbf(bytes, { profile: 'bike' }).graph;
    const scooter = importOsmPbf(bytes, { profile: 'scooter' }).graph;
    const classes = (g: RoadGraph): Set<number> => new Set(g.roadClass);
    const motorway = roadClassCode('motorway');
    const footway = roadClassCode('footway');
    assert.ok(classes(car).has(motorway), 'car uses the motorway');
    assert.ok(!classes(scooter).has(motorway) && !classes(bike).has(motorway) && !classes(walk).has(motorway));
    assert.ok(!classes(car).has(footway), 'no footways for cars');
    assert.ok(classes(walk).has(footway), 'walkers use footways');
  });

  it('the saved file loads to the same graph and hierarchy, answering the same queries', () => {
    const { graph } = importOsmPbf(bytes, { profile: 'car' });
    const ch = buildContractionHierarchy(graph);
    const loaded = deserializeRoadGraph(serializeRoadGraph(graph, ch));
    assert.ok(loaded.ch);
    assert.deepEqual([...loaded.graph.head], [...graph.head]);
    assert.deepEqual([...loaded.graph.durationMs], [...graph.durationMs]);
    const a = new ChQuery(ch);
    const b = new ChQuery(loaded.ch);
    const pairs = randomPairs(graph, 3, 500);
    for (let k = 0; k < pairs.length; k += 2) assert.equal(b.queryVertex(pairs[k]!, pairs[k + 1]!), a.queryVertex(pairs[k]!, pairs[k + 1]!));
  });

  it('the road provider answers on it, slower for walkers than for cars', () => {
    const from = [-8.6295, 41.1405] as const;
    const to = [-8.6125, 41.1575] as const;
    const departAt = Date.UTC(2024, 0, 10, 12) / 1000;
    const times = Object.fromEntries(
      (['car', 'walk'] as const).map((profile) => {
        const provider = new RoadNetworkProvider({ graph: importOsmPbf(bytes, { profile }).graph });
        return [profile, provider.durationSync(from, to, departAt).durationSec];
      }),
    );
    assert.ok(times.car! > 0 && times.walk! > 3 * times.car!, JSON.stringify(times));
  });
});
