/** Rebalancing cells read from a heatmap snapshot. */
import type { HeatmapSnapshot } from '../pricing/heatmap-snapshot.js';
import type { RebalanceCell } from './rebalance-input.js';

/** Options of {@link rebalanceCellsFromHeatmap}. */
export interface RebalanceCellsFromHeatmapOptions {
  /**
   * Expected orders over the horizon per order counted in the heatmap's window (e.g.
   * `horizonSec / windowSec` when demand is steady). Default 1.
   */
  readonly demandScale?: number;
  /** Expected riders per supply event counted (e.g. `1 / pings per rider in the window`). Default 1. */
  readonly supplyScale?: number;
  /** Use the k-ring smoothed counts (default) or the raw ones. */
  readonly smoothed?: boolean;
}

/**
 * One {@link RebalanceCell} per snapshot cell: its centre and circumradius, and its (smoothed by
 * default) demand and supply times the scales.
 */
export function rebalanceCellsFromHeatmap(snapshot: HeatmapSnapshot, options: RebalanceCellsFromHeatmapOptions = {}): RebalanceCell[] {
  const { demandScale = 1, supplyScale = 1, smoothed = true } = options;
  return snapshot.cells.map((c) => ({
    cell: c.cell,
    center: c.center,
    radiusM: c.radiusM,
    demand: (smoothed ? c.smoothedDemand : c.demand) * demandScale,
    supply: (smoothed ? c.smoothedSupply : c.supply) * supplyScale,
  }));
}
