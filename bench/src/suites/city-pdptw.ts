/**
 * A generated O2O pickup-and-delivery instance for the scale bench: a synthetic city's orders
 * become shipments (pickup at the nearest store with the stock, ready time to promise time;
 * drop-off with a soft due time at the promise and a hard end an hour later; a 45-minute ride
 * limit), riders become vehicles (start at their position, shift end, capacity, bag limit).
 * Travel times come from geo's straight-line provider (e-scooter, time-of-day traffic).
 */
import { StoreLocator, generateSyntheticCity, type ProblemInput, type ShipmentInput, type VehicleInput } from '@o2o/dispatch-core';
import { StraightLineProvider, type LngLat } from '@o2o/geo';

export interface CityPdptwOptions {
  readonly seed: number;
  readonly numJobs: number;
  readonly numRiders: number;
}

export interface CityPdptw {
  readonly input: ProblemInput;
  readonly numLocations: number;
  readonly matrixMs: number;
}

export function cityPdptw(o: CityPdptwOptions): CityPdptw {
  // More orders are generated than kept: a few fall outside every zone or find no store.
  const city = generateSyntheticCity({ seed: o.seed, numOrders: Math.ceil(o.numJobs * 1.1) + 10, numRiders: o.numRiders, numStores: Math.max(10, Math.round(o.numJobs / 10)) });
  const stores = StoreLocator.build(city.stores, city.zones);
  const t0 = city.startAt;
  const locations: LngLat[] = [];
  const locOf = (p: LngLat): number => locations.push(p) - 1;
  const storeLoc = new Map<number, number>();
  const shipments: ShipmentInput[] = [];
  for (const order of city.orders) {
    if (shipments.length >= o.numJobs) break;
    const found = stores.candidatesFor(order, { k: 1 });
    const candidate = found.candidates[0];
    if (!candidate) continue;
    let pickupLoc = storeLoc.get(candidate.storeIdx);
    if (pickupLoc === undefined) {
      pickupLoc = locOf(stores.store(candidate.storeIdx).location);
      storeLoc.set(candidate.storeIdx, pickupLoc);
    }
    shipments.push({
      id: order.id,
      pickup: { location: pickupLoc, serviceSec: 120, timeWindow: [order.readyAt - t0, order.promisedBy - t0 + 1800] },
      delivery: { location: locOf(order.dropOff), serviceSec: 180, softDueAt: order.promisedBy - t0, latenessCostPerSec: 2, timeWindow: [0, order.promisedBy - t0 + 3600] },
      demand: [order.size],
      maxRideSec: 2700,
    });
  }
  const vehicles: VehicleInput[] = city.riders
    .filter((r) => r.status !== 'offline')
    .map((r) => ({
      id: r.id,
      startLocation: locOf(r.position),
      startAt: 0,
      shiftEndAt: Math.max(0, r.shiftEnd - t0),
      capacity: [r.capacity],
      bagLimit: r.bagLimit,
      fixedCost: 600,
    }));
  const provider = new StraightLineProvider({ utcOffsetMin: -300 });
  const m0 = performance.now();
  const matrix = provider.matrixSync(locations, locations, t0, { mode: 'escooter' });
  const matrixMs = performance.now() - m0;
  return {
    input: { numLocations: locations.length, durationMatrix: matrix.durationSec, distanceMatrix: matrix.distanceM, vehicles, shipments, objective: { durationSec: 1, lateness: 1, fixedCost: 1 } },
    numLocations: locations.length,
    matrixMs,
  };
}
