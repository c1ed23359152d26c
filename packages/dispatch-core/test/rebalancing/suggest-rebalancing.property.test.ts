import assert from 'node:assert/strict';
import {
  expectedServedOrders,
  resolveDispatchConfig,
  suggestRebalancing,
  type DispatchConfig,
  type RebalanceInput,
  type RebalanceRider,
  type RebalanceSuggestion,
} from '@o2o/dispatch-core';
import { DEFAULT_SPEED_MPS, destination, haversineDistanceM, mulberry32, randomInt, type Rng } from '@o2o/geo';

const O = [2.35, 48.85] as const;
const MODES = [undefined, 'walk', 'bike', 'escooter', 'car'] as const;

/** Random cells within 3 km of O; riders standing in cells (at most their supply) or in no cell. */
function randomInstance(rng: Rng): RebalanceInput {
  const numCells = randomInt(rng, 2, 8);
  const cells = Array.from({ length: numCells }, (_, i) => ({
    cell: `c${i}`,
    center: destination(O[0], O[1], rng() * 360, rng() * 3000),
    demand: rng() < 0.3 ? 0 : rng() * 4,
    supply: randomInt(rng, 0, 4),
  }));
  const riders: RebalanceRider[] = [];
  for (const c of cells) {
    const n = randomInt(rng, 0, c.supply);
    for (let k = 0; k < n; k++) {
      const mode = MODES[randomInt(rng, 0, MODES.length - 1)];
      const position = destination(c.center[0], c.center[1], rng() * 360, rng() * 100);
      riders.push({ id: `r${riders.length}`, position, cell: c.cell, ...(mode === undefined ? {} : { mode }) });
    }
  }
  if (rng() < 0.5) riders.push({ id: `r${riders.length}`, position: destination(O[0], O[1], rng() * 360, 1000), cell: 'outside' });
  return { cells, riders };
}

/** Replays the moves on the documented model, checking each rule and that each move is the best left. */
function checkMoves(input: RebalanceInput, moves: readonly RebalanceSuggestion[], config: DispatchConfig): void {
  const rb = config.rebalancing;
  const C = rb.ordersPerRider;
  const idx = new Map(input.cells.map((c, i) => [c.cell, i]));
  const ridersIn = input.cells.map((c) => input.riders.filter((r) => r.cell === c.cell).length);
  const before = input.cells.map((c, i) => Math.max(c.supply, ridersIn[i]!));
  const supply = [...before];
  const movedIn = input.cells.map(() => 0);
  const movedOut = input.cells.map(() => 0);
  const moved = new Set<string>();
  const demand = input.cells.map((c) => c.demand);
  const served = (s: readonly number[]): number => s.reduce((sum, x, i) => sum + expectedServedOrders(demand[i]!, x, C), 0);
  const servedBefore = served(before);
  let totalGain = 0;

  /** The best net gain over every move still allowed (unmoved rider, target that sent nobody). */
  const bestAvailableGain = (): { gain: number; what: string } => {
    let best = { gain: -Infinity, what: 'none' };
    for (const rider of input.riders) {
      if (moved.has(rider.id)) continue;
      const i = idx.get(rider.cell!) ?? -1;
      const lost = i < 0 ? 0 : expectedServedOrders(demand[i]!, supply[i]!, C) - expectedServedOrders(demand[i]!, supply[i]! - 1, C);
      input.cells.forEach((c, j) => {
        if (j === i || movedOut[j]! > 0) return; // a cell that sent riders is not refilled
        const distanceM = Math.round(haversineDistanceM(rider.position[0], rider.position[1], c.center[0], c.center[1]) * rb.detourFactor);
        const travelSec = Math.ceil(distanceM / (rider.mode === undefined ? rb.speedMps : DEFAULT_SPEED_MPS[rider.mode]));
        const share = 1 - travelSec / rb.horizonSec;
        if (distanceM > rb.maxRepositionM || travelSec > rb.maxRepositionSec || share <= 0) return;
        const gain = expectedServedOrders(demand[j]!, supply[j]! + share, C) - expectedServedOrders(demand[j]!, supply[j]!, C) - lost;
        if (gain > best.gain) best = { gain, what: `${rider.id} → ${c.cell}` };
      });
    }
    return best;
  };

  for (const m of moves) {
    const best = bestAvailableGain();
    assert.ok(m.gainOrders >= best.gain - 1e-9, `took ${m.riderId} → ${m.toCell} (${m.gainOrders}) over ${best.what} (${best.gain})`);
    assert.ok(!moved.has(m.riderId), `rider ${m.riderId} moved twice`);
    moved.add(m.riderId);
    const rider = input.riders.find((r) => r.id === m.riderId)!;
    const i = idx.get(rider.cell!) ?? -1;
    const j = idx.get(m.toCell)!;
    assert.equal(m.fromCell, i < 0 ? null : rider.cell);
    assert.notEqual(i, j);
    const center = input.cells[j]!.center;
    const distanceM = Math.round(haversineDistanceM(rider.position[0], rider.position[1], center[0], center[1]) * rb.detourFactor);
    const travelSec = Math.ceil(distanceM / (rider.mode === undefined ? rb.speedMps : DEFAULT_SPEED_MPS[rider.mode]));
    assert.deepEqual([m.distanceM, m.travelSec], [distanceM, travelSec]);
    assert.ok(distanceM <= rb.maxRepositionM && travelSec <= rb.maxRepositionSec);
    const share = 1 - travelSec / rb.horizonSec;
    assert.ok(C * supply[j]! < demand[j]!, `${m.toCell} receives a rider but is not short`);
    assert.equal(movedOut[j], 0, `${m.toCell} is refilled after sending`);
    const gain = expectedServedOrders(demand[j]!, supply[j]! + share, C) - expectedServedOrders(demand[j]!, supply[j]!, C);
    const lost = i < 0 ? 0 : expectedServedOrders(demand[i]!, supply[i]!, C) - expectedServedOrders(demand[i]!, supply[i]! - 1, C);
    assert.ok(Math.abs(m.servedGainOrders - gain) < 1e-9 && Math.abs(m.lostOrders - lost) < 1e-9);
    assert.ok(Math.abs(m.gainOrders - (gain - lost)) < 1e-9 && m.gainOrders >= rb.minGainOrders);
    totalGain += m.gainOrders;
    if (i >= 0) {
      supply[i]!--;
      movedOut[i]!++;
    }
    supply[j]! += share;
    movedIn[j]!++;
  }

  input.cells.forEach((c, k) => {
    const countAfter = before[k]! - movedOut[k]! + movedIn[k]!;
    assert.ok(countAfter <= before[k]! + movedIn[k]!, `${c.cell}: supply after exceeds what was there plus moved in`);
    assert.ok(movedIn[k] === 0 || movedOut[k] === 0, `${c.cell} both sends and receives`);
    assert.ok(supply[k]! >= 0);
  });
  assert.ok(Math.abs(served(supply) - servedBefore - totalGain) < 1e-9, 'gains add up to the change in served orders');

  // Greedy stops only when no move is left worth minGainOrders (or at maxMoves).
  if (moves.length < rb.maxMoves) {
    const best = bestAvailableGain();
    assert.ok(best.gain < rb.minGainOrders, `left out: ${best.what} gains ${best.gain}`);
  }
}

describe('suggestRebalancing (property)', () => {
  const configs = [
    resolveDispatchConfig(),
    resolveDispatchConfig({ rebalancing: { ordersPerRider: 2.5, maxRepositionM: 5000, maxRepositionSec: 1500, minGainOrders: 0.01 } }),
    resolveDispatchConfig({ rebalancing: { maxMoves: 2, horizonSec: 600 } }),
  ];

  configs.forEach((config, k) => {
    it(`keeps every rule on 300 random cities (config ${k})`, () => {
      const rng = mulberry32(100 + k);
      let numMoves = 0;
      for (let n = 0; n < 300; n++) {
        const input = randomInstance(rng);
        const moves = suggestRebalancing(input, config);
        checkMoves(input, moves, config);
        numMoves += moves.length;
      }
      assert.ok(numMoves > 50, `only ${numMoves} moves: the instances are too easy to test anything`);
    });
  });
});
