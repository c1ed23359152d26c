/**
 * The supply/demand heatmap as the ops view draws it: every H3 cell of the service's heatmap as a
 * polygon (geo's `toGeoJSON`, so the browser needs no H3), with its raw demand and supply over the
 * window and the target surge multiplier the pricing curve gives its k-ring smoothed demand and
 * supply (before the per-cell smoothing over time that quotes apply).
 */
import { surgeTargetMultiplier, type SurgeConfig } from '@o2o/dispatch-core';
import type { H3Heatmap } from '@o2o/geo';
import type { OpsHeatCell, OpsPoint } from './ops-types.js';
import { opsPoint } from './store-service-area.js';

/** The heatmap's cells at `now` (advancing its clock), sorted by H3 index. */
export function opsHeatCells(heatmap: H3Heatmap, now: number, surge: SurgeConfig): OpsHeatCell[] {
  return heatmap.toGeoJSON(now).features.map((f): OpsHeatCell => {
    const p = f.properties;
    const ring: OpsPoint[] = f.geometry.coordinates[0]!.map((c) => opsPoint(c[0]!, c[1]!));
    const multiplier = surgeTargetMultiplier(p.smoothedDemand, p.smoothedSupply, surge).multiplier;
    return { h3: p.h3, ring, demand: p.demand, supply: p.supply, surge: Math.round(multiplier * 100) / 100 };
  });
}
