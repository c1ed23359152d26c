/**
 * The `rebalancing` section of {@link DispatchConfig}: how idle riders are moved from
 * over-supplied to under-supplied H3 cells (see {@link suggestRebalancing}).
 */
import { integerParam, numberParam, type ConfigSchema } from './config-param.js';

/** The `rebalancing` section (defaults, ranges and meanings: {@link REBALANCING_CONFIG_SCHEMA}). */
export interface RebalancingConfig {
  readonly horizonSec: number;
  readonly ordersPerRider: number;
  readonly maxRepositionM: number;
  readonly maxRepositionSec: number;
  readonly speedMps: number;
  readonly detourFactor: number;
  readonly minGainOrders: number;
  readonly maxMoves: number;
}

/** Metadata (type, default, meaning, rule) of every `rebalancing` parameter. */
export const REBALANCING_CONFIG_SCHEMA: ConfigSchema<RebalancingConfig> = {
  horizonSec: integerParam(1800, 60, 14_400, 'Period the expected demand and supply of a cell cover, seconds; a rider travelling t seconds serves the target for (1 - t / horizonSec) of it.'),
  ordersPerRider: numberParam(1, 0.1, 50, 'Orders one rider can serve in the horizon (supply × this is the capacity of a cell).'),
  maxRepositionM: integerParam(3000, 0, 50_000, 'Longest reposition, metres of estimated road distance (straight line × `detourFactor`).'),
  maxRepositionSec: integerParam(900, 0, 7200, 'Longest reposition, seconds of travel.'),
  speedMps: numberParam(4.2, 0.5, 30, 'Reposition speed of riders without a travel mode, metres per second (riders with one use geo\'s `DEFAULT_SPEED_MPS`).'),
  detourFactor: numberParam(1.3, 1, 3, 'Road distance over straight-line distance for repositions.'),
  minGainOrders: numberParam(0.1, 0.001, 100, 'Smallest net gain (expected extra orders served in the horizon) worth a move.'),
  maxMoves: integerParam(50, 0, 10_000, 'Most moves suggested per call.'),
};
