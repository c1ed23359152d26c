/**
 * `o2o-bench city`: the candidate-generation pipeline of one dispatch round on a synthetic city,
 * stage by stage: build the indexes, find candidate stores and riders for every order, stream
 * rider positions, compute the riders × stores matrix.
 */
import { RiderLocator, StoreLocator, generateSyntheticCity } from '@o2o/dispatch-core';
import { StraightLineProvider, ZoneIndex, mulberry32, randomPointInDisc } from '@o2o/geo';

export interface CitySuiteOptions {
  readonly seed: number;
  readonly numStores: number;
  readonly numRiders: number;
  readonly numOrders: number;
}

export interface CitySuiteResult {
  readonly suite: 'city';
  readonly seed: number;
  readonly stores: number;
  readonly riders: number;
  readonly orders: number;
  readonly generateMs: number;
  readonly buildMs: { zones: number; stores: number; riders: number };
  readonly storeCandidatesPerSec: number;
  readonly riderCandidatesPerSec: number;
  readonly riderMovesPerSec: number;
  readonly matrix: { sources: number; targets: number; ms: number };
  readonly ordersWithCandidates: number;
}

const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;

function time<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const value = f();
  return [value, performance.now() - t0];
}

export function runCitySuite(o: CitySuiteOptions): CitySuiteResult {
  const [city, generateMs] = time(() => generateSyntheticCity({ seed: o.seed, numStores: o.numStores, numRiders: o.numRiders, numOrders: o.numOrders }));
  const [zones, zonesMs] = time(() => ZoneIndex.build(city.zones));
  const [stores, storesMs] = time(() => StoreLocator.build(city.stores, zones));
  const [riders, ridersMs] = time(() => new RiderLocator(city.riders));

  let withCandidates = 0;
  const [, storeQueryMs] = time(() => {
    for (const order of city.orders) if (stores.candidatesFor(order, { k: 3 }).candidates.length > 0) withCandidates++;
  });
  const [, riderQueryMs] = time(() => {
    for (const order of city.orders) riders.nearestAvailable(order.dropOff[0], order.dropOff[1], { k: 5, atSec: order.placedAt });
  });

  const rng = mulberry32(o.seed);
  const moves = Array.from({ length: Math.min(city.riders.length, 10_000) }, () => randomPointInDisc(rng, city.center, city.radiusM));
  const numMoves = moves.length * 10;
  const [, moveMs] = time(() => {
    for (let rep = 0; rep < 10; rep++) for (let i = 0; i < moves.length; i++) riders.move(city.riders[i]!.id, moves[i]!);
  });

  const travel = new StraightLineProvider({ utcOffsetMin: -300 });
  const sources = city.riders.map((r) => r.position);
  const targets = city.stores.map((s) => s.location);
  const [, matrixMs] = time(() => travel.matrixSync(sources, targets, city.startAt, { mode: 'escooter' }));

  return {
    suite: 'city',
    seed: o.seed,
    stores: city.stores.length,
    riders: city.riders.length,
    orders: city.orders.length,
    generateMs: round(generateMs),
    buildMs: { zones: round(zonesMs), stores: round(storesMs), riders: round(ridersMs) },
    storeCandidatesPerSec: Math.round((city.orders.length / storeQueryMs) * 1000),
    riderCandidatesPerSec: Math.round((city.orders.length / riderQueryMs) * 1000),
    riderMovesPerSec: Math.round((numMoves / moveMs) * 1000),
    matrix: { sources: sources.length, targets: targets.length, ms: round(matrixMs) },
    ordersWithCandidates: withCandidates,
  };
}
