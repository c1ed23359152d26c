/**
 * Builds a {@link RoadGraph} from routed ways:
 * 1. ways are cut at nodes with unknown coordinates (missing from the input or outside the bbox)
 *    and repeated consecutive refs are dropped; pieces with < 2 nodes vanish;
 * 2. a node is a vertex when it ends a piece or is used ≥ 2 times (by two ways, or twice by one);
 * 3. the chain between two consecutive vertices of a piece becomes one edge: length = summed
 *    haversine, shape points kept; each edge gives an arc per allowed direction, weight
 *    `durationMs = max(1, round(lengthM / speed × 1000))`, `lengthCm = round(lengthM × 100)`;
 * 4. self-loops are dropped and parallel arcs deduplicated to the smallest `durationMs` (then
 *    `lengthCm`);
 * 5. only the largest strongly connected component is kept (iterative Tarjan), vertices
 *    re-indexed densely in node order, arcs in CSR order (by tail, then head).
 */
import { haversineDistanceM } from '../../distance.js';
import { OsmImportError } from '../osm/osm-import-error.js';
import type { RoadGraph } from '../road-graph.js';
import type { RoutedWays } from './routed-ways.js';
import { stronglyConnectedComponents } from './strongly-connected-components.js';

const MAX_U32 = 0xffffffff;

/** What {@link buildRoadGraphFromWays} did. */
export interface RoadGraphBuildStats {
  /** Vertices after degree-2 compression, before the SCC cut. */
  readonly verticesBeforeScc: number;
  /** Arcs after dropping self-loops and parallel arcs, before the SCC cut. */
  readonly arcsBeforeScc: number;
  readonly selfLoopsDropped: number;
  readonly parallelArcsDropped: number;
  /** Number of strongly connected components before the cut. */
  readonly sccCount: number;
  /** Vertices and arcs of the result (the largest SCC). */
  readonly numVertices: number;
  readonly numArcs: number;
  /** Shape points stored in the result. */
  readonly numGeomPoints: number;
  readonly buildMs: number;
}

/** Builds the road graph of `ways` (see the module comment). Throws `GEO_EMPTY_ROAD_GRAPH` when no way has two known nodes. */
export function buildRoadGraphFromWays(ways: RoutedWays, profileName: string): { graph: RoadGraph; stats: RoadGraphBuildStats } {
  const t0 = performance.now();
  const { nodeLng, nodeLat, refFirst, refNode, numWays } = ways;
  const numNodes = nodeLng.length;

  // 1. Clean pieces: runs of known nodes without immediate repeats, ≥ 2 nodes each.
  const pieceNode = new Uint32Array(refNode.length);
  const pieceFirstList: number[] = [0];
  const pieceWayList: number[] = [];
  let k = 0;
  for (let w = 0; w < numWays; w++) {
    let start = k;
    for (let r = refFirst[w]!; r < refFirst[w + 1]!; r++) {
      const node = refNode[r]!;
      if (node >= numNodes || Number.isNaN(nodeLng[node]!)) {
        if (k - start >= 2) {
          pieceFirstList.push(k);
          pieceWayList.push(w);
        } else {
          k = start;
        }
        start = k;
        continue;
      }
      if (k > start && pieceNode[k - 1] === node) continue;
      pieceNode[k++] = node;
    }
    if (k - start >= 2) {
      pieceFirstList.push(k);
      pieceWayList.push(w);
    } else {
      k = start;
    }
  }
  const numPieces = pieceWayList.length;
  const pieceFirst = Uint32Array.from(pieceFirstList);

  // 2. Vertices: piece ends and nodes used twice or more.
  const use = new Uint8Array(numNodes);
  for (let p = 0; p < numPieces; p++) {
    const a = pieceFirst[p]!;
    const b = pieceFirst[p + 1]!;
    use[pieceNode[a]!] = 2;
    use[pieceNode[b - 1]!] = 2;
    for (let i = a + 1; i < b - 1; i++) {
      const node = pieceNode[i]!;
      if (use[node]! < 2) use[node]!++;
    }
  }
  // An interior node seen once so far but also an end of another piece was set to 2 above; an
  // interior node used by two pieces reached 2 by counting. Everything at 2 is a vertex.
  const vertexOf = new Int32Array(numNodes).fill(-1);
  let numVertices0 = 0;
  for (let node = 0; node < numNodes; node++) if (use[node] === 2) vertexOf[node] = numVertices0++;
  if (numVertices0 === 0) {
    const why =
      numWays === 0
        ? 'no way passes its filters'
        : `none of the ${numWays} ways it routes has two nodes with known coordinates (nodes missing from the input or outside the bbox)`;
    throw new OsmImportError('GEO_EMPTY_ROAD_GRAPH', 'ways', `contain no road routable by profile "${profileName}": ${why}`);
  }

  // 3. Edges between consecutive vertices of each piece: [edgeFrom, edgeTo] index pieceNode.
  let numEdges = 0;
  for (let i = 0; i < k; i++) if (use[pieceNode[i]!] === 2) numEdges++;
  numEdges -= numPieces;
  const edgeFrom = new Uint32Array(numEdges);
  const edgeTo = new Uint32Array(numEdges);
  const edgeWay = new Uint32Array(numEdges);
  const edgeLengthM = new Float64Array(numEdges);
  let e = 0;
  for (let p = 0; p < numPieces; p++) {
    const a = pieceFirst[p]!;
    const b = pieceFirst[p + 1]!;
    let from = a;
    let lengthM = 0;
    let prev = pieceNode[a]!;
    for (let i = a + 1; i < b; i++) {
      const node = pieceNode[i]!;
      lengthM += haversineDistanceM(nodeLng[prev]!, nodeLat[prev]!, nodeLng[node]!, nodeLat[node]!);
      prev = node;
      if (use[node] === 2) {
        edgeFrom[e] = from;
        edgeTo[e] = i;
        edgeWay[e] = pieceWayList[p]!;
        edgeLengthM[e] = lengthM;
        e++;
        from = i;
        lengthM = 0;
      }
    }
  }

  // 4. Arcs, one per allowed direction; self-loops dropped.
  const maxArcs = 2 * numEdges;
  const arcTail = new Uint32Array(maxArcs);
  const arcHead = new Uint32Array(maxArcs);
  const arcEdge = new Uint32Array(maxArcs);
  const arcReversed = new Uint8Array(maxArcs);
  const arcDurationMs = new Uint32Array(maxArcs);
  const arcLengthCm = new Uint32Array(maxArcs);
  let numArcs0 = 0;
  let selfLoopsDropped = 0;
  for (e = 0; e < numEdges; e++) {
    const u = vertexOf[pieceNode[edgeFrom[e]!]!]!;
    const v = vertexOf[pieceNode[edgeTo[e]!]!]!;
    const w = edgeWay[e]!;
    const oneway = ways.wayOneway[w]!;
    const arcsOfEdge = oneway === 0 ? 2 : 1;
    if (u === v) {
      selfLoopsDropped += arcsOfEdge;
      continue;
    }
    const lengthM = edgeLengthM[e]!;
    // Clamped to the Uint32 range (≈ 49 days, 42,950 km) so absurd inputs cannot wrap around.
    const durationMs = Math.min(MAX_U32, Math.max(1, Math.round((lengthM * 3600) / ways.waySpeedKmh[w]!)));
    const lengthCm = Math.min(MAX_U32, Math.round(lengthM * 100));
    for (let dir = 0; dir < 2; dir++) {
      if (dir === 0 ? oneway < 0 : oneway > 0) continue;
      arcTail[numArcs0] = dir === 0 ? u : v;
      arcHead[numArcs0] = dir === 0 ? v : u;
      arcEdge[numArcs0] = e;
      arcReversed[numArcs0] = dir;
      arcDurationMs[numArcs0] = durationMs;
      arcLengthCm[numArcs0] = lengthCm;
      numArcs0++;
    }
  }

  // 5. Sort by (tail, head, durationMs, lengthCm): counting sort on tail, insertion sort inside.
  const firstOut0 = new Uint32Array(numVertices0 + 1);
  for (let a = 0; a < numArcs0; a++) firstOut0[arcTail[a]! + 1]!++;
  for (let v = 0; v < numVertices0; v++) firstOut0[v + 1]! += firstOut0[v]!;
  const fill = firstOut0.slice(0, numVertices0);
  const order = new Uint32Array(numArcs0);
  for (let a = 0; a < numArcs0; a++) order[fill[arcTail[a]!]!++] = a;
  const before = (x: number, y: number): boolean =>
    arcHead[x]! !== arcHead[y]!
      ? arcHead[x]! < arcHead[y]!
      : arcDurationMs[x]! !== arcDurationMs[y]!
        ? arcDurationMs[x]! < arcDurationMs[y]!
        : arcLengthCm[x]! !== arcLengthCm[y]!
          ? arcLengthCm[x]! < arcLengthCm[y]!
          : x < y;
  for (let v = 0; v < numVertices0; v++) {
    const lo = firstOut0[v]!;
    const hi = firstOut0[v + 1]!;
    for (let i = lo + 1; i < hi; i++) {
      const x = order[i]!;
      let j = i - 1;
      while (j >= lo && before(x, order[j]!)) {
        order[j + 1] = order[j]!;
        j--;
      }
      order[j + 1] = x;
    }
  }
  // Dedupe (tail, head): keep the first (fastest) of each run; rebuild the offsets.
  const kept = new Uint32Array(numArcs0);
  const head0 = new Uint32Array(numArcs0);
  const firstOut1 = new Uint32Array(numVertices0 + 1);
  let numArcs1 = 0;
  for (let v = 0; v < numVertices0; v++) {
    let lastHead = -1;
    for (let i = firstOut0[v]!; i < firstOut0[v + 1]!; i++) {
      const a = order[i]!;
      if (arcHead[a] === lastHead) continue;
      lastHead = arcHead[a]!;
      kept[numArcs1] = a;
      head0[numArcs1] = lastHead;
      numArcs1++;
    }
    firstOut1[v + 1] = numArcs1;
  }
  const parallelArcsDropped = numArcs0 - numArcs1;

  // 6. Largest strongly connected component, re-indexed in vertex (= node) order.
  const scc = stronglyConnectedComponents(numVertices0, firstOut1, head0);
  let best = 0;
  for (let c = 1; c < scc.count; c++) if (scc.size[c]! > scc.size[best]!) best = c;
  const newIndex = new Int32Array(numVertices0).fill(-1);
  let n = 0;
  for (let v = 0; v < numVertices0; v++) if (scc.component[v] === best) newIndex[v] = n++;
  const vertexLng = new Float64Array(n);
  const vertexLat = new Float64Array(n);
  for (let node = 0; node < numNodes; node++) {
    const v = vertexOf[node]!;
    if (v >= 0 && newIndex[v]! >= 0) {
      vertexLng[newIndex[v]!] = nodeLng[node]!;
      vertexLat[newIndex[v]!] = nodeLat[node]!;
    }
  }
  let m = 0;
  let g = 0;
  for (let v = 0; v < numVertices0; v++) {
    if (newIndex[v]! < 0) continue;
    for (let i = firstOut1[v]!; i < firstOut1[v + 1]!; i++) {
      if (newIndex[head0[i]!]! < 0) continue;
      const edge = arcEdge[kept[i]!]!;
      m++;
      g += edgeTo[edge]! - edgeFrom[edge]! - 1;
    }
  }
  const firstOut = new Uint32Array(n + 1);
  const head = new Uint32Array(m);
  const durationMs = new Uint32Array(m);
  const lengthCm = new Uint32Array(m);
  const roadClass = new Uint8Array(m);
  const wayId = new Float64Array(m);
  const geomFirst = new Uint32Array(m + 1);
  const geomLng = new Float64Array(g);
  const geomLat = new Float64Array(g);
  let arc = 0;
  let point = 0;
  for (let v = 0; v < numVertices0; v++) {
    const nv = newIndex[v]!;
    if (nv < 0) continue;
    for (let i = firstOut1[v]!; i < firstOut1[v + 1]!; i++) {
      const nh = newIndex[head0[i]!]!;
      if (nh < 0) continue;
      const a = kept[i]!;
      const edge = arcEdge[a]!;
      const w = edgeWay[edge]!;
      head[arc] = nh;
      durationMs[arc] = arcDurationMs[a]!;
      lengthCm[arc] = arcLengthCm[a]!;
      roadClass[arc] = ways.wayClass[w]!;
      wayId[arc] = ways.wayId[w]!;
      const from = edgeFrom[edge]!;
      const to = edgeTo[edge]!;
      if (arcReversed[a]) {
        for (let j = to - 1; j > from; j--) {
          const node = pieceNode[j]!;
          geomLng[point] = nodeLng[node]!;
          geomLat[point] = nodeLat[node]!;
          point++;
        }
      } else {
        for (let j = from + 1; j < to; j++) {
          const node = pieceNode[j]!;
          geomLng[point] = nodeLng[node]!;
          geomLat[point] = nodeLat[node]!;
          point++;
        }
      }
      arc++;
      geomFirst[arc] = point;
    }
    firstOut[nv + 1] = arc;
  }

  const graph: RoadGraph = {
    profile: profileName,
    numVertices: n,
    numArcs: m,
    vertexLng,
    vertexLat,
    firstOut,
    head,
    durationMs,
    lengthCm,
    roadClass,
    wayId,
    geomFirst,
    geomLng,
    geomLat,
  };
  return {
    graph,
    stats: {
      verticesBeforeScc: numVertices0,
      arcsBeforeScc: numArcs1,
      selfLoopsDropped,
      parallelArcsDropped,
      sccCount: scc.count,
      numVertices: n,
      numArcs: m,
      numGeomPoints: g,
      buildMs: performance.now() - t0,
    },
  };
}
