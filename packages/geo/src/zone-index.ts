/**
 * Delivery zones: which zones contain a point, answered through an H3 cover of the zones so a
 * lookup costs one `latLngToCell`, one map lookup and an exact polygon test only in the few
 * cells a zone boundary crosses.
 */
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { latLngToCell } from 'h3-js';
import { GeoInputError } from './errors.js';
import { assertLat, assertLng } from './validate.js';
import { coverZone, estimateCoverCells } from './zones/cover-zone.js';
import { validateZoneFeatures, type PolygonCoords, type ZoneFeature, type ZoneId } from './zones/validate-zone-features.js';

export { randomStarZone, type RandomStarZoneOptions } from './zones/random-star-zone.js';
export type { ZoneFeature, ZoneId, ZoneMultiPolygon, ZonePolygon, ZonePosition } from './zones/validate-zone-features.js';

/** Dense index of a zone: its position in the array given to {@link ZoneIndex.build}. */
export type ZoneIdx = number;

/**
 * Default H3 resolution of the cover (res 9: cells of ~0.1 km², edge ~200 m). Measured on
 * 200 city zones (bench/zone-index.bench.ts): res 9 gives the best lookup rate for a cover of
 * a few MB; res 10 is barely faster and ~5× larger, res 8 noticeably slower.
 */
export const DEFAULT_ZONE_RESOLUTION = 9;

/** Default cap on the cells of a cover, {@link ZoneIndexOptions.maxCells}. */
export const DEFAULT_ZONE_MAX_CELLS = 2_000_000;

/** Options of {@link ZoneIndex.build}. */
export interface ZoneIndexOptions {
  /** H3 resolution of the cover, an integer in [0, 15]. Default {@link DEFAULT_ZONE_RESOLUTION}. */
  readonly resolution?: number;
  /**
   * Refuse (GEO_INVALID_RESOLUTION) a resolution whose cover is estimated above this many cells,
   * e.g. res 9 over a country. Default {@link DEFAULT_ZONE_MAX_CELLS}.
   */
  readonly maxCells?: number;
}

/** Size of a built {@link ZoneIndex}. */
export interface ZoneIndexStats {
  /** Distinct H3 cells in the cover. */
  readonly numCells: number;
  /** (cell, zone) pairs answered without a polygon test. */
  readonly numInteriorEntries: number;
  /** (cell, zone) pairs that need an exact turf test. */
  readonly numBoundaryEntries: number;
}

type TurfMultiPolygon = { type: 'MultiPolygon'; coordinates: PolygonCoords[]; bbox: [number, number, number, number] };

// Scratch point of the turf test: the hot path allocates no position array.
const scratchPoint: [number, number] = [0, 0];

/**
 * Point-in-zone index over GeoJSON Polygon / MultiPolygon features (holes allowed, zones may
 * overlap or share edges). Answers are exactly those of `@turf/boolean-point-in-polygon` run on
 * every zone (points on an edge count as inside), in zone order.
 *
 * Each cell of the cover lists the zones it concerns as `zoneIdx * 2 + needsTest` in one
 * Int32Array (CSR by cell); see `coverZone` for why interior cells need no test.
 *
 * Out of scope: zones crossing the antimeridian (rejected at build: split them) or around a
 * pole; queries there are answered, just not faster.
 */
export class ZoneIndex {
  /** H3 resolution of the cover. */
  readonly resolution: number;
  private readonly ids: readonly ZoneId[];
  private readonly idxById: ReadonlyMap<ZoneId, ZoneIdx>;
  private readonly geometries: readonly TurfMultiPolygon[];
  private readonly slotByCell: ReadonlyMap<string, number>;
  private readonly entryStart: Int32Array;
  private readonly entries: Int32Array;
  private readonly scratchIdxs: Int32Array;

  private constructor(resolution: number, ids: ZoneId[], geometries: TurfMultiPolygon[], cells: Map<string, number[]>) {
    this.resolution = resolution;
    this.ids = ids;
    this.idxById = new Map(ids.map((id, idx) => [id, idx]));
    this.geometries = geometries;
    const slotByCell = new Map<string, number>();
    const entryStart = new Int32Array(cells.size + 1);
    let numEntries = 0;
    for (const list of cells.values()) numEntries += list.length;
    const entries = new Int32Array(numEntries);
    let slot = 0;
    let e = 0;
    for (const [cell, list] of cells) {
      slotByCell.set(cell, slot);
      for (const entry of list) entries[e++] = entry;
      entryStart[++slot] = e;
    }
    this.slotByCell = slotByCell;
    this.entryStart = entryStart;
    this.entries = entries;
    this.scratchIdxs = new Int32Array(ids.length);
  }

  /**
   * Validates the zones (see `validateZoneFeatures` for the rules; GeoInputError on bad input)
   * and builds their H3 cover. Zone `i` of the array gets dense index `i`. Input is checked at
   * run time whatever its static type (it often comes from parsed JSON).
   */
  static build(zones: readonly ZoneFeature[], options: ZoneIndexOptions = {}): ZoneIndex {
    const resolution = options.resolution ?? DEFAULT_ZONE_RESOLUTION;
    if (typeof resolution !== 'number' || !Number.isInteger(resolution) || resolution < 0 || resolution > 15) {
      throw new GeoInputError('GEO_INVALID_RESOLUTION', 'options.resolution', 'must be an H3 resolution, an integer in [0, 15]', resolution);
    }
    const maxCells = options.maxCells ?? DEFAULT_ZONE_MAX_CELLS;
    if (typeof maxCells !== 'number' || !(maxCells > 0)) {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', 'options.maxCells', 'must be a positive number', maxCells);
    }
    const valid = validateZoneFeatures(zones);
    const estimate = valid.reduce((sum, zone) => sum + estimateCoverCells(zone.parts, resolution), 0);
    if (estimate > maxCells) {
      throw new GeoInputError(
        'GEO_INVALID_RESOLUTION',
        'options.resolution',
        `is too fine for these zones: about ${Math.round(estimate)} cells, over options.maxCells = ${maxCells}`,
        resolution,
      );
    }
    const cells = new Map<string, number[]>();
    const push = (cell: string, entry: number) => {
      const list = cells.get(cell);
      if (list) list.push(entry);
      else cells.set(cell, [entry]);
    };
    valid.forEach((zone, zoneIdx) => {
      const cover = coverZone(zone.parts, resolution);
      for (const cell of cover.interiorCells) push(cell, zoneIdx * 2);
      for (const cell of cover.boundaryCells) push(cell, zoneIdx * 2 + 1);
    });
    // Lists come out in zone order per cell except for a zone's interior/boundary split, which never mixes in one cell.
    for (const list of cells.values()) list.sort((a, b) => a - b);
    // turf rejects a point outside `bbox` before its ring loop (same answers, cheaper near a zone's outer band).
    const geometries = valid.map((zone): TurfMultiPolygon => ({ type: 'MultiPolygon', coordinates: zone.parts, bbox: bboxOf(zone.parts) }));
    return new ZoneIndex(resolution, valid.map((zone) => zone.id), geometries, cells);
  }

  /** Number of zones. */
  get numZones(): number {
    return this.ids.length;
  }

  /** External id of zone `zoneIdx`. */
  zoneId(zoneIdx: ZoneIdx): ZoneId {
    const id = this.ids[zoneIdx];
    if (id === undefined) throw new GeoInputError('GEO_INVALID_ARGUMENT', 'zoneIdx', `must be an integer in [0, ${this.ids.length - 1}]`, zoneIdx);
    return id;
  }

  /** Dense index of the zone with this id, or -1. */
  zoneIdxOf(id: ZoneId): ZoneIdx {
    return this.idxById.get(id) ?? -1;
  }

  /**
   * Writes into `out` the dense indices of the zones containing `(lng, lat)`, ascending, and
   * returns how many zones contain it. Writes at most `out.length` (size `out` to
   * {@link numZones} to never truncate). Allocation-free apart from h3-js's cell string.
   * Throws GEO_INVALID_COORDINATE for a non-finite or out-of-range coordinate.
   */
  zonesAtInto(lng: number, lat: number, out: Int32Array): number {
    if (!(lng >= -180 && lng <= 180 && lat >= -90 && lat <= 90)) {
      assertLng('lng', lng);
      assertLat('lat', lat);
    }
    const slot = this.slotByCell.get(latLngToCell(lat, lng, this.resolution));
    if (slot === undefined) return 0;
    const end = this.entryStart[slot + 1]!;
    let count = 0;
    for (let e = this.entryStart[slot]!; e < end; e++) {
      const entry = this.entries[e]!;
      const zoneIdx = entry >> 1;
      if ((entry & 1) !== 0) {
        // Boundary cell of this zone: the exact test decides.
        scratchPoint[0] = lng;
        scratchPoint[1] = lat;
        if (!booleanPointInPolygon(scratchPoint, this.geometries[zoneIdx]!)) continue;
      }
      if (count < out.length) out[count] = zoneIdx;
      count++;
    }
    return count;
  }

  /** Ids of the zones containing `(lng, lat)`, in zone order. Allocates; see {@link zonesAtInto}. */
  zonesAt(lng: number, lat: number): ZoneId[] {
    const count = this.zonesAtInto(lng, lat, this.scratchIdxs);
    const ids: ZoneId[] = [];
    for (let i = 0; i < count; i++) ids.push(this.ids[this.scratchIdxs[i]!]!);
    return ids;
  }

  /** Cells and entries of the cover (for sizing and benches). */
  stats(): ZoneIndexStats {
    let numBoundaryEntries = 0;
    for (let e = 0; e < this.entries.length; e++) numBoundaryEntries += this.entries[e]! & 1;
    return {
      numCells: this.slotByCell.size,
      numInteriorEntries: this.entries.length - numBoundaryEntries,
      numBoundaryEntries,
    };
  }
}

/** `[west, south, east, north]` of the outer rings (holes lie inside them). */
function bboxOf(parts: readonly PolygonCoords[]): [number, number, number, number] {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const rings of parts) {
    for (const [lng, lat] of rings[0]!) {
      box[0] = Math.min(box[0], lng!);
      box[1] = Math.min(box[1], lat!);
      box[2] = Math.max(box[2], lng!);
      box[3] = Math.max(box[3], lat!);
    }
  }
  return box;
}
