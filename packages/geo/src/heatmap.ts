/**
 * H3 demand/supply heatmap over a sliding time window: orders (demand) and idle riders
 * (supply) counted per H3 cell, k-ring smoothed, ranked and exported as GeoJSON hexagons.
 */
import { latLngToCell } from 'h3-js';
import { GeoInputError } from './errors.js';
import { EventWindow } from './heatmap/event-window.js';
import { heatmapCellsToGeoJSON, supplyDemandRatio, type HeatmapCell, type HeatmapFeatureCollection } from './heatmap/heatmap-geojson.js';
import { smoothCells, tentWeights } from './heatmap/smooth-cells.js';
import type { Seconds } from './types.js';
import { assertLat, assertLng } from './validate.js';

export type { HeatmapCell, HeatmapFeature, HeatmapFeatureCollection } from './heatmap/heatmap-geojson.js';
export { supplyDemandRatio } from './heatmap/heatmap-geojson.js';
export { smoothingNormaliser, tentWeights } from './heatmap/smooth-cells.js';

/** What an event counts as: an order (demand) or an idle rider (supply). */
export type HeatmapEventKind = 'demand' | 'supply';

/** A field of {@link HeatmapCell} to rank cells by. */
export type HeatmapRankBy = 'demand' | 'supply' | 'ratio' | 'smoothedDemand' | 'smoothedSupply' | 'smoothedRatio';

/** Default H3 resolution of a heatmap (res 8: cells of ~0.74 km², edge ~530 m). */
export const DEFAULT_HEATMAP_RESOLUTION = 8;
/** Default sliding window: 15 minutes. */
export const DEFAULT_HEATMAP_WINDOW_SEC = 900;

/** Options of {@link H3Heatmap}. */
export interface H3HeatmapOptions {
  /** H3 resolution, an integer in [0, 15]. Default {@link DEFAULT_HEATMAP_RESOLUTION}. */
  readonly resolution?: number;
  /** Window length: an event counts while `nowSec - atSec < windowSec`. Default {@link DEFAULT_HEATMAP_WINDOW_SEC}. */
  readonly windowSec?: Seconds;
  /**
   * Time granularity in seconds, in [0, windowSec]: an event counts as if it happened at the start
   * of its `bucketSec`-long bucket (`floor(atSec / bucketSec) · bucketSec`), so it leaves the
   * window up to `bucketSec` early, and the events of one cell in one bucket share one entry:
   * memory is then bounded by (windowSec / bucketSec) × cells with events, whatever the event
   * rate. 0 (the default) keeps exact times (memory grows with the events in the window).
   */
  readonly bucketSec?: Seconds;
  /** Smoothing radius k in grid steps, an integer in [0, 10]; 0 turns smoothing off. Default 1. */
  readonly smoothingK?: number;
  /** Weight per grid distance 0..k (k + 1 finite values >= 0, the first > 0). Default {@link tentWeights}(k). */
  readonly smoothingWeights?: readonly number[];
}

const KIND_DEMAND = 0;
const KIND_SUPPLY = 1;

/**
 * Counts demand and supply events per H3 cell over a sliding window.
 *
 * Time: the heatmap keeps a clock, `nowSec`, the latest time it has seen (an event's `atSec` or
 * a `nowSec` given to {@link advanceTo} or a query). The clock never goes back: an earlier time
 * is ignored. An event counts while `nowSec - atSec < windowSec`; it expires (is removed) as soon
 * as the clock reaches `atSec + windowSec`. Events may arrive late, in any order, as long as they
 * are still inside the window; older ones are dropped (`add` returns false).
 *
 * Memory: one 16-byte entry per distinct (time, cell, kind) inside the window plus one slot per
 * cell with events; cells whose counts drop to zero are released. With exact times that is up to
 * one entry per event (at 5,000 orders/s and a 5-minute window, 1.5 M entries, 24 MB); with
 * `bucketSec` it is bounded by the buckets in the window times the cells with events.
 *
 * Smoothing (k-ring, `smoothCells`): smoothed(c) = Σ over cells c' within k grid steps of
 * `weights[dist(c, c')] · count(c')`, divided by `weights[0] + Σ_{d>=1} weights[d] · 6d`. With
 * the default k = 1 and tent weights [1, 0.5], a lone cell of 4 orders smooths to 1 on itself
 * and 0.5 on each of its 6 neighbours: the total is preserved.
 */
export class H3Heatmap {
  readonly resolution: number;
  readonly windowSec: Seconds;
  readonly bucketSec: Seconds;
  readonly smoothingK: number;
  readonly smoothingWeights: readonly number[];
  private clockSec = -Infinity;
  private readonly events = new EventWindow();
  private readonly slotByCell = new Map<string, number>();
  private cellOfSlot: string[] = [];
  private counts = new Int32Array(2 * 256); // [demand, supply] per slot
  private readonly freeSlots: number[] = [];

  constructor(options: H3HeatmapOptions = {}) {
    const { resolution = DEFAULT_HEATMAP_RESOLUTION, windowSec = DEFAULT_HEATMAP_WINDOW_SEC, bucketSec = 0, smoothingK = 1 } = options;
    if (typeof resolution !== 'number' || !Number.isInteger(resolution) || resolution < 0 || resolution > 15) {
      throw new GeoInputError('GEO_INVALID_RESOLUTION', 'options.resolution', 'must be an H3 resolution, an integer in [0, 15]', resolution);
    }
    if (typeof windowSec !== 'number' || !Number.isFinite(windowSec) || windowSec <= 0) {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', 'options.windowSec', 'must be a positive finite number of seconds', windowSec);
    }
    if (typeof bucketSec !== 'number' || !Number.isFinite(bucketSec) || bucketSec < 0 || bucketSec > windowSec) {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', 'options.bucketSec', `must be a number of seconds in [0, windowSec = ${windowSec}]`, bucketSec);
    }
    if (typeof smoothingK !== 'number' || !Number.isInteger(smoothingK) || smoothingK < 0 || smoothingK > 10) {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', 'options.smoothingK', 'must be an integer in [0, 10]', smoothingK);
    }
    const weights = options.smoothingWeights ?? tentWeights(smoothingK);
    if (
      !Array.isArray(weights) ||
      weights.length !== smoothingK + 1 ||
      !weights.every((w) => typeof w === 'number' && Number.isFinite(w) && w >= 0) ||
      !(weights[0]! > 0)
    ) {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', 'options.smoothingWeights', `must be ${smoothingK + 1} finite weights >= 0, the first > 0`, weights);
    }
    this.resolution = resolution;
    this.windowSec = windowSec;
    this.bucketSec = bucketSec;
    this.smoothingK = smoothingK;
    this.smoothingWeights = [...weights];
  }

  /** The clock: the latest time seen, `-Infinity` before any. */
  get nowSec(): Seconds {
    return this.clockSec;
  }

  /** Events inside the window. */
  get numEvents(): number {
    return this.events.size;
  }

  /** Entries held for the events inside the window (see the class doc's memory note); at most {@link H3Heatmap.numEvents}. */
  get numEntries(): number {
    return this.events.entries;
  }

  /** Cells with at least one event inside the window. */
  get numCells(): number {
    return this.slotByCell.size;
  }

  /**
   * Counts one event at `(lng, lat)` at time `atSec` (advancing the clock to it if later).
   * Returns false, counting nothing, when the event is already outside the window.
   * Throws GeoInputError for a bad kind, coordinate or time.
   */
  add(kind: HeatmapEventKind, lng: number, lat: number, atSec: Seconds): boolean {
    const kindIdx = kind === 'demand' ? KIND_DEMAND : kind === 'supply' ? KIND_SUPPLY : -1;
    if (kindIdx < 0) throw new GeoInputError('GEO_INVALID_ARGUMENT', 'kind', 'must be "demand" or "supply"', kind);
    if (!(lng >= -180 && lng <= 180 && lat >= -90 && lat <= 90)) {
      assertLng('lng', lng);
      assertLat('lat', lat);
    }
    if (typeof atSec !== 'number' || !Number.isFinite(atSec)) {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', 'atSec', 'must be a finite number of seconds', atSec);
    }
    if (atSec > this.clockSec) this.advanceTo(atSec);
    const countedAtSec = this.bucketSec > 0 ? Math.floor(atSec / this.bucketSec) * this.bucketSec : atSec;
    if (countedAtSec <= this.clockSec - this.windowSec) return false;
    const slot = this.slotOf(latLngToCell(lat, lng, this.resolution));
    this.counts[2 * slot + kindIdx]!++;
    this.events.push(countedAtSec, 2 * slot + kindIdx);
    return true;
  }

  /** Moves the clock to `nowSec` if later and expires the events that left the window. */
  advanceTo(nowSec: Seconds): void {
    if (typeof nowSec !== 'number' || Number.isNaN(nowSec) || nowSec === Infinity) {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', 'nowSec', 'must be a number of seconds (not NaN or Infinity)', nowSec);
    }
    if (nowSec <= this.clockSec) return;
    this.clockSec = nowSec;
    const cutoffSec = nowSec - this.windowSec;
    for (let payload = this.events.popAtOrBefore(cutoffSec); payload >= 0; payload = this.events.popAtOrBefore(cutoffSec)) {
      this.counts[payload]! -= this.events.poppedCount;
      const slot = payload >> 1;
      if (this.counts[2 * slot] === 0 && this.counts[2 * slot + 1] === 0) this.releaseSlot(slot);
    }
  }

  /** Raw counts in the window of the cell `h3` (zeros for a cell without events). */
  cellCounts(h3: string): { demand: number; supply: number } {
    const slot = this.slotByCell.get(h3);
    if (slot === undefined) return { demand: 0, supply: 0 };
    return { demand: this.counts[2 * slot]!, supply: this.counts[2 * slot + 1]! };
  }

  /** The H3 index of the cell containing `(lng, lat)` at this heatmap's resolution. */
  cellOf(lng: number, lat: number): string {
    assertLng('lng', lng);
    assertLat('lat', lat);
    return latLngToCell(lat, lng, this.resolution);
  }

  /** Raw counts in the window of the cell containing `(lng, lat)`. */
  countsAt(lng: number, lat: number): { demand: number; supply: number } {
    return this.cellCounts(this.cellOf(lng, lat));
  }

  /**
   * A snapshot of every cell with events or, when smoothing is on, within k steps of one:
   * raw and smoothed counts and ratios, sorted by H3 index. Advances the clock to `nowSec` first.
   */
  cells(nowSec?: Seconds): HeatmapCell[] {
    if (nowSec !== undefined) this.advanceTo(nowSec);
    const cells = [...this.slotByCell.keys()];
    const demand = new Float64Array(cells.length);
    const supply = new Float64Array(cells.length);
    cells.forEach((cell, i) => {
      const slot = this.slotByCell.get(cell)!;
      demand[i] = this.counts[2 * slot]!;
      supply[i] = this.counts[2 * slot + 1]!;
    });
    const smoothed = smoothCells(cells, demand, supply, this.smoothingWeights);
    const out: HeatmapCell[] = [];
    for (const [h3, v] of smoothed) {
      out.push({
        h3,
        demand: v.demand,
        supply: v.supply,
        ratio: supplyDemandRatio(v.demand, v.supply),
        smoothedDemand: v.smoothedDemand,
        smoothedSupply: v.smoothedSupply,
        smoothedRatio: supplyDemandRatio(v.smoothedDemand, v.smoothedSupply),
      });
    }
    return out.sort((a, b) => (a.h3 < b.h3 ? -1 : a.h3 > b.h3 ? 1 : 0));
  }

  /**
   * The `n` hottest cells of the snapshot, by `by` descending (default `smoothedDemand`), ties
   * broken by smoothed demand descending, then H3 index. With a ratio, cells of demand and no
   * supply (`Infinity`) come first.
   */
  hottest(n: number, by: HeatmapRankBy = 'smoothedDemand', nowSec?: Seconds): HeatmapCell[] {
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
      throw new GeoInputError('GEO_INVALID_ARGUMENT', 'n', 'must be an integer >= 0', n);
    }
    if (!RANK_FIELDS.has(by)) throw new GeoInputError('GEO_INVALID_ARGUMENT', 'by', `must be one of ${[...RANK_FIELDS].join(', ')}`, by);
    const cells = this.cells(nowSec);
    cells.sort((a, b) => compareDesc(a[by], b[by]) || compareDesc(a.smoothedDemand, b.smoothedDemand) || (a.h3 < b.h3 ? -1 : 1));
    return cells.slice(0, n);
  }

  /** The snapshot ({@link cells}) as a GeoJSON FeatureCollection of hexagons. */
  toGeoJSON(nowSec?: Seconds): HeatmapFeatureCollection {
    return heatmapCellsToGeoJSON(this.cells(nowSec));
  }

  private slotOf(cell: string): number {
    let slot = this.slotByCell.get(cell);
    if (slot !== undefined) return slot;
    slot = this.freeSlots.pop() ?? this.cellOfSlot.length;
    if (slot === this.cellOfSlot.length) {
      this.cellOfSlot.push(cell);
      if (2 * slot + 2 > this.counts.length) {
        const counts = new Int32Array(this.counts.length * 2);
        counts.set(this.counts);
        this.counts = counts;
      }
    } else {
      this.cellOfSlot[slot] = cell;
    }
    this.slotByCell.set(cell, slot);
    return slot;
  }

  private releaseSlot(slot: number): void {
    this.slotByCell.delete(this.cellOfSlot[slot]!);
    this.cellOfSlot[slot] = '';
    this.freeSlots.push(slot);
  }
}

const RANK_FIELDS: ReadonlySet<string> = new Set<HeatmapRankBy>(['demand', 'supply', 'ratio', 'smoothedDemand', 'smoothedSupply', 'smoothedRatio']);

/** Descending order of two numbers where Infinity is the largest (Infinity - Infinity is NaN). */
function compareDesc(a: number, b: number): number {
  return a === b ? 0 : a > b ? -1 : 1;
}
