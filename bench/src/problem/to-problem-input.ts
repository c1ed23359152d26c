/**
 * Builds the solver's `ProblemInput` from a scaled benchmark instance. Locations are node ids
 * (the depot is location 0). Solomon: one delivery `JobInput` per customer (demand loaded at the
 * depot). Li & Lim: one `ShipmentInput` per pickup/delivery pair, id `<pickup>-<delivery>`.
 * Vehicles: the instance's K, capacity Q, start and end at the depot, available from the
 * depot's ready time, back by its due time (`endBy`). Every stop time is in 1/factor units.
 *
 * Objectives: `distance` weighs travel time only (= distance, scaled), no fixed cost;
 * `hierarchical` adds a dominating fixed cost per vehicle (see `dominatingFixedCost`) and the
 * caller sets `minimiseVehicles` in the solve options.
 */
import type { JobInput, ProblemInput, ShipmentInput, StopInput, VehicleInput } from '@o2o/dispatch-core';
import type { BenchObjective } from '../args/solve-args.js';
import type { VrpInstance } from '../instances/vrp-instance.js';
import { dominatingFixedCost } from './dominating-fixed-cost.js';
import type { ScaledInstance } from './scale-instance.js';

export interface ScaledProblem {
  readonly input: ProblemInput;
  /** Fixed cost per vehicle in the objective (0 for `distance`), scaled units. */
  readonly vehicleFixedCost: number;
}

export function toProblemInput(instance: VrpInstance, scaled: ScaledInstance, objective: BenchObjective): ScaledProblem {
  const vehicleFixedCost = objective === 'hierarchical' ? dominatingFixedCost(scaled, instance.fleetSize) : 0;
  const vehicles: VehicleInput[] = Array.from({ length: instance.fleetSize }, (_, k) => ({
    id: `v${k + 1}`,
    startLocation: 0,
    endLocation: 0,
    startAt: scaled.readyTime[0] ?? 0,
    endBy: scaled.dueTime[0] ?? 0,
    capacity: [instance.capacity],
    ...(vehicleFixedCost > 0 ? { fixedCost: vehicleFixedCost } : {}),
  }));
  const stop = (id: number): StopInput => ({
    location: id,
    serviceSec: scaled.serviceTime[id] ?? 0,
    timeWindow: [scaled.readyTime[id] ?? 0, scaled.dueTime[id] ?? 0],
  });
  const customers = instance.nodes.slice(1);
  const input: ProblemInput = {
    numLocations: scaled.numNodes,
    durationMatrix: scaled.durationMatrix,
    vehicles,
    objective: objective === 'hierarchical' ? { durationSec: 0, travelSec: 1, fixedCost: 1 } : { durationSec: 0, travelSec: 1 },
    ...(instance.format === 'solomon'
      ? { jobs: customers.map((node): JobInput => ({ id: String(node.id), kind: 'delivery', demand: [node.demand], ...stop(node.id) })) }
      : {
          shipments: customers
            .filter((node) => node.demand > 0)
            .map((node): ShipmentInput => ({ id: `${node.id}-${node.deliveryId}`, pickup: stop(node.id), delivery: stop(node.deliveryId), demand: [node.demand] })),
        }),
  };
  return { input, vehicleFixedCost };
}
