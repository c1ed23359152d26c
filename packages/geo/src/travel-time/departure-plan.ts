/**
 * The distance a courier covers after leaving at a given instant, as an exact piecewise-quadratic
 * function, and its inverse (the travel time for a route distance).
 *
 * The speed is `v(t) = v0 · (1 − s · (1 − f(t)))`: free-flow speed `v0`, congestion sensitivity
 * `s` and the profile's factor `f`, which is linear between local hour marks. So between two hour
 * marks (or a daylight-saving change) the speed is linear in time and the distance covered is
 * quadratic, solved in closed form. Integrating the speed (instead of scaling a trip by the factor
 * at departure) makes the model FIFO: leaving later never arrives earlier.
 *
 * Pieces are built lazily up to one week after departure. The weekly profile repeats, so longer
 * trips add whole weeks (exact for fixed-offset clocks; daylight-saving changes more than a week
 * after departure are ignored).
 */
import { SEC_PER_HOUR, type LocalClock } from './local-clock.js';
import { hourMarkFactor } from './congestion-profile.js';

/** One week, seconds: the period of the congestion profile. */
export const WEEK_SEC = 7 * 86_400;

/** What a {@link DeparturePlan} needs to know about one travel mode. */
export interface ModeSpeedModel {
  /** Free-flow speed, metres per second (> 0). */
  readonly freeFlowSpeedMps: number;
  /** Share of congestion this mode feels, in [0, 1]. */
  readonly congestionSensitivity: number;
  /** Congestion profile packed by `packCongestionProfile` (48 factors). */
  readonly packedProfile: Float64Array;
  /** True when the speed never changes (flat profile or zero sensitivity). */
  readonly isConstantSpeed: boolean;
  readonly clock: LocalClock;
}

const INITIAL_CAPACITY = 8;

/**
 * A snapshot of a plan's pieces for inlined lookups (matrix kernels). Piece `k` starts
 * `startSec[k]` seconds after departure having covered `startDistM[k]` metres, at `speedMps[k]`,
 * changing by `accelMps2[k]` per second. Valid for route distances up to `coveredDistM`, and stays
 * valid when the plan grows (pieces are append-only); past it call
 * {@link DeparturePlan.travelTimeSec}.
 */
export interface PlanPieces {
  readonly numPieces: number;
  readonly coveredDistM: number;
  readonly startSec: Float64Array;
  readonly startDistM: Float64Array;
  readonly speedMps: Float64Array;
  readonly accelMps2: Float64Array;
}

/**
 * Seconds to cover `remM` metres from the start of a piece (at `startSec`, speed `speedMps`,
 * acceleration `accelMps2`): the root of `v·u + a·u²/2 = remM` in its cancellation-free form,
 * which is exactly `remM / v` when `a` is 0. Shared by every lookup, so they agree to the bit.
 */
export function secInPiece(startSec: number, speedMps: number, accelMps2: number, remM: number): number {
  return startSec + (2 * remM) / (speedMps + Math.sqrt(Math.max(0, speedMps * speedMps + 2 * accelMps2 * remM)));
}

/** The integrated speed of one mode from one departure instant. */
export class DeparturePlan {
  /** Unix seconds of departure (integer). */
  readonly departAt: number;
  private readonly model: ModeSpeedModel;
  // Pieces, structure of arrays. Piece k starts `startSec[k]` seconds after departure, having
  // covered `startDistM[k]` metres, at speed `speedMps[k]`, changing by `accelMps2[k]` per second.
  private startSec: Float64Array = new Float64Array(INITIAL_CAPACITY);
  private startDistM: Float64Array = new Float64Array(INITIAL_CAPACITY);
  private speedMps: Float64Array = new Float64Array(INITIAL_CAPACITY);
  private accelMps2: Float64Array = new Float64Array(INITIAL_CAPACITY);
  private numPieces = 0;
  private endSec = 0;
  private endDistM = 0;
  /** True once the pieces cover a full week (or the speed is constant, covering all time). */
  private isComplete = false;

  constructor(model: ModeSpeedModel, departAt: number) {
    this.model = model;
    this.departAt = departAt;
    if (model.isConstantSpeed) {
      const f = hourMarkFactor(model.packedProfile, 0);
      this.push(model.freeFlowSpeedMps * (1 - model.congestionSensitivity * (1 - f)), 0);
      this.endSec = Infinity;
      this.endDistM = Infinity;
      this.isComplete = true;
    } else {
      this.appendPiece(); // every lookup finds a piece, even for a zero distance
    }
  }

  /**
   * Seconds (floating point) needed to cover `routeDistanceM` metres (≥ 0) when leaving at
   * `departAt`. Never throws; callers validate.
   */
  travelTimeSec(routeDistanceM: number): number {
    if (routeDistanceM > this.endDistM) {
      if (!this.isComplete) this.extendTo(routeDistanceM);
      if (routeDistanceM > this.endDistM) return this.afterWholeWeeksSec(routeDistanceM);
    }
    // Last piece starting at or before the distance: pieces are few (one per hour of trip).
    const startDistM = this.startDistM;
    let lo = 0;
    let hi = this.numPieces - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (startDistM[mid]! <= routeDistanceM) lo = mid;
      else hi = mid - 1;
    }
    return secInPiece(this.startSec[lo]!, this.speedMps[lo]!, this.accelMps2[lo]!, routeDistanceM - startDistM[lo]!);
  }

  /** The pieces built so far (see {@link PlanPieces}). */
  pieces(): PlanPieces {
    return {
      numPieces: this.numPieces,
      coveredDistM: this.endDistM,
      startSec: this.startSec,
      startDistM: this.startDistM,
      speedMps: this.speedMps,
      accelMps2: this.accelMps2,
    };
  }

  /** Trips longer than the built week: whole weeks plus the remainder (the profile is weekly). */
  private afterWholeWeeksSec(routeDistanceM: number): number {
    const weekDistM = this.endDistM;
    const numWeeks = Math.floor(routeDistanceM / weekDistM);
    return numWeeks * WEEK_SEC + this.travelTimeSec(Math.max(0, routeDistanceM - numWeeks * weekDistM));
  }

  /**
   * Builds pieces until route distances up to `routeDistanceM` are covered (or a week is), so a
   * matrix kernel can take one {@link pieces} snapshot before its loop.
   */
  extendTo(routeDistanceM: number): void {
    while (!this.isComplete && this.endDistM < routeDistanceM) this.appendPiece();
  }

  /** Adds the piece from the current end to the next local hour mark, offset change or week end. */
  private appendPiece(): void {
    const { clock, packedProfile, freeFlowSpeedMps, congestionSensitivity } = this.model;
    const atSec = this.departAt + this.endSec;
    const localSec = atSec + clock.utcOffsetSecAt(atSec);
    const hourIdx = Math.floor(localSec / SEC_PER_HOUR);
    const intoHourSec = localSec - hourIdx * SEC_PER_HOUR;
    const f0 = hourMarkFactor(packedProfile, hourIdx);
    const slopePerSec = (hourMarkFactor(packedProfile, hourIdx + 1) - f0) / SEC_PER_HOUR;
    const factor = f0 + slopePerSec * intoHourSec;
    let endAtSec = Math.min(atSec + (SEC_PER_HOUR - intoHourSec), this.departAt + WEEK_SEC);
    endAtSec = Math.min(endAtSec, clock.nextOffsetChange(atSec, endAtSec));
    const lenSec = endAtSec - atSec;
    const speedMps = freeFlowSpeedMps * (1 - congestionSensitivity * (1 - factor));
    const accelMps2 = freeFlowSpeedMps * congestionSensitivity * slopePerSec;
    this.push(speedMps, accelMps2);
    this.endDistM += speedMps * lenSec + 0.5 * accelMps2 * lenSec * lenSec;
    this.endSec += lenSec;
    if (this.endSec >= WEEK_SEC) this.isComplete = true;
  }

  private push(speedMps: number, accelMps2: number): void {
    if (this.numPieces === this.startSec.length) this.grow();
    const k = this.numPieces++;
    this.startSec[k] = this.endSec;
    this.startDistM[k] = this.endDistM;
    this.speedMps[k] = speedMps;
    this.accelMps2[k] = accelMps2;
  }

  private grow(): void {
    const capacity = this.startSec.length * 2;
    const grown = (a: Float64Array): Float64Array => {
      const b = new Float64Array(capacity);
      b.set(a);
      return b;
    };
    this.startSec = grown(this.startSec);
    this.startDistM = grown(this.startDistM);
    this.speedMps = grown(this.speedMps);
    this.accelMps2 = grown(this.accelMps2);
  }
}
