/**
 * The straight-line lower bound of A* on a road graph: distance ÷ the graph's top speed, shrunk
 * by a margin covering the equirectangular approximation and per-arc rounding, so it never
 * exceeds the true remaining time.
 */
import type { RoadGraph } from '../road-graph.js';

/** Safety factor applied to the straight-line bound. */
export const LOWER_BOUND_MARGIN = 0.99;

const RAD = Math.PI / 180;
/** Metres per radian on the mean Earth sphere (R = 6,371,008.8 m). */
const M_PER_RAD = 6_371_008.8;

/** Per-graph constants of the straight-line bound. */
export class StraightLineBound {
  /** cos(latitude) of every vertex. */
  readonly cosLat: Float64Array;
  /** Milliseconds per radian of straight-line distance at the graph's top speed, with the margin. */
  readonly msPerRad: number;

  constructor(readonly graph: RoadGraph) {
    this.cosLat = new Float64Array(graph.numVertices);
    for (let v = 0; v < graph.numVertices; v++) this.cosLat[v] = Math.cos(graph.vertexLat[v]! * RAD);
    let maxCmPerMs = 0;
    for (let a = 0; a < graph.numArcs; a++) {
      // Rounding of either value moves a short arc's speed; +0.5 cm / −0.5 ms keeps it an upper bound.
      const cmPerMs = (graph.lengthCm[a]! + 0.5) / Math.max(0.5, graph.durationMs[a]! - 0.5);
      if (cmPerMs > maxCmPerMs) maxCmPerMs = cmPerMs;
    }
    this.msPerRad = maxCmPerMs > 0 ? (LOWER_BOUND_MARGIN * M_PER_RAD * 100) / maxCmPerMs : 0;
  }

  /** Lower bound (integer ms) of the travel time from vertex `u` to vertex `t`. */
  boundMs(u: number, t: number): number {
    const g = this.graph;
    let dLng = g.vertexLng[t]! - g.vertexLng[u]!;
    if (dLng > 180) dLng -= 360;
    else if (dLng < -180) dLng += 360;
    const x = dLng * 0.5 * (this.cosLat[u]! + this.cosLat[t]!);
    const y = g.vertexLat[t]! - g.vertexLat[u]!;
    return Math.floor(Math.sqrt(x * x + y * y) * RAD * this.msPerRad);
  }
}
