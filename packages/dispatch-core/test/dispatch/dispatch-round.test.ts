import assert from 'node:assert/strict';
import {
  DEFAULT_ROUND_TRAVEL,
  DispatchInputError,
  EpochPool,
  buildDispatchRound,
  partitionByH3,
  planEpoch,
  roundAssignments,
  toEpochProblem,
  type DispatchRound,
  type DispatchRoundInput,
  type RoundOrder,
  type RoundRider,
  type RoundStore,
} from '@o2o/dispatch-core';
import { H3Regions, destination, haversineDistanceM, mulberry32, type LngLat } from '@o2o/geo';
import { assertInputError } from '../helpers/assert-input-error.js';

const T0 = 1_764_000_000;
const CENTRE: LngLat = [-74.07, 4.65];

/** The point `distanceM` metres from `from` towards `bearing` degrees. */
function at(from: LngLat, bearing: number, distanceM: number): LngLat {
  return destination(from[0], from[1], bearing, distanceM);
}

function order(id: string, storeId: string, dropOff: LngLat, readyAt = T0): RoundOrder {
  return { id, storeId, dropOff, placedAt: T0 - 600, readyAt, promisedBy: T0 + 1800 };
}

function rider(id: string, position: LngLat, extra: Partial<RoundRider> = {}): RoundRider {
  return { id, position, freeAt: T0, offAt: T0 + 4 * 3600, ordersSoFar: 0, ...extra };
}

/** `tiny-round`: stores North (at the centre) and East (2 km east), two orders each, three riders. */
function tinyRound(): DispatchRoundInput {
  const north: RoundStore = { id: 'north', location: CENTRE };
  const east: RoundStore = { id: 'east', location: at(CENTRE, 90, 2000) };
  return {
    now: T0,
    stores: [north, east],
    orders: [
      order('o-n1', 'north', at(CENTRE, 0, 1500)),
      order('o-e1', 'east', at(east.location, 180, 1200)),
      order('o-n2', 'north', at(CENTRE, 10, 1600)),
      order('o-e2', 'east', at(east.location, 90, 900)),
    ],
    riders: [rider('r-near-north', at(CENTRE, 270, 300)), rider('r-near-east', at(east.location, 0, 250)), rider('r-far', at(CENTRE, 200, 6000))],
  };
}

/** Every assignment in ids agrees with the round's problem: same rider, same orders, same times. */
function assertMapsBack(round: DispatchRound, input: DispatchRoundInput, plan: { assignments: readonly import('@o2o/dispatch-core').EpochAssignment[] }): void {
  const mapped = roundAssignments(round, plan);
  assert.equal(mapped.length, plan.assignments.length);
  const storeIdx = new Map((input.stores as readonly RoundStore[]).map((s, i) => [s.id, i]));
  const byId = new Map(input.orders.map((o) => [o.id, o]));
  plan.assignments.forEach((a, i) => {
    const m = mapped[i]!;
    assert.equal(m.riderId, round.riderIds[a.rider]);
    assert.deepEqual(m.orderIds, a.orders.map((ref) => round.orderIds[ref]));
    assert.deepEqual([m.departAt, m.pickupAt, m.dropoffAt], [a.departAt, a.pickupAt, [...a.dropoffAt]]);
    a.orders.forEach((ref, q) => {
      const o = byId.get(m.orderIds[q]!)!;
      // The engine's order with this ref is the order of this id: same store, same times.
      const eo = round.problem.orders[ref]!;
      assert.equal(eo.ref, ref);
      assert.equal(eo.storeKey, storeIdx.get(o.storeId));
      assert.deepEqual([eo.placedAt, eo.readyAt, eo.promisedBy], [o.placedAt, o.readyAt, o.promisedBy]);
    });
  });
}

describe('dispatch: buildDispatchRound', () => {
  it('plans a tiny round whose assignments map back to the ids given', () => {
    const input = tinyRound();
    const round = buildDispatchRound(input);
    assert.deepEqual(round.orderIds, ['o-n1', 'o-e1', 'o-n2', 'o-e2']);
    assert.deepEqual(round.riderIds, ['r-near-north', 'r-near-east', 'r-far']);
    assert.deepEqual(round.skipped, []);
    assert.deepEqual(round.regions, [{ key: 'all', orders: [0, 1, 2, 3], riders: [0, 1, 2] }]);
    assert.deepEqual(round.problem.orders.map((o) => o.storeKey), [0, 1, 0, 1]);
    assert.deepEqual(round.problem.travel, DEFAULT_ROUND_TRAVEL);
    assert.equal(round.problem.riders[0]!.guaranteedOrders, Infinity);
    const plan = planEpoch(toEpochProblem(round.problem));
    assertMapsBack(round, input, plan);
    const mapped = roundAssignments(round, plan);
    const given = mapped.flatMap((a) => a.orderIds).sort();
    assert.deepEqual(given, ['o-e1', 'o-e2', 'o-n1', 'o-n2'], 'every ready order goes out');
    assert.equal(new Set(mapped.map((a) => a.riderId)).size, mapped.length, 'one assignment per rider');
    // The near riders take their own store's orders; the far rider is not needed.
    const ofRider = new Map(mapped.map((a) => [a.riderId, [...a.orderIds].sort()]));
    assert.deepEqual(ofRider.get('r-near-north'), ['o-n1', 'o-n2']);
    assert.deepEqual(ofRider.get('r-near-east'), ['o-e1', 'o-e2']);
    for (const a of mapped) {
      assert.ok(a.departAt >= T0 && a.pickupAt >= T0 && a.dropoffAt.every((d) => d > a.pickupAt));
    }
  });

  it('skips orders of an unknown store, leaves out riders off shift, and starts busy riders where they will be free', () => {
    const input = tinyRound();
    const freePosition = at(CENTRE, 45, 1000);
    const round = buildDispatchRound({
      ...input,
      stores: new Map((input.stores as readonly RoundStore[]).map((s) => [s.id, s])),
      orders: [...input.orders, order('o-lost', 'gone', CENTRE)],
      riders: [
        ...input.riders,
        rider('r-off', CENTRE, { offAt: T0 }),
        rider('r-busy', at(CENTRE, 180, 3000), { freeAt: T0 + 600, freePosition, ordersSoFar: 5, guaranteedOrders: 4 }),
        rider('r-late-start', CENTRE, { freeAt: T0 - 100 }),
      ],
    });
    assert.deepEqual(round.skipped, [{ orderId: 'o-lost', reason: 'unknown_store' }]);
    assert.deepEqual(round.riderIds, ['r-near-north', 'r-near-east', 'r-far', 'r-busy', 'r-late-start']);
    const busy = round.problem.riders[3]!;
    assert.deepEqual([busy.ref, busy.freeAt, busy.ordersSoFar, busy.guaranteedOrders], [3, T0 + 600, 5, 4]);
    const north = round.problem.orders[0]!;
    const toFreeM = Math.hypot(busy.x - north.storeX, busy.y - north.storeY);
    assert.ok(Math.abs(toFreeM - 1000) < 5, `rider starts at its free position (${toFreeM} m from the store)`);
    assert.equal(round.problem.riders[4]!.freeAt, T0, 'a free time in the past counts as now');
    assertMapsBack(round, { ...input, orders: [...input.orders] }, planEpoch(toEpochProblem(round.problem)));
  });

  it('projects positions so planar distances match haversine within 0.5 %', () => {
    for (const centre of [CENTRE, [37.62, 55.75] as LngLat, [179.95, -16.5] as LngLat]) {
      const rng = mulberry32(7);
      const spot = (): LngLat => at(centre, rng() * 360, 200 + rng() * 15_000);
      const stores = Array.from({ length: 5 }, (_, i) => ({ id: `s${i}`, location: spot() }));
      const orders = Array.from({ length: 30 }, (_, i) => order(`o${i}`, `s${i % 5}`, spot()));
      const riders = Array.from({ length: 20 }, (_, i) => rider(`r${i}`, spot()));
      const round = buildDispatchRound({ now: T0, stores, orders, riders });
      const points: { lngLat: LngLat; xy: [number, number] }[] = [
        ...orders.flatMap((o, i) => {
          const eo = round.problem.orders[i]!;
          return [
            { lngLat: stores[i % 5]!.location, xy: [eo.storeX, eo.storeY] as [number, number] },
            { lngLat: o.dropOff, xy: [eo.dropX, eo.dropY] as [number, number] },
          ];
        }),
        ...riders.map((r, i) => ({ lngLat: r.position, xy: [round.problem.riders[i]!.x, round.problem.riders[i]!.y] as [number, number] })),
      ];
      let worst = 0;
      for (let i = 0; i < points.length; i++) {
        for (let j = i + 1; j < points.length; j++) {
          const a = points[i]!;
          const b = points[j]!;
          const trueM = haversineDistanceM(a.lngLat[0], a.lngLat[1], b.lngLat[0], b.lngLat[1]);
          if (trueM < 1) continue;
          worst = Math.max(worst, Math.abs(Math.hypot(a.xy[0] - b.xy[0], a.xy[1] - b.xy[1]) - trueM) / trueM);
        }
      }
      assert.ok(worst < 0.005, `worst relative error ${worst} around ${centre}`);
    }
  });

  it('cuts the round into the regions partitionByH3 gives, and plans them end to end on an EpochPool', async () => {
    const rng = mulberry32(11);
    const spot = (): LngLat => at(CENTRE, rng() * 360, rng() * 12_000);
    const stores = Array.from({ length: 12 }, (_, i) => ({ id: `s${i}`, location: spot() }));
    const orders = Array.from({ length: 60 }, (_, i) => order(`o${i}`, `s${i % 12}`, spot(), T0 + (i % 4) * 60));
    const riders = Array.from({ length: 30 }, (_, i) => rider(`r${i}`, spot(), i % 3 === 0 ? { freeAt: T0 + 300, freePosition: spot() } : {}));
    const regions = new H3Regions({ resolution: 7 });
    const input: DispatchRoundInput = { now: T0, stores, orders, riders, regions };
    const round = buildDispatchRound(input);
    const expected = partitionByH3(
      orders.map((o) => stores[Number(o.storeId.slice(1))]!.location),
      riders.map((r) => r.freePosition ?? r.position),
      regions,
    );
    assert.deepEqual(round.regions, expected);
    assert.ok(round.regions.length > 1, 'the city spans several regions');
    const pool = new EpochPool(1);
    try {
      const plan = await pool.planRegions(round.problem, round.regions);
      assert.ok(plan.assignments.length > 0);
      assertMapsBack(round, input, plan);
      const given = roundAssignments(round, plan).flatMap((a) => a.orderIds);
      assert.equal(new Set(given).size, given.length, 'no order given twice');
    } finally {
      await pool.close();
    }
  });

  it('gives an empty round when nothing waits', () => {
    const round = buildDispatchRound({ now: T0, stores: [], orders: [], riders: [] });
    assert.deepEqual([round.orderIds, round.riderIds, round.regions, round.skipped], [[], [], [], []]);
    assert.deepEqual(roundAssignments(round, planEpoch(toEpochProblem(round.problem))), []);
  });

  it('validates input, naming field, rule and value', () => {
    const input = tinyRound();
    const withOrder = (patch: Partial<RoundOrder>): DispatchRoundInput => ({ ...input, orders: [{ ...input.orders[0]!, ...patch }] });
    const withRider = (patch: Partial<RoundRider>): DispatchRoundInput => ({ ...input, riders: [{ ...input.riders[0]!, ...patch }] });
    assertInputError(() => buildDispatchRound({ ...input, now: T0 * 1000 }), { code: 'INVALID_INPUT', field: 'now', got: String(T0 * 1000) });
    assertInputError(() => buildDispatchRound({ ...input, now: Number.NaN }), { code: 'INVALID_INPUT', field: 'now', got: 'NaN' });
    assertInputError(() => buildDispatchRound(withOrder({ dropOff: [Number.NaN, 4.6] })), { code: 'INVALID_COORDINATE', field: 'orders[0].dropOff[0] (lng)', got: 'NaN' });
    assertInputError(() => buildDispatchRound(withRider({ position: [-74, Infinity] })), { code: 'INVALID_COORDINATE', field: 'riders[0].position[1] (lat)', got: 'Infinity' });
    assertInputError(() => buildDispatchRound(withRider({ freePosition: [200, 4] })), { code: 'INVALID_COORDINATE', field: 'riders[0].freePosition[0] (lng)', got: '200' });
    assertInputError(() => buildDispatchRound({ ...input, stores: [{ id: 'north', location: [0, 91] }] }), { code: 'INVALID_COORDINATE', field: 'stores[0].location[1] (lat)', got: '91' });
    assertInputError(() => buildDispatchRound(withOrder({ readyAt: T0 - 601 })), { code: 'INVALID_INPUT', field: 'orders[0].readyAt', got: String(T0 - 601) });
    assertInputError(() => buildDispatchRound(withOrder({ promisedBy: T0 - 600 })), { code: 'INVALID_INPUT', field: 'orders[0].promisedBy', got: String(T0 - 600) });
    assertInputError(() => buildDispatchRound(withRider({ ordersSoFar: -1 })), { code: 'INVALID_INPUT', field: 'riders[0].ordersSoFar', got: '-1' });
    assertInputError(() => buildDispatchRound(withRider({ guaranteedOrders: Number.NaN })), { code: 'INVALID_INPUT', field: 'riders[0].guaranteedOrders', got: 'NaN' });
    assertInputError(() => buildDispatchRound(withRider({ mode: 'horse' as never })), { code: 'INVALID_INPUT', field: 'riders[0].mode', got: '"horse"' });
    assertInputError(() => buildDispatchRound({ ...input, riders: [input.riders[0]!, input.riders[0]!] }), { code: 'DUPLICATE_ID', field: 'riders[1].id', got: '"r-near-north"' });
    assertInputError(() => buildDispatchRound({ ...input, orders: [input.orders[0]!, input.orders[0]!] }), { code: 'DUPLICATE_ID', field: 'orders[1].id', got: '"o-n1"' });
    assertInputError(() => buildDispatchRound({ ...input, stores: [...(input.stores as RoundStore[]), { id: 'north', location: CENTRE }] }), { code: 'DUPLICATE_ID', field: 'stores[2].id', got: '"north"' });
    assertInputError(() => buildDispatchRound({ ...input, stores: new Map([['n', { id: 'north', location: CENTRE }]]) }), { code: 'INVALID_INPUT', field: 'stores["n"].id', got: '"north"' });
    assertInputError(() => buildDispatchRound({ ...input, travel: { speedMps: 0 } }), { code: 'INVALID_INPUT', field: 'travel.speedMps', got: '0' });
    assertInputError(() => buildDispatchRound({ ...input, travel: { detourFactor: 0.5 } }), { code: 'INVALID_INPUT', field: 'travel.detourFactor', got: '0.5' });
    assertInputError(() => buildDispatchRound({ ...input, pickupServiceSec: -1 }), { code: 'INVALID_INPUT', field: 'pickupServiceSec', got: '-1' });
    assertInputError(() => buildDispatchRound({ ...input, maxClickToDoorSec: 1200 }), { code: 'INVALID_INPUT', field: 'maxClickToDoorSec', got: '1200' });
    assertInputError(() => buildDispatchRound({ ...input, regions: {} as never }), { code: 'INVALID_INPUT', field: 'regions', got: 'an object' });
    assertInputError(() => buildDispatchRound({ ...input, orders: null as never }), { code: 'INVALID_INPUT', field: 'orders', got: 'null' });
  });

  it('reports every broken rule at once', () => {
    const input = tinyRound();
    const error = (() => {
      try {
        buildDispatchRound({ ...input, now: -1, orders: [{ ...input.orders[0]!, id: '' }], riders: [{ ...input.riders[0]!, offAt: 1.5 }] });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    assert.ok(error instanceof DispatchInputError);
    assert.deepEqual(error.issues.map((i) => i.field), ['now', 'orders[0].id', 'riders[0].offAt']);
  });

  it('refuses to map a plan of another round', () => {
    const round = buildDispatchRound(tinyRound());
    const a = { rider: 0, orders: [0], departAt: T0, pickupAt: T0, dropoffAt: [T0 + 60], cost: 0 };
    assertInputError(() => roundAssignments(round, { assignments: [{ ...a, rider: 3 }] }), { code: 'UNKNOWN_REFERENCE', field: 'plan.assignments[0].rider', got: '3' });
    assertInputError(() => roundAssignments(round, { assignments: [{ ...a, orders: [0, -1] }] }), { code: 'UNKNOWN_REFERENCE', field: 'plan.assignments[0].orders[1]', got: '-1' });
  });
});
