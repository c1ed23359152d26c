/**
 * Road profiles: which OSM ways a traveller may use, in which direction and how fast.
 *
 * Built-in profiles (speeds in km/h, after OSRM's car.lua; see ROADS.md §2). Access follows the
 * OSM tag hierarchy: the most specific of the listed keys that a way has decides, and `no` or
 * `private` there drops the way (so `access=no` + `motor_vehicle=yes` is open to cars and
 * `motor_vehicle=private` is not).
 * - `car`: motorway 90, motorway_link 45, trunk 85, trunk_link 40, primary 65, primary_link 30,
 *   secondary 55, secondary_link 25, tertiary 40, tertiary_link 20, unclassified 25,
 *   residential 25, living_street 10, service 15, road 20. Access keys: motorcar,
 *   motor_vehicle, vehicle, access. Also dropped: `area=yes` and `oneway=reversible|alternating`
 *   (the direction changes over the day).
 * - `scooter` (mopeds and delivery e-bikes): the car classes without motorway and motorway_link,
 *   at min(car speed, 40). Access keys: moped, motor_vehicle, vehicle, access — so `moped=no`
 *   drops a way and `moped=yes|designated` re-admits it. Cycleways only with
 *   `moped=yes|designated` (at 25 km/h, the EU e-bike limit — our choice; car.lua has no
 *   cycleway speed). Also dropped: `motorroad=yes`, `area=yes`, reversible ways. One-way as cars.
 * - `bike`: the car classes without motorway, trunk and their links at 15, plus cycleway 15,
 *   path 13, track 12, and footway/pedestrian at 6 only with `bicycle=yes|designated|permissive`.
 *   Access keys: bicycle, vehicle, access. Also dropped: `area=yes`. One-way as for cars, lifted
 *   by `oneway:bicycle=no` or `cycleway=opposite*`.
 * - `walk`: every class at 5 (steps 2), except motorway, trunk and their links unless
 *   `foot=yes|designated`. Access keys: foot, access. One-way tags are ignored. `area=yes`
 *   ways (pedestrian squares) are kept: walking along their outline is allowed.
 *
 * Every profile honours a numeric `maxspeed` (km/h, or `"30 mph"`) when it is lower than the
 * class speed, unless a custom profile supplies its own {@link RoadProfile.speedKmh}.
 */
import { GeoInputError } from '../../errors.js';
import { NUM_ROAD_CLASSES, ROAD_CLASSES, isRoadClass, roadClassCode, type RoadClass } from '../road-class.js';
import { deniesAccess, grantsAccess, maxspeedCappedKmh, mostSpecificAccess, onewayFromTags, type Oneway, type OsmTags } from './osm-tag-rules.js';

/** Names of the built-in profiles. */
export const ROAD_PROFILE_NAMES = Object.freeze(['car', 'scooter', 'bike', 'walk'] as const);

/** A built-in profile name. */
export type RoadProfileName = (typeof ROAD_PROFILE_NAMES)[number];

/**
 * A road profile. Ways whose `highway` class has no entry in `speedsKmh` are never routed; the
 * others are routed when `access` says so, in the directions `oneway` gives, at `speedKmh`
 * (default: the class speed, capped by a lower numeric `maxspeed`).
 *
 * Custom profiles are plain objects, e.g. a cargo bike derived from the built-in one:
 * `{ ...roadProfile('bike'), name: 'cargo-bike', speedsKmh: { ...roadProfile('bike').speedsKmh, cycleway: 12 } }`.
 */
export interface RoadProfile {
  /** Stored as `graph.profile` and in saved graph files; 1–64 characters. */
  readonly name: string;
  /** Free-flow speed per road class, km/h, each in (0, 300]. Classes absent are not routed. */
  readonly speedsKmh: Readonly<Partial<Record<RoadClass, number>>>;
  /** Whether a way of a routed class may be used at all. */
  access(tags: OsmTags, roadClass: RoadClass): boolean;
  /** Directions the way may be travelled: 1 along its node order, -1 against it, 0 both. */
  oneway(tags: OsmTags, roadClass: RoadClass): Oneway;
  /** Speed on this way in km/h (> 0); `classSpeedKmh` is the class table entry. Optional. */
  speedKmh?(tags: OsmTags, roadClass: RoadClass, classSpeedKmh: number): number;
}

/** Upper bound of any speed in a profile, km/h. */
export const MAX_PROFILE_SPEED_KMH = 300;

const CAR_SPEEDS_KMH: Readonly<Partial<Record<RoadClass, number>>> = Object.freeze({
  motorway: 90,
  motorway_link: 45,
  trunk: 85,
  trunk_link: 40,
  primary: 65,
  primary_link: 30,
  secondary: 55,
  secondary_link: 25,
  tertiary: 40,
  tertiary_link: 20,
  unclassified: 25,
  residential: 25,
  living_street: 10,
  service: 15,
  road: 20,
});

const isReversible = (tags: OsmTags): boolean => tags['oneway'] === 'reversible' || tags['oneway'] === 'alternating';

const CAR_ACCESS = ['motorcar', 'motor_vehicle', 'vehicle', 'access'] as const;

const CAR: RoadProfile = Object.freeze({
  name: 'car',
  speedsKmh: CAR_SPEEDS_KMH,
  access(tags: OsmTags): boolean {
    if (tags['area'] === 'yes' || isReversible(tags)) return false;
    return !deniesAccess(mostSpecificAccess(tags, CAR_ACCESS));
  },
  oneway: onewayFromTags,
});

const SCOOTER_SPEEDS_KMH: Readonly<Partial<Record<RoadClass, number>>> = Object.freeze({
  ...Object.fromEntries(
    Object.entries(CAR_SPEEDS_KMH)
      .filter(([c]) => c !== 'motorway' && c !== 'motorway_link')
      .map(([c, kmh]) => [c, Math.min(kmh, 40)]),
  ),
  cycleway: 25,
});

const SCOOTER_ACCESS = ['moped', 'motor_vehicle', 'vehicle', 'access'] as const;

const SCOOTER: RoadProfile = Object.freeze({
  name: 'scooter',
  speedsKmh: SCOOTER_SPEEDS_KMH,
  access(tags: OsmTags, roadClass: RoadClass): boolean {
    if (tags['area'] === 'yes' || tags['motorroad'] === 'yes' || isReversible(tags)) return false;
    const moped = tags['moped'];
    if (roadClass === 'cycleway') return moped === 'yes' || moped === 'designated';
    return !deniesAccess(mostSpecificAccess(tags, SCOOTER_ACCESS));
  },
  oneway: onewayFromTags,
});

const BIKE_SPEEDS_KMH: Readonly<Partial<Record<RoadClass, number>>> = Object.freeze({
  primary: 15,
  primary_link: 15,
  secondary: 15,
  secondary_link: 15,
  tertiary: 15,
  tertiary_link: 15,
  unclassified: 15,
  residential: 15,
  living_street: 15,
  service: 15,
  road: 15,
  cycleway: 15,
  path: 13,
  track: 12,
  footway: 6,
  pedestrian: 6,
});

const BIKE_ACCESS = ['bicycle', 'vehicle', 'access'] as const;

const BIKE: RoadProfile = Object.freeze({
  name: 'bike',
  speedsKmh: BIKE_SPEEDS_KMH,
  access(tags: OsmTags, roadClass: RoadClass): boolean {
    if (tags['area'] === 'yes') return false;
    if ((roadClass === 'footway' || roadClass === 'pedestrian') && !grantsAccess(tags['bicycle'])) return false;
    return !deniesAccess(mostSpecificAccess(tags, BIKE_ACCESS));
  },
  oneway(tags: OsmTags, roadClass: RoadClass): Oneway {
    if (tags['oneway:bicycle'] === 'no') return 0;
    if (tags['cycleway']?.startsWith('opposite')) return 0;
    return onewayFromTags(tags, roadClass);
  },
});

const WALK_SPEEDS_KMH: Readonly<Partial<Record<RoadClass, number>>> = Object.freeze(
  Object.fromEntries(ROAD_CLASSES.map((c) => [c, c === 'steps' ? 2 : 5])),
);

const WALK_ACCESS = ['foot', 'access'] as const;

const WALK: RoadProfile = Object.freeze({
  name: 'walk',
  speedsKmh: WALK_SPEEDS_KMH,
  access(tags: OsmTags, roadClass: RoadClass): boolean {
    if (roadClass === 'motorway' || roadClass === 'motorway_link' || roadClass === 'trunk' || roadClass === 'trunk_link') {
      return tags['foot'] === 'yes' || tags['foot'] === 'designated';
    }
    return !deniesAccess(mostSpecificAccess(tags, WALK_ACCESS));
  },
  oneway(): Oneway {
    return 0;
  },
});

const BUILT_IN: Readonly<Record<RoadProfileName, RoadProfile>> = { car: CAR, scooter: SCOOTER, bike: BIKE, walk: WALK };

/** The built-in profile `name` (a frozen object; spread it to derive a custom profile). */
export function roadProfile(name: RoadProfileName): RoadProfile {
  const p = BUILT_IN[name];
  if (!p) throw new GeoInputError('GEO_INVALID_ARGUMENT', 'name', `must be one of ${ROAD_PROFILE_NAMES.map((n) => `"${n}"`).join(', ')}`, name);
  return p;
}

/** A validated profile with its class speeds in a dense table, ready for classifying ways. */
export interface ResolvedRoadProfile {
  readonly profile: RoadProfile;
  readonly name: string;
  /** Speed per road class code, km/h; 0 = class not routed. */
  readonly classSpeedKmh: Float64Array;
}

function assertSpeedTable(field: string, table: unknown): asserts table is Readonly<Record<string, unknown>> {
  if (typeof table !== 'object' || table === null || Array.isArray(table)) {
    throw new GeoInputError('GEO_INVALID_ARGUMENT', field, 'must be an object mapping road classes to km/h', table);
  }
}

function assertSpeed(field: string, kmh: unknown): asserts kmh is number {
  if (typeof kmh !== 'number' || !Number.isFinite(kmh) || kmh <= 0 || kmh > MAX_PROFILE_SPEED_KMH) {
    throw new GeoInputError('GEO_INVALID_ARGUMENT', field, `must be a finite speed in km/h in (0, ${MAX_PROFILE_SPEED_KMH}]`, kmh);
  }
}

function assertKnownClass(field: string, key: string, value: unknown): asserts key is RoadClass {
  if (!isRoadClass(key)) throw new GeoInputError('GEO_INVALID_ARGUMENT', `${field}.${key}`, `is not a road class (known: ${ROAD_CLASSES.join(', ')})`, value);
}

/**
 * Validates `profile` (a built-in name or a {@link RoadProfile}) and applies per-class speed
 * overrides. `speedsKmh` may only change classes the profile routes (use a custom profile to
 * route more). Throws `GeoInputError` (GEO_INVALID_ARGUMENT) naming `${field}.profile…` or
 * `${field}.speedsKmh.<class>`.
 */
export function resolveRoadProfile(profile: unknown, speedsKmh?: unknown, field = 'options'): ResolvedRoadProfile {
  let p: RoadProfile;
  if (typeof profile === 'string') {
    if (!(ROAD_PROFILE_NAMES as readonly string[]).includes(profile)) {
      throw new GeoInputError(
        'GEO_INVALID_ARGUMENT',
        `${field}.profile`,
        `must be one of ${ROAD_PROFILE_NAMES.map((n) => `"${n}"`).join(', ')} or a RoadProfile object`,
        profile,
      );
    }
    p = BUILT_IN[profile as RoadProfileName];
  } else if (typeof profile === 'object' && profile !== null) {
    p = profile as RoadProfile;
    const name: unknown = p.name;
    if (typeof name !== 'string' || name.length < 1 || name.length > 64) {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', `${field}.profile.name`, 'must be a string of 1–64 characters', name);
    }
    for (const fn of ['access', 'oneway'] as const) {
      if (typeof p[fn] !== 'function') throw new GeoInputError('GEO_INVALID_ARGUMENT', `${field}.profile.${fn}`, 'must be a function (tags, roadClass)', p[fn]);
    }
    if (p.speedKmh !== undefined && typeof p.speedKmh !== 'function') {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', `${field}.profile.speedKmh`, 'must be a function (tags, roadClass, classSpeedKmh) when given', p.speedKmh);
    }
  } else {
    throw new GeoInputError('GEO_INVALID_ARGUMENT', `${field}.profile`, `must be one of ${ROAD_PROFILE_NAMES.map((n) => `"${n}"`).join(', ')} or a RoadProfile object`, profile);
  }

  const classSpeedKmh = new Float64Array(NUM_ROAD_CLASSES);
  const tableField = `${field}.profile.speedsKmh`;
  assertSpeedTable(tableField, p.speedsKmh);
  for (const [key, kmh] of Object.entries(p.speedsKmh)) {
    assertKnownClass(tableField, key, kmh);
    assertSpeed(`${tableField}.${key}`, kmh);
    classSpeedKmh[roadClassCode(key)] = kmh;
  }
  if (speedsKmh !== undefined) {
    assertSpeedTable(`${field}.speedsKmh`, speedsKmh);
    for (const [key, kmh] of Object.entries(speedsKmh)) {
      assertKnownClass(`${field}.speedsKmh`, key, kmh);
      const code = roadClassCode(key);
      if (!(classSpeedKmh[code]! > 0)) {
        const routed = ROAD_CLASSES.filter((_, i) => classSpeedKmh[i]! > 0).join(', ');
        throw new GeoInputError(
          'GEO_INVALID_ARGUMENT',
          `${field}.speedsKmh.${key}`,
          `is not routed by profile "${p.name}" (routed: ${routed}); use a custom profile to route more classes`,
          kmh,
        );
      }
      assertSpeed(`${field}.speedsKmh.${key}`, kmh);
      classSpeedKmh[code] = kmh;
    }
  }
  if (!classSpeedKmh.some((kmh) => kmh > 0)) {
    throw new GeoInputError('GEO_INVALID_ARGUMENT', tableField, 'must give a speed to at least one road class', p.speedsKmh);
  }
  return { profile: p, name: p.name, classSpeedKmh };
}

/**
 * Applies a resolved profile to ways one at a time; after a successful {@link classify} the
 * fields `classCode`, `speedKmh` and `oneway` describe the way. Reused across ways (no allocation).
 */
export class WayClassifier {
  readonly resolved: ResolvedRoadProfile;
  classCode = -1;
  speedKmh = 0;
  oneway: Oneway = 0;
  private readonly speedFn: (tags: OsmTags, roadClass: RoadClass, classSpeedKmh: number) => number;

  constructor(resolved: ResolvedRoadProfile) {
    this.resolved = resolved;
    const custom = resolved.profile.speedKmh;
    this.speedFn = custom ? custom.bind(resolved.profile) : (tags, _roadClass, classKmh) => maxspeedCappedKmh(tags, classKmh);
  }

  /** True when the profile routes ways with `highway=<value>` at all (a cheap pre-filter). */
  routesHighway(value: string | undefined): boolean {
    if (value === undefined) return false;
    const code = roadClassCode(value);
    return code >= 0 && this.resolved.classSpeedKmh[code]! > 0;
  }

  /**
   * Classifies a way; false when it is not routed. Throws `GeoInputError` when a custom profile
   * returns a bad speed or direction (naming the way).
   */
  classify(tags: OsmTags, wayId: number): boolean {
    const highway = tags['highway'];
    if (!this.routesHighway(highway)) return false;
    const roadClass = highway as RoadClass;
    const code = roadClassCode(roadClass);
    const p = this.resolved.profile;
    if (!p.access(tags, roadClass)) return false;
    const classKmh = this.resolved.classSpeedKmh[code]!;
    const kmh = this.speedFn(tags, roadClass, classKmh);
    if (typeof kmh !== 'number' || !Number.isFinite(kmh) || kmh <= 0 || kmh > MAX_PROFILE_SPEED_KMH) {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', `profile "${p.name}".speedKmh(way ${wayId})`, `must return a finite speed in km/h in (0, ${MAX_PROFILE_SPEED_KMH}]`, kmh);
    }
    const oneway = p.oneway(tags, roadClass);
    if (oneway !== 1 && oneway !== 0 && oneway !== -1) {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', `profile "${p.name}".oneway(way ${wayId})`, 'must return -1, 0 or 1', oneway);
    }
    this.classCode = code;
    this.speedKmh = kmh;
    this.oneway = oneway;
    return true;
  }
}
