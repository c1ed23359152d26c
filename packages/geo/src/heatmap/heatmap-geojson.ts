import { cellToBoundary } from 'h3-js';

/** One cell of a heatmap snapshot. Ratios follow {@link supplyDemandRatio}. */
export interface HeatmapCell {
  /** H3 index of the cell. */
  readonly h3: string;
  /** Orders in the window. */
  readonly demand: number;
  /** Idle riders in the window. */
  readonly supply: number;
  /** `demand / supply` (see {@link supplyDemandRatio}). */
  readonly ratio: number;
  /** k-ring smoothed demand (a weighted mean, see `smoothCells`). */
  readonly smoothedDemand: number;
  readonly smoothedSupply: number;
  /** `smoothedDemand / smoothedSupply`, same conventions as `ratio`. */
  readonly smoothedRatio: number;
}

/** A GeoJSON Feature of one heatmap cell: its hexagon, properties as in {@link HeatmapCell}. */
export interface HeatmapFeature {
  readonly type: 'Feature';
  readonly id: string;
  readonly geometry: { readonly type: 'Polygon'; readonly coordinates: number[][][] };
  /** Ratios are `null` where {@link HeatmapCell} has `Infinity` (JSON has no Infinity). */
  readonly properties: {
    readonly h3: string;
    readonly demand: number;
    readonly supply: number;
    readonly ratio: number | null;
    readonly smoothedDemand: number;
    readonly smoothedSupply: number;
    readonly smoothedRatio: number | null;
  };
}

/** A GeoJSON FeatureCollection of heatmap cells. */
export interface HeatmapFeatureCollection {
  readonly type: 'FeatureCollection';
  readonly features: HeatmapFeature[];
}

/**
 * Demand over supply of a cell: `demand / supply`; 0 when both are 0 (nothing happens there);
 * `Infinity` when there is demand and no supply (orders nobody is near to take).
 */
export function supplyDemandRatio(demand: number, supply: number): number {
  if (supply > 0) return demand / supply;
  return demand > 0 ? Infinity : 0;
}

/**
 * Cells as a GeoJSON FeatureCollection of hexagons: each ring is `cellToBoundary(h3, true)`,
 * i.e. `[lng, lat]` positions, counter-clockwise, closed (first position repeated last).
 */
export function heatmapCellsToGeoJSON(cells: readonly HeatmapCell[]): HeatmapFeatureCollection {
  return {
    type: 'FeatureCollection',
    features: cells.map((cell): HeatmapFeature => {
      const ring = cellToBoundary(cell.h3, true);
      const first = ring[0]!;
      const last = ring[ring.length - 1]!;
      if (first[0] !== last[0] || first[1] !== last[1]) ring.push([first[0]!, first[1]!]);
      return {
        type: 'Feature',
        id: cell.h3,
        geometry: { type: 'Polygon', coordinates: [ring] },
        properties: {
          h3: cell.h3,
          demand: cell.demand,
          supply: cell.supply,
          ratio: finiteOrNull(cell.ratio),
          smoothedDemand: cell.smoothedDemand,
          smoothedSupply: cell.smoothedSupply,
          smoothedRatio: finiteOrNull(cell.smoothedRatio),
        },
      };
    }),
  };
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
