/**
 * A frozen read of an `H3Heatmap`: every cell with its centre, raw and k-ring smoothed demand and
 * supply, looked up by H3 index or by position. Feeds surge pricing and rebalancing.
 */
import { EARTH_RADIUS_M, PointIndex, haversineDistanceM, type H3Heatmap, type LngLat } from '@o2o/geo';
import type { EpochSeconds } from '../model/epoch-seconds.js';

/** Demand and supply around a cell (for surge: smoothed over the cell and its k-ring). */
export interface SupplyDemand {
  readonly demand: number;
  readonly supply: number;
}

/** A plain source of demand and supply by cell; `undefined` means none (zeros). */
export type SupplyDemandFn = (cell: string) => SupplyDemand | undefined;

/** One cell of a {@link HeatmapSnapshot}. */
export interface SnapshotCell {
  /** H3 index. */
  readonly cell: string;
  /** Centre `[lng, lat]` (mean of the hexagon's vertices). */
  readonly center: LngLat;
  /** Largest distance from the centre to a vertex, metres. */
  readonly radiusM: number;
  /** Raw counts in the heatmap's window. */
  readonly demand: number;
  readonly supply: number;
  /** k-ring smoothed counts (the heatmap's weighted mean over the cell and its neighbours). */
  readonly smoothedDemand: number;
  readonly smoothedSupply: number;
}

/** See the module doc. */
export class HeatmapSnapshot {
  /** The cells, sorted by H3 index. */
  readonly cells: readonly SnapshotCell[];
  private readonly idxByCell: ReadonlyMap<string, number>;
  private readonly index: PointIndex;

  private constructor(cells: readonly SnapshotCell[]) {
    this.cells = Object.freeze(cells);
    this.idxByCell = new Map(cells.map((c, i) => [c.cell, i]));
    this.index = PointIndex.from(cells.map((c) => c.center));
  }

  /**
   * Reads `heatmap` (its `toGeoJSON(nowSec)`, which advances its clock to `nowSec` when given):
   * every cell with events and, when it smooths, the cells within k steps of one.
   */
  static fromHeatmap(heatmap: H3Heatmap, nowSec?: EpochSeconds): HeatmapSnapshot {
    const cells = heatmap.toGeoJSON(nowSec).features.map((f): SnapshotCell => {
      const ring = f.geometry.coordinates[0]!.slice(0, -1); // closed ring: drop the repeated first vertex
      const lng = ring.reduce((s, p) => s + p[0]!, 0) / ring.length;
      const lat = ring.reduce((s, p) => s + p[1]!, 0) / ring.length;
      const radiusM = Math.max(...ring.map((p) => haversineDistanceM(lng, lat, p[0]!, p[1]!)));
      const { h3, demand, supply, smoothedDemand, smoothedSupply } = f.properties;
      return Object.freeze({ cell: h3, center: Object.freeze([lng, lat] as const), radiusM, demand, supply, smoothedDemand, smoothedSupply });
    });
    return new HeatmapSnapshot(cells);
  }

  /** The cell with H3 index `cell`, if in the snapshot. */
  get(cell: string): SnapshotCell | undefined {
    const idx = this.idxByCell.get(cell);
    return idx === undefined ? undefined : this.cells[idx];
  }

  /** Smoothed demand and supply of `cell` (zeros for a cell outside the snapshot). */
  supplyDemandOf(cell: string): SupplyDemand {
    const c = this.get(cell);
    return c === undefined ? { demand: 0, supply: 0 } : { demand: c.smoothedDemand, supply: c.smoothedSupply };
  }

  /**
   * The snapshot cell a position falls in: the cell of nearest centre, if the position is within
   * that cell's `radiusM` (hexagon circumradius); `undefined` farther out. Inside the snapshot
   * this is the containing cell (up to the projection's distortion, metres at an edge). A position
   * in a cell outside the snapshot but within ~13% of an edge length of a snapshot cell gets that
   * cell. An approximation that needs no h3-js: use the exact H3 index when you have it.
   */
  cellAt(lng: number, lat: number): string | undefined {
    const nearest = this.index.nearestWithDistances(lng, lat, 1, EARTH_RADIUS_M * Math.PI)[0];
    if (nearest === undefined) return undefined;
    const c = this.cells[nearest.idx]!;
    return nearest.distanceM <= c.radiusM ? c.cell : undefined;
  }
}
