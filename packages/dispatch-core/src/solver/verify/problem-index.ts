/**
 * @internal The problem input looked up by id for the solution checker, with the defaults of
 * `problem-input.ts` applied in one place. Malformed input (what `buildProblem` would reject) is
 * reported as `input` violations, and the checker carries on with what it can read.
 */
import type {
  JobInput,
  ObjectiveWeights,
  ProblemInput,
  ShipmentInput,
  StopInput,
  VehicleInput,
} from '../problem-input.js';
import { show, type ViolationList } from './violations.js';

/** Objective weights with their documented defaults. */
export type Weights = Required<ObjectiveWeights>;

export interface ProblemIndex {
  readonly input: ProblemInput;
  readonly numLocations: number;
  readonly jobs: ReadonlyMap<string, JobInput>;
  readonly shipments: ReadonlyMap<string, ShipmentInput>;
  readonly vehicles: ReadonlyMap<string, VehicleInput>;
  /** Shipment id → id of the vehicle that has it on board. */
  readonly onBoardOwner: ReadonlyMap<string, string>;
  readonly weights: Weights;
}

/** Indexes `input`, reporting duplicate ids, bad locations and bad on-board lists into `out`. */
export function indexProblem(input: ProblemInput, out: ViolationList): ProblemIndex {
  const n = input.numLocations;
  if (input.durationMatrix.length !== n * n) {
    out.add('input', `durationMatrix has ${input.durationMatrix.length} entries, expected ${n}×${n} = ${n * n}`);
  }
  if (input.distanceMatrix !== undefined && input.distanceMatrix.length !== n * n) {
    out.add('input', `distanceMatrix has ${input.distanceMatrix.length} entries, expected ${n}×${n} = ${n * n}`);
  }
  const checkLocation = (field: string, location: number | undefined): void => {
    if (location !== undefined && !isLocation(n, location)) {
      out.add('input', `${field} must be a matrix index in [0, ${n}), got ${show(location)}`);
    }
  };
  const jobs = byId('jobs', input.jobs ?? [], out);
  const shipments = byId('shipments', input.shipments ?? [], out);
  const vehicles = byId('vehicles', input.vehicles, out);
  (input.jobs ?? []).forEach((j, i) => checkLocation(`jobs[${i}].location`, j.location));
  (input.shipments ?? []).forEach((s, i) => {
    checkLocation(`shipments[${i}].pickup.location`, s.pickup.location);
    checkLocation(`shipments[${i}].delivery.location`, s.delivery.location);
  });
  input.vehicles.forEach((v, i) => {
    checkLocation(`vehicles[${i}].startLocation`, v.startLocation);
    checkLocation(`vehicles[${i}].endLocation`, v.endLocation);
  });
  return {
    input,
    numLocations: n,
    jobs,
    shipments,
    vehicles,
    onBoardOwner: indexOnBoard(input.vehicles, shipments, out),
    weights: weightsOf(input.objective),
  };
}

function byId<T extends { readonly id: string }>(field: string, items: readonly T[], out: ViolationList): Map<string, T> {
  const map = new Map<string, T>();
  items.forEach((item, i) => {
    if (map.has(item.id)) out.add('input', `${field}[${i}].id ${show(item.id)} is used twice in ${field}`);
    else map.set(item.id, item);
  });
  return map;
}

function indexOnBoard(
  vehicles: readonly VehicleInput[],
  shipments: ReadonlyMap<string, ShipmentInput>,
  out: ViolationList,
): Map<string, string> {
  const owner = new Map<string, string>();
  for (const v of vehicles) {
    for (const id of v.onBoard ?? []) {
      const other = owner.get(id);
      if (!shipments.has(id)) out.add('input', `vehicle ${v.id}: onBoard lists unknown shipment ${show(id)}`);
      else if (other !== undefined) out.add('input', `vehicle ${v.id}: shipment ${id} is already on board vehicle ${other}`);
      else owner.set(id, v.id);
    }
  }
  return owner;
}

function weightsOf(w: ObjectiveWeights | undefined): Weights {
  return {
    durationSec: w?.durationSec ?? 1,
    travelSec: w?.travelSec ?? 0,
    distanceM: w?.distanceM ?? 0,
    lateness: w?.lateness ?? 1,
    fixedCost: w?.fixedCost ?? 1,
  };
}

/** True for an integer row/column of the matrices. */
export function isLocation(numLocations: number, location: unknown): location is number {
  return typeof location === 'number' && Number.isInteger(location) && location >= 0 && location < numLocations;
}

/** Travel duration, seconds (NaN for a bad location, already reported as `input`). */
export function travelSecOf(index: ProblemIndex, from: number, to: number): number {
  return matrixValue(index, index.input.durationMatrix, from, to);
}

/** Travel distance, metres; 0 without a distance matrix. */
export function distanceMOf(index: ProblemIndex, from: number, to: number): number {
  const m = index.input.distanceMatrix;
  return m === undefined ? 0 : matrixValue(index, m, from, to);
}

function matrixValue(index: ProblemIndex, m: Int32Array | readonly number[], from: number, to: number): number {
  const n = index.numLocations;
  if (!isLocation(n, from) || !isLocation(n, to)) return Number.NaN;
  return m[from * n + to] ?? Number.NaN;
}

/** Demand in dimension `d` (missing entries are 0). */
export function demandOf(demand: readonly number[] | undefined, d: number): number {
  return demand?.[d] ?? 0;
}

/** Lateness cost per second of a stop, before the objective's `lateness` weight. */
export function latenessCostPerSecOf(stop: StopInput): number {
  return stop.softDueAt === undefined ? 0 : (stop.latenessCostPerSec ?? 1);
}
