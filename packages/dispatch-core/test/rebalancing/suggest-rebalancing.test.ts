import assert from 'node:assert/strict';
import {
  DispatchInputError,
  resolveDispatchConfig,
  suggestRebalancing,
  type RebalanceCell,
  type RebalanceInput,
  type RebalanceRider,
} from '@o2o/dispatch-core';
import { destination, type LngLat } from '@o2o/geo';

const O: LngLat = [10, 0];
/** A point `m` metres east of O. */
const east = (m: number): LngLat => destination(O[0], O[1], 90, m);
/** Hand-checkable numbers: 1000 m straight = 1000 m road, 200 s at 5 m/s, share 1 − 200/2000 = 0.9. */
const CONFIG = resolveDispatchConfig({ rebalancing: { detourFactor: 1, speedMps: 5, horizonSec: 2000 } });

const cell = (name: string, center: LngLat, demand: number, supply: number, radiusM?: number): RebalanceCell =>
  radiusM === undefined ? { cell: name, center, demand, supply } : { cell: name, center, demand, supply, radiusM };
const riders = (n: number, cellName: string | undefined, position: LngLat = O, prefix = 'r'): RebalanceRider[] =>
  Array.from({ length: n }, (_, i) => (cellName === undefined ? { id: `${prefix}${i + 1}`, position } : { id: `${prefix}${i + 1}`, position, cell: cellName }));

const close = (a: number, b: number): boolean => Math.abs(a - b) < 1e-9;

describe('suggestRebalancing', () => {
  it('moves surplus riders to a short cell until the next move would lose more than it gains', () => {
    // A: demand 1, 3 riders; B 1 km east: demand 3, none. Moves 1–2 lose nothing at A (3 → 2 → 1
    // riders still serve its 1 order) and gain 0.9 each at B; a third would lose 1 at A for 0.9.
    const input: RebalanceInput = { cells: [cell('A', O, 1, 3), cell('B', east(1000), 3, 0)], riders: riders(3, 'A') };
    const moves = suggestRebalancing(input, CONFIG);
    assert.deepEqual(
      moves.map((m) => [m.riderId, m.fromCell, m.toCell, m.distanceM, m.travelSec]),
      [
        ['r1', 'A', 'B', 1000, 200],
        ['r2', 'A', 'B', 1000, 200],
      ],
    );
    for (const m of moves) {
      assert.ok(close(m.servedGainOrders, 0.9) && m.lostOrders === 0 && close(m.gainOrders, 0.9), JSON.stringify(m));
    }
  });

  it('counts only the demand left in the target and the orders lost at the origin', () => {
    // B needs 0.5 orders: the first rider gains 0.5 and the second nothing.
    const moves = suggestRebalancing({ cells: [cell('A', O, 0.2, 2), cell('B', east(1000), 0.5, 0)], riders: riders(2, 'A') }, CONFIG);
    assert.equal(moves.length, 1);
    assert.ok(close(moves[0]!.servedGainOrders, 0.5));
    // A keeps 1 rider for 0.2 orders: nothing lost.
    assert.equal(moves[0]!.lostOrders, 0);
  });

  it('charges the orders an origin stops serving', () => {
    // A: demand 1.5, 2 riders → 1 rider serves only 1: losing 0.5 to gain 0.9 nets 0.4.
    const [move] = suggestRebalancing({ cells: [cell('A', O, 1.5, 2), cell('B', east(1000), 1, 0)], riders: riders(2, 'A') }, CONFIG);
    assert.ok(move && close(move.lostOrders, 0.5) && close(move.gainOrders, 0.4), JSON.stringify(move));
  });

  it('discounts a late arrival by the share of the horizon lost travelling', () => {
    const [move] = suggestRebalancing({ cells: [cell('A', O, 0, 1), cell('B', east(2500), 5, 0)], riders: riders(1, 'A') }, CONFIG);
    assert.equal(move?.travelSec, 500);
    assert.ok(close(move.servedGainOrders, 0.75));
  });

  it('moves a rider at most once, to the better of two short cells', () => {
    const input = { cells: [cell('A', O, 0, 1), cell('B', east(1000), 1, 0), cell('C', east(2000), 1, 0)], riders: riders(1, 'A') };
    const moves = suggestRebalancing(input, CONFIG);
    assert.deepEqual(moves.map((m) => [m.riderId, m.toCell]), [['r1', 'B']]);
  });

  it('does not refill a cell that sent riders in the same call (no swap chains)', () => {
    // A sends both riders to B (the second loses A's 0.5 order for 0.9 at B); W's rider could
    // then make up A's 0.5 but A is not refilled; W is 3.5 km from B, beyond maxRepositionM.
    const cells = [cell('A', O, 0.5, 2), cell('B', east(1000), 5, 0), cell('W', east(-2500), 0, 1)];
    const moves = suggestRebalancing({ cells, riders: [...riders(2, 'A'), ...riders(1, 'W', east(-2500), 'w')] }, CONFIG);
    assert.deepEqual(moves.map((m) => [m.riderId, m.toCell]), [['r1', 'B'], ['r2', 'B']]);
    assert.ok(close(moves[1]!.gainOrders, 0.4));
  });

  it('suggests nothing when supply meets demand everywhere', () => {
    const input = { cells: [cell('A', O, 2, 2), cell('B', east(1000), 1, 1), cell('C', east(2000), 0, 0)], riders: [...riders(2, 'A'), ...riders(1, 'B', east(1000), 'b')] };
    assert.deepEqual(suggestRebalancing(input, CONFIG), []);
  });

  it('never takes a rider from a cell that is itself short', () => {
    const input = { cells: [cell('A', O, 3, 1), cell('B', east(1000), 3, 0)], riders: riders(1, 'A') };
    assert.deepEqual(suggestRebalancing(input, CONFIG), []);
  });

  it('respects the longest reposition in metres (straight line × detour) and in seconds', () => {
    const input = { cells: [cell('A', O, 0, 1), cell('B', east(2400), 1, 0)], riders: riders(1, 'A') };
    assert.equal(suggestRebalancing(input, CONFIG).length, 1);
    const detoured = resolveDispatchConfig({ rebalancing: { detourFactor: 1.3, speedMps: 5, horizonSec: 2000 } }); // 3120 m > 3000
    assert.deepEqual(suggestRebalancing(input, detoured), []);
    const quick = resolveDispatchConfig({ rebalancing: { detourFactor: 1, speedMps: 5, horizonSec: 2000, maxRepositionSec: 479 } }); // 480 s
    assert.deepEqual(suggestRebalancing(input, quick), []);
  });

  it('uses the travel mode speed of a rider when given', () => {
    const input = { cells: [cell('A', O, 0, 1), cell('B', east(1000), 1, 0)], riders: [{ id: 'w', position: O, cell: 'A', mode: 'walk' as const }] };
    assert.equal(suggestRebalancing(input, CONFIG)[0]?.travelSec, Math.ceil(1000 / 1.3));
  });

  it('skips moves gaining less than minGainOrders and stops at maxMoves', () => {
    const tiny = { cells: [cell('A', O, 0, 1), cell('B', east(1000), 0.05, 0)], riders: riders(1, 'A') };
    assert.deepEqual(suggestRebalancing(tiny, CONFIG), []);
    const many = { cells: [cell('A', O, 0, 3), cell('B', east(1000), 3, 0)], riders: riders(3, 'A') };
    assert.equal(suggestRebalancing(many, CONFIG).length, 3);
    const capped = resolveDispatchConfig({ rebalancing: { detourFactor: 1, speedMps: 5, horizonSec: 2000, maxMoves: 1 } });
    assert.equal(suggestRebalancing(many, capped).length, 1);
  });

  it('raises a cell supply to the idle riders standing in it', () => {
    // A says supply 0 but holds 2 idle riders and no demand: both can leave for free.
    const moves = suggestRebalancing({ cells: [cell('A', O, 0, 0), cell('B', east(1000), 2, 0)], riders: riders(2, 'A') }, CONFIG);
    assert.deepEqual(moves.map((m) => m.lostOrders), [0, 0]);
  });

  it('places a rider without a cell in the cell of nearest centre within its radius, else in none', () => {
    const cells = [cell('A', O, 1, 1, 500), cell('B', east(1000), 1, 0, 500)];
    // In A (100 m from its centre), A's only rider for A's 1 order: moving loses 1 → no move.
    assert.deepEqual(suggestRebalancing({ cells, riders: [{ id: 'x', position: east(100) }] }, CONFIG), []);
    // 800 m west of A, outside its 500 m radius: in no cell, so leaving loses nothing.
    const west = destination(O[0], O[1], 270, 800);
    const [move] = suggestRebalancing({ cells, riders: [{ id: 'x', position: west }] }, CONFIG);
    assert.deepEqual([move?.fromCell, move?.toCell, move?.distanceM, move?.lostOrders], [null, 'B', 1800, 0]);
  });

  it('treats a rider whose cell is not in the input as in no cell', () => {
    const [move] = suggestRebalancing({ cells: [cell('B', east(1000), 1, 0)], riders: [{ id: 'x', position: O, cell: 'elsewhere' }] }, CONFIG);
    assert.deepEqual([move?.fromCell, move?.lostOrders], [null, 0]);
  });

  it('is deterministic and independent of the input order', () => {
    const cells = [cell('A', O, 0, 2), cell('B', east(1000), 1, 0), cell('C', east(-1000), 1, 0), cell('D', east(1500), 2, 1)];
    const rs = [...riders(2, 'A'), ...riders(1, 'D', east(1500), 'd')];
    const expected = suggestRebalancing({ cells, riders: rs }, CONFIG);
    assert.ok(expected.length >= 2);
    const reversed = suggestRebalancing({ cells: [...cells].reverse(), riders: [...rs].reverse() }, CONFIG);
    assert.deepEqual(reversed, expected);
  });

  it('returns nothing for no riders or no cells', () => {
    assert.deepEqual(suggestRebalancing({ cells: [], riders: riders(2, undefined) }, CONFIG), []);
    assert.deepEqual(suggestRebalancing({ cells: [cell('B', O, 3, 0)], riders: [] }, CONFIG), []);
  });

  const bad: [name: string, input: unknown, message: string][] = [
    ['a negative demand', { cells: [cell('A', O, -1, 0)], riders: [] }, 'rebalance.cells[0].demand must be a finite number ≥ 0, got -1'],
    ['a duplicate cell', { cells: [cell('A', O, 1, 0), cell('A', O, 1, 0)], riders: [] }, 'rebalance.cells[1].cell must be unique among the cells, got "A"'],
    ['a bad radius', { cells: [cell('A', O, 1, 0, 0)], riders: [] }, 'rebalance.cells[0].radiusM must be a number > 0 when given, got 0'],
    ['a duplicate rider', { cells: [], riders: [...riders(1, 'A'), ...riders(1, 'A')] }, 'rebalance.riders[1].id must be unique among the riders, got "r1"'],
    ['a bad mode', { cells: [], riders: [{ id: 'x', position: O, mode: 'horse' }] }, 'rebalance.riders[0].mode must be a travel mode (walk, bike, escooter, car) when given, got "horse"'],
    ['missing riders', { cells: [] }, 'rebalance.riders must be an array, got undefined'],
  ];
  for (const [name, input, message] of bad) {
    it(`rejects ${name}`, () => {
      assert.throws(
        () => suggestRebalancing(input as RebalanceInput, CONFIG),
        (e: unknown) => e instanceof DispatchInputError && e.message === message,
      );
    });
  }

  it('names a bad position with its coordinate', () => {
    assert.throws(
      () => suggestRebalancing({ cells: [], riders: [{ id: 'x', position: [200, 0] }] }, CONFIG),
      (e: unknown) => e instanceof DispatchInputError && e.code === 'INVALID_COORDINATE' && e.field.startsWith('rebalance.riders[0].position'),
    );
  });
});
