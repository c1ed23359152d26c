/**
 * A dispatch round for a service: turns orders, riders and stores as a service keeps them
 * (string ids, `[lng, lat]`, Unix epoch seconds) into the epoch engine's problem (planar metres,
 * integer refs) and the engine's assignments back into ids, so the service holds no algorithm code.
 *
 * Positions are projected equirectangularly around the mean of the positions that take part
 * (order stores, drop-offs, rider positions): accurate to well under 0.5 % for a city (up to
 * ~50 km across below 60° latitude), not meant for a whole country in one round.
 */
import { EARTH_RADIUS_M, H3Regions, type LngLat } from '@o2o/geo';
import { DispatchInputError } from '../errors.js';
import { IssueCollector, keyField } from '../model/issue-collector.js';
import { RIDER_MODES, type RiderMode } from '../model/rider.js';
import type { EpochOrder, EpochRider } from './epoch-problem.js';
import type { EpochRegion } from './epoch-pool.js';
import type { EpochTaskProblem } from './epoch-task.js';
import { partitionByH3 } from './partition-by-h3.js';
import type { EpochAssignment } from './plan-epoch.js';
import { planarTravelSec, type PlanarTravelModel } from './planar-travel.js';

/** An order waiting for a rider. Times are integer Unix epoch seconds. */
export interface RoundOrder {
  readonly id: string;
  readonly storeId: string;
  readonly dropOff: LngLat;
  readonly placedAt: number;
  /** When the food is ready at the store (≥ placedAt). */
  readonly readyAt: number;
  /** Promised drop-off instant (> placedAt). */
  readonly promisedBy: number;
}

/** A rider that may take work this round. Times are integer Unix epoch seconds. */
export interface RoundRider {
  readonly id: string;
  readonly position: LngLat;
  /** When it is free of work already given (a past instant counts as now). */
  readonly freeAt: number;
  /** Where it will be then (default `position`). */
  readonly freePosition?: LngLat;
  /** No pickup after this instant; riders with `offAt <= now` are left out of the round. */
  readonly offAt: number;
  /** Orders delivered or already given to the rider this shift (integer ≥ 0). */
  readonly ordersSoFar: number;
  /** Orders the pay guarantee covers this shift (≥ 0). Default Infinity: no guarantee to balance. */
  readonly guaranteedOrders?: number;
  /** Validated only: the planar travel model has one speed for every rider (set `travel.speedMps`). */
  readonly mode?: RiderMode;
}

export interface RoundStore {
  readonly id: string;
  readonly location: LngLat;
}

export interface DispatchRoundInput {
  /** Integer Unix epoch seconds. */
  readonly now: number;
  readonly orders: readonly RoundOrder[];
  readonly riders: readonly RoundRider[];
  /** Stores by id (a Map's keys must equal the stores' ids), or a list with unique ids. */
  readonly stores: ReadonlyMap<string, RoundStore> | readonly RoundStore[];
  /** Over {@link DEFAULT_ROUND_TRAVEL}. */
  readonly travel?: Partial<PlanarTravelModel>;
  /** Integer seconds ≥ 0. Default 120. */
  readonly pickupServiceSec?: number;
  /** Integer seconds ≥ 0. Default 120. */
  readonly dropoffServiceSec?: number;
  /** Integer seconds ≥ 1. Default 1800. */
  readonly targetClickToDoorSec?: number;
  /** Integer seconds ≥ targetClickToDoorSec. Default 3600. */
  readonly maxClickToDoorSec?: number;
  /** Cut the round into H3 regions (for {@link EpochPool.planRegions}); default one region `all`. */
  readonly regions?: H3Regions;
}

/** Why an order was left out of a round. */
export type RoundSkipReason = 'unknown_store';

export interface DispatchRound {
  /** The engine's problem: order `ref` i is `orderIds[i]`, rider `ref` j is `riderIds[j]`. */
  readonly problem: EpochTaskProblem;
  readonly orderIds: readonly string[];
  readonly riderIds: readonly string[];
  /** Regions to plan (none when there are no orders). */
  readonly regions: readonly EpochRegion[];
  /** Orders left out, and why. */
  readonly skipped: ReadonlyArray<{ readonly orderId: string; readonly reason: RoundSkipReason }>;
}

/** A committed instruction in ids: the rider takes these orders now. */
export interface RoundAssignment {
  readonly riderId: string;
  /** In drop-off sequence. */
  readonly orderIds: readonly string[];
  readonly departAt: number;
  readonly pickupAt: number;
  /** Drop-off instant of each order of `orderIds`. */
  readonly dropoffAt: readonly number[];
}

/** Travel defaults of a round: 5 m/s (18 km/h), roads 1.3× the straight line, whole seconds. */
export const DEFAULT_ROUND_TRAVEL: PlanarTravelModel = Object.freeze({ speedMps: 5, detourFactor: 1.3, roundUpToSec: 1 });

/** Service and click-to-door defaults of a round, seconds. */
export const DEFAULT_ROUND_SERVICE = Object.freeze({ pickupServiceSec: 120, dropoffServiceSec: 120, targetClickToDoorSec: 1800, maxClickToDoorSec: 3600 } as const);
const RAD = Math.PI / 180;

/**
 * The engine's problem of one round, with the ids to map its refs back. Orders of an unknown store
 * are skipped (listed in `skipped`); riders whose shift is over are left out.
 * @throws {DispatchInputError} listing every broken rule (field, rule, value).
 */
export function buildDispatchRound(input: DispatchRoundInput): DispatchRound {
  const issues = new IssueCollector();
  if (!issues.checkObject('input', input)) issues.throwIfAny();
  const { now } = input;
  const nowOk = issues.checkEpochSeconds('now', now);
  const stores = checkStores(issues, input.stores);
  const travel = checkTravel(issues, input.travel);
  const service = {
    pickupServiceSec: checkSec(issues, 'pickupServiceSec', input.pickupServiceSec, 0),
    dropoffServiceSec: checkSec(issues, 'dropoffServiceSec', input.dropoffServiceSec, 0),
    targetClickToDoorSec: checkSec(issues, 'targetClickToDoorSec', input.targetClickToDoorSec, 1),
    maxClickToDoorSec: checkSec(issues, 'maxClickToDoorSec', input.maxClickToDoorSec, 1),
  };
  if (service.maxClickToDoorSec < service.targetClickToDoorSec) {
    issues.invalid('maxClickToDoorSec', `must be ≥ targetClickToDoorSec (${service.targetClickToDoorSec})`, service.maxClickToDoorSec);
  }
  if (input.regions !== undefined && !isRegions(input.regions)) issues.invalid('regions', 'must be an H3Regions', input.regions);

  const kept: RoundOrder[] = [];
  const skipped: { orderId: string; reason: RoundSkipReason }[] = [];
  const orderIds = new Set<string>();
  checkList(issues, 'orders', input.orders, (o, f) => {
    if (!checkOrder(issues, f, o, orderIds)) return;
    if (stores.has(o.storeId)) kept.push(o);
    else skipped.push({ orderId: o.id, reason: 'unknown_store' });
  });
  const riders: RoundRider[] = [];
  const riderIds = new Set<string>();
  checkList(issues, 'riders', input.riders, (r, f) => {
    if (checkRider(issues, f, r, riderIds) && nowOk && r.offAt > now) riders.push(r);
  });
  issues.throwIfAny();

  const storeOf = (o: RoundOrder): { idx: number; location: LngLat } => stores.get(o.storeId)!;
  const riderAt = (r: RoundRider): LngLat => r.freePosition ?? r.position;
  const project = projectionAround([...kept.flatMap((o) => [storeOf(o).location, o.dropOff]), ...riders.map(riderAt)]);
  const orders: EpochOrder[] = kept.map((o, ref) => {
    const store = storeOf(o);
    const [storeX, storeY] = project(store.location);
    const [dropX, dropY] = project(o.dropOff);
    return { ref, storeKey: store.idx, storeX, storeY, dropX, dropY, placedAt: o.placedAt, readyAt: o.readyAt, promisedBy: o.promisedBy };
  });
  const epochRiders: EpochRider[] = riders.map((r, ref) => {
    const [x, y] = project(riderAt(r));
    const guaranteedOrders = r.guaranteedOrders ?? Infinity;
    return { ref, freeAt: Math.max(now, r.freeAt), x, y, offAt: r.offAt, ordersSoFar: r.ordersSoFar, guaranteedOrders };
  });
  const problem: EpochTaskProblem = {
    now,
    orders,
    riders: epochRiders,
    travel,
    ...service,
    // Straight-line metres per second of the model: a valid bound for the engine's screening.
    maxSpeedMps: travel.speedMps / travel.detourFactor,
  };
  const regions: EpochRegion[] =
    input.regions === undefined
      ? orders.length === 0
        ? []
        : [{ key: 'all', orders: orders.map((_, i) => i), riders: epochRiders.map((_, i) => i) }]
      : partitionByH3(kept.map((o) => storeOf(o).location), riders.map(riderAt), input.regions);
  return { problem, orderIds: kept.map((o) => o.id), riderIds: riders.map((r) => r.id), regions, skipped };
}

/**
 * The assignments of a plan of `round` (from `planEpoch` or `EpochPool.planRegions`) in ids.
 * @throws {DispatchInputError} `UNKNOWN_REFERENCE` for a ref the round does not have (a plan of another round).
 */
export function roundAssignments(round: DispatchRound, plan: { readonly assignments: readonly EpochAssignment[] }): RoundAssignment[] {
  const idOf = (ids: readonly string[], ref: number, field: string): string => {
    const id = Number.isInteger(ref) ? ids[ref] : undefined;
    if (id === undefined) throw new DispatchInputError('UNKNOWN_REFERENCE', field, `must be a ref of the round (an integer in [0, ${ids.length - 1}])`, ref);
    return id;
  };
  return plan.assignments.map((a, i) => ({
    riderId: idOf(round.riderIds, a.rider, `plan.assignments[${i}].rider`),
    orderIds: a.orders.map((ref, q) => idOf(round.orderIds, ref, `plan.assignments[${i}].orders[${q}]`)),
    departAt: a.departAt,
    pickupAt: a.pickupAt,
    dropoffAt: [...a.dropoffAt],
  }));
}

/**
 * Equirectangular projection around the mean of `points`, metres east (x) and north (y).
 * Longitudes are unwrapped around the first point, so a city across the antimeridian stays whole.
 */
function projectionAround(points: readonly LngLat[]): (p: LngLat) => [number, number] {
  const lngRef = points[0]?.[0] ?? 0;
  const wrap = (dLng: number): number => (dLng > 180 ? dLng - 360 : dLng < -180 ? dLng + 360 : dLng);
  let sumDLng = 0;
  let sumLat = 0;
  for (const [lng, lat] of points) {
    sumDLng += wrap(lng - lngRef);
    sumLat += lat;
  }
  const n = Math.max(1, points.length);
  const lng0 = lngRef + sumDLng / n;
  const lat0 = sumLat / n;
  const mPerDegY = RAD * EARTH_RADIUS_M;
  const mPerDegX = mPerDegY * Math.cos(lat0 * RAD);
  return ([lng, lat]) => [wrap(lng - lng0) * mPerDegX, (lat - lat0) * mPerDegY];
}

/** Calls `each` on every element of an array field (records an issue when it is not an array). */
function checkList<T>(issues: IssueCollector, field: string, list: unknown, each: (item: T, field: string) => void): void {
  if (issues.checkArray(field, list)) list.forEach((item, i) => each(item as T, `${field}[${i}]`));
}

/** Stores by id with their dense index (`storeKey`); records an issue for every bad store. */
function checkStores(issues: IssueCollector, stores: unknown): Map<string, { idx: number; location: LngLat }> {
  const out = new Map<string, { idx: number; location: LngLat }>();
  const add = (field: string, s: unknown, key?: string): void => {
    if (!issues.checkObject(field, s) || !issues.checkNonEmptyString(`${field}.id`, s.id)) return;
    if (key !== undefined && s.id !== key) issues.invalid(`${field}.id`, `must equal its key ${JSON.stringify(key)}`, s.id);
    else if (out.has(s.id)) issues.add('DUPLICATE_ID', `${field}.id`, 'must be unique among stores', s.id);
    else if (issues.checkLngLat(`${field}.location`, s.location)) out.set(s.id, { idx: out.size, location: s.location });
  };
  if (stores instanceof Map) for (const [key, s] of stores) add(keyField('stores', String(key)), s, key);
  else checkList(issues, 'stores', stores, (s: unknown, f) => add(f, s));
  return out;
}

/** The travel model over the defaults; its issues are recorded under `travel.*`. */
function checkTravel(issues: IssueCollector, travel: Partial<PlanarTravelModel> | undefined): PlanarTravelModel {
  if (travel !== undefined && !issues.checkObject('travel', travel)) return DEFAULT_ROUND_TRAVEL;
  const model = { ...DEFAULT_ROUND_TRAVEL, ...travel };
  try {
    planarTravelSec(model);
  } catch (error) {
    if (!(error instanceof DispatchInputError)) throw error;
    for (const i of error.issues) issues.add(i.code, i.field, i.rule, i.value);
  }
  return model;
}

/** A duration of the round: the default when not given, else an integer ≥ `min` (issue recorded). */
function checkSec(issues: IssueCollector, field: keyof typeof DEFAULT_ROUND_SERVICE, value: unknown, min: 0 | 1): number {
  if (value === undefined) return DEFAULT_ROUND_SERVICE[field];
  const ok = min === 0 ? issues.checkNonNegativeInteger(field, value) : issues.checkPositiveInteger(field, value);
  return ok ? (value as number) : DEFAULT_ROUND_SERVICE[field];
}

/** Records a DUPLICATE_ID issue when `id` is in `seen`; adds it. */
function checkUniqueId(issues: IssueCollector, seen: Set<string>, field: string, id: string, what: string): void {
  if (seen.has(id)) issues.add('DUPLICATE_ID', field, `must be unique among ${what}`, id);
  seen.add(id);
}

function checkOrder(issues: IssueCollector, f: string, o: unknown, seen: Set<string>): o is RoundOrder {
  if (!issues.checkObject(f, o)) return false;
  const before = issues.numFound;
  if (issues.checkNonEmptyString(`${f}.id`, o.id)) checkUniqueId(issues, seen, `${f}.id`, o.id, 'orders');
  issues.checkNonEmptyString(`${f}.storeId`, o.storeId);
  issues.checkLngLat(`${f}.dropOff`, o.dropOff);
  const placedAt = issues.checkEpochSeconds(`${f}.placedAt`, o.placedAt) ? o.placedAt : undefined;
  if (issues.checkEpochSeconds(`${f}.readyAt`, o.readyAt) && placedAt !== undefined && o.readyAt < placedAt) {
    issues.invalid(`${f}.readyAt`, `must be ≥ placedAt (${placedAt})`, o.readyAt);
  }
  if (issues.checkEpochSeconds(`${f}.promisedBy`, o.promisedBy) && placedAt !== undefined && o.promisedBy <= placedAt) {
    issues.invalid(`${f}.promisedBy`, `must be greater than placedAt (${placedAt})`, o.promisedBy);
  }
  return issues.numFound === before;
}

function checkRider(issues: IssueCollector, f: string, r: unknown, seen: Set<string>): r is RoundRider {
  if (!issues.checkObject(f, r)) return false;
  const before = issues.numFound;
  if (issues.checkNonEmptyString(`${f}.id`, r.id)) checkUniqueId(issues, seen, `${f}.id`, r.id, 'riders');
  issues.checkLngLat(`${f}.position`, r.position);
  if (r.freePosition !== undefined) issues.checkLngLat(`${f}.freePosition`, r.freePosition);
  issues.checkEpochSeconds(`${f}.freeAt`, r.freeAt);
  issues.checkEpochSeconds(`${f}.offAt`, r.offAt);
  issues.checkNonNegativeInteger(`${f}.ordersSoFar`, r.ordersSoFar);
  const g = r.guaranteedOrders;
  if (g !== undefined && !(typeof g === 'number' && g >= 0)) issues.invalid(`${f}.guaranteedOrders`, 'must be a number ≥ 0 (Infinity: no guarantee)', g);
  if (r.mode !== undefined) issues.checkOneOf(`${f}.mode`, r.mode, RIDER_MODES);
  return issues.numFound === before;
}

/** An H3Regions, or an object with its two methods (a copy of the class from another bundle). */
function isRegions(value: unknown): value is H3Regions {
  if (value instanceof H3Regions) return true;
  const v = value as Partial<H3Regions> | null;
  return typeof v === 'object' && v !== null && typeof v.regionOf === 'function' && typeof v.regionsNear === 'function';
}
