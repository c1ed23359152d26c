/**
 * A travel model that is plain data (so it crosses to worker threads): straight-line metres ×
 * detour ÷ speed, rounded up to a multiple of `roundUpToSec`. With detour 1 and 60-second
 * rounding it is exactly the MDRP rule `ceil(distance / metres_per_minute)` minutes.
 */
import { DispatchInputError } from '../errors.js';
import type { EpochTravelSec } from './epoch-problem.js';

export interface PlanarTravelModel {
  readonly speedMps: number;
  /** Road distance ÷ straight-line distance (≥ 1). */
  readonly detourFactor: number;
  /** Times are rounded up to a multiple of this (1: whole seconds). */
  readonly roundUpToSec: number;
}

/** The travel function of a model; throws DispatchInputError naming a bad field. */
export function planarTravelSec(model: PlanarTravelModel): EpochTravelSec {
  const { speedMps, detourFactor, roundUpToSec } = model;
  if (!(speedMps > 0) || !Number.isFinite(speedMps)) throw new DispatchInputError('INVALID_INPUT', 'travel.speedMps', 'must be a finite number > 0', speedMps);
  if (!(detourFactor >= 1) || !Number.isFinite(detourFactor)) throw new DispatchInputError('INVALID_INPUT', 'travel.detourFactor', 'must be a finite number ≥ 1', detourFactor);
  if (!Number.isInteger(roundUpToSec) || roundUpToSec < 1) throw new DispatchInputError('INVALID_INPUT', 'travel.roundUpToSec', 'must be an integer ≥ 1', roundUpToSec);
  const secPerM = detourFactor / speedMps / roundUpToSec;
  return (ax, ay, bx, by) => {
    const units = Math.ceil(Math.hypot(bx - ax, by - ay) * secPerM - 1e-9);
    return units > 0 ? units * roundUpToSec : 0;
  };
}
