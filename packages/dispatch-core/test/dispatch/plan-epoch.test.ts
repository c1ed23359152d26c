import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import {
  DEFAULT_DISPATCH_CONFIG,
  DEFAULT_EPOCH_PARAMS,
  EpochPool,
  epochParamsFromConfig,
  generateSyntheticEpoch,
  resolveDispatchConfig,
  resolveEpochParams,
  mergeRegionPlans,
  partitionByH3,
  planEpoch,
  planarTravelSec,
  type EpochOrder,
  type EpochProblem,
  type EpochRider,
} from '@o2o/dispatch-core';
import { H3Regions } from '@o2o/geo';

const MPM = 320; // MDRP metres per minute
const travel = { speedMps: MPM / 60, detourFactor: 1, roundUpToSec: 60 };

function order(ref: number, store: number, storeX: number, dropX: number, placedAt: number, readyAt: number, dropY = 0): EpochOrder {
  return { ref, storeKey: store, storeX, storeY: 0, dropX, dropY, placedAt, readyAt };
}

function rider(ref: number, x: number, freeAt = 0, offAt = 36_000, ordersSoFar = 0): EpochRider {
  return { ref, freeAt, x, y: 0, offAt, ordersSoFar, guaranteedOrders: 12 };
}

function problem(now: number, orders: EpochOrder[], riders: EpochRider[]): EpochProblem {
  return {
    now,
    orders,
    riders,
    travelSec: planarTravelSec(travel),
    pickupServiceSec: 240,
    dropoffServiceSec: 240,
    targetClickToDoorSec: 2400,
    maxClickToDoorSec: 5400,
    maxSpeedMps: MPM / 60,
  };
}

describe('dispatch: planEpoch', () => {
  it('planar travel is the MDRP rule ceil(distance / metres per minute) minutes', () => {
    const t = planarTravelSec(travel);
    assert.equal(t(0, 0, 320, 0, 0), 60);
    assert.equal(t(0, 0, 321, 0, 0), 120);
    assert.equal(t(0, 0, 0, 0, 0), 0);
    assert.equal(t(0, 0, 3000, 4000, 0), 60 * Math.ceil(5000 / MPM));
    assert.throws(() => planarTravelSec({ ...travel, speedMps: 0 }), /travel\.speedMps must be a finite number > 0/);
  });

  it('gives a ready order to the rider that picks it up soonest, with exact MDRP timing', () => {
    // Store at x = 0, drop at x = 3200 (10 min); riders at 640 m (2 min) and 6400 m (20 min).
    const p = problem(600, [order(7, 1, 0, 3200, 0, 600)], [rider(1, 6400), rider(2, 640)]);
    const plan = planEpoch(p);
    assert.equal(plan.assignments.length, 1);
    const a = plan.assignments[0]!;
    assert.equal(a.rider, 2);
    assert.deepEqual(a.orders, [7]);
    assert.equal(a.departAt, 600);
    assert.equal(a.pickupAt, 600 + 120 + 120); // arrive at 720, pickup at arrival + half service
    assert.deepEqual(a.dropoffAt, [840 + 120 + 600 + 120]); // leave 960, ride 600, half service
  });

  it('holds an assignment while the rider need not leave yet, and commits it when it must', () => {
    const orders = [order(1, 1, 0, 3200, 0, 1800)]; // ready at 30 min
    const riders = [rider(5, 640)]; // 2 min away
    const early = planEpoch(problem(600, orders, riders), { commitHorizonSec: 120 });
    assert.equal(early.assignments.length, 0);
    assert.equal(early.held, 1);
    // Latest departure = 1800 − 120 (half pickup) − 120 (ride) = 1560; within the horizon at 1440.
    const late = planEpoch(problem(1440, orders, riders), { commitHorizonSec: 120 });
    assert.equal(late.assignments.length, 1);
    assert.equal(late.assignments[0]!.pickupAt, 1800);
  });

  it('bundles orders of one store when riders are scarce, not when they are plentiful', () => {
    const orders = [0, 1, 2, 3].map((i) => order(i, 1, 0, 1600 + 100 * i, 0, 900 + 60 * i, 200 * i));
    const scarce = planEpoch(problem(900, orders, [rider(1, 100)]), { commitHorizonSec: 10_000, maxBundleSize: 4 });
    assert.equal(scarce.targetBundleSize, 4);
    assert.equal(scarce.assignments.length, 1);
    assert.equal(scarce.assignments[0]!.orders.length, 4);
    const plenty = planEpoch(problem(900, orders, [1, 2, 3, 4, 5].map((r) => rider(r, 100 * r))), { commitHorizonSec: 10_000 });
    assert.equal(plenty.targetBundleSize, 1);
    assert.equal(plenty.assignments.length, 4);
    assert.ok(plenty.assignments.every((a) => a.orders.length === 1));
    assert.equal(new Set(plenty.assignments.map((a) => a.rider)).size, 4, 'one bundle per rider');
  });

  it('joins nearby stores into one bundle only when allowed, visiting them before any drop-off', () => {
    // Stores 320 m (one minute) apart, customers beyond the second store, one rider.
    const orders = [order(1, 1, 0, 2000, 0, 600), order(2, 2, 320, 2100, 0, 660)];
    const joined = planEpoch(problem(600, orders, [rider(1, 0)]), { commitHorizonSec: 10_000, sameStoreBundlesOnly: false });
    assert.equal(joined.assignments.length, 1);
    const a = joined.assignments[0]!;
    assert.deepEqual([...a.orders].sort(), [1, 2]);
    // Store 1 at 0 (arrive 600, ready 600 → pickup 720), store 2 one minute on (pickup ≥ 660 + …).
    assert.ok(a.pickupAt >= 720 + 120 + 60, `last pickup ${a.pickupAt} comes after the ride between the stores`);
    assert.ok(a.dropoffAt[0]! > a.pickupAt);
    const apart = planEpoch(problem(600, orders, [rider(1, 0)]), { commitHorizonSec: 10_000, sameStoreBundlesOnly: true });
    assert.ok(apart.assignments.every((x) => x.orders.length === 1));
  });

  it('never bundles orders of far-apart stores and never plans a pickup after the shift ends', () => {
    const orders = [order(1, 1, 0, 1600, 0, 600), order(2, 2, 5000, 6600, 0, 600)];
    const plan = planEpoch(problem(600, orders, [rider(1, 0), rider(2, 5000)]), { commitHorizonSec: 10_000 });
    assert.equal(plan.assignments.length, 2);
    assert.ok(plan.assignments.every((a) => a.orders.length === 1));
    const offSoon = planEpoch(problem(600, [order(1, 1, 0, 1600, 0, 600)], [rider(1, 6400, 0, 700)]));
    assert.equal(offSoon.assignments.length, 0);
    assert.equal(offSoon.unmatched, 1);
  });

  it('prefers riders still under their pay guarantee (workload balance)', () => {
    const o = [order(1, 1, 0, 1600, 0, 600)];
    const busy = { ...rider(1, 320), ordersSoFar: 20 }; // far over its 12 guaranteed orders
    const idle = rider(2, 640); // one minute farther, nothing earned yet
    const plan = planEpoch(problem(600, o, [busy, idle]), { payOverGuaranteeSec: 600 });
    assert.equal(plan.assignments[0]!.rider, 2);
    const noBalance = planEpoch(problem(600, o, [busy, idle]), { payOverGuaranteeSec: 0 });
    assert.equal(noBalance.assignments[0]!.rider, 1);
  });

  it('leaves out riders beyond the candidate radius', () => {
    const o = [order(1, 1, 0, 1600, 0, 600)];
    const far = rider(1, 64_000); // 200 minutes away
    assert.equal(planEpoch(problem(600, o, [far]), { candidateRadiusSec: 1200 }).assignments.length, 0);
    assert.equal(planEpoch(problem(600, o, [far]), { candidateRadiusSec: 86_400 }).assignments.length, 1);
  });

  it('serves the order with the earlier promise first when one rider must choose (lateness weight)', () => {
    // Same store, far apart customers (not bundled), one rider; order 2 is promised much earlier.
    const o1 = order(1, 1, 0, 6400, 0, 600);
    const o2 = { ...order(2, 1, 0, -6400, 60, 600), promisedBy: 900 };
    const plan = planEpoch(problem(600, [o1, o2], [rider(1, 0)]), { latenessWeight: 3, maxBundleSize: 1 });
    assert.deepEqual(plan.assignments.map((a) => a.orders), [[2]]);
    const noWeight = planEpoch(problem(600, [o1, o2], [rider(1, 0)]), { latenessWeight: 0, maxBundleSize: 1 });
    assert.deepEqual(noWeight.assignments.map((a) => a.orders), [[1]]);
  });

  it('spreads work across riders with the workload-balance weight', () => {
    const o = [order(1, 1, 0, 1600, 0, 600)];
    const loaded = { ...rider(1, 320), ordersSoFar: 6 };
    const fresh = rider(2, 960); // two minutes farther
    assert.equal(planEpoch(problem(600, o, [loaded, fresh]), { payOverGuaranteeSec: 0 }).assignments[0]!.rider, 1);
    assert.equal(planEpoch(problem(600, o, [loaded, fresh]), { payOverGuaranteeSec: 0, workloadBalanceWeight: 60 }).assignments[0]!.rider, 2);
  });

  it('rejects bad parameters naming the field', () => {
    assert.throws(() => planEpoch(problem(0, [], []), { maxBundleSize: 0 }), /params\.maxBundleSize must be an integer ≥ 1/);
    assert.throws(() => planEpoch(problem(0, [], []), { lookaheadSec: -1 }), /params\.lookaheadSec must be a finite number ≥ 0/);
  });
});

describe('dispatch: parallel regions', () => {
  function city(numOrders: number, numRiders: number) {
    const { problem: p, orderStores: storeOf, riders: riderPts } = generateSyntheticEpoch({ numOrders, numRiders });
    return { p, storeOf, riderPts };
  }

  it('partitions by H3: every order in one region, border riders in several', () => {
    const { storeOf, riderPts } = city(400, 600);
    const regions = partitionByH3(storeOf, riderPts, new H3Regions({ resolution: 6 }));
    assert.ok(regions.length >= 3, `${regions.length} regions`);
    const seen = regions.flatMap((r) => r.orders).sort((a, b) => a - b);
    assert.deepEqual(seen, Array.from({ length: 400 }, (_, i) => i));
    const riderSlots = regions.reduce((n, r) => n + r.riders.length, 0);
    assert.ok(riderSlots > 0 && regions.some((r) => r.riders.length > 0));
    const counts = new Map<number, number>();
    for (const r of regions) for (const i of r.riders) counts.set(i, (counts.get(i) ?? 0) + 1);
    assert.ok([...counts.values()].some((c) => c > 1), 'some rider sees two regions');
  });

  it('plans regions on worker threads exactly as in-process, never giving a rider two bundles', async () => {
    const { p, storeOf, riderPts } = city(500, 700);
    const regions = partitionByH3(storeOf, riderPts, new H3Regions({ resolution: 6 }));
    const params = { commitHorizonSec: 100_000 };
    const inProcess = new EpochPool(1);
    const threaded = new EpochPool(2);
    const oneWorker = new EpochPool(1, { workers: true });
    try {
      assert.equal(inProcess.usesWorkers, false);
      assert.equal(oneWorker.usesWorkers, true);
      const a = await inProcess.planRegions(p, regions, params);
      const b = await threaded.planRegions(p, regions, params);
      assert.deepEqual(b, a);
      assert.deepEqual(await oneWorker.planRegions(p, regions, params), a);
      assert.ok(a.assignments.length > 50);
      const riders = a.assignments.map((x) => x.rider);
      assert.equal(new Set(riders).size, riders.length, 'a rider gets at most one bundle per epoch');
      const orders = a.assignments.flatMap((x) => x.orders);
      assert.equal(new Set(orders).size, orders.length, 'an order is assigned at most once');
    } finally {
      await inProcess.close();
      await threaded.close();
      await oneWorker.close();
    }
  });

  it('planning threads lower their own priority (threadNiceness), not the caller\'s, and plan the same', async function () {
    if (process.platform !== 'linux') this.skip();
    const { p, storeOf, riderPts } = city(200, 300);
    const regions = partitionByH3(storeOf, riderPts, new H3Regions({ resolution: 6 }));
    const niceOf = (stat: string): number => Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
    const threadNices = (): number[] => readdirSync('/proc/self/task').map((tid) => niceOf(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8')));
    const before = threadNices().filter((n) => n === 7).length;
    const nice = new EpochPool(1, { workers: true, threadNiceness: 7 });
    const plain = new EpochPool(1);
    try {
      assert.deepEqual(await nice.planRegions(p, regions), await plain.planRegions(p, regions));
      assert.equal(threadNices().filter((n) => n === 7).length, before + 1, 'exactly the planning thread runs at nice 7');
      assert.equal(niceOf(readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8')), 0, 'the calling thread keeps its priority');
    } finally {
      await nice.close();
      await plain.close();
    }
    assert.throws(() => new EpochPool(1, { workers: true, threadNiceness: 40 }), /options\.threadNiceness must be an integer in \[-20, 19\]/);
  });

  it('merging keeps the cheaper of two assignments of one rider', () => {
    const a = { rider: 3, orders: [1], departAt: 0, pickupAt: 0, dropoffAt: [0], cost: 50 };
    const b = { rider: 3, orders: [2], departAt: 0, pickupAt: 0, dropoffAt: [0], cost: 40 };
    const plan = (x: typeof a) => ({ assignments: [x], held: 0, unmatched: 0, numBundles: 1, targetBundleSize: 1, pairs: 1, merged: 0 });
    const merged = mergeRegionPlans([{ key: 'r1', orders: [1], riders: [3] }, { key: 'r2', orders: [2], riders: [3] }], [plan(a), plan(b)]);
    assert.deepEqual(merged.assignments, [b]);
    assert.equal(merged.conflicts, 1);
  });
});

describe('dispatch: epoch parameters and the dispatch configuration', () => {
  it('the shared parameters default to the same values and follow the configuration', () => {
    const fromDefaults = epochParamsFromConfig(DEFAULT_DISPATCH_CONFIG.assignment);
    for (const [key, value] of Object.entries(fromDefaults)) {
      assert.equal(DEFAULT_EPOCH_PARAMS[key as keyof typeof DEFAULT_EPOCH_PARAMS], value, key);
    }
    const custom = epochParamsFromConfig(resolveDispatchConfig({ assignment: { maxBundleSize: 2, commitHorizonSec: 30 } }).assignment);
    assert.equal(resolveEpochParams(custom).maxBundleSize, 2);
    assert.equal(resolveEpochParams(custom).commitHorizonSec, 30);
  });
});
