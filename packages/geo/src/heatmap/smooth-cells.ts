import { gridDiskDistances } from 'h3-js';

/** Raw and smoothed demand and supply of the cells of a heatmap snapshot. */
export interface CellValues {
  demand: number;
  supply: number;
  smoothedDemand: number;
  smoothedSupply: number;
}

/** The default k-ring weights: a tent, `w[d] = 1 - d / (k + 1)` (k = 1: `[1, 0.5]`; k = 2: `[1, 2/3, 1/3]`). */
export function tentWeights(k: number): number[] {
  return Array.from({ length: k + 1 }, (_, d) => (k + 1 - d) / (k + 1));
}

/**
 * The normaliser of k-ring smoothing: `w[0] + Σ_{d=1..k} w[d] · 6d`, the total weight of a full
 * hexagonal disk (ring d holds 6d cells). Dividing by it makes smoothing a weighted mean that
 * preserves the total count (away from the 12 pentagons, whose rings are shorter).
 */
export function smoothingNormaliser(weights: readonly number[]): number {
  return weights.reduce((sum, w, d) => sum + w * (d === 0 ? 1 : 6 * d), 0);
}

/**
 * k-ring smoothing by scattering: each cell's count spreads to every cell at grid distance
 * d <= k with weight `weights[d] / normaliser`, so
 *   smoothed(c) = Σ_{c' : dist(c, c') <= k} weights[dist] · count(c') / smoothingNormaliser(weights).
 * Returns raw and smoothed values for the support: the given cells and their k-rings.
 */
export function smoothCells(
  cells: readonly string[],
  demand: ArrayLike<number>,
  supply: ArrayLike<number>,
  weights: readonly number[],
): Map<string, CellValues> {
  const k = weights.length - 1;
  const norm = smoothingNormaliser(weights);
  const out = new Map<string, CellValues>();
  const valuesOf = (cell: string): CellValues => {
    let values = out.get(cell);
    if (!values) {
      values = { demand: 0, supply: 0, smoothedDemand: 0, smoothedSupply: 0 };
      out.set(cell, values);
    }
    return values;
  };
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i]!;
    const d0 = demand[i]!;
    const s0 = supply[i]!;
    const own = valuesOf(cell);
    own.demand = d0;
    own.supply = s0;
    const rings = k === 0 ? [[cell]] : gridDiskDistances(cell, k);
    for (let d = 0; d < rings.length; d++) {
      const share = weights[d]! / norm;
      for (const target of rings[d]!) {
        const values = valuesOf(target);
        values.smoothedDemand += share * d0;
        values.smoothedSupply += share * s0;
      }
    }
  }
  return out;
}
