/**
 * Candidate riders near a point: the nearest riders who are idle, on shift and have room in the
 * bag. Positions change every few seconds; the locator keeps them in geo's MovingPointIndex
 * (millions of updates per second) and answers k-nearest queries among the available riders.
 */
import { MovingPointIndex, assertLngLat, type LngLat } from '@o2o/geo';
import { DispatchInputError } from '../errors.js';
import type { EpochSeconds } from '../model/epoch-seconds.js';
import type { RiderIdx } from '../model/ids.js';
import { RIDER_STATUSES, type Rider, type RiderStatus } from '../model/rider.js';

/** One candidate rider, nearest first. */
export interface RiderCandidate {
  readonly riderIdx: RiderIdx;
  readonly riderId: string;
  /** Great-circle distance from the rider to the query point, metres. */
  readonly distanceM: number;
}

/** Options of {@link RiderLocator.nearestAvailable}. */
export interface RiderQueryOptions {
  /** Riders wanted. Default 5. */
  readonly k?: number;
  /** Farthest rider considered, metres. Default unlimited. */
  readonly maxDistanceM?: number;
  /** Only riders on shift at this time (shiftStart ≤ at < shiftEnd). Default: shifts not checked. */
  readonly atSec?: EpochSeconds;
  /** Only riders with at least this much free capacity (bag units). Default 0. */
  readonly minFreeCapacity?: number;
}

/**
 * A live rider registry for candidate search: `move` a rider as positions stream in, `setStatus`
 * as the lifecycle moves, `setLoad` as orders are picked up and delivered. Only `idle` riders
 * are returned.
 */
export class RiderLocator {
  private readonly riders: readonly Rider[];
  private readonly index = new MovingPointIndex();
  private readonly idxById = new Map<string, RiderIdx>();
  private readonly slotOf: Int32Array;
  private readonly riderOfSlot: Int32Array;
  private readonly status: Uint8Array;
  private readonly load: Int32Array;

  /** @throws {DispatchInputError} on duplicate rider ids. */
  constructor(riders: readonly Rider[]) {
    this.riders = [...riders];
    this.slotOf = new Int32Array(riders.length);
    this.riderOfSlot = new Int32Array(riders.length);
    this.status = new Uint8Array(riders.length);
    this.load = new Int32Array(riders.length);
    riders.forEach((r, i) => {
      if (this.idxById.has(r.id)) throw new DispatchInputError('DUPLICATE_ID', `riders[${i}].id`, 'must be unique among riders', r.id);
      this.idxById.set(r.id, i);
      const slot = this.index.add(r.position[0], r.position[1], r.id);
      this.slotOf[i] = slot;
      this.riderOfSlot[slot] = i;
      this.applyStatus(i, r.status);
    });
  }

  get numRiders(): number {
    return this.riders.length;
  }

  /** Dense index of a rider id. @throws {DispatchInputError} for an unknown id. */
  riderIdx(riderId: string): RiderIdx {
    const idx = this.idxById.get(riderId);
    if (idx === undefined) throw new DispatchInputError('UNKNOWN_REFERENCE', 'riderId', 'must name a known rider', riderId);
    return idx;
  }

  /** Moves a rider to a new position (validated). */
  move(riderId: string, position: LngLat): void {
    const idx = this.riderIdx(riderId);
    assertLngLat('position', position);
    this.index.update(this.slotOf[idx]!, position[0], position[1]);
  }

  /** Current position of a rider. */
  positionOf(riderId: string): LngLat {
    const slot = this.slotOf[this.riderIdx(riderId)]!;
    return [this.index.lngOf(slot), this.index.latOf(slot)];
  }

  /** Sets a rider's status; only `idle` riders are candidates. */
  setStatus(riderId: string, status: RiderStatus): void {
    if (!(RIDER_STATUSES as readonly string[]).includes(status)) {
      throw new DispatchInputError('INVALID_INPUT', 'status', `must be one of ${RIDER_STATUSES.join(', ')}`, status);
    }
    this.applyStatus(this.riderIdx(riderId), status);
  }

  /** Current status of a rider. */
  statusOf(riderId: string): RiderStatus {
    return RIDER_STATUSES[this.status[this.riderIdx(riderId)]!]!;
  }

  /** Sets the bag units a rider carries now (0 ≤ load ≤ capacity). */
  setLoad(riderId: string, load: number): void {
    const idx = this.riderIdx(riderId);
    const capacity = this.riders[idx]!.capacity;
    if (!Number.isInteger(load) || load < 0 || load > capacity) {
      throw new DispatchInputError('INVALID_INPUT', 'load', `must be an integer in [0, ${capacity}] (the rider's capacity)`, load);
    }
    this.load[idx] = load;
  }

  /** The nearest available riders to (lng, lat), nearest first. */
  nearestAvailable(lng: number, lat: number, options: RiderQueryOptions = {}): RiderCandidate[] {
    const { k = 5, maxDistanceM = Infinity, atSec, minFreeCapacity = 0 } = options;
    const filter = (slot: number): boolean => {
      const r = this.riderOfSlot[slot]!;
      const rider = this.riders[r]!;
      if (atSec !== undefined && (atSec < rider.shiftStart || atSec >= rider.shiftEnd)) return false;
      return rider.capacity - this.load[r]! >= minFreeCapacity;
    };
    return this.index.nearestWithDistances(lng, lat, k, maxDistanceM, filter).map((n) => {
      const riderIdx = this.riderOfSlot[n.idx]!;
      return { riderIdx, riderId: this.riders[riderIdx]!.id, distanceM: n.distanceM };
    });
  }

  private applyStatus(idx: RiderIdx, status: RiderStatus): void {
    this.status[idx] = RIDER_STATUSES.indexOf(status);
    this.index.setActive(this.slotOf[idx]!, status === 'idle');
  }
}
