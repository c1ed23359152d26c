/**
 * Granular neighbourhoods: for each stop, the k other stops most worth putting next to it, by
 * travel time plus a time-window gap penalty (PyVRP's `computeNeighbours`): going from i to j
 * costs the travel, plus `waitWeight` × the wait forced when even the latest service at i reaches
 * j before its window opens, plus `timeWarpWeight` × how late j would be even when i is served at
 * the earliest. The smaller of the two directions is used. Operators only try these pairs.
 */
import { nearestStopsBy } from '../neighbours.js';
import type { ProblemData } from '../problem-data.js';

export interface GranularNeighbourParams {
  /** Neighbours per stop. Default 20. */
  readonly numNeighbours: number;
  /** Weight of the forced wait. Default 0.2. */
  readonly waitWeight: number;
  /** Weight of the unavoidable lateness (time warp). Default 1. */
  readonly timeWarpWeight: number;
}

export const DEFAULT_GRANULAR_NEIGHBOURS: GranularNeighbourParams = { numNeighbours: 20, waitWeight: 0.2, timeWarpWeight: 1 };

export interface GranularNeighbours {
  /** Neighbours per stop (numNeighbours, capped at numStops − 1). */
  readonly k: number;
  /** Row-major numStops × k, nearest first. */
  readonly list: Int32Array;
}

export function buildGranularNeighbours(d: ProblemData, params: GranularNeighbourParams = DEFAULT_GRANULAR_NEIGHBOURS): GranularNeighbours {
  // Keep the k smallest, sorted; ties keep the lower index, so the result is deterministic.
  return nearestStopsBy(d.numStops, params.numNeighbours, (i, j) =>
    canShareVehicle(d, i, j) ? Math.min(proximity(d, i, j, params), proximity(d, j, i, params)) : Infinity,
  );
}

/** Cost of serving stop j right after stop i, as the neighbour ranking sees it. */
function proximity(d: ProblemData, i: number, j: number, params: GranularNeighbourParams): number {
  const travel = d.duration(d.stopLoc[i]!, d.stopLoc[j]!);
  const service = d.serviceSec[i]!;
  // Open windows are ±Infinity: the gaps then come out −Infinity (no penalty), never NaN.
  const wait = Math.max(0, d.twStart[j]! - service - travel - d.twEnd[i]!);
  const timeWarp = Math.max(0, d.twStart[i]! + service + travel - d.twEnd[j]!);
  return travel + params.waitWeight * wait + params.timeWarpWeight * timeWarp;
}

/** False when the two stops' requests are bound to different vehicles. */
function canShareVehicle(d: ProblemData, i: number, j: number): boolean {
  const bi = d.boundVehicle[d.requestOfStop[i]!]!;
  const bj = d.boundVehicle[d.requestOfStop[j]!]!;
  return bi < 0 || bj < 0 || bi === bj;
}
