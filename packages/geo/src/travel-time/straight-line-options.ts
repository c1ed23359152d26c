/**
 * Options of {@link StraightLineProvider}, their defaults, and their validation (once, at
 * construction) into one speed model per travel mode.
 */
import { GeoInputError } from '../errors.js';
import { assertNumberInRange } from '../validate.js';
import { assertCongestionProfile, DEFAULT_CONGESTION_PROFILE, isFlatProfile, packCongestionProfile } from './congestion-profile.js';
import type { CongestionProfile } from './congestion-profile.js';
import type { ModeSpeedModel } from './departure-plan.js';
import { fixedOffsetClock, timeZoneClock, type LocalClock } from './local-clock.js';
import { DEFAULT_CONGESTION_SENSITIVITY, DEFAULT_SPEED_MPS, TRAVEL_MODES, isTravelMode, type TravelMode } from './travel-mode.js';

/** Default ratio of route distance to great-circle distance (typical of grid-like city streets). */
export const DEFAULT_DETOUR_FACTOR = 1.3;
/** Largest accepted detour factor. */
export const MAX_DETOUR_FACTOR = 5;
/** Largest accepted free-flow speed, metres per second (360 km/h). */
export const MAX_SPEED_MPS = 100;
/** Mode used when a call gives none: O2O couriers mostly ride e-scooters and mopeds. */
export const DEFAULT_TRAVEL_MODE: TravelMode = 'escooter';

/** Options of {@link StraightLineProvider}; every field is optional. */
export interface StraightLineProviderOptions {
  /** Route distance ÷ great-circle distance, in [1, 5]. Default {@link DEFAULT_DETOUR_FACTOR} (1.3). */
  detourFactor?: number;
  /** Free-flow speeds per mode, metres per second in (0, 100]. Missing modes keep {@link DEFAULT_SPEED_MPS}. */
  speedMps?: Partial<Record<TravelMode, number>>;
  /**
   * Share of congestion each mode feels, in [0, 1] (0 ignores the profile). Missing modes keep
   * {@link DEFAULT_CONGESTION_SENSITIVITY} (walk 0, bike 0.5, escooter 0.5, car 1).
   */
  congestionSensitivity?: Partial<Record<TravelMode, number>>;
  /** Hourly speed factors. Default {@link DEFAULT_CONGESTION_PROFILE}; use FREE_FLOW_CONGESTION_PROFILE to disable. */
  congestionProfile?: CongestionProfile;
  /**
   * Local time as a fixed offset from UTC, integer minutes in [-1080, 1080] (e.g. 60 for UTC+1,
   * no daylight saving). Default 0 (UTC) when `timeZone` is not given.
   */
  utcOffsetMin?: number;
  /** Local time as an IANA zone (`'Europe/Paris'`), daylight saving included. Exclusive with `utcOffsetMin`. */
  timeZone?: string;
  /** Mode of calls that give none. Default {@link DEFAULT_TRAVEL_MODE} (`'escooter'`). */
  defaultMode?: TravelMode;
}

/** Validated options: what the provider runs on. */
export interface StraightLineConfig {
  readonly detourFactor: number;
  readonly defaultMode: TravelMode;
  readonly clock: LocalClock;
  readonly congestionProfile: CongestionProfile;
  readonly models: Readonly<Record<TravelMode, ModeSpeedModel>>;
}

const KNOWN_OPTIONS = [
  'detourFactor',
  'speedMps',
  'congestionSensitivity',
  'congestionProfile',
  'utcOffsetMin',
  'timeZone',
  'defaultMode',
];

const MODE_LIST = TRAVEL_MODES.map((m) => JSON.stringify(m)).join(', ');

/** Validates options and builds the per-mode speed models. Throws `GeoInputError`. */
export function resolveStraightLineOptions(options: StraightLineProviderOptions = {}): StraightLineConfig {
  if (typeof options !== 'object' || options === null) {
    throw new GeoInputError('GEO_INVALID_ARGUMENT', 'options', 'must be an object', options);
  }
  for (const key of Object.keys(options)) {
    if (!KNOWN_OPTIONS.includes(key)) {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', `options.${key}`, `is not an option (known: ${KNOWN_OPTIONS.join(', ')})`, key);
    }
  }
  const detourFactor = options.detourFactor ?? DEFAULT_DETOUR_FACTOR;
  assertNumberInRange('options.detourFactor', detourFactor, 1, MAX_DETOUR_FACTOR);
  const defaultMode = options.defaultMode ?? DEFAULT_TRAVEL_MODE;
  assertTravelMode('options.defaultMode', defaultMode);
  const congestionProfile = options.congestionProfile ?? DEFAULT_CONGESTION_PROFILE;
  assertCongestionProfile('options.congestionProfile', congestionProfile);
  const speedMps = perModeValues('options.speedMps', options.speedMps, DEFAULT_SPEED_MPS, assertSpeedMps);
  const sensitivity = perModeValues('options.congestionSensitivity', options.congestionSensitivity, DEFAULT_CONGESTION_SENSITIVITY, (field, v) =>
    assertNumberInRange(field, v, 0, 1),
  );
  const clock = resolveClock(options);
  const packedProfile = packCongestionProfile(congestionProfile);
  const isFlat = isFlatProfile(congestionProfile);
  const models = {} as Record<TravelMode, ModeSpeedModel>;
  for (const mode of TRAVEL_MODES) {
    models[mode] = {
      freeFlowSpeedMps: speedMps[mode],
      congestionSensitivity: sensitivity[mode],
      packedProfile,
      isConstantSpeed: isFlat || sensitivity[mode] === 0,
      clock,
    };
  }
  return { detourFactor, defaultMode, clock, congestionProfile: copyProfile(congestionProfile), models };
}

/** Throws GEO_INVALID_ARGUMENT unless `mode` is a {@link TravelMode}. */
export function assertTravelMode(field: string, mode: unknown): asserts mode is TravelMode {
  if (!isTravelMode(mode)) {
    throw new GeoInputError('GEO_INVALID_ARGUMENT', field, `must be one of ${MODE_LIST}`, mode);
  }
}

function assertSpeedMps(field: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > MAX_SPEED_MPS) {
    throw new GeoInputError('GEO_INVALID_ARGUMENT', field, `must be a finite speed in metres per second in (0, ${MAX_SPEED_MPS}]`, value);
  }
}

/** Defaults overridden by a partial per-mode record, each value checked by `assertValue`. */
function perModeValues(
  field: string,
  overrides: unknown,
  defaults: Readonly<Record<TravelMode, number>>,
  assertValue: (field: string, value: unknown) => void,
): Record<TravelMode, number> {
  const values = { ...defaults };
  if (overrides === undefined) return values;
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) {
    throw new GeoInputError('GEO_INVALID_ARGUMENT', field, 'must be an object keyed by travel mode', overrides);
  }
  for (const [mode, value] of Object.entries(overrides)) {
    if (!isTravelMode(mode)) {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', `${field}.${mode}`, `is not a travel mode (known: ${MODE_LIST})`, value);
    }
    if (value === undefined) continue;
    assertValue(`${field}.${mode}`, value);
    values[mode] = value as number;
  }
  return values;
}

function resolveClock(options: StraightLineProviderOptions): LocalClock {
  if (options.timeZone !== undefined) {
    if (options.utcOffsetMin !== undefined) {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', 'options.timeZone', 'must not be given together with options.utcOffsetMin', options.timeZone);
    }
    return timeZoneClock(options.timeZone, 'options.timeZone');
  }
  return fixedOffsetClock(options.utcOffsetMin ?? 0, 'options.utcOffsetMin');
}

function copyProfile(profile: CongestionProfile): CongestionProfile {
  return Object.freeze({ weekday: Object.freeze([...profile.weekday]), weekend: Object.freeze([...profile.weekend]) });
}
