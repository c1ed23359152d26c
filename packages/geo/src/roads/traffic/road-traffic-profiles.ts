/**
 * Default time-of-day congestion per road class, and the default share of it each graph profile
 * (car, scooter, bike, walk) feels.
 *
 * Every class profile is the generic city curve {@link DEFAULT_CONGESTION_PROFILE} (the METR-LA
 * weekday/weekend shape with free-flow nights: 0.75 at 08:00, 0.73 at 17:00 on weekdays, 0.88–0.99
 * on weekends) with its depth rescaled so the lowest factor of the week is the class's peak factor
 * (see {@link congestionProfileWithPeak}, as proposed in ROADS.md §5). The peaks are a modelling
 * choice, not a measurement: arterials queue more than side streets.
 */
import { GeoInputError } from '../../errors.js';
import {
  DEFAULT_CONGESTION_PROFILE,
  HOURS_PER_DAY,
  assertCongestionProfile,
  type CongestionProfile,
} from '../../travel-time/congestion-profile.js';
import { assertNumberInRange } from '../../validate.js';
import { ROAD_CLASSES, type RoadClass } from '../road-class.js';

/**
 * Lowest factor of the week per road class (the weekday 17:00 factor of the defaults):
 *
 * | class | peak factor |
 * |---|---|
 * | motorway, trunk (and links) | 0.55 |
 * | primary (and link) | 0.60 |
 * | secondary (and link) | 0.65 |
 * | tertiary (and link): the base curve itself | 0.73 |
 * | unclassified, road | 0.80 |
 * | residential, service | 0.85 |
 * | living_street, cycleway, path, track, footway, pedestrian, steps | 1 (no congestion) |
 */
export const ROAD_CLASS_PEAK_FACTORS: Readonly<Record<RoadClass, number>> = Object.freeze({
  motorway: 0.55,
  motorway_link: 0.55,
  trunk: 0.55,
  trunk_link: 0.55,
  primary: 0.6,
  primary_link: 0.6,
  secondary: 0.65,
  secondary_link: 0.65,
  tertiary: 0.73,
  tertiary_link: 0.73,
  unclassified: 0.8,
  residential: 0.85,
  living_street: 1,
  service: 0.85,
  road: 0.8,
  cycleway: 1,
  path: 1,
  track: 1,
  footway: 1,
  pedestrian: 1,
  steps: 1,
});

/**
 * The `base` curve with its depth rescaled so its lowest factor (over both day types) becomes
 * `peakFactor`: `F(t) = 1 − (1 − peakFactor) × (1 − base(t)) / (1 − min base)`. Hours at free flow
 * stay at 1, the timing of the peaks is kept, and `peakFactor` 1 gives a flat free-flow profile.
 * Throws `GeoInputError` for a factor outside (0, 1] or a `base` that never dips below 1
 * (nothing to rescale) unless `peakFactor` is 1.
 */
export function congestionProfileWithPeak(
  peakFactor: number,
  base: CongestionProfile = DEFAULT_CONGESTION_PROFILE,
): CongestionProfile {
  if (typeof peakFactor !== 'number' || !Number.isFinite(peakFactor) || peakFactor <= 0 || peakFactor > 1) {
    throw new GeoInputError('GEO_INVALID_ARGUMENT', 'peakFactor', 'must be a finite number in (0, 1]', peakFactor);
  }
  assertCongestionProfile('base', base);
  const baseMin = Math.min(...base.weekday, ...base.weekend);
  if (peakFactor === 1) {
    const ones = Object.freeze(new Array<number>(HOURS_PER_DAY).fill(1));
    return Object.freeze({ weekday: ones, weekend: ones });
  }
  if (baseMin >= 1) {
    throw new GeoInputError('GEO_INVALID_ARGUMENT', 'base', 'must dip below 1 somewhere to be rescaled', baseMin);
  }
  const scale = (1 - peakFactor) / (1 - baseMin);
  const rescale = (factors: readonly number[]): readonly number[] =>
    Object.freeze(factors.map((f) => (f === baseMin ? peakFactor : 1 - scale * (1 - f))));
  return Object.freeze({ weekday: rescale(base.weekday), weekend: rescale(base.weekend) });
}

/**
 * Default congestion profile of every road class: {@link DEFAULT_CONGESTION_PROFILE} rescaled to
 * the class's {@link ROAD_CLASS_PEAK_FACTORS}. Resulting factors (weekday 08:00 / 17:00, weekend
 * lowest–highest, rounded here; the tests pin them):
 *
 * | class | 08:00 | 17:00 | weekend |
 * |---|---|---|---|
 * | motorway, trunk | 0.583 | 0.55 | 0.800–0.983 |
 * | primary | 0.630 | 0.60 | 0.822–0.985 |
 * | secondary | 0.676 | 0.65 | 0.844–0.987 |
 * | tertiary | 0.75 | 0.73 | 0.88–0.99 |
 * | unclassified, road | 0.815 | 0.80 | 0.911–0.993 |
 * | residential, service | 0.861 | 0.85 | 0.933–0.994 |
 * | living_street, paths, steps … | 1 | 1 | 1 |
 */
export const DEFAULT_ROAD_TRAFFIC_PROFILES: Readonly<Record<RoadClass, CongestionProfile>> = Object.freeze(
  Object.fromEntries(ROAD_CLASSES.map((c) => [c, congestionProfileWithPeak(ROAD_CLASS_PEAK_FACTORS[c])])) as Record<
    RoadClass,
    CongestionProfile
  >,
);

/**
 * Default congestion sensitivity by graph profile (`graph.profile`), in [0, 1]: the speed
 * multiplier is `1 − s × (1 − F)`. Cars feel all of it, scooters half (they filter past queues),
 * bikes and walkers none (ROADS.md §5: riders are barely affected by car congestion). Profiles not
 * listed default to 1 (car-like).
 */
export const DEFAULT_ROAD_CONGESTION_SENSITIVITY: Readonly<Record<string, number>> = Object.freeze({
  car: 1,
  scooter: 0.5,
  escooter: 0.5,
  bike: 0,
  walk: 0,
  foot: 0,
});

/** The default congestion sensitivity of a graph profile (1 for a profile not listed). */
export function defaultRoadCongestionSensitivity(profile: string): number {
  return Object.hasOwn(DEFAULT_ROAD_CONGESTION_SENSITIVITY, profile) ? DEFAULT_ROAD_CONGESTION_SENSITIVITY[profile]! : 1;
}

/** Smallest congestion factor a road traffic profile may hold (a road at 1 % of free flow). */
export const MIN_ROAD_SPEED_FACTOR = 0.01;

/**
 * Throws `GeoInputError` unless `profile` is a valid {@link CongestionProfile} whose factors are
 * all ≥ {@link MIN_ROAD_SPEED_FACTOR} (a slower road is closed in practice: remove its arcs).
 */
export function assertRoadTrafficProfile(field: string, profile: unknown): asserts profile is CongestionProfile {
  assertCongestionProfile(field, profile);
  for (const dayType of ['weekday', 'weekend'] as const) {
    profile[dayType].forEach((f, h) => assertNumberInRange(`${field}.${dayType}[${h}]`, f, MIN_ROAD_SPEED_FACTOR, 1));
  }
}
