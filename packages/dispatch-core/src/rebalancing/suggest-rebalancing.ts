/**
 * `suggestRebalancing`: moves of idle riders from over-supplied to under-supplied cells, chosen
 * greedily by expected extra orders served (the fluid model of {@link expectedServedOrders}).
 */
import { DEFAULT_SPEED_MPS, EARTH_RADIUS_M, haversineDistanceM } from '@o2o/geo';
import { DEFAULT_DISPATCH_CONFIG, type DispatchConfig } from '../config/dispatch-config.js';
import type { RebalancingConfig } from '../config/rebalancing-config.js';
import type { DispatchInputError } from '../errors.js';
import { marginalServedOrders } from './expected-served-orders.js';
import { MoveHeap } from './move-heap.js';
import { checkRebalanceInput, type RebalanceInput, type RebalanceSuggestion } from './rebalance-input.js';

/** Metres per degree of latitude on geo's sphere. */
const M_PER_DEG_LAT = (EARTH_RADIUS_M * Math.PI) / 180;

/** A possible move: rider `r` to cell `j`. */
interface Candidate {
  readonly r: number;
  readonly j: number;
  readonly distanceM: number;
  readonly travelSec: number;
  /** Share of the horizon the rider serves the target: `1 − travelSec / horizonSec`. */
  readonly share: number;
  /** Net gain when last computed (an upper bound of the current one). */
  gain: number;
}

/**
 * Suggests moves of idle riders, best first. With `C = ordersPerRider`, `D` a cell's demand and
 * `S` its supply (raised to the number of idle riders in it), a cell serves `min(D, C·S)` orders
 * over the horizon. Moving rider r from cell i to cell j, arriving after `travelSec`:
 *
 *   servedGainOrders = min(D_j, C·(S_j + share)) − min(D_j, C·S_j),  share = 1 − travelSec / horizonSec
 *   lostOrders       = min(D_i, C·S_i) − min(D_i, C·(S_i − 1))        (0 for a rider in no cell)
 *   gainOrders       = servedGainOrders − lostOrders
 *
 * Greedy: repeatedly take the move of largest `gainOrders` (ties: shorter `travelSec`, then rider
 * id, then cell), apply it (`S_i −= 1`, `S_j += share`) and recompute, until no move gains
 * `minGainOrders` or `maxMoves` are made. A move must stay within `maxRepositionM` (straight line
 * × `detourFactor`) and `maxRepositionSec`. Each rider moves at most once. Only cells short at the
 * start (`C·S < D`) receive riders, and only riders in no cell or in a cell with spare capacity at
 * the start (`C·S > D`) move, so a cell that sends is never refilled in the same call. A cell whose capacity meets its demand
 * (`C·S ≥ D`) never receives a rider, so there is no move when supply meets demand everywhere.
 * Deterministic: the result depends only on the input, not its order.
 *
 * @throws {@link DispatchInputError} naming every bad field under `field` (see `checkRebalanceInput`).
 */
export function suggestRebalancing(
  input: RebalanceInput,
  config: DispatchConfig = DEFAULT_DISPATCH_CONFIG,
  field = 'rebalance',
): RebalanceSuggestion[] {
  checkRebalanceInput(input, field);
  const rb = config.rebalancing;
  const { riders, cells } = input;
  const C = rb.ordersPerRider;
  const demand = cells.map((c) => c.demand);
  const supply = cells.map((c) => c.supply);
  const idxOfCell = new Map(cells.map((c, i) => [c.cell, i]));
  const origin = riders.map((r) => (r.cell === undefined ? nearestCellOf(r, input) : (idxOfCell.get(r.cell) ?? -1)));
  const ridersIn = new Array<number>(cells.length).fill(0);
  for (const i of origin) if (i >= 0) ridersIn[i]!++;
  cells.forEach((_, i) => (supply[i] = Math.max(supply[i]!, ridersIn[i]!)));

  const lostIfLeaves = (i: number): number =>
    i < 0 ? 0 : Math.min(demand[i]!, C * supply[i]!) - Math.min(demand[i]!, C * (supply[i]! - 1));
  const gainOf = (m: Candidate): number => marginalServedOrders(demand[m.j]!, supply[m.j]!, m.share, C) - lostIfLeaves(origin[m.r]!);
  // Lazy greedy: a move's gain never rises (the target fills up, the origin empties, and served
  // orders are concave in supply), so a stored gain bounds the current one. Pop the first move;
  // if its gain is unchanged it is the best of all, else re-queue it with its current gain.
  const heap = new MoveHeap<Candidate>((a, b) => a.gain > b.gain || (a.gain === b.gain && isBetterTie(a, b, input)));
  for (const m of candidateMoves(input, origin, demand, supply, rb)) {
    m.gain = gainOf(m);
    if (m.gain >= rb.minGainOrders) heap.push(m);
  }
  const moved = new Array<boolean>(riders.length).fill(false);
  const out: RebalanceSuggestion[] = [];
  while (out.length < rb.maxMoves) {
    const best = heap.pop();
    if (best === undefined) break;
    if (moved[best.r]) continue;
    const gain = gainOf(best);
    if (!(gain >= rb.minGainOrders)) continue; // gains never rise: drop it for good
    if (gain !== best.gain) {
      best.gain = gain;
      heap.push(best);
      continue;
    }
    const i = origin[best.r]!;
    const servedGainOrders = marginalServedOrders(demand[best.j]!, supply[best.j]!, best.share, C);
    const lostOrders = lostIfLeaves(i);
    out.push(
      Object.freeze({
        riderId: riders[best.r]!.id,
        fromCell: i < 0 ? null : cells[i]!.cell,
        toCell: cells[best.j]!.cell,
        distanceM: best.distanceM,
        travelSec: best.travelSec,
        servedGainOrders,
        lostOrders,
        gainOrders: servedGainOrders - lostOrders,
      }),
    );
    moved[best.r] = true;
    if (i >= 0) supply[i]!--;
    supply[best.j]! += best.share;
  }
  return out;
}

/** Ties: shorter travel, then smaller rider id, then smaller cell key. */
function isBetterTie(a: Candidate, b: Candidate, input: RebalanceInput): boolean {
  if (a.travelSec !== b.travelSec) return a.travelSec < b.travelSec;
  const ra = input.riders[a.r]!.id;
  const rb = input.riders[b.r]!.id;
  if (ra !== rb) return ra < rb;
  return input.cells[a.j]!.cell < input.cells[b.j]!.cell;
}

/** Index of the cell of nearest centre, if within its `radiusM`; −1 for none (see `RebalanceRider.cell`). */
function nearestCellOf(rider: RebalanceInput['riders'][number], input: RebalanceInput): number {
  let bestIdx = -1;
  let bestM = Infinity;
  input.cells.forEach((c, i) => {
    const m = haversineDistanceM(rider.position[0], rider.position[1], c.center[0], c.center[1]);
    if (m < bestM || (m === bestM && c.cell < input.cells[bestIdx]!.cell)) {
      bestM = m;
      bestIdx = i;
    }
  });
  return bestIdx >= 0 && bestM <= (input.cells[bestIdx]!.radiusM ?? Infinity) ? bestIdx : -1;
}

/**
 * Every move within the reposition limits that could gain: into a cell short of capacity
 * (`C·S < D`; supply falls only in cells that send, and those had spare capacity), by a rider
 * whose departure does not already cost a full rider's worth (a rider of a cell at or below
 * capacity loses `C` and gains at most `C·share ≤ C`, and supply only falls there).
 */
function candidateMoves(input: RebalanceInput, origin: readonly number[], demand: readonly number[], supply: readonly number[], rb: RebalancingConfig): Candidate[] {
  const C = rb.ordersPerRider;
  const targets = input.cells.flatMap((_, j) => (C * supply[j]! < demand[j]! ? [j] : []));
  const out: Candidate[] = [];
  input.riders.forEach((rider, r) => {
    const i = origin[r]!;
    if (i >= 0 && C * supply[i]! <= demand[i]!) return;
    const speedMps = rider.mode === undefined ? rb.speedMps : DEFAULT_SPEED_MPS[rider.mode];
    for (const j of targets) {
      if (j === i) continue;
      const center = input.cells[j]!.center;
      // A latitude gap alone is a lower bound of the great-circle distance: skip far cells cheaply.
      if (Math.abs(center[1] - rider.position[1]) * M_PER_DEG_LAT * rb.detourFactor > rb.maxRepositionM + 1) continue;
      const distanceM = Math.round(haversineDistanceM(rider.position[0], rider.position[1], center[0], center[1]) * rb.detourFactor);
      if (distanceM > rb.maxRepositionM) continue;
      const travelSec = Math.ceil(distanceM / speedMps);
      const share = 1 - travelSec / rb.horizonSec;
      if (travelSec > rb.maxRepositionSec || share <= 0) continue;
      out.push({ r, j, distanceM, travelSec, share, gain: 0 });
    }
  });
  return out;
}
