/**
 * Validates a {@link ProblemInput} once and packs it into a {@link ProblemData}. Every broken rule
 * is reported (one DispatchInputError listing them all), each naming the field, the rule and the
 * value: `shipments[4].delivery.timeWindow must be [start, end] with start <= end, got [900, 600]`.
 */
import { IssueCollector } from '../model/issue-collector.js';
import {
  ProblemData,
  STOP_DELIVERY,
  STOP_JOB_DELIVERY,
  STOP_JOB_PICKUP,
  STOP_PICKUP,
  W_DISTANCE,
  W_DURATION,
  W_FIXED,
  W_LATENESS,
  W_TRAVEL,
} from './problem-data.js';
import type { JobInput, ProblemInput, ShipmentInput, StopInput, VehicleInput } from './problem-input.js';

/** A built problem: the packed data plus the external ids for output. */
export interface BuiltProblem {
  readonly data: ProblemData;
  readonly input: ProblemInput;
  readonly vehicleIds: readonly string[];
  /** Id of each request (job or shipment). */
  readonly requestIds: readonly string[];
  readonly requestIsShipment: readonly boolean[];
  /** Index in `input.jobs` or `input.shipments` of each request. */
  readonly requestInputIdx: readonly number[];
}

const INT32_MAX = 2_147_483_647;

/** Options of {@link buildProblem}. */
export interface BuildProblemOptions {
  /** Pack into a SharedArrayBuffer, for worker threads. Default false. */
  readonly shared?: boolean;
}

/**
 * Validates and packs a problem.
 * @throws {DispatchInputError} listing every broken rule.
 */
export function buildProblem(input: ProblemInput, options: BuildProblemOptions = {}): BuiltProblem {
  const c = new IssueCollector();
  if (!c.checkObject('problem', input)) c.throwIfAny();
  const n = input.numLocations;
  if (!c.checkPositiveInteger('numLocations', n)) c.throwIfAny();
  checkMatrix(c, 'durationMatrix', input.durationMatrix, n, true);
  if (input.distanceMatrix !== undefined) checkMatrix(c, 'distanceMatrix', input.distanceMatrix, n, false);
  const vehicles = input.vehicles;
  const jobs = input.jobs ?? [];
  const shipments = input.shipments ?? [];
  if (!c.checkArray('vehicles', vehicles) || !c.checkArray('jobs', jobs) || !c.checkArray('shipments', shipments)) c.throwIfAny();
  c.throwIfAny();

  const numDims = vehicles[0]?.capacity?.length ?? Math.max(0, ...jobs.map((j) => j.demand?.length ?? 0), ...shipments.map((s) => s.demand?.length ?? 0));
  const skillBit = new Map<number, number>();
  const collectSkills = (field: string, skills: readonly number[] | undefined) => {
    if (skills === undefined) return;
    if (!c.checkArray(field, skills)) return;
    skills.forEach((s, i) => {
      if (c.checkNonNegativeInteger(`${field}[${i}]`, s) && !skillBit.has(s)) skillBit.set(s, skillBit.size);
    });
  };

  const vehicleIds: string[] = [];
  const seenVehicle = new Map<string, number>();
  vehicles.forEach((v, i) => checkVehicle(c, `vehicles[${i}]`, v, n, numDims, seenVehicle, i, collectSkills));
  for (const v of vehicles) vehicleIds.push(v?.id);

  const requestIdx = new Map<string, number>();
  const checkId = (field: string, id: unknown, r: number) => {
    if (!c.checkNonEmptyString(field, id)) return;
    if (requestIdx.has(id)) c.add('DUPLICATE_ID', field, 'must be unique among jobs and shipments', id);
    else requestIdx.set(id, r);
  };
  jobs.forEach((j, i) => {
    const f = `jobs[${i}]`;
    if (!c.checkObject(f, j)) return;
    checkId(`${f}.id`, j.id, i);
    checkStop(c, f, j, n);
    if (j.kind !== undefined) c.checkOneOf(`${f}.kind`, j.kind, ['delivery', 'pickup']);
    checkDemand(c, `${f}.demand`, j.demand, numDims);
    collectSkills(`${f}.skills`, j.skills);
    checkPenalty(c, `${f}.unassignedPenalty`, j.unassignedPenalty);
  });
  shipments.forEach((s, i) => {
    const f = `shipments[${i}]`;
    if (!c.checkObject(f, s)) return;
    checkId(`${f}.id`, s.id, jobs.length + i);
    if (c.checkObject(`${f}.pickup`, s.pickup)) checkStop(c, `${f}.pickup`, s.pickup, n);
    if (c.checkObject(`${f}.delivery`, s.delivery)) checkStop(c, `${f}.delivery`, s.delivery, n);
    checkDemand(c, `${f}.demand`, s.demand, numDims);
    collectSkills(`${f}.skills`, s.skills);
    if (s.maxRideSec !== undefined && !(typeof s.maxRideSec === 'number' && s.maxRideSec >= 0 && !Number.isNaN(s.maxRideSec))) {
      c.invalid(`${f}.maxRideSec`, 'must be a number of seconds >= 0', s.maxRideSec);
    }
    checkPenalty(c, `${f}.unassignedPenalty`, s.unassignedPenalty);
  });
  c.throwIfAny();

  // Bindings: on-board shipments and committed stops.
  const onBoardOf = new Map<number, number>(); // shipment request → vehicle
  const committedStops: Array<Array<[number, 'job' | 'pickup' | 'delivery']>> = vehicles.map(() => []);
  const committedBy = new Map<string, number>();
  vehicles.forEach((v, vi) => {
    (v.onBoard ?? []).forEach((id, k) => {
      const f = `vehicles[${vi}].onBoard[${k}]`;
      const r = requestIdx.get(id);
      if (r === undefined || r < jobs.length) c.add('UNKNOWN_REFERENCE', f, 'must name a shipment', id);
      else if (onBoardOf.has(r)) c.invalid(f, `must not be on board two vehicles (also on ${vehicleIds[onBoardOf.get(r)!]})`, id);
      else onBoardOf.set(r, vi);
    });
  });
  vehicles.forEach((v, vi) => {
    (v.committed ?? []).forEach((ref, k) => {
      const f = `vehicles[${vi}].committed[${k}]`;
      const [id, part] = typeof ref === 'string' && /:(pickup|delivery)$/.test(ref) ? [ref.slice(0, ref.lastIndexOf(':')), ref.slice(ref.lastIndexOf(':') + 1) as 'pickup' | 'delivery'] : [ref, 'job' as const];
      const r = requestIdx.get(id);
      if (r === undefined || (part === 'job') !== r < jobs.length) {
        c.add('UNKNOWN_REFERENCE', f, "must be a job id, or '<shipment id>:pickup' / '<shipment id>:delivery'", ref);
        return;
      }
      if (committedBy.has(ref)) c.invalid(f, 'must not be committed twice', ref);
      committedBy.set(ref, vi);
      if (part === 'pickup' && onBoardOf.has(r)) c.invalid(f, 'must not commit the pickup of a shipment already on board', ref);
      if (part !== 'job' && onBoardOf.has(r) && onBoardOf.get(r) !== vi) c.invalid(f, `must be on the vehicle that has the shipment on board (${vehicleIds[onBoardOf.get(r)!]})`, ref);
      committedStops[vi]!.push([r, part]);
    });
    const list = committedStops[vi]!;
    for (const [r, part] of list) {
      if (part !== 'delivery' || onBoardOf.has(r)) continue;
      const id = shipments[r - jobs.length]!.id;
      const pickupAt = list.findIndex(([r2, p2]) => r2 === r && p2 === 'pickup');
      const deliveryAt = list.findIndex(([r2, p2]) => r2 === r && p2 === 'delivery');
      if (pickupAt < 0 || pickupAt > deliveryAt) c.invalid(`vehicles[${vi}].committed`, `must commit the pickup of ${id} before its delivery (or have it on board)`, `${id}:delivery`);
    }
    for (const [r, part] of list) {
      if (part !== 'pickup') continue;
      if (committedBy.has(`${shipments[r - jobs.length]!.id}:delivery`) && committedBy.get(`${shipments[r - jobs.length]!.id}:delivery`) !== vi) {
        c.invalid(`vehicles[${vi}].committed`, 'must keep both stops of a shipment on one vehicle', shipments[r - jobs.length]!.id);
      }
    }
  });
  c.throwIfAny();

  const numRequests = jobs.length + shipments.length;
  let numStops = jobs.length;
  shipments.forEach((_, i) => (numStops += onBoardOf.has(jobs.length + i) ? 1 : 2));
  const numLockedStops = committedStops.reduce((s, l) => s + l.length, 0);
  const skillWords = Math.max(1, Math.ceil(skillBit.size / 32));
  const data = ProblemData.allocate(
    { numLocations: n, numStops, numRequests, numVehicles: vehicles.length, numDims, skillWords, numLockedStops, hasDistance: input.distanceMatrix !== undefined },
    options.shared === true,
  );
  data.durationMatrix.set(input.durationMatrix);
  if (input.distanceMatrix !== undefined) data.distanceMatrix.set(input.distanceMatrix);
  const w = input.objective ?? {};
  data.weights[W_DURATION] = w.durationSec ?? 1;
  data.weights[W_TRAVEL] = w.travelSec ?? 0;
  data.weights[W_DISTANCE] = w.distanceM ?? 0;
  data.weights[W_LATENESS] = w.lateness ?? 1;
  data.weights[W_FIXED] = w.fixedCost ?? 1;
  checkWeights(c, w as Record<string, unknown>);
  c.throwIfAny();

  const setSkills = (arr: Uint32Array, row: number, skills: readonly number[] | undefined) => {
    for (const s of skills ?? []) {
      const bit = skillBit.get(s)!;
      arr[row * skillWords + (bit >>> 5)] = arr[row * skillWords + (bit >>> 5)]! | (1 << (bit & 31));
    }
  };
  const requestIds: string[] = [];
  const requestIsShipment: boolean[] = [];
  const requestInputIdx: number[] = [];
  const stopOf = new Map<string, number>(); // "r:part" → stop
  let s = 0;
  const writeStop = (stop: StopInput, r: number, kind: number, demandSign: number, demand: readonly number[] | undefined, respectsShift: boolean) => {
    data.stopLoc[s] = stop.location;
    data.twStart[s] = stop.timeWindow?.[0] ?? -Infinity;
    data.twEnd[s] = stop.timeWindow?.[1] ?? Infinity;
    data.serviceSec[s] = stop.serviceSec ?? 0;
    data.softDueAt[s] = stop.softDueAt ?? Infinity;
    data.lateCostPerSec[s] = stop.softDueAt === undefined ? 0 : (stop.latenessCostPerSec ?? 1);
    for (let d = 0; d < numDims; d++) data.demand[s * numDims + d] = demandSign * (demand?.[d] ?? 0);
    data.requestOfStop[s] = r;
    data.stopKind[s] = kind;
    data.respectsShift[s] = respectsShift ? 1 : 0;
    data.sibling[s] = -1;
    return s++;
  };
  jobs.forEach((j, i) => {
    const r = i;
    requestIds.push(j.id);
    requestIsShipment.push(false);
    requestInputIdx.push(i);
    data.requestFirstStop[r] = s;
    data.requestNumStops[r] = 1;
    const isPickup = j.kind === 'pickup';
    stopOf.set(`${r}:job`, writeStop(j, r, isPickup ? STOP_JOB_PICKUP : STOP_JOB_DELIVERY, isPickup ? 1 : -1, j.demand, true));
    data.maxRideSec[r] = Infinity;
    data.penalty[r] = j.unassignedPenalty ?? Infinity;
    data.boundVehicle[r] = -1;
    setSkills(data.requestSkills, r, j.skills);
  });
  shipments.forEach((sh, i) => {
    const r = jobs.length + i;
    requestIds.push(sh.id);
    requestIsShipment.push(true);
    requestInputIdx.push(i);
    data.requestFirstStop[r] = s;
    const carrier = onBoardOf.get(r);
    if (carrier !== undefined) {
      // Picked up already: only the delivery remains, loaded from the start, like a depot delivery.
      data.requestNumStops[r] = 1;
      stopOf.set(`${r}:delivery`, writeStop(sh.delivery, r, STOP_JOB_DELIVERY, -1, sh.demand, false));
      data.maxRideSec[r] = Infinity;
    } else {
      data.requestNumStops[r] = 2;
      const p = writeStop(sh.pickup, r, STOP_PICKUP, 1, sh.demand, true);
      const d = writeStop(sh.delivery, r, STOP_DELIVERY, -1, sh.demand, false);
      data.sibling[p] = d;
      data.sibling[d] = p;
      stopOf.set(`${r}:pickup`, p);
      stopOf.set(`${r}:delivery`, d);
      data.maxRideSec[r] = sh.maxRideSec ?? Infinity;
    }
    data.penalty[r] = sh.unassignedPenalty ?? Infinity;
    data.boundVehicle[r] = carrier ?? -1;
    setSkills(data.requestSkills, r, sh.skills);
  });

  let locked = 0;
  vehicles.forEach((v, vi) => {
    data.vehStartLoc[vi] = v.startLocation;
    data.vehEndLoc[vi] = v.endLocation ?? -1;
    data.vehStartAt[vi] = v.startAt ?? 0;
    data.vehShiftEndAt[vi] = v.shiftEndAt ?? Infinity;
    data.vehEndBy[vi] = v.endBy ?? Infinity;
    data.vehFixedCost[vi] = v.fixedCost ?? 0;
    for (let d = 0; d < numDims; d++) data.vehCapacity[vi * numDims + d] = v.capacity[d]!;
    data.vehBagLimit[vi] = v.bagLimit ?? INT32_MAX;
    setSkills(data.vehSkills, vi, v.skills);
    data.vehLockedStart[vi] = locked;
    for (const [r, part] of committedStops[vi]!) {
      data.lockedStops[locked++] = stopOf.get(`${r}:${part}`)!;
      data.boundVehicle[r] = vi;
    }
  });
  data.vehLockedStart[vehicles.length] = locked;
  // A shipment whose pickup is committed but whose delivery is not: only the delivery is left to
  // place (after the locked prefix, on that vehicle). On-board and committed orders must be served.
  const isLocked = new Uint8Array(numStops);
  for (let i = 0; i < locked; i++) isLocked[data.lockedStops[i]!] = 1;
  for (let r = jobs.length; r < numRequests; r++) {
    const first = data.requestFirstStop[r]!;
    if (data.requestNumStops[r] === 2 && isLocked[first] === 1 && isLocked[data.sibling[first]!] === 0) {
      data.requestFirstStop[r] = data.sibling[first]!;
      data.requestNumStops[r] = 1;
    }
    if (data.boundVehicle[r]! >= 0) data.penalty[r] = Infinity;
  }
  return { data, input, vehicleIds, requestIds, requestIsShipment, requestInputIdx };
}

function checkMatrix(c: IssueCollector, field: string, m: unknown, n: number, required: boolean): void {
  if (m === undefined && !required) return;
  if (!(m instanceof Int32Array) && !Array.isArray(m)) {
    c.invalid(field, 'must be an Int32Array or an array of numbers', m);
    return;
  }
  const arr = m as ArrayLike<number>;
  if (arr.length !== n * n) {
    c.invalid(`${field}.length`, `must be numLocations² = ${n * n}`, arr.length);
    return;
  }
  if (m instanceof Int32Array) {
    for (let i = 0; i < arr.length; i++) if (arr[i]! < 0) return c.invalid(`${field}[${i}]`, 'must be >= 0', arr[i]);
    return;
  }
  for (let i = 0; i < arr.length; i++) {
    const x = arr[i]!;
    if (!Number.isInteger(x) || x < 0 || x > INT32_MAX) return c.invalid(`${field}[${i}] (row ${Math.floor(i / n)}, column ${i % n})`, `must be an integer in [0, ${INT32_MAX}]`, x);
  }
}

function isTime(x: unknown): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x);
}

function checkLocation(c: IssueCollector, field: string, loc: unknown, n: number): void {
  if (!(typeof loc === 'number' && Number.isInteger(loc) && loc >= 0 && loc < n)) c.invalid(field, `must be a location index in [0, ${n - 1}]`, loc);
}

function checkStop(c: IssueCollector, f: string, stop: StopInput, n: number): void {
  checkLocation(c, `${f}.location`, stop.location, n);
  if (stop.serviceSec !== undefined) c.checkNonNegativeInteger(`${f}.serviceSec`, stop.serviceSec);
  const tw = stop.timeWindow;
  if (tw !== undefined) {
    if (!Array.isArray(tw) || tw.length !== 2 || !isTime(tw[0]) || !(isTime(tw[1]) || tw[1] === Infinity) || tw[0] > tw[1]) {
      c.invalid(`${f}.timeWindow`, 'must be [start, end] of integer times with start <= end', tw);
    }
  }
  if (stop.softDueAt !== undefined && !isTime(stop.softDueAt)) c.invalid(`${f}.softDueAt`, 'must be an integer time', stop.softDueAt);
  if (stop.latenessCostPerSec !== undefined && !(typeof stop.latenessCostPerSec === 'number' && Number.isFinite(stop.latenessCostPerSec) && stop.latenessCostPerSec >= 0)) {
    c.invalid(`${f}.latenessCostPerSec`, 'must be a finite number >= 0', stop.latenessCostPerSec);
  }
}

function checkDemand(c: IssueCollector, field: string, demand: readonly number[] | undefined, numDims: number): void {
  if (demand === undefined) return;
  if (!Array.isArray(demand) || demand.length !== numDims) {
    c.invalid(field, `must be an array of ${numDims} amounts (one per capacity dimension)`, demand);
    return;
  }
  demand.forEach((q, d) => {
    if (!(Number.isInteger(q) && q >= 0 && q <= INT32_MAX)) c.invalid(`${field}[${d}]`, 'must be an integer >= 0', q);
  });
}

function checkPenalty(c: IssueCollector, field: string, p: unknown): void {
  if (p !== undefined && !(typeof p === 'number' && Number.isFinite(p) && p >= 0)) c.invalid(field, 'must be a finite number >= 0 (omit it for a mandatory job)', p);
}

function checkWeights(c: IssueCollector, w: Record<string, unknown>): void {
  for (const key of ['durationSec', 'travelSec', 'distanceM', 'lateness', 'fixedCost']) {
    const x = w[key];
    if (x !== undefined && !(typeof x === 'number' && Number.isFinite(x) && x >= 0)) c.invalid(`objective.${key}`, 'must be a finite number >= 0', x);
  }
}

function checkVehicle(
  c: IssueCollector,
  f: string,
  v: VehicleInput,
  n: number,
  numDims: number,
  seen: Map<string, number>,
  i: number,
  collectSkills: (field: string, skills: readonly number[] | undefined) => void,
): void {
  if (!c.checkObject(f, v)) return;
  if (c.checkNonEmptyString(`${f}.id`, v.id)) {
    if (seen.has(v.id)) c.add('DUPLICATE_ID', `${f}.id`, `must be unique among vehicles (also vehicles[${seen.get(v.id)}])`, v.id);
    else seen.set(v.id, i);
  }
  checkLocation(c, `${f}.startLocation`, v.startLocation, n);
  if (v.endLocation !== undefined) checkLocation(c, `${f}.endLocation`, v.endLocation, n);
  const startAt = v.startAt ?? 0;
  if (!isTime(startAt)) c.invalid(`${f}.startAt`, 'must be an integer time', v.startAt);
  for (const key of ['shiftEndAt', 'endBy'] as const) {
    const t = v[key];
    if (t !== undefined && !(isTime(t) && (!isTime(startAt) || t >= startAt))) c.invalid(`${f}.${key}`, `must be an integer time >= startAt (${startAt})`, t);
  }
  if (!Array.isArray(v.capacity) || v.capacity.length !== numDims) {
    c.invalid(`${f}.capacity`, `must be an array of ${numDims} amounts (the same dimensions for every vehicle)`, v.capacity);
  } else {
    v.capacity.forEach((q, d) => {
      if (!(Number.isInteger(q) && q >= 0 && q <= INT32_MAX)) c.invalid(`${f}.capacity[${d}]`, 'must be an integer >= 0', q);
    });
  }
  if (v.bagLimit !== undefined) c.checkPositiveInteger(`${f}.bagLimit`, v.bagLimit);
  if (v.fixedCost !== undefined && !(typeof v.fixedCost === 'number' && Number.isFinite(v.fixedCost) && v.fixedCost >= 0)) c.invalid(`${f}.fixedCost`, 'must be a finite number >= 0', v.fixedCost);
  collectSkills(`${f}.skills`, v.skills);
  if (v.onBoard !== undefined) c.checkArray(`${f}.onBoard`, v.onBoard);
  if (v.committed !== undefined) c.checkArray(`${f}.committed`, v.committed);
}

export type { JobInput, ShipmentInput };
