/**
 * The problem as the solver sees it: dense indices and typed arrays over one buffer (an
 * `ArrayBuffer`, or a `SharedArrayBuffer` that worker threads map with zero copies through
 * {@link ProblemData.fromBuffer}). Built and validated by `buildProblem`; immutable afterwards.
 *
 * Indices: a *stop* is one visit (a job's stop, a shipment's pickup or delivery); a *request* is
 * what is assigned as a whole (a job or a shipment); a *vehicle* is a rider. Locations index the
 * matrices. Times are numbers on the problem's clock (integers), stored as Float64.
 */

/** Stop kinds. */
export const STOP_JOB_DELIVERY = 0; // single job loaded at the start (classic VRP customer), or an on-board delivery
export const STOP_JOB_PICKUP = 1; // single job collected and carried to the end
export const STOP_PICKUP = 2; // shipment pickup
export const STOP_DELIVERY = 3; // shipment delivery

const MAGIC = 0x4f32_4f50; // "O2OP"
const VERSION = 1;
const HEADER_INTS = 16;

/** Counts that fix the buffer layout. */
export interface ProblemCounts {
  readonly numLocations: number;
  readonly numStops: number;
  readonly numRequests: number;
  readonly numVehicles: number;
  readonly numDims: number;
  readonly skillWords: number;
  readonly numLockedStops: number;
  readonly hasDistance: boolean;
}

type Section =
  | ['f64', 'twStart' | 'twEnd' | 'serviceSec' | 'softDueAt' | 'lateCostPerSec' | 'maxRideSec' | 'penalty' | 'vehStartAt' | 'vehShiftEndAt' | 'vehEndBy' | 'vehFixedCost' | 'weights']
  | ['i32', 'durationMatrix' | 'distanceMatrix' | 'stopLoc' | 'demand' | 'sibling' | 'requestOfStop' | 'requestFirstStop' | 'boundVehicle' | 'vehStartLoc' | 'vehEndLoc' | 'vehCapacity' | 'vehBagLimit' | 'vehLockedStart' | 'lockedStops']
  | ['u8', 'stopKind' | 'requestNumStops' | 'respectsShift']
  | ['u32', 'requestSkills' | 'vehSkills'];

function sections(c: ProblemCounts): Array<[Section, number]> {
  const n2 = c.numLocations * c.numLocations;
  return [
    [['i32', 'durationMatrix'], n2],
    [['i32', 'distanceMatrix'], c.hasDistance ? n2 : 0],
    [['f64', 'weights'], 8],
    [['i32', 'stopLoc'], c.numStops],
    [['f64', 'twStart'], c.numStops],
    [['f64', 'twEnd'], c.numStops],
    [['f64', 'serviceSec'], c.numStops],
    [['f64', 'softDueAt'], c.numStops],
    [['f64', 'lateCostPerSec'], c.numStops],
    [['i32', 'demand'], c.numStops * c.numDims],
    [['i32', 'sibling'], c.numStops],
    [['i32', 'requestOfStop'], c.numStops],
    [['u8', 'stopKind'], c.numStops],
    [['u8', 'respectsShift'], c.numStops],
    [['i32', 'requestFirstStop'], c.numRequests],
    [['u8', 'requestNumStops'], c.numRequests],
    [['f64', 'maxRideSec'], c.numRequests],
    [['f64', 'penalty'], c.numRequests],
    [['i32', 'boundVehicle'], c.numRequests],
    [['u32', 'requestSkills'], c.numRequests * c.skillWords],
    [['i32', 'vehStartLoc'], c.numVehicles],
    [['i32', 'vehEndLoc'], c.numVehicles],
    [['f64', 'vehStartAt'], c.numVehicles],
    [['f64', 'vehShiftEndAt'], c.numVehicles],
    [['f64', 'vehEndBy'], c.numVehicles],
    [['f64', 'vehFixedCost'], c.numVehicles],
    [['i32', 'vehCapacity'], c.numVehicles * c.numDims],
    [['i32', 'vehBagLimit'], c.numVehicles],
    [['u32', 'vehSkills'], c.numVehicles * c.skillWords],
    [['i32', 'vehLockedStart'], c.numVehicles + 1],
    [['i32', 'lockedStops'], c.numLockedStops],
  ];
}

const BYTES = { f64: 8, i32: 4, u8: 1, u32: 4 } as const;

/** Index of each objective weight in {@link ProblemData.weights}. */
export const W_DURATION = 0;
export const W_TRAVEL = 1;
export const W_DISTANCE = 2;
export const W_LATENESS = 3;
export const W_FIXED = 4;

/** The packed problem. Field names match the sections; see `buildProblem` for their meaning. */
export class ProblemData {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
  readonly numLocations: number;
  readonly numStops: number;
  readonly numRequests: number;
  readonly numVehicles: number;
  readonly numDims: number;
  readonly skillWords: number;
  readonly hasDistance: boolean;

  readonly durationMatrix!: Int32Array;
  /** Empty when the problem has no distance matrix. */
  readonly distanceMatrix!: Int32Array;
  /** Objective weights, indexed by W_* constants. */
  readonly weights!: Float64Array;
  readonly stopLoc!: Int32Array;
  readonly twStart!: Float64Array;
  readonly twEnd!: Float64Array;
  readonly serviceSec!: Float64Array;
  /** Infinity when the stop has no soft due time. */
  readonly softDueAt!: Float64Array;
  readonly lateCostPerSec!: Float64Array;
  /** Load change at the stop per dimension (row-major stop × dim): + pick up, − drop. */
  readonly demand!: Int32Array;
  /** The other stop of a shipment, or −1. */
  readonly sibling!: Int32Array;
  readonly requestOfStop!: Int32Array;
  readonly stopKind!: Uint8Array;
  /** 1 when the stop may not start after the vehicle's shift end (jobs, pickups). */
  readonly respectsShift!: Uint8Array;
  readonly requestFirstStop!: Int32Array;
  readonly requestNumStops!: Uint8Array;
  /** Infinity when unlimited. */
  readonly maxRideSec!: Float64Array;
  /** Cost of leaving the request unassigned; Infinity for a mandatory request. */
  readonly penalty!: Float64Array;
  /** The vehicle a request must stay on (on board or committed), or −1. */
  readonly boundVehicle!: Int32Array;
  readonly requestSkills!: Uint32Array;
  readonly vehStartLoc!: Int32Array;
  /** −1 for an open route. */
  readonly vehEndLoc!: Int32Array;
  readonly vehStartAt!: Float64Array;
  /** Infinity when none. */
  readonly vehShiftEndAt!: Float64Array;
  /** Infinity when none. */
  readonly vehEndBy!: Float64Array;
  readonly vehFixedCost!: Float64Array;
  readonly vehCapacity!: Int32Array;
  /** Int32 max when unlimited. */
  readonly vehBagLimit!: Int32Array;
  readonly vehSkills!: Uint32Array;
  /** Locked prefix of vehicle v: lockedStops[vehLockedStart[v] .. vehLockedStart[v + 1]). */
  readonly vehLockedStart!: Int32Array;
  readonly lockedStops!: Int32Array;

  private constructor(buffer: ArrayBuffer | SharedArrayBuffer, c: ProblemCounts) {
    this.buffer = buffer;
    this.numLocations = c.numLocations;
    this.numStops = c.numStops;
    this.numRequests = c.numRequests;
    this.numVehicles = c.numVehicles;
    this.numDims = c.numDims;
    this.skillWords = c.skillWords;
    this.hasDistance = c.hasDistance;
    let offset = HEADER_INTS * 4;
    const self = this as unknown as Record<string, unknown>;
    for (const [[type, name], length] of sections(c)) {
      offset = Math.ceil(offset / BYTES[type]) * BYTES[type];
      self[name] =
        type === 'f64'
          ? new Float64Array(buffer, offset, length)
          : type === 'i32'
            ? new Int32Array(buffer, offset, length)
            : type === 'u32'
              ? new Uint32Array(buffer, offset, length)
              : new Uint8Array(buffer, offset, length);
      offset += length * BYTES[type];
    }
  }

  /** Allocates an empty problem of these counts (used by `buildProblem`). */
  static allocate(c: ProblemCounts, shared = false): ProblemData {
    let bytes = HEADER_INTS * 4;
    for (const [[type], length] of sections(c)) bytes = Math.ceil(bytes / BYTES[type]) * BYTES[type] + length * BYTES[type];
    bytes = Math.ceil(bytes / 8) * 8;
    const buffer = shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
    const header = new Int32Array(buffer, 0, HEADER_INTS);
    header.set([MAGIC, VERSION, c.numLocations, c.numStops, c.numRequests, c.numVehicles, c.numDims, c.skillWords, c.numLockedStops, c.hasDistance ? 1 : 0]);
    return new ProblemData(buffer, c);
  }

  /** Maps a buffer written by {@link allocate} (e.g. received by a worker) without copying. */
  static fromBuffer(buffer: ArrayBuffer | SharedArrayBuffer): ProblemData {
    const h = new Int32Array(buffer, 0, HEADER_INTS);
    if (h[0] !== MAGIC) throw new Error(`not a ProblemData buffer (magic ${h[0]})`);
    if (h[1] !== VERSION) throw new Error(`got ProblemData v${h[1]} data when expected v${VERSION}`);
    return new ProblemData(buffer, {
      numLocations: h[2]!,
      numStops: h[3]!,
      numRequests: h[4]!,
      numVehicles: h[5]!,
      numDims: h[6]!,
      skillWords: h[7]!,
      numLockedStops: h[8]!,
      hasDistance: h[9] === 1,
    });
  }

  /** Travel duration from location a to b. */
  duration(a: number, b: number): number {
    return this.durationMatrix[a * this.numLocations + b]!;
  }

  /** Travel distance from location a to b (0 without a distance matrix). */
  distance(a: number, b: number): number {
    return this.hasDistance ? this.distanceMatrix[a * this.numLocations + b]! : 0;
  }

  /** True when vehicle v has every skill request r needs. */
  vehicleHasSkills(v: number, r: number): boolean {
    const w = this.skillWords;
    for (let i = 0; i < w; i++) {
      const need = this.requestSkills[r * w + i]!;
      if ((need & this.vehSkills[v * w + i]!) !== need) return false;
    }
    return true;
  }

  /**
   * The objective of one used route of vehicle v: duration from its start to `endTime`, travel,
   * distance, lateness cost and fixed cost, each weighted. Every cost in the solver (cached routes,
   * full re-evaluations, operators) goes through this one formula, so deltas are exact.
   */
  routeCost(v: number, endTime: number, travelSec: number, distanceM: number, latenessCost: number, fixedWeight: number = this.weights[W_FIXED]!): number {
    const w = this.weights;
    return (
      w[W_DURATION]! * (endTime - this.vehStartAt[v]!) +
      w[W_TRAVEL]! * travelSec +
      w[W_DISTANCE]! * distanceM +
      w[W_LATENESS]! * latenessCost +
      fixedWeight * this.vehFixedCost[v]!
    );
  }

  /** Latest service start at stop s on vehicle v: its window end, capped by the shift end when it applies. */
  effectiveTwEnd(s: number, v: number): number {
    const end = this.twEnd[s]!;
    return this.respectsShift[s] === 1 ? Math.min(end, this.vehShiftEndAt[v]!) : end;
  }
}
