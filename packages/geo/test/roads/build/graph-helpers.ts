/** Helpers for reading small road graphs in tests: arcs named by OSM node ids. */
import type { OsmNodeInput, RoadGraph } from '@o2o/geo';

/** Maps each vertex of `graph` to the id of the input node at the same position. */
export function vertexNodeIds(graph: RoadGraph, nodes: readonly OsmNodeInput[]): number[] {
  const byPosition = new Map(nodes.map((n) => [`${n.lng},${n.lat}`, n.id]));
  return Array.from({ length: graph.numVertices }, (_, v) => {
    const id = byPosition.get(`${graph.vertexLng[v]},${graph.vertexLat[v]}`);
    if (id === undefined) throw new Error(`vertex ${v} matches no input node`);
    return id;
  });
}

/** One arc of a graph, with its ends as OSM node ids. */
export interface NamedArc {
  readonly arc: number;
  readonly from: number;
  readonly to: number;
  readonly durationMs: number;
  readonly lengthCm: number;
  readonly roadClass: number;
  readonly wayId: number;
  /** Shape points as `[lng, lat]`. */
  readonly geometry: Array<[number, number]>;
}

/** Every arc of `graph`, ends named by node id. */
export function namedArcs(graph: RoadGraph, nodes: readonly OsmNodeInput[]): NamedArc[] {
  const ids = vertexNodeIds(graph, nodes);
  const out: NamedArc[] = [];
  for (let v = 0; v < graph.numVertices; v++) {
    for (let a = graph.firstOut[v]!; a < graph.firstOut[v + 1]!; a++) {
      const geometry: Array<[number, number]> = [];
      for (let p = graph.geomFirst[a]!; p < graph.geomFirst[a + 1]!; p++) geometry.push([graph.geomLng[p]!, graph.geomLat[p]!]);
      out.push({
        arc: a,
        from: ids[v]!,
        to: ids[graph.head[a]!]!,
        durationMs: graph.durationMs[a]!,
        lengthCm: graph.lengthCm[a]!,
        roadClass: graph.roadClass[a]!,
        wayId: graph.wayId[a]!,
        geometry,
      });
    }
  }
  return out;
}

/** The arcs as sorted `"from>to"` strings. */
export function arcKeys(graph: RoadGraph, nodes: readonly OsmNodeInput[]): string[] {
  return namedArcs(graph, nodes)
    .map((a) => `${a.from}>${a.to}`)
    .sort();
}

/** The arc `from → to`, or undefined. */
export function findArc(graph: RoadGraph, nodes: readonly OsmNodeInput[], from: number, to: number): NamedArc | undefined {
  return namedArcs(graph, nodes).find((a) => a.from === from && a.to === to);
}

/** A row of nodes `firstId, firstId+1, …` eastwards from (lng0, lat0), `stepDeg` apart. */
export function nodeRow(firstId: number, count: number, lng0: number, lat0: number, stepDeg = 0.001): OsmNodeInput[] {
  return Array.from({ length: count }, (_, i) => ({ id: firstId + i, lng: round7(lng0 + i * stepDeg), lat: lat0 }));
}

/** Rounds to 7 decimals (the PBF resolution), so PBF round trips are exact. */
export function round7(x: number): number {
  return Math.round(x * 1e7) / 1e7;
}
