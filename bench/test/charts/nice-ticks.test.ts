import assert from 'node:assert/strict';
import { decimalsForStep, linearTicks, logTicks, niceStep } from '@o2o/bench';

describe('niceStep', () => {
  it('rounds up to 1, 2, 5 or 10 times a power of ten', () => {
    assert.deepEqual([0.7, 1, 1.01, 2.2, 3, 7, 11, 41, 0.031].map(niceStep), [1, 1, 2, 5, 5, 10, 20, 50, 0.05]);
  });

  it('gives the decimals that print a step exactly', () => {
    assert.deepEqual([decimalsForStep(50), decimalsForStep(2.5), decimalsForStep(0.25), decimalsForStep(0.05)], [0, 1, 2, 2]);
  });
});

describe('linearTicks', () => {
  it('widens the range to whole nice steps, at most maxTicks ticks', () => {
    const t = linearTicks(0, 246, 7);
    assert.deepEqual(t.values, [0, 50, 100, 150, 200, 250]);
    assert.deepEqual([t.min, t.max, t.decimals], [0, 250, 0]);
    assert.deepEqual(linearTicks(-3, 17, 7).values, [-5, 0, 5, 10, 15, 20]);
    assert.deepEqual(linearTicks(0.1, 0.37, 7).values, [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4]);
  });

  it('does not add a step for a value a hair below a tick (a gap of -0.0004 %)', () => {
    assert.equal(linearTicks(-0.0004, 246, 7).min, 0);
    assert.equal(linearTicks(-1, 246, 7).min, -50);
  });

  it('keeps the range and lists the nice values inside it in inside mode', () => {
    const t = linearTicks(8, 66, 7, 'inside');
    assert.deepEqual([t.min, t.max, t.values], [8, 66, [10, 20, 30, 40, 50, 60]]);
  });

  it('gives a single value a small range around it', () => {
    assert.deepEqual(linearTicks(0, 0, 7).values, [-1, -0.5, 0, 0.5, 1]);
    const t = linearTicks(100, 100, 7);
    assert.ok(t.min < 100 && t.max > 100);
  });
});

describe('logTicks', () => {
  it('widens to 1, 2 or 5 x a power of ten at both ends, with 2x and 5x ticks over at most two decades', () => {
    const t = logTicks(1.65, 32.3);
    assert.deepEqual(t.values, [1, 2, 5, 10, 20, 50]);
    assert.deepEqual([t.min, t.max], [1, 50]);
    assert.deepEqual(logTicks(1.6, 1002).values, [1, 10, 100, 1000, 2000]);
    const wide = logTicks(0.5, 5000);
    assert.deepEqual([wide.values, wide.decimals], [[0.5, 1, 10, 100, 1000, 5000], 1]);
    assert.deepEqual(logTicks(0.013, 0.09).values, [0.01, 0.02, 0.05, 0.1]);
    assert.equal(logTicks(0.013, 0.09).decimals, 2);
    assert.deepEqual(logTicks(10, 10).values, [10, 20]);
    assert.deepEqual(logTicks(100, 1000).values, [100, 200, 500, 1000]);
  });
});
