import assert from 'node:assert/strict';
import { findSolutionViolations, verifySolution, type ProblemInput, type Route, type RouteStop, type SolutionOutput } from '@o2o/dispatch-core';
import {
  oneRiderTwoDims,
  stop,
  twinShipments,
  twoRiders,
  withCost,
  withJob,
  withRoute,
  withShipment,
  withStop,
  withStops,
  withVehicle,
} from './fixtures/verify-instances.js';

/** The solution with `isFeasible: false`: a broken hard rule then yields only its own violation. */
function infeasible(solution: SolutionOutput): SolutionOutput {
  return { ...solution, isFeasible: false };
}

function assertViolations(input: ProblemInput, solution: SolutionOutput, expected: readonly string[]): void {
  assert.deepEqual(verifySolution(input, solution), expected);
}

/** Relabels a stop (kind and id) without touching its numbers. */
function relabel(solution: SolutionOutput, vehicleId: string, position: number, kind: RouteStop['kind'], id: string): SolutionOutput {
  return withStop(solution, vehicleId, position, { kind, id });
}

describe('verifySolution', () => {
  describe('hand-checked feasible solutions', () => {
    for (const [name, build] of [['twoRiders', twoRiders], ['oneRiderTwoDims', oneRiderTwoDims], ['twinShipments', twinShipments]] as const) {
      it(`finds nothing wrong with ${name}`, () => {
        const { input, solution } = build();
        assertViolations(input, solution, []);
      });
    }

    it('accepts a listed route without job stops, which costs nothing', () => {
      const { input, solution } = oneRiderTwoDims();
      const empty = { vehicleId: 'r2', stops: [stop('start', 'r2', 3, [0, 0, 0], [0, 0], 0), stop('end', 'r2', 3, [0, 0, 0], [0, 0], 0)] };
      const totals = { durationSec: 0, travelSec: 0, distanceM: 0, waitSec: 0, latenessSec: 0, cost: 0 };
      assertViolations(input, { ...solution, routes: [...solution.routes, { ...empty, ...totals }] }, []);
    });

    it('lets an on-board delivery start after the shift end, and a pickup start exactly at it', () => {
      const { input, solution } = twoRiders();
      // v2: pickup s3 starts at 250, delivery s3 at 310
      assertViolations(withVehicle(input, 'v2', { shiftEndAt: 250 }), solution, []);
    });

    it('accepts a ride exactly at maxRideSec', () => {
      const { input, solution } = twoRiders();
      assertViolations(withShipment(input, 's1', { maxRideSec: 210 }), solution, []);
    });

    it('compares costs with a relative tolerance of 1e-9', () => {
      const { input, solution } = twoRiders();
      assertViolations(input, withCost(solution, { distance: 45 + 1e-12, total: 2960 * (1 + 1e-10) }), []);
      assert.equal(verifySolution(input, withCost(solution, { total: 2960 * (1 + 1e-8) })).length, 1);
    });
  });

  describe('hard rules', () => {
    it('reports service starting after the time window end', () => {
      const { input, solution } = twoRiders();
      assertViolations(withJob(input, 'j1', { timeWindow: [0, 300] }), infeasible(solution), [
        'route of vehicle v1, stop 2 (job j1): service starts at 340, after its time window end 300',
      ]);
    });

    it('reports arriving at the end location after endBy', () => {
      const { input, solution } = twoRiders();
      assertViolations(withVehicle(input, 'v1', { endBy: 850 }), infeasible(solution), [
        'route of vehicle v1, stop 5 (end v1): arrives at endLocation 0 at 860, after endBy 850',
      ]);
    });

    it('applies endBy to the last departure of an open route', () => {
      const { input, solution } = oneRiderTwoDims();
      assertViolations(withVehicle(input, 'r1', { endBy: 50 }), infeasible(solution), [
        'route of vehicle r1, stop 3 (job c): the route ends at its departure 53, after endBy 50',
      ]);
    });

    it('reports a delivery-kind job starting after the shift end', () => {
      const { input, solution } = oneRiderTwoDims();
      assertViolations(withVehicle(input, 'r1', { shiftEndAt: 50 }), infeasible(solution), [
        "route of vehicle r1, stop 3 (job c): service starts at 53, after the vehicle's shift end 50",
      ]);
    });

    it('reports a pickup-kind job starting after the shift end, not the delivery before it', () => {
      const { input, solution } = twoRiders();
      assertViolations(withVehicle(input, 'v1', { shiftEndAt: 480 }), infeasible(solution), [
        "route of vehicle v1, stop 4 (job j2): service starts at 600, after the vehicle's shift end 480",
      ]);
    });

    it('reports a load over capacity', () => {
      const { input, solution } = twoRiders();
      assertViolations(withVehicle(input, 'v1', { capacity: [2] }), infeasible(solution), [
        'route of vehicle v1, stop 1 (pickup s1): load [3] exceeds capacity [2] in dimension 0',
      ]);
    });

    it('reports an over-capacity route once, from the start, per dimension, counting later stops', () => {
      const { input, solution } = oneRiderTwoDims();
      assertViolations(withVehicle(input, 'r1', { capacity: [2, 0] }), infeasible(solution), [
        'route of vehicle r1, stop 0 (start r1): load [1, 1] exceeds capacity [2, 0] in dimension 1 (and at 1 later stop(s))',
      ]);
    });

    it('reports more orders on board than the bag limit', () => {
      const { input, solution } = twoRiders();
      assertViolations(withVehicle(input, 'v1', { bagLimit: 1 }), infeasible(solution), [
        'route of vehicle v1, stop 1 (pickup s1): 2 orders on board, over the bag limit 1',
      ]);
    });

    it('reports a ride longer than maxRideSec', () => {
      const { input, solution } = twoRiders();
      assertViolations(withShipment(input, 's1', { maxRideSec: 200 }), infeasible(solution), [
        'route of vehicle v1, stop 3 (delivery s1): ride from leaving the pickup (stop 1) at 280 to delivery service start 490 is 210 s, over maxRideSec 200',
      ]);
    });

    it('reports a delivery before its pickup', () => {
      const { input, solution } = twinShipments();
      // w1 visits pickup a, delivery b, pickup b, delivery a: same places, same numbers
      const broken = relabel(relabel(solution, 'w1', 3, 'delivery', 'b'), 'w1', 5, 'delivery', 'a');
      assertViolations(input, infeasible(broken), ['route of vehicle w1, stop 3 (delivery b): delivered before its pickup at stop 4']);
    });

    it('reports a shipment picked up by one vehicle and delivered by another', () => {
      const { input, solution } = twinShipments();
      const broken = relabel(relabel(solution, 'w1', 5, 'delivery', 'd'), 'w2', 5, 'delivery', 'b');
      assertViolations(input, infeasible(broken), [
        'shipment b: pickup in route of vehicle w1 (stop 4) but delivery in route of vehicle w2 (stop 5); both must be in one route',
        'shipment d: pickup in route of vehicle w2 (stop 4) but delivery in route of vehicle w1 (stop 5); both must be in one route',
      ]);
    });

    it('reports a pickup whose delivery is in no route', () => {
      const { input, solution } = twinShipments();
      // w1 ends after pickup b, at 30: 10 s shorter
      let broken = withStops(solution, 'w1', (stops) => stops.slice(0, 5));
      broken = withRoute(broken, 'w1', { durationSec: 30, travelSec: 30, cost: 30 });
      broken = withCost(broken, { duration: 70, total: 70 });
      assertViolations(input, infeasible(broken), ['route of vehicle w1, stop 4 (pickup b): shipment b is picked up, but its delivery is in no route']);
    });

    it('reports a stop visited twice', () => {
      const { input, solution } = twinShipments();
      // w2 serves a (already served by w1) instead of d; d is listed as unassigned
      let broken = relabel(relabel(solution, 'w2', 4, 'pickup', 'a'), 'w2', 5, 'delivery', 'a');
      broken = { ...broken, unassigned: [{ id: 'd', kind: 'shipment', reason: 'no_room' }] };
      assertViolations(input, infeasible(broken), [
        'route of vehicle w2, stop 4 (pickup a): pickup a is already visited at route of vehicle w1, stop 2 (pickup a)',
        'route of vehicle w2, stop 5 (delivery a): delivery a is already visited at route of vehicle w1, stop 3 (delivery a)',
      ]);
    });

    it('reports an unknown id, and goes on from its reported numbers', () => {
      const { input, solution } = twinShipments();
      assertViolations(input, infeasible(relabel(solution, 'w2', 5, 'delivery', 'zz')), [
        "route of vehicle w2, stop 5 (delivery zz): no shipment 'zz' in the problem",
        'route of vehicle w2, stop 4 (pickup d): shipment d is picked up, but its delivery is in no route',
      ]);
    });

    it('reports a stop kind that does not match the id', () => {
      const { input, solution } = twinShipments();
      assertViolations(input, infeasible(relabel(solution, 'w2', 5, 'job', 'd')), [
        "route of vehicle w2, stop 5 (job d): d is a shipment, so its stops are kind 'pickup' / 'delivery', not 'job'",
        'route of vehicle w2, stop 4 (pickup d): shipment d is picked up, but its delivery is in no route',
      ]);
    });

    it('reports on-board orders delivered by another vehicle (and the committed stop moved with them)', () => {
      const { input, solution } = twinShipments();
      const broken = relabel(relabel(solution, 'w1', 1, 'delivery', 'o2'), 'w2', 1, 'delivery', 'o1');
      assertViolations(input, infeasible(broken), [
        "route of vehicle w1: the first job stops must be the committed stops ['o1:delivery', 'a:pickup'] in this order, found ['o2:delivery', 'a:pickup']",
        'route of vehicle w2, stop 1 (delivery o1): shipment o1 is on board vehicle w1, so only w1 may deliver it',
        'route of vehicle w1, stop 1 (delivery o2): shipment o2 is on board vehicle w2, so only w2 may deliver it',
      ]);
    });

    it('reports an on-board order that is not delivered, even when listed as unassigned', () => {
      const { input, solution } = twinShipments();
      // w2 keeps o2 on board: one more unit and order after every job stop, same times
      const carryO2 = (s: RouteStop, p: number): RouteStop =>
        p === 0 ? s : { ...s, load: s.load.map((x) => x + 1), ordersOnBoard: s.ordersOnBoard + 1 };
      let broken = withStops(solution, 'w2', (stops) => stops.filter((_, p) => p !== 1).map(carryO2));
      broken = { ...broken, unassigned: [{ id: 'o2', kind: 'shipment', reason: 'no_room' }] };
      assertViolations(input, infeasible(broken), ['shipment o2 is on board vehicle w2, but its delivery is in no route (it is listed as unassigned)']);
    });

    it('reports visiting the pickup of an on-board order', () => {
      const { input, solution } = twinShipments();
      // w2 picks up o2 (already on board) where it would pick up d, and delivers d: same numbers
      const broken = relabel(solution, 'w2', 4, 'pickup', 'o2');
      assertViolations(input, infeasible(broken), [
        'route of vehicle w2, stop 4 (pickup o2): shipment o2 is already on board vehicle w2, so its pickup must not be visited',
        'route of vehicle w2, stop 5 (delivery d): shipment d is delivered, but its pickup is in no route',
      ]);
    });

    it('reports committed stops out of order', () => {
      const { input, solution } = twinShipments();
      assertViolations(withVehicle(input, 'w1', { committed: ['a:pickup', 'o1:delivery'] }), infeasible(solution), [
        "route of vehicle w1: the first job stops must be the committed stops ['a:pickup', 'o1:delivery'] in this order, found ['o1:delivery', 'a:pickup']",
      ]);
    });

    it('reports committed stops of a vehicle without a route', () => {
      const { input, solution } = oneRiderTwoDims();
      assertViolations(withVehicle(input, 'r2', { committed: ['d'] }), infeasible(solution), ["vehicle r2 has committed stops ['d'] but no route"]);
    });

    it('reports a missing skill once per shipment', () => {
      const { input, solution } = twoRiders();
      const needsSkill = { ...input, shipments: input.shipments!.map((s) => (s.id === 's3' ? { ...s, skills: [7] } : s)) };
      const where = solution.routes.find((r) => r.stops.some((st) => st.id === 's3'))!;
      const pos = where.stops.findIndex((st) => st.id === 's3');
      assertViolations(needsSkill, infeasible(solution), [`route of vehicle ${where.vehicleId}, stop ${pos} (pickup s3): vehicle ${where.vehicleId} lacks skill(s) [7] of shipment s3`]);
    });

    it('asks no skill of what the vehicle has committed to or carries on board', () => {
      const { input, solution } = twoRiders();
      assertViolations(withVehicle(input, 'v1', { skills: [] }), solution, []);
    });

    it('reports a missing end stop (and still recomputes the route to its end location)', () => {
      const { input, solution } = twoRiders();
      assertViolations(input, infeasible(withStops(solution, 'v1', (stops) => stops.slice(0, 5))), [
        "route of vehicle v1: the vehicle has endLocation 0, so the last stop must be an 'end' stop",
      ]);
    });

    it('reports an end stop on an open route', () => {
      const { input, solution } = twoRiders();
      const broken = withStops(solution, 'v2', (stops) => [...stops, stop('end', 'v2', 2, [325, 325, 325], [0], 0)]);
      assertViolations(input, infeasible(broken), [
        "route of vehicle v2, stop 4 (end v2): the vehicle has no endLocation, so its route has no 'end' stop",
      ]);
    });

    it('reports a route of an unknown vehicle and a vehicle routed twice', () => {
      const { input, solution } = twoRiders();
      const [v1, v2] = solution.routes as [Route, Route];
      const stranger = { ...v1, vehicleId: 'r9', stops: [] };
      const v2Again = { ...v2, stops: v2.stops.slice(0, 1), durationSec: 0, travelSec: 0, distanceM: 0, cost: 0 };
      assertViolations(input, infeasible({ ...solution, routes: [v1, v2, stranger, v2Again] }), [
        "route 2 names unknown vehicle 'r9'",
        'route 3: vehicle v2 already has a route',
      ]);
    });
  });

  describe('the unassigned list', () => {
    it('reports a job neither routed nor listed', () => {
      const { input, solution } = oneRiderTwoDims();
      assertViolations(input, { ...solution, unassigned: solution.unassigned.slice(1) }, ['job d is in no route and not listed in unassigned']);
    });

    it('reports a job listed twice', () => {
      const { input, solution } = oneRiderTwoDims();
      const unassigned = [...solution.unassigned, { id: 'e', kind: 'job', reason: 'capacity' } as const];
      assertViolations(input, { ...solution, unassigned }, ['unassigned[2] (job e): listed more than once']);
    });

    it('reports a routed job listed as unassigned', () => {
      const { input, solution } = oneRiderTwoDims();
      const unassigned = [...solution.unassigned, { id: 'a', kind: 'job', reason: 'no_room' } as const];
      assertViolations(input, { ...solution, unassigned }, ['unassigned[2] (job a): listed as unassigned, but it has a stop in a route']);
    });

    it('reports an entry of the wrong kind', () => {
      const { input, solution } = oneRiderTwoDims();
      const unassigned = [solution.unassigned[0]!, { id: 'e', kind: 'shipment', reason: 'capacity' } as const];
      assertViolations(input, { ...solution, unassigned }, [
        "unassigned[1] (shipment e): the problem has no 'shipment' with id 'e'",
        'job e is in no route and not listed in unassigned',
      ]);
    });
  });

  describe('consistency of reported numbers', () => {
    it('reports a stop time that differs from the recomputation', () => {
      const { input, solution } = twoRiders();
      assertViolations(input, withStop(solution, 'v1', 2, { arrivalAt: 341 }), [
        'route of vehicle v1, stop 2 (job j1): reported values differ from the recomputation: arrivalAt 341 (expected 340)',
      ]);
    });

    it('reports wait, lateness, load and bag count that differ, in one message per stop', () => {
      const { input, solution } = oneRiderTwoDims();
      assertViolations(input, withStop(solution, 'r1', 2, { waitSec: 0, latenessSec: 1, load: [2, 1], ordersOnBoard: 3 }), [
        'route of vehicle r1, stop 2 (job b): reported values differ from the recomputation: waitSec 0 (expected 13), latenessSec 1 (expected 0), ordersOnBoard 3 (expected 2), load [2, 1] (expected [2, 0])',
      ]);
    });

    it('reports a start or end stop that differs', () => {
      const { input, solution } = twoRiders();
      const broken = withStop(withStop(solution, 'v1', 0, { id: 'v2', startAt: 0 }), 'v1', 5, { location: 1 });
      assertViolations(input, broken, [
        "route of vehicle v1, stop 0 (start v2): reported values differ from the recomputation: id 'v2' (expected 'v1'), startAt 0 (expected 100)",
        'route of vehicle v1, stop 5 (end v1): reported values differ from the recomputation: location 1 (expected 0)',
      ]);
    });

    it('reports a wrong lock flag', () => {
      const { input, solution } = twinShipments();
      assertViolations(input, withStop(solution, 'w1', 2, { isLocked: false }), [
        'route of vehicle w1, stop 2 (pickup a): reported values differ from the recomputation: isLocked false (expected true)',
      ]);
    });

    it('reports route totals that differ', () => {
      const { input, solution } = twoRiders();
      assertViolations(input, withRoute(solution, 'v2', { travelSec: 290, cost: 480 }), [
        'route of vehicle v2: reported totals differ from the recomputation: travelSec 290 (expected 300), cost 480 (expected 490)',
      ]);
    });

    it('reports cost terms that differ', () => {
      const { input, solution } = twoRiders();
      assertViolations(input, withCost(solution, { travel: 460 }), ['cost breakdown differs from the recomputation: travel 460 (expected 450)']);
    });

    it('adds the penalty of an unassigned job once it is optional', () => {
      const { input, solution } = oneRiderTwoDims();
      assertViolations(withJob(input, 'e', { unassignedPenalty: 7 }), solution, [
        'cost breakdown differs from the recomputation: unassigned 40 (expected 47), total 96 (expected 103)',
      ]);
    });

    it('reports a wrong numVehiclesUsed', () => {
      const { input, solution } = twoRiders();
      assertViolations(input, { ...solution, numVehiclesUsed: 3 }, ['numVehiclesUsed is 3, but 2 route(s) have job stops']);
    });

    it('reports isFeasible false on a feasible solution', () => {
      const { input, solution } = twoRiders();
      assertViolations(input, infeasible(solution), ['isFeasible is false, but no hard constraint is violated']);
    });

    it('reports isFeasible true on an infeasible solution', () => {
      const { input, solution } = twoRiders();
      assertViolations(withJob(input, 'j1', { timeWindow: [0, 300] }), solution, [
        'route of vehicle v1, stop 2 (job j1): service starts at 340, after its time window end 300',
        'isFeasible is true, but 1 hard constraint violation(s) were found',
      ]);
    });
  });

  describe('findSolutionViolations', () => {
    it('tags each violation with its rule and whether it is hard', () => {
      const { input, solution } = twoRiders();
      const violations = findSolutionViolations(withVehicle(input, 'v1', { bagLimit: 1 }), withCost(solution, { fixed: 0 }));
      assert.deepEqual(
        violations.map((v) => [v.rule, v.isHard]),
        [['bag_limit', true], ['cost_mismatch', false], ['feasibility_flag', false]],
      );
    });
  });
});
