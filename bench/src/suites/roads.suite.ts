/**
 * The road-network bench behind `o2o-bench roads`: OSM import, CH build, save/load, the four
 * point-to-point searches on the same random pairs (CH checked against Dijkstra on every pair),
 * CH matrices against repeated one-to-all Dijkstra, and time-dependent queries (TD A* with CH
 * lower bounds against plain TD Dijkstra). Only public `@o2o/geo` entry points.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import v8 from 'node:v8';
import {
  AStarSearch,
  BidirectionalSearch,
  ChQuery,
  DijkstraSearch,
  RoadTrafficModel,
  TdAStar,
  TdDijkstra,
  buildContractionHierarchy,
  chAllToOne,
  chBucketMatrix,
  chMatrix,
  chPhastMatrix,
  deserializeRoadGraph,
  importOsmPbf,
  loadRoadGraph,
  mulberry32,
  saveRoadGraph,
  serializeRoadGraph,
  type ContractionHierarchy,
  type RoadGraph,
  type RoadProfileName,
} from '@o2o/geo';
import { median } from '../report/median.js';

export interface RoadsBenchOptions {
  readonly bytes: Uint8Array;
  readonly profile: RoadProfileName;
  readonly pairs: number;
  readonly seed: number;
  /** Matrix sizes to time (default 100 and 1000). */
  readonly matrixSizes: readonly number[];
  /** Pairs of the time-dependent section. */
  readonly tdPairs: number;
  readonly log: (line: string) => void;
}

export interface MatrixFigures {
  oneToAllMs: number;
  /** The default CH matrix (`chMatrix`). */
  chMs: number;
  /** The two CH methods forced, for the record. */
  chPhastMs: number;
  chBucketMs: number;
  ratio: number;
  mismatches: number;
}

let gcFn: (() => void) | undefined;
/** A full GC (exposed at run time), so memory figures are retained bytes, not garbage. */
function collect(): void {
  if (!gcFn) {
    v8.setFlagsFromString('--expose-gc');
    gcFn = vm.runInNewContext('gc') as () => void;
  }
  gcFn();
  gcFn();
}

function heldBytes(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

function typedBytes(obj: object): number {
  let bytes = 0;
  for (const v of Object.values(obj)) if (ArrayBuffer.isView(v)) bytes += v.byteLength;
  return bytes;
}

function nowMs(): number {
  return performance.now();
}

/** Queries per second over all pairs, best of `rounds` (the machine is shared and noisy). */
function rate(pairs: Uint32Array, rounds: number, query: (s: number, t: number, i: number) => void): number {
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t0 = nowMs();
    for (let i = 0, k = 0; k < pairs.length; i++, k += 2) query(pairs[k]!, pairs[k + 1]!, i);
    best = Math.min(best, nowMs() - t0);
  }
  return Math.round((pairs.length / 2) * (1000 / best));
}

function randomVertices(rand: () => number, n: number, count: number): number[] {
  if (count <= n) {
    // Distinct vertices (partial Fisher–Yates).
    const all = Array.from({ length: n }, (_, i) => i);
    for (let i = 0; i < count; i++) {
      const j = i + Math.floor(rand() * (n - i));
      [all[i], all[j]] = [all[j]!, all[i]!];
    }
    return all.slice(0, count);
  }
  return Array.from({ length: count }, () => Math.floor(rand() * n));
}

function matrixFigures(graph: RoadGraph, ch: ContractionHierarchy, vertices: number[], rounds: number): MatrixFigures {
  const n = vertices.length;
  const dijkstra = new DijkstraSearch(graph);
  const ref = new Float64Array(n * n);
  const oneToAll: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = nowMs();
    for (let i = 0; i < n; i++) {
      dijkstra.run([vertices[i]!]);
      for (let j = 0; j < n; j++) ref[i * n + j] = dijkstra.costTo(vertices[j]!);
    }
    oneToAll.push(nowMs() - t0);
  }
  const into = { durationMs: new Float64Array(n * n), lengthCm: new Float64Array(n * n) };
  for (let w = 0; w < 3; w++) chMatrix(ch, vertices, vertices, { into }); // warm-up (JIT) outside the timing
  const chTimes: number[] = [];
  for (let r = 0; r < 9; r++) {
    const t0 = nowMs();
    chMatrix(ch, vertices, vertices, { into });
    chTimes.push(nowMs() - t0);
  }
  let mismatches = 0;
  for (let k = 0; k < n * n; k++) if (into.durationMs[k] !== ref[k]) mismatches++;
  const timed = (fn: () => void): number => {
    for (let w = 0; w < 3; w++) fn();
    const times: number[] = [];
    for (let r = 0; r < 9; r++) {
      const t0 = nowMs();
      fn();
      times.push(nowMs() - t0);
    }
    return median(times);
  };
  const chPhastMs = timed(() => chPhastMatrix(ch, vertices, vertices, { into }));
  for (let k = 0; k < n * n; k++) if (into.durationMs[k] !== ref[k]) mismatches++;
  const chBucketMs = timed(() => chBucketMatrix(ch, vertices, vertices, { into }));
  for (let k = 0; k < n * n; k++) if (into.durationMs[k] !== ref[k]) mismatches++;
  const oneToAllMs = median(oneToAll);
  const chMs = median(chTimes);
  return { oneToAllMs: round2(oneToAllMs), chMs: round2(chMs), chPhastMs: round2(chPhastMs), chBucketMs: round2(chBucketMs), ratio: round2(oneToAllMs / chMs), mismatches };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Runs the whole bench and returns one JSON-ready report. */
export function runRoadsBench(o: RoadsBenchOptions): Record<string, unknown> {
  const log = o.log;
  collect();
  const held0 = heldBytes();
  const t0 = nowMs();
  const { graph, stats } = importOsmPbf(o.bytes, { profile: o.profile });
  const importMs = nowMs() - t0;
  log(`import: ${graph.numVertices} vertices, ${graph.numArcs} arcs in ${importMs.toFixed(0)} ms`);
  const t1 = nowMs();
  const ch = buildContractionHierarchy(graph);
  const chBuildMs = nowMs() - t1;
  const shortcuts = ch.upFirst[graph.numVertices]! + ch.downFirst[graph.numVertices]! - graph.numArcs;
  log(`CH: ${chBuildMs.toFixed(0)} ms, ${shortcuts} shortcuts`);
  const chQuery = new ChQuery(ch);
  chQuery.queryVertex(0, graph.numVertices - 1); // builds the query layout (counted in memory)
  collect();
  const memoryBytes = heldBytes() - held0;
  const arrayBytes = typedBytes(graph) + typedBytes(ch);

  // Save / load.
  const bytes = serializeRoadGraph(graph, ch);
  const dir = mkdtempSync(join(tmpdir(), 'o2o-roads-'));
  let loadMs: number;
  let deserializeMs: number;
  try {
    const file = join(dir, `graph.${o.profile}.o2orgrf`);
    saveRoadGraph(file, graph, ch);
    const loads: number[] = [];
    for (let r = 0; r < 5; r++) {
      const l0 = nowMs();
      const loaded = loadRoadGraph(file);
      loads.push(nowMs() - l0);
      if (loaded.graph.numArcs !== graph.numArcs || loaded.ch === undefined) throw new Error('loaded graph differs');
    }
    loadMs = median(loads);
    const des: number[] = [];
    for (let r = 0; r < 5; r++) {
      const d0 = nowMs();
      deserializeRoadGraph(bytes);
      des.push(nowMs() - d0);
    }
    deserializeMs = median(des);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  log(`file: ${(bytes.length / 1e6).toFixed(2)} MB, load ${loadMs.toFixed(2)} ms (deserialize ${deserializeMs.toFixed(2)} ms)`);

  // Point-to-point on the same pairs.
  const rand = mulberry32(o.seed);
  const n = graph.numVertices;
  const pairs = Uint32Array.from({ length: 2 * o.pairs }, () => Math.floor(rand() * n));
  const dijkstra = new DijkstraSearch(graph, { queue: 'flatqueue' });
  const dijkstraFpq = new DijkstraSearch(graph, { queue: 'fastpriorityqueue' });
  const astar = new AStarSearch(graph);
  const bidir = new BidirectionalSearch(graph);
  const ref = new Float64Array(o.pairs);
  const got = { astar: new Float64Array(o.pairs), bidirectional: new Float64Array(o.pairs), ch: new Float64Array(o.pairs), fpq: new Float64Array(o.pairs) };
  let settled = 0;
  const qps = {
    dijkstra: rate(pairs, 2, (s, t, i) => {
      ref[i] = dijkstra.oneToOne(s, t);
      settled += dijkstra.settledCount;
    }),
    dijkstraFastPriorityQueue: rate(pairs, 2, (s, t, i) => (got.fpq[i] = dijkstraFpq.oneToOne(s, t))),
    astar: rate(pairs, 2, (s, t, i) => (got.astar[i] = astar.oneToOne(s, t))),
    bidirectional: rate(pairs, 2, (s, t, i) => (got.bidirectional[i] = bidir.oneToOne(s, t))),
    ch: rate(pairs, 5, (s, t, i) => (got.ch[i] = chQuery.queryVertex(s, t))),
  };
  const count = (a: Float64Array): number => a.reduce((m, x, i) => m + (x === ref[i] ? 0 : 1), 0);
  const mismatches = count(got.ch);
  log(`queries/s: ${JSON.stringify(qps)}; CH mismatches ${mismatches}`);

  const matrices: Record<string, MatrixFigures> = {};
  const mrand = mulberry32(o.seed + 1);
  for (const size of o.matrixSizes) {
    matrices[`matrix${size}`] = matrixFigures(graph, ch, randomVertices(mrand, n, size), size >= 1000 ? 3 : 5);
    log(`matrix ${size}x${size}: ${JSON.stringify(matrices[`matrix${size}`])}`);
  }

  // Time-dependent: exact answers for a departure instant.
  const traffic = new RoadTrafficModel(graph, { utcOffsetMin: 0 });
  const td = new TdDijkstra(traffic);
  const tdAstar = new TdAStar(traffic);
  const trand = mulberry32(o.seed + 2);
  const tdPairs = pairs.subarray(0, 2 * Math.min(o.tdPairs, o.pairs));
  // Weekday departures between 06:00 and 20:00 UTC (2024-01-08 is a Monday).
  const departMs = Float64Array.from({ length: tdPairs.length / 2 }, () => Date.UTC(2024, 0, 8 + Math.floor(trand() * 5), 6) + Math.floor(trand() * 14 * 3600) * 1000);
  const tdRef = new Float64Array(departMs.length);
  const tdGot = new Float64Array(departMs.length);
  const bounds = new Float64Array(n);
  const tdQps = {
    tdDijkstra: rate(tdPairs, 1, (s, t, i) => (tdRef[i] = td.oneToOne(departMs[i]!, s, t))),
    tdAstarChBounds: rate(tdPairs, 1, (s, t, i) => (tdGot[i] = tdAstar.oneToOne(departMs[i]!, s, t, chAllToOne(ch, t, bounds)))),
  };
  let tdMismatches = 0;
  for (let i = 0; i < tdRef.length; i++) if (tdRef[i] !== tdGot[i]) tdMismatches++;
  log(`time-dependent queries/s: ${JSON.stringify(tdQps)}; mismatches ${tdMismatches}`);

  return {
    profile: o.profile,
    vertices: graph.numVertices,
    arcs: graph.numArcs,
    shortcuts,
    importMs: Math.round(importMs),
    importStats: { nodesRead: stats.nodesRead, waysKept: stats.waysKept, verticesBeforeScc: stats.verticesBeforeScc, sccCount: stats.sccCount },
    chBuildMs: Math.round(chBuildMs),
    importPlusChMs: Math.round(importMs + chBuildMs),
    memoryMb: round2(memoryBytes / 2 ** 20),
    typedArraysMb: round2(arrayBytes / 2 ** 20),
    diskMb: round2(bytes.length / 2 ** 20),
    loadMs: round2(loadMs),
    deserializeMs: round2(deserializeMs),
    pairs: o.pairs,
    qps,
    chOverDijkstra: round2(qps.ch / qps.dijkstra),
    flatqueueOverFastPriorityQueue: round2(qps.dijkstra / qps.dijkstraFastPriorityQueue),
    dijkstraSettledMean: Math.round(settled / (2 * o.pairs)),
    mismatches,
    mismatchesAstar: count(got.astar),
    mismatchesBidirectional: count(got.bidirectional),
    mismatchesFastPriorityQueue: count(got.fpq),
    ...matrices,
    timeDependent: { pairs: tdRef.length, qps: tdQps, ratio: round2(tdQps.tdAstarChBounds / tdQps.tdDijkstra), mismatches: tdMismatches },
  };
}
