/**
 * One simulation run as the bench reports it: simulate, write the itinerary log, check it with
 * the independent checker, compute the KPIs, and time the simulation (wall clock, policy
 * included).
 */
import { performance } from 'node:perf_hooks';
import { checkItinerary, simKpis, simulate, toItineraryLog, type ItineraryLog, type SimInstance, type SimKpis, type SimPolicy } from '@o2o/dispatch-core';
import { clickToDoorMinutes } from './click-to-door-minutes.js';

/** How many violation messages a run keeps (the count is always exact). */
export const MAX_VIOLATION_MESSAGES = 20;

/** One policy on one instance: KPIs, floor, checker verdict and timings. */
export interface SimRun {
  readonly instance: string;
  readonly policy: string;
  readonly numCouriers: number;
  readonly kpis: SimKpis;
  /** The instance's maximum click-to-door, minutes (the `numOverMaxClickToDoor` threshold). */
  readonly maxClickToDoorMin: number;
  /** The instance's click-to-door floor (minutes), when known (MDRP instance_summary.csv). */
  readonly floorMin: number | null;
  /** Mean click-to-door minus the floor, minutes. */
  readonly aboveFloorMin: number | null;
  /** Violations the itinerary checker found (must be 0). */
  readonly numViolations: number;
  /** The first {@link MAX_VIOLATION_MESSAGES} violation messages. */
  readonly violations: readonly string[];
  readonly numDecisions: number;
  /** Wall time of `simulate` (policy included), ms. */
  readonly simulateMs: number;
  /** Wall time of writing and checking the log, ms. */
  readonly checkMs: number;
}

/** Options of {@link runSim}. */
export interface RunSimOptions {
  /** Seconds per time unit of the itinerary log (60: MDRP minutes). */
  readonly timeUnitSec: number;
  readonly floorMin?: number;
}

/** Runs `policy` on `instance`; returns the run, its itinerary log and the click-to-door of each delivered order (minutes, for charts). */
export function runSim(instance: SimInstance, policy: SimPolicy, options: RunSimOptions): { readonly run: SimRun; readonly log: ItineraryLog; readonly clickToDoorMin: readonly number[] } {
  const t0 = performance.now();
  const result = simulate(instance, policy);
  const t1 = performance.now();
  const log = toItineraryLog(instance, result, { timeUnitSec: options.timeUnitSec });
  const check = checkItinerary(instance, log, { timeUnitSec: options.timeUnitSec });
  const t2 = performance.now();
  const kpis = simKpis(instance, result);
  const floorMin = options.floorMin ?? null;
  return {
    run: {
      instance: instance.name,
      policy: result.policy,
      numCouriers: instance.couriers.length,
      kpis,
      maxClickToDoorMin: instance.maxClickToDoorSec / 60,
      floorMin,
      aboveFloorMin: floorMin === null ? null : kpis.clickToDoorMeanMin - floorMin,
      numViolations: check.violations.length,
      violations: check.violations.slice(0, MAX_VIOLATION_MESSAGES).map((v) => `${v.rule}: ${v.message}`),
      numDecisions: result.numDecisions,
      simulateMs: t1 - t0,
      checkMs: t2 - t1,
    },
    log,
    clickToDoorMin: clickToDoorMinutes(result),
  };
}
