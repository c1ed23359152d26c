import assert from 'node:assert/strict';
import { DispatchInputError, SurgeSmoother } from '@o2o/dispatch-core';
import { mulberry32 } from '@o2o/geo';

const T0 = 1_700_000_000;
const HALF_LIFE_SEC = 300;

describe('SurgeSmoother', () => {
  it('starts a new cell at its target', () => {
    const s = new SurgeSmoother();
    assert.equal(s.smooth('a', 1.8, T0, HALF_LIFE_SEC), 1.8);
    assert.deepEqual(s.peek('a'), { multiplier: 1.8, atSec: T0 });
  });

  it('moves half-way to the target per half-life', () => {
    const s = new SurgeSmoother();
    s.smooth('a', 2, T0, HALF_LIFE_SEC);
    assert.equal(s.smooth('a', 1, T0 + 300, HALF_LIFE_SEC), 1.5);
    assert.equal(s.smooth('a', 1, T0 + 600, HALF_LIFE_SEC), 1.25);
    assert.equal(s.smooth('a', 1, T0 + 900, HALF_LIFE_SEC), 1.125);
  });

  it('follows the continuous-time formula for any gap', () => {
    const s = new SurgeSmoother();
    s.smooth('a', 1, T0, HALF_LIFE_SEC);
    const expected = 2 + (1 - 2) * 2 ** (-60 / HALF_LIFE_SEC);
    assert.ok(Math.abs(s.smooth('a', 2, T0 + 60, HALF_LIFE_SEC) - expected) < 1e-12);
  });

  it('gives quotes in the same second, or out of order, the stored value', () => {
    const s = new SurgeSmoother();
    s.smooth('a', 2, T0, HALF_LIFE_SEC);
    assert.equal(s.smooth('a', 1, T0 + 300, HALF_LIFE_SEC), 1.5);
    assert.equal(s.smooth('a', 1, T0 + 300, HALF_LIFE_SEC), 1.5);
    assert.equal(s.smooth('a', 2, T0 + 100, HALF_LIFE_SEC), 1.5);
    assert.deepEqual(s.peek('a'), { multiplier: 1.5, atSec: T0 + 300 });
  });

  it('keeps cells apart', () => {
    const s = new SurgeSmoother();
    s.smooth('a', 2, T0, HALF_LIFE_SEC);
    assert.equal(s.smooth('b', 1, T0 + 300, HALF_LIFE_SEC), 1);
    assert.equal(s.peek('a')?.multiplier, 2);
  });

  it('returns the target with a zero half-life', () => {
    const s = new SurgeSmoother();
    s.smooth('a', 2, T0, 0);
    assert.equal(s.smooth('a', 1, T0 + 1, 0), 1);
  });

  it('stays between the previous value and the target, so within the curve bounds', () => {
    const rng = mulberry32(11);
    const s = new SurgeSmoother();
    let t = T0;
    let prev = s.smooth('a', 1, t, HALF_LIFE_SEC);
    for (let i = 0; i < 1000; i++) {
      t += Math.floor(rng() * 200);
      const target = 1 + rng();
      const next = s.smooth('a', target, t, HALF_LIFE_SEC);
      assert.ok(next >= Math.min(prev, target) - 1e-12 && next <= Math.max(prev, target) + 1e-12, `step ${i}`);
      assert.ok(next >= 1 && next <= 2);
      prev = next;
    }
  });

  it('jumps less than the target does between quotes a few seconds apart', () => {
    const s = new SurgeSmoother();
    s.smooth('a', 1, T0, HALF_LIFE_SEC);
    const next = s.smooth('a', 2, T0 + 10, HALF_LIFE_SEC);
    assert.ok(next > 1 && next < 1.03, String(next));
  });

  it('forgets the least recently updated cell beyond maxCells', () => {
    const s = new SurgeSmoother(2);
    s.smooth('a', 2, T0, HALF_LIFE_SEC);
    s.smooth('b', 2, T0, HALF_LIFE_SEC);
    s.smooth('a', 2, T0 + 1, HALF_LIFE_SEC);
    s.smooth('c', 2, T0 + 2, HALF_LIFE_SEC);
    assert.equal(s.size, 2);
    assert.equal(s.peek('b'), undefined);
    assert.ok(s.peek('a') && s.peek('c'));
    s.clear();
    assert.equal(s.size, 0);
  });

  it('rejects a maxCells that is not a positive integer', () => {
    assert.throws(() => new SurgeSmoother(0), (e: unknown) => e instanceof DispatchInputError && e.message === 'maxCells must be a positive integer, got 0');
  });
});
