/**
 * The `assignment` section of {@link DispatchConfig}: tuning of the epoch assignment (which rider
 * takes which bundle of orders, every `epochSec`).
 */
import { booleanParam, integerParam, numberParam, type ConfigSchema } from './config-param.js';

/** The `assignment` section (defaults, ranges and meanings: {@link ASSIGNMENT_CONFIG_SCHEMA}). */
export interface AssignmentConfig {
  /** Seconds between two assignment rounds. */
  readonly epochSec: number;
  /** Riders considered per order or bundle (the nearest by travel time). */
  readonly maxCandidateRiders: number;
  /** Riders farther than this travel time from the pickup are not candidates, seconds. */
  readonly candidateRadiusSec: number;
  /** Most orders in one bundle. */
  readonly maxBundleSize: number;
  /** Extra travel a bundle may add to any of its orders, seconds. */
  readonly bundleMaxDetourSec: number;
  /** Orders of one bundle are ready at most this far apart, seconds. */
  readonly bundleReadyGapSec: number;
  /** Hold an assignment back unless the rider must leave within this many seconds. */
  readonly commitHorizonSec: number;
  /** Whether orders assigned but not yet picked up may move to another rider. */
  readonly reassignNotPickedUp: boolean;
  /** Weight of workload balance between riders (0: off). */
  readonly workloadBalanceWeight: number;
  /** Cost of leaving an order unassigned this round, seconds. */
  readonly unassignedPenaltySec: number;
  /** Cost of each second of lateness, relative to one second of travel. */
  readonly latenessWeight: number;
  /** Whether bundles only group orders of the same store. */
  readonly sameStoreBundlesOnly: boolean;
}

/** Metadata (type, default, meaning, rule) of every `assignment` parameter. */
export const ASSIGNMENT_CONFIG_SCHEMA: ConfigSchema<AssignmentConfig> = {
  epochSec: integerParam(15, 1, 3600, 'Seconds between two assignment rounds (epochs).'),
  maxCandidateRiders: integerParam(30, 1, 1000, 'Riders considered per order or bundle (the nearest by travel time).'),
  candidateRadiusSec: integerParam(1200, 0, 7200, 'Riders farther than this travel time from the pickup are not candidates, seconds.'),
  maxBundleSize: integerParam(3, 1, 10, 'Most orders in one bundle (1: no bundling).'),
  bundleMaxDetourSec: integerParam(600, 0, 7200, 'Extra travel a bundle may add to any of its orders compared with delivering it alone, seconds.'),
  bundleReadyGapSec: integerParam(600, 0, 7200, 'Orders of one bundle are ready at most this far apart, seconds.'),
  commitHorizonSec: integerParam(120, 0, 3600, 'Hold an assignment back (re-plan it next epoch) unless the rider must leave within this many seconds.'),
  reassignNotPickedUp: booleanParam(true, 'Whether orders assigned but not yet picked up may move to another rider in a later epoch.'),
  workloadBalanceWeight: numberParam(0, 0, 100, 'Weight of workload balance between riders in the assignment cost (0: off).'),
  unassignedPenaltySec: integerParam(3600, 0, 86_400, 'Cost of leaving an order unassigned for one epoch, in seconds of travel.'),
  latenessWeight: numberParam(3, 0, 100, 'Cost of each second of predicted lateness, relative to one second of travel.'),
  sameStoreBundlesOnly: booleanParam(false, 'Whether bundles only group orders of the same store.'),
};
