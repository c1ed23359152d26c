/** Input and output types of {@link suggestRebalancing}, and the input's validation. */
import { isTravelMode, type LngLat, type TravelMode } from '@o2o/geo';
import type { DispatchInputError } from '../errors.js';
import { IssueCollector } from '../model/issue-collector.js';

/** One cell (an H3 cell or any zone) with its expected demand and supply over the horizon. */
export interface RebalanceCell {
  /** Key of the cell, e.g. its H3 index; unique. */
  readonly cell: string;
  /** Centre `[lng, lat]`: where a repositioned rider is sent. */
  readonly center: LngLat;
  /** Expected orders in the cell over `rebalancing.horizonSec` (finite, ≥ 0). */
  readonly demand: number;
  /**
   * Expected available riders in the cell over the horizon (finite, ≥ 0), including the idle
   * riders standing in it (it is raised to their number if lower).
   */
  readonly supply: number;
  /** Riders without `cell` farther than this from the nearest centre are in no cell, metres. Default: no limit. */
  readonly radiusM?: number;
}

/** An idle rider that may be repositioned (a `Rider` of the model fits). */
export interface RebalanceRider {
  /** External id, unique among the riders. */
  readonly id: string;
  /** Where the rider stands, `[lng, lat]`. */
  readonly position: LngLat;
  /** Sets the reposition speed (geo's `DEFAULT_SPEED_MPS`); default `rebalancing.speedMps`. */
  readonly mode?: TravelMode;
  /**
   * The rider's cell. Omitted: the cell of nearest centre (within its `radiusM`). A cell not in
   * the input means "in no cell" (the rider's departure loses nothing).
   */
  readonly cell?: string;
}

/** Input of {@link suggestRebalancing}. */
export interface RebalanceInput {
  readonly riders: readonly RebalanceRider[];
  readonly cells: readonly RebalanceCell[];
}

/** One suggested move of an idle rider. */
export interface RebalanceSuggestion {
  readonly riderId: string;
  /** The rider's cell, `null` when in no cell of the input. */
  readonly fromCell: string | null;
  readonly toCell: string;
  /** Estimated road distance to the target's centre (straight line × `detourFactor`), whole metres. */
  readonly distanceM: number;
  /** Travel time at the rider's speed, whole seconds (rounded up). */
  readonly travelSec: number;
  /** Expected extra orders served in the target cell over the horizon. */
  readonly servedGainOrders: number;
  /** Expected orders no longer served in the origin cell. */
  readonly lostOrders: number;
  /** Net gain: `servedGainOrders − lostOrders` (≥ `rebalancing.minGainOrders`). */
  readonly gainOrders: number;
}

/**
 * Checks every field of a rebalancing input under `field`.
 * @throws {@link DispatchInputError} listing every broken rule, e.g. `rebalance.cells[2].demand must be a finite number ≥ 0, got -1`.
 */
export function checkRebalanceInput(input: unknown, field: string): asserts input is RebalanceInput {
  const issues = new IssueCollector();
  if (!issues.checkObject(field, input)) issues.throwIfAny();
  const { riders, cells } = input as Record<string, unknown>;
  if (issues.checkArray(`${field}.cells`, cells)) {
    const seen = new Set<string>();
    cells.forEach((c, i) => {
      const at = `${field}.cells[${i}]`;
      if (!issues.checkObject(at, c)) return;
      if (issues.checkNonEmptyString(`${at}.cell`, c.cell)) {
        if (seen.has(c.cell)) issues.add('DUPLICATE_ID', `${at}.cell`, 'must be unique among the cells', c.cell);
        seen.add(c.cell);
      }
      issues.checkLngLat(`${at}.center`, c.center);
      for (const key of ['demand', 'supply'] as const) checkNonNegative(issues, `${at}.${key}`, c[key]);
      if (c.radiusM !== undefined && !(typeof c.radiusM === 'number' && c.radiusM > 0)) {
        issues.invalid(`${at}.radiusM`, 'must be a number > 0 when given', c.radiusM);
      }
    });
  }
  if (issues.checkArray(`${field}.riders`, riders)) {
    const seen = new Set<string>();
    riders.forEach((r, i) => {
      const at = `${field}.riders[${i}]`;
      if (!issues.checkObject(at, r)) return;
      if (issues.checkNonEmptyString(`${at}.id`, r.id)) {
        if (seen.has(r.id)) issues.add('DUPLICATE_ID', `${at}.id`, 'must be unique among the riders', r.id);
        seen.add(r.id);
      }
      issues.checkLngLat(`${at}.position`, r.position);
      if (r.mode !== undefined && !isTravelMode(r.mode)) issues.invalid(`${at}.mode`, 'must be a travel mode (walk, bike, escooter, car) when given', r.mode);
      if (r.cell !== undefined) issues.checkNonEmptyString(`${at}.cell`, r.cell);
    });
  }
  issues.throwIfAny();
}

function checkNonNegative(issues: IssueCollector, field: string, value: unknown): void {
  if (!(typeof value === 'number' && Number.isFinite(value) && value >= 0)) issues.invalid(field, 'must be a finite number ≥ 0', value);
}
