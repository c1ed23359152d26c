import assert from 'node:assert/strict';
import { simKpis, simulate } from '@o2o/dispatch-core';
import { ScriptedPolicy, tinyScript, tinySim } from './fixtures/tiny-sim.js';

const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-9, `${actual} ≠ ${expected}`);

describe('simKpis', () => {
  it('computes every KPI of the scripted tiny run by hand', () => {
    const kpis = simKpis(tinySim(), simulate(tinySim(), tinyScript()));
    // Click-to-door (s): o1 850, o2 330, o3 420, o4 590; o5 never assigned.
    assert.equal(kpis.numOrders, 5);
    assert.equal(kpis.numDelivered, 4);
    close(kpis.deliveredPct, 80);
    close(kpis.clickToDoorMeanMin, 2190 / 4 / 60);
    close(kpis.clickToDoorP90Min, 850 / 60); // ⌈0.9 × 4⌉ = 4th smallest
    close(kpis.clickToDoorOverageMeanMin, (370 + 0 + 0 + 110) / 4 / 60); // target 480 s
    assert.equal(kpis.numOverMaxClickToDoor, 1); // max 600 s: only o1
    close(kpis.onTimePct, 50); // by placement + 480 s: o2 and o3
    close(kpis.readyToPickupMeanMin, (100 + 0 + 0 + 0) / 4 / 60);
    close(kpis.readyToDoorMeanMin, (550 + 190 + 140 + 290) / 4 / 60);
    close(kpis.courierHours, 1.5);
    close(kpis.ordersPerCourierHour, 4 / 1.5);
    // c1: max(2 × 10, 25 × 1) = 25 (guarantee); c2: max(2 × 10, 25 × 0.5) = 20.
    close(kpis.payTotal, 45);
    close(kpis.payPerOrder, 45 / 4);
    close(kpis.onGuaranteePct, 50);
    close(kpis.meanBundleSize, 4 / 3);
    // Busy: c1 moves 0 + 50 + 250, 1 pickup (120), 2 drop-offs (60 each) = 540;
    // c2 moves 0 + 100 + 100 + 200, 2 pickups, 2 drop-offs = 760; shifts 3600 + 1800.
    close(kpis.courierUtilizationPct, (100 * 1300) / 5400);
    close(kpis.distancePerOrderKm, 7000 / 4 / 1000);
  });

  it('measures on-time delivery against promisedBy when orders have one', () => {
    // o1 promised by 900 (dropped off 850: on time, late by the target), o2 by 380 (390: late, on
    // time by the target); o3 and o4 by placement + 480 s (on time, late).
    const orders = tinySim().orders.map((o, i) => (i === 0 ? { ...o, promisedBy: 900 } : i === 1 ? { ...o, promisedBy: 380 } : o));
    const instance = tinySim({ orders });
    close(simKpis(instance, simulate(instance, tinyScript())).onTimePct, 50);
    const generous = tinySim({ orders: orders.map((o, i) => (i === 1 ? { ...o, promisedBy: 400 } : o)) });
    close(simKpis(generous, simulate(generous, tinyScript())).onTimePct, 75);
  });

  it('reports NaN means and no pay per order when nothing is delivered', () => {
    const kpis = simKpis(tinySim(), simulate(tinySim(), new ScriptedPolicy({})));
    assert.equal(kpis.numDelivered, 0);
    assert.ok(Number.isNaN(kpis.clickToDoorMeanMin) && Number.isNaN(kpis.clickToDoorP90Min) && Number.isNaN(kpis.payPerOrder));
    close(kpis.payTotal, 25 * 1 + 25 * 0.5);
    close(kpis.onGuaranteePct, 100);
  });
});
