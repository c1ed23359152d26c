import assert from 'node:assert/strict';
import { parseLiLim } from '@o2o/bench';
import { TINY_LILIM_TEXT } from '../fixtures/tiny-instances.js';

describe('parseLiLim', () => {
  it('reads the header and pairs pickups with deliveries through the sibling fields', () => {
    const instance = parseLiLim(TINY_LILIM_TEXT, 'tiny');
    assert.equal(instance.format, 'lilim');
    assert.deepEqual([instance.fleetSize, instance.capacity, instance.nodes.length], [2, 30, 5]);
    assert.deepEqual(instance.nodes[1], { id: 1, x: 10, y: 0, demand: 10, readyTime: 0, dueTime: 100, serviceTime: 5, pickupId: 0, deliveryId: 2 });
    assert.deepEqual(instance.nodes[4], { id: 4, x: 0, y: 20, demand: -15, readyTime: 50, dueTime: 60, serviceTime: 5, pickupId: 3, deliveryId: 0 });
  });

  it('accepts a speed field of 0 (some real files carry it) and ignores it', () => {
    assert.doesNotThrow(() => parseLiLim(TINY_LILIM_TEXT, 'tiny'));
    assert.doesNotThrow(() => parseLiLim(TINY_LILIM_TEXT.replace('2\t30\t0', '2\t30\t1'), 'tiny'));
  });

  it("throws when a delivery's demand is not minus its pickup's", () => {
    assert.throws(() => parseLiLim(TINY_LILIM_TEXT.replace('-15\t50', '-14\t50'), 'tiny'), /task 3's delivery 4 must name it as pickup sibling and have demand -15, got 3 and -14/);
  });

  it('throws when a pickup names no delivery', () => {
    assert.throws(() => parseLiLim(TINY_LILIM_TEXT.replace('5\t0\t2', '5\t0\t0'), 'tiny'), /task 1 is a pickup \(demand 10\), so it needs pickup sibling 0 and a delivery sibling in 1\.\.4, got 0 and 0/);
  });

  it('throws on a task with demand 0', () => {
    const text = TINY_LILIM_TEXT.replace('3\t0\t10\t15', '3\t0\t10\t0');
    assert.throws(() => parseLiLim(text, 'tiny'), /task 3 demand must be non-zero/);
  });

  it('throws naming the line when a row has the wrong number of fields', () => {
    assert.throws(() => parseLiLim(TINY_LILIM_TEXT.replace('\t3\t0\r\n', '\r\n'), 'tiny'), /tiny line 6: expected 9 integers .* got 7/);
  });
});
