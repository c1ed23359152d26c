/**
 * Plain road searches on a generated grid city (no OSM file needed): the queue race the design
 * asks for (Dijkstra on flatqueue vs fastpriorityqueue, same pairs, same run), A* and
 * bidirectional Dijkstra. The OSM-city figures come from `o2o-bench roads`.
 */
import { AStarSearch, BidirectionalSearch, DijkstraSearch, generateGridCity, mulberry32 } from '@o2o/geo';
import type { BenchFigures, BenchOptions } from './bench-util.js';

/** Queries per second over the same pairs (each pair once per round, best of `rounds`). */
function qps(query: (s: number, t: number) => number, pairs: Uint32Array, rounds: number): number {
  let best = 0;
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < pairs.length; i += 2) query(pairs[i]!, pairs[i + 1]!);
    const sec = Number(process.hrtime.bigint() - t0) / 1e9;
    best = Math.max(best, pairs.length / 2 / sec);
  }
  return best;
}

export function run(opts: BenchOptions): BenchFigures {
  const side = opts.smoke ? 12 : 45;
  const graph = generateGridCity({ rows: side, cols: side, oneWayShare: 0.3, seed: 1 });
  const rand = mulberry32(2);
  const numPairs = opts.smoke ? 100 : 4000;
  const pairs = Uint32Array.from({ length: 2 * numPairs }, () => Math.floor(rand() * graph.numVertices));
  const flat = new DijkstraSearch(graph, { queue: 'flatqueue' });
  const fast = new DijkstraSearch(graph, { queue: 'fastpriorityqueue' });
  const astar = new AStarSearch(graph);
  const bidir = new BidirectionalSearch(graph);
  const rounds = opts.smoke ? 1 : 3;
  // Interleave the two queues' rounds so drift on a shared machine hits both alike.
  let flatQps = 0;
  let fastQps = 0;
  for (let r = 0; r < rounds; r++) {
    flatQps = Math.max(flatQps, qps((s, t) => flat.oneToOne(s, t), pairs, 1));
    fastQps = Math.max(fastQps, qps((s, t) => fast.oneToOne(s, t), pairs, 1));
  }
  const figures: BenchFigures = {
    graph: `grid ${graph.numVertices} V / ${graph.numArcs} arcs`,
    dijkstraFlatqueueQps: Math.round(flatQps),
    dijkstraFastpriorityqueueQps: Math.round(fastQps),
    flatqueueOverFastpriorityqueue: Number((flatQps / fastQps).toFixed(2)),
    astarQps: Math.round(qps((s, t) => astar.oneToOne(s, t), pairs, rounds)),
    bidirectionalQps: Math.round(qps((s, t) => bidir.oneToOne(s, t), pairs, rounds)),
  };
  for (const [k, v] of Object.entries(figures)) console.log(`  ${k}: ${v}`);
  return figures;
}
