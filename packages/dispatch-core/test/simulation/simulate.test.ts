import assert from 'node:assert/strict';
import { DispatchInputError, simulate, SimAssignmentError, type SimAssignment, type SimAssignmentRule } from '@o2o/dispatch-core';
import { ScriptedPolicy, tinyScript, tinySim, withCourier } from './fixtures/tiny-sim.js';

describe('simulate', () => {
  it('executes the scripted tiny run at the instants computed by hand', () => {
    const result = simulate(tinySim(), tinyScript());
    // c1 at A: leaves 120, no travel, pickup max(120+60, ready 400) = 400, leaves 460; o3 customer
    // 50 s away: arrives 510, drop-off 540, leaves 570; o1 customer 2500 m away: 820, 850, 880.
    // c2 at B: pickup max(180, 200) = 200, leaves 260, o2 100 s away: 360, 390, free 420 at (1000, 1000).
    // At 600: c2 back to B (100 s): 700, pickup max(760, 900) = 900, leaves 960, o4 200 s: 1160, 1190.
    assert.deepEqual(result.orders, [
      { placedAt: 0, readyAt: 300, assignedAt: 120, pickupAt: 400, dropoffAt: 850, courier: 0 },
      { placedAt: 60, readyAt: 200, assignedAt: 120, pickupAt: 200, dropoffAt: 390, courier: 1 },
      { placedAt: 120, readyAt: 400, assignedAt: 120, pickupAt: 400, dropoffAt: 540, courier: 0 },
      { placedAt: 600, readyAt: 900, assignedAt: 600, pickupAt: 900, dropoffAt: 1190, courier: 1 },
      { placedAt: 3700, readyAt: 3800, assignedAt: null, pickupAt: null, dropoffAt: null, courier: null },
    ]);
    assert.deepEqual(result.itineraries[0], [
      { type: 'move', departAt: 120, arriveAt: 120, distanceM: 0, to: { kind: 'store', store: 0 } },
      { type: 'pickup', at: 400, assignedAt: 120, store: 0, orders: [2, 0] },
      { type: 'move', departAt: 460, arriveAt: 510, distanceM: 500, to: { kind: 'customer', order: 2 } },
      { type: 'dropoff', at: 540, order: 2 },
      { type: 'move', departAt: 570, arriveAt: 820, distanceM: 2500, to: { kind: 'customer', order: 0 } },
      { type: 'dropoff', at: 850, order: 0 },
    ]);
    assert.deepEqual(
      result.itineraries[1]?.filter((e) => e.type === 'move').map((e) => [e.departAt, e.arriveAt]),
      [[120, 120], [260, 360], [600, 700], [960, 1160]],
    );
    assert.deepEqual(result.unassigned, [4]);
    assert.equal(result.numBundles, 3);
    assert.equal(result.horizonEndSec, 3600);
    assert.equal(result.policy, 'scripted');
  });

  it('shows the policy waiting orders and, per courier, when and where it is free', () => {
    const policy = tinyScript();
    simulate(tinySim(), policy);
    assert.deepEqual(policy.views.map((v) => [v.now, v.trigger, v.unassigned]), [
      [0, { kind: 'placement', order: 0 }, [0]],
      [60, { kind: 'placement', order: 1 }, [0, 1]],
      [120, { kind: 'placement', order: 2 }, [0, 1, 2]],
      [600, { kind: 'placement', order: 3 }, [3]],
    ]);
    // At 600 c1 is on its way to o1 (free at 880 at o1's customer, o3 delivered at 540); c2 is idle at o2's customer.
    assert.deepEqual(policy.views[3]?.couriers, [
      { courier: 0, freeAt: 880, freeX: 0, freeY: 2000, openBundles: 1, delivered: 1 },
      { courier: 1, freeAt: 600, freeX: 1000, freeY: 1000, openBundles: 0, delivered: 1 },
    ]);
    assert.deepEqual(policy.views[0]?.couriers.map((c) => [c.courier, c.freeAt, c.openBundles, c.delivered]), [[0, 0, 0, 0], [1, 0, 0, 0]]);
  });

  it('lists a courier only from onAt and while a pickup by offAt is still possible', () => {
    // c2 starts at 100; at 600 it is idle but 600 + 60 (half the pickup service) > offAt 650.
    const instance = withCourier(1, { onAt: 100, offAt: 650 });
    const policy = new ScriptedPolicy({ placement: { 2: [{ courier: 1, orders: [1] }] } });
    simulate(instance, policy);
    assert.deepEqual(policy.views.map((v) => v.couriers.map((c) => c.courier)), [[0], [0], [0, 1], [0]]);
  });

  it('visits the stores of a mixed bundle in order of first appearance when bundles may mix stores', () => {
    const policy = new ScriptedPolicy({ placement: { 1: [{ courier: 0, orders: [0, 1] }] } });
    const result = simulate(tinySim({ sameStoreBundlesOnly: false }), policy);
    // A: pickup max(60+60, 300) = 300, leave 360; B 100 s: 460, pickup max(520, 200) = 520, leave 580;
    // o1 customer 3000 m: 880, drop 910, leave 940; o2 customer 2000 m: 1140, drop 1170.
    assert.deepEqual(result.itineraries[0]?.filter((e) => e.type !== 'move'), [
      { type: 'pickup', at: 300, assignedAt: 60, store: 0, orders: [0] },
      { type: 'pickup', at: 520, assignedAt: 60, store: 1, orders: [1] },
      { type: 'dropoff', at: 910, order: 0 },
      { type: 'dropoff', at: 1170, order: 1 },
    ]);
  });

  it('decides at ticks only while orders wait, jumping to the tick after the next placement', () => {
    const assignFirstListed = new (class extends ScriptedPolicy {
      override decide(view: Parameters<ScriptedPolicy['decide']>[0]): readonly SimAssignment[] {
        super.decide(view);
        return view.unassigned.map((o) => ({ courier: 0, orders: [o] }));
      }
    })({}, 300, false);
    const result = simulate(tinySim(), assignFirstListed);
    assert.deepEqual(assignFirstListed.views.map((v) => [v.now, v.trigger.kind, v.unassigned]), [
      [0, 'epoch', [0]],
      [300, 'epoch', [1, 2]],
      [600, 'epoch', [3]],
    ]);
    assert.equal(result.numDecisions, 3);
    assert.deepEqual(result.unassigned, [4]);
  });

  it('ticks until the horizon end while an order waits, and leaves it unassigned then', () => {
    const waiting = new ScriptedPolicy({}, 600, false);
    const result = simulate(tinySim(), waiting, { horizonEndSec: 2000 });
    assert.deepEqual(waiting.views.map((v) => v.now), [0, 600, 1200, 1800]);
    assert.deepEqual(result.unassigned, [0, 1, 2, 3, 4]);
    assert.equal(result.horizonEndSec, 2000);
  });

  it('is deterministic', () => {
    assert.deepEqual(simulate(tinySim(), tinyScript()), simulate(tinySim(), tinyScript()));
  });

  it('rejects a bad instance and a bad epoch with a DispatchInputError', () => {
    const bad = tinySim({ orders: [...tinySim().orders].reverse() });
    assert.throws(() => simulate(bad, tinyScript()), (e: unknown) => e instanceof DispatchInputError && e.field === 'orders[1].placedAt');
    assert.throws(() => simulate(tinySim(), new ScriptedPolicy({}, -5)), (e: unknown) => e instanceof DispatchInputError && e.field === 'policy.epochSec');
  });

  describe('assignment validation', () => {
    const cases: { readonly title: string; readonly rule: SimAssignmentRule; readonly field: string; readonly script: Record<number, readonly SimAssignment[]>; readonly instance?: ReturnType<typeof tinySim> }[] = [
      { title: 'an unknown courier', rule: 'UNKNOWN_COURIER', field: 'assignments[0].courier', script: { 0: [{ courier: 2, orders: [0] }] } },
      { title: 'an empty bundle', rule: 'EMPTY_BUNDLE', field: 'assignments[0].orders', script: { 0: [{ courier: 0, orders: [] }] } },
      { title: 'an unknown order', rule: 'UNKNOWN_ORDER', field: 'assignments[0].orders[0]', script: { 0: [{ courier: 0, orders: [9] }] } },
      { title: 'an order twice in one bundle', rule: 'DUPLICATE_ORDER', field: 'assignments[0].orders[1]', script: { 0: [{ courier: 0, orders: [0, 0] }] } },
      {
        title: 'an order in two bundles of one decision',
        rule: 'DUPLICATE_ORDER',
        field: 'assignments[1].orders[0]',
        script: { 0: [{ courier: 0, orders: [0] }, { courier: 1, orders: [0] }] },
      },
      { title: 'an order assigned by an earlier decision', rule: 'ORDER_ALREADY_ASSIGNED', field: 'assignments[0].orders[0]', script: { 0: [{ courier: 0, orders: [0] }], 1: [{ courier: 1, orders: [0] }] } },
      { title: 'an order not placed yet', rule: 'ORDER_NOT_PLACED', field: 'assignments[0].orders[0]', script: { 0: [{ courier: 0, orders: [1] }] } },
      { title: 'a bundle of two stores', rule: 'MIXED_STORES', field: 'assignments[0].orders[1]', script: { 1: [{ courier: 0, orders: [0, 1] }] } },
      { title: 'a courier off duty', rule: 'COURIER_OFF_DUTY', field: 'assignments[0].courier', script: { 3: [{ courier: 1, orders: [3] }] }, instance: withCourier(1, { offAt: 500 }) },
      // c2 free at 600 at (1000, 1000): B at 700, pickup max(760, 900) = 900 > offAt 880.
      { title: 'a pickup after offAt', rule: 'PICKUP_AFTER_OFF_TIME', field: 'assignments[0].courier', script: { 3: [{ courier: 1, orders: [3] }] }, instance: withCourier(1, { offAt: 880 }) },
    ];
    for (const c of cases) {
      it(`rejects ${c.title} naming the rule, the field and the ids`, () => {
        assert.throws(
          () => simulate(c.instance ?? tinySim(), new ScriptedPolicy({ placement: c.script })),
          (error: unknown) => {
            assert.ok(error instanceof SimAssignmentError, String(error));
            assert.equal(error.code, 'INVALID_ASSIGNMENT');
            assert.equal(error.rule, c.rule);
            assert.equal(error.field, c.field);
            assert.equal(error.policy, 'scripted');
            assert.match(error.message, new RegExp(`^policy "scripted" at \\d+ s: ${c.field.replace(/[[\]]/g, '\\$&')} .*, got .* \\[${c.rule}\\]$`));
            return true;
          },
        );
      });
    }

    it('names the order and when it was assigned', () => {
      const policy = new ScriptedPolicy({ placement: { 0: [{ courier: 0, orders: [0] }], 1: [{ courier: 1, orders: [0] }] } });
      assert.throws(() => simulate(tinySim(), policy), /order 0 \("o1"\) went to courier 0 at 0 s\), got 0/);
    });

    it('rejects an answer that is not an array', () => {
      const policy = new ScriptedPolicy({ placement: { 0: null as unknown as SimAssignment[] } });
      policy.decide = () => null as unknown as SimAssignment[];
      assert.throws(() => simulate(tinySim(), policy), (e: unknown) => e instanceof SimAssignmentError && e.rule === 'MALFORMED_ASSIGNMENTS');
    });
  });
});
