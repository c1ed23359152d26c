/**
 * OSM highway classes the road graph keeps, as dense integer codes (one `Uint8` per arc).
 * The order is part of the saved-graph format: append new classes, never reorder.
 */
export const ROAD_CLASSES = Object.freeze([
  'motorway',
  'motorway_link',
  'trunk',
  'trunk_link',
  'primary',
  'primary_link',
  'secondary',
  'secondary_link',
  'tertiary',
  'tertiary_link',
  'unclassified',
  'residential',
  'living_street',
  'service',
  'road',
  'cycleway',
  'path',
  'track',
  'footway',
  'pedestrian',
  'steps',
] as const);

/** An OSM `highway=*` value the graph keeps. */
export type RoadClass = (typeof ROAD_CLASSES)[number];

/** Number of road classes (the length of per-class tables). */
export const NUM_ROAD_CLASSES = ROAD_CLASSES.length;

const CODE_BY_CLASS: ReadonlyMap<string, number> = new Map(ROAD_CLASSES.map((c, i) => [c, i]));

/** The dense code of a class, or -1 when the graph does not keep it. */
export function roadClassCode(highway: string): number {
  return CODE_BY_CLASS.get(highway) ?? -1;
}

/** True when `value` names a {@link RoadClass}. */
export function isRoadClass(value: unknown): value is RoadClass {
  return typeof value === 'string' && CODE_BY_CLASS.has(value);
}
