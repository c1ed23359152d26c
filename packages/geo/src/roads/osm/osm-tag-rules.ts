/**
 * Tag rules shared by the built-in road profiles and available to custom ones: one-way
 * direction, `maxspeed` parsing, and the access values that grant or deny.
 */
import type { RoadClass } from '../road-class.js';

/** The tags of one OSM way (`key → value`). Missing keys read as `undefined`. */
export type OsmTags = Readonly<Record<string, string | undefined>>;

/** Travel directions a way allows: 1 = only along its node order, -1 = only against it, 0 = both. */
export type Oneway = -1 | 0 | 1;

/**
 * The one-way direction of a way for motor vehicles, as OSRM reads it:
 * `oneway=yes|true|1` → 1, `oneway=-1|reverse` → -1, `oneway=no|false|0` → 0; otherwise
 * `junction=roundabout|circular` and `highway=motorway` imply 1; everything else is two-way.
 */
export function onewayFromTags(tags: OsmTags, roadClass: RoadClass): Oneway {
  const oneway = tags['oneway'];
  if (oneway === 'yes' || oneway === 'true' || oneway === '1') return 1;
  if (oneway === '-1' || oneway === 'reverse') return -1;
  if (oneway === 'no' || oneway === 'false' || oneway === '0') return 0;
  const junction = tags['junction'];
  if (junction === 'roundabout' || junction === 'circular') return 1;
  return roadClass === 'motorway' ? 1 : 0;
}

/**
 * The most specific access value present: the value of the first key of `hierarchy` that the
 * way has, e.g. `['motorcar', 'motor_vehicle', 'vehicle', 'access']` for cars (so
 * `access=no` + `motor_vehicle=yes` reads `yes`, and `motor_vehicle=private` reads `private`).
 */
export function mostSpecificAccess(tags: OsmTags, hierarchy: readonly string[]): string | undefined {
  for (const key of hierarchy) {
    const value = tags[key];
    if (value !== undefined) return value;
  }
  return undefined;
}

/** True for `access`-style values that forbid the way to everyone they apply to: `no` and `private`. */
export function deniesAccess(value: string | undefined): boolean {
  return value === 'no' || value === 'private';
}

/** True for access values that explicitly grant: `yes`, `designated`, `permissive`. */
export function grantsAccess(value: string | undefined): boolean {
  return value === 'yes' || value === 'designated' || value === 'permissive';
}

const KMH_PER_MPH = 1.609344;
const MAXSPEED = /^\s*(\d+(?:\.\d+)?)\s*(mph|km\/h|kmh|kph)?\s*$/i;

/**
 * The numeric value of an OSM `maxspeed` tag in km/h: `"50"` → 50, `"30 mph"` → 48.28,
 * `"50 km/h"` → 50. Non-numeric values (`none`, `signals`, `walk`, `RU:urban`, `50;30`) and 0
 * give `undefined`.
 */
export function parseMaxspeedKmh(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const m = MAXSPEED.exec(value);
  if (!m) return undefined;
  const n = Number(m[1]);
  if (!(n > 0)) return undefined;
  return m[2]?.toLowerCase() === 'mph' ? n * KMH_PER_MPH : n;
}

/** The class speed capped by a numeric `maxspeed` when that is lower (km/h). */
export function maxspeedCappedKmh(tags: OsmTags, classSpeedKmh: number): number {
  const max = parseMaxspeedKmh(tags['maxspeed']);
  return max !== undefined && max < classSpeedKmh ? max : classSpeedKmh;
}
