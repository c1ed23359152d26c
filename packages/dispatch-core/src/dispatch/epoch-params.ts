/**
 * Tuning of the epoch assignment engine, with documented defaults. The parameters it shares with
 * `DispatchConfig.assignment` take their values from there ({@link epochParamsFromConfig}).
 */
import type { AssignmentConfig } from '../config/assignment-config.js';
import { DispatchInputError } from '../errors.js';

export interface EpochParams {
  /** Orders ready within this many seconds from now take part in the epoch. */
  readonly lookaheadSec: number;
  /** Riders considered per bundle (the nearest by a cheap pickup estimate). */
  readonly maxCandidateRiders: number;
  /** Riders whose ride to the store takes longer than this (lower bound) are no candidates. */
  readonly candidateRadiusSec: number;
  /** Window of the scarcity ratio that sets the bundle size: orders ready ÷ riders free within it. */
  readonly bundleWindowSec: number;
  /** Bundle only orders of one store (the MDRP rule); otherwise nearby stores may share a bundle. */
  readonly sameStoreBundlesOnly: boolean;
  /** Largest bundle (orders per pickup). */
  readonly maxBundleSize: number;
  /** Orders of one bundle are ready at most this far apart. */
  readonly bundleReadyGapSec: number;
  /** A bundle's drop-off route may be at most this much longer than its longest direct leg. */
  readonly bundleMaxDetourSec: number;
  /** Hold an assignment unless the rider must leave within this many seconds. */
  readonly commitHorizonSec: number;
  /** Weight of each second a rider waits at the store for the food. */
  readonly riderWaitWeight: number;
  /** Weight of each second the trip keeps the rider busy (its time is the scarce resource). */
  readonly riderTimeWeight: number;
  /** Extra weight of each second of click-to-door beyond the target. */
  readonly overTargetWeight: number;
  /** Penalty of an order delivered past the maximum click-to-door, seconds. */
  readonly overMaxPenaltySec: number;
  /** Extra weight of each second an order is delivered after its promise. */
  readonly latenessWeight: number;
  /** Seconds of cost per order the rider already has this shift, per order of the bundle (0: off). */
  readonly workloadBalanceWeight: number;
  /** Seconds of cost per unit of pay above the rider's guarantee (workload balance). */
  readonly payOverGuaranteeSec: number;
  /** A bundle left without a rider is priced as served this much later (urgency of waiting). */
  readonly deferSec: number;
  /** Cost of leaving a bundle without a rider this epoch, per order (on top of its deferred cost). */
  readonly unassignedPenaltySec: number;
  /** Value of a rider freed by merging two bundles while riders are short (seconds). */
  readonly freedRiderValueSec: number;
  /** Riders count as short when some food would wait longer than this for its rider. */
  readonly shortRiderWaitSec: number;
}

export const DEFAULT_EPOCH_PARAMS: EpochParams = Object.freeze({
  lookaheadSec: 1200,
  maxCandidateRiders: 30,
  candidateRadiusSec: 1200,
  bundleWindowSec: 1200,
  sameStoreBundlesOnly: false,
  maxBundleSize: 3,
  bundleReadyGapSec: 600,
  bundleMaxDetourSec: 600,
  commitHorizonSec: 120,
  riderWaitWeight: 0.5,
  riderTimeWeight: 0,
  overTargetWeight: 1,
  overMaxPenaltySec: 3600,
  latenessWeight: 3,
  workloadBalanceWeight: 0,
  payOverGuaranteeSec: 120,
  deferSec: 600,
  unassignedPenaltySec: 3600,
  freedRiderValueSec: 900,
  shortRiderWaitSec: 300,
});

/** Defaults overridden by `partial`; throws DispatchInputError naming the field. */
export function resolveEpochParams(partial: Partial<EpochParams> = {}): EpochParams {
  const out = { ...DEFAULT_EPOCH_PARAMS, ...partial };
  if (typeof out.sameStoreBundlesOnly !== 'boolean') {
    throw new DispatchInputError('INVALID_INPUT', 'params.sameStoreBundlesOnly', 'must be a boolean', out.sameStoreBundlesOnly);
  }
  for (const [key, value] of Object.entries(out)) {
    if (key === 'sameStoreBundlesOnly') continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new DispatchInputError('INVALID_INPUT', `params.${key}`, 'must be a finite number ≥ 0', value);
    }
  }
  for (const key of ['maxCandidateRiders', 'maxBundleSize'] as const) {
    if (!Number.isInteger(out[key]) || out[key] < 1) throw new DispatchInputError('INVALID_INPUT', `params.${key}`, 'must be an integer ≥ 1', out[key]);
  }
  return Object.freeze(out);
}

/** The epoch parameters a dispatch configuration's `assignment` section sets. */
export function epochParamsFromConfig(assignment: AssignmentConfig): Partial<EpochParams> {
  return {
    maxCandidateRiders: assignment.maxCandidateRiders,
    candidateRadiusSec: assignment.candidateRadiusSec,
    latenessWeight: assignment.latenessWeight,
    workloadBalanceWeight: assignment.workloadBalanceWeight,
    sameStoreBundlesOnly: assignment.sameStoreBundlesOnly,
    maxBundleSize: assignment.maxBundleSize,
    bundleReadyGapSec: assignment.bundleReadyGapSec,
    bundleMaxDetourSec: assignment.bundleMaxDetourSec,
    commitHorizonSec: assignment.commitHorizonSec,
    unassignedPenaltySec: assignment.unassignedPenaltySec,
  };
}
